#pragma once

// Test helpers for TestLocalCa: CSRs (including ones the CA must refuse) and an OpenSSL chain check.

#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateRequest.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace certdeck::test {

// A CSR signed with a fresh key of `spec`; empty on failure (the reason goes to qWarning).
QByteArray makeCsr(const QString& commonName, const QStringList& sans,
                   const crypto::KeySpec& spec = {crypto::KeyAlgorithm::Ec, 256});
// A CSR with an RSA-1024 key, built with raw OpenSSL (the engine refuses to make one).
QByteArray makeWeakRsaCsr(const QString& commonName);
// A valid CSR whose signature has been damaged (one bit of the signature flipped).
QByteArray damageCsrSignature(const QByteArray& csrPem);

struct ChainCheck
{
    bool ok = false;
    QString error;
};
// X509_verify_cert with `rootPem` as the only trust anchor, `untrustedPem` as intermediates,
// purpose sslserver and the host name `host`.
ChainCheck verifyChain(const QByteArray& leafPem, const QByteArray& untrustedPem, const QByteArray& rootPem,
                       const QString& host);
// True when the certificate's extendedKeyUsage contains serverAuth.
bool hasServerAuthEku(const crypto::Certificate& certificate);

} // namespace certdeck::test
