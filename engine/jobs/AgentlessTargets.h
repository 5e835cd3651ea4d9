#pragma once

#include "engine/core/Result.h"

#include <QJsonObject>
#include <QString>

namespace certdeck::store {
class Database;
}
namespace certdeck::secrets {
class SecretStore;
}

namespace certdeck::jobs {

// The `agentless` parameter of a bot's deploy/rollback/remove for a provisioning config whose "Agentless server"
// names a bot entry of role AgentlessTarget (by its name, or by its host when exactly one such entry is on it): {host,
// port, user, hostKeyFingerprint, auth, privateKey, passphrase, password, useSudo}, with the login secret read from the
// keychain (botSecretKey(id, "key"/"passphrase"/ "password")). Blocking (database and keychain): a worker thread only,
// never the GUI thread. The result holds secrets: it goes into the bot request and nowhere else (never logged, never
// stored). Unknown name, an entry that is not an agentless target, an unpinned host key or a missing secret: an error
// that says what to fix (kind "agentlessTarget"); nothing has been touched then.
Result<QJsonObject> loadAgentlessTarget(const store::Database& database, const secrets::SecretStore* secrets,
                                        const QString& name);

} // namespace certdeck::jobs
