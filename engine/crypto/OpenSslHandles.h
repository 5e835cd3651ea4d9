#pragma once

// Internal to engine/crypto: owning handles for OpenSSL objects and small shared helpers.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace certdeck::crypto::detail {

template <typename T, void (*Free)(T*)>
struct OsslDeleter
{
    void operator()(T* p) const
    {
        if (p) {
            Free(p);
        }
    }
};

inline void freeBio(BIO* bio)
{
    BIO_free_all(bio);
}
inline void freeGeneralNames(GENERAL_NAMES* names)
{
    GENERAL_NAMES_free(names);
}
inline void freeExtensions(STACK_OF(X509_EXTENSION) * exts)
{
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
}
inline void freeX509Stack(STACK_OF(X509) * certs)
{
    sk_X509_pop_free(certs, X509_free);
}

using BioPtr = std::unique_ptr<BIO, OsslDeleter<BIO, freeBio>>;
using X509Ptr = std::unique_ptr<X509, OsslDeleter<X509, X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, OsslDeleter<X509_REQ, X509_REQ_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, OsslDeleter<X509_NAME, X509_NAME_free>>;
using X509ExtPtr = std::unique_ptr<X509_EXTENSION, OsslDeleter<X509_EXTENSION, X509_EXTENSION_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OsslDeleter<GENERAL_NAMES, freeGeneralNames>>;
using ExtensionsPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), OsslDeleter<STACK_OF(X509_EXTENSION), freeExtensions>>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), OsslDeleter<STACK_OF(X509), freeX509Stack>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OsslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OsslDeleter<BIGNUM, BN_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, OsslDeleter<ASN1_INTEGER, ASN1_INTEGER_free>>;
using Asn1OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, OsslDeleter<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>>;

// A read-only memory BIO over `data` (which must outlive the BIO).
BioPtr memoryBio(const QByteArray& data);
// Everything written to a memory BIO.
QByteArray bioContents(BIO* bio);

// PEM of an OpenSSL object through its PEM_write_bio_* function; empty on failure (error queue cleared).
template <typename T, typename Writer>
QByteArray encodePem(T* object, Writer write)
{
    if (!object) {
        return {};
    }
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!write(bio.get(), object)) {
        ERR_clear_error();
        return {};
    }
    return bioContents(bio.get());
}

// DER of an OpenSSL object through its i2d_* function; empty on failure (error queue cleared).
template <typename T, typename Encoder>
QByteArray encodeDer(T* object, Encoder encode)
{
    if (!object) {
        return {};
    }
    unsigned char* der = nullptr;
    const int length = encode(object, &der);
    if (length <= 0) {
        ERR_clear_error();
        return {};
    }
    QByteArray result(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return result;
}

// "RSA", "EC", "Ed25519"... for a key.
QString keyAlgorithmName(const EVP_PKEY* key);
// DNS names and IP addresses of a GeneralNames list as text (other kinds skipped).
QStringList generalNamesToStrings(const GENERAL_NAMES* names);
// One X509_NAME entry (e.g. NID_commonName) as UTF-8 text; the last one when repeated.
QString nameEntry(const X509_NAME* name, int nid);
// RFC 2253 one-line form, UTF-8 kept as is.
QString nameToString(const X509_NAME* name);
// Lowercase hex, no separators.
QString toHexLower(const unsigned char* data, int length);

} // namespace certdeck::crypto::detail
