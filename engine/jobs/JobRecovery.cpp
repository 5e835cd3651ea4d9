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

Result<int> failInterruptedJobs(const store::Database& db, const QString& host,
                                const std::function<bool(qint64 pid)>& processAlive, int unclaimedGraceSecs)
{
    const store::JobRepository jobs(db);
    auto unfinished = jobs.unfinished();
    if (!unfinished.ok()) {
        return unfinished.error();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int marked = 0;
    for (Job job : unfinished.value()) {
        bool interrupted = false;
        if (job.claimedBy.isEmpty()) {
            interrupted = job.createdAt.isValid() && job.createdAt.secsTo(now) > unclaimedGraceSecs;
        } else {
            const int colon = job.claimedBy.lastIndexOf(QLatin1Char(':'));
            bool pidOk = false;
            const qint64 pid = job.claimedBy.mid(colon + 1).toLongLong(&pidOk);
            interrupted = colon > 0 && job.claimedBy.left(colon) == host && pidOk && !processAlive(pid);
        }
        if (!interrupted) {
            continue;
        }
        const QString step = job.step.isEmpty() ? QStringLiteral("start") : job.step;
        job.state = JobState::Failed;
        job.finishedAt = now;
        job.message = QCoreApplication::translate("JobRecovery",
                                                  "Interrupted: CertDeck stopped while this job was at step \"%1\". "
                                                  "Check the certificate's state, then run the action again.")
                          .arg(step);
        const Status saved = db.transaction([&]() -> Status {
            if (auto updated = jobs.update(job); !updated.ok()) {
                return updated;
            }
            return audit::AuditTrail(db, QStringLiteral("recovery"))
                .record(QStringLiteral("job.interrupted"), job.certificateId, QStringLiteral("failed"),
                        QJsonObject{{QStringLiteral("job"), job.id},
                                    {QStringLiteral("action"), jobActionId(job.action)},
                                    {QStringLiteral("step"), step}});
        });
        if (!saved.ok()) {
            return saved.error();
        }
        log::get("engine.jobs")
            ->warn("job {} of certificate {} was interrupted at step {}; marked failed", job.id, job.certificateId,
                   step.toStdString());
        ++marked;
    }
    return marked;
}

} // namespace certdeck::jobs
