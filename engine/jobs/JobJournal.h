#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Job.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <functional>

#include <memory>

namespace certdeck::store {
class Database;
}

namespace certdeck::jobs {

// Writes the steps of running jobs to the inventory on the ordered inventory thread. Updates that arrive while a
// write is queued are merged (the latest state of each job wins) and written in one transaction: with hundreds of
// jobs at once, one commit (one fsync) records many steps instead of one each. Every write is conditional on the
// job's runner still holding it (JobRepository::updateAsRunner): a runner whose lease expired records nothing more.
class JobJournal : public QObject
{
    Q_OBJECT
public:
    JobJournal(std::shared_ptr<store::Database> database, QThreadPool* dbPool, QObject* parent = nullptr);

    void record(const Job& job);
    // Writes the job now (with its checkpoint) and calls `done` once the write is committed: a step with an
    // external effect waits for this so that a resumed run finds what it needs. Unwritten steps of the job are
    // dropped (this state is newer).
    void commit(const Job& job, QObject* context, std::function<void(Status)> done);
    // Drops the job's unwritten steps: its final state is being written (it must not be overwritten by them).
    void forget(qint64 jobId) { m_pending.remove(jobId); }

private:
    void flush();

    std::shared_ptr<store::Database> m_database;
    QThreadPool* m_dbPool;
    QHash<qint64, Job> m_pending;
    bool m_flushQueued = false;
};

} // namespace certdeck::jobs
