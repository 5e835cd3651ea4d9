#include "deployers/common/WebServerDeployer.h"

#include "deployers/common/EndpointVerifier.h"
#include "engine/core/Log.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QCoreApplication>

#include <algorithm>

namespace certdeck::deployers {

using deploy::DeployerField;
using deploy::DeployReport;
using deploy::DeployRequest;
using deploy::ProgressFn;

namespace {

constexpr int kCommandTimeoutMs = 60000;
constexpr int kFirstProbeTimeoutMs = 5000;
const QString kBackupDirectoryField = QStringLiteral("backupDirectory");

QString tr(const char* text)
{
    return QCoreApplication::translate("WebServerDeployer", text);
}

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

// One deploy or rollback: collects the steps of the report and reports progress.
class Run
{
public:
    Run(const DeployRequest& request, const ProgressFn& progress)
        : m_request(request)
        , m_progress(progress)
        , m_verifier({request.verifyHost, request.verifyPort, request.verifyServerName})
    {
    }

    void step(int percent, const QString& text)
    {
        m_report.steps << text;
        if (m_progress) {
            m_progress(percent, text);
        }
    }

    // Runs a server command; the step says how it went; false on failure (output in `failure`).
    bool command(int percent, const QString& what, const ServerCommand& command, QString* failure)
    {
        const ServerCommand::Outcome outcome = command.run(kCommandTimeoutMs);
        if (outcome.ok) {
            step(percent, tr("%1 ok (%2)").arg(what, command.displayText()));
            return true;
        }
        *failure = outcome.output;
        step(percent, tr("%1 failed (%2): %3").arg(what, command.displayText(), outcome.output));
        return false;
    }

    const DeployRequest& m_request;
    const ProgressFn& m_progress;
    EndpointVerifier m_verifier;
    DeployReport m_report;
};

} // namespace

DeployerField WebServerDeployer::pathField(const QString& id, const QString& label, bool required,
                                           const QString& placeholder, const QString& help, const QString& defaultValue)
{
    DeployerField field;
    field.id = id;
    field.label = label;
    field.kind = DeployerField::Kind::Path;
    field.required = required;
    field.placeholder = placeholder;
    field.help = help;
    field.defaultValue = defaultValue;
    return field;
}

QList<DeployerField> WebServerDeployer::fields() const
{
    return serverFields() << pathField(kBackupDirectoryField, tr("Backup directory"), false,
                                       MaterialFiles::defaultStateDirectory(),
                                       tr("Where the bot keeps copies of the replaced files, for rollback. "
                                          "Empty: %1.")
                                           .arg(MaterialFiles::defaultStateDirectory()));
}

Result<DeployReport> WebServerDeployer::deploy(const DeployRequest& request, const ProgressFn& progress)
{
    const QList<DeployerField> schema = fields();
    if (Status valid = deploy::validateFieldValues(schema, request.fields); !valid) {
        return valid.error();
    }
    auto material = checkMaterial(request);
    if (!material) {
        return material.error();
    }
    const FieldValues values(schema, request.fields);
    const QList<MaterialFile> files = materialFiles(values, *material);
    auto logger = log::get("deployers." + serverName().toStdString());
    Run run(request, progress);
    DeployReport& report = run.m_report;
    run.step(5, tr("the key matches certificate %1").arg(material->fingerprint));

    auto before = run.m_verifier.servedFingerprint(std::min(kFirstProbeTimeoutMs, request.verifyTimeoutMs));
    const QString oldFingerprint = before ? before.value() : QString();
    run.step(10, before ? tr("%1 serves %2 before the deployment").arg(run.m_verifier.endpointText(), oldFingerprint)
                        : tr("before the deployment: %1").arg(before.message()));

    MaterialFiles store(values.text(kBackupDirectoryField));
    auto backupId = store.backup(files);
    if (!backupId) {
        report.failure = tr("backup failed: %1").arg(backupId.message());
        report.servedFingerprint = oldFingerprint;
        return report;
    }
    report.backupId = backupId.value();
    run.step(20, tr("backed up %1 files to %2").arg(files.size()).arg(store.backupDirectory(report.backupId)));

    QString failure;
    bool reloadAttempted = false;
    for (const MaterialFile& file : files) {
        if (Status written = store.write(file); !written) {
            failure = tr("writing files failed: %1").arg(written.message());
            break;
        }
        run.step(30, tr("wrote %1").arg(file.path));
    }
    QString output;
    if (failure.isEmpty() && !run.command(45, tr("config test"), configTestCommand(values), &output)) {
        failure = tr("config test failed: %1").arg(output);
    }
    if (failure.isEmpty()) {
        reloadAttempted = true;
        if (!run.command(60, tr("reload"), reloadCommand(values), &output)) {
            failure = tr("reload failed: %1").arg(output);
        }
    }
    if (failure.isEmpty()) {
        auto verified = run.m_verifier.waitForFingerprint(material->fingerprint, request.verifyTimeoutMs);
        if (verified) {
            report.deployed = true;
            report.servedFingerprint = verified.value();
            run.step(100, tr("verified: %1 serves %2").arg(run.m_verifier.endpointText(), verified.value()));
            logger->info("deployed certificate {} to {}", material->fingerprint.toStdString(),
                         run.m_verifier.endpointText().toStdString());
            return report;
        }
        failure = tr("verification failed: %1").arg(verified.message());
    }

    report.failure = failure;
    logger->warn("deployment of {} failed: {}", material->fingerprint.toStdString(), failure.toStdString());
    if (!request.rollbackOnFailure) {
        run.step(100, tr("rollback is off: the new files stay in place; backup %1 can restore the old ones")
                          .arg(report.backupId));
        auto served = run.m_verifier.servedFingerprint(kFirstProbeTimeoutMs);
        report.servedFingerprint = served ? served.value() : QString();
        return report;
    }
    if (Status restored = store.restore(report.backupId); !restored) {
        report.failure += tr("; restoring the backup failed too: %1").arg(restored.message());
        run.step(100, tr("restore failed: %1").arg(restored.message()));
        return report;
    }
    run.step(80, tr("restored the files of backup %1").arg(report.backupId));
    if (reloadAttempted) {
        run.command(90, tr("reload after restore"), reloadCommand(values), &output);
    }
    if (oldFingerprint.isEmpty()) {
        report.rolledBack = true;
        run.step(100, tr("the endpoint was not reachable before the deployment; the old certificate was not "
                         "verified"));
        return report;
    }
    auto verified = run.m_verifier.waitForFingerprint(oldFingerprint, request.verifyTimeoutMs);
    if (verified) {
        report.rolledBack = true;
        report.servedFingerprint = verified.value();
        run.step(100, tr("verified: %1 serves the old certificate %2 again")
                          .arg(run.m_verifier.endpointText(), verified.value()));
    } else {
        report.failure += tr("; after restoring the old files, %1").arg(verified.message());
        run.step(100, verified.message());
    }
    return report;
}

Result<DeployReport> WebServerDeployer::rollback(const QString& backupId, const DeployRequest& request,
                                                 const ProgressFn& progress)
{
    const QList<DeployerField> schema = fields();
    if (Status valid = deploy::validateFieldValues(schema, request.fields); !valid) {
        return valid.error();
    }
    const FieldValues values(schema, request.fields);
    MaterialFiles store(values.text(kBackupDirectoryField));
    auto saved = store.backedUpFiles(backupId);
    if (!saved) {
        return saved.error();
    }
    QString expected;
    QList<MaterialFile> targets;
    for (const MaterialFile& file : *saved) {
        targets << MaterialFile{file.path, file.role, {}};
        if (file.role == MaterialFile::Role::Certificate && !file.content.isEmpty()) {
            auto leaf = crypto::Certificate::fromPem(file.content);
            expected = leaf ? leaf->fingerprintSha256() : QString();
        }
    }
    Run run(request, progress);
    DeployReport& report = run.m_report;
    // The files being replaced are saved too, so that this rollback can itself be undone.
    auto undoId = store.backup(targets);
    if (!undoId) {
        report.failure = tr("backup failed: %1").arg(undoId.message());
        return report;
    }
    report.backupId = undoId.value();
    run.step(20, tr("backed up the current files to %1").arg(store.backupDirectory(report.backupId)));
    if (Status restored = store.restore(backupId); !restored) {
        report.failure = tr("restore failed: %1").arg(restored.message());
        return report;
    }
    run.step(40, tr("restored the files of backup %1").arg(backupId));
    QString output;
    if (!run.command(60, tr("reload"), reloadCommand(values), &output)) {
        report.failure = tr("reload failed: %1").arg(output);
        return report;
    }
    if (expected.isEmpty()) {
        report.rolledBack = true;
        run.step(100, tr("the backup holds no readable certificate; the endpoint was not verified"));
        return report;
    }
    auto verified = run.m_verifier.waitForFingerprint(expected, request.verifyTimeoutMs);
    if (!verified) {
        report.failure = tr("verification failed: %1").arg(verified.message());
        return report;
    }
    report.rolledBack = true;
    report.servedFingerprint = verified.value();
    run.step(100, tr("verified: %1 serves %2").arg(run.m_verifier.endpointText(), verified.value()));
    return report;
}

} // namespace certdeck::deployers
