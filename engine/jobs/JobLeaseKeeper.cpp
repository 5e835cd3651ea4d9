#include "engine/jobs/JobLeaseKeeper.h"

#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/jobs/JobRecovery.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"

#include <QSysInfo>
#include <QTimer>

#include <algorithm>

namespace certdeck::jobs {
namespace {

struct Renewal
{
    Result<QList<qint64>> held = QList<qint64>();
    Result<RecoveryOutcome> reclaimed = RecoveryOutcome();
};

} // namespace

JobLeaseKeeper::JobLeaseKeeper(std::shared_ptr<store::Database> database, JobRunner runner, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_runner(std::move(runner))
    , m_timer(new QTimer(this))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_timer->setInterval(int(std::max<qint64>(m_runner.lease.count() / 3, 1)));
    connect(m_timer, &QTimer::timeout, this, &JobLeaseKeeper::tick);
}

JobLeaseKeeper::~JobLeaseKeeper()
{
    m_timer->stop();
    m_pool.waitForDone();
}

void JobLeaseKeeper::start()
{
    m_timer->start();
}

void JobLeaseKeeper::stop()
{
    m_timer->stop();
}

bool JobLeaseKeeper::isActive() const
{
    return m_timer->isActive();
}

void JobLeaseKeeper::tick()
{
    if (m_ticking) {
        return; // the last renewal is still being written
    }
    m_ticking = true;
    const auto database = m_database;
    const JobRunner runner = m_runner;
    runInPool<Renewal>(
        &m_pool, this,
        [database, runner] {
            Renewal renewal;
            const QDateTime now = QDateTime::currentDateTimeUtc();
            renewal.held = store::JobRepository(*database).renewLeases(runner.id, runner.leaseUntil(now));
            renewal.reclaimed = requeueInterruptedJobs(*database, QSysInfo::machineHostName(), processExists, now);
            return renewal;
        },
        [this](Renewal renewal) {
            m_ticking = false;
            if (!renewal.held.ok()) {
                log::get("engine.jobs")
                    ->error("runner {} could not renew the lease of its jobs: {}", m_runner.name.toStdString(),
                            renewal.held.message().toStdString());
                Q_EMIT failed(renewal.held.message());
            } else {
                Q_EMIT renewed(renewal.held.value());
            }
            if (!renewal.reclaimed.ok()) {
                Q_EMIT failed(renewal.reclaimed.message());
            } else if (const int count = renewal.reclaimed->requeued; count > 0) {
                Q_EMIT jobsReclaimed(count);
            }
        });
}

} // namespace certdeck::jobs
