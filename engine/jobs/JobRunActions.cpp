// JobRun: revocation changes, validation by hand, deployment and the pinning re-check.
#include "engine/bots/BotClient.h"
#include "engine/ca/CaRegistry.h"
#include "engine/core/Async.h"
#include "engine/core/FailPoint.h"
#include "engine/crypto/Certificate.h"
#include "engine/jobs/JobRun.h"
#include "engine/jobs/RetryPolicy.h"
#include "engine/monitoring/EndpointCheck.h"

#include <QTimer>

#include <algorithm>
#include <limits>

namespace certdeck::jobs {
namespace {

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
            // Revoking a certificate the CA already revoked (a resumed or repeated job) reaches the goal.
            const bool alreadyRevoked = !result.ok() && m_job.action == JobAction::Revoke &&
                                        result.error().kind == QLatin1String("alreadyRevoked");
            if (!result.ok() && !alreadyRevoked) {
                failJob(tr("CA \"%1\": %2").arg(connector->name(), result.message()), result.error(), audit);
                return;
            }
            const QJsonObject outcome{{QStringLiteral("previousStatus"), certificateStatusId(m_record.status)}};
            m_record.status = status;
            finish(JobState::Succeeded,
                   alreadyRevoked ? tr("Revoked (CA \"%1\" had already revoked it).").arg(connector->name()) : what,
                   outcome, true, audit, QStringLiteral("ok"));
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
    setStep(QStringLiteral("awaiting-validation"), m_stepPercent);
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
                          QStringLiteral("validationAbandoned")));
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
    setStep(QStringLiteral("validate"), m_stepPercent);
    resumeFn({});
    return {};
}

Status JobRun::cancel(const QString& actor)
{
    if (m_job.state != JobState::AwaitingValidation || !m_resumeValidation) {
        return fail(tr("Job #%1 cannot be cancelled: it is %2.").arg(m_job.id).arg(jobStateId(m_job.state)),
                    QStringLiteral("conflict"));
    }
    auto resumeFn = std::exchange(m_resumeValidation, nullptr);
    if (m_validationDeadline) {
        m_validationDeadline->stop();
    }
    m_cancelledBy = actor;
    m_job.state = JobState::Running;
    resumeFn(fail(tr("Cancelled by %1.").arg(actor), QStringLiteral("cancelled")));
    return {};
}

QString JobRun::withReplacementNote(const QString& message) const
{
    if (!isReplacement()) {
        return message;
    }
    return tr("%1 The new certificate %2 was issued and is stored in the inventory; run Deploy once the cause is "
              "fixed.")
        .arg(message.endsWith(QLatin1Char('.')) ? message : message + QLatin1Char('.'),
             m_record.fingerprintSha256.left(16));
}

void JobRun::deploy()
{
    if (m_record.chainPem.isEmpty() || m_record.keyId.isEmpty()) {
        finish(JobState::Failed,
               tr("Certificate \"%1\" has no issued material waiting on its bot. Issue it first, then deploy.")
                   .arg(m_record.commonName),
               {}, false, auditFor(QStringLiteral("deploy")), QStringLiteral("failed"));
        return;
    }
    auto chain = crypto::Certificate::chainFromPem(m_record.chainPem);
    if (!chain.ok() || chain->isEmpty()) {
        finish(JobState::Failed,
               tr("The stored chain of \"%1\" is unreadable: %2").arg(m_record.commonName, chain.message()), {}, false,
               auditFor(QStringLiteral("deploy")), QStringLiteral("failed"));
        return;
    }
    const QByteArray leafPem = chain->first().toPem();
    const QList<crypto::Certificate> intermediates = chain->mid(1);
    const QByteArray chainPem = crypto::chainToPem(intermediates);
    setStep(QStringLiteral("deploy"), 10);
    withAgentlessTarget(auditFor(QStringLiteral("deploy")), [this, leafPem, chainPem](const QJsonObject& agentless) {
        withServerFields(auditFor(QStringLiteral("deploy")), [this, leafPem, chainPem,
                                                              agentless](const QJsonObject& fields) {
            withBot([this, leafPem, chainPem, agentless, fields](bots::BotClient* client) {
                failPoint("deploy.started");
                QJsonObject params{
                    {QStringLiteral("serverType"), m_config.serverType},
                    {QStringLiteral("fields"), fields}, // passwords: only in this request
                    {QStringLiteral("keyId"), m_record.keyId},
                    {QStringLiteral("certificatePem"), QString::fromUtf8(leafPem)},
                    {QStringLiteral("chainPem"), QString::fromUtf8(chainPem)},
                    {QStringLiteral("expectedFingerprint"), m_record.fingerprintSha256},
                    {QStringLiteral("verify"), verifyParams(m_config, m_record)},
                    {QStringLiteral("rollbackOnFailure"), m_config.schedule.rollbackOnFailure},
                };
                if (!agentless.isEmpty()) {
                    params.insert(QStringLiteral("agentless"), agentless); // secrets: only in this request
                }
                auto progress = [this](int percent, const QString& step) { setStep(step, 10 + percent * 85 / 100); };
                client->call(
                    QStringLiteral("deploy"), params, this,
                    [this](Result<QJsonObject> reply) {
                        failPoint("deploy.finished");
                        if (!reply.ok()) {
                            const Error cause = botError(reply.error(), false);
                            if (!RetryPolicy::isTransient(cause)) {
                                m_record.status = CertificateStatus::Failed;
                            }
                            failJob(withReplacementNote(tr("Deployment failed: %1").arg(reply.message())), cause,
                                    auditFor(QStringLiteral("deploy")), true);
                            return;
                        }
                        const QJsonObject report = reply.value();
                        if (report.value(QStringLiteral("deployed")).toBool()) {
                            m_record.servedFingerprint = report.value(QStringLiteral("servedFingerprint")).toString();
                            m_record.probedAt = QDateTime::currentDateTimeUtc();
                            m_record.drift.clear();
                            m_recordProbe = !m_record.servedFingerprint.isEmpty();
                            m_record.status = CertificateStatus::Deployed;
                            m_record.host = m_config.endpointHost;
                            m_record.port = m_config.endpointPort;
                            m_record.serverType = m_config.serverType;
                            QString message = tr("Deployed; %1:%2 serves fingerprint %3.")
                                                  .arg(m_config.endpointHost)
                                                  .arg(m_config.endpointPort)
                                                  .arg(report.value(QStringLiteral("servedFingerprint")).toString());
                            QJsonObject result = report;
                            if (isReplacement()) {
                                // The bot verified the served fingerprint by a handshake; the job shows it as its own
                                // step.
                                setStep(QStringLiteral("verify"), 100);
                                m_progressFrom = 0;
                                m_progressTo = 100;
                                const QString keyNote = m_job.checkpoint.value(QStringLiteral("keyNote")).toString();
                                QStringList parts{m_job.checkpoint.value(QStringLiteral("issuedMessage")).toString(),
                                                  keyNote, message};
                                parts.removeAll(QString());
                                message = (m_job.action == JobAction::Rotate ? tr("Rotated: %1") : tr("Rekeyed: %1"))
                                              .arg(parts.join(QLatin1Char(' ')));
                                result.insert(QStringLiteral("fingerprint"), m_record.fingerprintSha256);
                                result.insert(QStringLiteral("keyId"), m_record.keyId);
                                result.insert(QStringLiteral("keyNote"), keyNote);
                            }
                            finish(JobState::Succeeded, message, result, true, auditFor(QStringLiteral("deploy")),
                                   QStringLiteral("ok"));
                            return;
                        }
                        const bool rolledBack = report.value(QStringLiteral("rolledBack")).toBool();
                        // Only a handshake after the restore proves what the endpoint serves again.
                        const bool proven = report.value(QStringLiteral("rollbackVerified")).toBool();
                        m_record.status = CertificateStatus::Failed;
                        const QString failure = report.value(QStringLiteral("failure")).toString();
                        QString message = tr("Deployment failed: %1").arg(failure);
                        if (rolledBack && proven) {
                            message = tr("Deployment failed and was rolled back; a handshake showed that %1:%2 serves "
                                         "the previous certificate %3 again. Cause: %4")
                                          .arg(m_config.endpointHost)
                                          .arg(m_config.endpointPort)
                                          .arg(report.value(QStringLiteral("servedFingerprint")).toString(), failure);
                        } else if (rolledBack) {
                            message = tr("Deployment failed; the previous files were restored, but which certificate "
                                         "%1:%2 serves is unproven (no handshake showed the previous one). Cause: %3")
                                          .arg(m_config.endpointHost)
                                          .arg(m_config.endpointPort)
                                          .arg(failure);
                            // The dashboard marks the row: restored, serving unproven.
                            m_record.servedFingerprint = report.value(QStringLiteral("servedFingerprint")).toString();
                            m_record.probedAt = QDateTime::currentDateTimeUtc();
                            m_record.drift = tr("serving unproven: the previous files were restored after a failed "
                                                "deployment, but no handshake showed which certificate %1:%2 serves. "
                                                "Re-check pinning once the endpoint is reachable.")
                                                 .arg(m_config.endpointHost)
                                                 .arg(m_config.endpointPort);
                            m_recordProbe = true;
                        }
                        finish(rolledBack ? JobState::RolledBack : JobState::Failed, withReplacementNote(message),
                               report, true, auditFor(QStringLiteral("deploy")),
                               rolledBack ? QStringLiteral("rolled-back") : QStringLiteral("failed"));
                    },
                    progress);
            });
        });
    });
}

void JobRun::recheckPinning()
{
    const QString host = m_config.endpointHost.isEmpty() ? m_record.host : m_config.endpointHost;
    const int port = m_config.endpointPort > 0 ? m_config.endpointPort : m_record.port;
    if (host.isEmpty() || port <= 0) {
        finish(JobState::Failed,
               tr("Certificate \"%1\" has no endpoint to check: set the endpoint (host and port) in its provisioning "
                  "configuration.")
                   .arg(m_record.commonName),
               {}, false, QStringLiteral("cert.") + jobActionId(m_job.action), QStringLiteral("failed"));
        return;
    }
    setStep(QStringLiteral("probe"), 30);
    runInBackground<monitoring::EndpointCheck>(
        this,
        [record = m_record, host, port] {
            return monitoring::checkEndpoint(record, host, port, 10000, QDateTime::currentDateTimeUtc());
        },
        [this](monitoring::EndpointCheck check) {
            m_record.servedFingerprint = check.servedFingerprint;
            m_record.probedAt = check.at.isValid() ? check.at : QDateTime::currentDateTimeUtc();
            m_record.drift = check.drift;
            m_recordProbe = true;
            const QString where = QStringLiteral("%1:%2").arg(check.host).arg(check.port);
            const QJsonObject result{{QStringLiteral("servedFingerprint"), check.servedFingerprint},
                                     {QStringLiteral("drift"), check.drift},
                                     {QStringLiteral("reached"), check.reached}};
            if (!check.reached) {
                finish(JobState::Failed,
                       tr("Could not reach %1 to check which certificate it serves: %2").arg(where, check.error),
                       result, false, QStringLiteral("cert.") + jobActionId(m_job.action), QStringLiteral("failed"));
                return;
            }
            const QString served = monitoring::shortFingerprint(check.servedFingerprint);
            finish(JobState::Succeeded,
                   check.drift.isEmpty() ? tr("%1 serves this certificate (%2); no drift.").arg(where, served)
                                         : tr("%1 serves %2. Drift: %3").arg(where, served, check.drift),
                   result, false, QStringLiteral("cert.") + jobActionId(m_job.action),
                   check.drift.isEmpty() ? QStringLiteral("ok") : QStringLiteral("drift"));
        });
}

} // namespace certdeck::jobs
