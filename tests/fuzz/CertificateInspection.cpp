#include "CertificateInspection.h"

namespace certdeck::fuzz {

void inspectCertificate(const crypto::Certificate& certificate)
{
    if (certificate.isNull()) {
        return;
    }
    (void)certificate.commonName();
    (void)certificate.subject();
    (void)certificate.issuer();
    (void)certificate.issuerCommonName();
    (void)certificate.serialHex();
    (void)certificate.notBefore();
    (void)certificate.notAfter();
    (void)certificate.subjectAltNames();
    (void)certificate.keyAlgorithm();
    (void)certificate.keyBits();
    (void)certificate.signatureAlgorithm();
    (void)certificate.fingerprintSha256();
    (void)certificate.isCa();
    (void)certificate.isSelfSigned();
    (void)certificate.toPem();
    (void)certificate.toDer();
}

void inspectChain(const QList<crypto::Certificate>& chain)
{
    for (const crypto::Certificate& certificate : chain) {
        inspectCertificate(certificate);
    }
    (void)crypto::chainToPem(chain);
}

} // namespace certdeck::fuzz
