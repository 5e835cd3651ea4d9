#pragma once

#include "deployers/common/FieldValues.h"
#include "deployers/kubernetes/KubernetesApi.h"
#include "deployers/kubernetes/KubernetesBackups.h"
#include "deployers/kubernetes/KubernetesSecretWriter.h"
#include "engine/deploy/BotPolicy.h"
#include "engine/deploy/Deployer.h"

#include <memory>

namespace certdeck::deployers {

class DeploymentJournal;

// Kubernetes: the certificate goes into a Secret of type kubernetes.io/tls (tls.crt = leaf + chain, tls.key, and
// ca.crt when asked) through the cluster's API (agentless: the bot calls the API server over HTTPS, verified against
// the cluster's CA), optionally also into an Opaque Secret holding a PKCS12 or JKS key store and its password (for
// Java workloads). Sequence: read the Secret; refuse one that another controller manages (cert-manager, an owner)
// unless the operator allows it; keep its previous content in the bot's state directory (KubernetesBackups); create
// or replace it with the resourceVersion read (KubernetesSecretWriter retries on 409 Conflict); read it back and
// compare bytes; optionally restart named Deployments as `kubectl rollout restart` does; verify by a TLS handshake
// when the request names an endpoint (an Ingress). On failure (with rollbackOnFailure) the previous content is
// restored the same guarded way.
//
// The bot's policy must allow agentless action (BotPolicy::checkAgentless) before the API is contacted.
class KubernetesDeployer final : public deploy::Deployer
{
public:
    static inline const QString kSecretNameField = QStringLiteral("secretName");
    static inline const QString kIncludeCaField = QStringLiteral("includeCaCrt");
    static inline const QString kKeyStoreSecretField = QStringLiteral("keyStoreSecret");
    static inline const QString kKeyStorePasswordKeyField = QStringLiteral("keyStorePasswordKey");
    static inline const QString kRestartDeploymentsField = QStringLiteral("restartDeployments");
    static inline const QString kOverwriteManagedField = QStringLiteral("overwriteManaged");

    // journal: gives the bot's state directory (where the backups are kept); policy null: this host's policy.
    explicit KubernetesDeployer(std::shared_ptr<DeploymentJournal> journal = {},
                                std::shared_ptr<const deploy::BotPolicy> policy = {});

    ServerType serverType() const override { return ServerType::Kubernetes; }
    QList<deploy::DeployerField> fields() const override;
    // The Secret is read back and compared; a handshake only when the request names an endpoint (an Ingress).
    bool endpointOptional() const override { return true; }

    Result<deploy::DeployReport> deploy(const deploy::DeployRequest& request,
                                        const deploy::ProgressFn& progress) override;
    // Puts back what the Secrets held before the deployment `backupId` (deletes a Secret that it created), but only
    // while they still hold what that deployment wrote (their resourceVersion), then restarts and verifies.
    Result<deploy::DeployReport> rollback(const QString& backupId, const deploy::DeployRequest& request,
                                          const deploy::ProgressFn& progress) override;
    // Deletes the TLS Secret only when it holds the request's certificate (expectedFingerprint, or the leaf of
    // certificatePem), keeping a backup that rollback() restores; refuses (nothing deleted) otherwise.
    Result<deploy::DeployReport> remove(const deploy::DeployRequest& request,
                                        const deploy::ProgressFn& progress) override;

private:
    struct Target
    {
        FieldValues values;
        KubernetesApi api;
        QString secretName;
        QString keyStoreSecret;
        QStringList deployments;
        bool overwriteManaged = false;
    };
    Result<Target> admit(const deploy::DeployRequest& request) const;
    // The guard of a write: refuses a Secret someone else manages (unless allowed) and records what it held.
    KubernetesSecretWriter::Guard backupGuard(const Target& target, KubernetesBackups::Backup& backup,
                                              qsizetype index) const;
    // Restores the written Secrets of `backup` (last first); appends to report.steps. Empty message: restored.
    QString restore(const Target& target, const KubernetesBackups::Backup& backup, deploy::DeployReport& report) const;
    QString restartDeployments(const Target& target, QStringList& steps) const;
    QString readBack(const Target& target, const QString& name, const std::optional<KubernetesSecretContent>& content,
                     QStringList& steps) const;
    // An endpoint handshake for `fingerprint` when the request names an endpoint; empty message: proven (or none).
    QString verifyEndpoint(const deploy::DeployRequest& request, const QString& fingerprint,
                           deploy::DeployReport& report, bool* verified) const;

    std::shared_ptr<const deploy::BotPolicy> m_policy;
    KubernetesBackups m_backups;
};

} // namespace certdeck::deployers
