#include "engine/jobs/JobRecovery.h"

#include "engine/audit/AuditTrail.h"
#include "engine/core/Log.h"
#include "engine/jobs/JobRunner.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSysInfo>

#include <cerrno>
#include <signal.h>

namespace certdeck::jobs {

QString currentRunnerName()
{
    return QSysInfo::machineHostName() + QLatin1Char(':') + QString::number(QCoreApplication::applicationPid());
}

bool processExists(qint64 pid)
{
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

namespace {

// Why the job's runner no longer holds it (empty: it still does).
QString whyOrphaned(const Job& job, const QString& host, const std::function<bool(qint64 pid)>& processAlive,
                    const QDateTime& nowUtc)
{
    if (!job.runnerId.isEmpty()) {
        if (job.leaseUntil.isValid() && job.leaseUntil <= nowUtc) {
            return QStringLiteral("lease expired");
        }
        // Its lease still runs, but its process is provably gone: same boot, same pid namespace, no such pid.
        const qint64 pid = localPidOf(job.runnerProcess);
        return pid > 0 && !processAlive(pid) ? QStringLiteral("runner gone") : QString();
    }
    // Claimed before runners had ids and leases: "<host>:<pid>" of this host.
    const int colon = job.claimedBy.lastIndexOf(QLatin1Char(':'));
    bool pidOk = false;
    const qint64 pid = job.claimedBy.mid(colon + 1).toLongLong(&pidOk);
    if (colon <= 0 || job.claimedBy.left(colon) != host || !pidOk || processAlive(pid)) {
        return QString();
    }
    return QStringLiteral("runner gone");
}

} // namespace

Result<RecoveryOutcome> requeueInterruptedJobs(const store::Database& db, const QString& host,
                                               const std::function<bool(qint64 pid)>& processAlive,
                                               const QDateTime& nowUtc)
{
    const store::JobRepository jobs(db);
    auto unfinished = jobs.unfinished();
    if (!unfinished.ok()) {
        return unfinished.error();
    }
    const QDateTime now = nowUtc;
    RecoveryOutcome outcome;
    for (Job job : unfinished.value()) {
        if (job.state == JobState::Queued || (job.claimedBy.isEmpty() && job.runnerId.isEmpty())) {
            continue; // the queue runner takes it
        }
        const QString reason = whyOrphaned(job, host, processAlive, now);
        if (reason.isEmpty()) {
            continue;
        }
        const QString runner = job.claimedBy;
        const QString step = job.step.isEmpty() ? QStringLiteral("start") : job.step;
        const int interruptions = job.checkpoint.value(QStringLiteral("interruptions")).toInt() + 1;
        job.checkpoint.insert(QStringLiteral("interruptions"), interruptions);
        job.claimedBy.clear();
        const bool givesUp = interruptions > kMaxInterruptions;
        if (givesUp) {
            job.state = JobState::Failed;
            job.finishedAt = now;
            job.message = QCoreApplication::translate("JobRecovery",
                                                      "Interrupted %1 times (last at step \"%2\"); CertDeck stopped "
                                                      "resuming it. Check the certificate's state and the log, then "
                                                      "run the action again.")
                              .arg(interruptions)
                              .arg(step);
        } else {
            job.state = JobState::Queued;
            job.notBefore = QDateTime();
            job.message = QCoreApplication::translate("JobRecovery", "Interrupted at step %1; resuming.").arg(step);
        }
        bool tookOver = false;
        const Status saved = db.transaction([&]() -> Status {
            // Only if the runner still holds it as read (a runner that renewed its lease meanwhile keeps it).
            auto taken = jobs.takeOver(job, reason == QLatin1String("lease expired") ? now : QDateTime());
            if (!taken.ok()) {
                return taken.error();
            }
            tookOver = taken.value();
            if (!tookOver) {
                return {};
            }
            return audit::AuditTrail(db, QStringLiteral("recovery"))
                .record(QStringLiteral("job.interrupted"), job.certificateId,
                        givesUp ? QStringLiteral("failed") : QStringLiteral("requeued"),
                        QJsonObject{{QStringLiteral("job"), job.id},
                                    {QStringLiteral("action"), jobActionId(job.action)},
                                    {QStringLiteral("step"), step},
                                    {QStringLiteral("interruptions"), interruptions},
                                    {QStringLiteral("runner"), runner},
                                    {QStringLiteral("reason"), reason}});
        });
        if (!saved.ok()) {
            return saved.error();
        }
        if (!tookOver) {
            continue;
        }
        log::get("engine.jobs")
            ->warn("job {} of certificate {} was interrupted at step {} (runner {}: {}); {}", job.id, job.certificateId,
                   step.toStdString(), runner.toStdString(), reason.toStdString(),
                   givesUp ? "failed for good" : "queued to resume");
        ++(givesUp ? outcome.failed : outcome.requeued);
    }
    return outcome;
}

} // namespace certdeck::jobs
