#include "JavaKeyStoreTarget.h"

#include "engine/crypto/KeyStore.h"
#include "tests/support/KeyTool.h"
#include "tests/support/TestSupport.h"

#include <QDir>

namespace certdeck::test {

JavaKeyStoreTarget::JavaKeyStoreTarget(QString directory, QString alias, QString hostName, const TestPki& pki)
    : m_directory(std::move(directory))
    , m_alias(std::move(alias))
    , m_hostName(std::move(hostName))
    , m_pki(pki)
    , m_old(pki.issueLeaf({m_hostName}))
{
}

bool JavaKeyStoreTarget::isAvailable(QString* reason)
{
    return KeyTool::isAvailable(reason);
}

QString JavaKeyStoreTarget::path(Store store) const
{
    return m_directory +
           (store == Store::Pkcs12 ? QStringLiteral("/tls/server.p12") : QStringLiteral("/tls/server.jks"));
}

QString JavaKeyStoreTarget::type(Store store) const
{
    return store == Store::Pkcs12 ? QStringLiteral("PKCS12") : QStringLiteral("JKS");
}

QByteArray JavaKeyStoreTarget::oldBytes(Store store) const
{
    return store == Store::Pkcs12 ? m_oldPkcs12 : m_oldJks;
}

Status JavaKeyStoreTarget::create()
{
    if (!QDir().mkpath(m_directory + QStringLiteral("/tls"))) {
        return fail(QStringLiteral("cannot create %1/tls").arg(m_directory));
    }
    for (Store store : {Store::Pkcs12, Store::Jks}) {
        // The operator's store: a key of another application beside the server's.
        const KeyTool::Outcome other =
            KeyTool::generateKeyPair(path(store), type(store), kPassword, QStringLiteral("other"));
        if (!other.ok) {
            return fail(QStringLiteral("keytool -genkeypair: %1").arg(other.output));
        }
        auto updated = crypto::updateKeyStore(readFileBytes(path(store)),
                                              store == Store::Pkcs12 ? crypto::KeyStoreFormat::Pkcs12
                                                                     : crypto::KeyStoreFormat::Jks,
                                              kPassword, m_alias, m_old.key, m_old.cert, m_pki.caChain());
        if (!updated) {
            return updated.error();
        }
        if (!writeFileBytes(path(store), *updated)) {
            return fail(QStringLiteral("cannot write %1").arg(path(store)));
        }
        (store == Store::Pkcs12 ? m_oldPkcs12 : m_oldJks) = *updated;
    }
    return {};
}

deploy::DeployRequest JavaKeyStoreTarget::request(const IssuedCert& leaf, Store store, int port) const
{
    deploy::DeployRequest request;
    request.fields = {
        {QStringLiteral("keyStoreFile"), path(store)},
        {QStringLiteral("keyStoreType"), type(store)},
        {QStringLiteral("keyStorePassword"), QString::fromUtf8(kPassword)},
        {QStringLiteral("keyAlias"), m_alias},
        {QStringLiteral("backupDirectory"), QString(m_directory + QStringLiteral("/state"))},
    };
    request.certificatePem = leaf.cert.toPem();
    request.chainPem = crypto::chainToPem(m_pki.caChain());
    request.keyPem = leaf.key.toPem();
    request.verifyPort = port;
    request.verifyServerName = m_hostName;
    return request;
}

QString JavaKeyStoreTarget::checkDeployed(const Result<deploy::DeployReport>& report, const IssuedCert& fresh,
                                          Store store, int port) const
{
    if (!report) {
        return QStringLiteral("refused: ") + report.message();
    }
    if (!report->deployed) {
        return QStringLiteral("not deployed: ") + report->failure + QLatin1Char('\n') + report->steps.join('\n');
    }
    const QString expected = fresh.cert.fingerprintSha256();
    if (report->servedFingerprint != expected) {
        return QStringLiteral("the report says %1 is served, not %2").arg(report->servedFingerprint, expected);
    }
    if (const QString served = servedFingerprint(port, m_hostName); served != expected) {
        return QStringLiteral("a handshake on port %1 gets %2, not the new %3").arg(port).arg(served, expected);
    }
    const KeyTool::Listing listing = KeyTool::list(path(store), kPassword);
    if (!listing.ok) {
        return QStringLiteral("keytool -list cannot read %1: %2").arg(path(store), listing.output);
    }
    const KeyTool::Listing before = [&] {
        const QString copy = m_directory + QStringLiteral("/old-") + type(store);
        writeFileBytes(copy, oldBytes(store));
        return KeyTool::list(copy, kPassword);
    }();
    if (listing.storeType != type(store) || listing.aliases.size() != 2 ||
        listing.fingerprints(QStringLiteral("other")) != before.fingerprints(QStringLiteral("other")) ||
        listing.chainLength(m_alias) != 3 ||
        listing.fingerprints(m_alias).value(0) != KeyTool::fingerprintOf(fresh.cert)) {
        return QStringLiteral("keytool -list does not show %1 with \"other\" kept and %2 holding the new chain:\n%3")
            .arg(type(store), m_alias, listing.output);
    }
    return {};
}

QString JavaKeyStoreTarget::checkUnchanged(Store store, int port) const
{
    if (readFileBytes(path(store)) != oldBytes(store)) {
        return QStringLiteral("%1 is not byte-identical to the old store").arg(path(store));
    }
    if (const QString served = servedFingerprint(port, m_hostName); served != m_old.cert.fingerprintSha256()) {
        return QStringLiteral("port %1 serves %2, not the old %3")
            .arg(port)
            .arg(served, m_old.cert.fingerprintSha256());
    }
    return {};
}

QString JavaKeyStoreTarget::checkRolledBack(const Result<deploy::DeployReport>& rolledBack, Store store, int port) const
{
    if (!rolledBack) {
        return QStringLiteral("the rollback failed: %1").arg(rolledBack.message());
    }
    if (!rolledBack->rolledBack || !rolledBack->failure.isEmpty()) {
        return QStringLiteral("the rollback did not finish: %1").arg(rolledBack->failure);
    }
    return checkUnchanged(store, port);
}

QString JavaKeyStoreTarget::checkFailure(const Result<deploy::DeployReport>& report, bool refusedBeforeWriting,
                                         const QStringList& named, Store store, int port) const
{
    const QString message = report ? report->failure + QLatin1Char('\n') + report->steps.join('\n') : report.message();
    if (report.ok() == refusedBeforeWriting) {
        return (refusedBeforeWriting ? QStringLiteral("expected a refusal before writing: ")
                                     : QStringLiteral("expected a rolled back report: ")) +
               message;
    }
    if (report && (report->deployed || !report->rolledBack || !report->rollbackVerified)) {
        return QStringLiteral("expected a verified rollback: ") + message;
    }
    for (const QString& part : named) {
        if (!message.contains(part)) {
            return QStringLiteral("the message does not name \"%1\": %2").arg(part, message);
        }
    }
    return checkUnchanged(store, port);
}

QString JavaKeyStoreTarget::restore(Store store, int port, const std::function<QString()>& reload) const
{
    if (checkUnchanged(store, port).isEmpty()) {
        return {};
    }
    if (!writeFileBytes(path(store), oldBytes(store))) {
        return QStringLiteral("cannot write %1").arg(path(store));
    }
    if (const QString failed = reload(); !failed.isEmpty()) {
        return failed;
    }
    const QString served = waitUntilServed(port, m_hostName, m_old.cert.fingerprintSha256());
    return served == m_old.cert.fingerprintSha256()
               ? QString()
               : QStringLiteral("the old certificate is not served again: %1").arg(served);
}

} // namespace certdeck::test
