#pragma once

#include "engine/core/Result.h"

#include <QString>
#include <QVariantMap>

namespace certdeck::secrets {
class SecretStore;
}

namespace certdeck::deploy {

// Secret deployer fields (DeployerField::Kind::Secret: a Tomcat manager password) never live in the inventory. The
// configuration's serverFields holds kStoredInKeychain for such a field; the value is in the OS keychain under a key
// that CertDeck derives from the certificate and the field, never one the inventory names: whoever writes the shared
// database cannot make a console send another keychain entry (an SSH key) to a bot.
inline const QString kStoredInKeychain = QStringLiteral("(stored in the keychain)");
// The field of the Java deployers that receives the configuration's Key Store Password (the CSR step); Deployment
// Details does not ask for it again.
inline const QString kKeyStorePasswordField = QStringLiteral("keyStorePassword");
// Likewise the configuration's Key Store Type (PKCS12, JKS): set by the job from ProvisioningConfig::keyStoreType.
inline const QString kKeyStoreTypeField = QStringLiteral("keyStoreType");

QString deployerSecretKey(qint64 certificateId, const QString& fieldId); // "deployfield/<id>/<field>"
QString keyStorePasswordKey(qint64 certificateId);                       // "keystore/<id>", the CSR step's password

// The fields to send to the bot: every kStoredInKeychain value replaced by the keychain's, and, when the configuration
// has a key store password (`hasKeyStorePassword`), that password as kKeyStorePasswordField. Blocking (call it off
// the GUI thread). Errors name the field and say how to fix it.
Result<QVariantMap> withStoredSecrets(QVariantMap fields, qint64 certificateId, bool hasKeyStorePassword,
                                      const secrets::SecretStore* store);

} // namespace certdeck::deploy
