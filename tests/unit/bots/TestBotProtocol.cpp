#include "engine/bots/BotProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace certdeck::bots::protocol;

class TestBotProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestRoundTrip();
    void resultRoundTrip();
    void errorRoundTrip();
    void errorWithoutIdHasNullId();
    void progressRoundTrip();
    void encodedLinesHaveNoNewline();
    void notificationWithoutParams();
    void malformedLines_data();
    void malformedLines();
};

void TestBotProtocol::requestRoundTrip()
{
    const QJsonObject params{{QStringLiteral("commonName"), QStringLiteral("www.example.com")},
                             {QStringLiteral("sans"), QJsonArray{QStringLiteral("a.example.com")}},
                             {QStringLiteral("keySize"), 3072}};
    const QByteArray line = encodeRequest(42, QStringLiteral("csr.create"), params);
    QString error;
    const auto message = decode(line, &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->type, Message::Type::Request);
    QCOMPARE(message->id, 42);
    QCOMPARE(message->method, QStringLiteral("csr.create"));
    QCOMPARE(message->params, params);
    QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
}

void TestBotProtocol::resultRoundTrip()
{
    const QJsonObject result{{QStringLiteral("csrPem"), QStringLiteral("-----BEGIN CERTIFICATE REQUEST-----\nabc\n")},
                             {QStringLiteral("keyId"), QStringLiteral("0123abcd")}};
    // A large id still round-trips exactly (ids are JSON numbers).
    const qint64 id = (qint64(1) << 40) + 7;
    QString error;
    const auto message = decode(encodeResult(id, result), &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->type, Message::Type::Response);
    QCOMPARE(message->id, id);
    QCOMPARE(message->result, result);
}

void TestBotProtocol::errorRoundTrip()
{
    const QString text = QStringLiteral("SHA-1 is refused: \"weak\"\nchoose SHA-256 — ünïcode");
    QString error;
    const auto message = decode(encodeError(7, InvalidParams, text), &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->type, Message::Type::Error);
    QCOMPARE(message->id, 7);
    QCOMPARE(message->errorCode, int(InvalidParams));
    QCOMPARE(message->errorMessage, text);
}

void TestBotProtocol::errorWithoutIdHasNullId()
{
    const QByteArray line = encodeError(0, ParseError, QStringLiteral("malformed"));
    QVERIFY(QJsonDocument::fromJson(line).object().value(QStringLiteral("id")).isNull());
    QString error;
    const auto message = decode(line, &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->type, Message::Type::Error);
    QCOMPARE(message->id, 0);
    QCOMPARE(message->errorCode, int(ParseError));
}

void TestBotProtocol::progressRoundTrip()
{
    QString error;
    const auto message = decode(encodeProgress(9, 40, QStringLiteral("nginx -t ok")), &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->type, Message::Type::Notification);
    QCOMPARE(message->method, QStringLiteral("progress"));
    QCOMPARE(message->params.value(QStringLiteral("id")).toInteger(), 9);
    QCOMPARE(message->params.value(QStringLiteral("percent")).toInt(), 40);
    QCOMPARE(message->params.value(QStringLiteral("step")).toString(), QStringLiteral("nginx -t ok"));
    // Percent is clamped to 0..100.
    const auto clamped = decode(encodeProgress(9, 250, {}), &error);
    QVERIFY(clamped);
    QCOMPARE(clamped->params.value(QStringLiteral("percent")).toInt(), 100);
}

void TestBotProtocol::encodedLinesHaveNoNewline()
{
    const QString multiLine = QStringLiteral("-----BEGIN X-----\nline\r\nline\n-----END X-----\n");
    const QByteArray lines[] = {
        encodeRequest(1, QStringLiteral("deploy"), {{QStringLiteral("certificatePem"), multiLine}}),
        encodeResult(1, {{QStringLiteral("chainPem"), multiLine}}),
        encodeError(1, OperationFailed, multiLine),
        encodeProgress(1, 10, multiLine),
    };
    for (const QByteArray& line : lines) {
        QVERIFY2(!line.contains('\n') && !line.contains('\r'), line.constData());
    }
    const auto message = decode(lines[0], nullptr);
    QVERIFY(message);
    QCOMPARE(message->params.value(QStringLiteral("certificatePem")).toString(), multiLine);
}

void TestBotProtocol::notificationWithoutParams()
{
    const auto message = decode(R"({"jsonrpc":"2.0","method":"ping"})", nullptr);
    QVERIFY(message);
    QCOMPARE(message->type, Message::Type::Notification);
    QVERIFY(message->params.isEmpty());
}

void TestBotProtocol::malformedLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected"); // part of the error message
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("spaces") << QByteArray("   \t") << QStringLiteral("empty");
    QTest::newRow("not json") << QByteArray("hello bot") << QStringLiteral("not valid JSON");
    QTest::newRow("truncated") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"he)") << QStringLiteral("JSON");
    QTest::newRow("array") << QByteArray("[1,2,3]") << QStringLiteral("not a JSON object");
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4) << QStringLiteral("JSON");
    QTest::newRow("no jsonrpc") << QByteArray(R"({"id":1,"method":"hello"})") << QStringLiteral("jsonrpc");
    QTest::newRow("jsonrpc 1.0") << QByteArray(R"({"jsonrpc":"1.0","id":1,"method":"hello"})")
                                 << QStringLiteral("jsonrpc");
    QTest::newRow("method number") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":5})") << QStringLiteral("method");
    QTest::newRow("method empty") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":""})") << QStringLiteral("method");
    QTest::newRow("params array") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"x","params":[1]})")
                                  << QStringLiteral("params");
    QTest::newRow("id string") << QByteArray(R"({"jsonrpc":"2.0","id":"1","method":"x"})") << QStringLiteral("id");
    QTest::newRow("id fraction") << QByteArray(R"({"jsonrpc":"2.0","id":1.5,"method":"x"})") << QStringLiteral("id");
    QTest::newRow("id negative") << QByteArray(R"({"jsonrpc":"2.0","id":-3,"method":"x"})") << QStringLiteral("id");
    QTest::newRow("id huge") << QByteArray(R"({"jsonrpc":"2.0","id":1e300,"method":"x"})") << QStringLiteral("id");
    QTest::newRow("result without id") << QByteArray(R"({"jsonrpc":"2.0","result":{}})") << QStringLiteral("id");
    QTest::newRow("result not object") << QByteArray(R"({"jsonrpc":"2.0","id":2,"result":"ok"})")
                                       << QStringLiteral("result");
    QTest::newRow("error not object") << QByteArray(R"({"jsonrpc":"2.0","id":2,"error":"bad"})")
                                      << QStringLiteral("error");
    QTest::newRow("error code missing") << QByteArray(R"({"jsonrpc":"2.0","id":2,"error":{"message":"x"}})")
                                        << QStringLiteral("code");
    QTest::newRow("nothing") << QByteArray(R"({"jsonrpc":"2.0","id":2})") << QStringLiteral("neither");
}

void TestBotProtocol::malformedLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    QString error;
    const auto message = decode(line, &error);
    QVERIFY(!message);
    QVERIFY2(error.contains(expected, Qt::CaseInsensitive), qPrintable(error));
    // A null error pointer must be fine too.
    QVERIFY(!decode(line, nullptr));
}

QTEST_GUILESS_MAIN(TestBotProtocol)
#include "TestBotProtocol.moc"
