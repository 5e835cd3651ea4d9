#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Bot.h"
#include "engine/domain/CertificateRecord.h"
#include "engine/domain/CsrTemplate.h"
#include "engine/domain/Job.h"
#include "engine/domain/ProvisioningConfig.h"
#include "engine/jobs/JobContext.h"
#include "engine/jobs/ManualValidation.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>

class QTimer;

namespace certdeck::bots {
class BotClient;
}
namespace certdeck::store {
class Database;
}

namespace certdeck::jobs {

// Carries one persistent job through its steps. Each step is written to the jobs table before the next
// one starts (on the context's single inventory thread, so writes keep their order).
//   Issue:  csr.create on the bot (key staged there) -> CA connector issues -> inventory updated.
//          For CAs that validate domains (ACME) a JobDomainValidator proves control: through the bot's DCV path,
//          RFC 2136, or the operator by hand (the job waits in AwaitingValidation until confirmValidation()).
//   Revoke / Suspend / Resume: the CA connector that issued the certificate -> inventory updated.
//   Deploy: bot deploys (backup, write, config test, reload, verify; rollback on failure) -> inventory updated.
//   RecheckPinning: one TLS handshake with the endpoint, compared with the inventory (served fingerprint, drift).
//   Initiate: checks the DCV preparation, csr.create on the bot per the CSR mode (key staged there), links the
//          mapped bot and moves the certificate to Pending; nothing is issued, replaced or deployed. The staged CSR is
//          in the job's result ({keyId, csrPem}); the next Order starts from it (seedOrderFromInitiate).
//   Rotate / Rekey: one job: csr.create (Rotate: with the key the bot holds, when it still holds it; Rekey: always a
//          new key) -> issue -> deploy -> verify. After the issuance the new material is stored together with the
//          checkpoint {issuedFingerprint}, so a resumed run goes straight on to the deployment.
//   Delete: {"removeFromServer": true} first has the bot take the files off the server (nothing is deleted from the
//          inventory when that fails); then the record, its configuration, schedule state and jobs are deleted and
//          the audit trail records "certificate.delete". The job's row goes with the certificate: its outcome reaches
//          the caller through finished().
// Durable: before a step with an external effect, what a resumed run needs is committed in job.checkpoint
// ({keyId, csrPem} after csr.create; {"ca": <the CA's saveState>}). A job started with a checkpoint (recovered
// after a crash, or a retry) reuses it. A transient failure with attempts left ends the run with the job back in
// the queue (state Queued, notBefore) instead of Failed.
class JobRun : public QObject
{
    Q_OBJECT
public:
    JobRun(JobContext context, Job job, CertificateRecord record, ProvisioningConfig config, Bot bot,
           QObject* parent = nullptr);

    void start();
    // The configuration's CSR template (LifecycleService sets it before start()): its subject attributes (O, OU, L,
    // ST, C) go into every CSR the job has the bot make.
    void setCsrTemplate(std::optional<CsrTemplate> csrTemplate) { m_csrTemplate = std::move(csrTemplate); }

    // The operator published what the job's ManualValidation asks for: the order continues.
    Status confirmValidation();
    // Cancels the job while it waits for validation by hand (state Cancelled, audit "job.cancel"); refused (kind
    // "conflict") in any other state.
    Status cancel(const QString& actor);
    JobState state() const { return m_job.state; }

Q_SIGNALS:
    void changed(const certdeck::Job& job);
    void finished(const certdeck::Job& job);
    void certificateChanged(qint64 certificateId);

private:
    void issue();
    // csr.create on the bot (with `reuseKeyId`: a CSR for that staged key; when the bot no longer holds it, a new key
    // and m_job.checkpoint["keyNote"] says so), committed as the checkpoint {keyId, csrPem}, then `next`.
    void createCsr(const QString& reuseKeyId, std::function<void(const QString& keyId, const QByteArray& csrPem)> next);
    QJsonObject csrParams() const;                // subject and key settings per the configuration's CSR mode
    QString csrReuseKeyId();                      // the staged key a new CSR is built from (empty: a new key)
    QString auditFor(const QString& phase) const; // "cert.<phase>", or "cert.rotate"/"cert.rekey" inside those
    bool isReplacement() const;                   // Rotate or Rekey
    QString withReplacementNote(const QString& message) const; // a failed deployment of Rotate/Rekey: what is left
    void issueWithCsr(const QString& keyId, const QByteArray& csrPem);
    // JobRunLifecycle.cpp
    void initiate();
    void replaceCertificate();
    void deployReplacement();
    void deleteCertificate();
    void finishDelete(const QString& message, const QJsonObject& result);
    // Stores m_record and the job with its checkpoint in one transaction, then `next`.
    void saveRecordAndCheckpoint(std::function<void()> next);
    void changeRevocation();
    void recheckPinning();
    void awaitValidation(const ManualValidation& manual, std::function<void(Status)> resume);
    void deploy();
    void withBot(std::function<void(bots::BotClient*)> next);
    // With an agentless server configured: its connection and keychain credentials for the bot request (read off
    // the GUI thread), else an empty object. Fails the job (nothing touched) when they cannot be read.
    void withAgentlessTarget(const QString& auditAction, std::function<void(const QJsonObject& agentless)> next);
    // The configuration's server fields for the bot request, with the passwords kept in the keychain filled in (read
    // off the GUI thread; deploy::withStoredSecrets). Fails the job (nothing touched) when one cannot be read.
    void withServerFields(const QString& auditAction, std::function<void(const QJsonObject& fields)> next);
    void setStep(const QString& step, int progress);
    void persistJob();
    static Error botError(Error error, bool connecting);
    // Commits the job with its checkpoint, then `next`; the job fails when the checkpoint cannot be written.
    void commitCheckpoint(std::function<void()> next);
    // Ends the job because of `cause`: back to the queue when the retry policy allows, else Failed.
    void failJob(const QString& message, const Error& cause, const QString& auditAction, bool saveRecord = false);
    // Ends the job; when `record` is set, the inventory row is updated in the same inventory task.
    void finish(JobState state, const QString& message, const QJsonObject& result, bool saveRecord,
                const QString& auditAction, const QString& outcome);

    JobContext m_context;
    Job m_job;
    CertificateRecord m_record;
    ProvisioningConfig m_config;
    std::optional<CsrTemplate> m_csrTemplate;
    Bot m_bot;
    std::function<void(Status)> m_resumeValidation;
    QTimer* m_validationDeadline = nullptr;
    QString m_cancelledBy;
    bool m_recordProbe = false; // finish() also records m_record's servedFingerprint, probedAt and drift
    // Rotate / Rekey: what follows the issuance instead of finishing the job.
    std::function<void(const QString& issuedMessage)> m_afterIssue;
    // Steps report 0-100 within the current phase; the job's progress maps them into [from, to].
    int m_progressFrom = 0;
    int m_progressTo = 100;
    int m_stepPercent = 0; // the last step's percent within its phase
};

// An Order (or Issue) job about to start: when the certificate's latest succeeded Initiate staged a CSR that no
// issuance has used since, the job's checkpoint gets that {keyId, csrPem} (written to the job's row), so that the
// order issues the certificate for the prepared CSR and its staged key.
Status seedOrderFromInitiate(const store::Database& db, Job* job);

} // namespace certdeck::jobs
