// Java key stores (engine/crypto/KeyStore: PKCS#12 with several entries, JKS): listing the aliases and opening a key
// entry, with the password of the seeds (keytool's "changeit") and with a wrong one, as a deployer does with the
// file it finds on a server before updating it.
#include "CertificateInspection.h"
#include "FuzzInput.h"

#include "engine/crypto/KeyStore.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace certdeck;
    const QByteArray input = fuzz::bytesOf(data, size);
    (void)crypto::detectKeyStoreFormat(input);
    for (const QByteArray& password : {QByteArrayLiteral("changeit"), QByteArrayLiteral("wrong")}) {
        const auto aliases = crypto::keyStoreAliases(input, password);
        if (!aliases) {
            continue;
        }
        for (const QString& alias : *aliases) {
            if (const auto entry = crypto::readKeyStoreEntry(input, password, alias)) {
                fuzz::inspectCertificate(entry->leaf);
                fuzz::inspectChain(entry->chain);
                (void)entry->leaf.matchesKey(entry->key);
            }
        }
    }
    return 0;
}
