#include "engine/scheduling/Scheduler.h"

#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/scheduling/Clock.h"
#include "engine/scheduling/SchedulerPlan.h"
#include "engine/scheduling/SchedulerTask.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/ProvisioningConfigRepository.h"
#include "engine/store/ScheduleStateRepository.h"

#include <QHash>
#include <QPointer>

#include <deque>

namespace certdeck::scheduling {
namespace {

auto logger()
{
    return log::get("engine.scheduling");
}

Result<QList<ScheduleCandidate>> loadCandidates(const store::Database& db)
{
    auto records = store::CertificateRepository(db).all(true);
    if (!records.ok()) {
        return records.error();
    }
    auto states = store::ScheduleStateRepository(db).all();
    if (!states.ok()) {
        return states.error();
    }
    const store::ProvisioningConfigRepository configs(db);
    QList<ScheduleCandidate> candidates;
    for (const CertificateRecord& record : records.value()) {
        ScheduleCandidate candidate;
        candidate.record = record;
        if (record.status != CertificateStatus::Discovered) {
            auto config = configs.find(record.id);
            if (!config.ok()) {
                return config.error();
            }
            candidate.config = config.value();
        }
        if (states->contains(record.id)) {
            candidate.state = states->value(record.id);
        }
        candidates.append(candidate);
    }
    return candidates;
}

} // namespace

struct Scheduler::Pass
{
    QPointer<QObject> context;
    std::function<void(Result<SchedulerReport>)> done;
    SchedulerReport report;
    QHash<qint64, ScheduleCandidate> candidates;
    std::deque<CertificatePlan> queue;
    int active = 0;
    bool loaded = false;
};

Scheduler::Scheduler(Setup setup, QObject* parent)
    : QObject(parent)
    , m_setup(std::move(setup))
{
    m_dbPool.setMaxThreadCount(1); // one connection, claims in order
    if (m_setup.maxConcurrentJobs < 1) {
        m_setup.maxConcurrentJobs = 1;
    }
}

Scheduler::~Scheduler()
{
    m_dbPool.waitForDone();
}

QDateTime Scheduler::now() const
{
    return m_setup.clock ? m_setup.clock->nowUtc() : QDateTime::currentDateTimeUtc();
}

bool Scheduler::isRunning() const
{
    return m_pass != nullptr;
}

void Scheduler::stopStarting()
{
    m_stopStarting = true;
    if (m_pass) {
        m_pass->queue.clear();
        if (m_pass->loaded && m_pass->active == 0) {
            finishPass(m_pass);
        }
    }
}

void Scheduler::runOnce(QObject* context, std::function<void(Result<SchedulerReport>)> done)
{
    if (m_pass) {
        deliverTo(context, [done = std::move(done)] {
            done(fail(tr("A scheduler pass is already running."), QStringLiteral("busy")));
        });
        return;
    }
    m_stopStarting = false;
    auto pass = std::make_shared<Pass>();
    pass->context = context;
    pass->done = std::move(done);
    pass->report.at = now();
    pass->report.dryRun = m_setup.dryRun;
    m_pass = pass;

    auto loadInventory = [this, pass] {
        const auto db = m_setup.database;
        runInPool<Result<QList<ScheduleCandidate>>>(
            &m_dbPool, this, [db] { return loadCandidates(*db); },
            [this, pass](Result<QList<ScheduleCandidate>> candidates) {
                pass->loaded = true;
                if (!candidates.ok()) {
                    m_pass.reset();
                    if (pass->context) {
                        pass->done(candidates.error());
                    }
                    return;
                }
                const SchedulePlan plan = planPass(candidates.value(), pass->report.at);
                for (const ScheduleCandidate& candidate : candidates.value()) {
                    pass->candidates.insert(candidate.record.id, candidate);
                }
                for (const UnattendedExpiry& expiring : plan.unattended) {
                    Q_EMIT renewalWindowUnattended(expiring.certificateId, expiring.commonName, expiring.daysLeft);
                }
                for (const PlannedSkip& skip : plan.skipped) {
                    pass->report.actions.append({skip.certificateId,
                                                 pass->candidates.value(skip.certificateId).record.commonName,
                                                 QStringLiteral("check"), 0, QStringLiteral("skipped"), skip.reason});
                }
                if (!m_stopStarting) {
                    pass->queue.assign(plan.certificates.cbegin(), plan.certificates.cend());
                }
                startNext(pass);
            });
    };

    if (m_setup.dryRun || !m_setup.lifecycle) {
        loadInventory();
        return;
    }
    // Retries and jobs crash recovery re-queued come first: they may change what is due.
    m_setup.lifecycle->runDueJobs(this, [this, pass, loadInventory](Result<QList<Job>> ran) {
        if (!ran.ok()) {
            pass->report.actions.append(
                {0, QString(), QStringLiteral("resume"), 0, QStringLiteral("error"), ran.message()});
        } else {
            for (const Job& job : ran.value()) {
                pass->report.actions.append({job.certificateId, QString(), jobActionId(job.action), job.id,
                                             jobStateId(job.state), job.message});
                Q_EMIT jobFinished(job);
            }
        }
        loadInventory();
    });
}

void Scheduler::startNext(const std::shared_ptr<Pass>& pass)
{
    while (!pass->queue.empty() && pass->active < m_setup.maxConcurrentJobs && !m_stopStarting) {
        const CertificatePlan plan = pass->queue.front();
        pass->queue.pop_front();
        SchedulerTask::Setup setup;
        setup.database = m_setup.database;
        setup.lifecycle = m_setup.lifecycle;
        setup.cas = m_setup.cas;
        setup.dbPool = &m_dbPool;
        setup.now = pass->report.at;
        setup.runner = m_setup.runner;
        setup.dryRun = m_setup.dryRun || !m_setup.lifecycle;
        auto* task = new SchedulerTask(setup, pass->candidates.value(plan.certificateId), plan, this);
        ++pass->active;
        connect(task, &SchedulerTask::jobStarted, this, &Scheduler::jobStarted);
        connect(task, &SchedulerTask::jobFinished, this, &Scheduler::jobFinished);
        connect(task, &SchedulerTask::finished, this, [this, pass, task](const QList<SchedulerAction>& actions) {
            task->deleteLater();
            pass->report.actions.append(actions);
            --pass->active;
            startNext(pass);
        });
        task->start();
    }
    if (pass->active == 0 && (pass->queue.empty() || m_stopStarting)) {
        finishPass(pass);
    }
}

void Scheduler::finishPass(const std::shared_ptr<Pass>& pass)
{
    if (m_pass != pass) {
        return;
    }
    m_pass.reset();
    logger()->info("Scheduler pass at {}: {} action(s), {} failed", pass->report.at.toString(Qt::ISODate).toStdString(),
                   pass->report.actions.size(), pass->report.failures());
    Q_EMIT ranOnce(pass->report);
    if (pass->context) {
        pass->done(pass->report);
    }
}

} // namespace certdeck::scheduling
