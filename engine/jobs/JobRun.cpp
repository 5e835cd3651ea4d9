#include "engine/jobs/JobRun.h"

#include "engine/audit/AuditTrail.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/jobs/BotConnections.h"
#include "engine/jobs/JobJournal.h"
#include "engine/jobs/RetryPolicy.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"

#include <QPointer>

namespace certdeck::jobs {
namespace {

auto logger()
{
    return log::get("engine.jobs");
}

} // namespace

// A bot that cannot be reached or whose process died is a transient failure ("botUnreachable"); a bot that
// answers with an error (bad parameters, a failed operation) is not.
Error JobRun::botError(Error error, bool connecting)
{
    static const QStringList unreachable{QStringLiteral("disconnected"), QStringLiteral("notConnected"),
                                         QStringLiteral("handshakeRequired")};
    static const QStringList permanentOnConnect{QStringLiteral("versionMismatch"), QStringLiteral("protocol"),
                                                QStringLiteral("config"), QStringLiteral("unsupported")};
    if (unreachable.contains(error.kind) || (connecting && !permanentOnConnect.contains(error.kind))) {
        error.kind = QStringLiteral("botUnreachable");
    }
    return error;
}

JobRun::JobRun(JobContext context, Job job, CertificateRecord record, ProvisioningConfig config, Bot bot,
               QObject* parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_job(std::move(job))
    , m_record(std::move(record))
    , m_config(std::move(config))
    , m_bot(std::move(bot))
{
}

void JobRun::start()
{
    m_job.state = JobState::Running;
    m_job.startedAt = QDateTime::currentDateTimeUtc();
    m_job.notBefore = QDateTime();
    m_job.attempts += 1;
    switch (m_job.action) {
    case JobAction::Issue:
    case JobAction::Order:
        issue();
        return;
    case JobAction::Deploy:
        deploy();
        return;
    case JobAction::Revoke:
    case JobAction::Suspend:
    case JobAction::Resume:
        changeRevocation();
        return;
    case JobAction::RecheckPinning:
        recheckPinning();
        return;
    case JobAction::Initiate:
        initiate();
        return;
    case JobAction::Rotate:
    case JobAction::Rekey:
        replaceCertificate();
        return;
    case JobAction::Delete:
        deleteCertificate();
        return;
    default:
        finish(JobState::Failed,
               tr("The action \"%1\" is not available in this version of CertDeck.").arg(jobActionId(m_job.action)), {},
               false, QStringLiteral("cert.") + jobActionId(m_job.action), QStringLiteral("failed"));
        return;
    }
}

void JobRun::withBot(std::function<void(bots::BotClient*)> next)
{
    m_context.bots->withClient(m_bot, [this, next = std::move(next)](Result<bots::BotClient*> client) {
        if (!client.ok()) {
            failJob(tr("Could not reach bot \"%1\": %2").arg(m_bot.name, client.message()),
                    botError(client.error(), true), QStringLiteral("cert.") + jobActionId(m_job.action));
            return;
        }
        next(client.value());
    });
}

void JobRun::setStep(const QString& step, int progress)
{
    m_job.step = step;
    m_stepPercent = progress;
    m_job.progress = m_progressFrom + progress * (m_progressTo - m_progressFrom) / 100;
    logger()->info("job {} ({} of certificate {}): {}", m_job.id, jobActionId(m_job.action).toStdString(),
                   m_job.certificateId, step.toStdString());
    persistJob();
    Q_EMIT changed(m_job);
}

bool JobRun::isReplacement() const
{
    return m_job.action == JobAction::Rotate || m_job.action == JobAction::Rekey;
}

QString JobRun::auditFor(const QString& phase) const
{
    return QStringLiteral("cert.") + (isReplacement() ? jobActionId(m_job.action) : phase);
}

void JobRun::persistJob()
{
    m_context.journal->record(m_job);
}

void JobRun::commitCheckpoint(std::function<void()> next)
{
    m_context.journal->commit(m_job, this, [this, next = std::move(next)](Status committed) {
        if (!committed.ok()) {
            failJob(tr("Could not record the job's progress in the inventory, so it does not go on (a crash now "
                       "could not be resumed safely): %1")
                        .arg(committed.message()),
                    committed.error(), QStringLiteral("cert.") + jobActionId(m_job.action));
            return;
        }
        next();
    });
}

void JobRun::failJob(const QString& message, const Error& cause, const QString& auditAction, bool saveRecord)
{
    if (!m_cancelledBy.isEmpty()) {
        finish(JobState::Cancelled, tr("Cancelled by %1 while waiting for validation.").arg(m_cancelledBy), {}, false,
               QStringLiteral("job.cancel"), QStringLiteral("ok"));
        return;
    }
    const RetryPolicy* policy = m_context.retry;
    Error effective = cause;
    if (effective.kind.isEmpty() && effective.message.isEmpty()) {
        effective.message = message;
    }
    if (policy && policy->shouldRetry(m_job.attempts, effective)) {
        const QDateTime at = policy->nextAttemptAt(m_job.attempts, effective, QDateTime::currentDateTimeUtc());
        m_job.notBefore = at;
        finish(JobState::Queued,
               tr("Attempt %1 of %2 failed: %3 Retrying at %4.")
                   .arg(m_job.attempts)
                   .arg(policy->maxAttempts)
                   .arg(message.endsWith(QLatin1Char('.')) ? message : message + QLatin1Char('.'),
                        at.toString(Qt::ISODate)),
               {}, saveRecord, auditAction, QStringLiteral("retrying"));
        return;
    }
    finish(JobState::Failed, message, {}, saveRecord, auditAction, QStringLiteral("failed"));
}

void JobRun::finish(JobState state, const QString& message, const QJsonObject& result, bool saveRecord,
                    const QString& auditAction, const QString& outcome)
{
    m_job.state = state;
    m_job.message = message;
    m_job.result = result;
    if (state == JobState::Queued) {
        // Back to the queue: the next runner (this service's timer, the scheduler, `certdeckctl jobs resume`)
        // claims it once notBefore has passed.
        m_job.claimedBy.clear();
        m_job.finishedAt = QDateTime();
    } else {
        m_job.progress = 100;
        m_job.finishedAt = QDateTime::currentDateTimeUtc();
    }
    if (state != JobState::Succeeded) {
        logger()->warn("job {} of certificate {} ended {}: {}", m_job.id, m_job.certificateId,
                       jobStateId(state).toStdString(), message.toStdString());
    }
    m_context.journal->forget(m_job.id);
    const auto database = m_context.database;
    const Job job = m_job;
    const CertificateRecord record = m_record;
    const QString actor = m_context.actor;
    const bool recordProbe = m_recordProbe;
    runInPool<Status>(
        m_context.dbPool, this,
        [database, job, record, saveRecord, recordProbe, actor, auditAction, outcome]() -> Status {
            return database->transaction([&]() -> Status {
                const store::CertificateRepository certificates(*database);
                if (saveRecord) {
                    if (auto saved = certificates.update(record); !saved.ok()) {
                        return saved;
                    }
                }
                if (recordProbe) {
                    if (auto probed = certificates.setProbeResult(record.id, record.servedFingerprint, record.probedAt,
                                                                  record.drift);
                        !probed.ok()) {
                        return probed;
                    }
                }
                if (auto updated = store::JobRepository(*database).updateAsRunner(job); !updated.ok()) {
                    return updated;
                }
                QJsonObject details{{QStringLiteral("job"), job.id}, {QStringLiteral("message"), job.message}};
                if (!record.fingerprintSha256.isEmpty()) {
                    details.insert(QStringLiteral("fingerprint"), record.fingerprintSha256);
                }
                return audit::AuditTrail(*database, actor).record(auditAction, job.certificateId, outcome, details);
            });
        },
        [this, saveRecord, recordProbe](Status status) {
            if (!status.ok()) {
                m_job.state = JobState::Failed;
                m_job.message =
                    tr("%1 (and the inventory could not record it: %2)").arg(m_job.message, status.message());
            }
            Q_EMIT changed(m_job);
            if (saveRecord || recordProbe) {
                Q_EMIT certificateChanged(m_job.certificateId);
            }
            Q_EMIT finished(m_job);
        });
}

} // namespace certdeck::jobs
