#include "tests/integration/localca/LocalCaTestHelpers.h"

#include <QtGlobal>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace certdeck::test {

namespace {

QByteArray reqToPem(X509_REQ* req)
{
    BIO* bio = BIO_new(BIO_s_mem());
    QByteArray pem;
    if (PEM_write_bio_X509_REQ(bio, req)) {
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, static_cast<qsizetype>(size));
    }
    BIO_free(bio);
    return pem;
}

X509_REQ* reqFromPem(const QByteArray& pem)
{
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    X509_REQ* req = PEM_read_bio_X509_REQ(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return req;
}

STACK_OF(X509) * certsFromPem(const QByteArray& pem)
{
    STACK_OF(X509)* stack = sk_X509_new_null();
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        sk_X509_push(stack, cert);
    }
    ERR_clear_error(); // end of input
    BIO_free(bio);
    return stack;
}

} // namespace

QByteArray makeCsr(const QString& commonName, const QStringList& sans, const crypto::KeySpec& spec)
{
    auto key = crypto::PrivateKey::generate(spec);
    if (!key) {
        qWarning("key generation failed: %s", qPrintable(key.message()));
        return {};
    }
    crypto::CsrSubject subject;
    subject.commonName = commonName;
    subject.sans = sans;
    auto csr = crypto::CertificateRequest::create(subject, *key);
    if (!csr) {
        qWarning("CSR creation failed: %s", qPrintable(csr.message()));
        return {};
    }
    return csr->toPem();
}

QByteArray makeWeakRsaCsr(const QString& commonName)
{
    EVP_PKEY* key = EVP_RSA_gen(1024);
    X509_REQ* req = X509_REQ_new();
    X509_NAME* name = X509_REQ_get_subject_name(req);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.constData()), -1,
                               -1, 0);
    X509_REQ_set_pubkey(req, key);
    QByteArray pem;
    if (X509_REQ_sign(req, key, EVP_sha256()) > 0) {
        pem = reqToPem(req);
    }
    X509_REQ_free(req);
    EVP_PKEY_free(key);
    return pem;
}

QByteArray damageCsrSignature(const QByteArray& csrPem)
{
    X509_REQ* req = reqFromPem(csrPem);
    if (!req) {
        return {};
    }
    const ASN1_BIT_STRING* signature = nullptr;
    X509_REQ_get0_signature(req, &signature, nullptr);
    // The signature is the last element of the DER: flip a bit in its final byte.
    unsigned char* der = nullptr;
    const int length = i2d_X509_REQ(req, &der);
    X509_REQ_free(req);
    if (length <= 0 || !signature) {
        return {};
    }
    QByteArray bytes(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    bytes[length - 1] = static_cast<char>(bytes[length - 1] ^ 0x01);
    const unsigned char* in = reinterpret_cast<const unsigned char*>(bytes.constData());
    X509_REQ* damaged = d2i_X509_REQ(nullptr, &in, length);
    if (!damaged) {
        return {};
    }
    const QByteArray pem = reqToPem(damaged);
    X509_REQ_free(damaged);
    return pem;
}

ChainCheck verifyChain(const QByteArray& leafPem, const QByteArray& untrustedPem, const QByteArray& rootPem,
                       const QString& host)
{
    ChainCheck check;
    STACK_OF(X509)* leaves = certsFromPem(leafPem);
    STACK_OF(X509)* untrusted = certsFromPem(untrustedPem);
    STACK_OF(X509)* roots = certsFromPem(rootPem);
    X509_STORE* store = X509_STORE_new();
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    if (sk_X509_num(leaves) != 1 || sk_X509_num(roots) < 1) {
        check.error = QStringLiteral("expected one leaf and at least one root");
    } else {
        for (int i = 0; i < sk_X509_num(roots); ++i) {
            X509_STORE_add_cert(store, sk_X509_value(roots, i));
        }
        X509_STORE_CTX_init(ctx, store, sk_X509_value(leaves, 0), untrusted);
        X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
        const QByteArray hostName = host.toUtf8();
        X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx), hostName.constData(),
                                    static_cast<size_t>(hostName.size()));
        check.ok = X509_verify_cert(ctx) == 1;
        if (!check.ok) {
            check.error = QString::fromLatin1(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
        }
    }
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    sk_X509_pop_free(leaves, X509_free);
    sk_X509_pop_free(untrusted, X509_free);
    sk_X509_pop_free(roots, X509_free);
    return check;
}

bool hasServerAuthEku(const crypto::Certificate& certificate)
{
    return (X509_get_extension_flags(certificate.get()) & EXFLAG_XKUSAGE) &&
           (X509_get_extended_key_usage(certificate.get()) & XKU_SSL_SERVER);
}

} // namespace certdeck::test
