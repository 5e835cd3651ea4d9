#include "engine/scheduling/SchedulerPlan.h"

#include <QObject>

namespace certdeck::scheduling {
namespace {

bool isDueAt(const QDateTime& at, const QDateTime& nowUtc)
{
    return !at.isValid() || at <= nowUtc;
}

// The phase of weekly and monthly checks: the configured date, else when the material was issued.
QDate anchorOf(const QDate& configured, const CertificateRecord& record)
{
    if (configured.isValid()) {
        return configured;
    }
    return record.notBefore.isValid() ? record.notBefore.toUTC().date() : QDate();
}

} // namespace

bool hasIssuedMaterial(const CertificateRecord& record)
{
    return record.notAfter.isValid() && !record.fingerprintSha256.isEmpty();
}

QDateTime nextRenewalCheck(const ProvisioningSchedule& schedule, const CertificateRecord& record,
                           const QDateTime& afterUtc)
{
    return nextCheck(schedule.renewalFrequency, schedule.renewalTime, schedule.renewalTimeZone, afterUtc,
                     anchorOf(schedule.renewalDate, record));
}

QDateTime nextDriftCheck(const ProvisioningSchedule& schedule, const CertificateRecord& record,
                         const QDateTime& afterUtc)
{
    const Frequency frequency = schedule.renewalEnabled ? schedule.renewalFrequency : Frequency::Daily;
    return nextCheck(frequency, schedule.renewalTime, schedule.renewalTimeZone, afterUtc,
                     anchorOf(schedule.renewalDate, record));
}

QDateTime nextDeploymentCheck(const ProvisioningSchedule& schedule, const QDateTime& afterUtc)
{
    return nextCheck(schedule.deploymentFrequency, schedule.deploymentTime, schedule.deploymentTimeZone, afterUtc,
                     schedule.deploymentDate.isValid() ? schedule.deploymentDate : afterUtc.date());
}

RenewalDecision decideRenewal(const CertificateRecord& record, const ProvisioningSchedule& schedule,
                              std::optional<RenewalWindow> window, const QDateTime& nowUtc)
{
    if (schedule.renewalEnabled && !hasIssuedMaterial(record)) {
        RenewalDecision first;
        first.due = true;
        first.dueAt = nowUtc;
        first.reason = QObject::tr("no certificate issued yet (first enrollment)");
        return first;
    }
    RenewalDecision decision = renewalDue(schedule, record.notAfter, window, nowUtc, renewalSeed(record.serialHex));
    // "Renew on a date" renews once: a certificate issued on or after that date is the renewal.
    if (decision.due && !window && schedule.renewalTrigger == RenewalTrigger::OnDate && record.notBefore.isValid() &&
        decision.dueAt.isValid() && record.notBefore >= decision.dueAt.addSecs(-3600)) {
        decision.due = false;
        decision.reason =
            QObject::tr("renewed on %1, on or after the renewal date").arg(record.notBefore.toString(Qt::ISODate));
    }
    return decision;
}

quint64 renewalSeed(const QString& serialHex)
{
    quint64 hash = 14695981039346656037ULL;
    for (const char c : serialHex.toLower().toLatin1()) {
        hash ^= quint64(quint8(c));
        hash *= 1099511628211ULL;
    }
    return hash;
}

SchedulePlan planPass(const QList<ScheduleCandidate>& candidates, const QDateTime& nowUtc)
{
    SchedulePlan plan;
    for (const ScheduleCandidate& candidate : candidates) {
        const CertificateRecord& record = candidate.record;
        const store::ScheduleState state = candidate.state.value_or(store::ScheduleState{});
        const bool renewalOn = candidate.config && candidate.config->schedule.renewalEnabled;

        if (!renewalOn && hasIssuedMaterial(record) && record.status != CertificateStatus::Revoked) {
            const int warnDays = candidate.config ? candidate.config->schedule.renewWithinDays : kUnattendedWarningDays;
            const int daysLeft = record.daysLeft(nowUtc);
            if (daysLeft <= qMax(warnDays, 0)) {
                plan.unattended.append({record.id, record.commonName, daysLeft});
            }
        }
        if (!candidate.config) {
            continue; // discovered, not managed: nothing to schedule
        }
        if (record.status == CertificateStatus::Revoked || record.status == CertificateStatus::Suspended) {
            if (renewalOn || state.pendingDeployAt.isValid()) {
                plan.skipped.append(
                    {record.id, QObject::tr("%1 is %2; the scheduler leaves it alone")
                                    .arg(record.commonName, certificateStatusDisplayName(record.status).toLower())});
            }
            continue;
        }
        const ProvisioningSchedule& schedule = candidate.config->schedule;
        CertificatePlan entry;
        entry.certificateId = record.id;
        entry.commonName = record.commonName;
        if (renewalOn && isDueAt(state.nextRenewalCheckAt, nowUtc)) {
            entry.renewalCheck =
                PlannedClaim{record.id, state.nextRenewalCheckAt, nextRenewalCheck(schedule, record, nowUtc)};
        }
        if (state.pendingDeployAt.isValid() && state.pendingDeployAt <= nowUtc) {
            entry.deployment = PlannedClaim{record.id, state.pendingDeployAt, QDateTime()};
        }
        if (record.status == CertificateStatus::Deployed && isDueAt(state.nextDriftCheckAt, nowUtc)) {
            entry.driftCheck =
                PlannedClaim{record.id, state.nextDriftCheckAt, nextDriftCheck(schedule, record, nowUtc)};
        }
        if (entry.renewalCheck || entry.deployment || entry.driftCheck) {
            plan.certificates.append(entry);
        }
    }
    return plan;
}

} // namespace certdeck::scheduling
