#pragma once

#include "app/certdeck-bot/DeployQueue.h"
#include "app/certdeck-bot/MethodHandlers.h"
#include "app/certdeck-bot/ProtocolWriter.h"
#include "app/certdeck-bot/StartupRecovery.h"
#include "app/certdeck-bot/StdinReader.h"
#include "engine/bots/BotProtocol.h"
#include "engine/deploy/BotPolicy.h"
#include "engine/deploy/DeployerRegistry.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>

namespace certdeck::bot {

struct ServeOptions
{
    QString stateDir;
    // What this host's administrator lets the bot do (deploy::BotPolicy::load()); never changed by a request.
    std::shared_ptr<const deploy::BotPolicy> policy;
    // What hello announces. Only tests change it (hidden --protocol-version) to exercise a version mismatch.
    int protocolVersion = bots::protocol::kVersion;
    // How many requests may wait or run at once (worker threads and the deploy queue together); more are refused
    // with a "busy" error instead of queueing without limit.
    int maxQueuedRequests = 512;
};

// `certdeck-bot serve`: reads requests from stdin, answers on stdout (one JSON line each). hello is answered
// at once; work (key generation, DCV files, TLS probes) runs on worker threads so the loop keeps reading; deploys
// and rollbacks are checked there and then run by the DeployQueue.
// At start, the recovery of interrupted deployments (StartupRecovery) is the deploy thread's first work; hello
// waits for it (up to kHelloRecoveryWaitMs) to list its outcomes, and deploys queue behind it.
// When the console closes stdin, running work finishes and the application quits.
class BotServer : public QObject
{
    Q_OBJECT
public:
    BotServer(ServeOptions options, QObject* parent = nullptr);
    ~BotServer() override;

    void start();

    static constexpr int kHelloRecoveryWaitMs = 10000;

private:
    void onLine(const QByteArray& line);
    void onEndOfInput();
    void answerHello(const bots::protocol::Message& request);
    void runInWorker(const bots::protocol::Message& request);
    void reply(qint64 id, const HandlerOutcome& outcome);
    // dcv.put / dcv.remove: the DCV path must lie in the policy's write trees.
    HandlerOutcome writeDcv(const QString& method, const QJsonObject& params) const;
    QStringList methods() const;
    ServeOptions m_options;
    std::shared_ptr<deployers::DeploymentJournal> m_journal; // deployments in progress, in the state directory
    deploy::DeployerRegistry m_registry;
    ProtocolWriter m_writer;
    MethodHandlers m_handlers;
    StartupRecovery m_recovery{m_journal, m_registry};
    DeployQueue m_deployQueue{m_handlers}; // recovery, deploys and rollbacks: one at a time, batched per server
    StdinReader m_reader;
    QThreadPool m_workers;
    bool m_handshakeDone = false;
    std::atomic<int> m_outstanding{0}; // requests accepted and not answered yet
};

} // namespace certdeck::bot
