#pragma once

#include "engine/jobs/JobRunner.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

#include <memory>

class QTimer;

namespace certdeck::store {
class Database;
}

namespace certdeck::jobs {

// Keeps a runner's claim on its jobs alive: every lease / 3 it moves the lease of every job the runner holds
// forward, on a thread of its own (a long queue of inventory work does not delay it), and puts back in the queue
// the jobs of runners that stopped renewing theirs (jobsReclaimed(): the owner runs its due jobs to resume them).
// A runner that dies stops renewing; once its lease has passed another runner's keeper takes its jobs over.
class JobLeaseKeeper : public QObject
{
    Q_OBJECT
public:
    JobLeaseKeeper(std::shared_ptr<store::Database> database, JobRunner runner, QObject* parent = nullptr);
    ~JobLeaseKeeper() override;

    void start();
    void stop(); // the runner stops renewing (as if it died): its jobs' leases run out
    bool isActive() const;
    const JobRunner& runner() const { return m_runner; }

Q_SIGNALS:
    void renewed(const QList<qint64>& heldJobIds);
    void jobsReclaimed(int count); // other runners' jobs put back in the queue
    void failed(const QString& message);

private:
    void tick();

    std::shared_ptr<store::Database> m_database;
    JobRunner m_runner;
    QThreadPool m_pool; // one thread: renewals stay in order
    QTimer* m_timer = nullptr;
    bool m_ticking = false;
};

} // namespace certdeck::jobs
