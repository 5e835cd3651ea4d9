#pragma once

#include "engine/core/Result.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace certdeck::store {

class Database;

// What the scheduler remembers per certificate (table schedule_state), all instants UTC.
struct ScheduleState
{
    qint64 certificateId = 0;
    QDateTime nextRenewalCheckAt; // invalid: check at the next pass
    QDateTime pendingDeployAt;    // invalid: no deployment waiting
    QDateTime nextDriftCheckAt;   // invalid: check at the next pass
    QDateTime lastRenewalCheckAt;
    QString lastOutcome; // user-readable, e.g. "renewed, deployment pending until ..."
};

// The scheduler's claims are compare-and-set updates: each changes a column only while it still holds the value
// the caller read, so two schedulers (the console and the systemd timer, two hosts on one PostgreSQL inventory)
// never act on the same occurrence. A claim answers false when someone else changed the value first.
class ScheduleStateRepository
{
public:
    explicit ScheduleStateRepository(const Database& db);

    Result<QHash<qint64, ScheduleState>> all() const;
    Result<std::optional<ScheduleState>> find(qint64 certificateId) const;

    // next_renewal_check_at: expected -> next (expected invalid: the column must be NULL or the row missing).
    // Also records last_renewal_check_at.
    Result<bool> claimRenewalCheck(qint64 certificateId, const QDateTime& expected, const QDateTime& next) const;
    // next_drift_check_at: expected -> next.
    Result<bool> claimDriftCheck(qint64 certificateId, const QDateTime& expected, const QDateTime& next) const;
    // Records a deployment waiting until `at` (replaces any earlier one).
    Status setPendingDeploy(qint64 certificateId, const QDateTime& at) const;
    // Takes the pending deployment `expected` (clears pending_deploy_at); false when it was taken or replaced.
    Result<bool> claimPendingDeploy(qint64 certificateId, const QDateTime& expected) const;
    Status setLastOutcome(qint64 certificateId, const QString& outcome) const;
    // The earliest instant at which the scheduler has something to do: a renewal or drift check, a pending
    // deployment, or a queued job's not_before. Invalid when nothing is scheduled.
    Result<QDateTime> earliestInstant() const;

private:
    Status ensureRow(qint64 certificateId) const;
    Result<bool> compareAndSet(qint64 certificateId, const QString& column, const QDateTime& expected,
                               const QDateTime& next, bool touchLastCheck) const;

    const Database& m_db;
};

} // namespace certdeck::store
