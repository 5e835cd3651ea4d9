// JobRun: the agentless target of a deployment (ProvisioningConfig::agentlessServer), read off the GUI thread.
#include "engine/core/Async.h"
#include "engine/jobs/AgentlessTargets.h"
#include "engine/jobs/JobRun.h"
#include "engine/store/Database.h"

namespace certdeck::jobs {

void JobRun::withAgentlessTarget(const QString& auditAction, std::function<void(const QJsonObject& agentless)> next)
{
    const QString name = m_config.agentlessServer.trimmed();
    if (name.isEmpty()) {
        next({});
        return;
    }
    setStep(tr("reading the SSH login of agentless server %1").arg(name), m_stepPercent);
    const auto database = m_context.database;
    const secrets::SecretStore* secrets = m_context.secrets;
    runInBackground<Result<QJsonObject>>(
        this, [database, secrets, name] { return loadAgentlessTarget(*database, secrets, name); },
        [this, auditAction, next = std::move(next)](Result<QJsonObject> target) {
            if (!target.ok()) {
                finish(JobState::Failed, target.message(), {}, false, auditAction, QStringLiteral("failed"));
                return;
            }
            QJsonObject agentless = std::move(target.value());
            next(agentless);
        });
}

} // namespace certdeck::jobs
