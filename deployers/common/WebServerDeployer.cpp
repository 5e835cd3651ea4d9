#include "deployers/common/WebServerDeployer.h"

#include "deployers/common/KeyStoreMaterial.h"

#include "deployers/common/EndpointVerifier.h"
#include "deployers/common/WebServerDeployerRun.h"
#include "engine/core/FailPoint.h"
#include "engine/core/Log.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <optional>
#include <vector>

namespace certdeck::deployers {

using deploy::DeployerField;
using deploy::DeployReport;
using deploy::DeployRequest;
using deploy::ProgressFn;

namespace {

using namespace webserver;

constexpr size_t kParallelRequests = 16; // per batch: probes, backups and writes at once

QByteArray withNewline(QByteArray pem)
{
    if (!pem.isEmpty() && !pem.endsWith('\n')) {
        pem.append('\n');
    }
    return pem;
}

Result<WebServerDeployer::Material> checkMaterial(const DeployRequest& request)
{
    auto leaf = crypto::Certificate::fromPem(request.certificatePem);
    if (!leaf) {
        return fail(tr("the certificate to deploy cannot be read: %1").arg(leaf.message()));
    }
    if (!request.chainPem.trimmed().isEmpty()) {
        if (auto chain = crypto::Certificate::chainFromPem(request.chainPem); !chain) {
            return fail(tr("the intermediate certificates cannot be read: %1").arg(chain.message()));
        }
    }
    auto key = crypto::PrivateKey::fromPem(request.keyPem);
    if (!key) {
        return fail(tr("the private key to deploy cannot be read: %1").arg(key.message()));
    }
    if (!leaf->matchesKey(*key)) {
        return fail(tr("the private key does not belong to the certificate %1; nothing was changed. Deploy the "
                       "key the certificate was issued for.")
                        .arg(leaf->commonName()),
                    QStringLiteral("keyMismatch"));
    }
    WebServerDeployer::Material material;
    material.fingerprint = leaf->fingerprintSha256();
    if (!request.expectedFingerprint.isEmpty() &&
        request.expectedFingerprint.compare(material.fingerprint, Qt::CaseInsensitive) != 0) {
        return fail(tr("the certificate's fingerprint %1 is not the expected %2; nothing was changed.")
                        .arg(material.fingerprint, request.expectedFingerprint));
    }
    material.leafPem = withNewline(leaf->toPem());
    material.chainPem = withNewline(request.chainPem.trimmed());
    material.fullChainPem = material.leafPem + material.chainPem;
    material.keyPem = request.keyPem;
    return material;
}

} // namespace

DeployerField WebServerDeployer::pathField(const QString& id, const QString& label, bool required,
                                           const QString& placeholder, const QString& help, const QString& defaultValue)
{
    return deploy::makeField(DeployerField::Kind::Path, id, label, required, placeholder, help, defaultValue);
}

Result<QList<MaterialFile>> WebServerDeployer::keyStoreFilesOn(const FieldValues& values, const QString& path,
                                                               const QString& what, const Material& material,
                                                               const deploy::TargetHost& host) const
{
    if (Status allowed = admitTargetFile(path, what, host); !allowed) {
        return allowed.error();
    }
    auto store = KeyStoreMaterial::file(values, path, material.leafPem, material.chainPem, material.keyPem, host);
    if (!store) {
        return store.error();
    }
    return QList<MaterialFile>{std::move(store.value())};
}

Result<QList<MaterialFile>> WebServerDeployer::materialFilesOn(const FieldValues& values, const Material& material,
                                                               const deploy::TargetHost& /*host*/) const
{
    return materialFiles(values, material);
}

Result<std::shared_ptr<deploy::TargetHost>> WebServerDeployer::targetHost(const DeployRequest& request,
                                                                          const FieldValues& /*values*/) const
{
    return LocalHost::orThisHost(request.host);
}

QString WebServerDeployer::targetName(const DeployRequest& request, const FieldValues& /*values*/) const
{
    return LocalHost::orThisHost(request.host)->describe();
}

QList<DeployerField> WebServerDeployer::fields() const
{
    return serverFields() << pathField(kBackupDirectoryField, tr("Backup directory"), false,
                                       MaterialFiles::defaultStateDirectory(),
                                       tr("Where the bot keeps copies of the replaced files, for rollback. "
                                          "Empty: %1.")
                                           .arg(MaterialFiles::defaultStateDirectory()));
}

namespace {

// The deployer's copy of the policy (none given: the one of the host it runs on); the bot's state directory
// (backups, journal) is always writable for it.
std::shared_ptr<const deploy::BotPolicy> policyFor(const std::shared_ptr<const deploy::BotPolicy>& given,
                                                   const QString& stateDirectory)
{
    deploy::BotPolicy policy = given ? *given : deploy::BotPolicy::load();
    policy.setStateDirectory(stateDirectory);
    return std::make_shared<const deploy::BotPolicy>(std::move(policy));
}

QString stateDirectoryOf(const std::shared_ptr<DeploymentJournal>& journal)
{
    return journal ? journal->stateDirectory() : MaterialFiles::defaultStateDirectory();
}

} // namespace

WebServerDeployer::WebServerDeployer(std::shared_ptr<DeploymentJournal> journal,
                                     std::shared_ptr<const deploy::BotPolicy> policy)
    : m_journal(std::move(journal))
    , m_policy(policyFor(policy, stateDirectoryOf(m_journal)))
    , m_index(std::make_shared<const BackupIndex>(stateDirectoryOf(m_journal)))
{
}

QString WebServerDeployer::storeDirectory(const FieldValues& values, const deploy::TargetHost& host) const
{
    const QString chosen = values.text(kBackupDirectoryField);
    if (!chosen.isEmpty()) {
        return chosen;
    }
    if (!host.isLocal()) {
        return host.stateDirectory(); // the backups of an agentless target stay on that host
    }
    return m_journal ? m_journal->stateDirectory() : QString(); // empty: MaterialFiles' default
}

JournalRecord WebServerDeployer::recordFor(const QString& kind, const QString& id, const QString& restoreBackupId,
                                           const QString& store, const DeployRequest& request,
                                           const QList<MaterialFile>& files, const QString& previous,
                                           const QString& fingerprint) const
{
    JournalRecord record;
    record.id = id;
    record.kind = kind;
    record.restoreBackupId = restoreBackupId;
    record.backupStore = store;
    record.targetHost = request.host && !request.host->isLocal() ? request.host->describe() : QString();
    record.serverType = serverTypeId(serverType());
    record.fields = request.fields;
    for (const DeployerField& field : fields()) {
        if (field.kind == DeployerField::Kind::Secret) {
            record.fields.remove(field.id); // never in the journal
        }
    }
    record.fields[kBackupDirectoryField] = store;
    record.verifyHost = request.verifyHost;
    record.verifyPort = request.verifyPort;
    record.verifyServerName = request.verifyServerName;
    record.verifyTimeoutMs = request.verifyTimeoutMs;
    record.previousFingerprint = previous;
    record.fingerprint = fingerprint;
    for (const MaterialFile& file : files) {
        record.paths << file.path;
    }
    record.startedAt = QDateTime::currentDateTimeUtc();
    return record;
}

QString WebServerDeployer::batchKey(const DeployRequest& request) const
{
    const QList<DeployerField> schema = fields();
    if (!deploy::validateFieldValues(schema, request.fields)) {
        return {};
    }
    // One server instance: the same host and the same reload command (binary, configuration, prefix).
    const auto host = LocalHost::orThisHost(request.host);
    const FieldValues values(schema, request.fields);
    return serverName() + QLatin1Char('|') + targetName(request, values) + QLatin1Char('|') +
           reloadCommand(values, *host).displayText();
}

Result<DeployReport> WebServerDeployer::deploy(const DeployRequest& request, const ProgressFn& progress)
{
    return deployBatch({request}, {progress}).first();
}

// One request of a batch on its way through the sequence.
struct WebServerDeployer::BatchItem
{
    BatchItem(const DeployRequest& request, const ProgressFn& progress, FieldValues values, Material material,
              QList<MaterialFile> files, int index, const QString& storeDirectory,
              std::shared_ptr<const BackupIndex> backupIndex)
        : index(index)
        , values(std::move(values))
        , material(std::move(material))
        , files(std::move(files))
        , run(std::make_unique<Run>(request, progress))
        , store(storeDirectory, run->m_host, std::move(backupIndex))
    {
    }
    const DeployRequest& request() const { return run->m_request; }
    DeployReport& report() { return run->m_report; }

    int index;
    FieldValues values;
    Material material;
    QList<MaterialFile> files;
    std::unique_ptr<Run> run;
    MaterialFiles store;
    QString oldFingerprint;
    QString failure;  // set when this request failed and must be rolled back
    QString recordId; // the journal record of this request while it is in progress
};

void WebServerDeployer::finishRecord(BatchItem* item)
{
    if (m_journal && !item->recordId.isEmpty()) {
        if (Status removed = m_journal->finish(item->recordId); !removed) {
            log::get("deployers." + serverName().toStdString())
                ->warn("could not remove journal record {}: {}", item->recordId.toStdString(),
                       removed.message().toStdString());
        }
        item->recordId.clear();
    }
}

QList<Result<DeployReport>> WebServerDeployer::deployBatch(const QList<DeployRequest>& requests,
                                                           const QList<ProgressFn>& progress)
{
    std::vector<std::optional<Result<DeployReport>>> results(size_t(requests.size()));
    std::vector<std::unique_ptr<BatchItem>> items;
    QList<int> deferred; // they write files of an earlier request of this batch: deployed after it
    QSet<QString> claimedPaths;
    const QList<DeployerField> schema = fields();
    QList<DeployRequest> admittedRequests = requests; // with the fields the bot's policy admitted
    for (int i = 0; i < requests.size(); ++i) {
        DeployRequest& request = admittedRequests[i];
        if (Status valid = deploy::validateFieldValues(schema, request.fields); !valid) {
            results[size_t(i)] = valid.error();
            continue;
        }
        auto connected = targetHost(request, FieldValues(schema, request.fields));
        if (!connected) {
            results[size_t(i)] = connected.error();
            continue;
        }
        const std::shared_ptr<deploy::TargetHost> host = connected.value();
        request.host = host;
        auto admitted = admit(request.fields, *host);
        if (!admitted) {
            results[size_t(i)] = admitted.error();
            continue;
        }
        request.fields = admitted.value();
        auto material = checkMaterial(request);
        if (!material) {
            results[size_t(i)] = material.error();
            continue;
        }
        FieldValues values(schema, request.fields);
        auto madeFiles = materialFilesOn(values, *material, *host);
        if (!madeFiles) {
            results[size_t(i)] = madeFiles.error();
            continue;
        }
        QList<MaterialFile> files = std::move(madeFiles.value());
        if (Status inside = admitFiles(files, *host); !inside) {
            results[size_t(i)] = inside.error();
            continue;
        }
        if (std::any_of(files.begin(), files.end(),
                        [&](const MaterialFile& f) { return claimedPaths.contains(f.path); })) {
            deferred << i;
            continue;
        }
        QStringList recoverySteps;
        if (const QString blocked = recoverInterrupted(files, host, request.fields, &recoverySteps);
            !blocked.isEmpty()) {
            DeployReport report;
            report.steps = recoverySteps;
            report.failure = blocked;
            results[size_t(i)] = report;
            continue;
        }
        for (const MaterialFile& file : files) {
            claimedPaths.insert(file.path);
        }
        const QString store = storeDirectory(values, *host);
        items.push_back(std::make_unique<BatchItem>(request, progress.value(i), std::move(values), std::move(*material),
                                                    std::move(files), i, store, m_index));
        for (const QString& step : recoverySteps) {
            items.back()->run->step(0, step);
        }
    }
    applyBatch(items);
    QList<MaterialFiles> stores;
    for (auto& item : items) {
        if (std::none_of(stores.begin(), stores.end(), [&](const MaterialFiles& known) {
                return known.stateDirectory() == item->store.stateDirectory() &&
                       known.host()->describe() == item->store.host()->describe();
            })) {
            stores << item->store;
        }
    }
    pruneBackups(stores);
    for (auto& item : items) {
        results[size_t(item->index)] = std::move(item->report());
    }
    if (!deferred.isEmpty()) {
        QList<DeployRequest> later;
        QList<ProgressFn> laterProgress;
        for (int i : deferred) {
            later << requests.at(i);
            laterProgress << progress.value(i);
        }
        const QList<Result<DeployReport>> laterResults = deployBatch(later, laterProgress);
        for (int k = 0; k < deferred.size(); ++k) {
            results[size_t(deferred.at(k))] = laterResults.at(k);
        }
    }
    QList<Result<DeployReport>> out;
    for (auto& result : results) {
        out << std::move(*result);
    }
    return out;
}

// Backup and write every request, then one config test and one reload for all, then verify each. A request that
// fails alone (backup, write, verification) is rolled back alone; when the shared config test or reload fails,
// everything is restored and the requests are deployed one by one, so that only the faulty one fails.
void WebServerDeployer::applyBatch(std::vector<std::unique_ptr<BatchItem>>& items)
{
    if (items.empty()) {
        return;
    }
    auto logger = log::get("deployers." + serverName().toStdString());
    // Per request: probe, back up, write. They touch different files and wait on the disk (fsync) and the
    // network, so they run side by side; the server is tested and reloaded once afterwards.
    QThreadPool pool;
    pool.setMaxThreadCount(int(std::min<size_t>(items.size(), kParallelRequests)));
    std::vector<BatchItem*> all;
    for (auto& item : items) {
        all.push_back(item.get());
    }
    QElapsedTimer phase;
    phase.start();
    QtConcurrent::blockingMap(&pool, all, [this](BatchItem* item) {
        Run& run = *item->run;
        run.step(5, tr("the key matches certificate %1").arg(item->material.fingerprint));
        if (run.hasEndpoint()) {
            auto before =
                run.m_verifier.servedFingerprint(std::min(kFirstProbeTimeoutMs, item->request().verifyTimeoutMs));
            item->oldFingerprint = before ? before.value() : QString();
            run.step(
                10,
                before
                    ? tr("%1 serves %2 before the deployment").arg(run.m_verifier.endpointText(), item->oldFingerprint)
                    : tr("before the deployment: %1").arg(before.message()));
        }
        auto backupId = item->store.backup(item->files);
        if (!backupId) {
            item->report().failure = tr("backup failed: %1").arg(backupId.message());
            item->report().servedFingerprint = item->oldFingerprint;
            return;
        }
        if (m_journal) {
            const JournalRecord record =
                recordFor(QStringLiteral("deploy"), backupId.value(), backupId.value(), item->store.stateDirectory(),
                          item->request(), item->files, item->oldFingerprint, item->material.fingerprint);
            if (Status recorded = m_journal->begin(record); !recorded) {
                item->report().failure = recorded.message() + tr("; nothing was changed");
                item->report().servedFingerprint = item->oldFingerprint;
                return;
            }
            item->recordId = record.id;
        }
        item->report().backupId = backupId.value();
        run.step(
            20,
            tr("backed up %1 files to %2").arg(item->files.size()).arg(item->store.backupDirectory(backupId.value())));
        failPoint("bot.deploy.backed-up");
        for (const MaterialFile& file : item->files) {
            if (Status done = item->store.write(file); !done) {
                item->failure = tr("writing files failed: %1").arg(done.message());
                return;
            }
            run.step(30, tr("wrote %1").arg(file.path));
        }
        if (endpointOptional()) { // nothing else will look at these files: prove them here
            if (Status same = item->store.readBack(item->files); !same) {
                item->failure = tr("verification failed: %1").arg(same.message());
                return;
            }
            run.step(35, tr("read back %1 files from %2: byte-for-byte what was written")
                             .arg(item->files.size())
                             .arg(run.m_host->describe()));
        }
    });
    std::vector<BatchItem*> failed;
    std::vector<BatchItem*> written;
    for (BatchItem* item : all) {
        if (!item->report().backupId.isEmpty()) {
            (item->failure.isEmpty() ? written : failed).push_back(item);
        }
    }
    // Requests whose files could not be written go back now, before the server reads anything.
    rollBack(failed, false);
    if (written.empty()) {
        return;
    }
    const FieldValues& server = written.front()->values;
    deploy::TargetHost& host = *written.front()->run->m_host; // one batch key: one host
    const bool several = written.size() > 1;
    QString output;
    QString sharedFailure;
    bool reloadAttempted = false;
    auto runShared = [&](int percent, const QString& what, const ServerCommand& command) {
        const ServerCommand::Outcome outcome = command.run(host, kCommandTimeoutMs);
        for (BatchItem* item : written) {
            item->run->step(percent, outcome.ok
                                         ? tr("%1 ok (%2)").arg(what, command.displayText())
                                         : tr("%1 failed (%2): %3").arg(what, command.displayText(), outcome.output));
        }
        output = outcome.output;
        return outcome.ok;
    };
    const qint64 preparedMs = phase.restart();
    failPoint("bot.deploy.files-written");
    if (!runShared(45, several ? tr("config test of %1 certificates").arg(written.size()) : tr("config test"),
                   configTestCommand(server, host))) {
        sharedFailure = tr("config test failed: %1").arg(output);
    } else {
        reloadAttempted = true;
        if (!runShared(60, tr("reload"), reloadCommand(server, host))) {
            sharedFailure = tr("reload failed: %1").arg(output);
        } else {
            failPoint("bot.deploy.reloaded");
        }
    }
    if (!sharedFailure.isEmpty() && several) {
        retryOneByOne(written, sharedFailure, reloadAttempted);
        return;
    }
    if (!sharedFailure.isEmpty()) {
        written.front()->failure = sharedFailure;
        rollBack(written, reloadAttempted);
        return;
    }
    const qint64 appliedMs = phase.restart();
    // The first endpoint proves that the reloaded server has settled (no old worker answers any more); the others
    // are then checked side by side.
    auto verify = [](BatchItem* item, int settleMs) {
        Run& run = *item->run;
        if (!run.hasEndpoint()) {
            item->report().deployed = true; // the files were read back after writing
            run.step(100, tr("delivered: no endpoint to verify was given, so the files read back from %1 are the "
                             "proof; that a server serves them is not checked")
                              .arg(run.m_host->describe()));
            return;
        }
        auto verified =
            run.m_verifier.waitForFingerprint(item->material.fingerprint, item->request().verifyTimeoutMs, settleMs);
        if (!verified) {
            item->failure = tr("verification failed: %1").arg(verified.message());
            return;
        }
        item->report().deployed = true;
        item->report().servedFingerprint = verified.value();
        run.step(100, tr("verified: %1 serves %2").arg(run.m_verifier.endpointText(), verified.value()));
    };
    verify(written.front(), EndpointVerifier::kSettleMs);
    const std::vector<BatchItem*> others(written.begin() + 1, written.end());
    QtConcurrent::blockingMap(&pool, others, [&verify](BatchItem* item) { verify(item, 0); });
    std::vector<BatchItem*> unverified;
    for (BatchItem* item : written) {
        if (item->report().deployed) {
            finishRecord(item);
            logger->info(
                "deployed certificate {} to {}", item->material.fingerprint.toStdString(),
                (item->run->hasEndpoint() ? item->run->m_verifier.endpointText() : item->run->m_host->describe())
                    .toStdString());
        } else {
            unverified.push_back(item);
        }
    }
    logger->info("batch of {}: backed up and written in {} ms, tested and reloaded in {} ms, verified in {} ms",
                 written.size(), preparedMs, appliedMs, phase.elapsed());
    rollBack(unverified, true);
}

// The shared config test or reload failed: put everything back, then deploy each request on its own.
void WebServerDeployer::retryOneByOne(const std::vector<BatchItem*>& written, const QString& failure,
                                      bool reloadAttempted)
{
    for (BatchItem* item : written) {
        if (Status restored = item->store.restore(item->report().backupId); !restored) {
            item->report().failure = tr("%1; restoring the backup failed too: %2").arg(failure, restored.message());
            item->run->step(100, tr("restore failed: %1").arg(restored.message()));
        }
    }
    failPoint("bot.rollback.restored");
    QString output;
    if (reloadAttempted) {
        written.front()->run->command(65, tr("reload after restore"),
                                      reloadCommand(written.front()->values, *written.front()->run->m_host), &output);
    }
    for (BatchItem* item : written) {
        if (!item->report().failure.isEmpty()) {
            continue; // its files are not back: the record stays for the next start
        }
        finishRecord(item);
    }
    for (BatchItem* item : written) {
        if (!item->report().failure.isEmpty()) {
            continue;
        }
        item->run->step(
            70, tr("%1 for the batch of %2; deploying this certificate on its own").arg(failure).arg(written.size()));
        const QStringList batchSteps = item->report().steps;
        std::vector<std::unique_ptr<BatchItem>> single;
        single.push_back(std::make_unique<BatchItem>(item->request(), item->run->m_progress, item->values,
                                                     item->material, item->files, item->index,
                                                     item->store.stateDirectory(), m_index));
        applyBatch(single);
        item->run->m_report = single.front()->report();
        item->run->m_report.steps = batchSteps + item->run->m_report.steps;
    }
}

// Restores the backups of failed requests (when rollback is on), reloads once if the server had been reloaded,
// and verifies that each endpoint serves its old certificate again.
void WebServerDeployer::rollBack(const std::vector<BatchItem*>& failedItems, bool reloadAttempted)
{
    auto logger = log::get("deployers." + serverName().toStdString());
    std::vector<BatchItem*> restored;
    for (BatchItem* item : failedItems) {
        Run& run = *item->run;
        DeployReport& report = item->report();
        report.failure = item->failure;
        logger->warn("deployment of {} failed: {}", item->material.fingerprint.toStdString(),
                     item->failure.toStdString());
        if (!item->request().rollbackOnFailure) {
            run.step(100, tr("rollback is off: the new files stay in place; backup %1 can restore the old ones")
                              .arg(report.backupId));
            auto served = run.m_verifier.servedFingerprint(kFirstProbeTimeoutMs);
            report.servedFingerprint = served ? served.value() : QString();
            finishRecord(item); // the operator chose to keep the new files: nothing to recover
            continue;
        }
        if (Status done = item->store.restore(report.backupId); !done) {
            report.failure += tr("; restoring the backup failed too: %1").arg(done.message());
            run.step(100, tr("restore failed: %1").arg(done.message()));
            continue;
        }
        run.step(80, tr("restored the files of backup %1").arg(report.backupId));
        restored.push_back(item);
    }
    if (restored.empty()) {
        return;
    }
    failPoint("bot.rollback.restored");
    if (reloadAttempted) {
        deploy::TargetHost& host = *restored.front()->run->m_host;
        const ServerCommand reload = reloadCommand(restored.front()->values, host);
        const ServerCommand::Outcome outcome = reload.run(host, kCommandTimeoutMs);
        for (BatchItem* item : restored) {
            item->run->step(
                90,
                outcome.ok
                    ? tr("%1 ok (%2)").arg(tr("reload after restore"), reload.displayText())
                    : tr("%1 failed (%2): %3").arg(tr("reload after restore"), reload.displayText(), outcome.output));
        }
    }
    for (BatchItem* item : restored) {
        Run& run = *item->run;
        DeployReport& report = item->report();
        finishRecord(item); // the old files are back in place
        if (!run.hasEndpoint()) {
            auto proven = checkRestored(item->store, report.backupId);
            report.rolledBack = true; // the files are back; a failed read-back says so
            if (!proven) {
                report.failure += QStringLiteral("; ") + proven.message();
            }
            run.step(100, proven ? proven.value() : proven.message());
            continue;
        }
        if (item->oldFingerprint.isEmpty()) {
            report.rolledBack = true;
            run.step(100, tr("the rollback could not be proven: the endpoint was not reachable before the "
                             "deployment, so the previous certificate is not known"));
            continue;
        }
        auto verified = run.m_verifier.waitForFingerprint(item->oldFingerprint, item->request().verifyTimeoutMs);
        if (verified) {
            report.rolledBack = true;
            report.rollbackVerified = true;
            report.servedFingerprint = verified.value();
            run.step(100, tr("verified previous certificate %1: %2 serves it again")
                              .arg(verified.value(), run.m_verifier.endpointText()));
        } else {
            auto served = run.m_verifier.servedFingerprint(kFirstProbeTimeoutMs);
            report.rolledBack = true; // the files are back; what is served is not proven
            report.servedFingerprint = served ? served.value() : QString();
            report.failure +=
                tr("; the old files were restored but the rollback could not be proven: %1").arg(verified.message());
            run.step(100, tr("the rollback could not be proven: %1").arg(verified.message()));
        }
    }
}

} // namespace certdeck::deployers
