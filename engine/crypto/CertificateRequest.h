#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

typedef struct X509_req_st X509_REQ;

namespace certdeck::crypto {

enum class DigestAlgorithm { Sha256, Sha384, Sha512 };

// Parses the wizard's signature algorithm ("SHA256WithRSA", "SHA384withECDSA", ...).
// SHA-1 (and MD5) are refused with a message that says why.
Result<DigestAlgorithm> digestFromSignatureAlgorithm(const QString& name);

// The identity to request. The CN is always added to the SANs; DNS names become punycode (IDN),
// entries that parse as IPv4/IPv6 addresses become IP SANs.
struct CsrSubject
{
    QString commonName;
    QStringList sans;
    QString organization;
    QString organizationalUnit;
    QString country;
    QString state;
    QString locality;
};

// An owned PKCS#10 request.
class CertificateRequest
{
public:
    CertificateRequest();
    ~CertificateRequest();
    CertificateRequest(CertificateRequest&&) noexcept;
    CertificateRequest& operator=(CertificateRequest&&) noexcept;
    CertificateRequest(const CertificateRequest&) = delete;
    CertificateRequest& operator=(const CertificateRequest&) = delete;

    // Validates names (empty CN, bad DNS labels, wildcard placement) with messages naming the bad entry.
    static Result<CertificateRequest> create(const CsrSubject& subject, const PrivateKey& key,
                                             DigestAlgorithm digest = DigestAlgorithm::Sha256);
    static Result<CertificateRequest> fromPem(const QByteArray& pem); // verifies its signature

    QString commonName() const;
    QString subject() const;
    QStringList subjectAltNames() const;
    QByteArray toPem() const;
    QByteArray toDer() const;
    X509_REQ* get() const;

private:
    X509_REQ* m_req = nullptr;
};

// Converts a DNS name to its ASCII (punycode) form; an error names the bad label.
Result<QString> toAsciiDomain(const QString& name);

} // namespace certdeck::crypto
