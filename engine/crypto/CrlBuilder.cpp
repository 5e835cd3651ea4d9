#include "engine/crypto/CrlBuilder.h"

#include "engine/crypto/OpenSslError.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace certdeck::crypto {

namespace {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter
{
    void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<T, Free>>;

using CrlPtr = OpenSslPtr<X509_CRL, X509_CRL_free>;
using RevokedPtr = OpenSslPtr<X509_REVOKED, X509_REVOKED_free>;
using TimePtr = OpenSslPtr<ASN1_TIME, ASN1_TIME_free>;
using IntegerPtr = OpenSslPtr<ASN1_INTEGER, ASN1_INTEGER_free>;
using EnumeratedPtr = OpenSslPtr<ASN1_ENUMERATED, ASN1_ENUMERATED_free>;
using BignumPtr = OpenSslPtr<BIGNUM, BN_free>;
using BioPtr = OpenSslPtr<BIO, BIO_free_all>;

TimePtr toAsn1Time(const QDateTime& when)
{
    return TimePtr(ASN1_TIME_set(nullptr, static_cast<time_t>(when.toSecsSinceEpoch())));
}

Result<IntegerPtr> serialFromHex(const QString& serialHex)
{
    const QByteArray hex = serialHex.trimmed().toLatin1();
    BIGNUM* bn = nullptr;
    if (hex.isEmpty() || BN_hex2bn(&bn, hex.constData()) != hex.size()) {
        BN_free(bn);
        return fail(QStringLiteral("The CRL entry serial \"%1\" is not a hexadecimal number.").arg(serialHex));
    }
    BignumPtr owned(bn);
    IntegerPtr serial(BN_to_ASN1_INTEGER(owned.get(), nullptr));
    if (!serial) {
        return fail(openSslError(QStringLiteral("Could not encode the CRL entry serial %1").arg(serialHex)));
    }
    return serial;
}

const EVP_MD* digestFor(const PrivateKey& key)
{
    const int type = EVP_PKEY_get_base_id(key.get());
    if (type == EVP_PKEY_ED25519 || type == EVP_PKEY_ED448) {
        return nullptr; // these sign without a separate digest
    }
    if (type == EVP_PKEY_EC && EVP_PKEY_get_bits(key.get()) >= 384) {
        return EVP_sha384();
    }
    return EVP_sha256();
}

Status addEntry(X509_CRL* crl, const CrlEntry& entry)
{
    if (entry.reason < 0 || entry.reason > 10 || entry.reason == 7) {
        return fail(QStringLiteral("The CRL entry for serial %1 has an invalid reason code %2 (RFC 5280 allows 0-6 "
                                   "and 8-10).")
                        .arg(entry.serialHex)
                        .arg(entry.reason));
    }
    auto serial = serialFromHex(entry.serialHex);
    if (!serial) {
        return serial.error();
    }
    RevokedPtr revoked(X509_REVOKED_new());
    TimePtr revokedAt = toAsn1Time(entry.revokedAt.isValid() ? entry.revokedAt : QDateTime::currentDateTimeUtc());
    if (!revoked || !revokedAt || !X509_REVOKED_set_serialNumber(revoked.get(), serial->get()) ||
        !X509_REVOKED_set_revocationDate(revoked.get(), revokedAt.get())) {
        return fail(openSslError(QStringLiteral("Could not create the CRL entry for serial %1").arg(entry.serialHex)));
    }
    // RFC 5280 5.3.1: the reasonCode extension is absent rather than "unspecified".
    if (entry.reason != 0) {
        EnumeratedPtr reason(ASN1_ENUMERATED_new());
        if (!reason || !ASN1_ENUMERATED_set(reason.get(), entry.reason) ||
            !X509_REVOKED_add1_ext_i2d(revoked.get(), NID_crl_reason, reason.get(), 0, 0)) {
            return fail(
                openSslError(QStringLiteral("Could not set the revocation reason for serial %1").arg(entry.serialHex)));
        }
    }
    if (!X509_CRL_add0_revoked(crl, revoked.get())) {
        return fail(openSslError(QStringLiteral("Could not add serial %1 to the CRL").arg(entry.serialHex)));
    }
    revoked.release(); // owned by the CRL now
    return {};
}

Status addCrlExtensions(X509_CRL* crl, const Certificate& issuer, qint64 crlNumber)
{
    // authorityKeyIdentifier from the issuer's subjectKeyIdentifier.
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer.get(), nullptr, nullptr, crl, 0);
    X509_EXTENSION* aki = X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always");
    if (!aki) {
        return fail(openSslError(QStringLiteral("Could not compute the CRL's authority key identifier (the CA "
                                                "certificate %1 has no subject key identifier?)")
                                     .arg(issuer.subject())));
    }
    const int added = X509_CRL_add_ext(crl, aki, -1);
    X509_EXTENSION_free(aki);
    if (!added) {
        return fail(openSslError(QStringLiteral("Could not add the authority key identifier to the CRL")));
    }

    IntegerPtr number(ASN1_INTEGER_new());
    if (!number || !ASN1_INTEGER_set_int64(number.get(), crlNumber) ||
        !X509_CRL_add1_ext_i2d(crl, NID_crl_number, number.get(), 0, 0)) {
        return fail(openSslError(QStringLiteral("Could not add the CRL number to the CRL")));
    }
    return {};
}

} // namespace

Result<QByteArray> buildCrlPem(const Certificate& issuer, const PrivateKey& issuerKey, const QList<CrlEntry>& entries,
                               qint64 crlNumber, const QDateTime& thisUpdate, const QDateTime& nextUpdate)
{
    if (issuer.isNull() || issuerKey.isNull()) {
        return fail(QStringLiteral("Cannot build a CRL without the CA certificate and its private key."));
    }
    if (!issuer.matchesKey(issuerKey)) {
        return fail(QStringLiteral("Cannot build the CRL: the private key does not belong to the CA certificate %1.")
                        .arg(issuer.subject()));
    }
    if (crlNumber < 0) {
        return fail(
            QStringLiteral("Cannot build the CRL: the CRL number must not be negative (got %1).").arg(crlNumber));
    }
    if (!thisUpdate.isValid() || !nextUpdate.isValid() || nextUpdate <= thisUpdate) {
        return fail(QStringLiteral("Cannot build the CRL: its next update must be later than its this update."));
    }

    CrlPtr crl(X509_CRL_new());
    TimePtr last = toAsn1Time(thisUpdate);
    TimePtr next = toAsn1Time(nextUpdate);
    if (!crl || !last || !next || !X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) ||
        !X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer.get())) ||
        !X509_CRL_set1_lastUpdate(crl.get(), last.get()) || !X509_CRL_set1_nextUpdate(crl.get(), next.get())) {
        return fail(openSslError(QStringLiteral("Could not start the CRL for %1").arg(issuer.subject())));
    }

    for (const CrlEntry& entry : entries) {
        if (Status added = addEntry(crl.get(), entry); !added) {
            return added.error();
        }
    }
    if (Status extensions = addCrlExtensions(crl.get(), issuer, crlNumber); !extensions) {
        return extensions.error();
    }
    if (!X509_CRL_sort(crl.get())) {
        return fail(openSslError(QStringLiteral("Could not sort the CRL entries")));
    }
    if (X509_CRL_sign(crl.get(), issuerKey.get(), digestFor(issuerKey)) <= 0) {
        return fail(openSslError(QStringLiteral("Could not sign the CRL with the key of %1").arg(issuer.subject())));
    }

    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !PEM_write_bio_X509_CRL(bio.get(), crl.get())) {
        return fail(openSslError(QStringLiteral("Could not encode the CRL as PEM")));
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

} // namespace certdeck::crypto
