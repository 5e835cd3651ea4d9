#pragma once

#include "deployers/common/DeploymentJournal.h"
#include "engine/deploy/DeployerRegistry.h"

#include <QJsonArray>

#include <condition_variable>
#include <memory>
#include <mutex>

namespace certdeck::bot {

// When the bot starts, finishes what a killed bot left in its deployment journal: every deployment or rollback
// in progress is undone (backup restored byte-for-byte, config test, reload, previous certificate verified by
// handshake). Runs on the deploy thread, before any deploy. hello lists the outcomes so the console can show them:
// [{backupId, recordId, kind, serverType, outcome, message, fingerprint, previousFingerprint, endpoint, files}],
// outcome "recovered", "unverified", "failed" (the record stays), "refused" (a record that is malformed or points
// outside the state directory: not followed) or "inProgress" (hello did not wait for it).
class StartupRecovery
{
public:
    StartupRecovery(std::shared_ptr<deployers::DeploymentJournal> journal, const deploy::DeployerRegistry& registry);

    void run();
    bool finished() const;
    // The outcomes once run() has finished, or what is known after waiting `waitMs`.
    QJsonArray outcomes(int waitMs) const;

private:
    std::shared_ptr<deployers::DeploymentJournal> m_journal;
    const deploy::DeployerRegistry& m_registry;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_done;
    bool m_finished = false;
    QJsonArray m_outcomes;
};

} // namespace certdeck::bot
