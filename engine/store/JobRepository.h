#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Job.h"

#include <QDateTime>
#include <QList>
#include <QVariantList>

#include <optional>

namespace certdeck::store {

class Database;

// Who claims a job, and until when it holds it (see Job::runnerId). Without an id and a lease (older callers), the
// job is held until its runner ends it or crash recovery finds its process gone.
struct JobClaim
{
    QString runnerName;    // claimed_by, as people read it
    QString runnerId;      // decides who holds the job
    QString runnerProcess; // "<boot id>:<pid namespace>:<pid>"
    QDateTime leaseUntil;
};

class JobRepository
{
public:
    explicit JobRepository(const Database& db);

    // Inserts a Queued job; refuses (kind "busy") when the certificate already has an unfinished job.
    Result<qint64> create(Job& job) const;
    // Saves the job whoever holds it (recovery, cancelling a queued job). A job saved Queued or in a final state
    // is released: its runner id, process and lease are cleared.
    Status update(const Job& job) const;
    // The save of the runner that holds the job (`job.runnerId`): refused (kind "leaseLost") when the job is no
    // longer held by that runner (its lease expired and another runner took it over, or it was released).
    Status updateAsRunner(const Job& job) const;
    // Recovery taking the job away from the runner `job.runnerId` and saving it as given (queued again or failed):
    // false when that runner no longer holds it, or (with `leaseExpiredBy` valid) when it renewed its lease past
    // that instant meanwhile.
    Result<bool> takeOver(const Job& job, const QDateTime& leaseExpiredBy) const;
    Result<std::optional<Job>> find(qint64 id) const;
    Result<QList<Job>> forCertificate(qint64 certificateId) const; // newest first
    Result<QList<Job>> unfinished() const;
    // Atomically claims a Queued job for runner (state Running, claimedBy, startedAt if unset); false when
    // someone else has it or it is not Queued.
    Result<bool> claim(qint64 id, const QString& runner) const;
    Result<bool> claim(qint64 id, const JobClaim& claim) const;
    // Moves the lease of every job `runnerId` holds to `leaseUntil`; the ids of the jobs it still holds.
    Result<QList<qint64>> renewLeases(const QString& runnerId, const QDateTime& leaseUntil) const;

private:
    // update() with `condition` added to "WHERE id = ?"; the number of rows saved (0 or 1).
    Result<int> updateWhere(const Job& job, const QString& condition, const QVariantList& params) const;

    const Database& m_db;
};

} // namespace certdeck::store
