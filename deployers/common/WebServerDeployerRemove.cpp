// WebServerDeployer: taking a certificate off the server (Delete with "also remove it from the server").
#include "deployers/common/WebServerDeployer.h"
#include "deployers/common/WebServerDeployerRun.h"
#include "engine/core/FailPoint.h"
#include "engine/core/Log.h"

#include <openssl/crypto.h>

namespace certdeck::deployers {

using deploy::DeployerField;
using deploy::DeployReport;
using deploy::DeployRequest;
using deploy::ProgressFn;
using namespace webserver;

namespace {

// The files the config test complains about, else all of them: what the server still needs.
QStringList filesNamedIn(const QString& output, const QList<MaterialFile>& files)
{
    QStringList named;
    QStringList all;
    for (const MaterialFile& file : files) {
        all << file.path;
        if (output.contains(file.path)) {
            named << file.path;
        }
    }
    return named.isEmpty() ? all : named;
}

} // namespace

Result<DeployReport> WebServerDeployer::remove(const DeployRequest& request, const ProgressFn& progress)
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
    // Every file the fields name (the chain file too, when the server has one).
    Material names;
    names.chainPem = QByteArrayLiteral("-");
    QList<MaterialFile> targets;
    QStringList absent;
    const QList<MaterialFile> named = materialFiles(values, names);
    if (named.isEmpty()) { // a key store shared with other entries is not deleted
        return fail(tr("%1 keeps the certificate in a key store with other entries; CertDeck does not delete the "
                       "store. Remove the alias with keytool -delete on the server.")
                        .arg(serverName()),
                    QStringLiteral("unsupported"));
    }
    if (Status inside = admitFiles(named, *host); !inside) {
        return inside.error();
    }
    for (const MaterialFile& file : named) {
        auto state = MaterialFiles::readState(*host, file.path);
        if (!state) {
            return fail(tr("cannot read %1: %2; nothing was removed").arg(file.path, state.message()));
        }
        if (state->content.size() > 0) {
            OPENSSL_cleanse(state->content.data(), size_t(state->content.size()));
        }
        if (!state->exists) {
            absent << file.path;
            continue;
        }
        targets << MaterialFile{file.path, file.role, {}};
    }
    Run run(admittedRequest, progress);
    DeployReport& report = run.m_report;
    if (!absent.isEmpty()) {
        run.step(5, tr("not on the server (nothing to remove): %1").arg(absent.join(QStringLiteral(", "))));
    }
    if (targets.isEmpty()) {
        run.step(100, tr("the certificate's files are not on the server; nothing was changed"));
        return report;
    }
    QStringList recoverySteps;
    if (const QString blocked = recoverInterrupted(targets, host, request.fields, &recoverySteps); !blocked.isEmpty()) {
        report.steps << recoverySteps;
        report.failure = blocked;
        return report;
    }
    for (const QString& step : recoverySteps) {
        run.step(10, step);
    }
    MaterialFiles store = storeAt(storeDirectory(values, *host), host);
    auto backupId = store.backup(targets);
    if (!backupId) {
        report.failure = tr("backup failed: %1; nothing was removed").arg(backupId.message());
        return report;
    }
    QString recordId;
    if (m_journal) {
        // A bot killed before the end puts the files back: removal is only final once the server took it.
        const JournalRecord record = recordFor(QStringLiteral("remove"), backupId.value(), backupId.value(),
                                               store.stateDirectory(), admittedRequest, targets, {}, {});
        if (Status recorded = m_journal->begin(record); !recorded) {
            report.failure = recorded.message() + tr("; nothing was removed");
            return report;
        }
        recordId = record.id;
    }
    report.backupId = backupId.value();
    run.step(20, tr("backed up %1 files to %2").arg(targets.size()).arg(store.backupDirectory(report.backupId)));
    auto finishRecord = [&] {
        if (m_journal && !recordId.isEmpty()) {
            if (Status removed = m_journal->finish(recordId); !removed) {
                run.step(95, removed.message());
            }
        }
    };
    auto restore = [&](const QString& failure) {
        report.failure = failure;
        if (Status restored = store.restore(report.backupId); !restored) {
            report.failure += tr("; restoring the files failed too: %1").arg(restored.message());
            run.step(100, tr("restore failed: %1").arg(restored.message()));
            return; // the journal record stays: the next start tries again
        }
        run.step(90, tr("restored the files of backup %1 byte-for-byte").arg(report.backupId));
        finishRecord();
    };
    for (const MaterialFile& file : targets) {
        if (Status removed = host->removeFile(file.path); !removed) {
            restore(tr("removing %1 failed: %2").arg(file.path, removed.message()));
            return report;
        }
        run.step(30, tr("removed %1").arg(file.path));
    }
    failPoint("bot.remove.files-removed");
    QString output;
    if (!run.command(50, tr("config test"), configTestCommand(values, *host), &output)) {
        restore(tr("%1 still uses %2; change the server's configuration first (config test: %3)")
                    .arg(serverName(), filesNamedIn(output, targets).join(QStringLiteral(", ")), output));
        return report;
    }
    if (!run.command(70, tr("reload"), reloadCommand(values, *host), &output)) {
        restore(tr("reload failed after removing the files: %1").arg(output));
        return report;
    }
    finishRecord();
    pruneBackups({store});
    QStringList removedPaths;
    for (const MaterialFile& file : targets) {
        removedPaths << file.path;
    }
    log::get("deployers." + serverName().toStdString())
        ->info("removed {} from the server", removedPaths.join(QStringLiteral(", ")).toStdString());
    run.step(100, tr("the certificate is off the server; backup %1 can restore its files").arg(report.backupId));
    return report;
}

} // namespace certdeck::deployers
