#include "engine/jobs/JobQueue.h"

#include "engine/audit/AuditTrail.h"
#include "engine/jobs/JobRecovery.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/CsrTemplateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/ProvisioningConfigRepository.h"

#include <QObject>
#include <QSysInfo>

namespace certdeck::jobs {
namespace {

// The job as its runner holds it after `claim`.
void holdFor(Job& job, const store::JobClaim& claim)
{
    job.claimedBy = claim.runnerName;
    job.runnerId = claim.runnerId;
    job.runnerProcess = claim.runnerProcess;
    job.leaseUntil = claim.leaseUntil;
}

} // namespace

Result<JobStart> loadJobInputs(const store::Database& db, Job job)
{
    const qint64 certificateId = job.certificateId;
    auto record = store::CertificateRepository(db).find(certificateId);
    if (!record.ok()) {
        return record.error();
    }
    if (!record->has_value()) {
        return fail(
            QObject::tr("Certificate #%1 is not in the inventory (it may have been deleted).").arg(certificateId),
            QStringLiteral("notFound"));
    }
    auto config = store::ProvisioningConfigRepository(db).find(certificateId);
    if (!config.ok()) {
        return config.error();
    }
    if (!config->has_value() && job.action == JobAction::Delete) {
        // Deleting from the inventory needs no configuration (removal from a server is refused without one).
        *config = std::optional<ProvisioningConfig>(ProvisioningConfig{});
    }
    if (!config->has_value()) {
        return fail(QObject::tr("Certificate \"%1\" has no provisioning configuration yet. Open Provision and save "
                                "one first.")
                        .arg(record->value().commonName));
    }
    const store::BotRepository bots(db);
    Bot bot;
    if (config->value().botId != 0) {
        auto found = bots.find(config->value().botId);
        if (!found.ok()) {
            return found.error();
        }
        if (!found->has_value()) {
            return fail(QObject::tr("The bot mapped to \"%1\" no longer exists. Choose another Provision Bot.")
                            .arg(record->value().commonName));
        }
        bot = found->value();
    } else {
        auto local = bots.ensureLocalBot();
        if (!local.ok()) {
            return local.error();
        }
        bot = local.value();
    }
    std::optional<CsrTemplate> csrTemplate;
    if (const QString name = config->value().csrTemplate.trimmed();
        config->value().csrMode == CsrMode::FullOverride && !name.isEmpty()) {
        auto found = store::CsrTemplateRepository(db).find(name);
        if (!found.ok()) {
            return found.error();
        }
        csrTemplate = found.value();
    }
    return JobStart{std::move(job), record->value(), config->value(), bot, std::move(csrTemplate)};
}

Result<JobStart> createAndClaimJob(const store::Database& db, JobAction action, qint64 certificateId,
                                   const QJsonObject& params, const QString& startedBy, const JobRunner& runner)
{
    Job job;
    job.certificateId = certificateId;
    job.action = action;
    job.params = params;
    job.startedBy = startedBy;
    auto start = loadJobInputs(db, job);
    if (!start.ok()) {
        return start.error();
    }
    if (action == JobAction::Resume) {
        // What the certificate was before it was suspended, so that resuming restores it.
        if (auto history = store::JobRepository(db).forCertificate(certificateId); history.ok()) {
            for (const Job& earlier : history.value()) {
                if (earlier.action == JobAction::Suspend && earlier.state == JobState::Succeeded) {
                    job.params.insert(QStringLiteral("previousStatus"),
                                      earlier.result.value(QStringLiteral("previousStatus")));
                    break;
                }
            }
        }
    }
    job.createdAt = QDateTime::currentDateTimeUtc();
    const store::JobRepository jobs(db);
    auto created = jobs.create(job);
    if (!created.ok()) {
        return created.error();
    }
    const store::JobClaim claim = runner.claimAt(QDateTime::currentDateTimeUtc());
    auto claimed = jobs.claim(job.id, claim);
    if (!claimed.ok()) {
        return claimed.error();
    }
    if (!claimed.value()) {
        return fail(QObject::tr("Job #%1 was taken by another CertDeck instance.").arg(job.id), QStringLiteral("busy"));
    }
    job.state = JobState::Running;
    holdFor(job, claim);
    start->job = job;
    return start;
}

Result<DueJobs> claimDueJobs(const store::Database& db, const JobRunner& runner, const QDateTime& nowUtc,
                             const QString& actor, int limit)
{
    const store::JobRepository jobs(db);
    // Jobs whose runner stopped renewing its lease (it died, on any host) go back to the queue first, to be claimed
    // here and resumed from their checkpoint.
    if (auto reclaimed = requeueInterruptedJobs(db, QSysInfo::machineHostName(), processExists, nowUtc);
        !reclaimed.ok()) {
        return reclaimed.error();
    }
    auto unfinished = jobs.unfinished();
    if (!unfinished.ok()) {
        return unfinished.error();
    }
    DueJobs due;
    for (Job job : unfinished.value()) {
        if (job.state != JobState::Queued || (job.notBefore.isValid() && job.notBefore > nowUtc)) {
            continue;
        }
        if (due.claimed.size() >= limit) {
            due.more = true; // left queued for the next call
            break;
        }
        const store::JobClaim claim = runner.claimAt(QDateTime::currentDateTimeUtc());
        auto claimed = jobs.claim(job.id, claim);
        if (!claimed.ok()) {
            return claimed.error();
        }
        if (!claimed.value()) {
            continue; // another runner was first
        }
        job.state = JobState::Running;
        holdFor(job, claim);
        auto start = loadJobInputs(db, job);
        if (start.ok()) {
            due.claimed.append(start.value());
            continue;
        }
        job.state = JobState::Failed;
        job.finishedAt = nowUtc;
        job.message = QObject::tr("Could not resume job #%1: %2").arg(job.id).arg(start.message());
        (void)db.transaction([&]() -> Status {
            if (auto updated = jobs.updateAsRunner(job); !updated.ok()) {
                return updated;
            }
            return audit::AuditTrail(db, actor).record(
                QStringLiteral("cert.") + jobActionId(job.action), job.certificateId, QStringLiteral("failed"),
                QJsonObject{{QStringLiteral("job"), job.id}, {QStringLiteral("message"), job.message}});
        });
        due.failed.append(job);
    }
    return due;
}

Result<QDateTime> nextQueuedAt(const store::Database& db)
{
    auto unfinished = store::JobRepository(db).unfinished();
    if (!unfinished.ok()) {
        return unfinished.error();
    }
    QDateTime earliest;
    for (const Job& job : unfinished.value()) {
        if (job.state == JobState::Queued) {
            const QDateTime at = job.notBefore.isValid() ? job.notBefore : QDateTime::currentDateTimeUtc();
            if (!earliest.isValid() || at < earliest) {
                earliest = at;
            }
        }
    }
    return earliest;
}

Result<Job> cancelQueuedJob(const store::Database& db, qint64 jobId, const QString& actor, const QString& runner)
{
    const store::JobRepository jobs(db);
    auto found = jobs.find(jobId);
    if (!found.ok()) {
        return found.error();
    }
    if (!found->has_value()) {
        return fail(QObject::tr("There is no job #%1.").arg(jobId), QStringLiteral("notFound"));
    }
    Job job = found->value();
    if (job.state != JobState::Queued) {
        QString why = isFinal(job.state) ? QObject::tr("it has already ended (%1)").arg(jobStateId(job.state))
                                         : QObject::tr("it is %1 in %2").arg(jobStateId(job.state), job.claimedBy);
        return fail(QObject::tr("Job #%1 cannot be cancelled: %2.").arg(jobId).arg(why), QStringLiteral("conflict"));
    }
    // Taking it out of the queue atomically: a runner that claims it at the same moment wins, and it is not
    // cancelled under that runner's feet.
    auto claimed = jobs.claim(jobId, runner);
    if (!claimed.ok()) {
        return claimed.error();
    }
    if (!claimed.value()) {
        return fail(QObject::tr("Job #%1 cannot be cancelled: it has just been started.").arg(jobId),
                    QStringLiteral("conflict"));
    }
    job.state = JobState::Cancelled;
    job.claimedBy.clear();
    job.notBefore = QDateTime();
    job.finishedAt = QDateTime::currentDateTimeUtc();
    job.message = QObject::tr("Cancelled by %1.").arg(actor);
    const Status saved = db.transaction([&]() -> Status {
        if (auto updated = jobs.update(job); !updated.ok()) {
            return updated;
        }
        return audit::AuditTrail(db, actor).record(
            QStringLiteral("job.cancel"), job.certificateId, QStringLiteral("ok"),
            QJsonObject{{QStringLiteral("job"), job.id}, {QStringLiteral("action"), jobActionId(job.action)}});
    });
    if (!saved.ok()) {
        return saved.error();
    }
    return job;
}

} // namespace certdeck::jobs
