#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Job.h"
#include "engine/scheduling/SchedulerReport.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace certdeck::store {
class Database;
}
namespace certdeck::jobs {
class LifecycleService;
}
namespace certdeck::ca {
class CaRegistry;
}

namespace certdeck::scheduling {

class Clock;

// Renewal and deployment triggers (spec step 5): one pass over the inventory decides, claims (compare-and-set in
// schedule_state, so concurrent schedulers never act twice on one occurrence) and runs lifecycle jobs through
// LifecycleService. Engine layer, no widgets. Used by `certdeckctl scheduler run` and SchedulerLoop.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        std::shared_ptr<store::Database> database;
        jobs::LifecycleService* lifecycle = nullptr;
        ca::CaRegistry* cas = nullptr; // for the CA's renewal window; may be nullptr
        const Clock* clock = nullptr;  // nullptr: the system clock
        QString runner;                // who starts the jobs ("scheduler:<host>"), in job params
        int maxConcurrentJobs = 4;
        bool dryRun = false; // decide and report, claim and run nothing
    };

    explicit Scheduler(Setup setup, QObject* parent = nullptr);
    ~Scheduler() override;

    // One pass. Never blocks the caller's thread; `done` arrives on context's thread once every job the pass
    // started has finished. Refused (kind "busy") while a pass is running.
    void runOnce(QObject* context, std::function<void(Result<SchedulerReport>)> done);
    bool isRunning() const;
    // Asks a running pass to start no further jobs (running ones finish); the pass then reports.
    void stopStarting();
    QDateTime now() const;

Q_SIGNALS:
    void jobStarted(qint64 certificateId, const QString& action);
    void jobFinished(const certdeck::Job& job);
    void ranOnce(const certdeck::scheduling::SchedulerReport& report);
    // Automatic renewal is off and the certificate expires within its warning period (at most once per pass).
    void renewalWindowUnattended(qint64 certificateId, const QString& commonName, int daysLeft);

private:
    struct Pass;
    void startNext(const std::shared_ptr<Pass>& pass);
    void finishPass(const std::shared_ptr<Pass>& pass);

    Setup m_setup;
    QThreadPool m_dbPool;
    std::shared_ptr<Pass> m_pass;
    bool m_stopStarting = false;
};

} // namespace certdeck::scheduling
