#include "deployers/kubernetes/KubernetesDeployer.h"

#include "deployers/common/DeploymentJournal.h"
#include "deployers/common/EndpointVerifier.h"
#include "deployers/common/KeyStoreMaterial.h"
#include "deployers/common/MaterialFiles.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/KeyStore.h"
#include "engine/crypto/PrivateKey.h"

#include <QCoreApplication>

namespace certdeck::deployers {

using deploy::DeployerField;
using deploy::DeployReport;
using deploy::DeployRequest;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KubernetesDeployer", text);
}

constexpr int kApiTimeoutMs = 15000;

QString stateDirectoryOf(const std::shared_ptr<DeploymentJournal>& journal)
{
    return journal ? journal->stateDirectory() : MaterialFiles::defaultStateDirectory();
}

QString keyStoreKey(const FieldValues& values)
{
    return crypto::keyStoreFormatFromName(values.text(KeyStoreMaterial::kTypeField))
                       .value_or(crypto::KeyStoreFormat::Pkcs12) == crypto::KeyStoreFormat::Jks
               ? QStringLiteral("keystore.jks")
               : QStringLiteral("keystore.p12");
}

QByteArray withNewline(const QByteArray& pem)
{
    const QByteArray trimmed = pem.trimmed();
    return trimmed.isEmpty() ? QByteArray() : trimmed + '\n';
}

} // namespace

KubernetesDeployer::KubernetesDeployer(std::shared_ptr<DeploymentJournal> journal,
                                       std::shared_ptr<const deploy::BotPolicy> policy)
    : m_policy(policy ? std::move(policy) : std::make_shared<const deploy::BotPolicy>(deploy::BotPolicy::load()))
    , m_backups(stateDirectoryOf(journal))
{
}

QList<DeployerField> KubernetesDeployer::fields() const
{
    QList<DeployerField> fields = KubernetesConnection::fields();
    fields << deploy::makeField(
                  DeployerField::Kind::Text, kSecretNameField, tr("Secret name"), true, {},
                  tr("The Secret of type kubernetes.io/tls that the Ingress or workload names (spec.tls[].secretName). "
                     "It is created when it does not exist."))
           << deploy::makeField(
                  DeployerField::Kind::Flag, kIncludeCaField, tr("Add ca.crt"), false, {},
                  tr("Also write the issuing CA chain as ca.crt (for workloads that verify clients or peers)."),
                  QStringLiteral("false"))
           << deploy::makeField(
                  DeployerField::Kind::Text, kKeyStoreSecretField, tr("Key store Secret"), false, {},
                  tr("Optional: an Opaque Secret that gets the key and certificate as a PKCS12 or JKS key store "
                     "(keystore.p12 or keystore.jks) and its password, for Java workloads."));
    fields << KeyStoreMaterial::fields(QStringLiteral("certificate"));
    fields << deploy::makeField(DeployerField::Kind::Text, kKeyStorePasswordKeyField, tr("Key store password key"),
                                false, QStringLiteral("password"),
                                tr("The key of the key store Secret that holds the key store's password."),
                                QStringLiteral("password"))
           << deploy::makeField(
                  DeployerField::Kind::Text, kRestartDeploymentsField, tr("Restart Deployments"), false, {},
                  tr("Deployments of the namespace to restart after the Secret changed, separated by commas, as "
                     "`kubectl rollout restart deployment/<name>` does (for workloads that read the certificate "
                     "only at start)."))
           << deploy::makeField(
                  DeployerField::Kind::Flag, kOverwriteManagedField, tr("Overwrite a managed Secret"), false, {},
                  tr("Replace the Secret even when another controller manages it (cert-manager annotations, "
                     "ownerReferences). That controller may overwrite it again."),
                  QStringLiteral("false"));
    return fields;
}

Result<KubernetesDeployer::Target> KubernetesDeployer::admit(const DeployRequest& request) const
{
    const QList<DeployerField> schema = fields();
    if (Status valid = deploy::validateFieldValues(schema, request.fields); !valid) {
        return fail(tr("%1; nothing was changed").arg(valid.message()), QStringLiteral("invalidParams"));
    }
    // The bot calls another machine (the API server): the administrator of the bot's host must allow that.
    if (Status allowed = m_policy->checkAgentless(); !allowed) {
        return fail(tr("%1; the Kubernetes API was not contacted and nothing was changed").arg(allowed.message()),
                    allowed.error().kind);
    }
    FieldValues values(schema, request.fields);
    auto connection = KubernetesConnection::fromFields(values);
    if (!connection) {
        return fail(connection.message(), QStringLiteral("invalidParams"));
    }
    Target target{values,
                  KubernetesApi(*connection, kApiTimeoutMs),
                  values.text(kSecretNameField),
                  values.text(kKeyStoreSecretField),
                  {},
                  values.flag(kOverwriteManagedField)};
    for (const QString& name : values.text(kRestartDeploymentsField).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        target.deployments << name.trimmed();
    }
    if (target.keyStoreSecret == target.secretName) {
        return fail(
            tr("Key store Secret: it must be another Secret than %1; nothing was changed").arg(target.secretName),
            QStringLiteral("invalidParams"));
    }
    return target;
}

KubernetesSecretWriter::Guard KubernetesDeployer::backupGuard(const Target& target, KubernetesBackups::Backup& backup,
                                                              qsizetype index) const
{
    return [this, &target, &backup, index](const std::optional<KubernetesSecret>& current) -> Status {
        KubernetesBackups::SecretState& state = backup.secrets[index];
        if (current && !target.overwriteManaged) {
            if (const QString controller = current->managedBy(); !controller.isEmpty()) {
                return fail(tr("Secret %1/%2 is managed by %3; nothing was changed. Set \"Overwrite a managed "
                               "Secret\" to replace it anyway.")
                                .arg(target.api.connection().namespaceName(), state.name, controller),
                            QStringLiteral("managed"));
            }
        }
        state.previous = current;
        return m_backups.save(backup);
    };
}

Result<DeployReport> KubernetesDeployer::deploy(const DeployRequest& request, const deploy::ProgressFn& progress)
{
    const auto report = [&](int percent, const QString& step) {
        if (progress) {
            progress(percent, step);
        }
    };
    auto admitted = admit(request);
    if (!admitted) {
        return admitted.error();
    }
    const Target& target = *admitted;
    auto leaf = crypto::Certificate::fromPem(request.certificatePem);
    auto key = crypto::PrivateKey::fromPem(request.keyPem);
    if (!leaf || !key || !leaf->matchesKey(*key)) {
        return fail(tr("the certificate and key of the request are unreadable or do not match; nothing was changed"),
                    QStringLiteral("invalidParams"));
    }
    const QByteArray chainPem = withNewline(request.chainPem);
    const QString fingerprint = leaf->fingerprintSha256();

    QList<std::pair<QString, KubernetesSecretContent>> writes;
    KubernetesSecretContent tls{KubernetesSecret::kTlsType, {}, {}, {}};
    tls.data.insert(QStringLiteral("tls.crt"), withNewline(request.certificatePem) + chainPem);
    tls.data.insert(QStringLiteral("tls.key"), withNewline(request.keyPem));
    if (target.values.flag(kIncludeCaField) && !chainPem.isEmpty()) {
        tls.data.insert(QStringLiteral("ca.crt"), chainPem);
    }
    writes.append({target.secretName, tls});
    if (!target.keyStoreSecret.isEmpty()) {
        const QString where = tr("Secret %1/%2").arg(target.api.connection().namespaceName(), target.keyStoreSecret);
        // A key store of its own each time: the Secret is the deployment's, no other aliases to keep.
        auto store =
            KeyStoreMaterial::store(target.values, {}, where, request.certificatePem, chainPem, request.keyPem);
        if (!store) {
            return store.error();
        }
        KubernetesSecretContent keyStore{KubernetesSecret::kOpaqueType, {}, {}, {}};
        keyStore.data.insert(keyStoreKey(target.values), *store);
        keyStore.data.insert(target.values.text(kKeyStorePasswordKeyField),
                             target.values.secret(KeyStoreMaterial::kPasswordField));
        writes.append({target.keyStoreSecret, keyStore});
    }

    DeployReport result;
    KubernetesBackups::Backup backup{KubernetesBackups::newId(),
                                     target.api.connection().server().toString(),
                                     target.api.connection().namespaceName(),
                                     QDateTime::currentDateTimeUtc(),
                                     {}};
    for (const auto& [name, content] : writes) {
        backup.secrets.append({name, std::nullopt, false, {}});
    }
    QString failure;
    QString previousFingerprint;
    report(10, tr("writing Secret %1 through %2").arg(target.secretName, target.api.connection().describe()));
    for (qsizetype i = 0; i < writes.size() && failure.isEmpty(); ++i) {
        auto written = KubernetesSecretWriter::write(target.api, writes[i].first, writes[i].second,
                                                     backupGuard(target, backup, i), &result.steps);
        if (!written) {
            failure = written.message();
            break;
        }
        backup.secrets[i].written = true;
        backup.secrets[i].writtenResourceVersion = (*written)->resourceVersion;
        if (Status saved = m_backups.save(backup); !saved) {
            failure = saved.message();
        }
        if (i == 0) {
            result.backupId = backup.id;
            result.steps.append(tr("kept the previous content of Secret %1 as backup %2 in %3")
                                    .arg(writes[i].first, backup.id, m_backups.directory()));
            if (backup.secrets[0].previous) {
                if (auto old = crypto::Certificate::fromPem(
                        backup.secrets[0].previous->data.value(QStringLiteral("tls.crt")))) {
                    previousFingerprint = old->fingerprintSha256();
                }
            }
        }
    }
    if (result.backupId.isEmpty()) {
        result.failure = failure; // refused or failed before the first write: nothing was changed
        return result;
    }
    report(60, tr("reading Secret %1 back").arg(target.secretName));
    for (qsizetype i = 0; i < writes.size() && failure.isEmpty(); ++i) {
        failure = readBack(target, writes[i].first, writes[i].second, result.steps);
    }
    if (failure.isEmpty()) {
        report(70, tr("restarting Deployments"));
        failure = restartDeployments(target, result.steps);
    }
    bool verified = false;
    if (failure.isEmpty()) {
        report(80, tr("verifying"));
        failure = verifyEndpoint(request, fingerprint, result, &verified);
    }
    if (failure.isEmpty()) {
        result.deployed = true;
        if (!verified) {
            result.steps.append(tr("only the read-back of Secret %1 is proven: the request names no endpoint to verify "
                                   "by a TLS handshake, so what the Ingress serves was not checked")
                                    .arg(target.secretName));
        }
        m_backups.prune(backup.server, backup.namespaceName, target.secretName, backup.id);
        return result;
    }
    result.failure = failure;
    if (!request.rollbackOnFailure) {
        result.steps.append(tr("not rolled back (rollback on failure is off); backup %1 restores it").arg(backup.id));
        return result;
    }
    report(90, tr("restoring the previous content of Secret %1").arg(target.secretName));
    const QString restored = restore(target, backup, result);
    if (!restored.isEmpty()) {
        result.failure += tr("; the rollback failed too: %1").arg(restored);
        return result;
    }
    result.rolledBack = true;
    if (!previousFingerprint.isEmpty()) {
        bool oldVerified = false;
        if (verifyEndpoint(request, previousFingerprint, result, &oldVerified).isEmpty() && oldVerified) {
            result.rollbackVerified = true;
        }
    }
    return result;
}

QString KubernetesDeployer::readBack(const Target& target, const QString& name,
                                     const std::optional<KubernetesSecretContent>& content, QStringList& steps) const
{
    const QString secretName = QStringLiteral("%1/%2").arg(target.api.connection().namespaceName(), name);
    auto read = target.api.readSecret(name);
    if (!read) {
        return read.message();
    }
    if (!content) {
        if (read->has_value()) {
            return tr("Secret %1 still exists after it was deleted").arg(secretName);
        }
        steps.append(tr("read back: Secret %1 does not exist").arg(secretName));
        return {};
    }
    if (!read->has_value()) {
        return tr("Secret %1 is gone right after it was written").arg(secretName);
    }
    if ((*read)->type != content->type || (*read)->data != content->data) {
        return tr("Secret %1 does not hold what was written when it is read back (another writer, or an admission "
                  "webhook changed it)")
            .arg(secretName);
    }
    steps.append(tr("read back Secret %1: %2 byte for byte as written")
                     .arg(secretName, QStringList((*read)->data.keys()).join(QStringLiteral(", "))));
    return {};
}

QString KubernetesDeployer::restartDeployments(const Target& target, QStringList& steps) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString& deployment : target.deployments) {
        if (Status restarted = target.api.restartDeployment(deployment, now); !restarted) {
            return restarted.message();
        }
        steps.append(tr("restarted Deployment %1/%2 (kubectl.kubernetes.io/restartedAt %3)")
                         .arg(target.api.connection().namespaceName(), deployment, now.toString(Qt::ISODate)));
    }
    return {};
}

QString KubernetesDeployer::verifyEndpoint(const DeployRequest& request, const QString& fingerprint,
                                           DeployReport& report, bool* verified) const
{
    *verified = false;
    if (request.verifyHost.isEmpty()) {
        return {};
    }
    // An Ingress controller picks a changed Secret up within seconds (its informer's watch), so poll.
    const EndpointVerifier verifier({request.verifyHost, request.verifyPort, request.verifyServerName});
    auto served = verifier.waitForFingerprint(fingerprint, request.verifyTimeoutMs);
    if (!served) {
        report.servedFingerprint.clear();
        if (auto now = verifier.servedFingerprint(3000)) {
            report.servedFingerprint = *now;
        }
        return served.message();
    }
    report.servedFingerprint = *served;
    report.steps.append(tr("verified: %1 serves %2").arg(verifier.endpointText(), *served));
    *verified = true;
    return {};
}

} // namespace certdeck::deployers
