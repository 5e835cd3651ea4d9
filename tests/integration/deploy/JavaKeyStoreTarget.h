#pragma once

#include "engine/core/Result.h"
#include "engine/deploy/Deployer.h"
#include "tests/support/TestPki.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace certdeck::test {

// The key stores of a Java server for a deployer test, and the checks every Java deployer test makes. Two stores,
// each already holding another application's key pair "other" (made by the real keytool) beside the old certificate
// under the server's alias: a PKCS12 store and a JKS store. A deployment must update the alias, keep "other", and
// leave a store `keytool -list` reads; a failure must leave the store byte-identical and the old certificate served.
class JavaKeyStoreTarget
{
public:
    enum class Store { Pkcs12, Jks };
    static inline const QByteArray kPassword = QByteArrayLiteral("store pass 42");

    JavaKeyStoreTarget(QString directory, QString alias, QString hostName, const TestPki& pki);

    static bool isAvailable(QString* reason); // keytool
    Status create();

    QString path(Store store) const;
    QString type(Store store) const; // "PKCS12", "JKS"
    QByteArray oldBytes(Store store) const;
    const IssuedCert& old() const { return m_old; }
    const QString& alias() const { return m_alias; }
    const QString& hostName() const { return m_hostName; }

    // A request deploying `leaf` (with the PKI's chain) into `store`, verified by a handshake on `port`: the key store
    // fields and the backup directory; the caller adds the server's own fields.
    deploy::DeployRequest request(const IssuedCert& leaf, Store store, int port) const;

    // Empty when `report` deployed `fresh`: the endpoint on `port` serves it (an independent handshake), keytool
    // lists both aliases, "other" unchanged, the alias with leaf, intermediate and root; else what is wrong.
    QString checkDeployed(const Result<deploy::DeployReport>& report, const IssuedCert& fresh, Store store,
                          int port) const;
    // Empty when `store` is byte-identical to the old one and `port` serves the old certificate.
    QString checkUnchanged(Store store, int port) const;
    // Empty when `rolledBack` is a rollback without failure and then checkUnchanged() holds.
    QString checkRolledBack(const Result<deploy::DeployReport>& rolledBack, Store store, int port) const;
    // Empty when the failed deployment `report` said what `named` lists and changed nothing; `refusedBeforeWriting`:
    // an error, not a report (nothing was written), else a report rolled back and verified.
    QString checkFailure(const Result<deploy::DeployReport>& report, bool refusedBeforeWriting,
                         const QStringList& named, Store store, int port) const;

    // Puts the old store back when it changed or the old certificate is not served, and has the server reload it
    // (`reload`: the server's management call, empty on success or why not). Empty when the old one is served.
    QString restore(Store store, int port, const std::function<QString()>& reload) const;

private:
    QString m_directory;
    QString m_alias;
    QString m_hostName;
    const TestPki& m_pki;
    IssuedCert m_old;
    QByteArray m_oldPkcs12;
    QByteArray m_oldJks;
};

} // namespace certdeck::test
