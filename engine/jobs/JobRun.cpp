#include "engine/jobs/JobRun.h"

#include "engine/audit/AuditTrail.h"
#include "engine/bots/BotClient.h"
#include "engine/ca/CaRegistry.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/crypto/Certificate.h"
#include "engine/jobs/BotConnections.h"
#include "engine/jobs/CertificateMaterial.h"
#include "engine/jobs/JobDomainValidator.h"
#include "engine/jobs/JobJournal.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace certdeck::jobs {
namespace {

auto logger()
{
    return log::get("engine.jobs");
}

QJsonObject verifyParams(const ProvisioningConfig& config, const CertificateRecord& record)
{
    return QJsonObject{
        {QStringLiteral("host"), config.endpointHost},
        {QStringLiteral("port"), config.endpointPort},
        {QStringLiteral("serverName"), record.commonName},
        {QStringLiteral("timeoutMs"), 20000},
    };
}

} // namespace

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
            finish(JobState::Failed, tr("Could not reach bot \"%1\": %2").arg(m_bot.name, client.message()), {}, false,
                   QStringLiteral("cert.") + jobActionId(m_job.action), QStringLiteral("failed"));
            return;
        }
        next(client.value());
    });
}

void JobRun::issue()
{
    const auto connector = m_context.cas->find(m_config.caType, m_config.caConnectorName);
    if (!connector) {
        finish(JobState::Failed,
               tr("No CA connector named \"%1\" (%2) is configured. Create it, or choose another connector in the "
                  "provisioning configuration.")
                   .arg(m_config.caConnectorName, m_config.caType),
               {}, false, QStringLiteral("cert.issue"), QStringLiteral("failed"));
        return;
    }
    const QString commonName = m_config.commonName.isEmpty() ? m_record.commonName : m_config.commonName;
    const QStringList sans = m_config.sans.isEmpty() ? m_record.sans : m_config.sans;
    setStep(QStringLiteral("csr.create"), 10);
    withBot([this, connector, commonName, sans](bots::BotClient* client) {
        const QJsonObject params{
            {QStringLiteral("commonName"), commonName},
            {QStringLiteral("sans"), QJsonArray::fromStringList(sans)},
            {QStringLiteral("keyAlgorithm"), m_config.keyAlgorithm},
            {QStringLiteral("keySize"), m_config.keySize},
            {QStringLiteral("signatureAlgorithm"), m_config.signatureAlgorithm},
        };
        client->call(QStringLiteral("csr.create"), params, this, [this, connector](Result<QJsonObject> reply) {
            if (!reply.ok()) {
                finish(JobState::Failed, tr("The bot could not create the key and CSR: %1").arg(reply.message()), {},
                       false, QStringLiteral("cert.issue"), QStringLiteral("failed"));
                return;
            }
            const QString keyId = reply->value(QStringLiteral("keyId")).toString();
            ca::IssueRequest request;
            request.csrPem = reply->value(QStringLiteral("csrPem")).toString().toUtf8();
            const QPointer<JobRun> self(this);
            ValidationHooks hooks;
            hooks.withBot = [self](std::function<void(Result<bots::BotClient*>)> next) {
                if (self) {
                    self->m_context.bots->withClient(self->m_bot, std::move(next));
                }
            };
            hooks.awaitOperator = [self](const ManualValidation& manual, std::function<void(Status)> resume) {
                if (self) {
                    self->awaitValidation(manual, std::move(resume));
                }
            };
            hooks.progress = [self](const QString& step, int percent) {
                if (self) {
                    self->setStep(step, 50 + percent * 40 / 100);
                }
            };
            request.validator = std::make_shared<JobDomainValidator>(
                m_config, connector->httpValidationPort(), m_context.secrets, m_context.network, std::move(hooks),
                m_context.manualValidationTimeout);
            const QString issuedBy = QStringLiteral("%1:%2").arg(connector->caType(), connector->name());
            if (m_record.source == issuedBy && !m_record.chainPem.isEmpty()) {
                if (auto previous = crypto::Certificate::chainFromPem(m_record.chainPem);
                    previous.ok() && !previous->isEmpty()) {
                    request.replacesCertificatePem = previous->first().toPem();
                }
            }
            setStep(QStringLiteral("issue"), 50);
            connector->issue(request, this, [this, keyId, connector](Result<ca::IssuedCertificate> issued) {
                if (!issued.ok()) {
                    finish(JobState::Failed,
                           tr("CA \"%1\" did not issue the certificate: %2").arg(connector->name(), issued.message()),
                           {}, false, QStringLiteral("cert.issue"), QStringLiteral("failed"));
                    return;
                }
                auto leaf = crypto::Certificate::fromPem(issued->certificatePem);
                if (!leaf.ok()) {
                    finish(JobState::Failed, tr("The CA returned an unreadable certificate: %1").arg(leaf.message()),
                           {}, false, QStringLiteral("cert.issue"), QStringLiteral("failed"));
                    return;
                }
                QList<crypto::Certificate> chain;
                if (!issued->chainPem.trimmed().isEmpty()) {
                    auto parsed = crypto::Certificate::chainFromPem(issued->chainPem);
                    if (!parsed.ok()) {
                        finish(JobState::Failed, tr("The CA returned an unreadable chain: %1").arg(parsed.message()),
                               {}, false, QStringLiteral("cert.issue"), QStringLiteral("failed"));
                        return;
                    }
                    chain = parsed.value();
                }
                applyCertificate(m_record, leaf.value(), chain);
                m_record.keyId = keyId;
                m_record.botId = m_bot.id;
                m_record.status = CertificateStatus::Issued;
                m_record.source = QStringLiteral("%1:%2").arg(connector->caType(), connector->name());
                setStep(QStringLiteral("store"), 90);
                finish(
                    JobState::Succeeded,
                    tr("Issued by %1, valid until %2.").arg(connector->name(), m_record.notAfter.toString(Qt::ISODate)),
                    QJsonObject{{QStringLiteral("fingerprint"), m_record.fingerprintSha256},
                                {QStringLiteral("serial"), m_record.serialHex},
                                {QStringLiteral("notAfter"), m_record.notAfter.toString(Qt::ISODate)}},
                    true, QStringLiteral("cert.issue"), QStringLiteral("ok"));
            });
        });
    });
}

// The connector that issued the certificate ("<caType>:<name>" in its source), else the configured one.
void JobRun::changeRevocation()
{
    const QString audit = QStringLiteral("cert.") + jobActionId(m_job.action);
    auto failWith = [&](const QString& message) {
        finish(JobState::Failed, message, {}, false, audit, QStringLiteral("failed"));
    };
    std::shared_ptr<ca::CaConnector> connector;
    if (const int colon = m_record.source.indexOf(QLatin1Char(':')); colon > 0) {
        connector = m_context.cas->find(m_record.source.left(colon), m_record.source.mid(colon + 1));
    }
    if (!connector) {
        connector = m_context.cas->find(m_config.caType, m_config.caConnectorName);
    }
    if (!connector) {
        failWith(tr("The CA that issued \"%1\" (%2) is not configured here, so it cannot %3 the certificate.")
                     .arg(m_record.commonName, m_record.source, jobActionId(m_job.action)));
        return;
    }
    auto chain = crypto::Certificate::chainFromPem(m_record.chainPem);
    if (!chain.ok() || chain->isEmpty()) {
        failWith(tr("Certificate \"%1\" has no issued certificate in the inventory to %2.")
                     .arg(m_record.commonName, jobActionId(m_job.action)));
        return;
    }
    const QByteArray leafPem = chain->first().toPem();
    auto done = [this, connector, audit](CertificateStatus status, const QString& what) {
        return [this, connector, audit, status, what](Status result) {
            if (!result.ok()) {
                finish(JobState::Failed, tr("CA \"%1\": %2").arg(connector->name(), result.message()), {}, false, audit,
                       QStringLiteral("failed"));
                return;
            }
            const QJsonObject outcome{{QStringLiteral("previousStatus"), certificateStatusId(m_record.status)}};
            m_record.status = status;
            finish(JobState::Succeeded, what, outcome, true, audit, QStringLiteral("ok"));
        };
    };
    setStep(jobActionId(m_job.action), 50);
    switch (m_job.action) {
    case JobAction::Revoke: {
        const int reason = m_job.params.value(QStringLiteral("reason")).toInt(0);
        if (reason < 0 || reason > 5) {
            failWith(tr("Revocation reason %1 is not one of 0 (unspecified), 1 (key compromise), 2 (CA compromise), "
                        "3 (affiliation changed), 4 (superseded), 5 (cessation of operation); use Suspend for a hold.")
                         .arg(reason));
            return;
        }
        connector->revoke(
            leafPem, ca::RevocationReason(reason), this,
            done(CertificateStatus::Revoked, tr("Revoked by %1 (reason %2).").arg(connector->name()).arg(reason)));
        return;
    }
    case JobAction::Suspend:
        if (!connector->supportsSuspend()) {
            failWith(tr("CA \"%1\" cannot suspend certificates; revoke it instead.").arg(connector->name()));
            return;
        }
        connector->suspend(leafPem, this,
                           done(CertificateStatus::Suspended, tr("Suspended (on hold) by %1.").arg(connector->name())));
        return;
    default: {
        if (m_record.status != CertificateStatus::Suspended) {
            failWith(
                tr("Certificate \"%1\" is not suspended, so there is nothing to resume.").arg(m_record.commonName));
            return;
        }
        // Back to what it was before the suspension (the Suspend job recorded it).
        CertificateStatus previous = CertificateStatus::Issued;
        if (!certificateStatusFromId(m_job.params.value(QStringLiteral("previousStatus")).toString(), &previous) ||
            previous == CertificateStatus::Suspended) {
            previous = CertificateStatus::Issued;
        }
        connector->resume(leafPem, this,
                          done(previous, tr("Resumed by %1; the certificate is valid again.").arg(connector->name())));
        return;
    }
    }
}

void JobRun::awaitValidation(const ManualValidation& manual, std::function<void(Status)> resume)
{
    m_resumeValidation = std::move(resume);
    m_job.state = JobState::AwaitingValidation;
    m_job.message = tr("Waiting for validation by hand: %1 Publish what the job lists, then choose \"Validation "
                       "done\" (before %2).")
                        .arg(manual.reason, manual.deadline.toString(Qt::ISODate));
    m_job.result = QJsonObject{{QStringLiteral("validation"), manual.toJson()}};
    setStep(QStringLiteral("awaiting-validation"), m_job.progress);
    delete m_validationDeadline;
    m_validationDeadline = new QTimer(this);
    m_validationDeadline->setSingleShot(true);
    const qint64 msLeft = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(manual.deadline));
    m_validationDeadline->setInterval(int(std::min<qint64>(msLeft, std::numeric_limits<int>::max())));
    connect(m_validationDeadline, &QTimer::timeout, this, [this, deadline = manual.deadline] {
        if (auto resumeFn = std::exchange(m_resumeValidation, nullptr)) {
            m_job.state = JobState::Running;
            resumeFn(fail(tr("Nobody confirmed the validation before %1; the order was abandoned.")
                              .arg(deadline.toString(Qt::ISODate)),
                          QStringLiteral("timeout")));
        }
    });
    m_validationDeadline->start();
}

Status JobRun::confirmValidation()
{
    auto resumeFn = std::exchange(m_resumeValidation, nullptr);
    if (!resumeFn || m_job.state != JobState::AwaitingValidation) {
        return fail(tr("Job #%1 is not waiting for validation.").arg(m_job.id), QStringLiteral("conflict"));
    }
    if (m_validationDeadline) {
        m_validationDeadline->stop();
    }
    m_job.state = JobState::Running;
    m_job.message = tr("Validation confirmed by the operator; the CA validates now.");
    setStep(QStringLiteral("validate"), m_job.progress);
    resumeFn({});
    return {};
}

void JobRun::deploy()
{
    if (m_record.chainPem.isEmpty() || m_record.keyId.isEmpty()) {
        finish(JobState::Failed,
               tr("Certificate \"%1\" has no issued material waiting on its bot. Issue it first, then deploy.")
                   .arg(m_record.commonName),
               {}, false, QStringLiteral("cert.deploy"), QStringLiteral("failed"));
        return;
    }
    auto chain = crypto::Certificate::chainFromPem(m_record.chainPem);
    if (!chain.ok() || chain->isEmpty()) {
        finish(JobState::Failed,
               tr("The stored chain of \"%1\" is unreadable: %2").arg(m_record.commonName, chain.message()), {}, false,
               QStringLiteral("cert.deploy"), QStringLiteral("failed"));
        return;
    }
    const QByteArray leafPem = chain->first().toPem();
    const QList<crypto::Certificate> intermediates = chain->mid(1);
    const QByteArray chainPem = crypto::chainToPem(intermediates);
    setStep(QStringLiteral("deploy"), 10);
    withBot([this, leafPem, chainPem](bots::BotClient* client) {
        const QJsonObject params{
            {QStringLiteral("serverType"), m_config.serverType},
            {QStringLiteral("fields"), QJsonObject::fromVariantMap(m_config.serverFields)},
            {QStringLiteral("keyId"), m_record.keyId},
            {QStringLiteral("certificatePem"), QString::fromUtf8(leafPem)},
            {QStringLiteral("chainPem"), QString::fromUtf8(chainPem)},
            {QStringLiteral("expectedFingerprint"), m_record.fingerprintSha256},
            {QStringLiteral("verify"), verifyParams(m_config, m_record)},
            {QStringLiteral("rollbackOnFailure"), m_config.schedule.rollbackOnFailure},
        };
        auto progress = [this](int percent, const QString& step) { setStep(step, 10 + percent * 85 / 100); };
        client->call(
            QStringLiteral("deploy"), params, this,
            [this](Result<QJsonObject> reply) {
                if (!reply.ok()) {
                    m_record.status = CertificateStatus::Failed;
                    finish(JobState::Failed, tr("Deployment failed: %1").arg(reply.message()), {}, true,
                           QStringLiteral("cert.deploy"), QStringLiteral("failed"));
                    return;
                }
                const QJsonObject report = reply.value();
                if (report.value(QStringLiteral("deployed")).toBool()) {
                    m_record.status = CertificateStatus::Deployed;
                    m_record.host = m_config.endpointHost;
                    m_record.port = m_config.endpointPort;
                    m_record.serverType = m_config.serverType;
                    finish(JobState::Succeeded,
                           tr("Deployed; %1:%2 serves fingerprint %3.")
                               .arg(m_config.endpointHost)
                               .arg(m_config.endpointPort)
                               .arg(report.value(QStringLiteral("servedFingerprint")).toString()),
                           report, true, QStringLiteral("cert.deploy"), QStringLiteral("ok"));
                    return;
                }
                const bool rolledBack = report.value(QStringLiteral("rolledBack")).toBool();
                m_record.status = CertificateStatus::Failed;
                const QString failure = report.value(QStringLiteral("failure")).toString();
                finish(rolledBack ? JobState::RolledBack : JobState::Failed,
                       rolledBack ? tr("Deployment failed and was rolled back; the previous certificate is served "
                                       "again. Cause: %1")
                                        .arg(failure)
                                  : tr("Deployment failed: %1").arg(failure),
                       report, true, QStringLiteral("cert.deploy"),
                       rolledBack ? QStringLiteral("rolled-back") : QStringLiteral("failed"));
            },
            progress);
    });
}

void JobRun::setStep(const QString& step, int progress)
{
    m_job.step = step;
    m_job.progress = progress;
    logger()->info("job {} ({} of certificate {}): {}", m_job.id, jobActionId(m_job.action).toStdString(),
                   m_job.certificateId, step.toStdString());
    persistJob();
    Q_EMIT changed(m_job);
}

void JobRun::persistJob()
{
    m_context.journal->record(m_job);
}

void JobRun::finish(JobState state, const QString& message, const QJsonObject& result, bool saveRecord,
                    const QString& auditAction, const QString& outcome)
{
    m_job.state = state;
    m_job.message = message;
    m_job.result = result;
    m_job.progress = 100;
    m_job.finishedAt = QDateTime::currentDateTimeUtc();
    if (state != JobState::Succeeded) {
        logger()->warn("job {} of certificate {} ended {}: {}", m_job.id, m_job.certificateId,
                       jobStateId(state).toStdString(), message.toStdString());
    }
    m_context.journal->forget(m_job.id);
    const auto database = m_context.database;
    const Job job = m_job;
    const CertificateRecord record = m_record;
    const QString actor = m_context.actor;
    runInPool<Status>(
        m_context.dbPool, this,
        [database, job, record, saveRecord, actor, auditAction, outcome]() -> Status {
            return database->transaction([&]() -> Status {
                if (saveRecord) {
                    if (auto saved = store::CertificateRepository(*database).update(record); !saved.ok()) {
                        return saved;
                    }
                }
                if (auto updated = store::JobRepository(*database).update(job); !updated.ok()) {
                    return updated;
                }
                QJsonObject details{{QStringLiteral("job"), job.id}, {QStringLiteral("message"), job.message}};
                if (!record.fingerprintSha256.isEmpty()) {
                    details.insert(QStringLiteral("fingerprint"), record.fingerprintSha256);
                }
                return audit::AuditTrail(*database, actor).record(auditAction, job.certificateId, outcome, details);
            });
        },
        [this, saveRecord](Status status) {
            if (!status.ok()) {
                m_job.state = JobState::Failed;
                m_job.message =
                    tr("%1 (and the inventory could not record it: %2)").arg(m_job.message, status.message());
            }
            Q_EMIT changed(m_job);
            if (saveRecord) {
                Q_EMIT certificateChanged(m_job.certificateId);
            }
            Q_EMIT finished(m_job);
        });
}

} // namespace certdeck::jobs
