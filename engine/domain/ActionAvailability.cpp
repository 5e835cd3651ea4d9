#include "engine/domain/ActionAvailability.h"

namespace certdeck {

namespace {

ActionState allowed()
{
    return {true, {}};
}

ActionState refused(QString reason)
{
    return {false, std::move(reason)};
}

bool hasMaterial(const CertificateRecord& record)
{
    return !record.fingerprintSha256.isEmpty();
}

// Issued by one of CertDeck's CA connectors (source "localca:<name>" / "acme:<name>"), not only imported.
bool issuedByConnector(const CertificateRecord& record)
{
    return hasMaterial(record) &&
           (record.source.startsWith(QLatin1String("localca:")) || record.source.startsWith(QLatin1String("acme:")));
}

bool isRevokedOrSuspended(const CertificateRecord& record)
{
    return record.status == CertificateStatus::Revoked || record.status == CertificateStatus::Suspended;
}

} // namespace

ActionState actionState(JobAction action, const CertificateRecord& record, const ActionContext& context)
{
    if (context.jobRunning && action != JobAction::RecheckPinning) {
        return refused(QStringLiteral("A job of this certificate is still running; wait until it has finished."));
    }
    const QString configureFirst =
        QStringLiteral("Configure provisioning first (Certificate > Provision...): no bot, CA or target is set.");
    switch (action) {
    case JobAction::Initiate:
        if (!context.configured) {
            return refused(configureFirst);
        }
        switch (record.status) {
        case CertificateStatus::Discovered:
        case CertificateStatus::Managed:
        case CertificateStatus::Failed:
            return allowed();
        case CertificateStatus::Pending:
            return refused(QStringLiteral("Already in the issuance pipeline; use Order to issue it."));
        case CertificateStatus::Issued:
        case CertificateStatus::Deployed:
            return refused(QStringLiteral("The certificate is already %1; use Rotate or Rekey to replace it.")
                               .arg(certificateStatusDisplayName(record.status).toLower()));
        case CertificateStatus::Revoked:
        case CertificateStatus::Suspended:
            return refused(QStringLiteral("The certificate is %1; use Order for a new one.")
                               .arg(certificateStatusDisplayName(record.status).toLower()));
        }
        return allowed();
    case JobAction::Order:
    case JobAction::Issue:
        return context.configured ? allowed() : refused(configureFirst);
    case JobAction::Deploy:
        if (!context.configured) {
            return refused(configureFirst);
        }
        if (!hasMaterial(record) || record.keyId.isEmpty()) {
            return refused(QStringLiteral("Nothing to deploy yet: order the certificate first."));
        }
        if (isRevokedOrSuspended(record)) {
            return refused(QStringLiteral("The certificate is %1; order a new one instead.")
                               .arg(certificateStatusDisplayName(record.status).toLower()));
        }
        if (record.notAfter.isValid() && record.notAfter <= context.now) {
            return refused(QStringLiteral("The certificate has expired; order or rotate it instead."));
        }
        return allowed();
    case JobAction::Delete:
        return allowed();
    case JobAction::RecheckPinning:
        if (!hasMaterial(record)) {
            return refused(QStringLiteral("There is no certificate to compare with yet."));
        }
        if (!context.configured && (record.host.isEmpty() || record.port <= 0)) {
            return refused(QStringLiteral("No endpoint is known: configure provisioning (endpoint host and port)."));
        }
        return allowed();
    case JobAction::Rotate:
    case JobAction::Rekey:
        if (!context.configured) {
            return refused(configureFirst);
        }
        if (!hasMaterial(record)) {
            return refused(QStringLiteral("There is no certificate to replace yet: use Order."));
        }
        return allowed();
    case JobAction::Revoke:
        if (!issuedByConnector(record)) {
            return refused(QStringLiteral("Only certificates issued through a CertDeck CA connector can be revoked "
                                          "here; revoke an imported certificate at the CA that issued it."));
        }
        if (record.status == CertificateStatus::Revoked) {
            return refused(QStringLiteral("Already revoked."));
        }
        return allowed();
    case JobAction::Suspend:
        if (!issuedByConnector(record)) {
            return refused(
                QStringLiteral("Only certificates issued through a CertDeck CA connector can be suspended."));
        }
        if (!context.caCanSuspend) {
            return refused(QStringLiteral("The issuing CA does not support suspension; revoke instead."));
        }
        if (isRevokedOrSuspended(record)) {
            return refused(QStringLiteral("Already %1.").arg(certificateStatusDisplayName(record.status).toLower()));
        }
        return allowed();
    case JobAction::Resume:
        if (record.status != CertificateStatus::Suspended) {
            return refused(QStringLiteral("The certificate is not suspended."));
        }
        if (!issuedByConnector(record)) {
            return refused(QStringLiteral("Only certificates issued through a CertDeck CA connector can be resumed "
                                          "here; resume it at the CA that issued it."));
        }
        return allowed();
    }
    return refused(QStringLiteral("Unknown action."));
}

bool isDestructive(JobAction action)
{
    switch (action) {
    case JobAction::Delete:
    case JobAction::Rotate:
    case JobAction::Rekey:
    case JobAction::Revoke:
    case JobAction::Suspend:
        return true;
    default:
        return false;
    }
}

const QList<JobAction>& dashboardActions()
{
    static const QList<JobAction> actions{
        JobAction::Initiate, JobAction::Order, JobAction::Deploy, JobAction::Delete,  JobAction::RecheckPinning,
        JobAction::Rotate,   JobAction::Rekey, JobAction::Revoke, JobAction::Suspend, JobAction::Resume};
    return actions;
}

} // namespace certdeck
