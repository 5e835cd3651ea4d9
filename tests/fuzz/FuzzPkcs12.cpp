// PKCS#12 import (engine/crypto/Pkcs12, and CertificateFile's PKCS#12 branch): without a password, as the system
// scan reads keystores, and with the password the cryptography vectors use.
#include "CertificateInspection.h"
#include "FuzzInput.h"

#include "engine/crypto/CertificateFile.h"
#include "engine/crypto/Pkcs12.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace certdeck;
    const QByteArray input = fuzz::bytesOf(data, size);
    for (const QByteArray& password : {QByteArray(), QByteArrayLiteral("cryptography")}) {
        if (const auto bundle = crypto::readPkcs12(input, password)) {
            fuzz::inspectCertificate(bundle->leaf);
            fuzz::inspectChain(bundle->chain);
            (void)bundle->leaf.matchesKey(bundle->key);
        }
    }
    if (const auto material =
            crypto::parseCertificateData(input, QStringLiteral("fuzz.p12"), QByteArrayLiteral("cryptography"))) {
        fuzz::inspectCertificate(material->leaf);
        fuzz::inspectChain(material->chain);
    }
    return 0;
}
