#pragma once

#include "engine/store/JobRepository.h"

#include <QDateTime>
#include <QString>

#include <chrono>

namespace certdeck::jobs {

// One runner of jobs (a console's LifecycleService, `certdeckctl`, the scheduler). It holds the jobs it claimed for
// a lease that it renews while it works (every lease / 3); a runner that dies stops renewing, and once the lease has
// passed another runner takes the job over and resumes it from its checkpoint. The id is random, so two runners are
// never mistaken for one another, not even on two hosts with the same name; the name is what people read.
struct JobRunner
{
    QString id;
    QString name;    // "<host>:<pid>" by default
    QString process; // where its pid can be checked: "<boot id>:<pid namespace>:<pid>" (empty: nowhere)
    std::chrono::milliseconds lease{std::chrono::seconds(60)};

    // A new runner with a random id, living in this process.
    static JobRunner create(const QString& name, std::chrono::milliseconds lease);

    QDateTime leaseUntil(const QDateTime& nowUtc) const { return nowUtc.addMSecs(lease.count()); }
    store::JobClaim claimAt(const QDateTime& nowUtc) const { return {name, id, process, leaseUntil(nowUtc)}; }
};

// This process as a runner's `process`: "<boot id>:<pid namespace>:<pid>", empty where the kernel does not say
// (then only the lease frees a dead runner's jobs).
QString thisRunnerProcess();

// From a runner's `process`: its pid when it lives in the same boot and pid namespace as this process (its pid can
// be checked with kill(pid, 0) here), else 0.
qint64 localPidOf(const QString& runnerProcess);

} // namespace certdeck::jobs
