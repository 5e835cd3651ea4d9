#include "engine/deploy/DeployerSecrets.h"

#include "engine/secrets/SecretStore.h"

#include <QCoreApplication>

#include <openssl/crypto.h>

namespace certdeck::deploy {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DeployerSecrets", text);
}

} // namespace

QString deployerSecretKey(qint64 certificateId, const QString& fieldId)
{
    return QStringLiteral("deployfield/%1/%2").arg(certificateId).arg(fieldId);
}

QString keyStorePasswordKey(qint64 certificateId)
{
    return QStringLiteral("keystore/%1").arg(certificateId);
}

Result<QVariantMap> withStoredSecrets(QVariantMap fields, qint64 certificateId, bool hasKeyStorePassword,
                                      const secrets::SecretStore* store)
{
    QStringList wanted;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (it.value().toString() == kStoredInKeychain) {
            wanted << it.key();
        }
    }
    if (hasKeyStorePassword) {
        wanted << kKeyStorePasswordField;
    }
    wanted.removeDuplicates();
    for (const QString& field : std::as_const(wanted)) {
        fields.remove(field); // never the marker itself
        if (!store) {
            return fail(tr("%1: the password is kept in the keychain, and no keychain is available. %2")
                            .arg(field, secrets::SecretStore::unavailableHelp()));
        }
        const QString key = field == kKeyStorePasswordField ? keyStorePasswordKey(certificateId)
                                                            : deployerSecretKey(certificateId, field);
        auto secret = store->readBlocking(key);
        if (!secret) {
            return fail(tr("%1: the keychain has no password for this certificate (%2); open its Provisioning "
                           "Configuration and enter the password again")
                            .arg(field, secret.message()));
        }
        fields.insert(field, QString::fromUtf8(*secret));
        OPENSSL_cleanse(secret->data(), size_t(secret->size()));
    }
    return fields;
}

} // namespace certdeck::deploy
