#pragma once

#include <QDateTime>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <chrono>
#include <memory>

namespace certdeck::store {
class Database;
}
namespace certdeck::jobs {
class LifecycleService;
}

namespace certdeck::scheduling {

class Clock;
class Scheduler;

// Runs scheduler passes for as long as it is started: a pass, then sleep until the earliest instant in
// schedule_state (or a queued job's not_before), at most maxSleep, waking early when the inventory changes.
// Used by `certdeckctl scheduler run --daemon` and by the console.
class SchedulerLoop : public QObject
{
    Q_OBJECT
public:
    SchedulerLoop(Scheduler* scheduler, std::shared_ptr<store::Database> database, jobs::LifecycleService* lifecycle,
                  const Clock* clock, QObject* parent = nullptr);
    ~SchedulerLoop() override;

    void setMaxSleep(std::chrono::milliseconds maxSleep);
    void start();
    // No further passes; stopped() once the running pass (and its jobs) has finished, or at once when idle.
    void stop();
    bool isActive() const;
    // Runs a pass soon (at once when idle, after the running pass otherwise).
    void wake();

Q_SIGNALS:
    void stopped();
    // When the loop will run its next pass (UTC, by the loop's clock).
    void sleepingUntil(const QDateTime& at);

private:
    void runPass();
    void planNextPass();

    Scheduler* m_scheduler;
    std::shared_ptr<store::Database> m_database;
    const Clock* m_clock;
    QThreadPool m_pool;
    QTimer m_timer;
    std::chrono::milliseconds m_maxSleep{std::chrono::minutes(5)};
    bool m_active = false;
    bool m_wakeAfterPass = false;
};

} // namespace certdeck::scheduling
