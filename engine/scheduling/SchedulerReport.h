#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace certdeck::scheduling {

// One thing a scheduler pass did (or, in a dry run, would do) for one certificate.
struct SchedulerAction
{
    qint64 certificateId = 0;
    QString commonName;
    // "renew", "deploy", "drift-check", "check" (a renewal check that found nothing due), "resume" (a queued
    // job run by LifecycleService::runDueJobs)
    QString action;
    qint64 jobId = 0; // 0: no job
    // A job's final state id ("succeeded", "failed", "rolled-back"...), or "skipped" (another job or scheduler
    // has the certificate), "pending" (deployment recorded for later), "not-due", "would-run" (dry run),
    // "error" (the scheduler itself could not do it).
    QString state;
    QString message;

    bool isFailure() const;
};

struct SchedulerReport
{
    QDateTime at; // the pass's "now" (UTC)
    bool dryRun = false;
    QList<SchedulerAction> actions;

    // Renewals and deployments (and resumed jobs) that failed; drift re-checks report but do not count.
    int failures() const;
    bool rolledBack() const;
};

} // namespace certdeck::scheduling
