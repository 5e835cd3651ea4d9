#include "engine/jobs/LifecycleService.h"

#include "engine/audit/AuditTrail.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/crypto/CertificateFile.h"
#include "engine/jobs/BotConnections.h"
#include "engine/jobs/CertificateMaterial.h"
#include "engine/jobs/JobContext.h"
#include "engine/jobs/JobJournal.h"
#include "engine/jobs/JobLeaseKeeper.h"
#include "engine/jobs/JobQueue.h"
#include "engine/jobs/JobRecovery.h"
#include "engine/jobs/JobRun.h"
#include "engine/jobs/RetryPolicy.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/ProvisioningConfigRepository.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSet>
#include <QSysInfo>
#include <QTimer>

#include <algorithm>

namespace certdeck::jobs {
namespace {

auto logger()
{
    return log::get("engine.jobs");
}

Result<qint64> importFile(const store::Database& db, const QString& actor, const QString& path,
                          const QByteArray& password)
{
    auto material = crypto::readCertificateFile(path, password);
    if (!material.ok()) {
        return material.error();
    }
    CertificateRecord record;
    applyCertificate(record, material->leaf, material->chain);
    record.status = CertificateStatus::Discovered;
    record.source = QStringLiteral("import:") + QFileInfo(path).absoluteFilePath();
    record.updatedAt = QDateTime::currentDateTimeUtc();
    const store::CertificateRepository certificates(db);
    if (auto existing = certificates.findByFingerprint(record.fingerprintSha256);
        existing.ok() && existing->has_value()) {
        return fail(QObject::tr("%1: this certificate is already in the inventory as #%2 (%3).")
                        .arg(path)
                        .arg(existing->value().id)
                        .arg(existing->value().commonName),
                    QStringLiteral("duplicate"));
    }
    Result<qint64> id = 0;
    const Status stored = db.transaction([&]() -> Status {
        id = certificates.insert(record);
        if (!id.ok()) {
            return id.error();
        }
        return audit::AuditTrail(db, actor).record(
            QStringLiteral("cert.import"), id.value(), QStringLiteral("ok"),
            QJsonObject{{QStringLiteral("file"), path}, {QStringLiteral("fingerprint"), record.fingerprintSha256}});
    });
    if (!stored.ok()) {
        return stored.error();
    }
    return id;
}

// Without an explicit Provision Bot the certificate is mapped to the local bot.
Result<ProvisioningConfig> withMappedBot(const store::Database& db, ProvisioningConfig config)
{
    if (config.botId == 0) {
        auto local = store::BotRepository(db).ensureLocalBot();
        if (!local.ok()) {
            return local.error();
        }
        config.botId = local->id;
    }
    return config;
}

Result<qint64> createEntry(const store::Database& db, const QString& actor, const ProvisioningConfig& requested)
{
    auto mapped = withMappedBot(db, requested);
    if (!mapped.ok()) {
        return mapped.error();
    }
    const ProvisioningConfig& config = mapped.value();
    if (config.commonName.trimmed().isEmpty()) {
        return fail(QObject::tr("Enter a Common Name for the new certificate."));
    }
    CertificateRecord record;
    record.commonName = config.commonName.trimmed();
    record.sans = config.sans;
    if (!record.sans.contains(record.commonName, Qt::CaseInsensitive)) {
        record.sans.prepend(record.commonName);
    }
    record.status = CertificateStatus::Managed;
    record.serverType = config.serverType;
    record.host = config.endpointHost;
    record.port = config.endpointPort;
    record.botId = config.botId;
    record.source = QStringLiteral("wizard");
    record.updatedAt = QDateTime::currentDateTimeUtc();
    const store::CertificateRepository certificates(db);
    auto id = certificates.insert(record);
    if (!id.ok()) {
        return id.error();
    }
    if (auto saved = store::ProvisioningConfigRepository(db).save(id.value(), config); !saved.ok()) {
        (void)certificates.remove(id.value()); // leave nothing half-written
        return saved.error();
    }
    (void)audit::AuditTrail(db, actor).record(QStringLiteral("cert.create"), id.value(), QStringLiteral("ok"),
                                              QJsonObject{{QStringLiteral("commonName"), record.commonName}});
    return id;
}

} // namespace

struct LifecycleService::Private
{
    Setup setup;
    QThreadPool dbPool; // one thread: inventory work stays ordered and uses one connection
    BotConnections* bots = nullptr;
    JobJournal* journal = nullptr;
    QNetworkAccessManager* network = nullptr;

    JobContext jobContext()
    {
        return JobContext{.database = setup.database,
                          .cas = setup.cas,
                          .bots = bots,
                          .dbPool = &dbPool,
                          .actor = setup.actor,
                          .secrets = setup.secrets,
                          .manualValidationTimeout = setup.manualValidationTimeout,
                          .journal = journal,
                          .network = network,
                          .retry = &retry};
    }

    // Runs a loaded (and claimed) job; `finished` receives its final (or re-queued) state.
    void launch(LifecycleService* q, const JobStart& start, std::function<void(const Job&)> finished)
    {
        auto* run = new JobRun(jobContext(), start.job, start.record, start.config, start.bot, q);
        run->setCsrTemplate(start.csrTemplate);
        runs.insert(start.job.id, run);
        QObject::connect(run, &JobRun::changed, q, &LifecycleService::jobChanged);
        QObject::connect(run, &JobRun::certificateChanged, q, &LifecycleService::certificateChanged);
        QObject::connect(run, &JobRun::finished, q, [this, q, run, finished = std::move(finished)](const Job& job) {
            runs.remove(job.id);
            run->deleteLater();
            if (job.state == JobState::Queued && job.notBefore.isValid()) {
                wakeAt(q, job.notBefore);
            }
            if (job.action == JobAction::Delete && job.state == JobState::Succeeded) {
                Q_EMIT q->inventoryChanged(); // the certificate is gone
            }
            if (moreQueued) {
                // A place is free: the next due jobs that waited for one.
                moreQueued = false;
                QTimer::singleShot(0, q, [q] {
                    q->runDueJobs(q, [](const Result<QList<Job>>& ran) {
                        if (!ran.ok()) {
                            logger()->error("could not run the queued jobs: {}", ran.message().toStdString());
                        }
                    });
                });
            }
            finished(job);
        });
        Q_EMIT q->jobChanged(start.job);
        run->start();
    }

    // The service runs its own queued retries when their time comes.
    void wakeAt(LifecycleService* q, const QDateTime& at)
    {
        if (!wakeTimer) {
            wakeTimer = new QTimer(q);
            wakeTimer->setSingleShot(true);
            QObject::connect(wakeTimer, &QTimer::timeout, q, [q] {
                q->runDueJobs(q, [](const Result<QList<Job>>& ran) {
                    if (!ran.ok()) {
                        logger()->error("could not run the queued jobs: {}", ran.message().toStdString());
                    }
                });
            });
        }
        const qint64 ms = std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(at) + 50, 0, 24LL * 3600 * 1000);
        if (!wakeTimer->isActive() || wakeTimer->remainingTime() > ms) {
            wakeTimer->start(int(ms));
        }
    }

    QHash<qint64, QPointer<JobRun>> runs; // running jobs by id
    JobRunner runner;                     // this service's claims: random id, lease renewed by `leases`
    JobLeaseKeeper* leases = nullptr;
    int claiming = 0;        // places promised to a claim that has not come back yet
    bool moreQueued = false; // a claim left due jobs queued for want of places
    RetryPolicy retry;
    QTimer* wakeTimer = nullptr;
};

LifecycleService::LifecycleService(Setup setup, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->setup = std::move(setup);
    d->dbPool.setMaxThreadCount(1);
    d->dbPool.setExpiryTimeout(-1);
    d->bots = new BotConnections(d->setup.botBinary, d->setup.botArguments, this);
    d->bots->setSecretStore(d->setup.secrets);
    d->journal = new JobJournal(d->setup.database, &d->dbPool, this);
    d->network = new QNetworkAccessManager(this);
    d->runner =
        JobRunner::create(d->setup.runnerName.isEmpty() ? currentRunnerName() : d->setup.runnerName, d->setup.jobLease);
    d->leases = new JobLeaseKeeper(d->setup.database, d->runner, this);
    // Jobs of runners that stopped renewing their lease (they died, here or on another host) resume here.
    connect(d->leases, &JobLeaseKeeper::jobsReclaimed, this, [this](int count) {
        logger()->info("{} job(s) of runners that stopped renewing their lease queued to resume", count);
        runDueJobs(this, [](const Result<QList<Job>>& ran) {
            if (!ran.ok()) {
                logger()->error("could not resume the reclaimed jobs: {}", ran.message().toStdString());
            }
        });
    });
    d->leases->start();
    // Before any new job: jobs left running by a crashed console or CLI on this host would block their
    // certificates for good; they go back to the queue and resume at their checkpoint. The pool is ordered, so
    // this runs first.
    recoverInterruptedJobs(this, [this](Result<RecoveryOutcome> recovered) {
        if (!recovered.ok()) {
            logger()->error("could not check for interrupted jobs: {}", recovered.message().toStdString());
            return;
        }
        if (recovered->requeued > 0) {
            logger()->info("{} interrupted job(s) queued to resume", recovered->requeued);
        }
    });
}

LifecycleService::~LifecycleService()
{
    d->dbPool.waitForDone();
}

BotConnections& LifecycleService::botConnections() const
{
    return *d->bots;
}

void LifecycleService::loadCertificates(QObject* context, std::function<void(Result<QList<CertificateRecord>>)> done)
{
    const auto db = d->setup.database;
    runInPool<Result<QList<CertificateRecord>>>(
        &d->dbPool, context, [db] { return store::CertificateRepository(*db).all(); }, std::move(done));
}

void LifecycleService::loadCertificatesPaged(int firstPage, QObject* context,
                                             std::function<void(Result<QList<CertificateRecord>>)> first,
                                             std::function<void(Result<QList<CertificateRecord>>)> rest)
{
    const auto db = d->setup.database;
    auto shown = std::make_shared<QSet<qint64>>(); // ids of the first part, written before the second task reads it
    runInPool<Result<QList<CertificateRecord>>>(
        &d->dbPool, context,
        [db, firstPage, shown]() -> Result<QList<CertificateRecord>> {
            auto page = store::CertificateRepository(*db).soonestExpiring(firstPage);
            if (page.ok()) {
                for (const CertificateRecord& record : page.value()) {
                    shown->insert(record.id);
                }
            }
            return page;
        },
        std::move(first));
    // The pool has one thread: this runs after the first part was read.
    runInPool<Result<QList<CertificateRecord>>>(
        &d->dbPool, context,
        [db, shown]() -> Result<QList<CertificateRecord>> {
            auto all = store::CertificateRepository(*db).all();
            if (!all.ok() || shown->isEmpty()) {
                return all;
            }
            QList<CertificateRecord> others;
            others.reserve(all->size());
            for (CertificateRecord& record : all.value()) {
                if (!shown->contains(record.id)) {
                    others.append(std::move(record));
                }
            }
            return others;
        },
        std::move(rest));
}

void LifecycleService::loadCertificatesById(const QList<qint64>& certificateIds, QObject* context,
                                            std::function<void(Result<QList<CertificateRecord>>)> done)
{
    const auto db = d->setup.database;
    runInPool<Result<QList<CertificateRecord>>>(
        &d->dbPool, context,
        [db, certificateIds]() -> Result<QList<CertificateRecord>> {
            const store::CertificateRepository certificates(*db);
            QList<CertificateRecord> records;
            records.reserve(certificateIds.size());
            for (const qint64 id : certificateIds) {
                auto found = certificates.find(id);
                if (!found.ok()) {
                    return found.error();
                }
                if (found->has_value()) {
                    records.append(found->value());
                }
            }
            return records;
        },
        std::move(done));
}

void LifecycleService::loadCertificate(qint64 certificateId, QObject* context,
                                       std::function<void(Result<CertificateRecord>)> done)
{
    const auto db = d->setup.database;
    runInPool<Result<CertificateRecord>>(
        &d->dbPool, context,
        [db, certificateId]() -> Result<CertificateRecord> {
            auto found = store::CertificateRepository(*db).find(certificateId);
            if (!found.ok()) {
                return found.error();
            }
            if (!found->has_value()) {
                return fail(QObject::tr("Certificate #%1 is not in the inventory.").arg(certificateId));
            }
            return found->value();
        },
        std::move(done));
}

void LifecycleService::importCertificateFile(const QString& path, const QByteArray& pkcs12Password, QObject* context,
                                             std::function<void(Result<qint64>)> done)
{
    const auto db = d->setup.database;
    const QString actor = d->setup.actor;
    runInPool<Result<qint64>>(
        &d->dbPool, this, [db, actor, path, pkcs12Password] { return importFile(*db, actor, path, pkcs12Password); },
        [this, context = QPointer<QObject>(context), done = std::move(done)](Result<qint64> result) {
            if (result.ok()) {
                logger()->info("imported certificate #{}", result.value());
                Q_EMIT inventoryChanged();
            }
            if (context) {
                done(result);
            }
        });
}

void LifecycleService::createCertificateEntry(const ProvisioningConfig& config, QObject* context,
                                              std::function<void(Result<qint64>)> done)
{
    const auto db = d->setup.database;
    const QString actor = d->setup.actor;
    runInPool<Result<qint64>>(
        &d->dbPool, this, [db, actor, config] { return createEntry(*db, actor, config); },
        [this, context = QPointer<QObject>(context), done = std::move(done)](Result<qint64> result) {
            if (result.ok()) {
                Q_EMIT inventoryChanged();
            }
            if (context) {
                done(result);
            }
        });
}

void LifecycleService::saveProvisioningConfig(qint64 certificateId, const ProvisioningConfig& config, QObject* context,
                                              std::function<void(Status)> done)
{
    const auto db = d->setup.database;
    const QString actor = d->setup.actor;
    runInPool<Status>(
        &d->dbPool, this,
        [db, actor, certificateId, requested = config]() -> Status {
            auto config = withMappedBot(*db, requested);
            if (!config.ok()) {
                return config.error();
            }
            if (auto saved = store::ProvisioningConfigRepository(*db).save(certificateId, config.value());
                !saved.ok()) {
                return saved;
            }
            return audit::AuditTrail(*db, actor)
                .record(QStringLiteral("cert.configure"), certificateId, QStringLiteral("ok"),
                        QJsonObject{{QStringLiteral("serverType"), config->serverType},
                                    {QStringLiteral("caConnector"), config->caConnectorName}});
        },
        [this, certificateId, context = QPointer<QObject>(context), done = std::move(done)](Status status) {
            if (status.ok()) {
                Q_EMIT certificateChanged(certificateId);
            }
            if (context) {
                done(status);
            }
        });
}

void LifecycleService::loadProvisioningConfig(qint64 certificateId, QObject* context,
                                              std::function<void(Result<ProvisioningConfig>)> done)
{
    const auto db = d->setup.database;
    runInPool<Result<ProvisioningConfig>>(
        &d->dbPool, context,
        [db, certificateId]() -> Result<ProvisioningConfig> {
            auto found = store::ProvisioningConfigRepository(*db).find(certificateId);
            if (!found.ok()) {
                return found.error();
            }
            if (!found->has_value()) {
                return fail(QObject::tr("Certificate #%1 has no provisioning configuration yet.").arg(certificateId),
                            QStringLiteral("notFound"));
            }
            return found->value();
        },
        std::move(done));
}

void LifecycleService::loadJobs(qint64 certificateId, QObject* context, std::function<void(Result<QList<Job>>)> done)
{
    const auto db = d->setup.database;
    runInPool<Result<QList<Job>>>(
        &d->dbPool, context, [db, certificateId] { return store::JobRepository(*db).forCertificate(certificateId); },
        std::move(done));
}

void LifecycleService::run(JobAction action, qint64 certificateId, QObject* context,
                           std::function<void(Result<Job>)> done)
{
    run(action, certificateId, QJsonObject(), context, std::move(done));
}

void LifecycleService::run(JobAction action, qint64 certificateId, const QJsonObject& params, QObject* context,
                           std::function<void(Result<Job>)> done)
{
    const auto db = d->setup.database;
    auto guardedDone = [context = QPointer<QObject>(context), done = std::move(done)](Result<Job> result) {
        if (context) {
            done(std::move(result));
        }
    };
    const QString actor = d->setup.actor;
    const JobRunner runner = d->runner;
    runInPool<Result<JobStart>>(
        &d->dbPool, this,
        [db, action, certificateId, params, actor, runner] {
            auto start = createAndClaimJob(*db, action, certificateId, params, actor, runner);
            if (start.ok()) {
                if (Status seeded = seedOrderFromInitiate(*db, &start->job); !seeded.ok()) {
                    logger()->warn("job {}: the CSR prepared by Initiate is not used: {}", start->job.id,
                                   seeded.message().toStdString());
                }
            }
            return start;
        },
        [this, guardedDone](Result<JobStart> start) {
            if (!start.ok()) {
                guardedDone(start.error());
                return;
            }
            d->launch(this, start.value(), [guardedDone](const Job& job) { guardedDone(job); });
        });
}

void LifecycleService::confirmValidation(qint64 jobId, QObject* context, std::function<void(Status)> done)
{
    const QPointer<JobRun> run = d->runs.value(jobId);
    const Status status = run ? run->confirmValidation()
                              : Status(fail(tr("Job #%1 is not waiting for validation in this console (it may have "
                                               "finished, timed out, or run in another CertDeck instance).")
                                                .arg(jobId),
                                            QStringLiteral("conflict")));
    deliverTo(context, [done = std::move(done), status] { done(status); });
}

void LifecycleService::setManualValidationTimeout(std::chrono::seconds timeout)
{
    d->setup.manualValidationTimeout = timeout;
}

void LifecycleService::setRetryPolicy(RetryPolicy policy)
{
    d->retry = std::move(policy);
}

void LifecycleService::recoverInterruptedJobs(QObject* context, std::function<void(Result<RecoveryOutcome>)> done)
{
    const auto db = d->setup.database;
    runInPool<Result<RecoveryOutcome>>(
        &d->dbPool, context, [db] { return requeueInterruptedJobs(*db, QSysInfo::machineHostName(), processExists); },
        std::move(done));
}

void LifecycleService::runDueJobs(QObject* context, std::function<void(Result<QList<Job>>)> done)
{
    const auto db = d->setup.database;
    const QString actor = d->setup.actor;
    auto guardedDone = [context = QPointer<QObject>(context), done = std::move(done)](Result<QList<Job>> result) {
        if (context) {
            done(std::move(result));
        }
    };
    const JobRunner runner = d->runner;
    const int places = std::max(0, d->setup.maxRunningJobs - int(d->runs.size()) - d->claiming);
    d->claiming += places;
    runInPool<Result<DueJobs>>(
        &d->dbPool, this,
        [db, actor, runner, places] {
            return claimDueJobs(*db, runner, QDateTime::currentDateTimeUtc(), actor, places);
        },
        [this, guardedDone, places](Result<DueJobs> due) {
            d->claiming -= places;
            if (!due.ok()) {
                guardedDone(due.error());
                return;
            }
            if (due->more) {
                d->moreQueued = true; // claimed when a run ends
            }
            for (const Job& failed : due->failed) {
                Q_EMIT jobChanged(failed);
            }
            if (due->claimed.isEmpty()) {
                guardedDone(due->failed);
                return;
            }
            struct Batch
            {
                QList<Job> finished;
                int outstanding = 0;
            };
            auto batch = std::make_shared<Batch>();
            batch->finished = due->failed;
            batch->outstanding = int(due->claimed.size());
            for (const JobStart& start : due->claimed) {
                logger()->info("running queued job {} ({} of certificate {}, attempt {})", start.job.id,
                               jobActionId(start.job.action).toStdString(), start.job.certificateId,
                               start.job.attempts + 1);
                d->launch(this, start, [batch, guardedDone](const Job& job) {
                    batch->finished.append(job);
                    if (--batch->outstanding == 0) {
                        guardedDone(batch->finished);
                    }
                });
            }
        });
}

void LifecycleService::cancel(qint64 jobId, QObject* context, std::function<void(Status)> done)
{
    if (const QPointer<JobRun> run = d->runs.value(jobId)) {
        // Ours and waiting for the operator: the run ends itself (state Cancelled).
        const Status status = run->cancel(d->setup.actor);
        deliverTo(context, [done = std::move(done), status] { done(status); });
        return;
    }
    const auto db = d->setup.database;
    const QString actor = d->setup.actor;
    runInPool<Result<Job>>(
        &d->dbPool, this,
        [db, jobId, actor, runner = d->runner.name] { return cancelQueuedJob(*db, jobId, actor, runner); },
        [this, context = QPointer<QObject>(context), done = std::move(done)](Result<Job> cancelled) {
            if (cancelled.ok()) {
                Q_EMIT jobChanged(cancelled.value());
            }
            if (context) {
                done(cancelled.ok() ? Status() : Status(cancelled.error()));
            }
        });
}

const JobRunner& LifecycleService::runner() const
{
    return d->runner;
}

int LifecycleService::runningJobs() const
{
    return int(d->runs.size());
}

} // namespace certdeck::jobs
