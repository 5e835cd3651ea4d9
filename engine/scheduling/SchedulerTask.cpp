#include "engine/scheduling/SchedulerTask.h"

#include "engine/ca/CaRegistry.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/Database.h"
#include "engine/store/ScheduleStateRepository.h"

namespace certdeck::scheduling {
namespace {

auto logger()
{
    return log::get("engine.scheduling");
}

QByteArray leafPem(const QByteArray& chainPem)
{
    static const QByteArray kEnd = QByteArrayLiteral("-----END CERTIFICATE-----");
    const qsizetype end = chainPem.indexOf(kEnd);
    return end < 0 ? chainPem : chainPem.left(end + kEnd.size()) + '\n';
}

QString isoText(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODate);
}

} // namespace

SchedulerTask::SchedulerTask(Setup setup, ScheduleCandidate candidate, CertificatePlan plan, QObject* parent)
    : QObject(parent)
    , m_setup(std::move(setup))
    , m_candidate(std::move(candidate))
    , m_plan(std::move(plan))
{
}

const ProvisioningSchedule& SchedulerTask::schedule() const
{
    return m_candidate.config->schedule;
}

template <typename T>
void SchedulerTask::onDatabase(std::function<T(const store::Database&)> work, std::function<void(T)> done)
{
    runInPool<T>(
        m_setup.dbPool, this, [db = m_setup.database, work = std::move(work)] { return work(*db); }, std::move(done));
}

void SchedulerTask::add(const QString& action, const QString& state, const QString& message, qint64 jobId)
{
    m_actions.append({m_plan.certificateId, m_plan.commonName, action, jobId, state, message});
}

void SchedulerTask::addJob(const QString& action, const Result<Job>& result)
{
    if (!result.ok()) {
        const bool busy = result.error().kind == QLatin1String("busy");
        add(action, busy ? QStringLiteral("skipped") : QStringLiteral("error"), result.message());
        return;
    }
    add(action, jobStateId(result->state), result->message, result->id);
}

void SchedulerTask::start()
{
    if (m_plan.renewalCheck) {
        claimRenewalCheck();
    } else {
        afterRenewalCheck();
    }
}

void SchedulerTask::claimRenewalCheck()
{
    if (m_setup.dryRun) {
        fetchWindow();
        return;
    }
    const PlannedClaim claim = *m_plan.renewalCheck;
    onDatabase<Result<bool>>(
        [claim](const store::Database& db) {
            return store::ScheduleStateRepository(db).claimRenewalCheck(claim.certificateId, claim.expected,
                                                                        claim.next);
        },
        [this](Result<bool> claimed) {
            if (!claimed.ok()) {
                add(QStringLiteral("check"), QStringLiteral("error"), claimed.message());
                finish();
            } else if (!claimed.value()) {
                // Another scheduler took this occurrence: it decides and runs whatever is due for the certificate.
                add(QStringLiteral("check"), QStringLiteral("skipped"),
                    tr("another scheduler is checking this certificate"));
                finish();
            } else {
                fetchWindow();
            }
        });
}

void SchedulerTask::fetchWindow()
{
    const auto connector =
        m_setup.cas ? m_setup.cas->find(m_candidate.config->caType, m_candidate.config->caConnectorName) : nullptr;
    if (!connector || !hasIssuedMaterial(m_candidate.record) || m_candidate.record.chainPem.isEmpty()) {
        decide(std::nullopt);
        return;
    }
    connector->renewalWindow(leafPem(m_candidate.record.chainPem), this, [this](Result<ca::RenewalWindow> window) {
        if (!window.ok()) {
            if (window.error().kind != QLatin1String("notOffered")) {
                logger()->info("No renewal window for certificate #{}: {}", m_plan.certificateId,
                               window.message().toStdString());
            }
            decide(std::nullopt);
            return;
        }
        decide(RenewalWindow{window->start, window->end});
    });
}

void SchedulerTask::decide(std::optional<RenewalWindow> window)
{
    const RenewalDecision decision = decideRenewal(m_candidate.record, schedule(), window, m_setup.now);
    if (!decision.due) {
        add(QStringLiteral("check"), QStringLiteral("not-due"), decision.reason);
        afterRenewalCheck();
        return;
    }
    if (m_setup.dryRun) {
        add(QStringLiteral("renew"), QStringLiteral("would-run"), decision.reason);
        if (schedule().deploymentEnabled) {
            add(QStringLiteral("deploy"), QStringLiteral("would-run"),
                tr("after the renewal, at %1").arg(isoText(deploymentAt(schedule(), m_setup.now))));
        }
        finish();
        return;
    }
    const QJsonObject params{{QStringLiteral("trigger"), QStringLiteral("scheduler")},
                             {QStringLiteral("reason"), decision.reason},
                             {QStringLiteral("runner"), m_setup.runner}};
    runJob(JobAction::Issue, params, [this](const Result<Job>& result) { onIssued(result); });
}

void SchedulerTask::onIssued(const Result<Job>& result)
{
    addJob(QStringLiteral("renew"), result);
    if (!result.ok() || result->state != JobState::Succeeded || !schedule().deploymentEnabled) {
        finish();
        return;
    }
    // Recorded first (so a crash before the deployment leaves it pending), then claimed like any other.
    const QDateTime at = deploymentAt(schedule(), m_setup.now);
    const qint64 id = m_plan.certificateId;
    onDatabase<Status>(
        [id, at](const store::Database& db) { return store::ScheduleStateRepository(db).setPendingDeploy(id, at); },
        [this, at](Status recorded) {
            if (!recorded.ok()) {
                add(QStringLiteral("deploy"), QStringLiteral("error"), recorded.message());
                finish();
            } else if (at <= m_setup.now) {
                claimDeployment(at);
            } else {
                add(QStringLiteral("deploy"), QStringLiteral("pending"),
                    tr("deployment scheduled for %1").arg(isoText(at)));
                finish();
            }
        });
}

void SchedulerTask::afterRenewalCheck()
{
    if (m_plan.deployment) {
        claimDeployment(m_plan.deployment->expected);
    } else if (m_plan.driftCheck) {
        claimDriftCheck();
    } else {
        finish();
    }
}

void SchedulerTask::claimDeployment(const QDateTime& expected)
{
    if (m_setup.dryRun) {
        add(QStringLiteral("deploy"), QStringLiteral("would-run"),
            tr("deployment was due at %1").arg(isoText(expected)));
        finish();
        return;
    }
    const qint64 id = m_plan.certificateId;
    onDatabase<Result<bool>>(
        [id, expected](const store::Database& db) {
            return store::ScheduleStateRepository(db).claimPendingDeploy(id, expected);
        },
        [this, expected](Result<bool> claimed) {
            if (!claimed.ok()) {
                add(QStringLiteral("deploy"), QStringLiteral("error"), claimed.message());
                finish();
            } else if (!claimed.value()) {
                add(QStringLiteral("deploy"), QStringLiteral("skipped"), tr("another scheduler took this deployment"));
                finish();
            } else {
                const QJsonObject params{{QStringLiteral("trigger"), QStringLiteral("scheduler")},
                                         {QStringLiteral("runner"), m_setup.runner}};
                runJob(JobAction::Deploy, params,
                       [this, expected](const Result<Job>& result) { onDeployed(expected, result); });
            }
        });
}

void SchedulerTask::onDeployed(const QDateTime& claimed, const Result<Job>& result)
{
    const bool busy = !result.ok() && result.error().kind == QLatin1String("busy");
    if (result.ok() && result->state == JobState::Succeeded) {
        addJob(QStringLiteral("deploy"), result);
        finish();
        return;
    }
    // Not deployed: the certificate stays issued and the deployment waits for the next deployment check
    // (deploymentFrequency at deploymentTime), or is put back as it was when another job had the certificate.
    const QDateTime retry = busy ? claimed : nextDeploymentCheck(schedule(), m_setup.now);
    const qint64 id = m_plan.certificateId;
    onDatabase<Status>(
        [id, retry](const store::Database& db) {
            return store::ScheduleStateRepository(db).setPendingDeploy(id, retry);
        },
        [this, result, retry](Status recorded) {
            addJob(QStringLiteral("deploy"), result);
            if (recorded.ok()) {
                m_actions.last().message += tr(" Next attempt at %1.").arg(isoText(retry));
            } else {
                m_actions.last().message += QLatin1Char(' ') + recorded.message();
            }
            finish();
        });
}

void SchedulerTask::claimDriftCheck()
{
    if (m_setup.dryRun) {
        add(QStringLiteral("drift-check"), QStringLiteral("would-run"), tr("pinning re-check of the endpoint"));
        finish();
        return;
    }
    const PlannedClaim claim = *m_plan.driftCheck;
    onDatabase<Result<bool>>(
        [claim](const store::Database& db) {
            return store::ScheduleStateRepository(db).claimDriftCheck(claim.certificateId, claim.expected, claim.next);
        },
        [this](Result<bool> claimed) {
            if (!claimed.ok()) {
                add(QStringLiteral("drift-check"), QStringLiteral("error"), claimed.message());
                finish();
            } else if (!claimed.value()) {
                finish(); // another scheduler re-checks it
            } else {
                const QJsonObject params{{QStringLiteral("trigger"), QStringLiteral("scheduler")},
                                         {QStringLiteral("runner"), m_setup.runner}};
                runJob(JobAction::RecheckPinning, params, [this](const Result<Job>& result) {
                    addJob(QStringLiteral("drift-check"), result);
                    finish();
                });
            }
        });
}

void SchedulerTask::runJob(JobAction action, const QJsonObject& params, std::function<void(Result<Job>)> done)
{
    Q_EMIT jobStarted(m_plan.certificateId, jobActionId(action));
    m_setup.lifecycle->run(action, m_plan.certificateId, params, this,
                           [this, done = std::move(done)](Result<Job> result) {
                               if (result.ok()) {
                                   Q_EMIT jobFinished(result.value());
                               }
                               done(result);
                           });
}

void SchedulerTask::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (!m_setup.dryRun && !m_actions.isEmpty()) {
        const SchedulerAction& last = m_actions.last();
        const QString outcome = QStringLiteral("%1: %2 %3").arg(last.action, last.state, last.message).trimmed();
        const qint64 id = m_plan.certificateId;
        // Best effort, for the console's "last scheduler outcome"; the pass does not wait for it.
        QThreadPool* pool = m_setup.dbPool;
        pool->start([db = m_setup.database, id, outcome] {
            const Status saved = store::ScheduleStateRepository(*db).setLastOutcome(id, outcome);
            if (!saved.ok()) {
                logger()->warn("{}", saved.message().toStdString());
            }
        });
    }
    Q_EMIT finished(m_actions);
}

} // namespace certdeck::scheduling
