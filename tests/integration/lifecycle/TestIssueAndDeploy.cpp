// The foundation's vertical slice, end to end with real parts: a built-in CA (keys encrypted, passphrase in
// the real Secret Service), the real certdeck-bot over its stdio protocol, and real nginx and Apache on
// loopback. Issue -> deploy -> the endpoint serves the new fingerprint; a failing deployment is rolled back and
// the old certificate is served again, its files byte-identical.
#include "app/common/Engine.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/crypto/TlsProbe.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/Database.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WaitFor.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdeck;

namespace {

using test::waitFor;

QString servedFingerprint(int port, const QString& serverName)
{
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), port, serverName}, 5000);
    return probe.ok() ? probe->leafFingerprintSha256 : QStringLiteral("probe failed: ") + probe.message();
}

} // namespace

class TestIssueAndDeploy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void issueAndDeployToNginx();
    void failedConfigTestRollsBackNginx();
    void unprovenRollbackSaysSoAndMarksTheRow();
    void issueAndDeployToApache();
    void deployWithoutIssuedMaterialIsRefused();
    void suspendResumeAndRevokeThroughTheIssuingCa();

private:
    Result<qint64> addCertificate(const QString& serverType, const QVariantMap& fields, int port);
    std::optional<Result<Job>> runJob(JobAction action, qint64 id, const QJsonObject& params = {});
    QString crlText();
    CertificateRecord record(qint64 id);

    QTemporaryDir m_dir;
    std::unique_ptr<app::Engine> m_engine;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    test::InitialSite m_nginxSite;
    qint64 m_nginxCertificate = 0;
};

void TestIssueAndDeploy::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
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
    spec.name = QStringLiteral("office-%1").arg(QCoreApplication::applicationPid());
    spec.commonName = QStringLiteral("CertDeck Test Office CA");
    auto created = waitFor<Result<ca::LocalCaInfo>>(
        [&](QObject* context, auto done) { m_engine->localCa->create(spec, context, done); });
    QVERIFY(created.has_value());
    QVERIFY2(created->ok(), qPrintable(created->message()));

    QString error;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("nginx")), QStringLiteral("www.example.test"),
                                   &m_nginxSite, &error),
             qPrintable(error));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       m_dir.filePath(QStringLiteral("nginx")));
    auto started = m_nginx->start({m_nginxSite.certificateFile, m_nginxSite.keyFile, {}, m_nginxSite.serverName});
    QVERIFY2(started.ok(), qPrintable(started.message()));
}

void TestIssueAndDeploy::cleanupTestCase()
{
    m_nginx.reset();
    m_engine.reset();
}

Result<qint64> TestIssueAndDeploy::addCertificate(const QString& serverType, const QVariantMap& fields, int port)
{
    ProvisioningConfig config;
    config.commonName = QStringLiteral("www.example.test");
    config.sans = {QStringLiteral("www.example.test"), QStringLiteral("example.test")};
    config.caType = QStringLiteral("localca");
    config.caConnectorName = m_engine->cas.connectors(QStringLiteral("localca")).first()->name();
    config.serverType = serverType;
    config.serverFields = fields;
    config.endpointHost = QStringLiteral("127.0.0.1");
    config.endpointPort = port;
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
    auto id = waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
    return id.value_or(fail(QStringLiteral("timed out")));
}

std::optional<Result<Job>> TestIssueAndDeploy::runJob(JobAction action, qint64 id, const QJsonObject& params)
{
    return waitFor<Result<Job>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->run(action, id, params, context, done); });
}

CertificateRecord TestIssueAndDeploy::record(qint64 id)
{
    auto loaded = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    return loaded && loaded->ok() ? loaded->value() : CertificateRecord{};
}

void TestIssueAndDeploy::issueAndDeployToNginx()
{
    const QVariantMap fields{
        {QStringLiteral("certificateFile"), m_nginxSite.certificateFile},
        {QStringLiteral("keyFile"), m_nginxSite.keyFile},
        {QStringLiteral("configFile"), m_nginx->configFile()},
        {QStringLiteral("prefix"), m_nginx->directory()},
        {QStringLiteral("nginxBinary"), m_nginx->binary()},
    };
    auto id = addCertificate(QStringLiteral("nginx"), fields, m_nginx->port());
    QVERIFY2(id.ok(), qPrintable(id.message()));
    m_nginxCertificate = id.value();
    QCOMPARE(record(id.value()).status, CertificateStatus::Managed);

    auto issued = runJob(JobAction::Issue, id.value());
    QVERIFY(issued.has_value());
    QVERIFY2(issued->ok(), qPrintable(issued->message()));
    QVERIFY2(issued->value().state == JobState::Succeeded, qPrintable(issued->value().message));
    const CertificateRecord afterIssue = record(id.value());
    QCOMPARE(afterIssue.status, CertificateStatus::Issued);
    QVERIFY(!afterIssue.fingerprintSha256.isEmpty());
    QVERIFY(afterIssue.sans.contains(QStringLiteral("example.test")));
    QVERIFY(afterIssue.notAfter > QDateTime::currentDateTimeUtc().addDays(300));
    QVERIFY(servedFingerprint(m_nginx->port(), m_nginxSite.serverName) != afterIssue.fingerprintSha256);

    auto deployed = runJob(JobAction::Deploy, id.value());
    QVERIFY(deployed.has_value());
    QVERIFY2(deployed->ok(), qPrintable(deployed->message()));
    QVERIFY2(deployed->value().state == JobState::Succeeded, qPrintable(deployed->value().message));
    // What the user cares about: the endpoint serves the new certificate, and the inventory says so.
    QCOMPARE(servedFingerprint(m_nginx->port(), m_nginxSite.serverName), afterIssue.fingerprintSha256);
    const CertificateRecord afterDeploy = record(id.value());
    QCOMPARE(afterDeploy.status, CertificateStatus::Deployed);
    QCOMPARE(afterDeploy.port, m_nginx->port());
    // The served chain verifies against the exported CA (an independent check with the openssl CLI).
    auto caPem = m_engine->localCa->exportCertificates(m_engine->cas.connectors().first()->name());
    QVERIFY2(caPem.ok(), qPrintable(caPem.message()));
    const QString caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QFile ca(caFile);
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.write(caPem.value());
    ca.close();
    QProcess verify;
    verify.start(QStringLiteral("openssl"),
                 {QStringLiteral("verify"), QStringLiteral("-CAfile"), caFile, QStringLiteral("-purpose"),
                  QStringLiteral("sslserver"), m_nginxSite.certificateFile});
    QVERIFY(verify.waitForFinished(30000));
    QVERIFY2(verify.exitCode() == 0, verify.readAllStandardError().constData());
    // The key file on the server is private.
    QCOMPARE(QFile::permissions(m_nginxSite.keyFile) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    // And the audit trail tells the story.
    auto events = store::AuditRepository(*m_engine->database).forCertificate(id.value());
    QVERIFY(events.ok());
    QStringList actions;
    for (const auto& event : events.value()) {
        actions << event.action + QLatin1Char('=') + event.outcome;
    }
    QVERIFY2(actions.contains(QStringLiteral("cert.issue=ok")) && actions.contains(QStringLiteral("cert.deploy=ok")),
             qPrintable(actions.join(QLatin1Char(' '))));
}

void TestIssueAndDeploy::failedConfigTestRollsBackNginx()
{
    QVERIFY(m_nginxCertificate != 0);
    const QByteArray certBefore = test::readAll(m_nginxSite.certificateFile);
    const QByteArray keyBefore = test::readAll(m_nginxSite.keyFile);
    const QString servedBefore = servedFingerprint(m_nginx->port(), m_nginxSite.serverName);

    auto issued = runJob(JobAction::Issue, m_nginxCertificate);
    QVERIFY(issued && issued->ok() && issued->value().state == JobState::Succeeded);

    // Break the server's configuration: its own config test must now fail, after the new files were written.
    const QByteArray goodConfig = test::readAll(m_nginx->configFile());
    {
        QFile config(m_nginx->configFile());
        QVERIFY(config.open(QIODevice::Append));
        config.write("\nthis_is_not_a_directive;\n");
    }
    auto deployed = runJob(JobAction::Deploy, m_nginxCertificate);
    {
        QFile config(m_nginx->configFile());
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(goodConfig);
    }
    QVERIFY(deployed.has_value());
    QVERIFY2(deployed->ok(), qPrintable(deployed->message()));
    QVERIFY2(deployed->value().state == JobState::RolledBack,
             qPrintable(jobStateId(deployed->value().state) + QStringLiteral(": ") + deployed->value().message));
    QVERIFY2(deployed->value().message.contains(QStringLiteral("rolled back")), qPrintable(deployed->value().message));
    QCOMPARE(test::readAll(m_nginxSite.certificateFile), certBefore);
    QCOMPARE(test::readAll(m_nginxSite.keyFile), keyBefore);
    QCOMPARE(servedFingerprint(m_nginx->port(), m_nginxSite.serverName), servedBefore);
    QCOMPARE(record(m_nginxCertificate).status, CertificateStatus::Failed);
}

// Before, a rollback that no handshake could prove (the endpoint unreachable) still ended with "the previous
// certificate is served again". Now the job says the files were restored and serving is unproven, and the row is
// marked so.
void TestIssueAndDeploy::unprovenRollbackSaysSoAndMarksTheRow()
{
    const QByteArray certBefore = test::readAll(m_nginxSite.certificateFile);
    const QByteArray keyBefore = test::readAll(m_nginxSite.keyFile);
    const QVariantMap fields{
        {QStringLiteral("certificateFile"), m_nginxSite.certificateFile},
        {QStringLiteral("keyFile"), m_nginxSite.keyFile},
        {QStringLiteral("configFile"), m_nginx->configFile()},
        {QStringLiteral("prefix"), m_nginx->directory()},
        {QStringLiteral("nginxBinary"), m_nginx->binary()},
    };
    // Nothing listens on the entry's endpoint: neither the old nor the new certificate can be seen there.
    auto id = addCertificate(QStringLiteral("nginx"), fields, test::freeLoopbackPort());
    QVERIFY2(id.ok(), qPrintable(id.message()));
    auto issued = runJob(JobAction::Issue, id.value());
    QVERIFY(issued && issued->ok() && issued->value().state == JobState::Succeeded);

    auto deployed = runJob(JobAction::Deploy, id.value());
    QVERIFY(deployed.has_value());
    QVERIFY2(deployed->ok(), qPrintable(deployed->message()));
    const QString message = deployed->value().message;
    QVERIFY2(deployed->value().state == JobState::RolledBack, qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("previous files were restored")) &&
                 message.contains(QStringLiteral("unproven")),
             qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("served again")) &&
                 !message.contains(QStringLiteral("serves the previous")),
             qPrintable(message));
    QCOMPARE(test::readAll(m_nginxSite.certificateFile), certBefore);
    QCOMPARE(test::readAll(m_nginxSite.keyFile), keyBefore);
    const CertificateRecord after = record(id.value());
    QCOMPARE(after.status, CertificateStatus::Failed);
    QVERIFY2(after.drift.startsWith(QStringLiteral("serving unproven")), qPrintable(after.drift));
    QVERIFY(after.servedFingerprint.isEmpty());
}

void TestIssueAndDeploy::issueAndDeployToApache()
{
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Apache, &reason)) {
        QSKIP(qPrintable(reason));
    }
    const QString dir = m_dir.filePath(QStringLiteral("apache"));
    test::InitialSite site;
    QString error;
    QVERIFY2(test::makeInitialSite(dir, QStringLiteral("www.example.test"), &site, &error), qPrintable(error));
    test::WebServerFixture apache(test::WebServerFixture::Server::Apache, dir);
    auto started = apache.start({site.certificateFile, site.keyFile, {}, site.serverName});
    QVERIFY2(started.ok(), qPrintable(started.message()));

    const QVariantMap fields{
        {QStringLiteral("serverRoot"), apache.directory()},        {QStringLiteral("configFile"), apache.configFile()},
        {QStringLiteral("certificateFile"), site.certificateFile}, {QStringLiteral("keyFile"), site.keyFile},
        {QStringLiteral("apacheBinary"), apache.binary()},
    };
    // A second entry for the same name is a different certificate: give it its own name.
    auto id = addCertificate(QStringLiteral("apache-http"), fields, apache.port());
    QVERIFY2(id.ok(), qPrintable(id.message()));
    auto issued = runJob(JobAction::Issue, id.value());
    QVERIFY(issued && issued->ok());
    QVERIFY2(issued->value().state == JobState::Succeeded, qPrintable(issued->value().message));
    auto deployed = runJob(JobAction::Deploy, id.value());
    QVERIFY(deployed && deployed->ok());
    QVERIFY2(deployed->value().state == JobState::Succeeded, qPrintable(deployed->value().message));
    QCOMPARE(servedFingerprint(apache.port(), site.serverName), record(id.value()).fingerprintSha256);
}

void TestIssueAndDeploy::deployWithoutIssuedMaterialIsRefused()
{
    const QVariantMap fields{
        {QStringLiteral("certificateFile"), m_dir.filePath(QStringLiteral("other/site.pem"))},
        {QStringLiteral("keyFile"), m_dir.filePath(QStringLiteral("other/site.key"))},
        {QStringLiteral("configFile"), m_nginx->configFile()},
    };
    auto id = addCertificate(QStringLiteral("nginx"), fields, m_nginx->port());
    QVERIFY2(id.ok(), qPrintable(id.message()));
    auto deployed = runJob(JobAction::Deploy, id.value());
    QVERIFY(deployed && deployed->ok());
    QCOMPARE(deployed->value().state, JobState::Failed);
    QVERIFY2(deployed->value().message.contains(QStringLiteral("Issue it first")),
             qPrintable(deployed->value().message));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("other/site.pem"))));
}

// The CA's published CRL, as openssl reads it (independent of the code under test).
QString TestIssueAndDeploy::crlText()
{
    const QString path = m_dir.filePath(QStringLiteral("ca.crl"));
    auto published = waitFor<Status>([&](QObject* context, auto done) {
        m_engine->localCa->publishCrl(m_engine->cas.connectors(QStringLiteral("localca")).first()->name(), path,
                                      context, done);
    });
    if (!published || !published->ok()) {
        return QStringLiteral("publishing the CRL failed");
    }
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("crl"), QStringLiteral("-in"), path,
                                              QStringLiteral("-noout"), QStringLiteral("-text")});
    openssl.waitForFinished(30000);
    return QString::fromUtf8(openssl.readAllStandardOutput());
}

void TestIssueAndDeploy::suspendResumeAndRevokeThroughTheIssuingCa()
{
    const QVariantMap fields{
        {QStringLiteral("certificateFile"), m_dir.filePath(QStringLiteral("revoked/site.pem"))},
        {QStringLiteral("keyFile"), m_dir.filePath(QStringLiteral("revoked/site.key"))},
        {QStringLiteral("configFile"), m_nginx->configFile()},
    };
    auto id = addCertificate(QStringLiteral("nginx"), fields, m_nginx->port());
    QVERIFY2(id.ok(), qPrintable(id.message()));
    auto resumedEarly = runJob(JobAction::Resume, id.value());
    QVERIFY(resumedEarly && resumedEarly->ok());
    QCOMPARE(resumedEarly->value().state, JobState::Failed); // nothing issued yet
    auto issued = runJob(JobAction::Issue, id.value());
    QVERIFY(issued && issued->ok() && issued->value().state == JobState::Succeeded);
    const QString serial = record(id.value()).serialHex.toUpper();
    QVERIFY(!serial.isEmpty());

    auto suspended = runJob(JobAction::Suspend, id.value());
    QVERIFY(suspended && suspended->ok());
    QVERIFY2(suspended->value().state == JobState::Succeeded, qPrintable(suspended->value().message));
    QCOMPARE(record(id.value()).status, CertificateStatus::Suspended);
    QString crl = crlText();
    QVERIFY2(crl.contains(serial) && crl.contains(QStringLiteral("Certificate Hold")), qPrintable(crl));

    auto resumed = runJob(JobAction::Resume, id.value());
    QVERIFY(resumed && resumed->ok());
    QVERIFY2(resumed->value().state == JobState::Succeeded, qPrintable(resumed->value().message));
    QCOMPARE(record(id.value()).status, CertificateStatus::Issued);
    QVERIFY2(!crlText().contains(serial), "the resumed certificate is still on the CRL");

    auto badReason = runJob(JobAction::Revoke, id.value(), QJsonObject{{QStringLiteral("reason"), 6}});
    QVERIFY(badReason && badReason->ok());
    QCOMPARE(badReason->value().state, JobState::Failed);
    QVERIFY2(badReason->value().message.contains(QStringLiteral("Suspend")), qPrintable(badReason->value().message));

    auto revoked = runJob(JobAction::Revoke, id.value(), QJsonObject{{QStringLiteral("reason"), 1}});
    QVERIFY(revoked && revoked->ok());
    QVERIFY2(revoked->value().state == JobState::Succeeded, qPrintable(revoked->value().message));
    QCOMPARE(record(id.value()).status, CertificateStatus::Revoked);
    crl = crlText();
    QVERIFY2(crl.contains(serial) && crl.contains(QStringLiteral("Key Compromise")), qPrintable(crl));
    auto events = store::AuditRepository(*m_engine->database).forCertificate(id.value());
    QVERIFY(events.ok());
    QStringList actions;
    for (const auto& event : events.value()) {
        actions << event.action + QLatin1Char('=') + event.outcome;
    }
    QVERIFY2(actions.contains(QStringLiteral("cert.suspend=ok")) &&
                 actions.contains(QStringLiteral("cert.resume=ok")) &&
                 actions.contains(QStringLiteral("cert.revoke=ok")),
             qPrintable(actions.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestIssueAndDeploy)
#include "TestIssueAndDeploy.moc"
