#include "engine/scheduling/SchedulerLoop.h"

#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/scheduling/Clock.h"
#include "engine/scheduling/Scheduler.h"
#include "engine/store/Database.h"
#include "engine/store/ScheduleStateRepository.h"

namespace certdeck::scheduling {
namespace {

auto logger()
{
    return log::get("engine.scheduling");
}

// Never closer than this, so a check that cannot be claimed does not spin the loop.
constexpr std::chrono::milliseconds kMinSleep{1000};

} // namespace

SchedulerLoop::SchedulerLoop(Scheduler* scheduler, std::shared_ptr<store::Database> database,
                             jobs::LifecycleService* lifecycle, const Clock* clock, QObject* parent)
    : QObject(parent)
    , m_scheduler(scheduler)
    , m_database(std::move(database))
    , m_clock(clock)
{
    m_pool.setMaxThreadCount(1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SchedulerLoop::runPass);
    if (lifecycle) {
        connect(lifecycle, &jobs::LifecycleService::inventoryChanged, this, &SchedulerLoop::wake);
        connect(lifecycle, &jobs::LifecycleService::certificateChanged, this, [this](qint64) {
            // The scheduler's own jobs change certificates during a pass; that pass has already claimed them.
            if (!m_scheduler->isRunning()) {
                wake();
            }
        });
    }
}

SchedulerLoop::~SchedulerLoop()
{
    m_pool.waitForDone();
}

void SchedulerLoop::setMaxSleep(std::chrono::milliseconds maxSleep)
{
    m_maxSleep = maxSleep;
}

bool SchedulerLoop::isActive() const
{
    return m_active;
}

void SchedulerLoop::start()
{
    if (m_active) {
        return;
    }
    m_active = true;
    m_timer.start(0);
}

void SchedulerLoop::stop()
{
    m_active = false;
    m_timer.stop();
    if (m_scheduler->isRunning()) {
        m_scheduler->stopStarting(); // runPass's callback reports stopped()
        return;
    }
    Q_EMIT stopped();
}

void SchedulerLoop::wake()
{
    if (!m_active) {
        return;
    }
    if (m_scheduler->isRunning()) {
        m_wakeAfterPass = true;
        return;
    }
    m_timer.start(0);
}

void SchedulerLoop::runPass()
{
    if (!m_active || m_scheduler->isRunning()) {
        return;
    }
    m_wakeAfterPass = false;
    m_scheduler->runOnce(this, [this](Result<SchedulerReport> report) {
        if (!report.ok()) {
            logger()->warn("Scheduler pass failed: {}", report.message().toStdString());
        }
        if (!m_active) {
            Q_EMIT stopped();
            return;
        }
        if (m_wakeAfterPass) {
            m_timer.start(0);
            return;
        }
        planNextPass();
    });
}

void SchedulerLoop::planNextPass()
{
    const auto db = m_database;
    runInPool<Result<QDateTime>>(
        &m_pool, this, [db] { return store::ScheduleStateRepository(*db).earliestInstant(); },
        [this](Result<QDateTime> earliest) {
            if (!m_active) {
                return;
            }
            const QDateTime now = m_clock ? m_clock->nowUtc() : QDateTime::currentDateTimeUtc();
            std::chrono::milliseconds delay = m_maxSleep;
            if (earliest.ok() && earliest->isValid()) {
                delay = std::min(delay, std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(*earliest))));
            } else if (!earliest.ok()) {
                logger()->warn("{}", earliest.message().toStdString());
            }
            delay = std::max(delay, kMinSleep);
            Q_EMIT sleepingUntil(now.addMSecs(delay.count()));
            m_timer.start(delay);
        });
}

} // namespace certdeck::scheduling
