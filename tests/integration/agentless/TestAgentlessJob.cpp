// The full job path of an agentless target: a certificate whose provisioning configuration names an "Agentless
// server" (a bot entry of role AgentlessTarget, its SSH key and passphrase in the real keychain) is issued by the
// built-in CA and deployed by the local certdeck-bot over a REAL sshd to a REAL nginx. A configuration that names an
// unknown, unpinned or secret-less target fails before anything is touched. Run under tests/support/with-keyring.sh.
#include "app/common/Engine.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/crypto/TlsProbe.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/BotRepository.h"
#include "engine/store/Database.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/support/SshdFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WaitFor.h"
#include "tests/support/WebServerFixture.h"

#include <QDir>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdeck;
using test::waitFor;

namespace {

QString servedFingerprint(int port, const QString& serverName)
{
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), port, serverName}, 5000);
    return probe.ok() ? probe->leafFingerprintSha256 : QStringLiteral("probe failed: ") + probe.message();
}

} // namespace

class TestAgentlessJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void issueAndDeployOverSshToAnAgentlessTarget();
    void unknownUnpinnedOrSecretlessTargetFailsBeforeAnythingIsTouched_data();
    void unknownUnpinnedOrSecretlessTargetFailsBeforeAnythingIsTouched();

private:
    Result<qint64> addCertificate(const QString& agentlessServer);
    Result<qint64> addTarget(const QString& name, bool pinned, bool withSecrets);
    std::optional<Result<Job>> runJob(JobAction action, qint64 id);
    CertificateRecord record(qint64 id);

    QTemporaryDir m_dir;
    std::unique_ptr<app::Engine> m_engine;
    std::unique_ptr<test::SshdFixture> m_sshd;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    test::InitialSite m_site;
};

void TestAgentlessJob::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason) ||
        !test::SshdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_dir.isValid());
    app::EngineOptions options;
    options.databaseUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
    options.actor = QStringLiteral("test");
    options.botBinary = test::botBinary();
    options.botArguments = {QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("bot"))};
    auto engine = app::openEngine(options);
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());

    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("agentless-%1").arg(QCoreApplication::applicationPid());
    spec.commonName = QStringLiteral("CertDeck Agentless Test CA");
    auto created = waitFor<Result<ca::LocalCaInfo>>(
        [&](QObject* context, auto done) { m_engine->localCa->create(spec, context, done); });
    QVERIFY(created.has_value());
    QVERIFY2(created->ok(), qPrintable(created->message()));

    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("sshd"))));
    m_sshd = std::make_unique<test::SshdFixture>(m_dir.filePath(QStringLiteral("sshd")));
    const Status sshd = m_sshd->start();
    QVERIFY2(sshd.ok(), qPrintable(sshd.message()));

    QString error;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("nginx")), QStringLiteral("www.example.test"), &m_site,
                                   &error),
             qPrintable(error));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       m_dir.filePath(QStringLiteral("nginx")));
    auto started = m_nginx->start({m_site.certificateFile, m_site.keyFile, {}, m_site.serverName});
    QVERIFY2(started.ok(), qPrintable(started.message()));
}

void TestAgentlessJob::cleanupTestCase()
{
    m_nginx.reset();
    m_sshd.reset();
    m_engine.reset();
}

Result<qint64> TestAgentlessJob::addTarget(const QString& name, bool pinned, bool withSecrets)
{
    Bot bot;
    bot.name = name;
    bot.role = BotRole::AgentlessTarget;
    bot.transport = BotTransportKind::Ssh;
    bot.host = QStringLiteral("127.0.0.1");
    bot.port = m_sshd->port();
    bot.user = m_sshd->userName();
    bot.hostKeyFingerprint = pinned ? m_sshd->hostKeyFingerprint() : QString();
    bot.auth = SshAuthMethod::Key;
    auto id = store::BotRepository(*m_engine->database).insert(bot);
    if (!id.ok() || !withSecrets) {
        return id;
    }
    for (const auto& [what, secret] : {std::pair{QStringLiteral("key"), m_sshd->userKeyWithPassphrase()},
                                       std::pair{QStringLiteral("passphrase"), m_sshd->userKeyPassphrase()}}) {
        auto written = waitFor<Status>([&](QObject* context, auto done) {
            m_engine->secrets.write(botSecretKey(id.value(), what), secret, context, done);
        });
        if (!written || !written->ok()) {
            return fail(written ? written->message() : QStringLiteral("keychain write timed out"));
        }
    }
    return id;
}

Result<qint64> TestAgentlessJob::addCertificate(const QString& agentlessServer)
{
    ProvisioningConfig config;
    config.commonName = QStringLiteral("www.example.test");
    config.sans = {QStringLiteral("www.example.test")};
    config.caType = QStringLiteral("localca");
    config.caConnectorName = m_engine->cas.connectors(QStringLiteral("localca")).first()->name();
    config.agentlessServer = agentlessServer;
    config.serverType = QStringLiteral("nginx");
    config.serverFields = {
        {QStringLiteral("certificateFile"), m_site.certificateFile},
        {QStringLiteral("keyFile"), m_site.keyFile},
        {QStringLiteral("configFile"), m_nginx->configFile()},
        {QStringLiteral("prefix"), m_nginx->directory()},
        {QStringLiteral("nginxBinary"), m_nginx->binary()},
        {QStringLiteral("backupDirectory"), m_dir.filePath(QStringLiteral("remote-state"))},
    };
    config.endpointHost = QStringLiteral("127.0.0.1");
    config.endpointPort = m_nginx->port();
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
    auto id = waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
    return id.value_or(fail(QStringLiteral("timed out")));
}

std::optional<Result<Job>> TestAgentlessJob::runJob(JobAction action, qint64 id)
{
    return waitFor<Result<Job>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->run(action, id, {}, context, done); });
}

CertificateRecord TestAgentlessJob::record(qint64 id)
{
    auto loaded = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    return loaded && loaded->ok() ? loaded->value() : CertificateRecord{};
}

void TestAgentlessJob::issueAndDeployOverSshToAnAgentlessTarget()
{
    auto target = addTarget(QStringLiteral("web-agentless"), true, true);
    QVERIFY2(target.ok(), qPrintable(target.message()));
    auto id = addCertificate(QStringLiteral("web-agentless"));
    QVERIFY2(id.ok(), qPrintable(id.message()));

    auto issued = runJob(JobAction::Issue, id.value());
    QVERIFY(issued.has_value());
    QVERIFY2(issued->ok() && issued->value().state == JobState::Succeeded,
             qPrintable(issued->ok() ? issued->value().message : issued->message()));
    const QString fingerprint = record(id.value()).fingerprintSha256;
    QVERIFY(!fingerprint.isEmpty());
    QVERIFY(servedFingerprint(m_nginx->port(), m_site.serverName) != fingerprint);

    auto deployed = runJob(JobAction::Deploy, id.value());
    QVERIFY(deployed.has_value());
    QVERIFY2(deployed->ok(), qPrintable(deployed->message()));
    QVERIFY2(deployed->value().state == JobState::Succeeded, qPrintable(deployed->value().message));
    QCOMPARE(servedFingerprint(m_nginx->port(), m_site.serverName), fingerprint);
    QCOMPARE(record(id.value()).status, CertificateStatus::Deployed);
    // Over SSH with the key from the keychain, and its backup on the target host's side.
    QVERIFY2(m_sshd->log().contains(QStringLiteral("Accepted publickey")), qPrintable(m_sshd->log()));
    QVERIFY(QDir(m_dir.filePath(QStringLiteral("remote-state/backups"))).exists());
    // The secrets stayed out of the job's stored result.
    const QByteArray stored = QJsonDocument(deployed->value().result).toJson();
    QVERIFY(!stored.contains(m_sshd->userKeyPassphrase()));
    QVERIFY(!stored.contains("PRIVATE KEY"));
}

void TestAgentlessJob::unknownUnpinnedOrSecretlessTargetFailsBeforeAnythingIsTouched_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("create");
    QTest::addColumn<bool>("pinned");
    QTest::addColumn<bool>("secrets");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown") << QStringLiteral("no-such-server") << false << false << false
                             << QStringLiteral("does not exist");
    QTest::newRow("unpinned") << QStringLiteral("unpinned-server") << true << false << true
                              << QStringLiteral("not pinned");
    QTest::newRow("no secret") << QStringLiteral("secretless-server") << true << true << false
                               << QStringLiteral("not in the keychain");
}

void TestAgentlessJob::unknownUnpinnedOrSecretlessTargetFailsBeforeAnythingIsTouched()
{
    QFETCH(QString, target);
    QFETCH(bool, create);
    QFETCH(bool, pinned);
    QFETCH(bool, secrets);
    QFETCH(QString, message);
    if (create) {
        auto added = addTarget(target, pinned, secrets);
        QVERIFY2(added.ok(), qPrintable(added.message()));
    }
    auto id = addCertificate(target);
    QVERIFY2(id.ok(), qPrintable(id.message()));
    auto issued = runJob(JobAction::Issue, id.value());
    QVERIFY(issued.has_value() && issued->ok() && issued->value().state == JobState::Succeeded);
    const QByteArray certificateBefore = test::readAll(m_site.certificateFile);
    const QByteArray keyBefore = test::readAll(m_site.keyFile);
    const QString servedBefore = servedFingerprint(m_nginx->port(), m_site.serverName);
    const QString logBefore = m_sshd->log();

    auto deployed = runJob(JobAction::Deploy, id.value());
    QVERIFY(deployed.has_value());
    QVERIFY2(deployed->ok(), qPrintable(deployed->message()));
    QCOMPARE(deployed->value().state, JobState::Failed);
    QVERIFY2(deployed->value().message.contains(message), qPrintable(deployed->value().message));
    QVERIFY2(deployed->value().message.contains(target), qPrintable(deployed->value().message));
    QCOMPARE(test::readAll(m_site.certificateFile), certificateBefore);
    QCOMPARE(test::readAll(m_site.keyFile), keyBefore);
    QCOMPARE(servedFingerprint(m_nginx->port(), m_site.serverName), servedBefore);
    QCOMPARE(m_sshd->log().count(QStringLiteral("Accepted")), logBefore.count(QStringLiteral("Accepted")));
}

QTEST_GUILESS_MAIN(TestAgentlessJob)
#include "TestAgentlessJob.moc"
