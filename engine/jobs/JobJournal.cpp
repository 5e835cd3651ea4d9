#include "engine/jobs/JobJournal.h"

#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"

namespace certdeck::jobs {

JobJournal::JobJournal(std::shared_ptr<store::Database> database, QThreadPool* dbPool, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_dbPool(dbPool)
{
}

void JobJournal::record(const Job& job)
{
    m_pending.insert(job.id, job);
    if (!m_flushQueued) {
        m_flushQueued = true;
        // Queued behind the inventory work already waiting; more steps gather meanwhile.
        QMetaObject::invokeMethod(this, &JobJournal::flush, Qt::QueuedConnection);
    }
}

void JobJournal::commit(const Job& job, QObject* context, std::function<void(Status)> done)
{
    m_pending.remove(job.id);
    const auto database = m_database;
    runInPool<Status>(
        m_dbPool, context, [database, job]() -> Status { return store::JobRepository(*database).updateAsRunner(job); },
        std::move(done));
}

void JobJournal::flush()
{
    const QList<Job> jobs = m_pending.values();
    m_pending.clear();
    const auto database = m_database;
    runInPool<Status>(
        m_dbPool, this,
        [database, jobs]() -> Status {
            return database->transaction([&]() -> Status {
                const store::JobRepository repository(*database);
                for (const Job& job : jobs) {
                    if (auto updated = repository.updateAsRunner(job); !updated.ok()) {
                        if (updated.error().kind == QLatin1String("leaseLost")) {
                            // Another runner holds it now: this step is not recorded, the others are.
                            log::get("engine.jobs")->warn("{}", updated.message().toStdString());
                            continue;
                        }
                        return updated;
                    }
                }
                return {};
            });
        },
        [this, count = jobs.size()](Status status) {
            if (!status.ok()) {
                log::get("engine.jobs")
                    ->error("could not record the steps of {} job(s): {}", count, status.message().toStdString());
            }
            m_flushQueued = false;
            if (!m_pending.isEmpty()) {
                m_flushQueued = true;
                flush();
            }
        });
}

} // namespace certdeck::jobs
