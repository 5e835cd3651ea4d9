// KubernetesDeployer: rollback(), remove() and the guarded restore they and a failed deployment share.
#include "deployers/kubernetes/KubernetesDeployer.h"

#include "engine/crypto/Certificate.h"

#include <QCoreApplication>

namespace certdeck::deployers {

using deploy::DeployReport;
using deploy::DeployRequest;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KubernetesDeployer", text);
}

QString fingerprintOf(const std::optional<KubernetesSecret>& secret)
{
    if (!secret) {
        return {};
    }
    auto leaf = crypto::Certificate::fromPem(secret->data.value(QStringLiteral("tls.crt")));
    return leaf ? leaf->fingerprintSha256() : QString();
}

} // namespace

QString KubernetesDeployer::restore(const Target& target, const KubernetesBackups::Backup& backup,
                                    DeployReport& report) const
{
    const QString namespaceName = target.api.connection().namespaceName();
    for (qsizetype i = backup.secrets.size() - 1; i >= 0; --i) {
        const KubernetesBackups::SecretState& state = backup.secrets.at(i);
        if (!state.written) {
            continue; // the deployment never changed it
        }
        // Only while the Secret is still what the deployment left: a later change (another deployment, an operator)
        // is never undone behind its back.
        const auto guard = [&](const std::optional<KubernetesSecret>& current) -> Status {
            const QString now = current ? current->resourceVersion : QString();
            if (current.has_value() != !state.writtenResourceVersion.isEmpty() || now != state.writtenResourceVersion) {
                return fail(tr("Secret %1/%2 changed after deployment %3 (it is %4, the deployment left %5); nothing "
                               "was restored")
                                .arg(namespaceName, state.name, backup.id,
                                     current ? tr("at resourceVersion %1").arg(now) : tr("deleted"),
                                     state.writtenResourceVersion.isEmpty()
                                         ? tr("it deleted")
                                         : tr("resourceVersion %1").arg(state.writtenResourceVersion)),
                            QStringLiteral("conflict"));
            }
            return {};
        };
        const std::optional<KubernetesSecretContent> content =
            state.previous ? std::optional(KubernetesSecretContent::of(*state.previous)) : std::nullopt;
        auto written = KubernetesSecretWriter::write(target.api, state.name, content, guard, &report.steps);
        if (!written) {
            return written.message();
        }
        if (QString readBackFailure = readBack(target, state.name, content, report.steps); !readBackFailure.isEmpty()) {
            return readBackFailure;
        }
    }
    report.steps.append(tr("restored the Secrets of backup %1").arg(backup.id));
    return restartDeployments(target, report.steps);
}

Result<DeployReport> KubernetesDeployer::rollback(const QString& backupId, const DeployRequest& request,
                                                  const deploy::ProgressFn& progress)
{
    auto admitted = admit(request);
    if (!admitted) {
        return admitted.error();
    }
    const Target& target = *admitted;
    auto backup =
        m_backups.load(backupId, target.api.connection().server().toString(), target.api.connection().namespaceName());
    if (!backup) {
        return backup.error();
    }
    if (progress) {
        progress(20, tr("restoring backup %1").arg(backupId));
    }
    DeployReport report;
    report.backupId = backupId;
    if (const QString failure = restore(target, *backup, report); !failure.isEmpty()) {
        report.failure = failure;
        return report;
    }
    report.rolledBack = true;
    const QString previous = fingerprintOf(backup->secrets.isEmpty() ? std::nullopt : backup->secrets.front().previous);
    if (!previous.isEmpty()) {
        bool verified = false;
        if (const QString failure = verifyEndpoint(request, previous, report, &verified); !failure.isEmpty()) {
            report.failure = failure;
            return report;
        }
        report.rollbackVerified = verified;
    }
    return report;
}

Result<DeployReport> KubernetesDeployer::remove(const DeployRequest& request, const deploy::ProgressFn& progress)
{
    auto admitted = admit(request);
    if (!admitted) {
        return admitted.error();
    }
    const Target& target = *admitted;
    QString expected = request.expectedFingerprint;
    if (expected.isEmpty()) {
        if (auto leaf = crypto::Certificate::fromPem(request.certificatePem)) {
            expected = leaf->fingerprintSha256();
        }
    }
    if (expected.isEmpty()) {
        return fail(tr("the request names no certificate, so the bot cannot tell whether Secret %1 holds it; nothing "
                       "was deleted")
                        .arg(target.secretName),
                    QStringLiteral("invalidParams"));
    }
    if (progress) {
        progress(20, tr("removing Secret %1").arg(target.secretName));
    }
    DeployReport report;
    KubernetesBackups::Backup backup{KubernetesBackups::newId(),
                                     target.api.connection().server().toString(),
                                     target.api.connection().namespaceName(),
                                     QDateTime::currentDateTimeUtc(),
                                     {{target.secretName, std::nullopt, false, {}}}};
    const auto backupFirst = backupGuard(target, backup, 0);
    const QString namespaceName = target.api.connection().namespaceName();
    bool existed = false;
    const auto guard = [&](const std::optional<KubernetesSecret>& current) -> Status {
        existed = current.has_value();
        if (!current) {
            return {};
        }
        if (const QString held = fingerprintOf(current); held != expected) {
            return fail(tr("Secret %1/%2 holds certificate %3, not %4 that was deployed; nothing was deleted")
                            .arg(namespaceName, target.secretName, held.isEmpty() ? tr("(none)") : held, expected),
                        QStringLiteral("mismatch"));
        }
        return backupFirst(current);
    };
    auto removed = KubernetesSecretWriter::write(target.api, target.secretName, std::nullopt, guard, &report.steps);
    if (!removed) {
        report.failure = removed.message();
        return report;
    }
    if (!existed) {
        report.steps.append(tr("Secret %1/%2 does not exist; nothing to remove").arg(namespaceName, target.secretName));
        return report;
    }
    backup.secrets[0].written = true;
    if (Status saved = m_backups.save(backup); !saved) {
        report.steps.append(saved.message());
    }
    report.backupId = backup.id;
    report.steps.append(tr("kept the content of Secret %1 as backup %2 in %3")
                            .arg(target.secretName, backup.id, m_backups.directory()));
    return report;
}

} // namespace certdeck::deployers
