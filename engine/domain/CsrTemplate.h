#pragma once

#include "engine/core/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace certdeck {

struct ProvisioningConfig;

// A named CSR template of the wizard's Full Override (spec step 3): key type and size, the subject structure,
// the cryptographic rules, and which names certificates made from it may carry. Stored in csr_templates.
struct CsrTemplate
{
    QString name;
    QString description;

    // Key and signature
    QString keyAlgorithm = QStringLiteral("RSA"); // "RSA", "EC"
    int keySize = 2048;                           // RSA bits or EC curve bits (256, 384)
    QString signatureAlgorithm = QStringLiteral("SHA256WithRSA");

    // Subject structure: the fixed attributes every request made from the template carries (empty: left out).
    QString organization;
    QString organizationalUnit;
    QString locality;
    QString state;
    QString country; // ISO 3166 two-letter code

    // Policy (cryptographic rules)
    int minimumRsaKeySize = 2048;     // RSA keys below this are refused
    QStringList allowedKeyAlgorithms; // empty: RSA and EC
    QStringList allowedNamePatterns;  // "*.example.com", "example.com"; empty: any name
    int maximumSans = 100;

    QJsonObject toJson() const;
    static CsrTemplate fromJson(const QJsonObject& json);

    // The template itself is consistent (name given, key size allowed by its own policy, country two letters...).
    // Messages name the field and say what to enter.
    Status validate() const;
    // A provisioning configuration made from this template obeys its policy: key algorithm and size, the common
    // name and every SAN match an allowed pattern, not too many SANs. The message names the offending value.
    Status check(const ProvisioningConfig& config) const;
};

// True when `name` (a DNS name or IP address) matches an allowed-name pattern: the same name (case-insensitive), or
// "*.example.com" for exactly one label in front of ".example.com" (not example.com, not a.b.example.com).
bool csrTemplateNameMatches(const QString& pattern, const QString& name);

} // namespace certdeck
