#include "engine/jobs/JobRecovery.h"

#include "engine/audit/AuditTrail.h"
#include "engine/core/Log.h"
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

Result<RecoveryOutcome> requeueInterruptedJobs(const store::Database& db, const QString& host,
                                               const std::function<bool(qint64 pid)>& processAlive)
{
    const store::JobRepository jobs(db);
    auto unfinished = jobs.unfinished();
    if (!unfinished.ok()) {
        return unfinished.error();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    RecoveryOutcome outcome;
    for (Job job : unfinished.value()) {
        if (job.state == JobState::Queued || job.claimedBy.isEmpty()) {
            continue; // the queue runner takes it
        }
        const int colon = job.claimedBy.lastIndexOf(QLatin1Char(':'));
        bool pidOk = false;
        const qint64 pid = job.claimedBy.mid(colon + 1).toLongLong(&pidOk);
        if (colon <= 0 || job.claimedBy.left(colon) != host || !pidOk || processAlive(pid)) {
            continue;
        }
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
        const Status saved = db.transaction([&]() -> Status {
            if (auto updated = jobs.update(job); !updated.ok()) {
                return updated;
            }
            return audit::AuditTrail(db, QStringLiteral("recovery"))
                .record(QStringLiteral("job.interrupted"), job.certificateId,
                        givesUp ? QStringLiteral("failed") : QStringLiteral("requeued"),
                        QJsonObject{{QStringLiteral("job"), job.id},
                                    {QStringLiteral("action"), jobActionId(job.action)},
                                    {QStringLiteral("step"), step},
                                    {QStringLiteral("interruptions"), interruptions}});
        });
        if (!saved.ok()) {
            return saved.error();
        }
        log::get("engine.jobs")
            ->warn("job {} of certificate {} was interrupted at step {}; {}", job.id, job.certificateId,
                   step.toStdString(), givesUp ? "failed for good" : "queued to resume");
        ++(givesUp ? outcome.failed : outcome.requeued);
    }
    return outcome;
}

} // namespace certdeck::jobs
