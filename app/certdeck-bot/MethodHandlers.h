#pragma once

#include "app/certdeck-bot/KeyStaging.h"
#include "engine/deploy/Deployer.h"
#include "engine/deploy/DeployerRegistry.h"

#include <QJsonObject>
#include <QString>

#include <memory>
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

// A deploy request that passed every check, with its staged key loaded: nothing on the server touched yet.
struct PreparedDeploy
{
    ServerType type = ServerType::Nginx;
    std::shared_ptr<deploy::Deployer> deployer;
    deploy::DeployRequest request;
    QString commonName;
    QString keyId;

    // Requests with the same non-empty key go to the same server instance and can share one reload.
    QString batchKey() const;
};

// The bot's methods that do work: csr.create, deploy, rollback, remove, probe.tls. Thread-safe; they run on
// worker threads. Deploys and rollbacks run one at a time (they reload servers on this host).
class MethodHandlers
{
public:
    MethodHandlers(KeyStaging staging, const deploy::DeployerRegistry& registry);

    HandlerOutcome createCsr(const QJsonObject& params) const;
    HandlerOutcome deploy(const QJsonObject& params, const deploy::ProgressFn& progress);
    // deploy() in two parts, so that requests for one server can be batched (see DeployQueue).
    HandlerOutcome prepareDeploy(const QJsonObject& params, PreparedDeploy* prepared) const;
    // Requests of one batch key: one config test and reload for all; one outcome per request, in order.
    QList<HandlerOutcome> deployPrepared(QList<PreparedDeploy>& batch, const QList<deploy::ProgressFn>& progress);
    HandlerOutcome rollback(const QJsonObject& params, const deploy::ProgressFn& progress);
    // Takes the certificate files named by the fields off the server (see deploy::Deployer::remove).
    HandlerOutcome remove(const QJsonObject& params, const deploy::ProgressFn& progress);
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
