#include "engine/store/JobRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlQuery>

namespace certdeck::store {
namespace {

const QString kSelect =
    QStringLiteral("SELECT id, certificate_id, action, state, step, progress, message, attempts,"
                   " params, result, claimed_by, created_at, started_at, finished_at, started_by, checkpoint,"
                   " not_before, runner_id, runner_process, lease_until FROM jobs");
const QString kUnfinished = QStringLiteral("state IN ('queued', 'running', 'awaiting-validation')");

Job jobFrom(const QSqlQuery& q)
{
    Job job;
    job.id = q.value(QStringLiteral("id")).toLongLong();
    job.certificateId = q.value(QStringLiteral("certificate_id")).toLongLong();
    jobActionFromId(q.value(QStringLiteral("action")).toString(), &job.action);
    if (!jobStateFromId(q.value(QStringLiteral("state")).toString(), &job.state)) {
        job.state = JobState::Failed;
    }
    job.step = q.value(QStringLiteral("step")).toString();
    job.progress = q.value(QStringLiteral("progress")).toInt();
    job.message = q.value(QStringLiteral("message")).toString();
    job.attempts = q.value(QStringLiteral("attempts")).toInt();
    job.params = sql::jsonObject(q.value(QStringLiteral("params")));
    job.result = sql::jsonObject(q.value(QStringLiteral("result")));
    job.claimedBy = q.value(QStringLiteral("claimed_by")).toString();
    job.createdAt = sql::timeFrom(q.value(QStringLiteral("created_at")));
    job.startedAt = sql::timeFrom(q.value(QStringLiteral("started_at")));
    job.finishedAt = sql::timeFrom(q.value(QStringLiteral("finished_at")));
    job.startedBy = q.value(QStringLiteral("started_by")).toString();
    job.checkpoint = sql::jsonObject(q.value(QStringLiteral("checkpoint")));
    job.notBefore = sql::timeFrom(q.value(QStringLiteral("not_before")));
    job.runnerId = q.value(QStringLiteral("runner_id")).toString();
    job.runnerProcess = q.value(QStringLiteral("runner_process")).toString();
    job.leaseUntil = sql::timeFrom(q.value(QStringLiteral("lease_until")));
    return job;
}

Result<QList<Job>> jobsWhere(const QSqlDatabase& db, const QString& clause, const QVariantList& params,
                             const QString& what)
{
    auto query = sql::run(db, kSelect + QLatin1Char(' ') + clause, params, what);
    if (!query) {
        return query.error();
    }
    QList<Job> jobs;
    while (query->next()) {
        jobs.append(jobFrom(*query));
    }
    return jobs;
}

// "busy" when the certificate already has an unfinished job; the message names the certificate and that job.
Status checkCertificateIdle(const QSqlDatabase& db, const Job& job)
{
    auto query =
        sql::run(db,
                 QStringLiteral("SELECT c.common_name, j.id, j.action, j.state FROM certificates c"
                                " LEFT JOIN jobs j ON j.certificate_id = c.id AND j.") +
                     kUnfinished + QStringLiteral(" WHERE c.id = ?"),
                 {job.certificateId}, QStringLiteral("check the jobs of certificate #%1").arg(job.certificateId));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return fail(QStringLiteral("Could not start %1 for certificate #%2: the certificate is not in the inventory.")
                        .arg(jobActionId(job.action))
                        .arg(job.certificateId),
                    QStringLiteral("notFound"));
    }
    if (!query->value(1).isNull()) {
        return fail(
            QStringLiteral("Certificate \"%1\" (#%2) is busy: its %3 job #%4 is still %5. Wait for it to finish "
                           "or cancel it, then try again.")
                .arg(query->value(0).toString())
                .arg(job.certificateId)
                .arg(query->value(2).toString())
                .arg(query->value(1).toLongLong())
                .arg(query->value(3).toString()),
            QStringLiteral("busy"));
    }
    return {};
}

} // namespace

JobRepository::JobRepository(const Database& db)
    : m_db(db)
{
}

Result<qint64> JobRepository::create(Job& job) const
{
    Job queued = job;
    queued.state = JobState::Queued;
    queued.claimedBy.clear();
    if (!queued.createdAt.isValid()) {
        queued.createdAt = QDateTime::currentDateTimeUtc();
    }
    qint64 id = 0;
    const Status status = m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        if (queued.certificateId != 0) {
            if (Status idle = checkCertificateIdle(db, queued); !idle) {
                return idle;
            }
        }
        auto inserted = sql::scalar(
            db,
            QStringLiteral(
                "INSERT INTO jobs (certificate_id, action, state, step, progress, message, attempts, params,"
                " result, claimed_by, created_at, started_at, finished_at, started_by, checkpoint, not_before)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {sql::idOrNull(queued.certificateId), jobActionId(queued.action), jobStateId(queued.state), queued.step,
             queued.progress, queued.message, queued.attempts, sql::jsonText(queued.params),
             sql::jsonText(queued.result), queued.claimedBy, sql::time(queued.createdAt), sql::time(queued.startedAt),
             sql::time(queued.finishedAt), queued.startedBy, sql::jsonText(queued.checkpoint),
             sql::time(queued.notBefore)},
            QStringLiteral("record the %1 job of certificate #%2")
                .arg(jobActionId(queued.action))
                .arg(queued.certificateId));
        if (!inserted) {
            if (inserted.error().kind == QLatin1String("duplicate")) {
                return fail(QStringLiteral("Certificate #%1 is busy: another job for it was started at the same time. "
                                           "Wait for it to finish, then try again.")
                                .arg(queued.certificateId),
                            QStringLiteral("busy"));
            }
            return inserted.error();
        }
        id = inserted->toLongLong();
        return {};
    });
    if (!status) {
        return status.error();
    }
    queued.id = id;
    job = queued;
    return id;
}

Result<int> JobRepository::updateWhere(const Job& job, const QString& condition, const QVariantList& params) const
{
    // Held while it runs or waits for validation; released (no runner, no lease) once queued again or ended.
    const bool held = job.state == JobState::Running || job.state == JobState::AwaitingValidation;
    int saved = 0;
    const Status status = m_db.transaction([&]() -> Status {
        auto query = sql::run(
            m_db.connection(),
            QStringLiteral("UPDATE jobs SET action = ?, state = ?, step = ?, progress = ?, message = ?, attempts = ?,"
                           " params = ?, result = ?, claimed_by = ?, started_at = ?, finished_at = ?, started_by = ?,"
                           " checkpoint = ?, not_before = ?") +
                (held ? QString() : QStringLiteral(", runner_id = '', runner_process = '', lease_until = NULL")) +
                QStringLiteral(" WHERE id = ?") + condition,
            QVariantList{jobActionId(job.action), jobStateId(job.state), job.step, job.progress, job.message,
                         job.attempts, sql::jsonText(job.params), sql::jsonText(job.result), job.claimedBy,
                         sql::time(job.startedAt), sql::time(job.finishedAt), job.startedBy,
                         sql::jsonText(job.checkpoint), sql::time(job.notBefore), job.id} +
                params,
            QStringLiteral("save job #%1").arg(job.id));
        if (!query) {
            if (query.error().kind == QLatin1String("duplicate")) {
                return fail(QStringLiteral("Could not reopen job #%1: certificate #%2 already has another unfinished "
                                           "job.")
                                .arg(job.id)
                                .arg(job.certificateId),
                            QStringLiteral("busy"));
            }
            return query.error();
        }
        saved = query->numRowsAffected();
        return {};
    });
    if (!status) {
        return status.error();
    }
    return saved;
}

Status JobRepository::update(const Job& job) const
{
    auto saved = updateWhere(job, QString(), {});
    if (!saved) {
        return saved.error();
    }
    if (saved.value() == 0) {
        return fail(QStringLiteral("Could not save job #%1: it no longer exists.").arg(job.id),
                    QStringLiteral("notFound"));
    }
    return {};
}

Status JobRepository::updateAsRunner(const Job& job) const
{
    auto saved = updateWhere(job, QStringLiteral(" AND runner_id = ?"), {job.runnerId});
    if (!saved) {
        return saved.error();
    }
    if (saved.value() == 1) {
        return {};
    }
    auto now = find(job.id);
    if (!now) {
        return now.error();
    }
    if (!now->has_value()) {
        return fail(QStringLiteral("Could not save job #%1: it no longer exists.").arg(job.id),
                    QStringLiteral("notFound"));
    }
    const Job& current = now->value();
    const QString holder = current.runnerId.isEmpty()
                               ? QStringLiteral("it is %1 and held by no runner").arg(jobStateId(current.state))
                               : QStringLiteral("runner %1 (%2) took it over").arg(current.claimedBy, current.runnerId);
    return fail(QStringLiteral("Job #%1 is no longer held by this runner: its lease expired and %2. What this runner "
                               "did since was not recorded; the job's new run goes on from its last checkpoint.")
                    .arg(job.id)
                    .arg(holder),
                QStringLiteral("leaseLost"));
}

Result<bool> JobRepository::takeOver(const Job& job, const QDateTime& leaseExpiredBy) const
{
    QString condition = QStringLiteral(" AND runner_id = ? AND state IN ('running', 'awaiting-validation')");
    QVariantList params{job.runnerId};
    if (leaseExpiredBy.isValid()) {
        condition += QStringLiteral(" AND lease_until IS NOT NULL AND lease_until <= ?");
        params.append(sql::time(leaseExpiredBy));
    }
    auto saved = updateWhere(job, condition, params);
    if (!saved) {
        return saved.error();
    }
    return saved.value() == 1;
}

Result<std::optional<Job>> JobRepository::find(qint64 id) const
{
    auto jobs =
        jobsWhere(m_db.connection(), QStringLiteral("WHERE id = ?"), {id}, QStringLiteral("read job #%1").arg(id));
    if (!jobs) {
        return jobs.error();
    }
    if (jobs->isEmpty()) {
        return std::optional<Job>();
    }
    return std::optional<Job>(jobs->constFirst());
}

Result<QList<Job>> JobRepository::forCertificate(qint64 certificateId) const
{
    return jobsWhere(m_db.connection(), QStringLiteral("WHERE certificate_id = ? ORDER BY id DESC"), {certificateId},
                     QStringLiteral("read the jobs of certificate #%1").arg(certificateId));
}

Result<QList<Job>> JobRepository::unfinished() const
{
    return jobsWhere(m_db.connection(), QStringLiteral("WHERE ") + kUnfinished + QStringLiteral(" ORDER BY id"), {},
                     QStringLiteral("read the unfinished jobs"));
}

Result<bool> JobRepository::claim(qint64 id, const QString& runner) const
{
    return claim(id, JobClaim{.runnerName = runner});
}

Result<bool> JobRepository::claim(qint64 id, const JobClaim& claim) const
{
    bool claimed = false;
    const Status status = m_db.transaction([&]() -> Status {
        auto query = sql::run(
            m_db.connection(),
            QStringLiteral("UPDATE jobs SET state = 'running', claimed_by = ?, runner_id = ?,"
                           " runner_process = ?, lease_until = ?,"
                           " started_at = COALESCE(started_at, ?) WHERE id = ? AND state = 'queued'"),
            {claim.runnerName, claim.runnerId, claim.runnerProcess, sql::time(claim.leaseUntil), sql::nowText(), id},
            QStringLiteral("claim job #%1").arg(id));
        if (!query) {
            return query.error();
        }
        claimed = query->numRowsAffected() == 1;
        return {};
    });
    if (!status) {
        return status.error();
    }
    return claimed;
}

Result<QList<qint64>> JobRepository::renewLeases(const QString& runnerId, const QDateTime& leaseUntil) const
{
    QList<qint64> held;
    if (runnerId.isEmpty()) {
        return held;
    }
    const Status status = m_db.transaction([&]() -> Status {
        auto query =
            sql::run(m_db.connection(),
                     QStringLiteral("UPDATE jobs SET lease_until = ? WHERE runner_id = ? AND state IN"
                                    " ('running', 'awaiting-validation') RETURNING id"),
                     {sql::time(leaseUntil), runnerId}, QStringLiteral("renew the leases of runner %1").arg(runnerId));
        if (!query) {
            return query.error();
        }
        while (query->next()) {
            held.append(query->value(0).toLongLong());
        }
        return {};
    });
    if (!status) {
        return status.error();
    }
    return held;
}

} // namespace certdeck::store
