// Certificate import from PEM and DER (engine/crypto: Certificate, PemBlocks, CertificateFile's format detection):
// what the import dialog and `certdeckctl cert import` do with a file that holds no PKCS#12.
#include "CertificateInspection.h"
#include "FuzzInput.h"

#include "engine/crypto/CertificateFile.h"
#include "engine/crypto/PemBlocks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace certdeck;
    const QByteArray input = fuzz::bytesOf(data, size);
    for (const crypto::detail::PemBlock& block : crypto::detail::splitPem(input)) {
        (void)crypto::detail::isCertificateLabel(block.label);
        (void)crypto::detail::isPrivateKeyLabel(block.label);
    }
    if (const auto certificate = crypto::Certificate::fromData(input)) {
        fuzz::inspectCertificate(*certificate);
    }
    if (const auto chain = crypto::Certificate::chainFromPem(input)) {
        fuzz::inspectChain(*chain);
    }
    if (const auto material = crypto::parseCertificateData(input, QStringLiteral("fuzz.pem"))) {
        fuzz::inspectCertificate(material->leaf);
        fuzz::inspectChain(material->chain);
        (void)material->leaf.matchesKey(material->key);
    }
    return 0;
}
