#include "app/certdeck-bot/StartupRecovery.h"

#include "deployers/common/WebServerDeployer.h"
#include "engine/core/Log.h"
#include "engine/domain/ServerType.h"

#include <QFileInfo>
#include <QJsonObject>

#include <chrono>

namespace certdeck::bot {
namespace {

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("bot.recovery");
}

QJsonObject describe(const deployers::JournalRecord& record)
{
    return {{QStringLiteral("backupId"), record.restoreBackupId},
            {QStringLiteral("recordId"), record.id},
            {QStringLiteral("kind"), record.kind},
            {QStringLiteral("serverType"), record.serverType},
            {QStringLiteral("outcome"), QStringLiteral("inProgress")},
            {QStringLiteral("message"), QString()},
            {QStringLiteral("fingerprint"), record.fingerprint},
            {QStringLiteral("previousFingerprint"), record.previousFingerprint},
            {QStringLiteral("endpoint"), QStringLiteral("%1:%2").arg(record.verifyHost).arg(record.verifyPort)},
            {QStringLiteral("files"), QJsonArray::fromStringList(record.paths)}};
}

} // namespace

StartupRecovery::StartupRecovery(std::shared_ptr<deployers::DeploymentJournal> journal,
                                 const deploy::DeployerRegistry& registry)
    : m_journal(std::move(journal))
    , m_registry(registry)
{
}

void StartupRecovery::run()
{
    const QList<deployers::DeploymentJournal::Entry> entries = m_journal->entries();
    {
        std::lock_guard lock(m_mutex);
        for (const auto& entry : entries) {
            if (entry.record) {
                m_outcomes.append(describe(*entry.record));
                continue;
            }
            const QString message = QStringLiteral("journal record %1 refused, not followed: %2. Inspect it, restore "
                                                   "by hand if needed, then remove it.")
                                        .arg(entry.file, entry.problem);
            logger()->error("{}", message.toStdString());
            m_outcomes.append(QJsonObject{{QStringLiteral("backupId"), QFileInfo(entry.file).completeBaseName()},
                                          {QStringLiteral("serverType"), QString()},
                                          {QStringLiteral("outcome"), QStringLiteral("refused")},
                                          {QStringLiteral("message"), message}});
        }
    }
    if (!entries.isEmpty()) {
        logger()->info("{} deployment journal record(s) found in {}", entries.size(),
                       m_journal->directory().toStdString());
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).record) {
            continue;
        }
        const deployers::JournalRecord& record = *entries.at(i).record;
        ServerType type;
        std::unique_ptr<deploy::Deployer> deployer;
        if (serverTypeFromId(record.serverType, &type) && m_registry.has(type)) {
            deployer = m_registry.create(type);
        }
        auto* webServer = dynamic_cast<deployers::WebServerDeployer*>(deployer.get());
        deployers::WebServerDeployer::RecoveryOutcome outcome;
        if (!webServer) {
            outcome = {QStringLiteral("failed"),
                       QStringLiteral("this bot cannot recover %1 deployments").arg(record.serverType)};
            logger()->error("journal record {}: {}", record.id.toStdString(), outcome.message.toStdString());
        } else {
            logger()->info("recovering {} {} of {} (backup {})", record.serverType.toStdString(),
                           record.kind.toStdString(), record.paths.join(QStringLiteral(", ")).toStdString(),
                           record.restoreBackupId.toStdString());
            outcome = webServer->recover(record);
        }
        std::lock_guard lock(m_mutex);
        QJsonObject described = m_outcomes.at(i).toObject();
        described[QStringLiteral("outcome")] = outcome.outcome;
        described[QStringLiteral("message")] = outcome.message;
        m_outcomes[i] = described;
    }
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_done.notify_all();
}

bool StartupRecovery::finished() const
{
    std::lock_guard lock(m_mutex);
    return m_finished;
}

QJsonArray StartupRecovery::outcomes(int waitMs) const
{
    std::unique_lock lock(m_mutex);
    m_done.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_finished; });
    return m_outcomes;
}

} // namespace certdeck::bot
