#include "engine/jobs/LifecycleService.h"

#include "engine/audit/AuditTrail.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/crypto/CertificateFile.h"
#include "engine/jobs/BotConnections.h"
#include "engine/jobs/CertificateMaterial.h"
#include "engine/jobs/JobContext.h"
#include "engine/jobs/JobJournal.h"
#include "engine/jobs/JobRecovery.h"
#include "engine/jobs/JobRun.h"
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
#include <QSysInfo>

namespace certdeck::jobs {
namespace {

auto logger()
{
    return log::get("engine.jobs");
}

// What a job needs loaded before it can start.
struct JobStart
{
    Job job;
    CertificateRecord record;
    ProvisioningConfig config;
    Bot bot;
};

Result<JobStart> prepareJob(const store::Database& db, JobAction action, qint64 certificateId,
                            const QJsonObject& params)
{
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
    Job job;
    job.certificateId = certificateId;
    job.action = action;
    job.params = params;
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
    job.claimedBy = currentRunnerName();
    auto claimed = jobs.claim(job.id, job.claimedBy);
    if (!claimed.ok()) {
        return claimed.error();
    }
    if (!claimed.value()) {
        return fail(QObject::tr("Job #%1 was taken by another CertDeck instance.").arg(job.id), QStringLiteral("busy"));
    }
    return JobStart{job, record->value(), config->value(), bot};
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
                          .network = network};
    }
    QHash<qint64, QPointer<JobRun>> runs; // running jobs by id
};

LifecycleService::LifecycleService(Setup setup, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->setup = std::move(setup);
    d->dbPool.setMaxThreadCount(1);
    d->dbPool.setExpiryTimeout(-1);
    d->bots = new BotConnections(d->setup.botBinary, d->setup.botArguments, this);
    d->journal = new JobJournal(d->setup.database, &d->dbPool, this);
    d->network = new QNetworkAccessManager(this);
    // Before any new job: jobs left running by a crashed console or CLI on this host would block their
    // certificates for good; mark them failed. The pool is ordered, so this runs first.
    const auto db = d->setup.database;
    runInPool<Result<int>>(
        &d->dbPool, this, [db] { return failInterruptedJobs(*db, QSysInfo::machineHostName(), processExists); },
        [](Result<int> marked) {
            if (!marked.ok()) {
                logger()->error("could not check for interrupted jobs: {}", marked.message().toStdString());
            }
        });
}

LifecycleService::~LifecycleService()
{
    d->dbPool.waitForDone();
}

void LifecycleService::loadCertificates(QObject* context, std::function<void(Result<QList<CertificateRecord>>)> done)
{
    const auto db = d->setup.database;
    runInPool<Result<QList<CertificateRecord>>>(
        &d->dbPool, context, [db] { return store::CertificateRepository(*db).all(); }, std::move(done));
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
    runInPool<Result<JobStart>>(
        &d->dbPool, this,
        [db, action, certificateId, params] { return prepareJob(*db, action, certificateId, params); },
        [this, guardedDone](Result<JobStart> start) {
            if (!start.ok()) {
                guardedDone(start.error());
                return;
            }
            auto* run = new JobRun(d->jobContext(), start->job, start->record, start->config, start->bot, this);
            d->runs.insert(start->job.id, run);
            connect(run, &JobRun::changed, this, &LifecycleService::jobChanged);
            connect(run, &JobRun::certificateChanged, this, &LifecycleService::certificateChanged);
            connect(run, &JobRun::finished, this, [this, run, guardedDone](const Job& job) {
                d->runs.remove(job.id);
                run->deleteLater();
                guardedDone(job);
            });
            Q_EMIT jobChanged(start->job);
            run->start();
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

} // namespace certdeck::jobs
