#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

typedef struct x509_st X509;

namespace certdeck::crypto {

// An owned, parsed X.509 certificate. Copyable (reference counted by OpenSSL).
class Certificate
{
public:
    Certificate();
    ~Certificate();
    Certificate(const Certificate& other);
    Certificate& operator=(const Certificate& other);
    Certificate(Certificate&&) noexcept;
    Certificate& operator=(Certificate&&) noexcept;

    static Result<Certificate> fromPem(const QByteArray& pem);
    static Result<Certificate> fromDer(const QByteArray& der);
    // PEM or DER, detected.
    static Result<Certificate> fromData(const QByteArray& data);
    // All certificates of a PEM bundle in file order; an error when none or one is damaged.
    static Result<QList<Certificate>> chainFromPem(const QByteArray& pem);
    static Certificate adopt(X509* cert); // takes ownership

    bool isNull() const;
    QString commonName() const;
    QString subject() const; // RFC 2253 one-line
    QString issuer() const;
    QString issuerCommonName() const;
    QString serialHex() const;   // uppercase hex
    QDateTime notBefore() const; // UTC
    QDateTime notAfter() const;
    QStringList subjectAltNames() const; // DNS names and IP addresses as text
    QString keyAlgorithm() const;        // "RSA", "EC"
    int keyBits() const;
    QString signatureAlgorithm() const; // OpenSSL long name, e.g. "sha256WithRSAEncryption"
    QString fingerprintSha256() const;  // lowercase hex, no separators
    bool isCa() const;
    bool isSelfSigned() const;
    QByteArray toPem() const;
    QByteArray toDer() const;
    bool matchesKey(const PrivateKey& key) const;
    X509* get() const;

private:
    X509* m_cert = nullptr;
};

// PEM of several certificates, in order.
QByteArray chainToPem(const QList<Certificate>& chain);

} // namespace certdeck::crypto
