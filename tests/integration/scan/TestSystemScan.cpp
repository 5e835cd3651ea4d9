// The installation scan on a host where REAL servers run: nginx and Apache (WebServerFixture), Tomcat 10
// (TomcatFixture, one keystore without and one with a password), an nginx whose configuration is full of hostile
// names, and an nginx that was started and stopped again; Jetty is installed but not started. The scan, run
// locally, through the real certdeck-bot over the bot protocol, and as `certdeck-bot scan`, lists exactly the
// running instances of this test (selected by their configuration under the test's temp dir; other tests may run
// servers at the same time) with their ports, endpoints, certificate paths and the served certificates'
// fingerprints, and never executes anything a configuration names.
#include "engine/bots/BotClient.h"
#include "engine/bots/LocalProcessTransport.h"
#include "engine/crypto/Pkcs12.h"
#include "engine/discovery/SystemScanner.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"
#include "tests/support/TomcatFixture.h"
#include "tests/support/WebServerFixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>
#include <optional>

using namespace certdeck;
using namespace certdeck::discovery;

namespace {

const QString kHostileDir = QStringLiteral("odd dir \"q\" 'x' `touch canary2` ;");
const QStringList kHostileNames = {QStringLiteral("a b"), QStringLiteral("$(touch canary)"), QStringLiteral("it\"s"),
                                   QStringLiteral("`touch canary3`")};
const QStringList kCanaries = {QStringLiteral("canary"), QStringLiteral("canary2"), QStringLiteral("canary3")};

// nginx string literal: double quotes, with \" and \\ escaped.
QString nginxQuoted(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

bool handshakes(int port)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), static_cast<quint16>(port));
    const bool ok = socket.waitForEncrypted(2000);
    socket.abort();
    return ok;
}

// An nginx with a configuration WebServerFixture cannot write: hostile server names and certificate paths.
class HostileNginx
{
public:
    ~HostileNginx() { stop(); }

    // `certificate`/`key` and `rsaCertificate`/`rsaKey`: two pairs side by side in the one server block.
    Status start(const QString& dir, const QString& certificate, const QString& key, const QString& rsaCertificate,
                 const QString& rsaKey)
    {
        m_dir = dir;
        m_port = test::freeLoopbackPort();
        QStringList names;
        for (const QString& name : kHostileNames) {
            names << nginxQuoted(name);
        }
        const QString config = QStringLiteral("worker_processes 1;\npid %1/nginx.pid;\nerror_log %1/error.log;\n"
                                              "events { worker_connections 16; }\nhttp {\n  access_log off;\n"
                                              "  client_body_temp_path %1/cb;\n  proxy_temp_path %1/proxy;\n"
                                              "  fastcgi_temp_path %1/fastcgi;\n  uwsgi_temp_path %1/uwsgi;\n"
                                              "  scgi_temp_path %1/scgi;\n  server {\n"
                                              "    listen 127.0.0.1:%2 ssl;\n    server_name %3;\n"
                                              "    ssl_certificate %4;\n    ssl_certificate_key %5;\n"
                                              "    ssl_certificate %6;\n    ssl_certificate_key %7;\n  }\n}\n")
                                   .arg(dir)
                                   .arg(m_port)
                                   .arg(names.join(QLatin1Char(' ')), nginxQuoted(certificate), nginxQuoted(key),
                                        nginxQuoted(rsaCertificate), nginxQuoted(rsaKey));
        test::writeTestFile(dir, QStringLiteral("nginx.conf"), config.toUtf8());
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->start(test::findProgram(QStringLiteral("nginx")),
                         {QStringLiteral("-p"), dir, QStringLiteral("-c"), configFile(), QStringLiteral("-e"),
                          dir + QStringLiteral("/error.log"), QStringLiteral("-g"), QStringLiteral("daemon off;")});
        if (!m_process->waitForStarted(5000)) {
            return fail(QStringLiteral("cannot start nginx: %1").arg(m_process->errorString()));
        }
        for (QDeadlineTimer deadline(20000); !deadline.hasExpired(); QThread::msleep(50)) {
            if (m_process->state() != QProcess::Running) {
                return fail(QStringLiteral("nginx exited: %1").arg(QString::fromLocal8Bit(m_process->readAll())));
            }
            if (handshakes(m_port)) {
                return {};
            }
        }
        return fail(QStringLiteral("nginx with the hostile configuration did not answer in time"));
    }
    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(10000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
        m_process.reset();
    }
    QString configFile() const { return m_dir + QStringLiteral("/nginx.conf"); }
    int port() const { return m_port; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

private:
    QString m_dir;
    int m_port = 0;
    std::unique_ptr<QProcess> m_process;
};

// The fingerprint of the leaf a TLS 1.2 handshake with only `cipher` gets: an ECDHE-RSA cipher needs the RSA
// certificate, an ECDHE-ECDSA one the ECDSA certificate.
QString servedFingerprint(int port, const QString& cipher)
{
    QSslSocket socket;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2);
    configuration.setCiphers({QSslCipher(cipher)});
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.setSslConfiguration(configuration);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), static_cast<quint16>(port));
    if (!socket.waitForEncrypted(5000)) {
        return QStringLiteral("no handshake: ") + socket.errorString();
    }
    const Result<crypto::Certificate> leaf = crypto::Certificate::fromDer(socket.peerCertificate().toDer());
    socket.abort();
    return leaf ? leaf->fingerprintSha256() : leaf.message();
}

qint64 pidFromFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

} // namespace

class TestSystemScan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void localScan();
    void scanThroughBotProtocol();
    void scanCommandLine();

private:
    void verifyScan(const SystemScan& scan);
    void verifyEndpointsAndCertificates(const SystemScan& scan, const QList<DetectedServer>& ours);
    const DetectedServer* ourServer(const QList<DetectedServer>& ours, const QString& configRoot);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::TestPki> m_pki;
    test::PemFiles m_nginxFiles;
    test::PemFiles m_apacheFiles;
    test::PemFiles m_hostileFiles;
    test::PemFiles m_hostileRsaFiles; // served beside m_hostileFiles (ECDSA) by the same server block
    QString m_hostileRsaFingerprint;
    QString m_tomcatKeystore;
    QString m_protectedKeystore;
    QString m_nginxFingerprint;
    QString m_apacheFingerprint;
    QString m_tomcatFingerprint;
    QString m_hostileFingerprint;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    std::unique_ptr<test::WebServerFixture> m_apache;
    std::unique_ptr<test::WebServerFixture> m_stoppedNginx;
    std::unique_ptr<test::TomcatFixture> m_tomcat;
    std::unique_ptr<HostileNginx> m_hostile;
};

void TestSystemScan::initTestCase()
{
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason) ||
        !test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Apache, &reason) ||
        !test::TomcatFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/TestSystemScan-XXXXXX"));
    QVERIFY(m_dir->isValid());
    // nginx workers (nobody) and Apache children (www-data) must reach their files.
    QFile::setPermissions(m_dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                             QFileDevice::ExeGroup | QFileDevice::ExeOther);
    // A `$(touch canary)` that reached a shell would create the canary here.
    QVERIFY(QDir::setCurrent(m_dir->path()));
    const QString base = m_dir->path();
    m_pki = std::make_unique<test::TestPki>();

    const test::IssuedCert nginxLeaf = m_pki->issueLeaf(QStringList{QStringLiteral("nginx.scan.test")});
    const test::IssuedCert apacheLeaf = m_pki->issueLeaf(QStringList{QStringLiteral("apache.scan.test")});
    const test::IssuedCert tomcatLeaf = m_pki->issueLeaf(QStringList{QStringLiteral("tomcat.scan.test")});
    const test::IssuedCert protectedLeaf = m_pki->issueLeaf(QStringList{QStringLiteral("locked.scan.test")});
    const test::IssuedCert hostileLeaf = m_pki->issueLeaf(QStringList{QStringLiteral("hostile.scan.test")});
    m_nginxFingerprint = nginxLeaf.cert.fingerprintSha256();
    m_apacheFingerprint = apacheLeaf.cert.fingerprintSha256();
    m_tomcatFingerprint = tomcatLeaf.cert.fingerprintSha256();
    m_hostileFingerprint = hostileLeaf.cert.fingerprintSha256();
    test::LeafOptions rsaOptions;
    rsaOptions.names = {QStringLiteral("hostile.scan.test")};
    rsaOptions.key = {crypto::KeyAlgorithm::Rsa, 2048};
    const test::IssuedCert hostileRsaLeaf = m_pki->issueLeaf(rsaOptions);
    m_hostileRsaFingerprint = hostileRsaLeaf.cert.fingerprintSha256();

    m_nginxFiles =
        test::writePemFiles(base + QStringLiteral("/pki"), QStringLiteral("nginx"), nginxLeaf, m_pki->caChain());
    m_apacheFiles =
        test::writePemFiles(base + QStringLiteral("/pki"), QStringLiteral("apache"), apacheLeaf, m_pki->caChain());
    m_hostileFiles = test::writePemFiles(base + QLatin1Char('/') + kHostileDir, QStringLiteral("c e r t"), hostileLeaf,
                                         m_pki->caChain());
    m_hostileRsaFiles = test::writePemFiles(base + QLatin1Char('/') + kHostileDir, QStringLiteral("r s a"),
                                            hostileRsaLeaf, m_pki->caChain());
    m_tomcatKeystore = test::writeTestFile(
        base + QStringLiteral("/tomcat/conf"), QStringLiteral("keystore.p12"),
        test::TomcatFixture::pkcs12WithoutPassword(tomcatLeaf.key, tomcatLeaf.cert, m_pki->caChain()));
    const Result<QByteArray> locked =
        crypto::writePkcs12(protectedLeaf.key, protectedLeaf.cert, m_pki->caChain(), "changeit");
    QVERIFY2(locked.ok(), qPrintable(locked.message()));
    m_protectedKeystore =
        test::writeTestFile(base + QStringLiteral("/tomcat/conf"), QStringLiteral("locked.p12"), *locked);

    QDir(base).mkpath(QStringLiteral("nginx"));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       base + QStringLiteral("/nginx"));
    test::TlsSite nginxSite{m_nginxFiles.fullChain, m_nginxFiles.key, {}, QStringLiteral("nginx.scan.test")};
    Status started = m_nginx->start(nginxSite);
    QVERIFY2(started.ok(), qPrintable(started.message()));

    QDir(base).mkpath(QStringLiteral("apache"));
    m_apache = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Apache,
                                                        base + QStringLiteral("/apache"));
    test::TlsSite apacheSite{m_apacheFiles.cert, m_apacheFiles.key, m_apacheFiles.chain,
                             QStringLiteral("apache.scan.test")};
    started = m_apache->start(apacheSite);
    QVERIFY2(started.ok(), qPrintable(started.message()));

    m_tomcat = std::make_unique<test::TomcatFixture>(base + QStringLiteral("/tomcat"));
    test::TomcatConnector open;
    open.hostName = QStringLiteral("tomcat.scan.test");
    open.keystoreFile = m_tomcatKeystore;
    test::TomcatConnector protectedConnector;
    protectedConnector.hostName = QStringLiteral("locked.scan.test");
    protectedConnector.keystoreFile = m_protectedKeystore;
    protectedConnector.keystorePassword = QStringLiteral("changeit");
    started = m_tomcat->start({open, protectedConnector});
    QVERIFY2(started.ok(), qPrintable(started.message()));

    m_hostile = std::make_unique<HostileNginx>();
    QDir(base).mkpath(QStringLiteral("hostile"));
    started = m_hostile->start(base + QStringLiteral("/hostile"), m_hostileFiles.cert, m_hostileFiles.key,
                               m_hostileRsaFiles.cert, m_hostileRsaFiles.key);
    QVERIFY2(started.ok(), qPrintable(started.message()));
    // The running server really serves both: each one to the client that can only use it.
    QCOMPARE(servedFingerprint(m_hostile->port(), QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256")),
             m_hostileFingerprint);
    QCOMPARE(servedFingerprint(m_hostile->port(), QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256")),
             m_hostileRsaFingerprint);

    // Started and stopped again: must not be listed as running.
    QDir(base).mkpath(QStringLiteral("stopped"));
    m_stoppedNginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                              base + QStringLiteral("/stopped"));
    started = m_stoppedNginx->start(nginxSite);
    QVERIFY2(started.ok(), qPrintable(started.message()));
    m_stoppedNginx->stop();
}

void TestSystemScan::cleanupTestCase()
{
    m_hostile.reset();
    m_tomcat.reset();
    m_apache.reset();
    m_nginx.reset();
    m_stoppedNginx.reset();
    QDir::setCurrent(QDir::tempPath());
}

const DetectedServer* TestSystemScan::ourServer(const QList<DetectedServer>& ours, const QString& configRoot)
{
    for (const DetectedServer& server : ours) {
        if (server.configRoot == configRoot) {
            return &server;
        }
    }
    return nullptr;
}

void TestSystemScan::verifyScan(const SystemScan& scan)
{
    QVERIFY(!scan.hostname.isEmpty());
    QVERIFY(scan.addresses.contains(QStringLiteral("127.0.0.1")));
    QVERIFY(!scan.os.isEmpty());
    QVERIFY(scan.scannedAt.isValid());

    QList<DetectedServer> ours;
    for (const DetectedServer& server : scan.servers) {
        if (server.configRoot.startsWith(m_dir->path() + QLatin1Char('/'))) {
            ours.append(server);
        }
    }
    QStringList found;
    for (const DetectedServer& server : ours) {
        QVERIFY2(server.running, qPrintable(server.configRoot));
        found << server.serverType + QLatin1Char(' ') + QDir(m_dir->path()).relativeFilePath(server.configRoot);
    }
    found.sort();
    // Exactly the running ones; the stopped nginx (stopped/nginx.conf) is not among them.
    const QStringList expected = {QStringLiteral("apache-http apache/httpd.conf"),
                                  QStringLiteral("nginx hostile/nginx.conf"), QStringLiteral("nginx nginx/nginx.conf"),
                                  QStringLiteral("tomcat tomcat/conf/server.xml")};
    QCOMPARE(found, expected);

    const DetectedServer* nginx = ourServer(ours, m_nginx->configFile());
    const DetectedServer* apache = ourServer(ours, m_apache->configFile());
    const DetectedServer* tomcat = ourServer(ours, m_tomcat->serverXml());
    const DetectedServer* hostile = ourServer(ours, m_hostile->configFile());
    QVERIFY(nginx && apache && tomcat && hostile);
    QVERIFY2(nginx->pids.contains(pidFromFile(m_nginx->pidFile())), qPrintable(nginx->evidence));
    QVERIFY2(apache->pids.contains(pidFromFile(m_apache->pidFile())), qPrintable(apache->evidence));
    QVERIFY(tomcat->pids.contains(m_tomcat->processId()));
    QVERIFY(hostile->pids.contains(m_hostile->pid()));
    QCOMPARE(nginx->listeningPorts, QList<int>{m_nginx->port()});
    QCOMPARE(apache->listeningPorts, QList<int>{m_apache->port()});
    QList<int> tomcatPorts{m_tomcat->connectors().at(0).port, m_tomcat->connectors().at(1).port};
    std::sort(tomcatPorts.begin(), tomcatPorts.end());
    QCOMPARE(tomcat->listeningPorts, tomcatPorts);
    QCOMPARE(hostile->listeningPorts, QList<int>{m_hostile->port()});
    QCOMPARE(QFileInfo(nginx->binary).fileName(), QStringLiteral("nginx"));
    QCOMPARE(QFileInfo(apache->binary).fileName(), QStringLiteral("apache2"));
    const QRegularExpression version(QStringLiteral("^[0-9]+\\.[0-9]+"));
    QVERIFY2(version.match(nginx->version).hasMatch(), qPrintable(nginx->version));
    QVERIFY2(version.match(apache->version).hasMatch(), qPrintable(apache->version));
    QVERIFY2(tomcat->version.startsWith(QStringLiteral("10.")), qPrintable(tomcat->version));

    // Jetty is installed and was never started: listed as installed, not running (unless a Jetty of someone
    // else runs on this machine right now).
    if (QFileInfo::exists(QStringLiteral("/usr/share/jetty9"))) {
        bool runningJetty = false;
        bool installedJetty = false;
        for (const DetectedServer& server : scan.servers) {
            if (server.serverType == QStringLiteral("jetty")) {
                (server.running ? runningJetty : installedJetty) = true;
            }
        }
        QVERIFY(runningJetty || installedJetty);
        QCOMPARE(installedJetty, !runningJetty);
    }
    verifyEndpointsAndCertificates(scan, ours);
    for (const QString& canary : kCanaries) {
        QVERIFY2(!QFile::exists(m_dir->filePath(canary)), qPrintable(canary));
    }
}

void TestSystemScan::verifyEndpointsAndCertificates(const SystemScan& scan, const QList<DetectedServer>& ours)
{
    const auto endpointOn = [](const DetectedServer* server, int port) -> std::optional<ConfiguredEndpoint> {
        for (const ConfiguredEndpoint& endpoint : server->config.endpoints) {
            if (endpoint.port == port) {
                return endpoint;
            }
        }
        return std::nullopt;
    };
    const auto certificate = [&](const QString& path) -> std::optional<DiscoveredCertificateFile> {
        for (const DiscoveredCertificateFile& file : scan.certificates) {
            if (file.path == path) {
                return file;
            }
        }
        return std::nullopt;
    };

    const DetectedServer* nginx = ourServer(ours, m_nginx->configFile());
    const std::optional<ConfiguredEndpoint> nginxEndpoint = endpointOn(nginx, m_nginx->port());
    QVERIFY2(nginxEndpoint, qPrintable(nginx->config.warnings.join(QLatin1Char('\n'))));
    QVERIFY(nginxEndpoint->names.contains(QStringLiteral("nginx.scan.test")));
    QCOMPARE(nginxEndpoint->certificatePath, m_nginxFiles.fullChain);
    QCOMPARE(nginxEndpoint->keyPath, m_nginxFiles.key);
    const auto nginxCert = certificate(m_nginxFiles.fullChain);
    QVERIFY(nginxCert);
    QCOMPARE(nginxCert->fingerprintSha256, m_nginxFingerprint);
    QCOMPARE(nginxCert->serverType, QStringLiteral("nginx"));

    const DetectedServer* apache = ourServer(ours, m_apache->configFile());
    const std::optional<ConfiguredEndpoint> apacheEndpoint = endpointOn(apache, m_apache->port());
    QVERIFY2(apacheEndpoint, qPrintable(apache->config.warnings.join(QLatin1Char('\n'))));
    QVERIFY(apacheEndpoint->names.contains(QStringLiteral("apache.scan.test")));
    QCOMPARE(apacheEndpoint->certificatePath, m_apacheFiles.cert);
    QCOMPARE(apacheEndpoint->keyPath, m_apacheFiles.key);
    QCOMPARE(apacheEndpoint->chainPath, m_apacheFiles.chain);
    const auto apacheCert = certificate(m_apacheFiles.cert);
    QVERIFY(apacheCert);
    QCOMPARE(apacheCert->fingerprintSha256, m_apacheFingerprint);

    const DetectedServer* hostile = ourServer(ours, m_hostile->configFile());
    const std::optional<ConfiguredEndpoint> hostileEndpoint = endpointOn(hostile, m_hostile->port());
    QVERIFY2(hostileEndpoint, qPrintable(hostile->config.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(hostileEndpoint->names, kHostileNames);
    QCOMPARE(hostileEndpoint->certificatePath, m_hostileFiles.cert);
    QCOMPARE(hostileEndpoint->keyPath, m_hostileFiles.key);
    const auto hostileCert = certificate(m_hostileFiles.cert);
    QVERIFY(hostileCert);
    QCOMPARE(hostileCert->fingerprintSha256, m_hostileFingerprint);
    // The second certificate of the same server block (RSA beside ECDSA) is discovered too.
    QCOMPARE(hostileEndpoint->additionalCertificates.size(), 1);
    QCOMPARE(hostileEndpoint->additionalCertificates.first().certificatePath, m_hostileRsaFiles.cert);
    QCOMPARE(hostileEndpoint->additionalCertificates.first().keyPath, m_hostileRsaFiles.key);
    const auto hostileRsaCert = certificate(m_hostileRsaFiles.cert);
    QVERIFY(hostileRsaCert);
    QCOMPARE(hostileRsaCert->fingerprintSha256, m_hostileRsaFingerprint);

    const DetectedServer* tomcat = ourServer(ours, m_tomcat->serverXml());
    const std::optional<ConfiguredEndpoint> tomcatEndpoint = endpointOn(tomcat, m_tomcat->connectors().at(0).port);
    QVERIFY2(tomcatEndpoint, qPrintable(tomcat->config.warnings.join(QLatin1Char('\n'))));
    QVERIFY(tomcatEndpoint->names.contains(QStringLiteral("tomcat.scan.test")));
    QCOMPARE(tomcatEndpoint->keystorePath, m_tomcatKeystore);
    QCOMPARE(tomcatEndpoint->keystoreType, QStringLiteral("PKCS12"));
    const auto tomcatCert = certificate(m_tomcatKeystore);
    QVERIFY(tomcatCert);
    QVERIFY2(tomcatCert->error.isEmpty(), qPrintable(tomcatCert->error));
    QCOMPARE(tomcatCert->format, QStringLiteral("PKCS12"));
    QCOMPARE(tomcatCert->fingerprintSha256, m_tomcatFingerprint);
    const auto lockedCert = certificate(m_protectedKeystore);
    QVERIFY(lockedCert);
    QCOMPARE(lockedCert->error, QStringLiteral("needs the keystore password"));
    QVERIFY(lockedCert->chainPem.isEmpty());
}

void TestSystemScan::localScan()
{
    verifyScan(SystemScanner().scan());
}

void TestSystemScan::scanThroughBotProtocol()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    QObject context;
    bots::BotClient client(std::make_unique<bots::LocalProcessTransport>(
        test::botBinary(), QStringList{QStringLiteral("--state-dir"), stateDir.path()}));
    std::optional<Status> connected;
    client.connectToBot(&context, [&](Status status) { connected = status; });
    QTRY_VERIFY_WITH_TIMEOUT(connected.has_value(), 30000);
    QVERIFY2(connected->ok(), qPrintable(connected->message()));
    QVERIFY(
        client.botInfo().value(QStringLiteral("methods")).toVariant().toStringList().contains(QStringLiteral("scan")));

    std::optional<Result<QJsonObject>> answer;
    client.call(QStringLiteral("scan"), QJsonObject(), &context, [&](Result<QJsonObject> result) { answer = result; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 240000);
    QVERIFY2(answer->ok(), qPrintable(answer->message()));
    verifyScan(SystemScan::fromJson(answer->value()));
    client.disconnectFromBot();
}

void TestSystemScan::scanCommandLine()
{
    QProcess bot;
    bot.start(test::botBinary(), {QStringLiteral("scan")});
    QVERIFY(bot.waitForFinished(240000));
    QVERIFY2(bot.exitCode() == 0, bot.readAllStandardError().right(2000).constData());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bot.readAllStandardOutput(), &error);
    QVERIFY2(document.isObject(), qPrintable(error.errorString()));
    verifyScan(SystemScan::fromJson(document.object()));
}

QTEST_GUILESS_MAIN(TestSystemScan)
#include "TestSystemScan.moc"
