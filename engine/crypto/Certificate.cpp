#include "engine/crypto/Certificate.h"

#include "engine/crypto/OpenSslError.h"
#include "engine/crypto/OpenSslHandles.h"
#include "engine/crypto/PemBlocks.h"

#include <openssl/asn1err.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <utility>

namespace certdeck::crypto {

using namespace detail;

Certificate::Certificate() = default;

Certificate::~Certificate()
{
    X509_free(m_cert);
}

Certificate::Certificate(const Certificate& other)
    : m_cert(other.m_cert)
{
    if (m_cert) {
        X509_up_ref(m_cert);
    }
}

Certificate& Certificate::operator=(const Certificate& other)
{
    if (this != &other) {
        if (other.m_cert) {
            X509_up_ref(other.m_cert);
        }
        X509_free(m_cert);
        m_cert = other.m_cert;
    }
    return *this;
}

Certificate::Certificate(Certificate&& other) noexcept
    : m_cert(std::exchange(other.m_cert, nullptr))
{
}

Certificate& Certificate::operator=(Certificate&& other) noexcept
{
    if (this != &other) {
        X509_free(m_cert);
        m_cert = std::exchange(other.m_cert, nullptr);
    }
    return *this;
}

Certificate Certificate::adopt(X509* cert)
{
    Certificate result;
    result.m_cert = cert;
    return result;
}

namespace {

// Drains the error queue: "is truncated" when ASN.1 says the data ended early, else "is damaged: <reasons>".
QString derProblem()
{
    bool truncated = false;
    QStringList reasons;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        const int reason = ERR_GET_REASON(code);
        if (ERR_GET_LIB(code) == ERR_LIB_ASN1 &&
            (reason == ASN1_R_TOO_LONG || reason == ASN1_R_HEADER_TOO_LONG || reason == ASN1_R_NOT_ENOUGH_DATA)) {
            truncated = true;
        }
        const char* text = ERR_reason_error_string(code);
        if (text && !reasons.contains(QString::fromUtf8(text))) {
            reasons.append(QString::fromUtf8(text));
        }
    }
    if (truncated) {
        return QStringLiteral("is truncated");
    }
    return reasons.isEmpty() ? QStringLiteral("is damaged")
                             : QStringLiteral("is damaged: %1").arg(reasons.join(QStringLiteral("; ")));
}

// The DER inside one PEM block; empty on invalid base64.
QByteArray pemBlockDer(const QByteArray& blockText)
{
    const QList<QByteArray> lines = blockText.split('\n');
    QByteArray base64;
    for (const QByteArray& raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith("-----") || line.contains(':')) {
            continue;
        }
        base64 += line;
    }
    auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return {};
    }
    return *decoded;
}

// Parses DER; `problem` gets "is truncated" / "is damaged: ..." on failure.
X509* parseDer(const QByteArray& der, bool trusted, QString* problem)
{
    ERR_clear_error();
    if (der.isEmpty()) {
        *problem = QStringLiteral("is empty");
        return nullptr;
    }
    if (static_cast<unsigned char>(der.at(0)) != 0x30) {
        *problem = QStringLiteral("is damaged: the data is not DER-encoded (no ASN.1 SEQUENCE at its start)");
        return nullptr;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    X509* cert = trusted ? d2i_X509_AUX(nullptr, &p, static_cast<long>(der.size()))
                         : d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (!cert) {
        *problem = derProblem();
    }
    return cert;
}

Result<QList<Certificate>> parseBlocks(const QByteArray& pem, bool firstOnly)
{
    QList<PemBlock> certBlocks;
    for (const PemBlock& block : splitPem(pem)) {
        if (isCertificateLabel(block.label) || (block.label.isEmpty() && !block.complete)) {
            certBlocks.append(block);
        }
    }
    if (certBlocks.isEmpty()) {
        return fail(QStringLiteral("no certificate found in the PEM data"), QStringLiteral("noCertificate"));
    }
    const int total = int(certBlocks.size());
    QList<Certificate> result;
    for (int i = 0; i < total; ++i) {
        const PemBlock& block = certBlocks.at(i);
        const QString which = total == 1 ? QStringLiteral("the certificate")
                                         : QStringLiteral("certificate %1 of %2").arg(i + 1).arg(total);
        if (!block.complete) {
            return fail(QStringLiteral("%1 is truncated: its END line is missing").arg(which),
                        QStringLiteral("truncated"));
        }
        const QByteArray der = pemBlockDer(block.text);
        if (der.isEmpty()) {
            return fail(QStringLiteral("%1 is damaged: its base64 text is invalid").arg(which),
                        QStringLiteral("damaged"));
        }
        QString problem;
        X509* cert = parseDer(der, block.label == "TRUSTED CERTIFICATE", &problem);
        if (!cert) {
            return fail(QStringLiteral("%1 %2").arg(which, problem), problem.startsWith(QLatin1String("is truncated"))
                                                                         ? QStringLiteral("truncated")
                                                                         : QStringLiteral("damaged"));
        }
        result.append(Certificate::adopt(cert));
        if (firstOnly) {
            break;
        }
    }
    return result;
}

} // namespace

Result<Certificate> Certificate::fromPem(const QByteArray& pem)
{
    auto certs = parseBlocks(pem, true);
    if (!certs) {
        return certs.error();
    }
    return certs->first();
}

Result<Certificate> Certificate::fromDer(const QByteArray& der)
{
    QString problem;
    X509* cert = parseDer(der, false, &problem);
    if (!cert) {
        return fail(QStringLiteral("the certificate %1").arg(problem), QStringLiteral("damaged"));
    }
    return adopt(cert);
}

Result<Certificate> Certificate::fromData(const QByteArray& data)
{
    if (data.contains("-----BEGIN")) {
        return fromPem(data);
    }
    return fromDer(data);
}

Result<QList<Certificate>> Certificate::chainFromPem(const QByteArray& pem)
{
    return parseBlocks(pem, false);
}

bool Certificate::isNull() const
{
    return !m_cert;
}

QString Certificate::commonName() const
{
    return m_cert ? nameEntry(X509_get_subject_name(m_cert), NID_commonName) : QString();
}

QString Certificate::subject() const
{
    return m_cert ? nameToString(X509_get_subject_name(m_cert)) : QString();
}

QString Certificate::issuer() const
{
    return m_cert ? nameToString(X509_get_issuer_name(m_cert)) : QString();
}

QString Certificate::issuerCommonName() const
{
    return m_cert ? nameEntry(X509_get_issuer_name(m_cert), NID_commonName) : QString();
}

QString Certificate::serialHex() const
{
    if (!m_cert) {
        return {};
    }
    BignumPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_cert), nullptr));
    if (!bn) {
        ERR_clear_error();
        return {};
    }
    char* hex = BN_bn2hex(bn.get());
    QString result = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return result;
}

namespace {
QDateTime toDateTime(const ASN1_TIME* time)
{
    struct tm tm = {};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1) {
        ERR_clear_error();
        return {};
    }
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                     Qt::UTC);
}
} // namespace

QDateTime Certificate::notBefore() const
{
    return m_cert ? toDateTime(X509_get0_notBefore(m_cert)) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_cert ? toDateTime(X509_get0_notAfter(m_cert)) : QDateTime();
}

QStringList Certificate::subjectAltNames() const
{
    if (!m_cert) {
        return {};
    }
    GeneralNamesPtr names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(m_cert, NID_subject_alt_name, nullptr, nullptr)));
    ERR_clear_error();
    return generalNamesToStrings(names.get());
}

QString Certificate::keyAlgorithm() const
{
    return m_cert ? keyAlgorithmName(X509_get0_pubkey(m_cert)) : QString();
}

int Certificate::keyBits() const
{
    const EVP_PKEY* key = m_cert ? X509_get0_pubkey(m_cert) : nullptr;
    return key ? EVP_PKEY_get_bits(key) : 0;
}

QString Certificate::signatureAlgorithm() const
{
    if (!m_cert) {
        return {};
    }
    const char* name = OBJ_nid2ln(X509_get_signature_nid(m_cert));
    return name ? QString::fromLatin1(name) : QStringLiteral("unknown");
}

QString Certificate::fingerprintSha256() const
{
    if (!m_cert) {
        return {};
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(m_cert, EVP_sha256(), digest, &length) != 1) {
        ERR_clear_error();
        return {};
    }
    return toHexLower(digest, int(length));
}

bool Certificate::isCa() const
{
    return m_cert && (X509_get_extension_flags(m_cert) & EXFLAG_CA) != 0;
}

bool Certificate::isSelfSigned() const
{
    if (!m_cert) {
        return false;
    }
    const bool selfSigned = X509_self_signed(m_cert, 1) == 1;
    ERR_clear_error();
    return selfSigned;
}

QByteArray Certificate::toPem() const
{
    return detail::encodePem(m_cert, PEM_write_bio_X509);
}

QByteArray Certificate::toDer() const
{
    return detail::encodeDer(m_cert, i2d_X509);
}

bool Certificate::matchesKey(const PrivateKey& key) const
{
    if (!m_cert || key.isNull()) {
        return false;
    }
    const EVP_PKEY* publicKey = X509_get0_pubkey(m_cert);
    const bool match = publicKey && EVP_PKEY_eq(publicKey, key.get()) == 1;
    ERR_clear_error();
    return match;
}

X509* Certificate::get() const
{
    return m_cert;
}

QByteArray chainToPem(const QList<Certificate>& chain)
{
    QByteArray pem;
    for (const Certificate& cert : chain) {
        pem += cert.toPem();
    }
    return pem;
}

} // namespace certdeck::crypto
