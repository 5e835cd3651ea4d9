#include "engine/crypto/CertificateFile.h"

#include "engine/crypto/PemBlocks.h"
#include "engine/crypto/Pkcs12.h"

#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pkcs12.h>

namespace certdeck::crypto {

using namespace detail;

namespace {

constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

Error named(const QString& name, const Error& error)
{
    return fail(QStringLiteral("%1: %2").arg(name, error.message), error.kind);
}

Error named(const QString& name, const QString& problem, const QString& kind)
{
    return fail(QStringLiteral("%1: %2").arg(name, problem), kind);
}

Result<CertificateMaterial> parsePem(const QByteArray& data, const QString& name, const QByteArray& password)
{
    QList<PemBlock> blocks = splitPem(data);
    // Wipes the copies of the key text when this function returns.
    const auto wipe = qScopeGuard([&blocks] {
        for (PemBlock& block : blocks) {
            if (isPrivateKeyLabel(block.label)) {
                OPENSSL_cleanse(block.text.data(), size_t(block.text.size()));
            }
        }
    });
    QStringList labels;
    const PemBlock* keyBlock = nullptr;
    bool anyCertificate = false;
    for (const PemBlock& block : blocks) {
        labels.append(QString::fromLatin1(block.label));
        anyCertificate = anyCertificate || isCertificateLabel(block.label) || block.label.isEmpty();
        if (!keyBlock && isPrivateKeyLabel(block.label)) {
            keyBlock = &block;
        }
    }
    if (!anyCertificate) {
        return named(
            name, QStringLiteral("the file holds no certificate (it holds: %1)").arg(labels.join(QStringLiteral(", "))),
            QStringLiteral("noCertificate"));
    }
    auto certs = Certificate::chainFromPem(data);
    if (!certs) {
        return named(name, certs.error());
    }
    CertificateMaterial material;
    material.format = CertificateFileFormat::Pem;
    QList<Certificate> all = *certs;
    if (keyBlock) {
        if (!keyBlock->complete) {
            return named(name, QStringLiteral("the private key is truncated: its END line is missing"),
                         QStringLiteral("truncated"));
        }
        auto key = PrivateKey::fromPem(keyBlock->text, password);
        if (!key) {
            return named(name, key.error());
        }
        qsizetype leafIndex = -1;
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (all.at(i).matchesKey(*key)) {
                leafIndex = i;
                break;
            }
        }
        if (leafIndex < 0) {
            return named(name,
                         QStringLiteral("the private key does not match the certificate \"%1\": use the key that "
                                        "was created with this certificate's CSR")
                             .arg(all.first().subject()),
                         QStringLiteral("keyMismatch"));
        }
        material.leaf = all.takeAt(leafIndex);
        material.key = std::move(key).value();
    } else {
        material.leaf = all.takeFirst();
    }
    material.chain = all;
    return material;
}

Result<CertificateMaterial> parseBinary(const QByteArray& data, const QString& name, const QByteArray& password)
{
    auto der = Certificate::fromDer(data);
    if (der && der->toDer().size() == data.size()) {
        CertificateMaterial material;
        material.format = CertificateFileFormat::Der;
        material.leaf = std::move(der).value();
        return material;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(data.constData());
    PKCS12* p12 = d2i_PKCS12(nullptr, &p, long(data.size()));
    ERR_clear_error();
    if (p12) {
        PKCS12_free(p12);
        auto bundle = readPkcs12(data, password);
        if (!bundle) {
            return named(name, bundle.error());
        }
        CertificateMaterial material;
        material.format = CertificateFileFormat::Pkcs12;
        material.leaf = bundle->leaf;
        material.chain = bundle->chain;
        material.key = std::move(bundle->key);
        return material;
    }
    const QString detail = der ? QStringLiteral("it has data after the certificate") : der.message();
    return named(name,
                 QStringLiteral("not a certificate file: it is neither PEM nor a complete DER certificate or "
                                "PKCS#12 file (%1)")
                     .arg(detail),
                 QStringLiteral("damaged"));
}

} // namespace

Result<CertificateMaterial> readCertificateFile(const QString& path, const QByteArray& pkcs12Password)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return named(path, QStringLiteral("the file does not exist: check the path"), QStringLiteral("unreadable"));
    }
    if (info.isDir()) {
        return named(path, QStringLiteral("this is a directory, not a certificate file"), QStringLiteral("unreadable"));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return named(path, QStringLiteral("the file cannot be read: %1").arg(file.errorString()),
                     QStringLiteral("unreadable"));
    }
    if (file.size() > kMaxFileSize) {
        return named(path, QStringLiteral("the file is too large for a certificate file (%1 bytes)").arg(file.size()),
                     QStringLiteral("damaged"));
    }
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return named(path, QStringLiteral("the file cannot be read: %1").arg(file.errorString()),
                     QStringLiteral("unreadable"));
    }
    auto material = parseCertificateData(data, path, pkcs12Password);
    // The file may hold a private key: do not leave a copy of it in freed memory.
    OPENSSL_cleanse(data.data(), size_t(data.size()));
    return material;
}

Result<CertificateMaterial> parseCertificateData(const QByteArray& data, const QString& nameForMessages,
                                                 const QByteArray& pkcs12Password)
{
    if (data.trimmed().isEmpty()) {
        return named(nameForMessages, QStringLiteral("the file is empty"), QStringLiteral("empty"));
    }
    if (data.contains("-----BEGIN")) {
        return parsePem(data, nameForMessages, pkcs12Password);
    }
    if (static_cast<unsigned char>(data.at(0)) == 0x30) {
        return parseBinary(data, nameForMessages, pkcs12Password);
    }
    return named(nameForMessages, QStringLiteral("not a certificate file: its content is neither PEM, DER nor PKCS#12"),
                 QStringLiteral("garbage"));
}

} // namespace certdeck::crypto
