#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTime>
#include <QVariantMap>

namespace certdeck {

enum class DeploymentType { Automatic, Manual };
enum class CsrMode { UseExisting, PartialOverride, FullOverride };
enum class CertificateType { DV, OV, EV, Existing, Others };
enum class RenewalTrigger { DaysBeforeExpiry, OnDate };
enum class DeploymentTrigger { ImmediatelyAfterRenewal, OnDate };
enum class Frequency { Daily, Weekly, Monthly };

// Step 5 of the spec: rollback, renewal and deployment rules.
struct ProvisioningSchedule
{
    bool rollbackOnFailure = true;

    bool renewalEnabled = false;
    RenewalTrigger renewalTrigger = RenewalTrigger::DaysBeforeExpiry;
    int renewWithinDays = 30;
    QDate renewalDate;
    Frequency renewalFrequency = Frequency::Daily;
    QTime renewalTime = QTime(2, 0);
    QString renewalTimeZone = QStringLiteral("UTC"); // IANA id

    bool deploymentEnabled = false;
    DeploymentTrigger deploymentTrigger = DeploymentTrigger::ImmediatelyAfterRenewal;
    QDate deploymentDate;
    QTime deploymentTime = QTime(3, 0);
    QString deploymentTimeZone = QStringLiteral("UTC");
    Frequency deploymentFrequency = Frequency::Daily;
};

// Everything the provisioning wizard collects for one certificate (spec steps 1-5).
struct ProvisioningConfig
{
    // Step 1: deployment details
    DeploymentType deploymentType = DeploymentType::Manual;
    qint64 botId = 0;
    QString agentlessServer;  // empty: agent-based
    QString serverType;       // serverTypeId()
    QVariantMap serverFields; // values for the deployer's field schema, keyed by field id
    // The TLS endpoint that serves this certificate: deployment is verified there by a handshake with SNI
    // (the common name), and pinning re-checks probe it.
    QString endpointHost = QStringLiteral("127.0.0.1");
    int endpointPort = 443;

    // Step 2: certificate authority
    QString caType;          // "localca", "acme"
    QString caConnectorName; // named connector instance

    // Step 3: CSR
    CsrMode csrMode = CsrMode::FullOverride;
    CertificateType certificateType = CertificateType::DV;
    QString signatureAlgorithm = QStringLiteral("SHA256WithRSA");
    QString keyAlgorithm = QStringLiteral("RSA"); // "RSA", "EC"
    int keySize = 2048;                           // RSA bits, or EC curve bits (256, 384)
    bool reuseExistingCsr = false;                // Full Override: "Existing or New CSR"
    QString csrTemplate;                          // template name (Full Override)
    QString keyStoreType = QStringLiteral("PEM"); // "PEM", "PKCS12", "JKS"
    QString keyStorePasswordRef;                  // keychain entry name; the password itself is never stored here
    QStringList sans;
    QString commonName;

    // Step 4: DCV
    bool dcvEnabled = false; // "Attempt DCV using filename at location"; off: the operator validates by hand
    QString dcvPath;         // the web root's directory the bot writes .well-known/acme-challenge/<token> into
    QString dcvMethod = QStringLiteral("http-01"); // "http-01" (file through the bot) or "dns-01" (RFC 2136)
    // dns-01: the authoritative server that takes TSIG-signed updates. The TSIG secret is in the keychain under
    // "tsig/<dnsKeyName>".
    QString dnsServer;
    int dnsPort = 53;
    QString dnsZone;
    QString dnsKeyName;
    QString dnsKeyAlgorithm = QStringLiteral("hmac-sha256");

    // Step 5: schedule
    ProvisioningSchedule schedule;

    QJsonObject toJson() const;
    static ProvisioningConfig fromJson(const QJsonObject& json);
};

QString csrModeId(CsrMode mode);
QString certificateTypeId(CertificateType type);
QString frequencyId(Frequency frequency);

} // namespace certdeck
