#pragma once

#include "engine/domain/CertificateRecord.h"
#include "engine/domain/ProvisioningConfig.h"
#include "engine/scheduling/SchedulePlanner.h"
#include "engine/store/ScheduleStateRepository.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace certdeck::scheduling {

// One certificate as a scheduler pass sees it.
struct ScheduleCandidate
{
    CertificateRecord record;
    std::optional<ProvisioningConfig> config;
    std::optional<store::ScheduleState> state;
};

// A compare-and-set claim the pass should try: column value `expected` -> `next` (next invalid: clear).
struct PlannedClaim
{
    qint64 certificateId = 0;
    QDateTime expected;
    QDateTime next;
};

struct UnattendedExpiry
{
    qint64 certificateId = 0;
    QString commonName;
    int daysLeft = 0;
};

struct PlannedSkip
{
    qint64 certificateId = 0;
    QString reason;
};

// What one scheduler pass may do for one certificate, in this order: its renewal check (claim, then
// decideRenewal(); a renewal is deployed per the deployment rule), else its pending deployment, else its drift
// re-check. One pass never runs two jobs of one certificate at the same time.
struct CertificatePlan
{
    qint64 certificateId = 0;
    QString commonName;
    std::optional<PlannedClaim> renewalCheck; // next_renewal_check_at expected -> next
    std::optional<PlannedClaim> deployment;   // pending_deploy_at expected -> cleared
    std::optional<PlannedClaim> driftCheck;   // next_drift_check_at expected -> next
};

// What one scheduler pass does, before any claim or job (pure: given the inventory, the state and now).
struct SchedulePlan
{
    QList<CertificatePlan> certificates; // only those with something to do
    QList<UnattendedExpiry> unattended;  // close to expiry with automatic renewal off
    QList<PlannedSkip> skipped;          // managed certificates the scheduler leaves alone, with why
};

// Days before expiry at which a certificate without automatic renewal is reported (unless its configuration
// says renewWithinDays).
inline constexpr int kUnattendedWarningDays = 30;

SchedulePlan planPass(const QList<ScheduleCandidate>& candidates, const QDateTime& nowUtc);

// The next renewal-check instant after `afterUtc` for this certificate's schedule.
QDateTime nextRenewalCheck(const ProvisioningSchedule& schedule, const CertificateRecord& record,
                           const QDateTime& afterUtc);
// The next drift re-check: at the renewal checks' frequency and time, daily when renewal is off.
QDateTime nextDriftCheck(const ProvisioningSchedule& schedule, const CertificateRecord& record,
                         const QDateTime& afterUtc);
// The next deployment-check instant (a failed scheduled deployment is retried then).
QDateTime nextDeploymentCheck(const ProvisioningSchedule& schedule, const QDateTime& afterUtc);

// renewalDue() plus the first enrollment: a certificate with no issued material (no notAfter) is due at once.
RenewalDecision decideRenewal(const CertificateRecord& record, const ProvisioningSchedule& schedule,
                              std::optional<RenewalWindow> window, const QDateTime& nowUtc);

// A stable per-certificate seed for the CA window (RFC 9773): FNV-1a of the serial (lowercase hex).
quint64 renewalSeed(const QString& serialHex);

// Whether the certificate has issued material (not a wizard entry waiting for its first enrollment).
bool hasIssuedMaterial(const CertificateRecord& record);

} // namespace certdeck::scheduling
