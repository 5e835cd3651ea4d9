#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Job.h"
#include "engine/scheduling/SchedulerPlan.h"
#include "engine/scheduling/SchedulerReport.h"

#include <QJsonObject>
#include <QObject>
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

// What one scheduler pass does for one certificate (internal to Scheduler): claim the renewal check, decide,
// issue, deploy now or record the deployment for later; else run its due deployment; else its drift re-check.
// Emits finished() once, with what it did.
class SchedulerTask : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        std::shared_ptr<store::Database> database;
        jobs::LifecycleService* lifecycle = nullptr;
        ca::CaRegistry* cas = nullptr;
        QThreadPool* dbPool = nullptr;
        QDateTime now;
        QString runner;
        bool dryRun = false;
    };

    SchedulerTask(Setup setup, ScheduleCandidate candidate, CertificatePlan plan, QObject* parent = nullptr);
    void start();

Q_SIGNALS:
    void jobStarted(qint64 certificateId, const QString& action);
    void jobFinished(const certdeck::Job& job);
    void finished(const QList<certdeck::scheduling::SchedulerAction>& actions);

private:
    void claimRenewalCheck();
    void fetchWindow();
    void decide(std::optional<RenewalWindow> window);
    void onIssued(const Result<Job>& result);
    void afterRenewalCheck();
    void claimDeployment(const QDateTime& expected);
    void onDeployed(const QDateTime& claimed, const Result<Job>& result);
    void claimDriftCheck();
    void finish();

    void runJob(JobAction action, const QJsonObject& params, std::function<void(Result<Job>)> done);
    template <typename T>
    void onDatabase(std::function<T(const store::Database&)> work, std::function<void(T)> done);
    void add(const QString& action, const QString& state, const QString& message, qint64 jobId = 0);
    void addJob(const QString& action, const Result<Job>& result);
    const ProvisioningSchedule& schedule() const;

    Setup m_setup;
    ScheduleCandidate m_candidate;
    CertificatePlan m_plan;
    QList<SchedulerAction> m_actions;
    bool m_finished = false;
};

} // namespace certdeck::scheduling
