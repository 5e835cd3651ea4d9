#pragma once

#include "deployers/common/FieldValues.h"
#include "deployers/common/MaterialFiles.h"
#include "deployers/common/ServerCommand.h"
#include "engine/crypto/KeyStore.h"
#include "engine/deploy/DeployerField.h"
#include "engine/deploy/DeployerSecrets.h"
#include "engine/deploy/TargetHost.h"

namespace certdeck::deployers {

// The key store of a Java server (Tomcat, Jetty, WildFly, WebLogic) as a deployment file: made by engine/crypto from
// the store on the target now, so that the store's other aliases survive, and checked by reading it back.
class KeyStoreMaterial
{
public:
    // The fields every Java deployer shares: keyStoreType (PKCS12, JKS), keyStorePassword (Secret: filled by the
    // console from the keychain, never stored in the inventory or the journal), keyAlias, pkcs12Algorithms.
    static QList<deploy::DeployerField> fields(const QString& defaultAlias);
    static inline const QString kTypeField = deploy::kKeyStoreTypeField;
    static inline const QString kPasswordField = deploy::kKeyStorePasswordField;
    static inline const QString kAliasField = QStringLiteral("keyAlias");
    static inline const QString kAlgorithmsField = QStringLiteral("pkcs12Algorithms");

    // The new content of the store at `path` on `host` (a new store when there is none) with `alias` holding the
    // material. Errors name the field: wrong password, not a key store, JCEKS.
    static Result<MaterialFile> file(const FieldValues& values, const QString& path, const QByteArray& leafPem,
                                     const QByteArray& chainPem, const QByteArray& keyPem,
                                     const deploy::TargetHost& host);

    // The same for a store that is not a file (a Kubernetes Secret's value): `existing` (empty: a new store) updated,
    // `where` naming it in messages.
    static Result<QByteArray> store(const FieldValues& values, const QByteArray& existing, const QString& where,
                                    const QByteArray& leafPem, const QByteArray& chainPem, const QByteArray& keyPem);

    // The store at `path` on `host` opens with the password and has a key entry under the alias (what the server
    // will look for when it reloads).
    static Status check(const FieldValues& values, const QString& path, const deploy::TargetHost& host);
    // check() as a deployer's config test step ("key store check of <path>").
    static ServerCommand checkCommand(const FieldValues& values, const QString& path);
};

} // namespace certdeck::deployers
