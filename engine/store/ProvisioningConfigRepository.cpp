#include "engine/store/ProvisioningConfigRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlError>
#include <QSqlQuery>

namespace certdeck::store {
namespace {

// Saves the configurations and maps their bots, reusing the prepared statements for every certificate.
Status saveAll(const QSqlDatabase& db, const QList<QPair<qint64, ProvisioningConfig>>& configs, bool manage)
{
    QList<qint64> checkedBots;
    for (const auto& [id, config] : configs) {
        if (config.botId == 0 || checkedBots.contains(config.botId)) {
            continue;
        }
        auto bot = sql::scalar(db, QStringLiteral("SELECT id FROM bots WHERE id = ?"), {config.botId},
                               QStringLiteral("check the bot of the configuration"));
        if (!bot) {
            return bot.error();
        }
        if (bot->isNull()) {
            return fail(QStringLiteral("Could not save the provisioning configuration: bot #%1 does not exist "
                                       "(it may have been removed). Choose another bot.")
                            .arg(config.botId),
                        QStringLiteral("notFound"));
        }
        checkedBots.append(config.botId);
    }
    const QString now = sql::nowText();

    QSqlQuery upsert(db);
    QSqlQuery mapBot(db);
    const bool prepared =
        upsert.prepare(QStringLiteral("INSERT INTO provisioning_configs (certificate_id, config, updated_at)"
                                      " VALUES (?, ?, ?) ON CONFLICT (certificate_id) DO UPDATE"
                                      " SET config = excluded.config, updated_at = excluded.updated_at")) &&
        mapBot.prepare(manage ? QStringLiteral("UPDATE certificates SET bot_id = ?, updated_at = ?,"
                                               " status = CASE WHEN status = 'discovered' THEN 'managed'"
                                               " ELSE status END WHERE id = ?")
                              : QStringLiteral("UPDATE certificates SET bot_id = ?, updated_at = ? WHERE id = ?"));
    if (!prepared) {
        const QSqlError error = upsert.lastError().isValid() ? upsert.lastError() : mapBot.lastError();
        return fail(QStringLiteral("Could not save the provisioning configuration: %1").arg(error.text()),
                    QStringLiteral("database"));
    }
    for (const auto& [id, config] : configs) {
        const QString json = sql::jsonText(config.toJson());
        // The certificate first: a missing one must fail with its id, not as a foreign key error.
        mapBot.bindValue(0, sql::idOrNull(config.botId));
        mapBot.bindValue(1, now);
        mapBot.bindValue(2, id);
        if (!mapBot.exec()) {
            return fail(
                QStringLiteral("Could not map the bot to certificate #%1: %2").arg(id).arg(mapBot.lastError().text()),
                QStringLiteral("database"));
        }
        if (mapBot.numRowsAffected() == 0) {
            return fail(QStringLiteral("Could not save the provisioning configuration: certificate #%1 is not in the "
                                       "inventory (it may have been removed). Nothing was saved.")
                            .arg(id),
                        QStringLiteral("notFound"));
        }
        upsert.bindValue(0, id);
        upsert.bindValue(1, json.isNull() ? QStringLiteral("{}") : json);
        upsert.bindValue(2, now);
        if (!upsert.exec()) {
            return fail(QStringLiteral("Could not save the provisioning configuration of certificate #%1: %2")
                            .arg(id)
                            .arg(upsert.lastError().text()),
                        QStringLiteral("database"));
        }
    }
    return {};
}

} // namespace

ProvisioningConfigRepository::ProvisioningConfigRepository(const Database& db)
    : m_db(db)
{
}

Status ProvisioningConfigRepository::save(qint64 certificateId, const ProvisioningConfig& config) const
{
    return saveMany({certificateId}, config);
}

Status ProvisioningConfigRepository::saveMany(const QList<qint64>& certificateIds,
                                              const ProvisioningConfig& config) const
{
    if (certificateIds.isEmpty()) {
        return {};
    }
    QList<QPair<qint64, ProvisioningConfig>> configs;
    configs.reserve(certificateIds.size());
    for (const qint64 id : certificateIds) {
        configs.append({id, config});
    }
    return m_db.transaction([&]() -> Status { return saveAll(m_db.connection(), configs, true); });
}

Status ProvisioningConfigRepository::saveEach(const QList<QPair<qint64, ProvisioningConfig>>& configs,
                                              DiscoveredStatus discovered) const
{
    if (configs.isEmpty()) {
        return {};
    }
    return m_db.transaction(
        [&]() -> Status { return saveAll(m_db.connection(), configs, discovered == DiscoveredStatus::BecomeManaged); });
}

Result<std::optional<ProvisioningConfig>> ProvisioningConfigRepository::find(qint64 certificateId) const
{
    auto value = sql::scalar(
        m_db.connection(), QStringLiteral("SELECT config FROM provisioning_configs WHERE certificate_id = ?"),
        {certificateId}, QStringLiteral("read the provisioning configuration of certificate #%1").arg(certificateId));
    if (!value) {
        return value.error();
    }
    if (value->isNull()) {
        return std::optional<ProvisioningConfig>();
    }
    return std::optional<ProvisioningConfig>(ProvisioningConfig::fromJson(sql::jsonObject(*value)));
}

} // namespace certdeck::store
