#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace certdeck {

enum class BotTransportKind { Local, Ssh };
// How the console logs in over SSH. The key or password itself lives only in the keychain, under
// botSecretKey(bot) ("ssh/<id>/key" + "ssh/<id>/passphrase", or "ssh/<id>/password").
enum class SshAuthMethod { None, Key, Password };
// A bot entry is either a certdeck-bot the console drives, or an SSH host that a bot reaches as an agentless
// target (nothing installed there; the wizard's "Agentless server").
enum class BotRole { Bot, AgentlessTarget };

// A certdeck-bot the console drives: the local one (a child process) or one reached over SSH.
struct Bot
{
    qint64 id = 0;
    QString name;
    BotTransportKind transport = BotTransportKind::Local;
    QString host;               // "localhost" for the local bot
    int port = 0;               // SSH port
    QString user;               // SSH user
    QString hostKeyFingerprint; // pinned SSH host key (SHA-256), empty until confirmed
    int protocolVersion = 0;
    QDateTime lastSeen;
    QJsonObject scan; // last installation/system scan result (discovery::SystemScan::toJson())
    SshAuthMethod auth = SshAuthMethod::None;
    bool useSudo = false; // privileged steps run as `sudo -n`
    QString installPath;  // where certdeck-bot was installed on the SSH host ("~/.local/bin/certdeck-bot")
    QString botVersion;   // certdeck-bot's version reported by hello
    QString lastError;    // the last failure talking to the bot, empty when the last contact worked
    QDateTime scannedAt;  // when `scan` was taken
    BotRole role = BotRole::Bot;
};

QString botTransportId(BotTransportKind kind);
BotTransportKind botTransportFromId(const QString& id);
QString sshAuthMethodId(SshAuthMethod method); // "", "key", "password"
SshAuthMethod sshAuthMethodFromId(const QString& id);
QString botRoleId(BotRole role); // "bot", "agentless"
BotRole botRoleFromId(const QString& id);
// Keychain keys of an SSH entry's secrets ("ssh/<id>/key", "ssh/<id>/passphrase", "ssh/<id>/password").
QString botSecretKey(qint64 botId, const QString& what);

} // namespace certdeck
