#pragma once

#include "engine/bots/SshSession.h"
#include "engine/core/Result.h"
#include "engine/discovery/DiscoveryTypes.h"
#include "engine/domain/Bot.h"

#include <QObject>
#include <QString>

#include <functional>

namespace certdeck::store {
class Database;
}
namespace certdeck::secrets {
class SecretStore;
}
namespace certdeck::jobs {
class BotConnections;
}
namespace certdeck::audit {
class AuditTrail;
}

namespace certdeck::bots {

// What the operator enters to add an SSH bot or an agentless SSH target. Secrets go to the keychain, never to the
// inventory; they are wiped from this struct once stored.
struct SshBotRequest
{
    QString name;
    SshEndpoint endpoint;
    SshAuthMethod auth = SshAuthMethod::Key;
    QByteArray privateKey; // the key file's content (Key)
    QByteArray passphrase; // of the key, may be empty
    QByteArray password;   // (Password)
    bool useSudo = false;
    BotRole role = BotRole::Bot;
    QString installPath; // empty: "~/.local/bin/certdeck-bot"
};

// Result of installing (or upgrading) certdeck-bot on a host.
struct InstallOutcome
{
    QString action; // "installed", "upgraded", "up to date"
    QString version;
    int protocolVersion = 0;
    QString policy; // what became of the host's bot policy file, as a sentence
};

// Adds, installs, scans and removes bots. Every call is asynchronous: work runs on a worker thread (SSH, keychain,
// inventory) and `done` is delivered on the thread of `context` (dropped when it is gone). Nothing blocks the
// caller. Long steps report through `progress`.
//
// Host keys: an SSH entry is stored unpinned; fetchHostKey() shows what the host offers, confirmHostKey() pins
// it after the operator confirmed. Every later connection refuses a host key other than the pinned one
// (Error::kind "hostKeyChanged", message with both fingerprints) and an entry without a pinned key
// ("hostKeyUnconfirmed").
class BotService : public QObject
{
    Q_OBJECT
public:
    using Progress = std::function<void(int percent, const QString& step)>;

    BotService(const store::Database& database, const secrets::SecretStore& secrets, jobs::BotConnections& connections,
               audit::AuditTrail* audit, QString localBotBinary, QObject* parent = nullptr);
    ~BotService() override;

    void list(QObject* context, std::function<void(Result<QList<Bot>>)> done) const;
    // Validates the request (name, host, port, user, credentials; messages name the field), stores the entry and
    // its secrets. Nothing is stored when any part fails.
    void addSshBot(SshBotRequest request, QObject* context, std::function<void(Result<Bot>)> done);
    void fetchHostKey(qint64 botId, QObject* context, std::function<void(Result<SshHostKey>)> done);
    void confirmHostKey(qint64 botId, const QString& fingerprintSha256, QObject* context,
                        std::function<void(Status)> done);
    // Logs in with the stored credentials and runs `true`: the "Test connection" button.
    void testConnection(qint64 botId, QObject* context, std::function<void(Status)> done);
    // Copies certdeck-bot over SFTP (or upgrades it when its protocol version differs), then runs the scan.
    void install(qint64 botId, QObject* context, std::function<void(Result<InstallOutcome>)> done,
                 Progress progress = {});
    // Runs the bot's system scan, stores it on the bot and imports what it found (certificates as Discovered,
    // linked to the bot, server and endpoint).
    void rescan(qint64 botId, QObject* context, std::function<void(Result<discovery::SystemScan>)> done,
                Progress progress = {});
    // Removes the entry, its keychain secrets and its endpoints; certificates stay, unlinked from the bot.
    void remove(qint64 botId, QObject* context, std::function<void(Status)> done);

Q_SIGNALS:
    void botsChanged();

private:
    struct Impl;
    Impl* d;
};

} // namespace certdeck::bots
