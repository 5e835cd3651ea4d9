#pragma once

#include "engine/bots/BotTransport.h"
#include "engine/core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QTimer;

namespace certdeck::bots {

// The console's side of the bot protocol: handshake, requests with ids, progress, timeouts.
// Asynchronous: callbacks are delivered (queued) on the thread of `context` and dropped when it is gone;
// a null context means "this client". Nothing here blocks.
//
// Errors carry Error::kind: "timeout", "disconnected", "notConnected", "versionMismatch",
// "handshakeRequired", "methodNotFound", "invalidParams", "invalidRequest", "parseError", "internal",
// "operationFailed", "unknownKey", "protocol".
class BotClient : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<QJsonObject>)>;
    using Progress = std::function<void(int percent, const QString& step)>;

    explicit BotClient(std::unique_ptr<BotTransport> transport, QObject* parent = nullptr);
    ~BotClient() override; // pending calls fail with "disconnected"

    // Starts the transport and performs "hello"; a bot of another protocol version is refused.
    void connectToBot(QObject* context, std::function<void(Status)> done, int timeoutMs = 15000);
    bool isReady() const;
    QJsonObject botInfo() const; // hello's result
    BotTransport* transport() const;

    void call(const QString& method, const QJsonObject& params, QObject* context, Done done, Progress progress = {},
              int timeoutMs = 300000);

    void disconnectFromBot();

Q_SIGNALS:
    void disconnected(const QString& reason);

private:
    struct Pending;
    struct Connecting;
    void sendRequest(const QString& method, const QJsonObject& params, QObject* context, Done done, Progress progress,
                     int timeoutMs);
    void onStarted();
    void onHello(Result<QJsonObject> result);
    void finishConnect(Status status);
    void onLine(const QByteArray& line);
    void onTimeout(qint64 id);
    void failAll(const QString& reason);
    std::unique_ptr<BotTransport> m_transport;
    QHash<qint64, std::shared_ptr<Pending>> m_pending;
    std::unique_ptr<Connecting> m_connecting;
    qint64 m_nextId = 1;
    bool m_ready = false;
    bool m_transportUp = false;
    QJsonObject m_botInfo;
};

} // namespace certdeck::bots
