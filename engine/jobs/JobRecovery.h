#pragma once

#include "engine/core/Result.h"

#include <QDateTime>
#include <QString>

#include <functional>

namespace certdeck::store {
class Database;
}

namespace certdeck::jobs {

// The name a runner of this process shows in "claimed by": "<host>:<pid>".
QString currentRunnerName();

// How many times one job may be interrupted (its runner died) before it fails for good.
constexpr int kMaxInterruptions = 3;

struct RecoveryOutcome
{
    int requeued = 0; // will resume at their checkpoint with the next runDueJobs
    int failed = 0;   // interrupted too often
};

// After a crash, jobs of a runner that no longer exists stay "running" (or "awaiting-validation") and would block
// their certificate for good. This puts them back in the queue (state queued, unclaimed, message "Interrupted at
// step X; resuming."), keeping their checkpoint so that the resumed run reuses the staged key and the CA's order.
// A job interrupted more than kMaxInterruptions times fails with a message that says so. Each outcome is recorded
// in the audit trail ("job.interrupted"). A job's runner no longer holds it when its lease passed by `nowUtc` (on
// any host: the runner stopped renewing it), or when the runner lived in this boot and pid namespace and its
// process is gone. A job claimed without a lease (before runner ids) counts as this host's when its "<host>:<pid>"
// names `host`. The take-over is atomic: a runner that renewed its lease meanwhile keeps its job. Queued jobs are
// left for the queue runner.
Result<RecoveryOutcome> requeueInterruptedJobs(const store::Database& db, const QString& host,
                                               const std::function<bool(qint64 pid)>& processAlive,
                                               const QDateTime& nowUtc = QDateTime::currentDateTimeUtc());

// True when a process with this pid exists on this machine.
bool processExists(qint64 pid);

} // namespace certdeck::jobs
