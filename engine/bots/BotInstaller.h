#pragma once

#include "engine/bots/SshSession.h"
#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace certdeck::bots {

// What `certdeck-bot --version` says: "certdeck-bot 0.9.0 (bot protocol 1)".
struct BotVersion
{
    QString version;
    int protocolVersion = 0;
    bool operator==(const BotVersion&) const = default;
};

struct BotInstallResult
{
    QString action; // "installed", "upgraded" or "up to date"
    QString version;
    int protocolVersion = 0;
    QString remotePath; // absolute ("~/" resolved)
};

// Copies certdeck-bot to a host over SFTP, or upgrades the one there when its version or protocol version differs.
// Blocking (worker thread). Error kinds: those of SshSession, plus "architecture" (the host's `uname -m` differs
// from this machine's), "notCertdeckBot" (something else is at the path: it is left alone), "localBot" (the local
// binary cannot be read or run), "verification" (the installed binary does not report the expected version).
class BotInstaller
{
public:
    // remotePath: absolute, or "~/..." (the login directory, e.g. "~/.local/bin/certdeck-bot").
    static Result<BotInstallResult> install(SshSession& session, const QString& localBotBinary,
                                            const QString& remotePath);

    // After install: runs `sudo -n <botPath> policy init` on the host: it creates /etc/certdeck/bot-policy.conf with
    // the safe defaults when there is none and never changes an existing one. Never fails the installation: a bot
    // without the file follows its built-in defaults, and the sentence returned says which of these happened and what
    // the host's administrator can do. Without useSudo nothing runs (the bot's account cannot own a file under /etc).
    static QString ensurePolicy(SshSession& session, const QString& botPath, bool useSudo);

    // Parses `--version` output; nullopt when it is not certdeck-bot's.
    static std::optional<BotVersion> parseVersion(const QByteArray& output);
    // Runs `localBotBinary --version` here.
    static Result<BotVersion> localVersion(const QString& localBotBinary);
    // This machine's architecture as `uname -m` prints it ("x86_64", "aarch64").
    static QString localArchitecture();
};

} // namespace certdeck::bots
