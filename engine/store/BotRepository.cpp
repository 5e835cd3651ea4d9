#include "engine/store/BotRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlQuery>

namespace certdeck::store {
namespace {

const QString kLocalBotName = QStringLiteral("local");

const QString kSelect = QStringLiteral("SELECT id, name, transport, host, port, user_name, host_key_fingerprint,"
                                       " protocol_version, last_seen, scan, auth_method, use_sudo, install_path,"
                                       " bot_version, last_error, scanned_at, role FROM bots");

Bot botFrom(const QSqlQuery& q)
{
    Bot bot;
    bot.id = q.value(QStringLiteral("id")).toLongLong();
    bot.name = q.value(QStringLiteral("name")).toString();
    bot.transport = botTransportFromId(q.value(QStringLiteral("transport")).toString());
    bot.host = q.value(QStringLiteral("host")).toString();
    bot.port = q.value(QStringLiteral("port")).toInt();
    bot.user = q.value(QStringLiteral("user_name")).toString();
    bot.hostKeyFingerprint = q.value(QStringLiteral("host_key_fingerprint")).toString();
    bot.protocolVersion = q.value(QStringLiteral("protocol_version")).toInt();
    bot.lastSeen = sql::timeFrom(q.value(QStringLiteral("last_seen")));
    bot.scan = sql::jsonObject(q.value(QStringLiteral("scan")));
    bot.auth = sshAuthMethodFromId(q.value(QStringLiteral("auth_method")).toString());
    bot.useSudo = q.value(QStringLiteral("use_sudo")).toInt() != 0;
    bot.installPath = q.value(QStringLiteral("install_path")).toString();
    bot.botVersion = q.value(QStringLiteral("bot_version")).toString();
    bot.lastError = q.value(QStringLiteral("last_error")).toString();
    bot.scannedAt = sql::timeFrom(q.value(QStringLiteral("scanned_at")));
    bot.role = botRoleFromId(q.value(QStringLiteral("role")).toString());
    return bot;
}

QVariantList valuesOf(const Bot& bot)
{
    return {bot.name,
            botTransportId(bot.transport),
            bot.host,
            bot.port,
            bot.user,
            bot.hostKeyFingerprint,
            bot.protocolVersion,
            sql::time(bot.lastSeen),
            sql::jsonText(bot.scan),
            sshAuthMethodId(bot.auth),
            bot.useSudo ? 1 : 0,
            bot.installPath,
            bot.botVersion,
            bot.lastError,
            sql::time(bot.scannedAt),
            botRoleId(bot.role)};
}

Status checkNameFree(const QSqlDatabase& db, const Bot& bot)
{
    auto existing = sql::scalar(db, QStringLiteral("SELECT id FROM bots WHERE name = ? AND id <> ?"),
                                {bot.name, bot.id}, QStringLiteral("check the bot names"));
    if (!existing) {
        return existing.error();
    }
    if (!existing->isNull()) {
        return fail(QStringLiteral("A bot named \"%1\" already exists. Choose another name.").arg(bot.name),
                    QStringLiteral("duplicate"));
    }
    return {};
}

Result<std::optional<Bot>> findWhere(const QSqlDatabase& db, const QString& where, const QVariant& value,
                                     const QString& what)
{
    auto query = sql::run(db, kSelect + QStringLiteral(" WHERE ") + where, {value}, what);
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<Bot>();
    }
    return std::optional<Bot>(botFrom(*query));
}

} // namespace

BotRepository::BotRepository(const Database& db)
    : m_db(db)
{
}

Result<qint64> BotRepository::insert(Bot& bot) const
{
    if (bot.name.trimmed().isEmpty()) {
        return fail(QStringLiteral("A bot needs a name."), QStringLiteral("invalid"));
    }
    qint64 id = 0;
    const Status status = m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        Bot candidate = bot;
        candidate.id = 0;
        if (Status free = checkNameFree(db, candidate); !free) {
            return free;
        }
        auto inserted = sql::scalar(db,
                                    QStringLiteral("INSERT INTO bots (name, transport, host, port, user_name,"
                                                   " host_key_fingerprint, protocol_version, last_seen, scan,"
                                                   " auth_method, use_sudo, install_path, bot_version, last_error,"
                                                   " scanned_at, role)"
                                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                                   " RETURNING id"),
                                    valuesOf(bot), QStringLiteral("add the bot \"%1\"").arg(bot.name));
        if (!inserted) {
            return inserted.error();
        }
        id = inserted->toLongLong();
        return {};
    });
    if (!status) {
        return status.error();
    }
    bot.id = id;
    return id;
}

Status BotRepository::update(const Bot& bot) const
{
    return m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        if (Status free = checkNameFree(db, bot); !free) {
            return free;
        }
        QVariantList values = valuesOf(bot);
        values.append(bot.id);
        return sql::runOnOneRow(db,
                                QStringLiteral("UPDATE bots SET name = ?, transport = ?, host = ?, port = ?,"
                                               " user_name = ?, host_key_fingerprint = ?, protocol_version = ?,"
                                               " last_seen = ?, scan = ?, auth_method = ?, use_sudo = ?,"
                                               " install_path = ?, bot_version = ?, last_error = ?,"
                                               " scanned_at = ?, role = ? WHERE id = ?"),
                                values, QStringLiteral("save the bot \"%1\"").arg(bot.name),
                                QStringLiteral("Could not save the bot \"%1\": it no longer exists.").arg(bot.name));
    });
}

Status BotRepository::remove(qint64 id) const
{
    return m_db.transaction([&]() -> Status {
        return sql::runOnOneRow(m_db.connection(), QStringLiteral("DELETE FROM bots WHERE id = ?"), {id},
                                QStringLiteral("remove bot #%1").arg(id),
                                QStringLiteral("Could not remove bot #%1: it does not exist.").arg(id));
    });
}

Result<std::optional<Bot>> BotRepository::find(qint64 id) const
{
    return findWhere(m_db.connection(), QStringLiteral("id = ?"), id, QStringLiteral("read bot #%1").arg(id));
}

Result<std::optional<Bot>> BotRepository::findByName(const QString& name) const
{
    return findWhere(m_db.connection(), QStringLiteral("name = ?"), name,
                     QStringLiteral("read the bot \"%1\"").arg(name));
}

Result<QList<Bot>> BotRepository::all() const
{
    auto query = sql::run(m_db.connection(), kSelect + QStringLiteral(" ORDER BY name"), {},
                          QStringLiteral("read the list of bots"));
    if (!query) {
        return query.error();
    }
    QList<Bot> bots;
    while (query->next()) {
        bots.append(botFrom(*query));
    }
    return bots;
}

Result<Bot> BotRepository::ensureLocalBot() const
{
    Bot local;
    const Status status = m_db.transaction([&]() -> Status {
        auto existing = findWhere(m_db.connection(), QStringLiteral("name = ?"), kLocalBotName,
                                  QStringLiteral("read the local bot"));
        if (!existing) {
            return existing.error();
        }
        if (existing->has_value()) {
            local = **existing;
            return {};
        }
        local.name = kLocalBotName;
        local.transport = BotTransportKind::Local;
        local.host = QStringLiteral("localhost");
        auto id = insert(local);
        return id ? Status() : Status(id.error());
    });
    if (!status) {
        return status.error();
    }
    return local;
}

} // namespace certdeck::store
