#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace certdeck {

enum class BotTransportKind { Local, Ssh };

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
    QJsonObject scan; // last installation/system scan result
};

QString botTransportId(BotTransportKind kind);
BotTransportKind botTransportFromId(const QString& id);

} // namespace certdeck
