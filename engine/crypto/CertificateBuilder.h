#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateRequest.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace certdeck::crypto {

// What kind of certificate to sign.
enum class CertificateProfile {
    RootCa,         // self-signed, CA:TRUE, keyCertSign + cRLSign
    IntermediateCa, // CA:TRUE pathlen:0, keyCertSign + cRLSign
    TlsServer,      // CA:FALSE, digitalSignature (+ keyEncipherment for RSA), EKU serverAuth
};

struct CertificateSpec
{
    CertificateProfile profile = CertificateProfile::TlsServer;
    QString subjectCommonName; // for CA profiles; TlsServer copies subject from the CSR
    QString subjectOrganization;
    QStringList sans;             // TlsServer: empty means copy the CSR's SANs
    QDateTime notBefore;          // default: now - 5 minutes
    QDateTime notAfter;           // required
    QByteArray serial;            // big-endian bytes; empty: 16 random bytes (positive)
    QString crlDistributionPoint; // URI, optional
    DigestAlgorithm digest = DigestAlgorithm::Sha256;
};

// Signs certificates: self-signed roots, intermediates, and TLS server certificates from a CSR.
// Adds subjectKeyIdentifier and authorityKeyIdentifier.
class CertificateBuilder
{
public:
    static Result<Certificate> selfSigned(const CertificateSpec& spec, const PrivateKey& key);
    // Signs `subjectKey`'s public key (intermediate CA) with the issuer.
    static Result<Certificate> signKey(const CertificateSpec& spec, const PrivateKey& subjectKey,
                                       const Certificate& issuer, const PrivateKey& issuerKey);
    // Signs a CSR (its signature is verified first).
    static Result<Certificate> signRequest(const CertificateSpec& spec, const CertificateRequest& request,
                                           const Certificate& issuer, const PrivateKey& issuerKey);
};

} // namespace certdeck::crypto
