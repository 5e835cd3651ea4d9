#pragma once

#include "engine/bots/BotService.h"
#include "engine/core/Result.h"
#include "engine/discovery/DiscoveryTypes.h"
#include "engine/discovery/InventoryImport.h"
#include "engine/domain/Bot.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace certdeck::store {
class Database;
}
namespace certdeck::secrets {
class SecretStore;
}
namespace certdeck::audit {
class AuditTrail;
}

// The blocking steps behind bots::BotService, one function per operation. They run on BotService's worker threads
// (each thread has its own database connection; SSH and the keychain block) and never on the GUI thread.
namespace certdeck::bots::steps {

struct Env
{
    const store::Database& db;
    const secrets::SecretStore& secrets;
    const audit::AuditTrail* audit = nullptr;
    QString localBotBinary;
};

using StepProgress = std::function<void(int percent, const QString& step)>;

// Checks an add request; the message names the field ("Name", "Host", "Port", "User", "Private key", "Password").
Status validate(const SshBotRequest& request);
// Overwrites the request's secrets with zeros.
void wipe(SshBotRequest& request);

Result<QList<Bot>> list(const Env& env);
Result<Bot> load(const Env& env, qint64 botId);
Result<Bot> add(const Env& env, SshBotRequest request);
Result<SshHostKey> fetchHostKey(const Env& env, qint64 botId);
// Pins the fingerprint after checking that the host offers exactly it (kind "hostKeyMismatch" otherwise).
Result<Bot> confirmHostKey(const Env& env, qint64 botId, const QString& fingerprint);
Status testConnection(const Env& env, qint64 botId);
Result<InstallOutcome> install(const Env& env, qint64 botId, const StepProgress& progress);
// A bot that can run a scan: an installed SSH bot with a pinned key, or the local bot.
Result<Bot> scannable(const Env& env, qint64 botId);
// Stores a scan answer on the bot (with what its hello said) and imports its certificates and endpoints.
Result<discovery::SystemScan> storeScan(const Env& env, qint64 botId, const QJsonObject& answer,
                                        const QJsonObject& botInfo);
// Records a failed contact on the bot (last error) and in the audit trail.
void recordFailure(const Env& env, qint64 botId, const QString& action, const Error& error);
Status remove(const Env& env, qint64 botId);

} // namespace certdeck::bots::steps
