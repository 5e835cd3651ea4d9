#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Bot.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>

namespace certdeck::bots {
class BotClient;
class BotTransport;
struct SshCredentials;
struct SshEndpoint;
} // namespace certdeck::bots
namespace certdeck::secrets {
class SecretStore;
}

namespace certdeck::jobs {

// Keeps one connected BotClient per bot and hands it out once the handshake is done.
// Callers waiting while a bot connects are queued; a bot that disconnects is reconnected on next use.
// The local bot is a child process; an SSH bot is `<installPath> serve` over an SSH exec channel (bots::SshTransport),
// its login secrets read from the keychain on the transport's worker thread. An SSH entry without a pinned host key
// is refused ("hostKeyUnconfirmed"), and so is an agentless target ("notABot": nothing runs there).
class BotConnections : public QObject
{
    Q_OBJECT
public:
    BotConnections(QString localBotBinary, QStringList localBotArguments, QObject* parent = nullptr);
    ~BotConnections() override;

    using Ready = std::function<void(Result<bots::BotClient*>)>;
    // `done` runs on this object's thread; the client stays owned by BotConnections.
    void withClient(const Bot& bot, Ready done);
    // The keychain SSH bots log in with; without one, SSH bots are refused.
    void setSecretStore(const secrets::SecretStore* secrets);
    // Drops the bot's connection (its entry changed: new host key, reinstalled, removed); the next use reconnects.
    void forget(qint64 botId);

private:
    struct Entry
    {
        bots::BotClient* client = nullptr;
        bool ready = false;
        QList<Ready> waiting;
    };
    void finishConnecting(qint64 botId, const Status& status);

    std::unique_ptr<bots::BotTransport> makeTransport(const Bot& bot, Status* refused) const;

    QString m_localBotBinary;
    QStringList m_localBotArguments;
    std::map<qint64, Entry> m_entries;
    const secrets::SecretStore* m_secrets = nullptr;
};

// An SSH entry's endpoint (host, port, user) and the login secrets of its auth method from the keychain
// (botSecretKey(id, "key" | "passphrase" | "password")). Blocking: worker threads only. Wipe them after use.
bots::SshEndpoint sshEndpointOf(const Bot& bot);
Result<bots::SshCredentials> readSshCredentials(const secrets::SecretStore& secrets, const Bot& bot);
// The command an SSH bot runs: {installPath, "serve"} (default install path "~/.local/bin/certdeck-bot").
QStringList sshBotCommand(const Bot& bot);

} // namespace certdeck::jobs
