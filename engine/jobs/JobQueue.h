#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Bot.h"
#include "engine/domain/CertificateRecord.h"
#include "engine/domain/CsrTemplate.h"
#include "engine/domain/Job.h"
#include "engine/domain/ProvisioningConfig.h"
#include "engine/jobs/JobRunner.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <limits>
#include <optional>

namespace certdeck::store {
class Database;
}

namespace certdeck::jobs {

// What a job needs loaded before it can run.
struct JobStart
{
    Job job;
    CertificateRecord record;
    ProvisioningConfig config;
    Bot bot;
    // The configuration's CSR template (Full Override with a template name); empty when none is named or it no
    // longer exists (a job that makes a CSR then fails and says so).
    std::optional<CsrTemplate> csrTemplate;
};

// The database side of the job queue. Blocking: the service calls these on its inventory thread.

// Loads the certificate, its configuration and its bot for `job` (which keeps its id, checkpoint, attempts).
Result<JobStart> loadJobInputs(const store::Database& db, Job job);

// Creates a job for `action` (started by `startedBy`) and claims it for `runner` (with the runner's lease).
Result<JobStart> createAndClaimJob(const store::Database& db, JobAction action, qint64 certificateId,
                                   const QJsonObject& params, const QString& startedBy, const JobRunner& runner);

struct DueJobs
{
    QList<JobStart> claimed; // claimed for the runner, ready to run
    QList<Job> failed;       // claimed but their inputs are gone (certificate deleted...): ended Failed
    bool more = false;       // due jobs were left queued because the limit was reached
};

// First puts back in the queue the jobs whose runner lost them (lease expired at `nowUtc`, or its process is
// gone: requeueInterruptedJobs), then claims every queued job whose notBefore has passed at `nowUtc` for `runner`
// (atomically: a job another runner claimed first is skipped) and loads what each needs.
// At most `limit` jobs are claimed (the runner's free places); the others stay queued for the next call.
Result<DueJobs> claimDueJobs(const store::Database& db, const JobRunner& runner, const QDateTime& nowUtc,
                             const QString& actor, int limit = std::numeric_limits<int>::max());

// The earliest notBefore of the queued jobs (invalid when none waits).
Result<QDateTime> nextQueuedAt(const store::Database& db);

// Cancels a queued job (state Cancelled, audit "job.cancel"); refused (kind "conflict") for a job that is running
// or finished, (kind "notFound") for no such job. Jobs awaiting validation in a live runner are cancelled there.
Result<Job> cancelQueuedJob(const store::Database& db, qint64 jobId, const QString& actor, const QString& runner);

} // namespace certdeck::jobs
