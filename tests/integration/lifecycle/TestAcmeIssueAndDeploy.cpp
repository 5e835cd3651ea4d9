// Ordering from a real ACME CA (pebble) through the whole lifecycle, with real validation: the real certdeck-bot
// writes the http-01 token files into the DCV path, a real nginx serves that web root on the port where pebble's
// validator fetches them, the console's pre-flight fetches them first, pebble validates, issues, and the
// certificate is deployed to the same nginx, whose endpoint then serves a chain that verifies against pebble's
// root. Every reason automatic DCV cannot be used falls back to "Awaiting validation" with exact instructions,
// and the order continues after the operator publishes them and confirms.
#include "app/common/Engine.h"
#include "connectors/acme/AcmeAdministration.h"
#include "engine/crypto/TlsProbe.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/jobs/ManualValidation.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/integration/lifecycle/TestEngine.h"
#include "tests/support/PebbleFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WaitFor.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdeck;

namespace {

using test::waitFor;

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

} // namespace

class TestAcmeIssueAndDeploy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void orderTwoNamesValidateDeployAndServeVerifiedChain();
    void manualFallback_data();
    void manualFallback();
    void unconfirmedValidationTimesOut();

private:
    ProvisioningConfig configFor(const QString& name);
    qint64 addCertificate(const ProvisioningConfig& config);
    std::optional<Result<Job>> runJob(JobAction action, qint64 id, std::function<void(const Job&)> onAwaiting = {});
    CertificateRecord record(qint64 id);
    QString webRoot() const { return m_dir.filePath(QStringLiteral("webroot")); }
    QStringList tokenFiles() const;

    QTemporaryDir m_dir;
    std::unique_ptr<test::PebbleFixture> m_pebble;
    std::unique_ptr<app::Engine> m_engine;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    test::InitialSite m_site;
    QString m_connector = QStringLiteral("pebble");
    int m_nameCounter = 0;
};

void TestAcmeIssueAndDeploy::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::PebbleFixture::isAvailable(&reason) ||
        !test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_dir.isValid());
    // nginx's workers (nobody) must reach the web root.
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::Permissions(0x7755)));
    QVERIFY(QDir().mkpath(webRoot()));

    test::PebbleOptions pebbleOptions;
    pebbleOptions.challengeTestServerHttp01 = false; // nginx answers http-01 on the validation port
    m_pebble = std::make_unique<test::PebbleFixture>(pebbleOptions);
    auto pebbleStarted = m_pebble->start();
    QVERIFY2(pebbleStarted.ok(), qPrintable(pebbleStarted.message()));

    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("nginx")), QStringLiteral("a.certdeck.localhost"),
                                   &m_site, &reason),
             qPrintable(reason));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       m_dir.filePath(QStringLiteral("nginx")));
    test::TlsSite site{m_site.certificateFile, m_site.keyFile, {}, m_site.serverName};
    site.webRoot = webRoot();
    site.httpPort = m_pebble->httpValidationPort();
    auto nginxStarted = m_nginx->start(site);
    QVERIFY2(nginxStarted.ok(), qPrintable(nginxStarted.message()));

    auto engine = test::openTestEngine(m_dir.path(), QStringLiteral("test"), QStringLiteral("CertDeckTest"));
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());
    const Status connector =
        test::addPebbleConnector(*m_engine, *m_pebble, m_connector, QStringLiteral("ops@certdeck.localhost"));
    QVERIFY2(connector.ok(), qPrintable(connector.message()));
}

void TestAcmeIssueAndDeploy::cleanupTestCase()
{
    if (m_engine && m_engine->acme) {
        (void)waitFor<Status>([&](QObject* context, auto done) { m_engine->acme->remove(m_connector, context, done); });
    }
    m_engine.reset();
    m_nginx.reset();
    m_pebble.reset();
}

ProvisioningConfig TestAcmeIssueAndDeploy::configFor(const QString& name)
{
    ProvisioningConfig config;
    config.commonName = name;
    config.sans = {name};
    config.caType = QStringLiteral("acme");
    config.caConnectorName = m_connector;
    config.serverType = QStringLiteral("nginx");
    config.serverFields = QVariantMap{
        {QStringLiteral("certificateFile"), m_site.certificateFile}, {QStringLiteral("keyFile"), m_site.keyFile},
        {QStringLiteral("configFile"), m_nginx->configFile()},       {QStringLiteral("prefix"), m_nginx->directory()},
        {QStringLiteral("nginxBinary"), m_nginx->binary()},
    };
    config.endpointHost = QStringLiteral("127.0.0.1");
    config.endpointPort = m_nginx->port();
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
    config.dcvEnabled = true;
    config.dcvPath = webRoot();
    return config;
}

qint64 TestAcmeIssueAndDeploy::addCertificate(const ProvisioningConfig& config)
{
    auto id = waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
    if (!id || !id->ok()) {
        qWarning("createCertificateEntry: %s", id ? qPrintable(id->message()) : "timed out");
        return 0;
    }
    return id->value();
}

std::optional<Result<Job>> TestAcmeIssueAndDeploy::runJob(JobAction action, qint64 id,
                                                          std::function<void(const Job&)> onAwaiting)
{
    QObject watcher;
    if (onAwaiting) {
        connect(m_engine->lifecycle.get(), &jobs::LifecycleService::jobChanged, &watcher,
                [id, onAwaiting](const Job& job) {
                    if (job.certificateId == id && job.state == JobState::AwaitingValidation) {
                        onAwaiting(job);
                    }
                });
    }
    return waitFor<Result<Job>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->run(action, id, context, done); });
}

CertificateRecord TestAcmeIssueAndDeploy::record(qint64 id)
{
    auto loaded = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    return loaded && loaded->ok() ? loaded->value() : CertificateRecord{};
}

QStringList TestAcmeIssueAndDeploy::tokenFiles() const
{
    return QDir(webRoot() + QStringLiteral("/.well-known/acme-challenge")).entryList(QDir::Files);
}

void TestAcmeIssueAndDeploy::orderTwoNamesValidateDeployAndServeVerifiedChain()
{
    ProvisioningConfig config = configFor(QStringLiteral("a.certdeck.localhost"));
    config.sans = {QStringLiteral("a.certdeck.localhost"), QStringLiteral("b.certdeck.localhost")};
    const qint64 id = addCertificate(config);
    QVERIFY(id != 0);

    QStringList steps;
    QObject watcher;
    connect(m_engine->lifecycle.get(), &jobs::LifecycleService::jobChanged, &watcher, [&steps, id](const Job& job) {
        if (job.certificateId == id && !steps.contains(job.step)) {
            steps << job.step;
        }
    });
    auto ordered = runJob(JobAction::Order, id);
    QVERIFY(ordered.has_value());
    QVERIFY2(ordered->ok(), qPrintable(ordered->message()));
    QVERIFY2(ordered->value().state == JobState::Succeeded, qPrintable(ordered->value().message));
    // The spec's flow: the bot wrote the tokens, the console fetched them itself, and they are gone afterwards.
    QVERIFY2(steps.contains(QStringLiteral("dcv.put")) && steps.contains(QStringLiteral("dcv.preflight")),
             qPrintable(steps.join(QLatin1Char(' '))));
    QVERIFY2(tokenFiles().isEmpty(), qPrintable(tokenFiles().join(QLatin1Char(' '))));

    const CertificateRecord issued = record(id);
    QCOMPARE(issued.status, CertificateStatus::Issued);
    QVERIFY(issued.sans.contains(QStringLiteral("b.certdeck.localhost")));
    QVERIFY2(issued.source == QStringLiteral("acme:pebble"), qPrintable(issued.source));

    auto deployed = runJob(JobAction::Deploy, id);
    QVERIFY(deployed.has_value());
    QVERIFY2(deployed->ok(), qPrintable(deployed->message()));
    QVERIFY2(deployed->value().state == JobState::Succeeded, qPrintable(deployed->value().message));
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), m_nginx->port(), m_site.serverName}, 5000);
    QVERIFY2(probe.ok(), qPrintable(probe.message()));
    QCOMPARE(probe->leafFingerprintSha256, issued.fingerprintSha256);

    // The served chain verifies against pebble's root, fetched from its management port (openssl, independently).
    auto root = m_pebble->rootPem();
    QVERIFY2(root.ok(), qPrintable(root.message()));
    const QString rootFile = m_dir.filePath(QStringLiteral("pebble-root.pem"));
    QVERIFY(writeFile(rootFile, root.value()));
    QProcess client;
    client.start(QStringLiteral("openssl"),
                 {QStringLiteral("s_client"), QStringLiteral("-connect"),
                  QStringLiteral("127.0.0.1:%1").arg(m_nginx->port()), QStringLiteral("-servername"),
                  QStringLiteral("b.certdeck.localhost"), QStringLiteral("-verify_hostname"),
                  QStringLiteral("b.certdeck.localhost"), QStringLiteral("-CAfile"), rootFile,
                  QStringLiteral("-verify_return_error")});
    client.closeWriteChannel();
    QVERIFY(client.waitForFinished(30000));
    const QByteArray output = client.readAllStandardOutput();
    QVERIFY2(client.exitCode() == 0 && output.contains("Verify return code: 0 (ok)"),
             QByteArray(output + client.readAllStandardError()).constData());
}

void TestAcmeIssueAndDeploy::manualFallback_data()
{
    QTest::addColumn<QString>("dcvPath");
    QTest::addColumn<bool>("dcvEnabled");
    QTest::addColumn<QString>("expectedReason");

    const QString outside = m_dir.filePath(QStringLiteral("outside"));
    const QString linked = m_dir.filePath(QStringLiteral("linked-root"));
    QDir().mkpath(outside);
    QDir().mkpath(linked);
    QFile::link(outside, linked + QStringLiteral("/.well-known"));
    const QString unserved = m_dir.filePath(QStringLiteral("unserved-root"));
    QDir().mkpath(unserved);

    QTest::newRow("dcv off") << webRoot() << false << QStringLiteral("Automatic DCV is off");
    QTest::newRow("relative path") << QStringLiteral("webroot") << true << QStringLiteral("not an absolute");
    QTest::newRow("path missing") << m_dir.filePath(QStringLiteral("no-such-dir")) << true
                                  << QStringLiteral("did not write");
    QTest::newRow("bot cannot write") << QStringLiteral("/proc/1") << true << QStringLiteral("did not write");
    QTest::newRow("symlink escapes") << linked << true << QStringLiteral("did not write");
    QTest::newRow("pre-flight fails") << unserved << true << QStringLiteral("pre-flight");
}

void TestAcmeIssueAndDeploy::manualFallback()
{
    QFETCH(QString, dcvPath);
    QFETCH(bool, dcvEnabled);
    QFETCH(QString, expectedReason);

    ProvisioningConfig config = configFor(QStringLiteral("manual%1.certdeck.localhost").arg(++m_nameCounter));
    config.dcvEnabled = dcvEnabled;
    config.dcvPath = dcvPath;
    const qint64 id = addCertificate(config);
    QVERIFY(id != 0);

    std::optional<jobs::ManualValidation> shown;
    QString confirmError;
    auto ordered = runJob(JobAction::Order, id, [&](const Job& job) {
        if (shown) {
            return;
        }
        shown = jobs::ManualValidation::fromJson(job.result.value(QStringLiteral("validation")).toObject());
        // The operator does exactly what the console shows: put the file where the CA fetches it, confirm.
        for (const auto& challenge : shown->challenges) {
            if (challenge.type == QLatin1String("http-01")) {
                writeFile(webRoot() + QStringLiteral("/.well-known/acme-challenge/") + challenge.fileName,
                          challenge.content.toUtf8());
            }
        }
        m_engine->lifecycle->confirmValidation(job.id, this, [&confirmError](Status status) {
            if (!status.ok()) {
                confirmError = status.message();
            }
        });
    });
    QVERIFY(shown.has_value());
    QVERIFY2(shown->reason.contains(expectedReason), qPrintable(shown->reason));
    QCOMPARE(shown->challenges.size(), 1);
    const auto& challenge = shown->challenges.first();
    QCOMPARE(challenge.type, QStringLiteral("http-01"));
    QVERIFY2(challenge.url.startsWith(QStringLiteral("http://%1:%2/.well-known/acme-challenge/")
                                          .arg(config.commonName)
                                          .arg(m_pebble->httpValidationPort())),
             qPrintable(challenge.url));
    QVERIFY(challenge.content.startsWith(challenge.fileName + QLatin1Char('.')));
    QVERIFY(shown->deadline > QDateTime::currentDateTimeUtc());
    QVERIFY(!shown->instructions().isEmpty());
    QVERIFY2(confirmError.isEmpty(), qPrintable(confirmError));
    QVERIFY(ordered.has_value());
    QVERIFY2(ordered->ok(), qPrintable(ordered->message()));
    QVERIFY2(ordered->value().state == JobState::Succeeded, qPrintable(ordered->value().message));
    QCOMPARE(record(id).status, CertificateStatus::Issued);
    // Nothing was written where it must not be.
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("outside/acme-challenge"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("no-such-dir"))));
    // The bot's own files are cleaned up; the operator's stay (they are the operator's).
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("unserved-root/.well-known/acme-challenge/")) +
                           challenge.fileName));
}

void TestAcmeIssueAndDeploy::unconfirmedValidationTimesOut()
{
    m_engine->lifecycle->setManualValidationTimeout(std::chrono::seconds(2));
    ProvisioningConfig config = configFor(QStringLiteral("timeout.certdeck.localhost"));
    config.dcvEnabled = false;
    const qint64 id = addCertificate(config);
    QVERIFY(id != 0);
    bool awaited = false;
    auto ordered = runJob(JobAction::Order, id, [&awaited](const Job&) { awaited = true; });
    m_engine->lifecycle->setManualValidationTimeout(std::chrono::hours(24));
    QVERIFY(awaited);
    QVERIFY(ordered.has_value() && ordered->ok());
    QCOMPARE(ordered->value().state, JobState::Failed);
    QVERIFY2(ordered->value().message.contains(QStringLiteral("Nobody confirmed")),
             qPrintable(ordered->value().message));
    QCOMPARE(record(id).status, CertificateStatus::Managed);
}

QTEST_GUILESS_MAIN(TestAcmeIssueAndDeploy)
#include "TestAcmeIssueAndDeploy.moc"
