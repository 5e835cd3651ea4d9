#pragma once

#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateBuilder.h"
#include "engine/crypto/PrivateKey.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace certdeck::test {

// A certificate and its key. Move-only (the key is).
struct IssuedCert
{
    crypto::Certificate cert;
    crypto::PrivateKey key;
};

struct LeafOptions
{
    QStringList names = {QStringLiteral("localhost")}; // the first is the CN; all become SANs
    crypto::KeySpec key = {crypto::KeyAlgorithm::Ec, 256};
    QDateTime notBefore; // default: now - 5 minutes
    QDateTime notAfter;  // default: now + 30 days
    QString crlDistributionPoint;
};

// Paths of PEM files written by writePemFiles().
struct PemFiles
{
    QString cert;      // leaf only
    QString key;       // unencrypted PKCS#8, mode 0600
    QString chain;     // the CA certificates (leaf excluded); empty when there are none
    QString fullChain; // leaf + CA certificates
};

// Throw-away test PKI: root CA -> intermediate CA -> TLS server leaves, built with the real
// CertificateBuilder. Every failure aborts the test process with a message (qFatal): only for tests.
class TestPki
{
public:
    // EC P-256 keys by default (fast); pass an RSA spec to test RSA paths.
    explicit TestPki(const crypto::KeySpec& caKey = {crypto::KeyAlgorithm::Ec, 256},
                     const QString& name = QStringLiteral("CertDeck Test"));

    const IssuedCert& root() const { return m_root; }
    const IssuedCert& intermediate() const { return m_intermediate; }
    // Leaf signed by the intermediate.
    IssuedCert issueLeaf(const LeafOptions& options = {}) const;
    IssuedCert issueLeaf(const QStringList& names) const;
    // [intermediate, root]: what a server sends after its leaf (root included for completeness).
    QList<crypto::Certificate> caChain() const;

    static IssuedCert makeRoot(const QString& commonName,
                               const crypto::KeySpec& keySpec = {crypto::KeyAlgorithm::Ec, 256});
    static IssuedCert makeIntermediate(const IssuedCert& issuer, const QString& commonName,
                                       const crypto::KeySpec& keySpec = {crypto::KeyAlgorithm::Ec, 256});
    static IssuedCert makeLeaf(const IssuedCert& issuer, const LeafOptions& options = {});
    // A self-signed TLS server certificate (no CA involved).
    static IssuedCert makeSelfSigned(const LeafOptions& options = {});
    static crypto::PrivateKey makeKey(const crypto::KeySpec& spec = {crypto::KeyAlgorithm::Ec, 256});

private:
    IssuedCert m_root;
    IssuedCert m_intermediate;
};

// Writes `data` to dir/name (dirs created), returns the absolute path. Aborts on failure.
QString writeTestFile(const QString& dir, const QString& name, const QByteArray& data);
// Writes <baseName>.crt, <baseName>.key, <baseName>-chain.crt, <baseName>-fullchain.crt under dir.
PemFiles writePemFiles(const QString& dir, const QString& baseName, const IssuedCert& leaf,
                       const QList<crypto::Certificate>& caChain = {});

} // namespace certdeck::test
