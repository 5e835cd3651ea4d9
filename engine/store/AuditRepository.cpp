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

Result<QList<AuditEvent>> AuditRepository::query(const AuditQuery& filter) const
{
    QStringList conditions;
    QVariantList params;
    if (filter.since.isValid()) {
        conditions << QStringLiteral("at >= ?");
        params << sql::time(filter.since);
    }
    if (filter.until.isValid()) {
        conditions << QStringLiteral("at < ?");
        params << sql::time(filter.until);
    }
    if (filter.certificateId != 0) {
        conditions << QStringLiteral("certificate_id = ?");
        params << filter.certificateId;
    }
    if (!filter.actor.isEmpty()) {
        conditions << QStringLiteral("actor = ?");
        params << filter.actor;
    }
    if (filter.action.endsWith(QLatin1Char('.'))) {
        conditions << QStringLiteral("substr(action, 1, ?) = ?");
        params << filter.action.size() << filter.action;
    } else if (!filter.action.isEmpty()) {
        conditions << QStringLiteral("action = ?");
        params << filter.action;
    }
    if (!filter.outcome.isEmpty()) {
        conditions << QStringLiteral("outcome = ?");
        params << filter.outcome;
    }
    if (!filter.text.isEmpty()) {
        // instr()/strpos() on lower(): no LIKE wildcards to escape.
        const QString fn =
            m_db.dialect() == QLatin1String("postgresql") ? QStringLiteral("strpos") : QStringLiteral("instr");
        conditions << QStringLiteral("(%1(lower(actor), ?) > 0 OR %1(lower(action), ?) > 0"
                                     " OR %1(lower(outcome), ?) > 0 OR %1(lower(details), ?) > 0)")
                          .arg(fn);
        const QString needle = filter.text.toLower();
        params << needle << needle << needle << needle;
    }
    QString clause;
    if (!conditions.isEmpty()) {
        clause = QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
    clause += filter.newestFirst ? QStringLiteral(" ORDER BY id DESC") : QStringLiteral(" ORDER BY id");
    if (filter.limit > 0) {
        clause += QStringLiteral(" LIMIT ?");
        params << filter.limit;
    }
    return eventsWhere(m_db.connection(), clause, params);
}

} // namespace certdeck::store
