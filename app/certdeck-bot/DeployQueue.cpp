#include "app/certdeck-bot/DeployQueue.h"

namespace certdeck::bot {

DeployQueue::DeployQueue(MethodHandlers& handlers)
    : m_handlers(handlers)
    , m_thread([this] { loop(); })
{
}

DeployQueue::~DeployQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void DeployQueue::submitDeploy(PreparedDeploy prepared, deploy::ProgressFn progress, Finish finish)
{
    Item item;
    item.batchKey = prepared.batchKey();
    item.deploy = std::move(prepared);
    item.progress = std::move(progress);
    item.finish = std::move(finish);
    {
        std::lock_guard lock(m_mutex);
        m_items.push_back(std::move(item));
    }
    m_wake.notify_one();
}

void DeployQueue::submitExclusive(std::function<HandlerOutcome()> work, Finish finish)
{
    Item item;
    item.work = std::move(work);
    item.finish = std::move(finish);
    {
        std::lock_guard lock(m_mutex);
        m_items.push_back(std::move(item));
    }
    m_wake.notify_one();
}

void DeployQueue::waitUntilIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_items.empty() && !m_busy; });
}

void DeployQueue::loop()
{
    for (;;) {
        std::deque<Item> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_items.empty(); });
            if (m_items.empty()) {
                return; // stopping, nothing left
            }
            batch.push_back(std::move(m_items.front()));
            m_items.pop_front();
            const QString key = batch.front().batchKey;
            // Everything queued for the same server instance joins, in arrival order.
            for (auto it = m_items.begin(); !key.isEmpty() && it != m_items.end() && batch.size() < kMaxBatch;) {
                if (it->batchKey == key) {
                    batch.push_back(std::move(*it));
                    it = m_items.erase(it);
                } else {
                    ++it;
                }
            }
            m_busy = true;
        }
        runBatch(batch);
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
            if (m_items.empty()) {
                m_idle.notify_all();
            }
        }
    }
}

void DeployQueue::runBatch(std::deque<Item>& batch)
{
    if (batch.front().work) {
        batch.front().finish(batch.front().work());
        return;
    }
    QList<PreparedDeploy> prepared;
    QList<deploy::ProgressFn> progress;
    for (Item& item : batch) {
        prepared << std::move(*item.deploy);
        progress << item.progress;
    }
    const QList<HandlerOutcome> outcomes = m_handlers.deployPrepared(prepared, progress);
    for (size_t i = 0; i < batch.size(); ++i) {
        batch[i].finish(outcomes.value(qsizetype(i)));
    }
}

} // namespace certdeck::bot
