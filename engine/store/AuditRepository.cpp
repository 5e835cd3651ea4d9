#include "engine/store/AuditRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlQuery>

namespace certdeck::store {
namespace {

const QString kSelect =
    QStringLiteral("SELECT id, at, actor, certificate_id, action, outcome, details FROM audit_events");

Result<QList<AuditEvent>> eventsWhere(const QSqlDatabase& db, const QString& clause, const QVariantList& params)
{
    auto query = sql::run(db, kSelect + QLatin1Char(' ') + clause, params, QStringLiteral("read the audit trail"));
    if (!query) {
        return query.error();
    }
    QList<AuditEvent> events;
    while (query->next()) {
        AuditEvent event;
        event.id = query->value(0).toLongLong();
        event.at = sql::timeFrom(query->value(1));
        event.actor = query->value(2).toString();
        event.certificateId = query->value(3).toLongLong();
        event.action = query->value(4).toString();
        event.outcome = query->value(5).toString();
        event.details = sql::jsonObject(query->value(6));
        events.append(event);
    }
    return events;
}

} // namespace

AuditRepository::AuditRepository(const Database& db)
    : m_db(db)
{
}

Result<qint64> AuditRepository::append(const AuditEvent& event) const
{
    const QDateTime at = event.at.isValid() ? event.at : QDateTime::currentDateTimeUtc();
    qint64 id = 0;
    const Status status = m_db.transaction([&]() -> Status {
        auto inserted = sql::scalar(m_db.connection(),
                                    QStringLiteral("INSERT INTO audit_events (at, actor, certificate_id, action,"
                                                   " outcome, details) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                                    {sql::time(at), event.actor, sql::idOrNull(event.certificateId), event.action,
                                     event.outcome, sql::jsonText(event.details)},
                                    QStringLiteral("record \"%1\" in the audit trail").arg(event.action));
        if (!inserted) {
            return inserted.error();
        }
        id = inserted->toLongLong();
        return {};
    });
    if (!status) {
        return status.error();
    }
    return id;
}

Result<QList<AuditEvent>> AuditRepository::forCertificate(qint64 certificateId) const
{
    return eventsWhere(m_db.connection(), QStringLiteral("WHERE certificate_id = ? ORDER BY id"), {certificateId});
}

Result<QList<AuditEvent>> AuditRepository::recent(int limit) const
{
    return eventsWhere(m_db.connection(), QStringLiteral("ORDER BY id DESC LIMIT ?"), {qMax(0, limit)});
}

} // namespace certdeck::store
