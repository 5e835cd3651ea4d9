#pragma once

#include "engine/core/Result.h"
#include "engine/deploy/TargetHost.h"

#include <QJsonObject>

#include <memory>

namespace certdeck::bot {

// The `agentless` parameter of deploy, rollback and remove: another host that this bot deploys to over SSH/SFTP
// (nothing of CertDeck installed there).
//   {host, port, user, hostKeyFingerprint ("SHA256:..."), auth "key"|"password", privateKey, passphrase, password,
//    useSudo}
// The host key must be pinned (a changed one is refused with both fingerprints); the secrets are used to log in and
// wiped; they are never logged. Nothing on the host is touched when connecting fails.
class AgentlessTarget
{
public:
    static bool isRequested(const QJsonObject& params);

    // Checks the parameter without connecting; error kind "invalidParams".
    static Status validate(const QJsonObject& params);

    // Connects (worker thread; blocks up to the connection timeout).
    static Result<std::shared_ptr<deploy::TargetHost>> connect(const QJsonObject& params);

    // "deploy@web01:22" for logs and reports.
    static QString describe(const QJsonObject& params);
};

} // namespace certdeck::bot
