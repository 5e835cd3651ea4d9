// JobRun: the lifecycle actions around issuance and deployment: Initiate ([1]), Rotate ([6]) and Rekey ([7]) as one
// job each, and Delete ([4]) with the optional removal from the server.
#include "engine/audit/AuditTrail.h"
#include "engine/bots/BotClient.h"
#include "engine/ca/CaRegistry.h"
#include "engine/core/Async.h"
#include "engine/core/FailPoint.h"
#include "engine/core/Log.h"
#include "engine/jobs/JobJournal.h"
#include "engine/jobs/JobRun.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"

#include <QDir>
#include <QJsonArray>

namespace certdeck::jobs {
namespace {

const QString kKeyId = QStringLiteral("keyId");
const QString kCsrPem = QStringLiteral("csrPem");
const QString kIssuedFingerprint = QStringLiteral("issuedFingerprint");
const QString kDeleteAudit = QStringLiteral("certificate.delete");

// Whether the configured domain validation can run as it is set up (the conditions JobDomainValidator applies
// before it falls back to the operator). Empty: ready; else what to fix. *plan says how validation will go.
QString dcvProblem(const ProvisioningConfig& config, bool caValidatesDomains, QString* plan)
{
    if (!caValidatesDomains) {
        *plan = JobRun::tr("the CA \"%1\" does not validate domains, no DCV is needed").arg(config.caConnectorName);
        return {};
    }
    if (config.dcvMethod == QLatin1String("dns-01")) {
        QStringList missing;
        if (config.dnsServer.trimmed().isEmpty()) {
            missing << JobRun::tr("DNS server");
        }
        if (config.dnsZone.trimmed().isEmpty()) {
            missing << JobRun::tr("zone");
        }
        if (config.dnsKeyName.trimmed().isEmpty()) {
            missing << JobRun::tr("TSIG key name");
        }
        if (config.dnsPort < 1 || config.dnsPort > 65535) {
            missing << JobRun::tr("a DNS port between 1 and 65535");
        }
        if (!missing.isEmpty()) {
            return JobRun::tr("dns-01 validation needs %1 in the DCV step of the provisioning configuration.")
                .arg(missing.join(QStringLiteral(", ")));
        }
        *plan = JobRun::tr("dns-01 through %1 (zone %2)").arg(config.dnsServer, config.dnsZone);
        return {};
    }
    if (!config.dcvEnabled) {
        *plan = JobRun::tr("automatic DCV is off: the order will wait for validation by hand");
        return {};
    }
    if (config.dcvPath.trimmed().isEmpty() || !QDir::isAbsolutePath(config.dcvPath)) {
        return JobRun::tr("\"Attempt DCV using filename at location\" is on, but the DCV path \"%1\" is not an "
                          "absolute directory path on the bot's host. Enter the web root the domain serves "
                          "/.well-known/acme-challenge/ from.")
            .arg(config.dcvPath);
    }
    *plan = JobRun::tr("http-01 through the bot's DCV path %1").arg(config.dcvPath);
    return {};
}

} // namespace

// --- [1] Initiate ------------------------------------------------------------------------------------------------

void JobRun::initiate()
{
    const QString audit = QStringLiteral("cert.initiate");
    const auto connector = m_context.cas->find(m_config.caType, m_config.caConnectorName);
    if (!connector) {
        finish(JobState::Failed,
               tr("No CA connector named \"%1\" (%2) is configured. Create it, or choose another connector in the "
                  "provisioning configuration, then initiate again.")
                   .arg(m_config.caConnectorName, m_config.caType),
               {}, false, audit, QStringLiteral("failed"));
        return;
    }
    QString plan;
    if (const QString problem = dcvProblem(m_config, connector->caType() != QLatin1String("localca"), &plan);
        !problem.isEmpty()) {
        finish(JobState::Failed, tr("Nothing was prepared: %1").arg(problem), {}, false, audit,
               QStringLiteral("failed"));
        return;
    }
    auto prepared = [this, audit, plan](const QString& keyId, const QByteArray& csrPem) {
        setStep(QStringLiteral("pipeline"), 90);
        m_record.botId = m_bot.id;
        m_record.status = CertificateStatus::Pending;
        const QJsonObject result{{kKeyId, keyId},
                                 {kCsrPem, QString::fromUtf8(csrPem)},
                                 {QStringLiteral("csrMode"), csrModeId(m_config.csrMode)},
                                 {QStringLiteral("bot"), m_bot.name},
                                 {QStringLiteral("dcv"), plan}};
        finish(JobState::Succeeded,
               tr("Initiated: bot \"%1\" prepared the CSR (CSR mode %2). %3 Domain validation: %4. The certificate "
                  "is in the issuance pipeline: Order issues it from this CSR. Nothing on the server was changed.")
                   .arg(m_bot.name, csrModeId(m_config.csrMode),
                        m_job.checkpoint.value(QStringLiteral("keyNote")).toString(), plan),
               result, true, audit, QStringLiteral("ok"));
    };
    const QString stagedKey = m_job.checkpoint.value(kKeyId).toString();
    const QString stagedCsr = m_job.checkpoint.value(kCsrPem).toString();
    if (!stagedKey.isEmpty() && !stagedCsr.isEmpty()) {
        prepared(stagedKey, stagedCsr.toUtf8()); // resumed after the CSR was made
        return;
    }
    createCsr(csrReuseKeyId(), prepared);
}

Status seedOrderFromInitiate(const store::Database& db, Job* job)
{
    if ((job->action != JobAction::Order && job->action != JobAction::Issue) ||
        job->checkpoint.contains(QStringLiteral("keyId"))) {
        return {};
    }
    const store::JobRepository jobs(db);
    auto history = jobs.forCertificate(job->certificateId); // newest first
    if (!history.ok()) {
        return history.error();
    }
    for (const Job& earlier : history.value()) {
        if (earlier.id == job->id || earlier.state != JobState::Succeeded) {
            continue;
        }
        if (earlier.action == JobAction::Initiate) {
            const QString keyId = earlier.result.value(kKeyId).toString();
            const QString csrPem = earlier.result.value(kCsrPem).toString();
            if (keyId.isEmpty() || csrPem.isEmpty()) {
                return {};
            }
            job->checkpoint.insert(kKeyId, keyId);
            job->checkpoint.insert(kCsrPem, csrPem);
            job->checkpoint.insert(QStringLiteral("initiatedBy"), earlier.id);
            job->checkpoint.insert(QStringLiteral("keyNote"),
                                   QObject::tr("The CSR prepared by Initiate (job #%1) was used.").arg(earlier.id));
            return jobs.updateAsRunner(*job);
        }
        if (earlier.action == JobAction::Issue || earlier.action == JobAction::Order ||
            earlier.action == JobAction::Rotate || earlier.action == JobAction::Rekey) {
            return {}; // a certificate was issued since: that CSR is used up
        }
    }
    return {};
}

// --- [6] Rotate, [7] Rekey -----------------------------------------------------------------------------------------

void JobRun::replaceCertificate()
{
    // Resumed after the issuance was stored: straight on to the deployment.
    const QString issued = m_job.checkpoint.value(kIssuedFingerprint).toString();
    if (!issued.isEmpty() && issued == m_record.fingerprintSha256) {
        deployReplacement();
        return;
    }
    if (m_config.serverType.isEmpty()) {
        finish(JobState::Failed,
               tr("Certificate \"%1\" has no server to deploy to: choose the server type and its fields in the "
                  "provisioning configuration. Nothing was issued.")
                   .arg(m_record.commonName),
               {}, false, auditFor(QString()), QStringLiteral("failed"));
        return;
    }
    m_progressFrom = 0;
    m_progressTo = 50;
    m_afterIssue = [this](const QString& issuedMessage) {
        m_job.checkpoint.insert(kIssuedFingerprint, m_record.fingerprintSha256);
        m_job.checkpoint.insert(QStringLiteral("issuedMessage"), issuedMessage);
        setStep(QStringLiteral("store"), 100);
        saveRecordAndCheckpoint([this] {
            failPoint("replace.issued");
            deployReplacement();
        });
    };
    issue();
}

void JobRun::deployReplacement()
{
    m_progressFrom = 50;
    m_progressTo = 95;
    deploy();
}

void JobRun::saveRecordAndCheckpoint(std::function<void()> next)
{
    m_context.journal->forget(m_job.id); // this state is newer than any unwritten step
    const auto database = m_context.database;
    const Job job = m_job;
    const CertificateRecord record = m_record;
    runInPool<Status>(
        m_context.dbPool, this,
        [database, job, record]() -> Status {
            return database->transaction([&]() -> Status {
                if (auto saved = store::CertificateRepository(*database).update(record); !saved.ok()) {
                    return saved;
                }
                return store::JobRepository(*database).updateAsRunner(job);
            });
        },
        [this, next = std::move(next)](Status saved) {
            if (!saved.ok()) {
                failJob(tr("The new certificate was issued but could not be stored in the inventory, so it is not "
                           "deployed: %1")
                            .arg(saved.message()),
                        saved.error(), auditFor(QString()));
                return;
            }
            Q_EMIT certificateChanged(m_job.certificateId);
            next();
        });
}

// --- [4] Delete ----------------------------------------------------------------------------------------------------

void JobRun::deleteCertificate()
{
    if (!m_job.params.value(QStringLiteral("removeFromServer")).toBool(false)) {
        finishDelete(tr("Deleted \"%1\" from the inventory; lifecycle tracking and automation stopped. The "
                        "certificate was left on the server.")
                         .arg(m_record.commonName),
                     QJsonObject{{QStringLiteral("removedFromServer"), false}});
        return;
    }
    if (m_config.serverType.isEmpty()) {
        finish(JobState::Failed,
               tr("\"%1\" has no server configured, so it cannot be removed from one; nothing was deleted. Delete it "
                  "from the inventory only, or configure its server first.")
                   .arg(m_record.commonName),
               {}, false, kDeleteAudit, QStringLiteral("failed"));
        return;
    }
    setStep(QStringLiteral("remove"), 10);
    withAgentlessTarget(kDeleteAudit, [this](const QJsonObject& agentless) {
        withServerFields(kDeleteAudit, [this, agentless](const QJsonObject& fields) {
            withBot([this, agentless, fields](bots::BotClient* client) {
                QJsonObject params{
                    {QStringLiteral("serverType"), m_config.serverType},
                    {QStringLiteral("fields"), fields}, // passwords: only in this request
                };
                if (!agentless.isEmpty()) {
                    params.insert(QStringLiteral("agentless"), agentless); // secrets: only in this request
                }
                auto progress = [this](int percent, const QString& step) { setStep(step, 10 + percent * 80 / 100); };
                client->call(
                    QStringLiteral("remove"), params, this,
                    [this](Result<QJsonObject> reply) {
                        if (!reply.ok()) {
                            failJob(
                                tr("Could not take the certificate off the server, so it stays in the inventory: %1")
                                    .arg(reply.message()),
                                botError(reply.error(), false), kDeleteAudit);
                            return;
                        }
                        QJsonObject report = reply.value();
                        const QString failure = report.value(QStringLiteral("failure")).toString();
                        if (!failure.isEmpty()) {
                            finish(
                                JobState::Failed,
                                tr("Nothing was deleted: removing the certificate from the server failed and its files "
                                   "were left as they were. %1")
                                    .arg(failure),
                                report, false, kDeleteAudit, QStringLiteral("failed"));
                            return;
                        }
                        failPoint("delete.removed-from-server");
                        report.insert(QStringLiteral("removedFromServer"), true);
                        const QString backup = report.value(QStringLiteral("backupId")).toString();
                        finishDelete(
                            backup.isEmpty()
                                ? tr("Deleted \"%1\" from the inventory; its files were not on the server any more.")
                                      .arg(m_record.commonName)
                                : tr("Removed \"%1\" from the server (the bot keeps backup %2) and deleted it from "
                                     "the inventory; lifecycle tracking and automation stopped.")
                                      .arg(m_record.commonName, backup),
                            report);
                    },
                    progress);
            });
        });
    });
}

void JobRun::finishDelete(const QString& message, const QJsonObject& result)
{
    setStep(QStringLiteral("delete"), 95);
    m_context.journal->forget(m_job.id); // the job's row goes with the certificate
    Job job = m_job;
    job.state = JobState::Succeeded;
    job.message = message;
    job.result = result;
    job.progress = 100;
    job.finishedAt = QDateTime::currentDateTimeUtc();
    const auto database = m_context.database;
    const QString actor = m_context.actor;
    const CertificateRecord record = m_record;
    runInPool<Status>(
        m_context.dbPool, this,
        [database, job, record, actor]() -> Status {
            return database->transaction([&]() -> Status {
                QJsonObject details{{QStringLiteral("job"), job.id},
                                    {QStringLiteral("startedBy"), job.startedBy},
                                    {QStringLiteral("commonName"), record.commonName},
                                    {QStringLiteral("removedFromServer"),
                                     job.result.value(QStringLiteral("removedFromServer")).toBool()},
                                    {QStringLiteral("message"), job.message}};
                if (!record.fingerprintSha256.isEmpty()) {
                    details.insert(QStringLiteral("fingerprint"), record.fingerprintSha256);
                }
                if (auto audited = audit::AuditTrail(*database, actor)
                                       .record(kDeleteAudit, record.id, QStringLiteral("ok"), details);
                    !audited.ok()) {
                    return audited;
                }
                // Cascades to the provisioning configuration, the schedule state and the jobs (this one too).
                return store::CertificateRepository(*database).remove(record.id);
            });
        },
        [this, job](Status deleted) {
            if (!deleted.ok()) {
                const bool removed = job.result.value(QStringLiteral("removedFromServer")).toBool();
                finish(JobState::Failed,
                       removed ? tr("The certificate was removed from the server, but the inventory could not delete "
                                    "its record: %1 Delete it again (inventory only).")
                                     .arg(deleted.message())
                               : tr("The inventory could not delete the certificate: %1").arg(deleted.message()),
                       job.result, false, kDeleteAudit, QStringLiteral("failed"));
                return;
            }
            log::get("engine.jobs")
                ->info("certificate {} deleted by job {} ({})", job.certificateId, job.id, job.startedBy.toStdString());
            m_job = job;
            Q_EMIT changed(m_job);
            Q_EMIT finished(m_job);
        });
}

} // namespace certdeck::jobs
