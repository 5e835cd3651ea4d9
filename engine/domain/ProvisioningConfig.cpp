#include "engine/domain/ProvisioningConfig.h"

#include <QJsonArray>

namespace certdeck {
namespace {

template <typename Enum, std::size_t N>
QString idOf(const char* const (&ids)[N], Enum value)
{
    const auto index = static_cast<std::size_t>(value);
    return index < N ? QString::fromLatin1(ids[index]) : QString();
}

template <typename Enum, std::size_t N>
Enum enumOf(const char* const (&ids)[N], const QJsonValue& value, Enum fallback)
{
    const QString id = value.toString();
    for (std::size_t i = 0; i < N; ++i) {
        if (id == QLatin1String(ids[i])) {
            return static_cast<Enum>(i);
        }
    }
    return fallback;
}

constexpr const char* kDeploymentTypes[] = {"automatic", "manual"};
constexpr const char* kCsrModes[] = {"use-existing", "partial-override", "full-override"};
constexpr const char* kCertificateTypes[] = {"DV", "OV", "EV", "Existing", "Others"};
constexpr const char* kRenewalTriggers[] = {"days-before-expiry", "on-date"};
constexpr const char* kDeploymentTriggers[] = {"immediately", "on-date"};
constexpr const char* kFrequencies[] = {"daily", "weekly", "monthly"};

QString dateString(const QDate& date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QString timeString(const QTime& time)
{
    return time.isValid() ? time.toString(QStringLiteral("HH:mm")) : QString();
}

QTime timeOf(const QJsonValue& value, const QTime& fallback)
{
    const QTime parsed = QTime::fromString(value.toString(), QStringLiteral("HH:mm"));
    return parsed.isValid() ? parsed : fallback;
}

QJsonObject scheduleToJson(const ProvisioningSchedule& s)
{
    return QJsonObject{
        {QStringLiteral("rollbackOnFailure"), s.rollbackOnFailure},
        {QStringLiteral("renewalEnabled"), s.renewalEnabled},
        {QStringLiteral("renewalTrigger"), idOf(kRenewalTriggers, s.renewalTrigger)},
        {QStringLiteral("renewWithinDays"), s.renewWithinDays},
        {QStringLiteral("renewalDate"), dateString(s.renewalDate)},
        {QStringLiteral("renewalFrequency"), idOf(kFrequencies, s.renewalFrequency)},
        {QStringLiteral("renewalTime"), timeString(s.renewalTime)},
        {QStringLiteral("renewalTimeZone"), s.renewalTimeZone},
        {QStringLiteral("deploymentEnabled"), s.deploymentEnabled},
        {QStringLiteral("deploymentTrigger"), idOf(kDeploymentTriggers, s.deploymentTrigger)},
        {QStringLiteral("deploymentDate"), dateString(s.deploymentDate)},
        {QStringLiteral("deploymentTime"), timeString(s.deploymentTime)},
        {QStringLiteral("deploymentTimeZone"), s.deploymentTimeZone},
        {QStringLiteral("deploymentFrequency"), idOf(kFrequencies, s.deploymentFrequency)},
    };
}

ProvisioningSchedule scheduleFromJson(const QJsonObject& j)
{
    ProvisioningSchedule s;
    s.rollbackOnFailure = j.value(QStringLiteral("rollbackOnFailure")).toBool(s.rollbackOnFailure);
    s.renewalEnabled = j.value(QStringLiteral("renewalEnabled")).toBool();
    s.renewalTrigger = enumOf(kRenewalTriggers, j.value(QStringLiteral("renewalTrigger")), s.renewalTrigger);
    s.renewWithinDays = j.value(QStringLiteral("renewWithinDays")).toInt(s.renewWithinDays);
    s.renewalDate = QDate::fromString(j.value(QStringLiteral("renewalDate")).toString(), Qt::ISODate);
    s.renewalFrequency = enumOf(kFrequencies, j.value(QStringLiteral("renewalFrequency")), s.renewalFrequency);
    s.renewalTime = timeOf(j.value(QStringLiteral("renewalTime")), s.renewalTime);
    s.renewalTimeZone = j.value(QStringLiteral("renewalTimeZone")).toString(s.renewalTimeZone);
    s.deploymentEnabled = j.value(QStringLiteral("deploymentEnabled")).toBool();
    s.deploymentTrigger =
        enumOf(kDeploymentTriggers, j.value(QStringLiteral("deploymentTrigger")), s.deploymentTrigger);
    s.deploymentDate = QDate::fromString(j.value(QStringLiteral("deploymentDate")).toString(), Qt::ISODate);
    s.deploymentTime = timeOf(j.value(QStringLiteral("deploymentTime")), s.deploymentTime);
    s.deploymentTimeZone = j.value(QStringLiteral("deploymentTimeZone")).toString(s.deploymentTimeZone);
    s.deploymentFrequency = enumOf(kFrequencies, j.value(QStringLiteral("deploymentFrequency")), s.deploymentFrequency);
    return s;
}

} // namespace

QString csrModeId(CsrMode mode)
{
    return idOf(kCsrModes, mode);
}

QString certificateTypeId(CertificateType type)
{
    return idOf(kCertificateTypes, type);
}

QString frequencyId(Frequency frequency)
{
    return idOf(kFrequencies, frequency);
}

QJsonObject ProvisioningConfig::toJson() const
{
    return QJsonObject{
        {QStringLiteral("deploymentType"), idOf(kDeploymentTypes, deploymentType)},
        {QStringLiteral("botId"), botId},
        {QStringLiteral("agentlessServer"), agentlessServer},
        {QStringLiteral("serverType"), serverType},
        {QStringLiteral("serverFields"), QJsonObject::fromVariantMap(serverFields)},
        {QStringLiteral("endpointHost"), endpointHost},
        {QStringLiteral("endpointPort"), endpointPort},
        {QStringLiteral("caType"), caType},
        {QStringLiteral("caConnectorName"), caConnectorName},
        {QStringLiteral("csrMode"), idOf(kCsrModes, csrMode)},
        {QStringLiteral("certificateType"), idOf(kCertificateTypes, certificateType)},
        {QStringLiteral("signatureAlgorithm"), signatureAlgorithm},
        {QStringLiteral("keyAlgorithm"), keyAlgorithm},
        {QStringLiteral("keySize"), keySize},
        {QStringLiteral("reuseExistingCsr"), reuseExistingCsr},
        {QStringLiteral("csrTemplate"), csrTemplate},
        {QStringLiteral("keyStoreType"), keyStoreType},
        {QStringLiteral("keyStorePasswordRef"), keyStorePasswordRef},
        {QStringLiteral("sans"), QJsonArray::fromStringList(sans)},
        {QStringLiteral("commonName"), commonName},
        {QStringLiteral("dcvEnabled"), dcvEnabled},
        {QStringLiteral("dcvPath"), dcvPath},
        {QStringLiteral("dcvMethod"), dcvMethod},
        {QStringLiteral("dnsServer"), dnsServer},
        {QStringLiteral("dnsPort"), dnsPort},
        {QStringLiteral("dnsZone"), dnsZone},
        {QStringLiteral("dnsKeyName"), dnsKeyName},
        {QStringLiteral("dnsKeyAlgorithm"), dnsKeyAlgorithm},
        {QStringLiteral("schedule"), scheduleToJson(schedule)},
    };
}

ProvisioningConfig ProvisioningConfig::fromJson(const QJsonObject& j)
{
    ProvisioningConfig c;
    c.deploymentType = enumOf(kDeploymentTypes, j.value(QStringLiteral("deploymentType")), c.deploymentType);
    c.botId = j.value(QStringLiteral("botId")).toInteger();
    c.agentlessServer = j.value(QStringLiteral("agentlessServer")).toString();
    c.serverType = j.value(QStringLiteral("serverType")).toString();
    c.serverFields = j.value(QStringLiteral("serverFields")).toObject().toVariantMap();
    c.endpointHost = j.value(QStringLiteral("endpointHost")).toString(c.endpointHost);
    c.endpointPort = j.value(QStringLiteral("endpointPort")).toInt(c.endpointPort);
    c.caType = j.value(QStringLiteral("caType")).toString();
    c.caConnectorName = j.value(QStringLiteral("caConnectorName")).toString();
    c.csrMode = enumOf(kCsrModes, j.value(QStringLiteral("csrMode")), c.csrMode);
    c.certificateType = enumOf(kCertificateTypes, j.value(QStringLiteral("certificateType")), c.certificateType);
    c.signatureAlgorithm = j.value(QStringLiteral("signatureAlgorithm")).toString(c.signatureAlgorithm);
    c.keyAlgorithm = j.value(QStringLiteral("keyAlgorithm")).toString(c.keyAlgorithm);
    c.keySize = j.value(QStringLiteral("keySize")).toInt(c.keySize);
    c.reuseExistingCsr = j.value(QStringLiteral("reuseExistingCsr")).toBool();
    c.csrTemplate = j.value(QStringLiteral("csrTemplate")).toString();
    c.keyStoreType = j.value(QStringLiteral("keyStoreType")).toString(c.keyStoreType);
    c.keyStorePasswordRef = j.value(QStringLiteral("keyStorePasswordRef")).toString();
    for (const auto& san : j.value(QStringLiteral("sans")).toArray()) {
        c.sans.append(san.toString());
    }
    c.commonName = j.value(QStringLiteral("commonName")).toString();
    c.dcvEnabled = j.value(QStringLiteral("dcvEnabled")).toBool();
    c.dcvPath = j.value(QStringLiteral("dcvPath")).toString();
    c.dcvMethod = j.value(QStringLiteral("dcvMethod")).toString(QStringLiteral("http-01"));
    c.dnsServer = j.value(QStringLiteral("dnsServer")).toString();
    c.dnsPort = j.value(QStringLiteral("dnsPort")).toInt(53);
    c.dnsZone = j.value(QStringLiteral("dnsZone")).toString();
    c.dnsKeyName = j.value(QStringLiteral("dnsKeyName")).toString();
    c.dnsKeyAlgorithm = j.value(QStringLiteral("dnsKeyAlgorithm")).toString(QStringLiteral("hmac-sha256"));
    c.schedule = scheduleFromJson(j.value(QStringLiteral("schedule")).toObject());
    return c;
}

} // namespace certdeck
