#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace certdeck::crypto {

enum class CertificateFileFormat { Pem, Der, Pkcs12 };

// What an imported file held: a leaf, its chain and, when present, a key that matches the leaf.
struct CertificateMaterial
{
    CertificateFileFormat format = CertificateFileFormat::Pem;
    Certificate leaf;
    QList<Certificate> chain; // leaf excluded
    PrivateKey key;           // null when the file held none
};

// Reads a certificate file (PEM bundle with optional key, DER, PKCS#12), detecting the format.
// Every error names the file and the problem: unreadable, empty, truncated PEM, garbage, wrong
// PKCS#12 password, a key that does not match the certificate.
Result<CertificateMaterial> readCertificateFile(const QString& path, const QByteArray& pkcs12Password = {});
Result<CertificateMaterial> parseCertificateData(const QByteArray& data, const QString& nameForMessages,
                                                 const QByteArray& pkcs12Password = {});

} // namespace certdeck::crypto
