#pragma once

#include "app/certdeck-bot/MethodHandlers.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace certdeck::bot {

// Runs everything that changes servers on this host, one at a time, on its own thread, so that light requests
// (csr.create, dcv.put, probe.tls) never wait behind a reload. Deploys that arrive while another one runs and
// go to the same server instance are taken together as one batch: one config test and one reload for all of
// them (500 certificates to one nginx are one reload, not 500).
class DeployQueue
{
public:
    using Finish = std::function<void(const HandlerOutcome&)>;

    explicit DeployQueue(MethodHandlers& handlers);
    ~DeployQueue(); // finishes what is queued, then stops

    void submitDeploy(PreparedDeploy prepared, deploy::ProgressFn progress, Finish finish);
    // Work that must not overlap with deploys (rollbacks).
    void submitExclusive(std::function<HandlerOutcome()> work, Finish finish);
    void waitUntilIdle();

    static constexpr int kMaxBatch = 250;

private:
    struct Item
    {
        QString batchKey; // empty: alone
        std::optional<PreparedDeploy> deploy;
        deploy::ProgressFn progress;
        std::function<HandlerOutcome()> work;
        Finish finish;
    };
    void loop();
    void runBatch(std::deque<Item>& batch);

    MethodHandlers& m_handlers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Item> m_items;
    bool m_busy = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace certdeck::bot
