#include "engine/jobs/BulkConfiguration.h"

#include "engine/crypto/CertificateRequest.h"
#include "engine/crypto/PrivateKey.h"
#include "engine/domain/ServerType.h"
#include "engine/scheduling/SchedulePlanner.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>

namespace certdeck::jobs {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("certdeck::jobs", text); // the context lupdate gives these texts
}

// The rules of the key, the signature and the template (step 3 of the spec).
void checkCsrProfile(const ProvisioningConfig& values, const BulkCheckContext& context, QStringList& problems)
{
    const auto key = crypto::KeySpec::from(values.keyAlgorithm, values.keySize);
    if (!key.ok()) {
        const bool algorithmKnown =
            values.keyAlgorithm == QLatin1String("RSA") || values.keyAlgorithm == QLatin1String("EC");
        problems.append(algorithmKnown
                            ? tr("Key size: %1.").arg(key.message())
                            : tr("Key algorithm: \"%1\" is not supported; choose RSA or EC.").arg(values.keyAlgorithm));
    }
    const auto digest = crypto::digestFromSignatureAlgorithm(values.signatureAlgorithm);
    if (!digest.ok()) {
        problems.append(tr("Signature algorithm: %1.").arg(digest.message()));
    } else {
        const bool ecdsa = values.signatureAlgorithm.contains(QLatin1String("ECDSA"), Qt::CaseInsensitive);
        if (values.keyAlgorithm == QLatin1String("EC") && !ecdsa) {
            problems.append(tr("Signature algorithm: %1 does not sign with an EC key; choose SHA256WithECDSA or "
                               "SHA384WithECDSA.")
                                .arg(values.signatureAlgorithm));
        } else if (values.keyAlgorithm == QLatin1String("RSA") && ecdsa) {
            problems.append(tr("Signature algorithm: %1 does not sign with an RSA key; choose SHA256WithRSA, "
                               "SHA384WithRSA or SHA512WithRSA.")
                                .arg(values.signatureAlgorithm));
        }
    }
    const QString templateName = values.csrTemplate.trimmed();
    if (values.csrMode != CsrMode::FullOverride && !templateName.isEmpty()) {
        problems.append(tr("CSR template: a template is used only with Full Override; choose Full Override or "
                           "leave the template empty."));
    } else if (!templateName.isEmpty() && context.csrTemplates) {
        const auto found = std::find_if(context.csrTemplates->cbegin(), context.csrTemplates->cend(),
                                        [&](const CsrTemplate& known) { return known.name == templateName; });
        if (found == context.csrTemplates->cend()) {
            problems.append(tr("CSR template: there is no template named \"%1\"; choose one of the list, or create it "
                               "under Certificate > CSR Templates.")
                                .arg(templateName));
        } else {
            // The template's key rules (its name rules are checked per certificate when each is ordered).
            ProvisioningConfig keyOnly;
            keyOnly.keyAlgorithm = values.keyAlgorithm;
            keyOnly.keySize = values.keySize;
            if (const Status fits = found->check(keyOnly); !fits.ok()) {
                problems.append(fits.message().split(QLatin1Char('\n')));
            }
        }
    }
}

void checkCertificateAuthority(const ProvisioningConfig& values, const BulkCheckContext& context, QStringList& problems)
{
    if (values.caType.trimmed().isEmpty()) {
        problems.append(tr("CA: choose the Certificate Authority that issues these certificates."));
        return;
    }
    if (values.caConnectorName.trimmed().isEmpty()) {
        problems.append(
            tr("CA Connector Name: choose the connector of %1 that issues these certificates.").arg(values.caType));
        return;
    }
    if (!context.connectors.isEmpty() &&
        !context.connectors.contains(qMakePair(values.caType, values.caConnectorName))) {
        problems.append(tr("CA Connector Name: \"%1\" is not a configured %2 connector; choose one from the list.")
                            .arg(values.caConnectorName, values.caType));
    }
}

void checkDcv(const ProvisioningConfig& values, QStringList& problems)
{
    if (values.dcvMethod != QLatin1String("http-01") && values.dcvMethod != QLatin1String("dns-01")) {
        problems.append(tr("DCV method: \"%1\" is not supported; choose http-01 or dns-01.").arg(values.dcvMethod));
        return;
    }
    if (values.dcvEnabled && values.dcvMethod == QLatin1String("http-01")) {
        const QString path = values.dcvPath.trimmed();
        if (path.isEmpty()) {
            problems.append(tr("DCV path: enter the directory on the server the bot writes the token into, e.g. "
                               "/var/www/html."));
        } else if (!QDir::isAbsolutePath(path) && !(path.size() > 2 && path.at(1) == QLatin1Char(':'))) {
            problems.append(
                tr("DCV path: \"%1\" is not an absolute path. Enter a full path, e.g. /var/www/html.").arg(path));
        }
    }
}

void checkZone(const QString& label, const QString& zone, QStringList& problems)
{
    bool known = false;
    (void)scheduling::zoneOrUtc(zone, &known);
    if (!known) {
        problems.append(
            tr("%1: \"%2\" is not a known time zone; choose one from the list, e.g. Europe/Berlin.").arg(label, zone));
    }
}

void checkRenewal(const ProvisioningSchedule& schedule, QStringList& problems)
{
    if (!schedule.renewalEnabled) {
        return;
    }
    if (schedule.renewalTrigger == RenewalTrigger::DaysBeforeExpiry &&
        (schedule.renewWithinDays < 1 || schedule.renewWithinDays > 825)) {
        problems.append(tr("Renew when within: %1 days is out of range; enter 1 to 825 days before expiry.")
                            .arg(schedule.renewWithinDays));
    }
    if (schedule.renewalTrigger == RenewalTrigger::OnDate &&
        (!schedule.renewalDate.isValid() || schedule.renewalDate < QDate::currentDate())) {
        problems.append(tr("Renewal date: choose today or a later date."));
    }
    if (!schedule.renewalTime.isValid()) {
        problems.append(tr("Renewal time: enter a time of day, e.g. 02:00."));
    }
    checkZone(tr("Renewal time zone"), schedule.renewalTimeZone, problems);
}

void checkDeployment(const ProvisioningSchedule& schedule, QStringList& problems)
{
    if (!schedule.deploymentEnabled || schedule.deploymentTrigger != DeploymentTrigger::OnDate) {
        return;
    }
    if (!schedule.deploymentDate.isValid() || schedule.deploymentDate < QDate::currentDate()) {
        problems.append(tr("Deployment date: choose today or a later date."));
    }
    if (!schedule.deploymentTime.isValid()) {
        problems.append(tr("Deployment time: enter a time of day, e.g. 03:00."));
    }
    checkZone(tr("Deployment time zone"), schedule.deploymentTimeZone, problems);
}

void checkDeploymentTarget(const ProvisioningConfig& values, const BulkCheckContext& context, QStringList& problems)
{
    if (values.botId <= 0) {
        problems.append(tr("Provision Bot: choose the bot that deploys these certificates."));
    } else if (!context.botIds.isEmpty() && !context.botIds.contains(values.botId)) {
        problems.append(
            tr("Provision Bot: bot #%1 is not in the inventory; choose one from the list.").arg(values.botId));
    }
    ServerType type;
    if (!serverTypeFromId(values.serverType, &type)) {
        problems.append(
            tr("Server Type: \"%1\" is not a known server type; choose one from the list.").arg(values.serverType));
    }
}

} // namespace

bool BulkConfiguration::any() const
{
    return csrProfile || certificateAuthority || dcv || renewal || deployment || rollback || deploymentTarget;
}

ProvisioningConfig BulkConfiguration::applyTo(ProvisioningConfig current) const
{
    const ProvisioningConfig& v = values;
    if (csrProfile) {
        current.certificateType = v.certificateType;
        current.csrMode = v.csrMode;
        current.keyAlgorithm = v.keyAlgorithm;
        current.keySize = v.keySize;
        current.signatureAlgorithm = v.signatureAlgorithm;
        current.csrTemplate = v.csrTemplate.trimmed();
    }
    if (certificateAuthority) {
        current.caType = v.caType;
        current.caConnectorName = v.caConnectorName;
    }
    if (dcv) {
        current.dcvEnabled = v.dcvEnabled;
        current.dcvMethod = v.dcvMethod;
        current.dcvPath = v.dcvPath.trimmed();
    }
    ProvisioningSchedule& s = current.schedule;
    const ProvisioningSchedule& n = v.schedule;
    if (renewal) {
        s.renewalEnabled = n.renewalEnabled;
        s.renewalTrigger = n.renewalTrigger;
        s.renewWithinDays = n.renewWithinDays;
        s.renewalDate = n.renewalDate;
        s.renewalFrequency = n.renewalFrequency;
        s.renewalTime = n.renewalTime;
        s.renewalTimeZone = n.renewalTimeZone.trimmed();
    }
    if (deployment) {
        s.deploymentEnabled = n.deploymentEnabled;
        s.deploymentTrigger = n.deploymentTrigger;
        s.deploymentDate = n.deploymentDate;
        s.deploymentTime = n.deploymentTime;
        s.deploymentTimeZone = n.deploymentTimeZone.trimmed();
        s.deploymentFrequency = n.deploymentFrequency;
    }
    if (rollback) {
        s.rollbackOnFailure = n.rollbackOnFailure;
    }
    if (deploymentTarget) {
        current.botId = v.botId;
        if (current.serverType != v.serverType) {
            // The fields of another deployer do not apply: the new type's fields are completed in the wizard.
            current.serverFields = v.serverFields;
        }
        current.serverType = v.serverType;
    }
    return current;
}

QStringList bulkProblems(const BulkConfiguration& change, const BulkCheckContext& context)
{
    QStringList problems;
    if (!change.any()) {
        problems.append(QObject::tr("Choose at least one group of settings to apply."));
    }
    if (change.csrProfile) {
        checkCsrProfile(change.values, context, problems);
    }
    if (change.certificateAuthority) {
        checkCertificateAuthority(change.values, context, problems);
    }
    if (change.dcv) {
        checkDcv(change.values, problems);
    }
    if (change.renewal) {
        checkRenewal(change.values.schedule, problems);
    }
    if (change.deployment) {
        checkDeployment(change.values.schedule, problems);
    }
    if (change.deploymentTarget) {
        checkDeploymentTarget(change.values, context, problems);
    }
    return problems;
}

Status validateBulk(const BulkConfiguration& change, const BulkCheckContext& context)
{
    const QStringList problems = bulkProblems(change, context);
    if (problems.isEmpty()) {
        return {};
    }
    return fail(QObject::tr("Nothing was saved: %1").arg(problems.join(QLatin1Char(' '))),
                QStringLiteral("invalidInput"));
}

ProvisioningConfig defaultConfigFor(const CertificateRecord& record)
{
    ProvisioningConfig config;
    config.commonName = record.commonName;
    config.sans = record.sans;
    config.serverType = record.serverType;
    config.botId = record.botId;
    if (!record.host.isEmpty()) {
        config.endpointHost = record.host;
    }
    if (record.port > 0) {
        config.endpointPort = record.port;
    }
    if (record.keyAlgorithm == QLatin1String("RSA") || record.keyAlgorithm == QLatin1String("EC")) {
        config.keyAlgorithm = record.keyAlgorithm;
        config.keySize = record.keyBits;
        config.signatureAlgorithm = record.keyAlgorithm == QLatin1String("EC") ? QStringLiteral("SHA256WithECDSA")
                                                                               : QStringLiteral("SHA256WithRSA");
    }
    return config;
}

} // namespace certdeck::jobs
