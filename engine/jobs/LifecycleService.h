#pragma once

#include "engine/core/Result.h"
#include "engine/domain/CertificateRecord.h"
#include "engine/domain/Job.h"
#include "engine/domain/ProvisioningConfig.h"
#include "engine/jobs/JobRecovery.h"
#include "engine/jobs/JobRunner.h"
#include "engine/jobs/RetryPolicy.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>

namespace certdeck::store {
class Database;
}
namespace certdeck::ca {
class CaRegistry;
}
namespace certdeck::deploy {
class DeployerRegistry;
}
namespace certdeck::secrets {
class SecretStore;
}

namespace certdeck::jobs {

class BotConnections;

// The engine's front door for the console and certdeckctl: inventory operations and lifecycle actions.
// Nothing here blocks the caller's thread: database work runs on a thread pool, bot and CA calls are
// asynchronous. Callbacks arrive on the thread of `context` and are dropped when it is destroyed.
// Every action is a persistent Job row before it starts and is updated at each step.
class LifecycleService : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        std::shared_ptr<store::Database> database;
        ca::CaRegistry* cas = nullptr;
        const deploy::DeployerRegistry* deployers = nullptr;
        QString botBinary;                             // certdeck-bot for the local bot
        QStringList botArguments;                      // extra arguments after "serve" (e.g. --state-dir)
        QString actor;                                 // audit actor ("operator:alice", "certdeckctl:root")
        const secrets::SecretStore* secrets = nullptr; // keychain (TSIG keys for dns-01 validation)
        // How long an order waits in "Awaiting validation" for the operator before it is abandoned.
        std::chrono::seconds manualValidationTimeout{24 * 3600};
        // This service as a job runner: the name shown as "claimed by" (empty: "<host>:<pid>"; its id is random
        // either way) and how long a claimed job stays held without a renewal (renewed every jobLease / 3; after
        // it, another runner resumes the job).
        QString runnerName;
        std::chrono::milliseconds jobLease{std::chrono::seconds(60)};
        // How many jobs this service runs at once; runDueJobs leaves the others queued and claims them as places
        // free up (a queue of thousands never becomes thousands of runs at once).
        int maxRunningJobs = 64;
    };

    explicit LifecycleService(Setup setup, QObject* parent = nullptr);
    ~LifecycleService() override;

    // Inventory
    void loadCertificates(QObject* context, std::function<void(Result<QList<CertificateRecord>>)> done);
    // The inventory in two parts, for a quick first screen: `first` gets the `firstPage` certificates that expire
    // soonest (the dashboard's default order), then `rest` gets every other certificate (read after the first part
    // was handed over, on the same inventory thread).
    void loadCertificatesPaged(int firstPage, QObject* context,
                               std::function<void(Result<QList<CertificateRecord>>)> first,
                               std::function<void(Result<QList<CertificateRecord>>)> rest);
    void loadCertificate(qint64 certificateId, QObject* context, std::function<void(Result<CertificateRecord>)> done);
    // Several certificates in one inventory task; ids no longer in the inventory are left out of the answer.
    void loadCertificatesById(const QList<qint64>& certificateIds, QObject* context,
                              std::function<void(Result<QList<CertificateRecord>>)> done);
    // PEM, DER or PKCS#12; the certificate enters as Discovered. Nothing is stored on any error.
    void importCertificateFile(const QString& path, const QByteArray& pkcs12Password, QObject* context,
                               std::function<void(Result<qint64>)> done);
    // A new entry from the wizard, before any material exists: stored as Managed with its configuration.
    void createCertificateEntry(const ProvisioningConfig& config, QObject* context,
                                std::function<void(Result<qint64>)> done);
    // Saves the wizard's configuration; the certificate moves from Discovered to Managed.
    void saveProvisioningConfig(qint64 certificateId, const ProvisioningConfig& config, QObject* context,
                                std::function<void(Status)> done);
    void loadProvisioningConfig(qint64 certificateId, QObject* context,
                                std::function<void(Result<ProvisioningConfig>)> done);
    void loadJobs(qint64 certificateId, QObject* context, std::function<void(Result<QList<Job>>)> done);

    // Lifecycle actions. `done` receives the finished job (Succeeded, Failed with its reason, RolledBack).
    // Issue: csr.create on the bot -> CA connector -> stored. Deploy: bot deploy with backup, verify, rollback.
    // Revoke, Suspend, Resume: through the CA connector that issued the certificate.
    void run(JobAction action, qint64 certificateId, QObject* context, std::function<void(Result<Job>)> done);
    // The same with the action's parameters (Revoke: {"reason": RFC 5280 CRLReason code, default 0}; Delete:
    // {"removeFromServer": bool, default false}). Initiate stages a CSR that the next Order uses; Rotate / Rekey
    // issue and deploy in one job. A succeeded Delete's job row is gone with the certificate: `done` still gets it.
    void run(JobAction action, qint64 certificateId, const QJsonObject& params, QObject* context,
             std::function<void(Result<Job>)> done);

    // Continues an order waiting in AwaitingValidation after the operator published what the job's result lists
    // under "validation" (see ManualValidation). Refused (kind "conflict") when the job is not waiting here.
    void confirmValidation(qint64 jobId, QObject* context, std::function<void(Status)> done);
    // For jobs started from now on.
    void setManualValidationTimeout(std::chrono::seconds timeout);

    // Claims and runs every queued job whose time has come: retries whose backoff has passed, jobs that crash
    // recovery re-queued to resume, jobs queued by another runner, jobs whose runner's lease expired. Jobs are
    // claimed in the database for this runner's id, so two runners never run the same job. `done` receives the jobs
    // this call ran, once all of them have finished.
    void runDueJobs(QObject* context, std::function<void(Result<QList<Job>>)> done);
    // Cancels a job that is queued (e.g. waiting to retry) or awaiting validation; refused (kind "conflict")
    // for a job that is running a step or has finished.
    void cancel(qint64 jobId, QObject* context, std::function<void(Status)> done);
    // Puts the jobs of this host's dead runners back in the queue (see requeueInterruptedJobs); the service does
    // this once when it starts. `certdeckctl jobs resume` calls it again, then runDueJobs.
    void recoverInterruptedJobs(QObject* context, std::function<void(Result<RecoveryOutcome>)> done);
    // When failed jobs are tried again (tests use a short base and a fixed random source).
    void setRetryPolicy(RetryPolicy policy);
    // This service as a job runner (random id, name, lease).
    const JobRunner& runner() const;
    // How many jobs this service is running now.
    int runningJobs() const;
    // The bot connections the jobs use (shared with bots::BotService: one connection per bot).
    BotConnections& botConnections() const;

Q_SIGNALS:
    void jobChanged(const certdeck::Job& job); // at every step, on this object's thread
    void certificateChanged(qint64 certificateId);
    void inventoryChanged();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace certdeck::jobs
