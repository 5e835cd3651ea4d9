#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Job.h"

#include <QList>

#include <optional>

namespace certdeck::store {

class Database;

class JobRepository
{
public:
    explicit JobRepository(const Database& db);

    // Inserts a Queued job; refuses (kind "busy") when the certificate already has an unfinished job.
    Result<qint64> create(Job& job) const;
    Status update(const Job& job) const;
    Result<std::optional<Job>> find(qint64 id) const;
    Result<QList<Job>> forCertificate(qint64 certificateId) const; // newest first
    Result<QList<Job>> unfinished() const;
    // Atomically claims a Queued job for runner (state Running, claimedBy, startedAt if unset); false when
    // someone else has it or it is not Queued.
    Result<bool> claim(qint64 id, const QString& runner) const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
