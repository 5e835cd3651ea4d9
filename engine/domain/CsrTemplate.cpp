#include "engine/domain/CsrTemplate.h"

#include "engine/domain/ProvisioningConfig.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace certdeck {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CsrTemplate", text);
}

const QStringList& knownKeyAlgorithms()
{
    static const QStringList algorithms{QStringLiteral("RSA"), QStringLiteral("EC")};
    return algorithms;
}

QStringList signaturesFor(const QString& keyAlgorithm)
{
    if (keyAlgorithm == QLatin1String("EC")) {
        return {QStringLiteral("SHA256WithECDSA"), QStringLiteral("SHA384WithECDSA")};
    }
    return {QStringLiteral("SHA256WithRSA"), QStringLiteral("SHA384WithRSA"), QStringLiteral("SHA512WithRSA")};
}

QList<int> sizesFor(const QString& keyAlgorithm)
{
    if (keyAlgorithm == QLatin1String("EC")) {
        return {256, 384};
    }
    return {2048, 3072, 4096};
}

QString joinSizes(const QList<int>& sizes)
{
    QStringList text;
    for (int size : sizes) {
        text.append(QString::number(size));
    }
    return text.join(QStringLiteral(", "));
}

// A DNS host name, optionally with one leading "*." wildcard label.
bool isNamePattern(const QString& pattern)
{
    static const QRegularExpression label(QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    QString host = pattern;
    if (host.startsWith(QLatin1String("*."))) {
        host = host.mid(2);
    }
    if (host.isEmpty() || host.size() > 253) {
        return false;
    }
    const QStringList labels = host.split(QLatin1Char('.'));
    for (const QString& part : labels) {
        if (!label.match(part).hasMatch()) {
            return false;
        }
    }
    return true;
}

QStringList toStringList(const QJsonValue& value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& entry : array) {
        const QString text = entry.toString().trimmed();
        if (!text.isEmpty()) {
            out.append(text);
        }
    }
    return out;
}

} // namespace

bool csrTemplateNameMatches(const QString& pattern, const QString& name)
{
    const QString p = pattern.trimmed().toLower();
    const QString n = name.trimmed().toLower();
    if (p.isEmpty() || n.isEmpty()) {
        return false;
    }
    if (p == n) {
        return true;
    }
    if (!p.startsWith(QLatin1String("*."))) {
        return false;
    }
    // "*.example.com" stands for exactly one label in front of ".example.com".
    const QString suffix = p.mid(1); // ".example.com"
    if (!n.endsWith(suffix) || n.size() <= suffix.size()) {
        return false;
    }
    const QString first = n.left(n.size() - suffix.size());
    return !first.contains(QLatin1Char('.')) && first != QLatin1String("*");
}

QJsonObject CsrTemplate::toJson() const
{
    QJsonObject subject{
        {QStringLiteral("O"), organization}, {QStringLiteral("OU"), organizationalUnit},
        {QStringLiteral("L"), locality},     {QStringLiteral("ST"), state},
        {QStringLiteral("C"), country},
    };
    QJsonObject policy{
        {QStringLiteral("minimumRsaKeySize"), minimumRsaKeySize},
        {QStringLiteral("allowedKeyAlgorithms"), QJsonArray::fromStringList(allowedKeyAlgorithms)},
        {QStringLiteral("allowedNamePatterns"), QJsonArray::fromStringList(allowedNamePatterns)},
        {QStringLiteral("maximumSans"), maximumSans},
    };
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("keyAlgorithm"), keyAlgorithm},
        {QStringLiteral("keySize"), keySize},
        {QStringLiteral("signatureAlgorithm"), signatureAlgorithm},
        {QStringLiteral("subject"), subject},
        {QStringLiteral("policy"), policy},
    };
}

CsrTemplate CsrTemplate::fromJson(const QJsonObject& json)
{
    CsrTemplate t;
    t.name = json.value(QStringLiteral("name")).toString();
    t.description = json.value(QStringLiteral("description")).toString();
    t.keyAlgorithm = json.value(QStringLiteral("keyAlgorithm")).toString(t.keyAlgorithm);
    t.keySize = json.value(QStringLiteral("keySize")).toInt(t.keySize);
    t.signatureAlgorithm = json.value(QStringLiteral("signatureAlgorithm")).toString(t.signatureAlgorithm);
    const QJsonObject subject = json.value(QStringLiteral("subject")).toObject();
    t.organization = subject.value(QStringLiteral("O")).toString();
    t.organizationalUnit = subject.value(QStringLiteral("OU")).toString();
    t.locality = subject.value(QStringLiteral("L")).toString();
    t.state = subject.value(QStringLiteral("ST")).toString();
    t.country = subject.value(QStringLiteral("C")).toString();
    const QJsonObject policy = json.value(QStringLiteral("policy")).toObject();
    t.minimumRsaKeySize = policy.value(QStringLiteral("minimumRsaKeySize")).toInt(t.minimumRsaKeySize);
    t.allowedKeyAlgorithms = toStringList(policy.value(QStringLiteral("allowedKeyAlgorithms")));
    t.allowedNamePatterns = toStringList(policy.value(QStringLiteral("allowedNamePatterns")));
    t.maximumSans = policy.value(QStringLiteral("maximumSans")).toInt(t.maximumSans);
    return t;
}

Status CsrTemplate::validate() const
{
    QStringList problems;
    static const QRegularExpression nameRule(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$"));
    const QString trimmedName = name.trimmed();
    if (trimmedName.isEmpty()) {
        problems << tr("Name: enter a name for the template, e.g. web-rsa-3072.");
    } else if (!nameRule.match(trimmedName).hasMatch()) {
        problems << tr("Name: \"%1\" is not a template name. Use up to 64 letters, digits, spaces, '.', '_' or '-', "
                       "starting with a letter or digit.")
                        .arg(trimmedName);
    }

    const bool knownAlgorithm = knownKeyAlgorithms().contains(keyAlgorithm);
    if (!knownAlgorithm) {
        problems << tr("Key algorithm: \"%1\" is not supported. Choose RSA or EC.").arg(keyAlgorithm);
    } else {
        if (!sizesFor(keyAlgorithm).contains(keySize)) {
            problems << tr("Key size: %1 bits is not available for %2 keys. Choose one of %3.")
                            .arg(keySize)
                            .arg(keyAlgorithm, joinSizes(sizesFor(keyAlgorithm)));
        } else if (keyAlgorithm == QLatin1String("RSA") && keySize < minimumRsaKeySize) {
            problems << tr("Key size: RSA %1 bits is below the template's own minimum RSA key size of %2 bits. "
                           "Choose %2 bits or more, or lower the minimum.")
                            .arg(keySize)
                            .arg(minimumRsaKeySize);
        }
        if (!signaturesFor(keyAlgorithm).contains(signatureAlgorithm)) {
            problems << tr("Signature algorithm: \"%1\" does not go with %2 keys. Choose one of %3.")
                            .arg(signatureAlgorithm, keyAlgorithm,
                                 signaturesFor(keyAlgorithm).join(QStringLiteral(", ")));
        }
    }

    static const QRegularExpression countryRule(QStringLiteral("^[A-Z]{2}$"));
    if (!country.isEmpty() && !countryRule.match(country).hasMatch()) {
        problems << tr("Country: \"%1\" is not a two-letter ISO 3166 code. Enter two capital letters, e.g. DE or US, "
                       "or leave it empty.")
                        .arg(country);
    }
    const QList<QPair<QString, QString>> subjectFields{{tr("Organization"), organization},
                                                       {tr("Organizational unit"), organizationalUnit},
                                                       {tr("Locality"), locality},
                                                       {tr("State"), state}};
    for (const auto& [label, value] : subjectFields) {
        if (value.size() > 64) {
            problems << tr("%1: %2 characters is too long for a certificate subject. Enter at most 64 characters.")
                            .arg(label)
                            .arg(value.size());
        }
    }

    if (minimumRsaKeySize < 1024 || minimumRsaKeySize > 16384) {
        problems << tr("Minimum RSA key size: %1 bits is out of range. Enter a size between 1024 and 16384 bits, "
                       "e.g. 2048.")
                        .arg(minimumRsaKeySize);
    }
    for (const QString& algorithm : allowedKeyAlgorithms) {
        if (!knownKeyAlgorithms().contains(algorithm)) {
            problems << tr("Allowed key algorithms: \"%1\" is not supported. Allow RSA, EC or both.").arg(algorithm);
        }
    }
    if (knownAlgorithm && !allowedKeyAlgorithms.isEmpty() && !allowedKeyAlgorithms.contains(keyAlgorithm)) {
        problems << tr("Key algorithm: the template's own %1 key is not among its allowed key algorithms (%2). "
                       "Allow %1 or choose an allowed algorithm.")
                        .arg(keyAlgorithm, allowedKeyAlgorithms.join(QStringLiteral(", ")));
    }
    QStringList badPatterns;
    for (const QString& pattern : allowedNamePatterns) {
        if (!isNamePattern(pattern)) {
            badPatterns << QStringLiteral("\"%1\"").arg(pattern);
        }
    }
    if (!badPatterns.isEmpty()) {
        problems << tr("Allowed names: %1 is not a domain name or pattern. Enter names such as example.com or "
                       "*.example.com (the * stands for one label), separated by commas.")
                        .arg(badPatterns.join(QStringLiteral(", ")));
    }
    if (maximumSans < 1 || maximumSans > 1000) {
        problems << tr("Maximum SANs: %1 is out of range. Enter a number between 1 and 1000.").arg(maximumSans);
    }

    if (!problems.isEmpty()) {
        return fail(problems.join(QLatin1Char('\n')), QStringLiteral("invalid"));
    }
    return {};
}

Status CsrTemplate::check(const ProvisioningConfig& config) const
{
    QStringList problems;
    const QStringList allowed = allowedKeyAlgorithms.isEmpty() ? knownKeyAlgorithms() : allowedKeyAlgorithms;
    if (!allowed.contains(config.keyAlgorithm)) {
        problems << tr("Key algorithm: %1 is not allowed by the CSR template \"%2\". Choose %3.")
                        .arg(config.keyAlgorithm, name, allowed.join(tr(" or ")));
    } else if (config.keyAlgorithm == QLatin1String("RSA") && config.keySize < minimumRsaKeySize) {
        problems << tr("Key size: RSA %1 bits is below the minimum of %2 bits set by the CSR template \"%3\". "
                       "Choose %2 bits or more.")
                        .arg(config.keySize)
                        .arg(minimumRsaKeySize)
                        .arg(name);
    }

    QStringList names;
    if (!config.commonName.trimmed().isEmpty()) {
        names << config.commonName.trimmed();
    }
    for (const QString& san : config.sans) {
        if (!names.contains(san.trimmed(), Qt::CaseInsensitive) && !san.trimmed().isEmpty()) {
            names << san.trimmed();
        }
    }
    if (!allowedNamePatterns.isEmpty()) {
        QStringList outside;
        for (const QString& candidate : std::as_const(names)) {
            const bool matched =
                std::any_of(allowedNamePatterns.cbegin(), allowedNamePatterns.cend(),
                            [&](const QString& pattern) { return csrTemplateNameMatches(pattern, candidate); });
            if (!matched) {
                outside << QStringLiteral("\"%1\"").arg(candidate);
            }
        }
        if (!outside.isEmpty()) {
            problems << tr("Names: %1 is outside the names the CSR template \"%2\" allows (%3). Enter names that "
                           "match one of these patterns, or choose another template.")
                            .arg(outside.join(QStringLiteral(", ")), name,
                                 allowedNamePatterns.join(QStringLiteral(", ")));
        }
    }
    if (names.size() > maximumSans) {
        problems << tr("SANs: the certificate would carry %1 names, but the CSR template \"%2\" allows at most %3. "
                       "Remove %4 of them.")
                        .arg(names.size())
                        .arg(name)
                        .arg(maximumSans)
                        .arg(names.size() - maximumSans);
    }
    if (!problems.isEmpty()) {
        return fail(problems.join(QLatin1Char('\n')), QStringLiteral("policy"));
    }
    return {};
}

} // namespace certdeck
