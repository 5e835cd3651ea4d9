// BotClient against a scripted in-process transport: ids, routing, progress, timeouts, transport death.
// The real bot is driven in tests/integration/bots/TestBotClient.cpp.
#include "engine/bots/BotClient.h"
#include "engine/bots/BotProtocol.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace certdeck;
using namespace certdeck::bots;

namespace {

class ScriptedTransport : public BotTransport
{
public:
    void start() override { QTimer::singleShot(0, this, &BotTransport::started); }
    void sendLine(const QByteArray& line) override { sent.append(line); }
    void stop() override
    {
        stopped = true;
        Q_EMIT closed();
    }
    QString describe() const override { return QStringLiteral("scripted bot"); }

    protocol::Message lastSent() const { return *protocol::decode(sent.last(), nullptr); }

    QList<QByteArray> sent;
    bool stopped = false;
};

struct Outcome
{
    bool called = false;
    int calls = 0;
    Result<QJsonObject> result = fail(QStringLiteral("not called"));
};

BotClient::Done recordInto(Outcome* outcome)
{
    return [outcome](Result<QJsonObject> result) {
        outcome->called = true;
        ++outcome->calls;
        outcome->result = std::move(result);
    };
}

} // namespace

class TestBotClientRouting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void handshake();
    void refusesOtherProtocolVersion();
    void botRefusingHandshakeIsReported();
    void callBeforeConnectFails();
    void routesAnswersById();
    void deliversProgressToItsCall();
    void dropsCallbacksOfDestroyedContext();
    void timesOutAndIgnoresLateAnswer();
    void transportDeathFailsPendingCalls();
    void garbageLinesAreIgnored();

private:
    void connectClient();
    ScriptedTransport* m_transport = nullptr;
    std::unique_ptr<BotClient> m_client;
    // Callbacks go to this per-test context: it dies first in cleanup(), so calls still pending when the client
    // is destroyed cannot reach the (gone) stack variables of a finished test function.
    std::unique_ptr<QObject> m_context;
};

void TestBotClientRouting::init()
{
    m_context = std::make_unique<QObject>();
    auto transport = std::make_unique<ScriptedTransport>();
    m_transport = transport.get();
    m_client = std::make_unique<BotClient>(std::move(transport));
}

void TestBotClientRouting::cleanup()
{
    m_context.reset();
    m_client.reset();
    m_transport = nullptr;
}

void TestBotClientRouting::connectClient()
{
    bool done = false;
    Status status = fail(QStringLiteral("not called"));
    m_client->connectToBot(m_context.get(), [&](Status s) {
        done = true;
        status = s;
    });
    QTRY_COMPARE_WITH_TIMEOUT(m_transport->sent.size(), 1, 5000);
    const protocol::Message hello = m_transport->lastSent();
    QCOMPARE(hello.method, QStringLiteral("hello"));
    QCOMPARE(hello.params.value(QStringLiteral("client")).toString(), QStringLiteral("certdeck"));
    QCOMPARE(hello.params.value(QStringLiteral("version")).toInt(), protocol::kVersion);
    Q_EMIT m_transport->lineReceived(
        protocol::encodeResult(hello.id, {{QStringLiteral("bot"), QStringLiteral("certdeck-bot")},
                                          {QStringLiteral("version"), protocol::kVersion},
                                          {QStringLiteral("host"), QStringLiteral("h1")}}));
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QVERIFY2(status.ok(), qPrintable(status.message()));
}

void TestBotClientRouting::handshake()
{
    connectClient();
    QVERIFY(m_client->isReady());
    QCOMPARE(m_client->botInfo().value(QStringLiteral("host")).toString(), QStringLiteral("h1"));
}

void TestBotClientRouting::refusesOtherProtocolVersion()
{
    bool done = false;
    Status status;
    m_client->connectToBot(m_context.get(), [&](Status s) {
        done = true;
        status = s;
    });
    QTRY_COMPARE_WITH_TIMEOUT(m_transport->sent.size(), 1, 5000);
    Q_EMIT m_transport->lineReceived(
        protocol::encodeResult(m_transport->lastSent().id, {{QStringLiteral("version"), 7}}));
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QVERIFY(!status.ok());
    QVERIFY2(status.message().contains(QStringLiteral("version 7")), qPrintable(status.message()));
    QVERIFY2(status.message().contains(QStringLiteral("version %1").arg(protocol::kVersion)),
             qPrintable(status.message()));
    QCOMPARE(status.error().kind, QStringLiteral("versionMismatch"));
    QVERIFY(!m_client->isReady());
    QVERIFY(m_transport->stopped);
}

void TestBotClientRouting::botRefusingHandshakeIsReported()
{
    bool done = false;
    Status status;
    m_client->connectToBot(m_context.get(), [&](Status s) {
        done = true;
        status = s;
    });
    QTRY_COMPARE_WITH_TIMEOUT(m_transport->sent.size(), 1, 5000);
    Q_EMIT m_transport->lineReceived(protocol::encodeError(m_transport->lastSent().id, protocol::VersionMismatch,
                                                           QStringLiteral("bot speaks version 3")));
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QVERIFY(!status.ok());
    QVERIFY2(status.message().contains(QStringLiteral("bot speaks version 3")), qPrintable(status.message()));
    QVERIFY(!m_client->isReady());
}

void TestBotClientRouting::callBeforeConnectFails()
{
    Outcome outcome;
    m_client->call(QStringLiteral("csr.create"), {}, m_context.get(), recordInto(&outcome));
    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 5000);
    QVERIFY(!outcome.result);
    QCOMPARE(outcome.result.error().kind, QStringLiteral("notConnected"));
    QVERIFY(m_transport->sent.isEmpty());
}

void TestBotClientRouting::routesAnswersById()
{
    connectClient();
    Outcome first;
    Outcome second;
    m_client->call(QStringLiteral("probe.tls"), {{QStringLiteral("host"), QStringLiteral("a")}}, m_context.get(),
                   recordInto(&first));
    const qint64 firstId = m_transport->lastSent().id;
    m_client->call(QStringLiteral("probe.tls"), {{QStringLiteral("host"), QStringLiteral("b")}}, m_context.get(),
                   recordInto(&second));
    const qint64 secondId = m_transport->lastSent().id;
    QVERIFY(firstId != secondId);

    Q_EMIT m_transport->lineReceived(protocol::encodeError(secondId, protocol::InvalidParams, QStringLiteral("bad b")));
    Q_EMIT m_transport->lineReceived(protocol::encodeResult(firstId, {{QStringLiteral("fingerprint"), "aa"}}));
    QTRY_VERIFY_WITH_TIMEOUT(first.called && second.called, 5000);
    QVERIFY(first.result);
    QCOMPARE(first.result->value(QStringLiteral("fingerprint")).toString(), QStringLiteral("aa"));
    QVERIFY(!second.result);
    QCOMPARE(second.result.message(), QStringLiteral("bad b"));
    QCOMPARE(second.result.error().kind, QStringLiteral("invalidParams"));
}

void TestBotClientRouting::deliversProgressToItsCall()
{
    connectClient();
    QStringList stepsA;
    QStringList stepsB;
    Outcome a;
    Outcome b;
    m_client->call(QStringLiteral("deploy"), {}, m_context.get(), recordInto(&a),
                   [&](int percent, const QString& step) { stepsA << QStringLiteral("%1 %2").arg(percent).arg(step); });
    const qint64 idA = m_transport->lastSent().id;
    m_client->call(QStringLiteral("deploy"), {}, m_context.get(), recordInto(&b),
                   [&](int percent, const QString& step) { stepsB << QStringLiteral("%1 %2").arg(percent).arg(step); });
    const qint64 idB = m_transport->lastSent().id;

    Q_EMIT m_transport->lineReceived(protocol::encodeProgress(idA, 10, QStringLiteral("backed up")));
    Q_EMIT m_transport->lineReceived(protocol::encodeProgress(idB, 50, QStringLiteral("reloaded")));
    Q_EMIT m_transport->lineReceived(protocol::encodeProgress(idA, 90, QStringLiteral("verified")));
    Q_EMIT m_transport->lineReceived(protocol::encodeResult(idA, {}));
    QTRY_VERIFY_WITH_TIMEOUT(a.called, 5000);
    QCOMPARE(stepsA, (QStringList{QStringLiteral("10 backed up"), QStringLiteral("90 verified")}));
    QCOMPARE(stepsB, QStringList{QStringLiteral("50 reloaded")});
    QVERIFY(!b.called);
}

void TestBotClientRouting::dropsCallbacksOfDestroyedContext()
{
    connectClient();
    Outcome outcome;
    bool progressCalled = false;
    auto context = std::make_unique<QObject>();
    m_client->call(QStringLiteral("csr.create"), {}, context.get(), recordInto(&outcome),
                   [&](int, const QString&) { progressCalled = true; });
    const qint64 id = m_transport->lastSent().id;
    context.reset();
    Q_EMIT m_transport->lineReceived(protocol::encodeProgress(id, 10, QStringLiteral("x")));
    Q_EMIT m_transport->lineReceived(protocol::encodeResult(id, {}));

    // A later call on a live context completes, so the queue has been processed past the dropped ones.
    Outcome later;
    m_client->call(QStringLiteral("csr.create"), {}, m_context.get(), recordInto(&later));
    Q_EMIT m_transport->lineReceived(protocol::encodeResult(m_transport->lastSent().id, {}));
    QTRY_VERIFY_WITH_TIMEOUT(later.called, 5000);
    QVERIFY(!outcome.called);
    QVERIFY(!progressCalled);
}

void TestBotClientRouting::timesOutAndIgnoresLateAnswer()
{
    connectClient();
    Outcome outcome;
    m_client->call(QStringLiteral("deploy"), {}, m_context.get(), recordInto(&outcome), {}, 100);
    const qint64 id = m_transport->lastSent().id;
    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 10000);
    QVERIFY(!outcome.result);
    QCOMPARE(outcome.result.error().kind, QStringLiteral("timeout"));
    QVERIFY2(outcome.result.message().contains(QStringLiteral("deploy")), qPrintable(outcome.result.message()));

    Q_EMIT m_transport->lineReceived(protocol::encodeResult(id, {}));
    Outcome later;
    m_client->call(QStringLiteral("csr.create"), {}, m_context.get(), recordInto(&later));
    Q_EMIT m_transport->lineReceived(protocol::encodeResult(m_transport->lastSent().id, {}));
    QTRY_VERIFY_WITH_TIMEOUT(later.called, 5000);
    QCOMPARE(outcome.calls, 1);
    QVERIFY(m_client->isReady());
}

void TestBotClientRouting::transportDeathFailsPendingCalls()
{
    connectClient();
    QSignalSpy disconnected(m_client.get(), &BotClient::disconnected);
    Outcome a;
    Outcome b;
    m_client->call(QStringLiteral("deploy"), {}, m_context.get(), recordInto(&a));
    m_client->call(QStringLiteral("csr.create"), {}, nullptr, recordInto(&b));
    const QString reason = QStringLiteral("the bot exited unexpectedly (exit code 3): disk full");
    Q_EMIT m_transport->failed(reason);
    QTRY_VERIFY_WITH_TIMEOUT(a.called && b.called, 5000);
    QCOMPARE(a.result.message(), reason);
    QCOMPARE(b.result.message(), reason);
    QCOMPARE(a.result.error().kind, QStringLiteral("disconnected"));
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.first().first().toString(), reason);
    QVERIFY(!m_client->isReady());
}

void TestBotClientRouting::garbageLinesAreIgnored()
{
    connectClient();
    Q_EMIT m_transport->lineReceived("not json at all");
    Q_EMIT m_transport->lineReceived(R"({"jsonrpc":"2.0","id":999,"result":{}})");
    Q_EMIT m_transport->lineReceived(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}})");
    Outcome outcome;
    m_client->call(QStringLiteral("csr.create"), {}, m_context.get(), recordInto(&outcome));
    Q_EMIT m_transport->lineReceived(protocol::encodeResult(m_transport->lastSent().id, {{"keyId", "ab"}}));
    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 5000);
    QVERIFY(outcome.result);
    QVERIFY(m_client->isReady());
}

QTEST_GUILESS_MAIN(TestBotClientRouting)
#include "TestBotClientRouting.moc"
