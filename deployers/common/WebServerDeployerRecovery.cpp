// WebServerDeployer: rollback on request, recovery of an interrupted deployment, pruning of old backups.
#include "deployers/common/WebServerDeployer.h"

#include "deployers/common/WebServerDeployerRun.h"
#include "engine/core/FailPoint.h"
#include "engine/core/Log.h"
#include "engine/crypto/Certificate.h"

#include <QSet>

#include <openssl/crypto.h>

#include <algorithm>

namespace certdeck::deployers {

using deploy::DeployerField;
using deploy::DeployReport;
using deploy::DeployRequest;
using deploy::ProgressFn;
using namespace webserver;

Result<QString> webserver::checkRestored(const MaterialFiles& store, const QString& backupId)
{
    auto saved = store.backedUpFiles(backupId);
    if (!saved) {
        return saved.error();
    }
    const Status same = store.readBack(*saved);
    for (MaterialFile& file : *saved) {
        OPENSSL_cleanse(file.content.data(), size_t(file.content.size()));
    }
    if (!same) {
        return fail(
            tr("the files of backup %1 were restored, but reading them back failed: %2").arg(backupId, same.message()));
    }
    return tr("the previous files of backup %1 are back on %2: read back byte-for-byte (no endpoint to verify was "
              "given)")
        .arg(backupId, store.host()->describe());
}

Result<DeployReport> WebServerDeployer::rollback(const QString& backupId, const DeployRequest& request,
                                                 const ProgressFn& progress)
{
    const QList<DeployerField> schema = fields();
    if (Status valid = deploy::validateFieldValues(schema, request.fields); !valid) {
        return valid.error();
    }
    auto connected = targetHost(request, FieldValues(schema, request.fields));
    if (!connected) {
        return connected.error();
    }
    const std::shared_ptr<deploy::TargetHost> host = connected.value();
    auto admitted = admit(request.fields, *host);
    if (!admitted) {
        return admitted.error();
    }
    DeployRequest admittedRequest = request;
    admittedRequest.fields = admitted.value();
    admittedRequest.host = host;
    const FieldValues values(schema, admittedRequest.fields);
    // Only a backup this bot made, where it made it: the request names the id, never the directory.
    auto indexed = m_index->find(backupId);
    if (!indexed) {
        return indexed.error();
    }
    MaterialFiles store = storeAt(indexed->store, host);
    auto saved = store.backedUpFiles(backupId);
    if (!saved) {
        return saved.error();
    }
    // The certificate of the backup is what must be served afterwards; the caller's word only when it has none.
    QString expected;
    QList<MaterialFile> targets;
    for (MaterialFile& file : *saved) {
        targets << MaterialFile{file.path, file.role, {}};
        if (file.role == MaterialFile::Role::Certificate && !file.content.isEmpty()) {
            auto leaf = crypto::Certificate::fromPem(file.content);
            expected = leaf ? leaf->fingerprintSha256() : QString();
        }
        if (file.role == MaterialFile::Role::Key) {
            OPENSSL_cleanse(file.content.data(), size_t(file.content.size()));
        }
    }
    if (Status inside = admitFiles(targets, *host); !inside) {
        return inside.error();
    }
    if (expected.isEmpty()) {
        expected = request.expectedFingerprint.toLower();
    }
    Run run(admittedRequest, progress);
    DeployReport& report = run.m_report;
    QStringList recoverySteps;
    if (const QString blocked = recoverInterrupted(targets, host, request.fields, &recoverySteps); !blocked.isEmpty()) {
        report.steps = recoverySteps;
        report.failure = blocked;
        return report;
    }
    for (const QString& step : recoverySteps) {
        run.step(10, step);
    }
    // The files being replaced are saved too, so that this rollback can itself be undone.
    auto undoId = store.backup(targets);
    if (!undoId) {
        report.failure = tr("backup failed: %1").arg(undoId.message());
        return report;
    }
    QString recordId;
    if (m_journal) {
        const JournalRecord record = recordFor(QStringLiteral("rollback"), undoId.value(), backupId,
                                               store.stateDirectory(), admittedRequest, targets, expected, expected);
        if (Status recorded = m_journal->begin(record); !recorded) {
            report.failure = recorded.message() + tr("; nothing was changed");
            return report;
        }
        recordId = record.id;
    }
    report.backupId = undoId.value();
    run.step(20, tr("backed up the current files to %1").arg(store.backupDirectory(report.backupId)));
    if (Status restored = store.restore(backupId); !restored) {
        report.failure = tr("restore failed: %1").arg(restored.message());
        return report; // the record stays: the next start tries again
    }
    run.step(40, tr("restored the files of backup %1").arg(backupId));
    failPoint("bot.rollback.restored");
    QString output;
    const bool tested = run.command(50, tr("config test"), configTestCommand(values, *host), &output);
    if (!tested) {
        report.failure = tr("config test failed after restoring backup %1: %2").arg(backupId, output);
    } else if (!run.command(60, tr("reload"), reloadCommand(values, *host), &output)) {
        report.failure = tr("reload failed: %1").arg(output);
    }
    if (m_journal && !recordId.isEmpty()) {
        // The backup's files are in place; what remains to be done is in the report.
        if (Status removed = m_journal->finish(recordId); !removed) {
            run.step(95, removed.message());
        }
    }
    pruneBackups({store});
    if (!report.failure.isEmpty()) {
        return report;
    }
    if (!run.hasEndpoint()) {
        auto proven = checkRestored(store, backupId);
        if (!proven) {
            report.failure = proven.message();
            return report;
        }
        report.rolledBack = true;
        run.step(100, proven.value());
        return report;
    }
    if (expected.isEmpty()) {
        report.rolledBack = true;
        run.step(100, tr("the rollback could not be proven: the backup holds no readable certificate"));
        return report;
    }
    auto verified = run.m_verifier.waitForFingerprint(expected, request.verifyTimeoutMs);
    if (!verified) {
        report.failure = tr("the files of backup %1 were restored but the rollback could not be proven: %2")
                             .arg(backupId, verified.message());
        auto served = run.m_verifier.servedFingerprint(kFirstProbeTimeoutMs);
        report.servedFingerprint = served ? served.value() : QString();
        return report;
    }
    report.rolledBack = true;
    report.rollbackVerified = true;
    report.servedFingerprint = verified.value();
    run.step(100, tr("verified previous certificate %1: %2 serves it again")
                      .arg(verified.value(), run.m_verifier.endpointText()));
    return report;
}

WebServerDeployer::RecoveryOutcome WebServerDeployer::recover(const JournalRecord& record,
                                                              const std::shared_ptr<deploy::TargetHost>& targetHost,
                                                              const QVariantMap& secrets)
{
    auto logger = log::get("deployers." + serverName().toStdString());
    const QString what = record.kind == QLatin1String("rollback")
                             ? tr("the interrupted rollback to backup %1").arg(record.restoreBackupId)
                         : record.kind == QLatin1String("remove")
                             ? tr("the interrupted removal of %1 (backup %2)")
                                   .arg(record.paths.join(QStringLiteral(", ")), record.restoreBackupId)
                             : tr("the interrupted deployment of %1 (backup %2)")
                                   .arg(record.fingerprint.left(16), record.restoreBackupId);
    auto failed = [&](const QString& message) {
        logger->error("could not recover {}: {}", what.toStdString(), message.toStdString());
        return RecoveryOutcome{QStringLiteral("failed"), message};
    };
    const auto host = LocalHost::orThisHost(targetHost);
    const QString hostName = host->isLocal() ? QString() : host->describe();
    if (record.targetHost != hostName) {
        // An agentless target's record needs a connection to that host (credentials come with a request); nothing
        // is touched until then.
        return failed(tr("%1 on %2 is not finished; its backup is on that host. It is undone at the next "
                         "deployment, rollback or removal of these files on %2 (the bot needs that host's "
                         "credentials, which only a request brings).")
                          .arg(what, record.targetHost.isEmpty() ? LocalHost().describe() : record.targetHost));
    }
    const QList<DeployerField> schema = fields();
    QVariantMap recordFields = record.fields;
    for (const DeployerField& field : schema) {
        if (field.kind == DeployerField::Kind::Secret && secrets.contains(field.id)) {
            recordFields.insert(field.id, secrets.value(field.id));
        }
    }
    if (Status valid = deploy::validateFieldValues(schema, recordFields); !valid) {
        return failed(tr("the journal record %1 has invalid fields: %2").arg(record.id, valid.message()));
    }
    // The bot's policy of today decides, also for what an earlier run started.
    auto admitted = admit(recordFields, *host);
    if (!admitted) {
        return failed(tr("%1 is not undone: %2").arg(what, admitted.message()));
    }
    if (Status inside = admitPaths(record.paths, tr("Target file"), *host); !inside) {
        return failed(tr("%1 is not undone: %2").arg(what, inside.message()));
    }
    const FieldValues values(schema, admitted.value());
    MaterialFiles store = storeAt(record.backupStore, host);
    if (Status restored = store.restore(record.restoreBackupId); !restored) {
        return failed(tr("%1 could not be undone: %2").arg(what, restored.message()));
    }
    logger->info("recovery: restored backup {} for {}", record.restoreBackupId.toStdString(),
                 record.paths.join(QStringLiteral(", ")).toStdString());
    QStringList missingSecrets; // never journaled: only a request brings them
    for (const DeployerField& field : schema) {
        if (field.kind == DeployerField::Kind::Secret && !recordFields.contains(field.id)) {
            missingSecrets << field.label;
        }
    }
    if (!missingSecrets.isEmpty()) {
        return failed(tr("%1: the old files are back in place; testing and reloading the server needs %2, which the "
                         "console sends with a request. The next deployment, rollback or removal of these files "
                         "finishes it.")
                          .arg(what, missingSecrets.join(QStringLiteral(", "))));
    }
    const ServerCommand test = configTestCommand(values, *host);
    if (const ServerCommand::Outcome tested = test.run(*host, kCommandTimeoutMs); !tested.ok) {
        return failed(tr("%1: the old files are back in place, but the config test failed (%2): %3. Fix the "
                         "server's configuration; the bot tries again at its next start or deployment to these "
                         "files.")
                          .arg(what, test.displayText(), tested.output));
    }
    const ServerCommand reload = reloadCommand(values, *host);
    if (const ServerCommand::Outcome reloaded = reload.run(*host, kCommandTimeoutMs); !reloaded.ok) {
        return failed(tr("%1: the old files are back in place, but the reload failed (%2): %3. Check that the "
                         "server runs; the bot tries again at its next start or deployment to these files.")
                          .arg(what, reload.displayText(), reloaded.output));
    }
    RecoveryOutcome outcome;
    if (record.verifyHost.isEmpty()) { // files delivered for others to serve: reading them back is the proof
        auto proven = checkRestored(store, record.restoreBackupId);
        outcome = {proven ? QStringLiteral("recovered") : QStringLiteral("unverified"),
                   tr("%1 was undone: %2").arg(what, proven ? proven.value() : proven.message())};
    } else if (record.previousFingerprint.isEmpty()) {
        outcome = {QStringLiteral("unverified"),
                   tr("%1 was undone: the old files are back and the server was reloaded; the endpoint was not "
                      "reachable before, so the previous certificate could not be verified")
                       .arg(what)};
    } else {
        const EndpointVerifier verifier({record.verifyHost, record.verifyPort, record.verifyServerName});
        auto verified = verifier.waitForFingerprint(record.previousFingerprint, record.verifyTimeoutMs);
        outcome = verified ? RecoveryOutcome{QStringLiteral("recovered"),
                                             tr("%1 was undone: verified previous certificate %2 on %3")
                                                 .arg(what, verified.value(), verifier.endpointText())}
                           : RecoveryOutcome{QStringLiteral("unverified"),
                                             tr("%1 was undone (old files back, server reloaded), but the previous "
                                                "certificate could not be verified: %2")
                                                 .arg(what, verified.message())};
    }
    if (m_journal) {
        if (Status removed = m_journal->finish(record.id); !removed) {
            logger->warn("could not remove journal record {}: {}", record.id.toStdString(),
                         removed.message().toStdString());
        }
    }
    logger->info("recovery {}: {}", outcome.outcome.toStdString(), outcome.message.toStdString());
    pruneBackups({store});
    return outcome;
}

QString WebServerDeployer::recoverInterrupted(const QList<MaterialFile>& files,
                                              const std::shared_ptr<deploy::TargetHost>& host,
                                              const QVariantMap& requestFields, QStringList* steps)
{
    if (!m_journal) {
        return {};
    }
    QSet<QString> paths;
    for (const MaterialFile& file : files) {
        paths.insert(file.path);
    }
    const QString hostName = host && !host->isLocal() ? host->describe() : QString();
    for (const DeploymentJournal::Entry& entry : m_journal->entries()) {
        if (!entry.record) {
            continue; // refused records are not followed
        }
        const JournalRecord& record = *entry.record;
        if (record.targetHost != hostName) {
            continue; // the same paths on another machine
        }
        if (std::none_of(record.paths.begin(), record.paths.end(),
                         [&](const QString& path) { return paths.contains(path); })) {
            continue;
        }
        if (record.serverType != serverTypeId(serverType())) {
            return tr("an interrupted %1 operation on these files (journal record %2) is not finished; recover it "
                      "first")
                .arg(record.serverType, entry.file);
        }
        const RecoveryOutcome outcome = recover(record, host, requestFields);
        if (outcome.outcome == QLatin1String("failed")) {
            return tr("nothing was changed: %1").arg(outcome.message);
        }
        *steps << tr("recovered an interrupted operation first: %1").arg(outcome.message);
    }
    return {};
}

void WebServerDeployer::pruneBackups(const QList<MaterialFiles>& stores)
{
    const QSet<QString> inUse = m_journal ? m_journal->referencedBackups() : QSet<QString>();
    for (MaterialFiles store : stores) {
        store.prune(kBackupsKept, inUse);
    }
}

} // namespace certdeck::deployers
