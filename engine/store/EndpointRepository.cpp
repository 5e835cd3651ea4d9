#include "engine/store/EndpointRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlQuery>

namespace certdeck::store {
namespace {

const QString kSelect = QStringLiteral("SELECT id, host, port, server_name, bot_id, certificate_id, fingerprint,"
                                       " server_type, source, details, error, seen_at FROM endpoints");

EndpointRecord endpointFrom(const QSqlQuery& q)
{
    EndpointRecord e;
    int c = 0;
    e.id = q.value(c++).toLongLong();
    e.host = q.value(c++).toString();
    e.port = q.value(c++).toInt();
    e.serverName = q.value(c++).toString();
    e.botId = q.value(c++).toLongLong();
    e.certificateId = q.value(c++).toLongLong();
    e.fingerprint = q.value(c++).toString();
    e.serverType = q.value(c++).toString();
    e.source = q.value(c++).toString();
    e.details = sql::jsonObject(q.value(c++));
    e.error = q.value(c++).toString();
    e.seenAt = sql::timeFrom(q.value(c++));
    return e;
}

QString describe(const EndpointRecord& e)
{
    return e.serverName.isEmpty() ? QStringLiteral("%1:%2").arg(e.host).arg(e.port)
                                  : QStringLiteral("%1:%2 (%3)").arg(e.host).arg(e.port).arg(e.serverName);
}

Result<QList<EndpointRecord>> select(const Database& db, const QString& where, const QVariantList& params,
                                     const QString& what)
{
    auto query =
        sql::run(db.connection(), kSelect + where + QStringLiteral(" ORDER BY host, port, server_name"), params, what);
    if (!query) {
        return query.error();
    }
    QList<EndpointRecord> endpoints;
    while (query->next()) {
        endpoints.append(endpointFrom(*query));
    }
    return endpoints;
}

} // namespace

EndpointRepository::EndpointRepository(const Database& db)
    : m_db(db)
{
}

Status EndpointRepository::upsertAll(QList<EndpointRecord>& endpoints) const
{
    QList<qint64> ids;
    ids.reserve(endpoints.size());
    const QString now = sql::nowText();
    const Status status = m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        for (const EndpointRecord& e : endpoints) {
            if (e.host.trimmed().isEmpty() || e.port < 1 || e.port > 65535) {
                return fail(QStringLiteral("Could not save the endpoint %1: it needs a host and a port (1-65535).")
                                .arg(describe(e)),
                            QStringLiteral("invalid"));
            }
            // A network discovery (no bot, no details) keeps what a bot's scan knew about the same endpoint.
            auto id = sql::scalar(
                db,
                QStringLiteral(
                    "INSERT INTO endpoints (host, port, server_name, bot_id, certificate_id, fingerprint, server_type,"
                    " source, details, error, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (host, port, server_name) DO UPDATE SET"
                    " bot_id = COALESCE(excluded.bot_id, endpoints.bot_id),"
                    " certificate_id = excluded.certificate_id,"
                    " fingerprint = excluded.fingerprint,"
                    " server_type = CASE WHEN excluded.server_type = '' THEN endpoints.server_type"
                    " ELSE excluded.server_type END,"
                    " source = excluded.source,"
                    " details = CASE WHEN excluded.details = '{}' THEN endpoints.details ELSE excluded.details END,"
                    " error = excluded.error,"
                    " seen_at = excluded.seen_at"
                    " RETURNING id"),
                {e.host.trimmed(), e.port, e.serverName, sql::idOrNull(e.botId), sql::idOrNull(e.certificateId),
                 e.fingerprint.toLower(), e.serverType, e.source, sql::jsonText(e.details), e.error,
                 e.seenAt.isValid() ? sql::time(e.seenAt) : QVariant(now)},
                QStringLiteral("save the endpoint %1").arg(describe(e)));
            if (!id) {
                return id.error();
            }
            ids.append(id->toLongLong());
        }
        return {};
    });
    if (!status) {
        return status;
    }
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        endpoints[i].id = ids.at(i);
        if (!endpoints[i].seenAt.isValid()) {
            endpoints[i].seenAt = sql::timeFrom(now);
        }
    }
    return {};
}

Result<QList<EndpointRecord>> EndpointRepository::all() const
{
    return select(m_db, {}, {}, QStringLiteral("read the discovered endpoints"));
}

Result<QList<EndpointRecord>> EndpointRepository::forCertificate(qint64 certificateId) const
{
    return select(m_db, QStringLiteral(" WHERE certificate_id = ?"), {certificateId},
                  QStringLiteral("read the endpoints of certificate #%1").arg(certificateId));
}

Result<QList<EndpointRecord>> EndpointRepository::forBot(qint64 botId) const
{
    return select(m_db, QStringLiteral(" WHERE bot_id = ?"), {botId},
                  QStringLiteral("read the endpoints found by bot #%1").arg(botId));
}

Status EndpointRepository::removeForBot(qint64 botId) const
{
    return m_db.transaction([&]() -> Status {
        auto removed = sql::run(m_db.connection(), QStringLiteral("DELETE FROM endpoints WHERE bot_id = ?"), {botId},
                                QStringLiteral("remove the endpoints found by bot #%1").arg(botId));
        return removed ? Status() : Status(removed.error());
    });
}

} // namespace certdeck::store
