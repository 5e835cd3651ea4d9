#include "engine/crypto/Pkcs12.h"

#include "engine/crypto/KeyStoreFormats.h"
#include "engine/crypto/OpenSslError.h"
#include "engine/crypto/OpenSslHandles.h"
#include "engine/crypto/Pkcs12Iterations.h"

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>

#include <mutex>

namespace certdeck::crypto {

using namespace detail;

namespace {

using Pkcs12Ptr = std::unique_ptr<PKCS12, OsslDeleter<PKCS12, PKCS12_free>>;

// True when the error queue says an algorithm is not available (e.g. RC2-40 in OpenSSL 3's default provider).
bool unsupportedAlgorithmInQueue()
{
    unsigned long code = 0;
    bool unsupported = false;
    while ((code = ERR_get_error()) != 0) {
        const int reason = ERR_GET_REASON(code);
        if ((ERR_GET_LIB(code) == ERR_LIB_EVP &&
             (reason == EVP_R_UNSUPPORTED_ALGORITHM || reason == EVP_R_UNSUPPORTED_CIPHER)) ||
            reason == ERR_R_UNSUPPORTED ||
            (ERR_GET_LIB(code) == ERR_LIB_PKCS12 && reason == PKCS12_R_PKCS12_CIPHERFINAL_ERROR)) {
            unsupported = true;
        }
    }
    return unsupported;
}

} // namespace

// Older PKCS#12 exports (Windows, Java 8, OpenSSL 1.x) use RC2-40 / 3DES; RC2 lives in the legacy provider.
bool detail::loadLegacyProvider()
{
    static std::once_flag once;
    static bool loaded = false;
    std::call_once(once, [] {
        // Loading any provider explicitly disables the implicit default one: load both.
        loaded = OSSL_PROVIDER_load(nullptr, "legacy") != nullptr && OSSL_PROVIDER_load(nullptr, "default") != nullptr;
        ERR_clear_error();
    });
    return loaded;
}

namespace {

Status verifyPassword(PKCS12* p12, const QByteArray& password)
{
    if (!PKCS12_mac_present(p12)) {
        return {};
    }
    bool ok = false;
    if (password.isEmpty()) {
        ok = PKCS12_verify_mac(p12, nullptr, 0) == 1 || PKCS12_verify_mac(p12, "", 0) == 1;
    } else {
        ok = PKCS12_verify_mac(p12, password.constData(), int(password.size())) == 1;
    }
    ERR_clear_error();
    if (ok) {
        return {};
    }
    if (password.isEmpty()) {
        return fail(QStringLiteral("the PKCS#12 file is protected by a password: enter it"),
                    QStringLiteral("passwordRequired"));
    }
    return fail(QStringLiteral("the PKCS#12 password is wrong: enter the password the file was exported with"),
                QStringLiteral("wrongPassword"));
}

} // namespace

Result<Pkcs12Bundle> readPkcs12(const QByteArray& der, const QByteArray& password)
{
    if (der.isEmpty()) {
        return fail(QStringLiteral("the PKCS#12 data is empty"), QStringLiteral("empty"));
    }
    ERR_clear_error();
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    Pkcs12Ptr p12(d2i_PKCS12(nullptr, &p, long(der.size())));
    if (!p12) {
        ERR_clear_error();
        return fail(QStringLiteral("the data is not a PKCS#12 file"), QStringLiteral("notPkcs12"));
    }
    // Before any key derivation: a hostile count (2^31) would keep the CPU busy for many minutes.
    if (Status s = checkPkcs12Iterations(p12.get(), password); !s) {
        return s.error();
    }
    if (Status s = verifyPassword(p12.get(), password); !s) {
        return s.error();
    }

    EVP_PKEY* rawKey = nullptr;
    X509* rawCert = nullptr;
    STACK_OF(X509)* rawCa = nullptr;
    const char* pass = password.isEmpty() ? "" : password.constData();
    bool parsed = PKCS12_parse(p12.get(), pass, &rawKey, &rawCert, &rawCa) == 1;
    if (!parsed && unsupportedAlgorithmInQueue() && loadLegacyProvider()) {
        // Safes in legacy ciphers (RC2) decrypt only now: check the bags inside them before parsing again.
        if (Status s = checkPkcs12Iterations(p12.get(), password); !s) {
            return s.error();
        }
        parsed = PKCS12_parse(p12.get(), pass, &rawKey, &rawCert, &rawCa) == 1;
    }
    if (!parsed) {
        if (!PKCS12_mac_present(p12.get())) {
            ERR_clear_error();
            return fail(QStringLiteral("the PKCS#12 file cannot be decrypted: the password is wrong or the file is "
                                       "damaged"),
                        QStringLiteral("wrongPassword"));
        }
        return fail(openSslError(QStringLiteral("the PKCS#12 file cannot be read")), QStringLiteral("damaged"));
    }
    Pkcs12Bundle bundle;
    bundle.key = PrivateKey::adopt(rawKey);
    X509StackPtr ca(rawCa);
    QList<Certificate> others;
    for (int i = 0; ca && i < sk_X509_num(ca.get()); ++i) {
        X509* cert = sk_X509_value(ca.get(), i);
        X509_up_ref(cert);
        others.append(Certificate::adopt(cert));
    }
    if (rawCert) {
        bundle.leaf = Certificate::adopt(rawCert);
    } else if (!bundle.key.isNull() && !others.isEmpty()) {
        return fail(QStringLiteral("the PKCS#12 file holds a private key that matches none of its certificates"),
                    QStringLiteral("keyMismatch"));
    } else if (!others.isEmpty()) {
        // No key: the leaf is the first certificate that is not a CA, else the first one.
        qsizetype leafIndex = 0;
        for (qsizetype i = 0; i < others.size(); ++i) {
            if (!others.at(i).isCa()) {
                leafIndex = i;
                break;
            }
        }
        bundle.leaf = others.takeAt(leafIndex);
    }
    if (bundle.leaf.isNull()) {
        return fail(QStringLiteral("the PKCS#12 file holds no certificate"), QStringLiteral("noCertificate"));
    }
    bundle.chain = others;
    return bundle;
}

Result<QByteArray> writePkcs12(const PrivateKey& key, const Certificate& leaf, const QList<Certificate>& chain,
                               const QByteArray& password, const QString& friendlyName)
{
    if (key.isNull() || leaf.isNull()) {
        return fail(QStringLiteral("A PKCS#12 file needs a private key and its certificate"));
    }
    if (!leaf.matchesKey(key)) {
        return fail(QStringLiteral("The private key does not match the certificate \"%1\": nothing was written")
                        .arg(leaf.subject()),
                    QStringLiteral("keyMismatch"));
    }
    if (password.isEmpty()) {
        return fail(QStringLiteral("A PKCS#12 file needs a password to protect its private key: enter one"),
                    QStringLiteral("passwordRequired"));
    }
    ERR_clear_error();
    X509StackPtr ca(sk_X509_new_null());
    for (const Certificate& cert : chain) {
        X509_up_ref(cert.get());
        sk_X509_push(ca.get(), cert.get());
    }
    const QByteArray name = friendlyName.toUtf8();
    // nid 0 / iter 0 / mac_iter 0: OpenSSL 3 defaults, AES-256-CBC with PBKDF2 and an HMAC-SHA256 MAC.
    Pkcs12Ptr p12(PKCS12_create(password.constData(), name.isEmpty() ? nullptr : name.constData(), key.get(),
                                leaf.get(), ca.get(), 0, 0, 0, 0, 0));
    if (!p12) {
        return fail(openSslError(QStringLiteral("Writing the PKCS#12 file failed")));
    }
    unsigned char* der = nullptr;
    const int length = i2d_PKCS12(p12.get(), &der);
    if (length <= 0) {
        return fail(openSslError(QStringLiteral("Encoding the PKCS#12 file failed")));
    }
    QByteArray result(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return result;
}

} // namespace certdeck::crypto
