// The real certdeck-bot flooded with requests over its JSON-lines channel: past its bound it refuses with a clear
// "busy" error at once instead of queueing without limit, and it serves requests again once the queue drains.
#include "engine/bots/BotProtocol.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::bots::protocol;

class TestBotRequestQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void floodBeyondTheBoundIsRefusedAsBusy();

private:
    void send(qint64 id, const QString& method, const QJsonObject& params);
    // Reads answers until every id in `ids` has one (or the deadline passes).
    QHash<qint64, Message> answers(const QList<qint64>& ids, int timeoutMs);

    QTemporaryDir m_stateDir;
    std::unique_ptr<QProcess> m_bot;
    QByteArray m_buffer;
    QHash<qint64, Message> m_answers;
};

void TestBotRequestQueue::init()
{
    QVERIFY2(QFileInfo(test::botBinary()).isExecutable(), "CERTDECK_BOT_BINARY is not set (run through ctest)");
    m_bot = std::make_unique<QProcess>();
    m_bot->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_bot->start(test::botBinary(), {QStringLiteral("serve"), QStringLiteral("--state-dir"), m_stateDir.path(),
                                     QStringLiteral("--max-queued-requests"), QStringLiteral("3")});
    QVERIFY2(m_bot->waitForStarted(10000), qPrintable(m_bot->errorString()));
    send(1, QStringLiteral("hello"), {{QStringLiteral("version"), kVersion}});
    const auto hello = answers({1}, 30000);
    QVERIFY2(hello.contains(1) && hello[1].type == Message::Type::Response, "no hello answer");
}

void TestBotRequestQueue::cleanup()
{
    if (m_bot) {
        m_bot->closeWriteChannel();
        if (!m_bot->waitForFinished(20000)) {
            m_bot->kill();
            m_bot->waitForFinished(5000);
        }
    }
    m_bot.reset();
    m_answers.clear();
    m_buffer.clear();
}

void TestBotRequestQueue::send(qint64 id, const QString& method, const QJsonObject& params)
{
    m_bot->write(encodeRequest(id, method, params) + '\n');
}

QHash<qint64, Message> TestBotRequestQueue::answers(const QList<qint64>& ids, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    auto complete = [&] {
        for (const qint64 id : ids) {
            if (!m_answers.contains(id)) {
                return false;
            }
        }
        return true;
    };
    while (!complete() && !deadline.hasExpired()) {
        m_bot->waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 200)));
        m_buffer += m_bot->readAllStandardOutput();
        for (qsizetype end = m_buffer.indexOf('\n'); end >= 0; end = m_buffer.indexOf('\n')) {
            const QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + 1);
            QString error;
            const std::optional<Message> message = decode(line, &error);
            if (message && message->type != Message::Type::Notification) {
                m_answers.insert(message->id, *message);
            }
        }
    }
    return m_answers;
}

void TestBotRequestQueue::floodBeyondTheBoundIsRefusedAsBusy()
{
    // Three TLS probes of a listener that never answers keep the bot's three places taken for a few seconds.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const QJsonObject slowProbe{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                {QStringLiteral("port"), int(silent.serverPort())},
                                {QStringLiteral("timeoutMs"), 6000}};
    QList<qint64> slow{10, 11, 12};
    for (const qint64 id : slow) {
        send(id, QStringLiteral("probe.tls"), slowProbe);
    }
    // The flood: 200 more requests at once, deploys among them.
    QList<qint64> flood;
    for (qint64 id = 100; id < 300; ++id) {
        flood.append(id);
        send(id, id % 2 ? QStringLiteral("deploy") : QStringLiteral("probe.tls"), slowProbe);
    }
    // Refused at once, long before the probes end, each with a message that says what to do.
    QElapsedTimer elapsed;
    elapsed.start();
    const auto refused = answers(flood, 5000);
    QVERIFY2(elapsed.elapsed() < 5000, "the flood was not answered while the bot was busy");
    for (const qint64 id : flood) {
        QVERIFY2(refused.contains(id), qPrintable(QStringLiteral("request #%1 got no answer").arg(id)));
        const Message& answer = refused[id];
        QCOMPARE(answer.type, Message::Type::Error);
        QCOMPARE(answer.errorCode, int(Busy));
        QCOMPARE(answer.errorMessage, QStringLiteral("the bot is busy: 3 requests queued, retry later"));
    }
    for (const qint64 id : slow) {
        QVERIFY2(!refused.contains(id), "a request within the bound was answered before its probe could end");
    }
    // The accepted ones run to their end (the probe fails: the listener never speaks TLS) ...
    const auto ended = answers(slow, 30000);
    for (const qint64 id : slow) {
        QVERIFY2(ended.contains(id), qPrintable(QStringLiteral("request #%1 got no answer").arg(id)));
        QVERIFY2(ended[id].errorCode != int(Busy), "an accepted request was refused");
    }
    // ... and then the bot takes requests again.
    send(400, QStringLiteral("csr.create"),
         {{QStringLiteral("commonName"), QStringLiteral("after.example.test")},
          {QStringLiteral("keyAlgorithm"), QStringLiteral("EC")},
          {QStringLiteral("keySize"), 256}});
    const auto after = answers({400}, 30000);
    QVERIFY(after.contains(400));
    QVERIFY2(after[400].type == Message::Type::Response, qPrintable(after[400].errorMessage));
}

QTEST_GUILESS_MAIN(TestBotRequestQueue)
#include "TestBotRequestQueue.moc"
