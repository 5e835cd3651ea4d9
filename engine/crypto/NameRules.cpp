#include "engine/crypto/NameRules.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

#include <optional>

namespace certdeck::crypto {

namespace {

// Labels after IDN conversion: letters, digits, hyphens; 1-63 characters; no hyphen at either end.
QString labelProblem(const QString& label)
{
    if (label.isEmpty()) {
        return QStringLiteral("it has an empty label");
    }
    if (label.size() > 63) {
        return QStringLiteral("label \"%1\" is longer than 63 characters").arg(label);
    }
    for (const QChar c : label) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-');
        if (!ok) {
            if (c == QLatin1Char('*')) {
                return QStringLiteral("label \"%1\" contains '*': a wildcard is allowed only as the whole leftmost "
                                      "label, as in *.example.com")
                    .arg(label);
            }
            return QStringLiteral("label \"%1\" contains the character '%2'; use letters, digits and hyphens")
                .arg(label, QString(c));
        }
    }
    if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-'))) {
        return QStringLiteral("label \"%1\" starts or ends with a hyphen").arg(label);
    }
    return {};
}

bool isAscii(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7f) {
            return false;
        }
    }
    return true;
}

} // namespace

Result<QString> toAsciiDomain(const QString& name)
{
    QString text = name.trimmed();
    if (text.endsWith(QLatin1Char('.'))) {
        text.chop(1);
    }
    if (text.isEmpty()) {
        return fail(QStringLiteral("A DNS name is empty: enter a name such as www.example.com"),
                    QStringLiteral("invalidName"));
    }
    auto bad = [&](const QString& problem) {
        return fail(QStringLiteral("\"%1\" is not a valid DNS name: %2").arg(name.trimmed(), problem),
                    QStringLiteral("invalidName"));
    };
    bool wildcard = false;
    if (text.startsWith(QLatin1String("*."))) {
        wildcard = true;
        text = text.mid(2);
    }
    const QStringList labels = text.split(QLatin1Char('.'));
    QStringList ascii;
    for (const QString& label : labels) {
        QString converted = label.toLower();
        if (!label.isEmpty() && !isAscii(label)) {
            converted = QString::fromLatin1(QUrl::toAce(label));
            if (converted.isEmpty()) {
                return bad(QStringLiteral("label \"%1\" is not a valid international domain label").arg(label));
            }
        }
        if (const QString problem = labelProblem(converted); !problem.isEmpty()) {
            return bad(problem);
        }
        ascii.append(converted);
    }
    if (wildcard && ascii.size() < 2) {
        return bad(QStringLiteral("a wildcard must be followed by at least two labels, as in *.example.com"));
    }
    QString result = (wildcard ? QStringLiteral("*.") : QString()) + ascii.join(QLatin1Char('.'));
    if (result.size() > 253) {
        return bad(QStringLiteral("it is longer than 253 characters"));
    }
    return result;
}

namespace detail {

namespace {

enum class IpParse { NotIp, Valid, Invalid };

IpParse parseIp(const QString& text, QHostAddress* address)
{
    static const QRegularExpression ipv4Shape(QStringLiteral("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$"));
    static const QRegularExpression allDigitsAndDots(QStringLiteral("^[0-9.]+$"));
    QString candidate = text;
    if (candidate.startsWith(QLatin1Char('[')) && candidate.endsWith(QLatin1Char(']'))) {
        candidate = candidate.mid(1, candidate.size() - 2);
    }
    if (ipv4Shape.match(candidate).hasMatch()) {
        return address->setAddress(candidate) && address->protocol() == QAbstractSocket::IPv4Protocol
                   ? IpParse::Valid
                   : IpParse::Invalid;
    }
    if (allDigitsAndDots.match(candidate).hasMatch()) {
        return IpParse::Invalid;
    }
    if (candidate.contains(QLatin1Char(':'))) {
        return address->setAddress(candidate) && address->protocol() == QAbstractSocket::IPv6Protocol &&
                       address->scopeId().isEmpty()
                   ? IpParse::Valid
                   : IpParse::Invalid;
    }
    return IpParse::NotIp;
}

} // namespace

Result<QString> normalizeName(const QString& entry)
{
    const QString text = entry.trimmed();
    QHostAddress address;
    switch (parseIp(text, &address)) {
    case IpParse::Valid:
        return address.toString();
    case IpParse::Invalid:
        return fail(QStringLiteral("\"%1\" is not a valid IP address").arg(text), QStringLiteral("invalidName"));
    case IpParse::NotIp:
        break;
    }
    return toAsciiDomain(text);
}

Result<QStringList> normalizeNames(const QStringList& entries)
{
    QStringList result;
    for (const QString& entry : entries) {
        if (entry.trimmed().isEmpty()) {
            continue;
        }
        auto name = normalizeName(entry);
        if (!name) {
            return name.error();
        }
        if (!result.contains(*name, Qt::CaseInsensitive)) {
            result.append(*name);
        }
    }
    return result;
}

GENERAL_NAMES* makeGeneralNames(const QStringList& normalized)
{
    GENERAL_NAMES* names = sk_GENERAL_NAME_new_null();
    for (const QString& entry : normalized) {
        GENERAL_NAME* name = GENERAL_NAME_new();
        QHostAddress address;
        if (parseIp(entry, &address) == IpParse::Valid) {
            ASN1_OCTET_STRING* ip = ASN1_OCTET_STRING_new();
            if (address.protocol() == QAbstractSocket::IPv4Protocol) {
                const quint32 v4 = address.toIPv4Address();
                const unsigned char bytes[4] = {static_cast<unsigned char>(v4 >> 24),
                                                static_cast<unsigned char>(v4 >> 16),
                                                static_cast<unsigned char>(v4 >> 8), static_cast<unsigned char>(v4)};
                ASN1_OCTET_STRING_set(ip, bytes, 4);
            } else {
                const Q_IPV6ADDR v6 = address.toIPv6Address();
                ASN1_OCTET_STRING_set(ip, v6.c, 16);
            }
            GENERAL_NAME_set0_value(name, GEN_IPADD, ip);
        } else {
            const QByteArray ascii = entry.toLatin1();
            ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
            ASN1_STRING_set(dns, ascii.constData(), int(ascii.size()));
            GENERAL_NAME_set0_value(name, GEN_DNS, dns);
        }
        sk_GENERAL_NAME_push(names, name);
    }
    return names;
}

const EVP_MD* evpDigest(DigestAlgorithm digest)
{
    switch (digest) {
    case DigestAlgorithm::Sha384:
        return EVP_sha384();
    case DigestAlgorithm::Sha512:
        return EVP_sha512();
    case DigestAlgorithm::Sha256:
        break;
    }
    return EVP_sha256();
}

} // namespace detail
} // namespace certdeck::crypto
