#include "connectors/acme/AcmeCertificates.h"

#include "connectors/acme/AcmeJws.h"
#include "engine/crypto/Certificate.h"

#include <QJsonValue>

#include <openssl/asn1.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cmath>

namespace certdeck::acme {
namespace {

// Splits "a, b" at commas that are not inside <...> or quotes.
QList<QByteArray> splitLinkValues(const QByteArray& header)
{
    QList<QByteArray> values;
    QByteArray current;
    bool inUrl = false;
    bool inQuotes = false;
    for (char c : header) {
        if (c == '<' && !inQuotes) {
            inUrl = true;
        } else if (c == '>' && !inQuotes) {
            inUrl = false;
        } else if (c == '"' && !inUrl) {
            inQuotes = !inQuotes;
        }
        if (c == ',' && !inUrl && !inQuotes) {
            values.append(current.trimmed());
            current.clear();
            continue;
        }
        current.append(c);
    }
    if (!current.trimmed().isEmpty()) {
        values.append(current.trimmed());
    }
    return values;
}

} // namespace

QStringList linkTargets(const QList<QByteArray>& linkHeaders, const QString& rel, const QUrl& base)
{
    QStringList targets;
    for (const QByteArray& header : linkHeaders) {
        for (const QByteArray& value : splitLinkValues(header)) {
            const int open = value.indexOf('<');
            const int close = value.indexOf('>', open + 1);
            if (open != 0 || close < 0) {
                continue;
            }
            const QString target = QString::fromUtf8(value.mid(1, close - 1));
            const QList<QByteArray> params = value.mid(close + 1).split(';');
            for (const QByteArray& param : params) {
                const int eq = param.indexOf('=');
                if (eq < 0 || param.left(eq).trimmed().toLower() != "rel") {
                    continue;
                }
                QByteArray relValue = param.mid(eq + 1).trimmed();
                if (relValue.startsWith('"') && relValue.endsWith('"') && relValue.size() >= 2) {
                    relValue = relValue.mid(1, relValue.size() - 2);
                }
                const QList<QByteArray> rels = relValue.split(' ');
                if (std::any_of(rels.begin(), rels.end(), [&](const QByteArray& r) {
                        return QString::fromLatin1(r).compare(rel, Qt::CaseInsensitive) == 0;
                    })) {
                    targets.append(base.isValid() ? base.resolved(QUrl(target)).toString() : target);
                }
            }
        }
    }
    return targets;
}

QString topIssuerCommonName(const QByteArray& chainPem)
{
    auto chain = crypto::Certificate::chainFromPem(chainPem);
    if (!chain || chain->isEmpty()) {
        return {};
    }
    return chain->constLast().issuerCommonName();
}

int choosePreferredChain(const QList<QByteArray>& chainsPem, const QString& preferredIssuer)
{
    const QString wanted = preferredIssuer.trimmed();
    if (wanted.isEmpty()) {
        return 0;
    }
    for (int i = 0; i < chainsPem.size(); ++i) {
        if (topIssuerCommonName(chainsPem.at(i)).compare(wanted, Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    return 0;
}

Result<ca::IssuedCertificate> splitIssuedChain(const QByteArray& chainPem)
{
    auto chain = crypto::Certificate::chainFromPem(chainPem);
    if (!chain) {
        return fail(QStringLiteral("The CA sent a certificate that cannot be read: %1").arg(chain.message()),
                    QStringLiteral("badCertificate"));
    }
    ca::IssuedCertificate issued;
    issued.certificatePem = chain->constFirst().toPem();
    issued.serialHex = chain->constFirst().serialHex();
    for (int i = 1; i < chain->size(); ++i) {
        issued.chainPem += chain->at(i).toPem();
    }
    return issued;
}

QString renewalCertId(const QByteArray& authorityKeyId, const QByteArray& serialDerContent)
{
    return QString::fromLatin1(base64Url(authorityKeyId) + '.' + base64Url(serialDerContent));
}

Result<QString> renewalCertId(const QByteArray& certificatePem)
{
    auto cert = crypto::Certificate::fromData(certificatePem);
    if (!cert) {
        return cert.error();
    }
    const ASN1_OCTET_STRING* keyId = X509_get0_authority_key_id(cert->get());
    if (!keyId || ASN1_STRING_length(keyId) <= 0) {
        return fail(QStringLiteral("The certificate has no authority key identifier, so the CA's renewal "
                                   "information cannot be asked for it."),
                    QStringLiteral("notOffered"));
    }
    const QByteArray aki(reinterpret_cast<const char*>(ASN1_STRING_get0_data(keyId)), ASN1_STRING_length(keyId));
    unsigned char* der = nullptr;
    const int length = i2d_ASN1_INTEGER(X509_get0_serialNumber(cert->get()), &der);
    if (length <= 2 || !der) {
        OPENSSL_free(der);
        return fail(QStringLiteral("The certificate's serial number cannot be encoded."));
    }
    // Skip the DER tag and length octets: the certID uses the content octets only.
    int offset = 2;
    if (der[1] & 0x80) {
        offset += der[1] & 0x7f;
    }
    const QByteArray serial(reinterpret_cast<const char*>(der) + offset, length - offset);
    OPENSSL_free(der);
    return renewalCertId(aki, serial);
}

Result<ca::RenewalWindow> parseRenewalInfo(const QJsonObject& body, const std::optional<QDateTime>& retryAfter,
                                           const QDateTime& now)
{
    const QJsonObject window = body.value(QStringLiteral("suggestedWindow")).toObject();
    ca::RenewalWindow result;
    result.start = QDateTime::fromString(window.value(QStringLiteral("start")).toString(), Qt::ISODateWithMs);
    result.end = QDateTime::fromString(window.value(QStringLiteral("end")).toString(), Qt::ISODateWithMs);
    if (!result.start.isValid() || !result.end.isValid() || result.end < result.start) {
        return fail(QStringLiteral("The CA's renewal information has no valid suggested window."),
                    QStringLiteral("badRenewalInfo"));
    }
    result.start = result.start.toUTC();
    result.end = result.end.toUTC();
    result.explanationUrl = body.value(QStringLiteral("explanationURL")).toString();
    // RFC 9773 4.3: clients should ask again after Retry-After; without one, within a day is reasonable.
    result.retryAfter = retryAfter ? *retryAfter : now.addSecs(6 * 3600);
    return result;
}

std::chrono::milliseconds PollPolicy::delay(int attempt, const std::optional<QDateTime>& retryAfter,
                                            const QDateTime& now) const
{
    double ms = static_cast<double>(first.count()) * std::pow(factor, std::max(0, attempt));
    ms = std::min(ms, static_cast<double>(cap.count()));
    auto result = std::chrono::milliseconds(static_cast<qint64>(ms));
    if (retryAfter) {
        const auto asked = std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(*retryAfter)));
        result = std::max(result, std::min(asked, maxRetryAfter));
    }
    return result;
}

} // namespace certdeck::acme
