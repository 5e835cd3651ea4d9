#pragma once

#include "engine/core/Result.h"
#include "engine/deploy/DeployerField.h"
#include "engine/domain/ServerType.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <QList>

#include <functional>
#include <memory>

namespace certdeck::deploy {

class TargetHost;

// What the bot hands a deployer: the material and where to verify it.
struct DeployRequest
{
    QVariantMap fields;          // values for fields()
    QByteArray certificatePem;   // leaf
    QByteArray chainPem;         // intermediates (may be empty)
    QByteArray keyPem;           // the staged private key (never logged)
    QString expectedFingerprint; // SHA-256 of the leaf, lowercase hex
    QString verifyHost = QStringLiteral("127.0.0.1");
    int verifyPort = 443;
    QString verifyServerName; // SNI
    int verifyTimeoutMs = 15000;
    bool rollbackOnFailure = true;
    // The machine to act on: null = this host (agent-based); an SSH host for an agentless target. Every file and
    // server command of the deployment goes through it.
    std::shared_ptr<TargetHost> host;
};

// What happened, step by step, for the operator.
struct DeployReport
{
    bool deployed = false;         // the new material is served
    bool rolledBack = false;       // the old material was restored (files back in place)
    bool rollbackVerified = false; // and a handshake showed the previous certificate served again
    QString backupId;              // to roll back later; empty when nothing was changed
    QString servedFingerprint;     // what the endpoint served at the end
    QStringList steps;             // "backed up ...", "wrote ...", "nginx -t ok", "reloaded", "verified ..."
    QString failure;               // empty on success
};

using ProgressFn = std::function<void(int percent, const QString& step)>;

// A server family that certificates can be deployed to. Runs inside certdeck-bot on the host it acts on.
class Deployer
{
public:
    virtual ~Deployer() = default;

    virtual ServerType serverType() const = 0;
    virtual QList<DeployerField> fields() const = 0;
    // A deployer that only delivers files for another program to serve (SFTP, FTP): a request may name no endpoint
    // (empty verifyHost), and every written file is proven by reading it back. Web servers always have one.
    virtual bool endpointOptional() const { return false; }

    // Back up, write atomically, config test, reload, verify the served fingerprint; on failure (with
    // rollbackOnFailure) restore byte-for-byte, reload, verify the old fingerprint. The report says what
    // failed; the Result is an error only when the request itself was invalid (nothing touched).
    virtual Result<DeployReport> deploy(const DeployRequest& request, const ProgressFn& progress) = 0;

    // Requests with the same non-empty key act on the same server instance and may be deployed together by
    // deployBatch(): one config test and one reload for all of them. Empty: never batched (the default).
    virtual QString batchKey(const DeployRequest& /*request*/) const { return {}; }
    // Deploys several requests (of one batch key) at once; one report (or request error) per request, in order.
    // Each request keeps the guarantees of deploy(): a request that fails is rolled back on its own. The default
    // deploys one after another.
    virtual QList<Result<DeployReport>> deployBatch(const QList<DeployRequest>& requests,
                                                    const QList<ProgressFn>& progress)
    {
        QList<Result<DeployReport>> reports;
        for (qsizetype i = 0; i < requests.size(); ++i) {
            reports.append(deploy(requests.at(i), progress.value(i)));
        }
        return reports;
    }
    // Takes the certificate off the server (Delete with "also remove it from the server"): backs up and deletes
    // the certificate, key and chain files named by request.fields, then runs the config test. When the server
    // still needs them (the test fails) everything is restored byte-for-byte and the report says why; otherwise
    // the server is reloaded. Material fields of the request are unused. The default refuses (nothing touched).
    virtual Result<DeployReport> remove(const DeployRequest& /*request*/, const ProgressFn& /*progress*/)
    {
        return fail(QStringLiteral("The %1 deployer cannot remove certificates from the server; remove it by hand.")
                        .arg(serverTypeDisplayName(serverType())),
                    QStringLiteral("unsupported"));
    }
    // Restores the files saved under backupId, reloads and verifies.
    virtual Result<DeployReport> rollback(const QString& backupId, const DeployRequest& request,
                                          const ProgressFn& progress) = 0;
};

} // namespace certdeck::deploy
