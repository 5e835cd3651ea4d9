// PKCS#12 as a key store with several entries (RFC 7292), the way Java's PKCS12KeyStore and keytool see it: a
// private-key entry is a shrouded key bag whose friendlyName is the alias, its leaf the certificate bag with the
// same localKeyId, its chain the other certificates by issuer; a certificate bag with a friendlyName and no
// localKeyId is a trusted-certificate entry. Updating one alias decrypts the store's safes, keeps every other bag
// with its attributes (Java's trusted-key-usage attribute included) and writes the bags again under the same
// password.
#include "engine/crypto/KeyStoreFormats.h"
#include "engine/crypto/OpenSslError.h"
#include "engine/crypto/OpenSslHandles.h"
#include "engine/crypto/Pkcs12Iterations.h"

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>

namespace certdeck::crypto::detail {

namespace {

void freeBags(STACK_OF(PKCS12_SAFEBAG) * bags)
{
    sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
}
void freeSafes(STACK_OF(PKCS7) * safes)
{
    sk_PKCS7_pop_free(safes, PKCS7_free);
}
using Pkcs12Ptr = std::unique_ptr<PKCS12, OsslDeleter<PKCS12, PKCS12_free>>;
using BagPtr = std::unique_ptr<PKCS12_SAFEBAG, OsslDeleter<PKCS12_SAFEBAG, PKCS12_SAFEBAG_free>>;
using BagsPtr = std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), OsslDeleter<STACK_OF(PKCS12_SAFEBAG), freeBags>>;
using SafesPtr = std::unique_ptr<STACK_OF(PKCS7), OsslDeleter<STACK_OF(PKCS7), freeSafes>>;
using P8Ptr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, OsslDeleter<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>>;

// What keytool writes: PBKDF2 and MAC iterations of the same order (10,000); well inside the reading cap.
constexpr int kIterations = 10000;
constexpr int kLegacyIterations = 2048; // what Windows and OpenSSL 1.x write for 3DES

QString friendlyNameOf(const PKCS12_SAFEBAG* bag)
{
    char* name = PKCS12_get_friendlyname(const_cast<PKCS12_SAFEBAG*>(bag));
    if (!name) {
        return {};
    }
    QString result = QString::fromUtf8(name);
    OPENSSL_free(name);
    return result;
}

QByteArray localKeyIdOf(const PKCS12_SAFEBAG* bag)
{
    const ASN1_TYPE* id = PKCS12_SAFEBAG_get0_attr(bag, NID_localKeyID);
    if (!id || id->type != V_ASN1_OCTET_STRING) {
        return {};
    }
    return QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(id->value.octet_string)),
                      ASN1_STRING_length(id->value.octet_string));
}

bool isKeyBag(const PKCS12_SAFEBAG* bag)
{
    const int nid = PKCS12_SAFEBAG_get_nid(bag);
    return nid == NID_pkcs8ShroudedKeyBag || nid == NID_keyBag;
}

bool isCertificateBag(const PKCS12_SAFEBAG* bag)
{
    return PKCS12_SAFEBAG_get_nid(bag) == NID_certBag && PKCS12_SAFEBAG_get_bag_nid(bag) == NID_x509Certificate;
}

// The decrypted store: all of its bags, in order, and the password it opened with.
struct OpenedStore
{
    BagsPtr bags{sk_PKCS12_SAFEBAG_new_null()};

    // Key bags and their aliases (the friendlyName; Java names an unnamed entry by its position, from "1").
    QList<std::pair<QString, const PKCS12_SAFEBAG*>> keyEntries() const
    {
        QList<std::pair<QString, const PKCS12_SAFEBAG*>> entries;
        for (int i = 0; i < sk_PKCS12_SAFEBAG_num(bags.get()); ++i) {
            const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags.get(), i);
            if (isKeyBag(bag)) {
                const QString name = friendlyNameOf(bag);
                entries.append({name.isEmpty() ? QString::number(entries.size() + 1) : name, bag});
            }
        }
        return entries;
    }
    QStringList keyAliases() const
    {
        QStringList aliases;
        for (const auto& entry : keyEntries()) {
            aliases << entry.first;
        }
        return aliases;
    }
    // The certificate bag that shares the key bag's localKeyId.
    const PKCS12_SAFEBAG* leafBagOf(const PKCS12_SAFEBAG* keyBag) const
    {
        const QByteArray id = localKeyIdOf(keyBag);
        for (int i = 0; !id.isEmpty() && i < sk_PKCS12_SAFEBAG_num(bags.get()); ++i) {
            const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags.get(), i);
            if (isCertificateBag(bag) && localKeyIdOf(bag) == id) {
                return bag;
            }
        }
        return nullptr;
    }
};

Certificate certificateOf(const PKCS12_SAFEBAG* bag)
{
    X509* cert = PKCS12_SAFEBAG_get1_cert(bag);
    return cert ? Certificate::adopt(cert) : Certificate();
}

// The issuers of `leaf` among the store's certificates that belong to no key (chain certificates), nearest first.
QList<Certificate> chainOf(const OpenedStore& store, const Certificate& leaf)
{
    QList<Certificate> pool;
    for (int i = 0; i < sk_PKCS12_SAFEBAG_num(store.bags.get()); ++i) {
        const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(store.bags.get(), i);
        if (isCertificateBag(bag) && localKeyIdOf(bag).isEmpty()) {
            if (Certificate cert = certificateOf(bag); !cert.isNull()) {
                pool << cert;
            }
        }
    }
    QList<Certificate> chain;
    Certificate current = leaf;
    while (chain.size() < pool.size() && X509_check_issued(current.get(), current.get()) != X509_V_OK) {
        const auto issuer = std::find_if(pool.begin(), pool.end(), [&](const Certificate& candidate) {
            return X509_check_issued(candidate.get(), current.get()) == X509_V_OK &&
                   X509_cmp(candidate.get(), current.get()) != 0;
        });
        if (issuer == pool.end()) {
            break;
        }
        chain << *issuer;
        current = *issuer;
    }
    return chain;
}

Status decryptSafes(PKCS12* p12, const QByteArray& password, OpenedStore* opened)
{
    SafesPtr safes(PKCS12_unpack_authsafes(p12));
    if (!safes) {
        return fail(openSslError(QStringLiteral("the PKCS#12 key store cannot be read")), QStringLiteral("damaged"));
    }
    for (int i = 0; i < sk_PKCS7_num(safes.get()); ++i) {
        PKCS7* safe = sk_PKCS7_value(safes.get(), i);
        BagsPtr bags;
        const int nid = OBJ_obj2nid(safe->type);
        if (nid == NID_pkcs7_data) {
            bags.reset(PKCS12_unpack_p7data(safe));
        } else if (nid == NID_pkcs7_encrypted) {
            bags.reset(PKCS12_unpack_p7encdata(safe, password.constData(), int(password.size())));
            if (!bags && loadLegacyProvider()) {
                ERR_clear_error();
                bags.reset(PKCS12_unpack_p7encdata(safe, password.constData(), int(password.size())));
            }
        } else {
            return fail(QStringLiteral("the PKCS#12 key store holds a public-key encrypted safe, which CertDeck "
                                       "cannot open"),
                        QStringLiteral("unsupported"));
        }
        if (!bags) {
            return fail(openSslError(QStringLiteral("the PKCS#12 key store cannot be decrypted")),
                        QStringLiteral("damaged"));
        }
        while (sk_PKCS12_SAFEBAG_num(bags.get()) > 0) {
            sk_PKCS12_SAFEBAG_push(opened->bags.get(), sk_PKCS12_SAFEBAG_shift(bags.get()));
        }
    }
    return {};
}

Result<OpenedStore> openStore(const QByteArray& der, const QByteArray& password)
{
    ERR_clear_error();
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    Pkcs12Ptr p12(d2i_PKCS12(nullptr, &p, long(der.size())));
    if (!p12) {
        ERR_clear_error();
        return fail(QStringLiteral("the key store is not a readable PKCS#12 file"), QStringLiteral("damaged"));
    }
    if (Status s = checkPkcs12Iterations(p12.get(), password); !s) {
        return s.error();
    }
    if (PKCS12_mac_present(p12.get()) &&
        PKCS12_verify_mac(p12.get(), password.constData(), int(password.size())) != 1) {
        ERR_clear_error();
        return fail(QStringLiteral("the PKCS#12 key store password is wrong: enter the password the key store was "
                                   "written with"),
                    QStringLiteral("wrongPassword"));
    }
    OpenedStore opened;
    if (Status s = decryptSafes(p12.get(), password, &opened); !s) {
        return s.error();
    }
    return opened;
}

Result<PrivateKey> decryptKey(const PKCS12_SAFEBAG* bag, const QByteArray& password)
{
    P8Ptr decrypted;
    const PKCS8_PRIV_KEY_INFO* p8 = PKCS12_SAFEBAG_get0_p8inf(bag); // a plain key bag
    if (PKCS12_SAFEBAG_get_nid(bag) == NID_pkcs8ShroudedKeyBag) {
        decrypted.reset(PKCS8_decrypt(PKCS12_SAFEBAG_get0_pkcs8(bag), password.constData(), int(password.size())));
        p8 = decrypted.get();
    }
    if (!p8) {
        return fail(openSslError(QStringLiteral("the private key of the PKCS#12 key store cannot be decrypted")),
                    QStringLiteral("wrongPassword"));
    }
    EVP_PKEY* key = EVP_PKCS82PKEY(p8);
    if (!key) {
        return fail(openSslError(QStringLiteral("the private key of the PKCS#12 key store cannot be read")),
                    QStringLiteral("damaged"));
    }
    return PrivateKey::adopt(key);
}

// The bags of the new entry: the shrouded key and the leaf (friendlyName + localKeyId), then the chain.
Status addEntryBags(STACK_OF(PKCS12_SAFEBAG) * keyBags, STACK_OF(PKCS12_SAFEBAG) * certificateBags,
                    const QString& alias, const PrivateKey& key, const Certificate& leaf,
                    const QList<Certificate>& chain, const QByteArray& password, Pkcs12Algorithms algorithms,
                    const OpenedStore& kept)
{
    unsigned char id[EVP_MAX_MD_SIZE];
    unsigned int idLength = 0;
    X509_digest(leaf.get(), EVP_sha1(), id, &idLength);
    const QByteArray name = alias.toUtf8();
    const bool legacy = algorithms == Pkcs12Algorithms::Legacy;
    P8Ptr p8(EVP_PKEY2PKCS8(key.get()));
    BagPtr keyBag(p8 ? PKCS12_SAFEBAG_create_pkcs8_encrypt(
                           legacy ? NID_pbe_WithSHA1And3_Key_TripleDES_CBC : NID_aes_256_cbc, password.constData(),
                           int(password.size()), nullptr, 0, legacy ? kLegacyIterations : kIterations, p8.get())
                     : nullptr);
    BagPtr leafBag(PKCS12_SAFEBAG_create_cert(leaf.get()));
    if (!keyBag || !leafBag) {
        return fail(openSslError(QStringLiteral("protecting the private key for the PKCS#12 key store failed")));
    }
    for (PKCS12_SAFEBAG* bag : {keyBag.get(), leafBag.get()}) {
        if (PKCS12_add_friendlyname_utf8(bag, name.constData(), int(name.size())) != 1 ||
            PKCS12_add_localkeyid(bag, id, int(idLength)) != 1) {
            return fail(openSslError(QStringLiteral("naming the PKCS#12 key store entry failed")));
        }
    }
    sk_PKCS12_SAFEBAG_push(keyBags, keyBag.release());
    sk_PKCS12_SAFEBAG_push(certificateBags, leafBag.release());
    for (const Certificate& cert : chain) {
        bool present = false; // an intermediate that another entry shares is stored once
        for (int i = 0; i < sk_PKCS12_SAFEBAG_num(kept.bags.get()) && !present; ++i) {
            const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(kept.bags.get(), i);
            present = isCertificateBag(bag) && localKeyIdOf(bag).isEmpty() && friendlyNameOf(bag).isEmpty() &&
                      X509_cmp(certificateOf(bag).get(), cert.get()) == 0;
        }
        if (!present) {
            BagPtr bag(PKCS12_SAFEBAG_create_cert(cert.get()));
            if (!bag) {
                return fail(openSslError(QStringLiteral("adding the chain to the PKCS#12 key store failed")));
            }
            sk_PKCS12_SAFEBAG_push(certificateBags, bag.release());
        }
    }
    return {};
}

// Drops the entry `alias` from `store`: its key bag, its leaf, and its chain certificates that no other entry needs.
void dropEntry(OpenedStore& store, const QString& alias)
{
    const PKCS12_SAFEBAG* keyBag = nullptr;
    for (const auto& entry : store.keyEntries()) {
        if (entry.first.compare(alias, Qt::CaseInsensitive) == 0) {
            keyBag = entry.second;
        }
    }
    if (!keyBag) {
        return;
    }
    const PKCS12_SAFEBAG* leafBag = store.leafBagOf(keyBag);
    QList<Certificate> unneeded = leafBag ? chainOf(store, certificateOf(leafBag)) : QList<Certificate>{};
    for (const auto& entry : store.keyEntries()) {
        const PKCS12_SAFEBAG* otherLeaf = entry.second == keyBag ? nullptr : store.leafBagOf(entry.second);
        if (!otherLeaf) {
            continue;
        }
        for (const Certificate& needed : chainOf(store, certificateOf(otherLeaf))) {
            unneeded.removeIf([&](const Certificate& c) { return X509_cmp(c.get(), needed.get()) == 0; });
        }
    }
    for (int i = sk_PKCS12_SAFEBAG_num(store.bags.get()) - 1; i >= 0; --i) {
        const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(store.bags.get(), i);
        bool drop = bag == keyBag || bag == leafBag;
        if (!drop && isCertificateBag(bag) && localKeyIdOf(bag).isEmpty() && friendlyNameOf(bag).isEmpty()) {
            const Certificate cert = certificateOf(bag);
            drop = std::any_of(unneeded.begin(), unneeded.end(),
                               [&](const Certificate& c) { return X509_cmp(c.get(), cert.get()) == 0; });
        }
        if (drop) {
            PKCS12_SAFEBAG_free(sk_PKCS12_SAFEBAG_delete(store.bags.get(), i));
        }
    }
}

Result<QByteArray> encode(OpenedStore& store, BagsPtr keyBags, BagsPtr certificateBags, const QByteArray& password,
                          Pkcs12Algorithms algorithms)
{
    // Kept bags go back where they belong: keys (already shrouded) with the keys, certificates encrypted again.
    while (sk_PKCS12_SAFEBAG_num(store.bags.get()) > 0) {
        PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_shift(store.bags.get());
        sk_PKCS12_SAFEBAG_push(PKCS12_SAFEBAG_get_nid(bag) == NID_certBag ? certificateBags.get() : keyBags.get(), bag);
    }
    const bool legacy = algorithms == Pkcs12Algorithms::Legacy;
    const int iterations = legacy ? kLegacyIterations : kIterations;
    SafesPtr safes(sk_PKCS7_new_null());
    PKCS7* certificates =
        PKCS12_pack_p7encdata(legacy ? NID_pbe_WithSHA1And3_Key_TripleDES_CBC : NID_aes_256_cbc, password.constData(),
                              int(password.size()), nullptr, 0, iterations, certificateBags.get());
    PKCS7* keys = PKCS12_pack_p7data(keyBags.get());
    if (!certificates || !keys) {
        PKCS7_free(certificates);
        PKCS7_free(keys);
        return fail(openSslError(QStringLiteral("encrypting the PKCS#12 key store failed")));
    }
    sk_PKCS7_push(safes.get(), certificates);
    sk_PKCS7_push(safes.get(), keys);
    Pkcs12Ptr p12(PKCS12_add_safes(safes.get(), 0));
    if (!p12 || PKCS12_set_mac(p12.get(), password.constData(), int(password.size()), nullptr, 0, iterations,
                               legacy ? EVP_sha1() : EVP_sha256()) != 1) {
        return fail(openSslError(QStringLiteral("sealing the PKCS#12 key store failed")));
    }
    QByteArray der = encodeDer(p12.get(), i2d_PKCS12);
    if (der.isEmpty()) {
        return fail(QStringLiteral("encoding the PKCS#12 key store failed"));
    }
    return der;
}

} // namespace

Result<QStringList> pkcs12Aliases(const QByteArray& store, const QByteArray& password)
{
    auto opened = openStore(store, password);
    if (!opened) {
        return opened.error();
    }
    QStringList aliases = opened->keyAliases();
    for (int i = 0; i < sk_PKCS12_SAFEBAG_num(opened->bags.get()); ++i) {
        const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(opened->bags.get(), i);
        if (isCertificateBag(bag) && localKeyIdOf(bag).isEmpty()) {
            if (const QString name = friendlyNameOf(bag); !name.isEmpty()) {
                aliases << name; // a trusted-certificate entry
            }
        }
    }
    return aliases;
}

Result<KeyStoreKeyEntry> pkcs12KeyEntry(const QByteArray& store, const QByteArray& password, const QString& alias)
{
    auto opened = openStore(store, password);
    if (!opened) {
        return opened.error();
    }
    auto picked = pickAlias(opened->keyAliases(), alias);
    if (!picked) {
        return picked.error();
    }
    for (const auto& entry : opened->keyEntries()) {
        if (entry.first != picked.value()) {
            continue;
        }
        const PKCS12_SAFEBAG* leafBag = opened->leafBagOf(entry.second);
        if (!leafBag) {
            return fail(QStringLiteral("the entry \"%1\" of the PKCS#12 key store has no certificate").arg(entry.first),
                        QStringLiteral("damaged"));
        }
        auto key = decryptKey(entry.second, password);
        if (!key) {
            return key.error();
        }
        KeyStoreKeyEntry result;
        result.alias = entry.first;
        result.key = std::move(key.value());
        result.leaf = certificateOf(leafBag);
        result.chain = chainOf(*opened, result.leaf);
        return result;
    }
    return fail(QStringLiteral("the alias \"%1\" vanished while reading the key store").arg(alias),
                QStringLiteral("damaged"));
}

Result<QByteArray> pkcs12WithKeyEntry(const QByteArray& existing, const QByteArray& password, const QString& alias,
                                      const PrivateKey& key, const Certificate& leaf, const QList<Certificate>& chain,
                                      Pkcs12Algorithms algorithms)
{
    OpenedStore store;
    if (!existing.isEmpty()) {
        auto opened = openStore(existing, password);
        if (!opened) {
            return opened.error();
        }
        store = std::move(opened.value());
        dropEntry(store, alias);
    }
    BagsPtr keyBags(sk_PKCS12_SAFEBAG_new_null());
    BagsPtr certificateBags(sk_PKCS12_SAFEBAG_new_null());
    // Java stores aliases lower-case; so do we, so that keytool and the server find the entry under either spelling.
    if (Status added = addEntryBags(keyBags.get(), certificateBags.get(), alias.toLower(), key, leaf, chain, password,
                                    algorithms, store);
        !added) {
        return added.error();
    }
    return encode(store, std::move(keyBags), std::move(certificateBags), password, algorithms);
}

} // namespace certdeck::crypto::detail
