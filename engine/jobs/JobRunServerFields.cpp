// JobRun: the server fields sent to the bot, with the passwords the keychain keeps for them.
#include "engine/core/Async.h"
#include "engine/deploy/DeployerSecrets.h"
#include "engine/jobs/JobRun.h"

namespace certdeck::jobs {

void JobRun::withServerFields(const QString& auditAction, std::function<void(const QJsonObject& fields)> next)
{
    QVariantMap fields = m_config.serverFields;
    if (m_config.keyStoreType == QLatin1String("PKCS12") || m_config.keyStoreType == QLatin1String("JKS")) {
        fields.insert(deploy::kKeyStoreTypeField, m_config.keyStoreType); // the CSR step's Key Store Type
    }
    const bool hasKeyStorePassword = !m_config.keyStorePasswordRef.isEmpty();
    const bool needsKeychain =
        hasKeyStorePassword || std::any_of(fields.cbegin(), fields.cend(), [](const QVariant& value) {
            return value.toString() == deploy::kStoredInKeychain;
        });
    if (!needsKeychain) {
        next(QJsonObject::fromVariantMap(fields));
        return;
    }
    setStep(tr("reading the server's passwords from the keychain"), m_stepPercent);
    const qint64 certificateId = m_job.certificateId;
    const secrets::SecretStore* secrets = m_context.secrets;
    runInBackground<Result<QVariantMap>>(
        this,
        [fields, certificateId, hasKeyStorePassword, secrets] {
            return deploy::withStoredSecrets(fields, certificateId, hasKeyStorePassword, secrets);
        },
        [this, auditAction, next = std::move(next)](Result<QVariantMap> filled) {
            if (!filled.ok()) {
                finish(JobState::Failed, filled.message(), {}, false, auditAction, QStringLiteral("failed"));
                return;
            }
            next(QJsonObject::fromVariantMap(filled.value()));
        });
}

} // namespace certdeck::jobs
