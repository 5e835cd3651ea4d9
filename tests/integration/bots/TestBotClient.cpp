// BotClient + LocalProcessTransport driving the REAL certdeck-bot ($CERTDECK_BOT_BINARY) over stdio.
#include "engine/bots/BotClient.h"
#include "engine/bots/BotProtocol.h"
#include "engine/bots/LocalProcessTransport.h"
#include "engine/core/Log.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateBuilder.h"
#include "engine/crypto/CertificateRequest.h"
#include "engine/crypto/PrivateKey.h"
#include "engine/crypto/TlsProbe.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WebServerFixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <csignal>
#include <sys/stat.h>

using namespace certdeck;
using namespace certdeck::bots;

namespace {

struct CallOutcome
{
    bool called = false;
    Result<QJsonObject> result = fail(QStringLiteral("not called"));
};

BotClient::Done recordInto(CallOutcome* outcome)
{
    return [outcome](Result<QJsonObject> result) {
        outcome->called = true;
        outcome->result = std::move(result);
    };
}

int fileMode(const QString& path)
{
    struct stat info = {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return int(info.st_mode & 07777);
}

QByteArray csrPublicKeyDer(const crypto::CertificateRequest& request)
{
    EVP_PKEY* key = X509_REQ_get0_pubkey(request.get());
    if (!key) {
        return {};
    }
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    if (length <= 0) {
        return {};
    }
    QByteArray result(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return result;
}

int csrKeyBits(const crypto::CertificateRequest& request)
{
    EVP_PKEY* key = X509_REQ_get0_pubkey(request.get());
    return key ? EVP_PKEY_get_bits(key) : 0;
}

// Waits until something accepts TCP connections on 127.0.0.1:port (polling with a deadline).
bool waitForPort(int port, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(port));
        if (socket.waitForConnected(200)) {
            return true;
        }
        QTest::qWait(50);
    }
    return false;
}

// nginx applies a reload asynchronously (old workers finish their connections): poll with a deadline until the
// endpoint serves `fingerprint`. Returns what was served last.
QString waitForServedFingerprint(const crypto::TlsEndpoint& endpoint, const QString& fingerprint, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QString served;
    for (;;) {
        Result<crypto::TlsProbeResult> probed = crypto::probeTls(endpoint, 5000);
        served = probed ? probed->leafFingerprintSha256 : probed.message();
        if (served == fingerprint || deadline.hasExpired()) {
            return served;
        }
        QTest::qWait(100);
    }
}

} // namespace

class TestBotClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void handshakeAndBotInfo();
    void refusesBotOfOtherProtocolVersion();
    void botThatCannotStartIsReported();
    void csrCreateStagesKey_data();
    void csrCreateStagesKey();
    void sha1IsRefused();
    void unknownMethodIsAnError();
    void deployRefusesBadKeyIdAndUnknownServerType();
    void requestTimesOut();
    void killedBotFailsPendingCall();
    void probeTlsReturnsServedFingerprint();
    void rawProtocolRequiresHelloAndSurvivesGarbage();
    void deployToRealNginxThenRollBack();

private:
    // Starts the bot and performs the handshake; the client is in m_client.
    Status connectBot(const QStringList& extraArguments = {});
    QJsonObject callOk(const QString& method, const QJsonObject& params, int timeoutMs = 60000);
    Result<QJsonObject> callBot(const QString& method, const QJsonObject& params, int timeoutMs = 60000);
    std::unique_ptr<QTemporaryDir> m_stateDir;
    std::unique_ptr<BotClient> m_client;
    LocalProcessTransport* m_transport = nullptr;
    // Callbacks go to this per-test context: it dies first in cleanup(), so nothing still pending when the client
    // is destroyed can reach the stack variables of a finished test function.
    std::unique_ptr<QObject> m_context;
};

void TestBotClient::initTestCase()
{
    QVERIFY2(!test::botBinary().isEmpty(), "CERTDECK_BOT_BINARY is not set (run the test through ctest)");
    QVERIFY2(QFileInfo(test::botBinary()).isExecutable(), qPrintable(test::botBinary()));
}

void TestBotClient::init()
{
    m_context = std::make_unique<QObject>();
    m_stateDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_stateDir->isValid());
}

void TestBotClient::cleanup()
{
    m_context.reset();
    m_client.reset();
    m_transport = nullptr;
    m_stateDir.reset();
}

Status TestBotClient::connectBot(const QStringList& extraArguments)
{
    QStringList arguments{QStringLiteral("--state-dir"), m_stateDir->path()};
    arguments += extraArguments;
    auto transport = std::make_unique<LocalProcessTransport>(test::botBinary(), arguments);
    m_transport = transport.get();
    m_client = std::make_unique<BotClient>(std::move(transport));
    bool done = false;
    Status status = fail(QStringLiteral("the handshake did not finish in time"));
    m_client->connectToBot(m_context.get(), [&](Status s) {
        done = true;
        status = s;
    });
    QDeadlineTimer deadline(30000);
    while (!done && !deadline.hasExpired()) {
        QTest::qWait(20);
    }
    return status;
}

Result<QJsonObject> TestBotClient::callBot(const QString& method, const QJsonObject& params, int timeoutMs)
{
    CallOutcome outcome;
    m_client->call(method, params, m_context.get(), recordInto(&outcome), {}, timeoutMs);
    QDeadlineTimer deadline(timeoutMs + 10000);
    while (!outcome.called && !deadline.hasExpired()) {
        QTest::qWait(20);
    }
    return outcome.result;
}

QJsonObject TestBotClient::callOk(const QString& method, const QJsonObject& params, int timeoutMs)
{
    Result<QJsonObject> result = callBot(method, params, timeoutMs);
    if (!result) {
        qWarning("%s failed: %s", qPrintable(method), qPrintable(result.message()));
        return {};
    }
    return result.value();
}

void TestBotClient::handshakeAndBotInfo()
{
    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));
    QVERIFY(m_client->isReady());
    const QJsonObject info = m_client->botInfo();
    QCOMPARE(info.value(QStringLiteral("bot")).toString(), QStringLiteral("certdeck-bot"));
    QCOMPARE(info.value(QStringLiteral("version")).toInt(), protocol::kVersion);
    QCOMPARE(info.value(QStringLiteral("host")).toString(), QSysInfo::machineHostName());
    const QJsonArray methods = info.value(QStringLiteral("methods")).toArray();
    for (const char* method : {"hello", "csr.create", "deploy", "rollback", "probe.tls"}) {
        QVERIFY2(methods.contains(QString::fromLatin1(method)), method);
    }
}

void TestBotClient::refusesBotOfOtherProtocolVersion()
{
    const Status status = connectBot({QStringLiteral("--protocol-version"), QStringLiteral("99")});
    QVERIFY(!status.ok());
    QVERIFY2(status.message().contains(QStringLiteral("version 99")), qPrintable(status.message()));
    QVERIFY2(status.message().contains(QStringLiteral("version %1").arg(protocol::kVersion)),
             qPrintable(status.message()));
    QVERIFY(!m_client->isReady());
    // A refused bot is not usable.
    const Result<QJsonObject> result = callBot(QStringLiteral("csr.create"), {});
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("notConnected"));
}

void TestBotClient::botThatCannotStartIsReported()
{
    const QString missing = m_stateDir->filePath(QStringLiteral("no-such-certdeck-bot"));
    auto transport = std::make_unique<LocalProcessTransport>(missing);
    m_client = std::make_unique<BotClient>(std::move(transport));
    bool done = false;
    Status status;
    m_client->connectToBot(m_context.get(), [&](Status s) {
        done = true;
        status = s;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY(!status.ok());
    QVERIFY2(status.message().contains(missing), qPrintable(status.message()));
}

void TestBotClient::csrCreateStagesKey_data()
{
    QTest::addColumn<QString>("keyAlgorithm");
    QTest::addColumn<int>("keySize");
    QTest::addColumn<QString>("signatureAlgorithm");
    QTest::newRow("RSA 3072") << QStringLiteral("RSA") << 3072 << QStringLiteral("SHA384WithRSA");
    QTest::newRow("EC P-256") << QStringLiteral("EC") << 256 << QStringLiteral("SHA256withECDSA");
}

void TestBotClient::csrCreateStagesKey()
{
    QFETCH(QString, keyAlgorithm);
    QFETCH(int, keySize);
    QFETCH(QString, signatureAlgorithm);
    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));

    const QJsonObject params{
        {QStringLiteral("commonName"), QStringLiteral("shop.example.test")},
        {QStringLiteral("sans"), QJsonArray{QStringLiteral("www.shop.example.test"), QStringLiteral("127.0.0.1")}},
        {QStringLiteral("keyAlgorithm"), keyAlgorithm},
        {QStringLiteral("keySize"), keySize},
        {QStringLiteral("signatureAlgorithm"), signatureAlgorithm},
        {QStringLiteral("organization"), QStringLiteral("Example Shop")}};
    const Result<QJsonObject> result = callBot(QStringLiteral("csr.create"), params);
    QVERIFY2(result, qPrintable(result.message()));

    Result<crypto::CertificateRequest> csr =
        crypto::CertificateRequest::fromPem(result->value(QStringLiteral("csrPem")).toString().toLatin1());
    QVERIFY2(csr, qPrintable(csr.message()));
    QCOMPARE(csr->commonName(), QStringLiteral("shop.example.test"));
    const QStringList sans = csr->subjectAltNames();
    for (const char* name : {"shop.example.test", "www.shop.example.test", "127.0.0.1"}) {
        QVERIFY2(sans.contains(QString::fromLatin1(name)), qPrintable(sans.join(QLatin1Char(','))));
    }
    QCOMPARE(csrKeyBits(*csr), keySize);

    const QString keyId = result->value(QStringLiteral("keyId")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]+$")).match(keyId).hasMatch(), qPrintable(keyId));
    const QString keysDir = m_stateDir->filePath(QStringLiteral("keys"));
    const QString keyFile = QDir(keysDir).filePath(keyId + QStringLiteral(".pem"));
    QVERIFY2(QFileInfo::exists(keyFile), qPrintable(keyFile));
    QCOMPARE(fileMode(keyFile), 0600);
    QCOMPARE(fileMode(keysDir), 0700);
    QCOMPARE(QDir(keysDir).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temp file left behind

    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    Result<crypto::PrivateKey> key = crypto::PrivateKey::fromPem(file.readAll());
    QVERIFY2(key, qPrintable(key.message()));
    QCOMPARE(key->bits(), keySize);
    QCOMPARE(key->publicKeyDer(), csrPublicKeyDer(*csr));
}

void TestBotClient::sha1IsRefused()
{
    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));
    const Result<QJsonObject> result =
        callBot(QStringLiteral("csr.create"), {{QStringLiteral("commonName"), QStringLiteral("old.example.test")},
                                               {QStringLiteral("keyAlgorithm"), QStringLiteral("RSA")},
                                               {QStringLiteral("keySize"), 2048},
                                               {QStringLiteral("signatureAlgorithm"), QStringLiteral("SHA1WithRSA")}});
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("invalidParams"));
    QVERIFY2(result.message().contains(QStringLiteral("SHA-1"), Qt::CaseInsensitive) ||
                 result.message().contains(QStringLiteral("SHA1"), Qt::CaseInsensitive),
             qPrintable(result.message()));
    // Nothing was generated or staged.
    QVERIFY(QDir(m_stateDir->filePath(QStringLiteral("keys"))).entryList(QDir::Files | QDir::Hidden).isEmpty());
    // The bot is still fine.
    QVERIFY(m_client->isReady());
}

void TestBotClient::unknownMethodIsAnError()
{
    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));
    const Result<QJsonObject> result = callBot(QStringLiteral("frobnicate"), {});
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("methodNotFound"));
    QVERIFY2(result.message().contains(QStringLiteral("frobnicate")), qPrintable(result.message()));
}

void TestBotClient::deployRefusesBadKeyIdAndUnknownServerType()
{
    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));
    const QByteArray certificatePem = test::TestPki::makeSelfSigned().cert.toPem();

    Result<QJsonObject> result =
        callBot(QStringLiteral("deploy"), {{QStringLiteral("serverType"), QStringLiteral("nginx")},
                                           {QStringLiteral("keyId"), QStringLiteral("../../etc/ssl/private/x")},
                                           {QStringLiteral("certificatePem"), QString::fromLatin1(certificatePem)}});
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("invalidParams"));
    QVERIFY2(result.message().contains(QStringLiteral("key id")), qPrintable(result.message()));

    result =
        callBot(QStringLiteral("deploy"), {{QStringLiteral("serverType"), QStringLiteral("gopher-server")},
                                           {QStringLiteral("keyId"), QStringLiteral("0123456789abcdef")},
                                           {QStringLiteral("certificatePem"), QString::fromLatin1(certificatePem)}});
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("invalidParams"));
    QVERIFY2(result.message().contains(QStringLiteral("gopher-server")), qPrintable(result.message()));

    // A known type this bot has no deployer for is named too.
    result = callBot(QStringLiteral("rollback"), {{QStringLiteral("serverType"), QStringLiteral("iis")},
                                                  {QStringLiteral("backupId"), QStringLiteral("b1")}});
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("invalidParams"));
    QVERIFY2(result.message().contains(QStringLiteral("IIS")), qPrintable(result.message()));
}

void TestBotClient::requestTimesOut()
{
    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));
    // A TCP listener that never speaks TLS: the bot's probe waits for the handshake far longer than we do.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const Result<QJsonObject> result = callBot(QStringLiteral("probe.tls"),
                                               {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                                {QStringLiteral("port"), int(silent.serverPort())},
                                                {QStringLiteral("timeoutMs"), 8000}},
                                               300);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("timeout"));
    QVERIFY2(result.message().contains(QStringLiteral("probe.tls")), qPrintable(result.message()));
    // The bot keeps answering other requests meanwhile (work runs off its read loop).
    const QJsonObject csr =
        callOk(QStringLiteral("csr.create"), {{QStringLiteral("commonName"), QStringLiteral("a.test")},
                                              {QStringLiteral("keyAlgorithm"), QStringLiteral("EC")},
                                              {QStringLiteral("keySize"), 256}});
    QVERIFY(!csr.value(QStringLiteral("keyId")).toString().isEmpty());
}

void TestBotClient::killedBotFailsPendingCall()
{
    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));
    QSignalSpy disconnected(m_client.get(), &BotClient::disconnected);
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    CallOutcome outcome;
    m_client->call(QStringLiteral("probe.tls"),
                   {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                    {QStringLiteral("port"), int(silent.serverPort())},
                    {QStringLiteral("timeoutMs"), 30000}},
                   m_context.get(), recordInto(&outcome), {}, 60000);
    const qint64 pid = m_transport->processId();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);

    QTRY_VERIFY_WITH_TIMEOUT(outcome.called, 20000);
    QVERIFY(!outcome.result);
    QCOMPARE(outcome.result.error().kind, QStringLiteral("disconnected"));
    QVERIFY2(outcome.result.message().contains(QStringLiteral("exited unexpectedly")),
             qPrintable(outcome.result.message()));
    QVERIFY2(outcome.result.message().contains(QStringLiteral("signal 9")), qPrintable(outcome.result.message()));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
    QVERIFY(!m_client->isReady());
}

void TestBotClient::probeTlsReturnsServedFingerprint()
{
    const QString openssl = test::findProgram(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        QSKIP("openssl is not installed");
    }
    test::TestPki pki;
    const test::IssuedCert leaf = pki.issueLeaf(QStringList{QStringLiteral("probe.example.test")});
    const test::PemFiles files = test::writePemFiles(m_stateDir->path(), QStringLiteral("site"), leaf, pki.caChain());
    const int port = test::freeLoopbackPort();
    QVERIFY(port > 0);
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(openssl,
                 {QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(port),
                  QStringLiteral("-cert"), files.cert, QStringLiteral("-key"), files.key, QStringLiteral("-cert_chain"),
                  files.chain, QStringLiteral("-www"), QStringLiteral("-quiet")});
    QVERIFY(server.waitForStarted(10000));
    auto stopServer = qScopeGuard([&server] {
        server.kill();
        server.waitForFinished(5000);
    });
    QVERIFY2(waitForPort(port, 20000), server.readAll().constData());

    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));
    const Result<QJsonObject> result =
        callBot(QStringLiteral("probe.tls"), {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                              {QStringLiteral("port"), port},
                                              {QStringLiteral("serverName"), QStringLiteral("probe.example.test")},
                                              {QStringLiteral("timeoutMs"), 10000}});
    QVERIFY2(result, qPrintable(result.message()));
    QCOMPARE(result->value(QStringLiteral("fingerprint")).toString(), leaf.cert.fingerprintSha256());
    QVERIFY(!result->value(QStringLiteral("protocol")).toString().isEmpty());
    Result<QList<crypto::Certificate>> chain =
        crypto::Certificate::chainFromPem(result->value(QStringLiteral("chainPem")).toString().toLatin1());
    QVERIFY2(chain, qPrintable(chain.message()));
    QVERIFY(chain->size() >= 2);
    QCOMPARE(chain->first().fingerprintSha256(), leaf.cert.fingerprintSha256());
    QCOMPARE(chain->at(1).fingerprintSha256(), pki.intermediate().cert.fingerprintSha256());

    // Nothing listening: a readable error, and the bot keeps running.
    const int closedPort = test::freeLoopbackPort();
    const Result<QJsonObject> refused =
        callBot(QStringLiteral("probe.tls"), {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                              {QStringLiteral("port"), closedPort},
                                              {QStringLiteral("timeoutMs"), 5000}});
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, QStringLiteral("operationFailed"));
    QVERIFY(m_client->isReady());
}

void TestBotClient::rawProtocolRequiresHelloAndSurvivesGarbage()
{
    QProcess bot;
    bot.start(test::botBinary(), {QStringLiteral("serve"), QStringLiteral("--state-dir"), m_stateDir->path()});
    QVERIFY(bot.waitForStarted(10000));
    auto readLine = [&bot]() -> std::optional<protocol::Message> {
        QDeadlineTimer deadline(20000);
        while (!bot.canReadLine() && !deadline.hasExpired()) {
            bot.waitForReadyRead(100);
        }
        if (!bot.canReadLine()) {
            return std::nullopt;
        }
        QString error;
        auto message = protocol::decode(bot.readLine(), &error);
        if (!message) {
            qWarning("undecodable line from the bot: %s", qPrintable(error));
        }
        return message;
    };

    bot.write(protocol::encodeRequest(1, QStringLiteral("csr.create"), {}) + '\n');
    auto answer = readLine();
    QVERIFY(answer);
    QCOMPARE(answer->type, protocol::Message::Type::Error);
    QCOMPARE(answer->id, 1);
    QCOMPARE(answer->errorCode, int(protocol::HandshakeRequired));

    bot.write("this is not json\n");
    answer = readLine();
    QVERIFY(answer);
    QCOMPARE(answer->type, protocol::Message::Type::Error);
    QCOMPARE(answer->errorCode, int(protocol::ParseError));
    QCOMPARE(answer->id, 0);

    bot.write(protocol::encodeRequest(2, QStringLiteral("hello"),
                                      {{QStringLiteral("client"), QStringLiteral("raw")},
                                       {QStringLiteral("version"), protocol::kVersion}}) +
              '\n');
    answer = readLine();
    QVERIFY(answer);
    QCOMPARE(answer->type, protocol::Message::Type::Response);
    QCOMPARE(answer->id, 2);

    // Closing stdin ends the bot cleanly.
    bot.closeWriteChannel();
    QVERIFY(bot.waitForFinished(20000));
    QCOMPARE(bot.exitStatus(), QProcess::NormalExit);
    QCOMPARE(bot.exitCode(), 0);
}

void TestBotClient::deployToRealNginxThenRollBack()
{
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    const QString siteDir = m_stateDir->filePath(QStringLiteral("site"));
    const QString serverDir = m_stateDir->filePath(QStringLiteral("nginx"));
    QVERIFY(QDir().mkpath(siteDir) && QDir().mkpath(serverDir));
    test::TestPki pki;
    const test::IssuedCert original = pki.issueLeaf(QStringList{QStringLiteral("www.example.test")});
    const test::PemFiles files = test::writePemFiles(siteDir, QStringLiteral("site"), original, pki.caChain());
    test::WebServerFixture nginx(test::WebServerFixture::Server::Nginx, serverDir);
    test::TlsSite site;
    site.certificateFile = files.fullChain;
    site.keyFile = files.key;
    const Status started = nginx.start(site);
    QVERIFY2(started.ok(), qPrintable(started.message() + nginx.errorLog()));
    QFile keyFile(files.key);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray originalKeyBytes = keyFile.readAll();
    keyFile.close();

    // Everything the bot writes to stderr is logged by the transport: capture it to check that no secret leaks.
    const QString logPath = m_stateDir->filePath(QStringLiteral("console.log"));
    log::Options logOptions;
    logOptions.filePath = logPath.toStdString();
    log::init(logOptions);
    auto restoreLog = qScopeGuard([] { log::init({}); });

    const Status status = connectBot();
    QVERIFY2(status.ok(), qPrintable(status.message()));
    const QJsonObject csrResult = callOk(QStringLiteral("csr.create"),
                                         {{QStringLiteral("commonName"), QStringLiteral("www.example.test")},
                                          {QStringLiteral("keyAlgorithm"), QStringLiteral("EC")},
                                          {QStringLiteral("keySize"), 256},
                                          {QStringLiteral("signatureAlgorithm"), QStringLiteral("SHA256withECDSA")}});
    Result<crypto::CertificateRequest> csr =
        crypto::CertificateRequest::fromPem(csrResult.value(QStringLiteral("csrPem")).toString().toLatin1());
    QVERIFY2(csr, qPrintable(csr.message()));
    crypto::CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    Result<crypto::Certificate> issued =
        crypto::CertificateBuilder::signRequest(spec, *csr, pki.intermediate().cert, pki.intermediate().key);
    QVERIFY2(issued, qPrintable(issued.message()));

    const QJsonObject fields{{QStringLiteral("certificateFile"), files.fullChain},
                             {QStringLiteral("keyFile"), files.key},
                             {QStringLiteral("configFile"), nginx.configFile()},
                             {QStringLiteral("prefix"), nginx.directory()},
                             {QStringLiteral("nginxBinary"), nginx.binary()},
                             {QStringLiteral("backupDirectory"), m_stateDir->filePath(QStringLiteral("backups"))}};
    const QJsonObject verify{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                             {QStringLiteral("port"), nginx.port()},
                             {QStringLiteral("serverName"), QStringLiteral("www.example.test")},
                             {QStringLiteral("timeoutMs"), 15000}};
    const QString keyId = csrResult.value(QStringLiteral("keyId")).toString();
    const QString stagedKey = m_stateDir->filePath(QStringLiteral("keys/%1.pem").arg(keyId));
    QVERIFY(QFile::exists(stagedKey));

    // A deployment that fails (its verification handshake reaches no server) is rolled back and keeps the staged
    // key for the retry.
    QJsonObject quickVerify = verify;
    quickVerify.insert(QStringLiteral("port"), test::freeLoopbackPort());
    quickVerify.insert(QStringLiteral("timeoutMs"), 3000);
    const Result<QJsonObject> failed =
        callBot(QStringLiteral("deploy"),
                {{QStringLiteral("serverType"), QStringLiteral("nginx")},
                 {QStringLiteral("fields"), fields},
                 {QStringLiteral("keyId"), keyId},
                 {QStringLiteral("certificatePem"), QString::fromLatin1(issued->toPem())},
                 {QStringLiteral("chainPem"), QString::fromLatin1(crypto::chainToPem({pki.intermediate().cert}))},
                 {QStringLiteral("expectedFingerprint"), issued->fingerprintSha256()},
                 {QStringLiteral("verify"), quickVerify},
                 {QStringLiteral("rollbackOnFailure"), true}},
                120000);
    QVERIFY2(failed, qPrintable(failed.message()));
    QVERIFY(!failed->value(QStringLiteral("deployed")).toBool());
    QVERIFY2(QFile::exists(stagedKey), "a failed deployment deleted the staged key");

    QStringList steps;
    CallOutcome deployed;
    m_client->call(
        QStringLiteral("deploy"),
        {{QStringLiteral("serverType"), QStringLiteral("nginx")},
         {QStringLiteral("fields"), fields},
         {QStringLiteral("keyId"), csrResult.value(QStringLiteral("keyId"))},
         {QStringLiteral("certificatePem"), QString::fromLatin1(issued->toPem())},
         {QStringLiteral("chainPem"), QString::fromLatin1(crypto::chainToPem({pki.intermediate().cert}))},
         {QStringLiteral("expectedFingerprint"), issued->fingerprintSha256()},
         {QStringLiteral("verify"), verify},
         {QStringLiteral("rollbackOnFailure"), true}},
        m_context.get(), recordInto(&deployed), [&steps](int, const QString& step) { steps << step; }, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(deployed.called, 130000);
    QVERIFY2(deployed.result, qPrintable(deployed.result.message()));
    const QJsonObject report = deployed.result.value();
    QVERIFY2(report.value(QStringLiteral("deployed")).toBool(),
             qPrintable(report.value(QStringLiteral("failure")).toString() + nginx.errorLog()));
    QCOMPARE(report.value(QStringLiteral("servedFingerprint")).toString(), issued->fingerprintSha256());
    QVERIFY(!report.value(QStringLiteral("steps")).toArray().isEmpty());
    QVERIFY2(!steps.isEmpty(), "no progress notification reached the caller");
    const QString backupId = report.value(QStringLiteral("backupId")).toString();
    QVERIFY(!backupId.isEmpty());
    // Served and verified: the staged copy of the private key is gone (it lives in the server's key file only). A
    // Rotate (csr.create with the key id) still gets a CSR for that same key, read back from the key file.
    QVERIFY2(!QFile::exists(stagedKey), "the staged private key outlived its deployment");
    const Result<QJsonObject> reuse =
        callBot(QStringLiteral("csr.create"),
                {{QStringLiteral("commonName"), QStringLiteral("www.example.test")}, {QStringLiteral("keyId"), keyId}});
    QVERIFY2(reuse, qPrintable(reuse.message()));
    QCOMPARE(reuse->value(QStringLiteral("keyId")).toString(), keyId);
    QVERIFY(reuse->value(QStringLiteral("reusedKey")).toBool());
    QVERIFY(!QFile::exists(stagedKey)); // and no new staged copy was made

    // What a user cares about: the endpoint serves the new certificate, checked independently of the bot.
    crypto::TlsEndpoint endpoint{QStringLiteral("127.0.0.1"), nginx.port(), QStringLiteral("www.example.test")};
    QCOMPARE(waitForServedFingerprint(endpoint, issued->fingerprintSha256(), 20000), issued->fingerprintSha256());

    const Result<QJsonObject> rolledBack =
        callBot(QStringLiteral("rollback"),
                {{QStringLiteral("serverType"), QStringLiteral("nginx")},
                 {QStringLiteral("fields"), fields},
                 {QStringLiteral("backupId"), backupId},
                 {QStringLiteral("expectedFingerprint"), original.cert.fingerprintSha256()},
                 {QStringLiteral("verify"), verify}},
                120000);
    QVERIFY2(rolledBack, qPrintable(rolledBack.message()));
    QVERIFY2(rolledBack->value(QStringLiteral("failure")).toString().isEmpty(),
             qPrintable(rolledBack->value(QStringLiteral("failure")).toString()));
    QCOMPARE(waitForServedFingerprint(endpoint, original.cert.fingerprintSha256(), 20000),
             original.cert.fingerprintSha256());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QCOMPARE(keyFile.readAll(), originalKeyBytes);

    m_client.reset(); // the bot exits; its last stderr lines reach the log
    log::get("bots")->flush();
    QFile logFile(logPath);
    QVERIFY(logFile.open(QIODevice::ReadOnly));
    const QByteArray logText = logFile.readAll();
    QVERIFY2(logText.contains("deploy"), logText.constData()); // the bot's log was captured
    QVERIFY2(!logText.contains("PRIVATE KEY"), "a private key reached the log");
}

QTEST_GUILESS_MAIN(TestBotClient)
#include "TestBotClient.moc"
