#pragma once

#include "app/certdeck-bot/KeyStaging.h"
#include "engine/deploy/Deployer.h"
#include "engine/deploy/DeployerRegistry.h"

#include <QJsonObject>
#include <QString>

#include <mutex>

namespace certdeck::bot {

// The answer to one request: a result object, or a protocol error code with a readable message.
struct HandlerOutcome
{
    QJsonObject result;
    int errorCode = 0; // 0: success
    QString errorMessage;

    static HandlerOutcome success(QJsonObject result) { return {std::move(result), 0, {}}; }
    static HandlerOutcome failure(int code, QString message) { return {{}, code, std::move(message)}; }
};

// The bot's methods that do work: csr.create, deploy, rollback, probe.tls. Thread-safe; they run on
// worker threads. Deploys and rollbacks run one at a time (they reload servers on this host).
class MethodHandlers
{
public:
    MethodHandlers(KeyStaging staging, const deploy::DeployerRegistry& registry);

    HandlerOutcome createCsr(const QJsonObject& params) const;
    HandlerOutcome deploy(const QJsonObject& params, const deploy::ProgressFn& progress);
    HandlerOutcome rollback(const QJsonObject& params, const deploy::ProgressFn& progress);
    HandlerOutcome probeTls(const QJsonObject& params) const;

    static QJsonObject reportToJson(const deploy::DeployReport& report);

private:
    struct Target;
    HandlerOutcome resolveTarget(const QJsonObject& params, Target* target) const;
    const KeyStaging m_staging;
    const deploy::DeployerRegistry& m_registry;
    std::mutex m_deployMutex;
};

} // namespace certdeck::bot
