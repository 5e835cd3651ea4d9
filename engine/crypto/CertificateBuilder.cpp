#include "engine/crypto/CertificateBuilder.h"

#include "engine/crypto/NameRules.h"
#include "engine/crypto/OpenSslError.h"
#include "engine/crypto/OpenSslHandles.h"

#include <QUrl>

#include <openssl/err.h>
#include <openssl/rand.h>

namespace certdeck::crypto {

using namespace detail;

namespace {

void freeAsn1Objects(STACK_OF(ASN1_OBJECT) * objects)
{
    sk_ASN1_OBJECT_pop_free(objects, ASN1_OBJECT_free);
}
void freeDistPoints(STACK_OF(DIST_POINT) * points)
{
    sk_DIST_POINT_pop_free(points, DIST_POINT_free);
}

using BasicConstraintsPtr = std::unique_ptr<BASIC_CONSTRAINTS, OsslDeleter<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>>;
using BitStringPtr = std::unique_ptr<ASN1_BIT_STRING, OsslDeleter<ASN1_BIT_STRING, ASN1_BIT_STRING_free>>;
using ObjectsPtr = std::unique_ptr<STACK_OF(ASN1_OBJECT), OsslDeleter<STACK_OF(ASN1_OBJECT), freeAsn1Objects>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, OsslDeleter<AUTHORITY_KEYID, AUTHORITY_KEYID_free>>;
using DistPointsPtr = std::unique_ptr<STACK_OF(DIST_POINT), OsslDeleter<STACK_OF(DIST_POINT), freeDistPoints>>;

struct Subject
{
    const X509_NAME* name = nullptr;
    EVP_PKEY* publicKey = nullptr;
    QStringList sans; // normalized
};

Result<Asn1IntegerPtr> makeSerial(const QByteArray& serial)
{
    QByteArray bytes = serial;
    if (bytes.isEmpty()) {
        bytes.resize(16);
        do {
            if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), int(bytes.size())) != 1) {
                return fail(openSslError(QStringLiteral("No random serial number could be made")));
            }
            bytes[0] = char(bytes[0] & 0x7f); // positive
        } while (bytes.count('\0') == bytes.size());
    }
    BignumPtr bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.constData()), int(bytes.size()), nullptr));
    if (!bn || BN_is_zero(bn.get())) {
        return fail(QStringLiteral("The serial number must not be zero: leave it empty for a random one"));
    }
    Asn1IntegerPtr integer(BN_to_ASN1_INTEGER(bn.get(), nullptr));
    if (!integer) {
        return fail(openSslError(QStringLiteral("The serial number cannot be encoded")));
    }
    return integer;
}

Status setValidity(X509* cert, const CertificateSpec& spec)
{
    if (!spec.notAfter.isValid()) {
        return fail(QStringLiteral("The certificate needs an expiry date (notAfter)"), QStringLiteral("invalidSpec"));
    }
    const QDateTime notBefore =
        spec.notBefore.isValid() ? spec.notBefore : QDateTime::currentDateTimeUtc().addSecs(-5 * 60);
    if (spec.notAfter <= notBefore) {
        return fail(QStringLiteral("The certificate's expiry (%1) is not after its start (%2): choose a later expiry")
                        .arg(spec.notAfter.toUTC().toString(Qt::ISODate), notBefore.toUTC().toString(Qt::ISODate)),
                    QStringLiteral("invalidSpec"));
    }
    if (!ASN1_TIME_set(X509_getm_notBefore(cert), time_t(notBefore.toSecsSinceEpoch())) ||
        !ASN1_TIME_set(X509_getm_notAfter(cert), time_t(spec.notAfter.toSecsSinceEpoch()))) {
        return fail(openSslError(QStringLiteral("The validity dates cannot be encoded")));
    }
    return {};
}

Status addExtension(X509* cert, int nid, void* value, bool critical, const char* what)
{
    if (X509_add1_ext_i2d(cert, nid, value, critical ? 1 : 0, X509V3_ADD_REPLACE) != 1) {
        return fail(openSslError(QStringLiteral("The %1 extension cannot be added").arg(QLatin1String(what))));
    }
    return {};
}

Status addConstraintsAndUsage(X509* cert, CertificateProfile profile, const EVP_PKEY* subjectKey)
{
    BasicConstraintsPtr constraints(BASIC_CONSTRAINTS_new());
    BitStringPtr usage(ASN1_BIT_STRING_new());
    const bool ca = profile != CertificateProfile::TlsServer;
    constraints->ca = ca ? 0xFF : 0;
    if (profile == CertificateProfile::IntermediateCa) {
        constraints->pathlen = ASN1_INTEGER_new();
        ASN1_INTEGER_set(constraints->pathlen, 0);
    }
    if (ca) {
        ASN1_BIT_STRING_set_bit(usage.get(), 5, 1); // keyCertSign
        ASN1_BIT_STRING_set_bit(usage.get(), 6, 1); // cRLSign
    } else {
        ASN1_BIT_STRING_set_bit(usage.get(), 0, 1); // digitalSignature
        if (EVP_PKEY_get_base_id(subjectKey) == EVP_PKEY_RSA) {
            ASN1_BIT_STRING_set_bit(usage.get(), 2, 1); // keyEncipherment
        }
    }
    if (Status s = addExtension(cert, NID_basic_constraints, constraints.get(), true, "basicConstraints"); !s) {
        return s;
    }
    if (Status s = addExtension(cert, NID_key_usage, usage.get(), true, "keyUsage"); !s) {
        return s;
    }
    if (!ca) {
        ObjectsPtr eku(sk_ASN1_OBJECT_new_null());
        sk_ASN1_OBJECT_push(eku.get(), OBJ_nid2obj(NID_server_auth));
        if (Status s = addExtension(cert, NID_ext_key_usage, eku.get(), false, "extendedKeyUsage"); !s) {
            return s;
        }
    }
    return {};
}

Status addKeyIdentifiers(X509* cert, X509* issuer)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!X509_pubkey_digest(cert, EVP_sha1(), digest, &length)) {
        return fail(openSslError(QStringLiteral("The subject key identifier cannot be computed")));
    }
    Asn1OctetStringPtr ski(ASN1_OCTET_STRING_new());
    ASN1_OCTET_STRING_set(ski.get(), digest, int(length));
    if (Status s = addExtension(cert, NID_subject_key_identifier, ski.get(), false, "subjectKeyIdentifier"); !s) {
        return s;
    }
    AuthorityKeyIdPtr akid(AUTHORITY_KEYID_new());
    const ASN1_OCTET_STRING* issuerSki = issuer ? X509_get0_subject_key_id(issuer) : nullptr;
    if (issuerSki) {
        akid->keyid = ASN1_OCTET_STRING_dup(issuerSki);
    } else {
        if (issuer && !X509_pubkey_digest(issuer, EVP_sha1(), digest, &length)) {
            return fail(openSslError(QStringLiteral("The authority key identifier cannot be computed")));
        }
        akid->keyid = ASN1_OCTET_STRING_new();
        ASN1_OCTET_STRING_set(akid->keyid, digest, int(length));
    }
    return addExtension(cert, NID_authority_key_identifier, akid.get(), false, "authorityKeyIdentifier");
}

Status addCrlDistributionPoint(X509* cert, const QString& uri)
{
    const QUrl url(uri.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https") && scheme != QLatin1String("ldap"))) {
        return fail(QStringLiteral("CRL distribution point \"%1\" is not a valid http(s) or ldap URL").arg(uri),
                    QStringLiteral("invalidSpec"));
    }
    const QByteArray ascii = url.toEncoded();
    GENERAL_NAME* name = GENERAL_NAME_new();
    ASN1_IA5STRING* text = ASN1_IA5STRING_new();
    ASN1_STRING_set(text, ascii.constData(), int(ascii.size()));
    GENERAL_NAME_set0_value(name, GEN_URI, text);
    DIST_POINT* point = DIST_POINT_new();
    point->distpoint = DIST_POINT_NAME_new();
    point->distpoint->type = 0;
    point->distpoint->name.fullname = sk_GENERAL_NAME_new_null();
    sk_GENERAL_NAME_push(point->distpoint->name.fullname, name);
    DistPointsPtr points(sk_DIST_POINT_new_null());
    sk_DIST_POINT_push(points.get(), point);
    return addExtension(cert, NID_crl_distribution_points, points.get(), false, "cRLDistributionPoints");
}

// issuer == nullptr: self-signed with issuerKey.
Result<Certificate> build(const CertificateSpec& spec, const Subject& subject, X509* issuer,
                          const PrivateKey& issuerKey)
{
    ERR_clear_error();
    X509Ptr cert(X509_new());
    auto serial = makeSerial(spec.serial);
    if (!serial) {
        return serial.error();
    }
    if (Status s = setValidity(cert.get(), spec); !s) {
        return s.error();
    }
    if (!X509_set_version(cert.get(), 2) || !X509_set_serialNumber(cert.get(), serial->get()) ||
        !X509_set_subject_name(cert.get(), subject.name) ||
        !X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : subject.name) ||
        !X509_set_pubkey(cert.get(), subject.publicKey)) {
        return fail(openSslError(QStringLiteral("The certificate cannot be assembled")));
    }
    if (Status s = addConstraintsAndUsage(cert.get(), spec.profile, subject.publicKey); !s) {
        return s.error();
    }
    if (!subject.sans.isEmpty()) {
        GeneralNamesPtr names(makeGeneralNames(subject.sans));
        if (Status s = addExtension(cert.get(), NID_subject_alt_name, names.get(), false, "subjectAltName"); !s) {
            return s.error();
        }
    }
    if (Status s = addKeyIdentifiers(cert.get(), issuer); !s) {
        return s.error();
    }
    if (!spec.crlDistributionPoint.trimmed().isEmpty()) {
        if (Status s = addCrlDistributionPoint(cert.get(), spec.crlDistributionPoint); !s) {
            return s.error();
        }
    }
    if (X509_sign(cert.get(), issuerKey.get(), evpDigest(spec.digest)) <= 0) {
        return fail(openSslError(QStringLiteral("Signing the certificate failed")));
    }
    return Certificate::adopt(cert.release());
}

Result<X509NamePtr> subjectFromSpec(const CertificateSpec& spec)
{
    const QString cn = spec.subjectCommonName.trimmed();
    if (cn.isEmpty()) {
        return fail(QStringLiteral("The certificate needs a common name: enter one"), QStringLiteral("invalidSpec"));
    }
    X509NamePtr name(X509_NAME_new());
    const QByteArray org = spec.subjectOrganization.trimmed().toUtf8();
    const QByteArray cnUtf8 = cn.toUtf8();
    if ((!org.isEmpty() && !X509_NAME_add_entry_by_txt(name.get(), "O", MBSTRING_UTF8,
                                                       reinterpret_cast<const unsigned char*>(org.constData()),
                                                       int(org.size()), -1, 0)) ||
        !X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(cnUtf8.constData()), int(cnUtf8.size()), -1,
                                    0)) {
        return fail(openSslError(QStringLiteral("The subject \"%1\" cannot be encoded").arg(cn)),
                    QStringLiteral("invalidSpec"));
    }
    return name;
}

// SANs for a certificate whose subject comes from the spec: a TLS server always carries its CN.
Result<QStringList> specSans(const CertificateSpec& spec)
{
    QStringList entries = spec.sans;
    if (spec.profile == CertificateProfile::TlsServer) {
        entries.prepend(spec.subjectCommonName);
    }
    auto sans = normalizeNames(entries);
    if (!sans) {
        return fail(QStringLiteral("SAN entry %1").arg(sans.message()), sans.error().kind);
    }
    return sans;
}

Status checkIssuer(const Certificate& issuer, const PrivateKey& issuerKey)
{
    if (issuer.isNull() || issuerKey.isNull()) {
        return fail(QStringLiteral("No issuing CA certificate and key were given"), QStringLiteral("invalidIssuer"));
    }
    if (!issuer.matchesKey(issuerKey)) {
        return fail(QStringLiteral("The CA key does not match the CA certificate \"%1\": choose the CA's own key")
                        .arg(issuer.subject()),
                    QStringLiteral("keyMismatch"));
    }
    if (!issuer.isCa()) {
        return fail(QStringLiteral("\"%1\" is not a CA certificate and cannot sign certificates").arg(issuer.subject()),
                    QStringLiteral("invalidIssuer"));
    }
    return {};
}

} // namespace

Result<Certificate> CertificateBuilder::selfSigned(const CertificateSpec& spec, const PrivateKey& key)
{
    if (key.isNull()) {
        return fail(QStringLiteral("A self-signed certificate needs a private key"));
    }
    auto name = subjectFromSpec(spec);
    if (!name) {
        return name.error();
    }
    auto sans = specSans(spec);
    if (!sans) {
        return sans.error();
    }
    return build(spec, Subject{name->get(), key.get(), *sans}, nullptr, key);
}

Result<Certificate> CertificateBuilder::signKey(const CertificateSpec& spec, const PrivateKey& subjectKey,
                                                const Certificate& issuer, const PrivateKey& issuerKey)
{
    if (Status s = checkIssuer(issuer, issuerKey); !s) {
        return s.error();
    }
    if (subjectKey.isNull()) {
        return fail(QStringLiteral("No key to certify was given"));
    }
    auto name = subjectFromSpec(spec);
    if (!name) {
        return name.error();
    }
    auto sans = specSans(spec);
    if (!sans) {
        return sans.error();
    }
    return build(spec, Subject{name->get(), subjectKey.get(), *sans}, issuer.get(), issuerKey);
}

Result<Certificate> CertificateBuilder::signRequest(const CertificateSpec& spec, const CertificateRequest& request,
                                                    const Certificate& issuer, const PrivateKey& issuerKey)
{
    if (Status s = checkIssuer(issuer, issuerKey); !s) {
        return s.error();
    }
    X509_REQ* req = request.get();
    EVP_PKEY* publicKey = req ? X509_REQ_get0_pubkey(req) : nullptr;
    ERR_clear_error();
    if (!publicKey || X509_REQ_verify(req, publicKey) != 1) {
        ERR_clear_error();
        return fail(
            QStringLiteral("The CSR's signature does not verify: it was altered or damaged; nothing was signed"),
            QStringLiteral("badSignature"));
    }
    QStringList entries = spec.sans.isEmpty() ? request.subjectAltNames() : spec.sans;
    if (entries.isEmpty() && !request.commonName().isEmpty()) {
        entries.append(request.commonName());
    }
    auto sans = normalizeNames(entries);
    if (!sans) {
        return fail(QStringLiteral("SAN entry %1").arg(sans.message()), sans.error().kind);
    }
    if (spec.profile == CertificateProfile::TlsServer && sans->isEmpty()) {
        return fail(QStringLiteral("The CSR names no DNS name or IP address: a TLS server certificate needs at least "
                                   "one; enter the SANs"),
                    QStringLiteral("invalidSpec"));
    }
    return build(spec, Subject{X509_REQ_get_subject_name(req), publicKey, *sans}, issuer.get(), issuerKey);
}

} // namespace certdeck::crypto
