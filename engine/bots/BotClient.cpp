#include "engine/bots/BotClient.h"

#include "engine/bots/BotProtocol.h"
#include "engine/core/Log.h"

#include <QTimer>

namespace certdeck::bots {
namespace {

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("bots");
}

QString kindForCode(int code)
{
    switch (code) {
    case protocol::ParseError:
        return QStringLiteral("parseError");
    case protocol::InvalidRequest:
        return QStringLiteral("invalidRequest");
    case protocol::MethodNotFound:
        return QStringLiteral("methodNotFound");
    case protocol::InvalidParams:
        return QStringLiteral("invalidParams");
    case protocol::VersionMismatch:
        return QStringLiteral("versionMismatch");
    case protocol::HandshakeRequired:
        return QStringLiteral("handshakeRequired");
    case protocol::OperationFailed:
        return QStringLiteral("operationFailed");
    case protocol::UnknownKey:
        return QStringLiteral("unknownKey");
    case protocol::Busy:
        return QStringLiteral("botBusy");
    default:
        return QStringLiteral("internal");
    }
}

QString seconds(int ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) : QString::number(ms / 1000.0, 'f', 1);
}

// Queues `fn` to run on `target`'s thread; Qt drops it when `target` is destroyed first.
template <typename Fn>
void post(QObject* target, Fn fn)
{
    if (target) {
        QMetaObject::invokeMethod(target, std::move(fn), Qt::QueuedConnection);
    }
}

} // namespace

struct BotClient::Pending
{
    QString method;
    QPointer<QObject> context;
    bool hasContext = false;
    Done done;
    Progress progress;
    QTimer* timer = nullptr;
};

struct BotClient::Connecting
{
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void(Status)> done;
    QTimer* timer = nullptr;
    int timeoutMs = 0;
};

BotClient::BotClient(std::unique_ptr<BotTransport> transport, QObject* parent)
    : QObject(parent)
    , m_transport(std::move(transport))
{
    connect(m_transport.get(), &BotTransport::started, this, &BotClient::onStarted);
    connect(m_transport.get(), &BotTransport::lineReceived, this, &BotClient::onLine);
    connect(m_transport.get(), &BotTransport::failed, this, &BotClient::failAll);
    connect(m_transport.get(), &BotTransport::closed, this, [this] {
        m_transportUp = false;
        failAll(QStringLiteral("the connection to the %1 was closed").arg(m_transport->describe()));
    });
}

BotClient::~BotClient()
{
    m_transport->disconnect(this);
    failAll(QStringLiteral("the connection to the %1 was closed").arg(m_transport->describe()));
    m_transport->stop();
}

void BotClient::connectToBot(QObject* context, std::function<void(Status)> done, int timeoutMs)
{
    QObject* target = context ? context : this;
    if (m_connecting || m_ready) {
        post(target, [done] {
            done(fail(QStringLiteral("already connected (or connecting) to the bot"), QStringLiteral("protocol")));
        });
        return;
    }
    m_connecting = std::make_unique<Connecting>();
    m_connecting->context = target;
    m_connecting->hasContext = true;
    m_connecting->done = std::move(done);
    m_connecting->timeoutMs = timeoutMs;
    m_connecting->timer = new QTimer(this);
    m_connecting->timer->setSingleShot(true);
    connect(m_connecting->timer, &QTimer::timeout, this, [this] {
        if (!m_connecting) {
            return;
        }
        const QString reason = QStringLiteral("the %1 did not complete the handshake within %2 s; check that the "
                                              "bot program runs on this host")
                                   .arg(m_transport->describe(), seconds(m_connecting->timeoutMs));
        finishConnect(fail(reason, QStringLiteral("timeout")));
        m_transport->stop();
    });
    m_connecting->timer->start(timeoutMs);
    m_transport->start();
}

bool BotClient::isReady() const
{
    return m_ready;
}

QJsonObject BotClient::botInfo() const
{
    return m_botInfo;
}

BotTransport* BotClient::transport() const
{
    return m_transport.get();
}

void BotClient::call(const QString& method, const QJsonObject& params, QObject* context, Done done, Progress progress,
                     int timeoutMs)
{
    if (!m_ready) {
        post(context ? context : this, [done, method] {
            done(fail(QStringLiteral("cannot call %1: not connected to the bot; connect to it first").arg(method),
                      QStringLiteral("notConnected")));
        });
        return;
    }
    sendRequest(method, params, context, std::move(done), std::move(progress), timeoutMs);
}

void BotClient::sendRequest(const QString& method, const QJsonObject& params, QObject* context, Done done,
                            Progress progress, int timeoutMs)
{
    auto pending = std::make_shared<Pending>();
    pending->method = method;
    pending->context = context;
    pending->hasContext = context != nullptr;
    pending->done = std::move(done);
    pending->progress = std::move(progress);
    const qint64 id = m_nextId++;
    pending->timer = new QTimer(this);
    pending->timer->setSingleShot(true);
    connect(pending->timer, &QTimer::timeout, this, [this, id] { onTimeout(id); });
    pending->timer->start(timeoutMs);
    pending->timer->setProperty("timeoutMs", timeoutMs);
    m_pending.insert(id, pending);
    logger()->debug("-> {} #{}", method.toStdString(), id); // never the params: they may hold secrets
    m_transport->sendLine(protocol::encodeRequest(id, method, params));
}

void BotClient::onStarted()
{
    m_transportUp = true;
    if (!m_connecting) {
        return;
    }
    const QJsonObject hello{{QStringLiteral("client"), QStringLiteral("certdeck")},
                            {QStringLiteral("version"), protocol::kVersion}};
    sendRequest(
        QStringLiteral("hello"), hello, this, [this](Result<QJsonObject> result) { onHello(result); }, {},
        m_connecting->timeoutMs);
}

void BotClient::onHello(Result<QJsonObject> result)
{
    if (!m_connecting) {
        return;
    }
    const QString where = m_transport->describe();
    if (!result) {
        const QString message =
            result.error().kind == QLatin1String("versionMismatch")
                ? QStringLiteral("Refused the %1: %2").arg(where, result.message())
                : QStringLiteral("The handshake with the %1 failed: %2").arg(where, result.message());
        finishConnect(fail(message, result.error().kind));
        m_transport->stop();
        return;
    }
    const QJsonObject info = result.value();
    const int botVersion = info.value(QStringLiteral("version")).toInt(-1);
    if (botVersion != protocol::kVersion) {
        const QString message =
            QStringLiteral("Refused the %1: it speaks bot protocol version %2, but this CertDeck speaks version %3. "
                           "Install the certdeck-bot that comes with this CertDeck release.")
                .arg(where, botVersion < 0 ? QStringLiteral("(none)") : QString::number(botVersion))
                .arg(protocol::kVersion);
        finishConnect(fail(message, QStringLiteral("versionMismatch")));
        m_transport->stop();
        return;
    }
    m_botInfo = info;
    m_ready = true;
    logger()->info("connected to {} on {} (protocol {})", info.value(QStringLiteral("bot")).toString().toStdString(),
                   info.value(QStringLiteral("host")).toString().toStdString(), botVersion);
    finishConnect(Status());
}

void BotClient::finishConnect(Status status)
{
    if (!m_connecting) {
        return;
    }
    std::unique_ptr<Connecting> connecting = std::move(m_connecting);
    connecting->timer->stop();
    connecting->timer->deleteLater();
    if (connecting->context) {
        post(connecting->context.data(), [done = connecting->done, status] { done(status); });
    }
}

void BotClient::onLine(const QByteArray& line)
{
    QString error;
    const std::optional<protocol::Message> message = protocol::decode(line, &error);
    if (!message) {
        logger()->warn("ignored a line from the {} that is not a protocol message: {}",
                       m_transport->describe().toStdString(), error.toStdString());
        return;
    }
    using Type = protocol::Message::Type;
    switch (message->type) {
    case Type::Response:
    case Type::Error: {
        const std::shared_ptr<Pending> pending = m_pending.take(message->id);
        if (!pending) {
            if (message->type == Type::Error) {
                logger()->warn("the bot reported an error for no pending request (#{}): {}", message->id,
                               message->errorMessage.toStdString());
            } else {
                logger()->info("ignored a late answer to request #{} (it timed out)", message->id);
            }
            return;
        }
        pending->timer->stop();
        pending->timer->deleteLater();
        Result<QJsonObject> result =
            message->type == Type::Response
                ? Result<QJsonObject>(message->result)
                : Result<QJsonObject>(fail(message->errorMessage, kindForCode(message->errorCode)));
        logger()->debug("<- {} #{} {}", pending->method.toStdString(), message->id, result ? "ok" : "error");
        QObject* target = pending->hasContext ? pending->context.data() : this;
        post(target, [done = pending->done, result] { done(result); });
        return;
    }
    case Type::Notification: {
        if (message->method != QLatin1String("progress")) {
            logger()->debug("ignored notification {}", message->method.toStdString());
            return;
        }
        const qint64 id = message->params.value(QStringLiteral("id")).toInteger();
        const std::shared_ptr<Pending> pending = m_pending.value(id);
        if (!pending || !pending->progress) {
            return;
        }
        const int percent = message->params.value(QStringLiteral("percent")).toInt();
        const QString step = message->params.value(QStringLiteral("step")).toString();
        QObject* target = pending->hasContext ? pending->context.data() : this;
        post(target, [progress = pending->progress, percent, step] { progress(percent, step); });
        return;
    }
    case Type::Request:
        logger()->warn("ignored a request from the bot ({})", message->method.toStdString());
        return;
    }
}

void BotClient::onTimeout(qint64 id)
{
    const std::shared_ptr<Pending> pending = m_pending.take(id);
    if (!pending) {
        return;
    }
    const int timeoutMs = pending->timer->property("timeoutMs").toInt();
    pending->timer->deleteLater();
    const QString reason = QStringLiteral("the %1 did not answer %2 within %3 s; it may still be working, check "
                                          "the bot's log before retrying")
                               .arg(m_transport->describe(), pending->method, seconds(timeoutMs));
    logger()->warn("{}", reason.toStdString());
    QObject* target = pending->hasContext ? pending->context.data() : this;
    post(target, [done = pending->done, reason] { done(fail(reason, QStringLiteral("timeout"))); });
}

void BotClient::disconnectFromBot()
{
    failAll(QStringLiteral("disconnected from the %1").arg(m_transport->describe()));
    m_transport->stop();
}

void BotClient::failAll(const QString& reason)
{
    const bool wasActive = m_ready || m_connecting || !m_pending.isEmpty();
    m_ready = false;
    m_botInfo = {};
    const auto pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        const std::shared_ptr<Pending>& call = it.value();
        call->timer->stop();
        call->timer->deleteLater();
        if (call->method == QLatin1String("hello")) {
            continue; // the connect callback reports it
        }
        QObject* target = call->hasContext ? call->context.data() : this;
        post(target, [done = call->done, reason] { done(fail(reason, QStringLiteral("disconnected"))); });
    }
    finishConnect(fail(reason, QStringLiteral("disconnected")));
    if (wasActive) {
        logger()->info("{}", reason.toStdString());
        Q_EMIT disconnected(reason);
    }
}

} // namespace certdeck::bots
