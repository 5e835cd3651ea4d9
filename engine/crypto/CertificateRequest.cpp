#include "engine/crypto/CertificateRequest.h"

#include "engine/crypto/NameRules.h"
#include "engine/crypto/OpenSslError.h"
#include "engine/crypto/OpenSslHandles.h"

#include <QRegularExpression>

#include <openssl/err.h>
#include <openssl/pem.h>

#include <utility>

namespace certdeck::crypto {

using namespace detail;

Result<DigestAlgorithm> digestFromSignatureAlgorithm(const QString& name)
{
    QString text = name.trimmed().toLower();
    text.remove(QLatin1Char('-'));
    text.remove(QLatin1Char('_'));
    text.remove(QLatin1Char(' '));
    const QString choose = QStringLiteral("choose SHA256WithRSA or stronger");
    if (text.isEmpty()) {
        return fail(QStringLiteral("No signature algorithm was given: %1").arg(choose),
                    QStringLiteral("invalidSignatureAlgorithm"));
    }
    if (text.startsWith(QLatin1String("md")) || text.contains(QLatin1String("withmd"))) {
        return fail(QStringLiteral("MD5 signatures are refused: collisions are trivial to make; %1").arg(choose),
                    QStringLiteral("weakSignatureAlgorithm"));
    }
    static const QRegularExpression pattern(QStringLiteral(
        "^(?:sha(\\d{1,3})(?:with(?:rsa|rsaencryption|ecdsa|rsapss|rsassapss))?|ecdsawithsha(\\d{1,3}))$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return fail(QStringLiteral("Signature algorithm \"%1\" is not recognised: choose SHA256WithRSA, "
                                   "SHA384WithRSA, SHA512WithRSA, SHA256withECDSA or SHA384withECDSA")
                        .arg(name.trimmed()),
                    QStringLiteral("invalidSignatureAlgorithm"));
    }
    const QString bits = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
    if (bits == QLatin1String("1")) {
        return fail(QStringLiteral("SHA-1 signatures are refused: collisions are practical; %1").arg(choose),
                    QStringLiteral("weakSignatureAlgorithm"));
    }
    if (bits == QLatin1String("256")) {
        return DigestAlgorithm::Sha256;
    }
    if (bits == QLatin1String("384")) {
        return DigestAlgorithm::Sha384;
    }
    if (bits == QLatin1String("512")) {
        return DigestAlgorithm::Sha512;
    }
    return fail(QStringLiteral("Signature algorithm \"%1\" is not supported: choose SHA-256, SHA-384 or SHA-512")
                    .arg(name.trimmed()),
                QStringLiteral("invalidSignatureAlgorithm"));
}

CertificateRequest::CertificateRequest() = default;

CertificateRequest::~CertificateRequest()
{
    X509_REQ_free(m_req);
}

CertificateRequest::CertificateRequest(CertificateRequest&& other) noexcept
    : m_req(std::exchange(other.m_req, nullptr))
{
}

CertificateRequest& CertificateRequest::operator=(CertificateRequest&& other) noexcept
{
    if (this != &other) {
        X509_REQ_free(m_req);
        m_req = std::exchange(other.m_req, nullptr);
    }
    return *this;
}

namespace {

Status addNameEntry(X509_NAME* name, const char* field, const QString& value)
{
    const QString text = value.trimmed();
    if (text.isEmpty()) {
        return {};
    }
    const QByteArray utf8 = text.toUtf8();
    if (!X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(utf8.constData()), int(utf8.size()), -1,
                                    0)) {
        return fail(
            openSslError(
                QStringLiteral("The subject field %1 \"%2\" cannot be used").arg(QString::fromLatin1(field), text)),
            QStringLiteral("invalidName"));
    }
    return {};
}

Result<QString> validateCommonName(const QString& commonName)
{
    if (commonName.trimmed().isEmpty()) {
        return fail(QStringLiteral("The common name is empty: enter the server's DNS name, e.g. www.example.com"),
                    QStringLiteral("invalidName"));
    }
    auto normalized = normalizeName(commonName);
    if (!normalized) {
        return fail(QStringLiteral("Common name: %1").arg(normalized.message()), normalized.error().kind);
    }
    if (normalized->size() > 64) {
        return fail(QStringLiteral("Common name \"%1\" is longer than 64 characters: put the long name in the SANs "
                                   "and use a shorter common name")
                        .arg(commonName.trimmed()),
                    QStringLiteral("invalidName"));
    }
    return normalized;
}

} // namespace

Result<CertificateRequest> CertificateRequest::create(const CsrSubject& subject, const PrivateKey& key,
                                                      DigestAlgorithm digest)
{
    if (key.isNull()) {
        return fail(QStringLiteral("A CSR needs a private key: generate or choose one first"));
    }
    auto commonName = validateCommonName(subject.commonName);
    if (!commonName) {
        return commonName.error();
    }
    auto sans = normalizeNames(QStringList{*commonName} + subject.sans);
    if (!sans) {
        return fail(QStringLiteral("SAN entry %1").arg(sans.message()), sans.error().kind);
    }
    const QString country = subject.country.trimmed();
    static const QRegularExpression countryPattern(QStringLiteral("^[A-Za-z]{2}$"));
    if (!country.isEmpty() && !countryPattern.match(country).hasMatch()) {
        return fail(
            QStringLiteral("Country \"%1\" is not a two-letter ISO 3166 code: enter e.g. US or DE").arg(country),
            QStringLiteral("invalidName"));
    }

    ERR_clear_error();
    X509ReqPtr req(X509_REQ_new());
    X509_REQ_set_version(req.get(), 0);
    X509_NAME* name = X509_REQ_get_subject_name(req.get());
    const std::pair<const char*, QString> fields[] = {
        {"C", country.toUpper()},           {"ST", subject.state}, {"L", subject.locality}, {"O", subject.organization},
        {"OU", subject.organizationalUnit}, {"CN", *commonName},
    };
    for (const auto& [field, value] : fields) {
        if (Status added = addNameEntry(name, field, value); !added) {
            return added.error();
        }
    }
    if (!X509_REQ_set_pubkey(req.get(), key.get())) {
        return fail(openSslError(QStringLiteral("The CSR's public key cannot be set")));
    }
    GeneralNamesPtr names(makeGeneralNames(*sans));
    STACK_OF(X509_EXTENSION)* rawExtensions = nullptr;
    if (X509V3_add1_i2d(&rawExtensions, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1) {
        return fail(openSslError(QStringLiteral("The CSR's subject alternative names cannot be encoded")));
    }
    ExtensionsPtr extensions(rawExtensions);
    if (!X509_REQ_add_extensions(req.get(), extensions.get())) {
        return fail(openSslError(QStringLiteral("The CSR's extensions cannot be added")));
    }
    if (X509_REQ_sign(req.get(), key.get(), evpDigest(digest)) <= 0) {
        return fail(openSslError(QStringLiteral("Signing the CSR failed")));
    }
    CertificateRequest result;
    result.m_req = req.release();
    return result;
}

Result<CertificateRequest> CertificateRequest::fromPem(const QByteArray& pem)
{
    ERR_clear_error();
    X509ReqPtr req;
    if (pem.contains("-----BEGIN")) {
        BioPtr bio = memoryBio(pem);
        req.reset(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    } else {
        const auto* p = reinterpret_cast<const unsigned char*>(pem.constData());
        req.reset(d2i_X509_REQ(nullptr, &p, long(pem.size())));
    }
    if (!req) {
        return fail(openSslError(QStringLiteral("The CSR cannot be read")), QStringLiteral("invalidCsr"));
    }
    EVP_PKEY* publicKey = X509_REQ_get0_pubkey(req.get());
    if (!publicKey || X509_REQ_verify(req.get(), publicKey) != 1) {
        ERR_clear_error();
        return fail(QStringLiteral("The CSR's signature does not verify: it was altered or damaged; create a new CSR"),
                    QStringLiteral("badSignature"));
    }
    CertificateRequest result;
    result.m_req = req.release();
    return result;
}

QString CertificateRequest::commonName() const
{
    return m_req ? nameEntry(X509_REQ_get_subject_name(m_req), NID_commonName) : QString();
}

QString CertificateRequest::subject() const
{
    return m_req ? nameToString(X509_REQ_get_subject_name(m_req)) : QString();
}

QStringList CertificateRequest::subjectAltNames() const
{
    if (!m_req) {
        return {};
    }
    ExtensionsPtr extensions(X509_REQ_get_extensions(m_req));
    ERR_clear_error();
    if (!extensions) {
        return {};
    }
    GeneralNamesPtr names(
        static_cast<GENERAL_NAMES*>(X509V3_get_d2i(extensions.get(), NID_subject_alt_name, nullptr, nullptr)));
    ERR_clear_error();
    return generalNamesToStrings(names.get());
}

QByteArray CertificateRequest::toPem() const
{
    return detail::encodePem(m_req, PEM_write_bio_X509_REQ);
}

QByteArray CertificateRequest::toDer() const
{
    return detail::encodeDer(m_req, i2d_X509_REQ);
}

X509_REQ* CertificateRequest::get() const
{
    return m_req;
}

} // namespace certdeck::crypto
