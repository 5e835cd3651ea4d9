#pragma once

#include "engine/core/Result.h"

#include <QString>

#include <functional>

namespace certdeck::store {
class Database;
}

namespace certdeck::jobs {

// The runner name a job is claimed by: "<host>:<pid>".
QString currentRunnerName();

// After a crash, jobs of a runner that no longer exists stay "running" and would block their certificate for
// good. This marks them Failed with a message that says what happened and what to do, and records it in the
// audit trail. Only jobs of this host are touched (a shared inventory may have live runners elsewhere); queued
// jobs nobody claimed are failed once they are older than `unclaimedGraceSecs`.
// Returns how many jobs were marked.
Result<int> failInterruptedJobs(const store::Database& db, const QString& host,
                                const std::function<bool(qint64 pid)>& processAlive, int unclaimedGraceSecs = 600);

// True when a process with this pid exists on this machine.
bool processExists(qint64 pid);

} // namespace certdeck::jobs
