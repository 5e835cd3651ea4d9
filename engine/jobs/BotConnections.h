#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Bot.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <map>

namespace certdeck::bots {
class BotClient;
}

namespace certdeck::jobs {

// Keeps one connected BotClient per bot and hands it out once the handshake is done.
// Callers waiting while a bot connects are queued; a bot that disconnects is reconnected on next use.
class BotConnections : public QObject
{
    Q_OBJECT
public:
    BotConnections(QString localBotBinary, QStringList localBotArguments, QObject* parent = nullptr);
    ~BotConnections() override;

    using Ready = std::function<void(Result<bots::BotClient*>)>;
    // `done` runs on this object's thread; the client stays owned by BotConnections.
    void withClient(const Bot& bot, Ready done);

private:
    struct Entry
    {
        bots::BotClient* client = nullptr;
        bool ready = false;
        QList<Ready> waiting;
    };
    void finishConnecting(qint64 botId, const Status& status);

    QString m_localBotBinary;
    QStringList m_localBotArguments;
    std::map<qint64, Entry> m_entries;
};

} // namespace certdeck::jobs
