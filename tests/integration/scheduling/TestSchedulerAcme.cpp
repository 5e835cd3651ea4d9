// The in-process scheduler (as the console runs it) against a real ACME CA: pebble validates http-01 through a
// real nginx web root, the local bot stages keys and deploys. The first pass enrolls the new certificate
// (no material yet) and deploys it; a pass 29 days before its expiry renews it from pebble and deploys again.
#include "app/common/Engine.h"
#include "connectors/acme/AcmeAdministration.h"
#include "engine/crypto/TlsProbe.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/scheduling/Clock.h"
#include "engine/scheduling/Scheduler.h"
#include "engine/store/JobRepository.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/integration/lifecycle/TestEngine.h"
#include "tests/support/PebbleFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WaitFor.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using test::waitFor;

class TestSchedulerAcme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void enrollsThenRenewsFromPebble();

private:
    Result<scheduling::SchedulerReport> pass(const QDateTime& now);
    CertificateRecord record(qint64 id);
    QString served() const;

    QTemporaryDir m_dir;
    std::unique_ptr<test::PebbleFixture> m_pebble;
    std::unique_ptr<app::Engine> m_engine;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    test::InitialSite m_site;
    QString m_connector = QStringLiteral("pebble-scheduler");
};

void TestSchedulerAcme::initTestCase()
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
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::Permissions(0x7755))); // nginx's workers reach the web root
    const QString webRoot = m_dir.filePath(QStringLiteral("webroot"));
    QVERIFY(QDir().mkpath(webRoot));

    test::PebbleOptions pebbleOptions;
    pebbleOptions.challengeTestServerHttp01 = false; // nginx answers http-01 on the validation port
    m_pebble = std::make_unique<test::PebbleFixture>(pebbleOptions);
    auto pebbleStarted = m_pebble->start();
    QVERIFY2(pebbleStarted.ok(), qPrintable(pebbleStarted.message()));

    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("nginx")), QStringLiteral("s.certdeck.localhost"),
                                   &m_site, &reason),
             qPrintable(reason));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       m_dir.filePath(QStringLiteral("nginx")));
    test::TlsSite site{m_site.certificateFile, m_site.keyFile, {}, m_site.serverName};
    site.webRoot = webRoot;
    site.httpPort = m_pebble->httpValidationPort();
    auto nginxStarted = m_nginx->start(site);
    QVERIFY2(nginxStarted.ok(), qPrintable(nginxStarted.message()));

    auto engine =
        test::openTestEngine(m_dir.path(), QStringLiteral("scheduler:test"), QStringLiteral("CertDeckSchedulerTest"));
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());
    const Status connector =
        test::addPebbleConnector(*m_engine, *m_pebble, m_connector, QStringLiteral("ops@certdeck.localhost"));
    QVERIFY2(connector.ok(), qPrintable(connector.message()));
}

void TestSchedulerAcme::cleanupTestCase()
{
    if (m_engine && m_engine->acme) {
        (void)waitFor<Status>([&](QObject* context, auto done) { m_engine->acme->remove(m_connector, context, done); });
    }
    m_engine.reset();
    m_nginx.reset();
    m_pebble.reset();
}

Result<scheduling::SchedulerReport> TestSchedulerAcme::pass(const QDateTime& now)
{
    scheduling::FixedClock clock(now);
    scheduling::Scheduler::Setup setup;
    setup.database = m_engine->database;
    setup.lifecycle = m_engine->lifecycle.get();
    setup.cas = &m_engine->cas;
    setup.clock = &clock;
    setup.runner = QStringLiteral("scheduler:test");
    scheduling::Scheduler scheduler(setup);
    auto report = waitFor<Result<scheduling::SchedulerReport>>(
        [&](QObject* context, auto done) { scheduler.runOnce(context, done); }, 300000);
    if (!report) {
        return fail(QStringLiteral("the scheduler pass did not finish"));
    }
    return *report;
}

CertificateRecord TestSchedulerAcme::record(qint64 id)
{
    auto loaded = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    return loaded && loaded->ok() ? loaded->value() : CertificateRecord{};
}

QString TestSchedulerAcme::served() const
{
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), m_nginx->port(), m_site.serverName}, 5000);
    return probe.ok() ? probe->leafFingerprintSha256 : probe.message();
}

namespace {

QString describe(const scheduling::SchedulerReport& report)
{
    QStringList lines;
    for (const auto& action : report.actions) {
        lines << QStringLiteral("#%1 %2 %3 job %4: %5")
                     .arg(action.certificateId)
                     .arg(action.action, action.state)
                     .arg(action.jobId)
                     .arg(action.message);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

void TestSchedulerAcme::enrollsThenRenewsFromPebble()
{
    ProvisioningConfig config;
    config.commonName = m_site.serverName;
    config.sans = {m_site.serverName};
    config.caType = QStringLiteral("acme");
    config.caConnectorName = m_connector;
    config.serverType = QStringLiteral("nginx");
    config.serverFields = QVariantMap{
        {QStringLiteral("certificateFile"), m_site.certificateFile}, {QStringLiteral("keyFile"), m_site.keyFile},
        {QStringLiteral("configFile"), m_nginx->configFile()},       {QStringLiteral("prefix"), m_nginx->directory()},
        {QStringLiteral("nginxBinary"), m_nginx->binary()},
    };
    config.endpointPort = m_nginx->port();
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
    config.dcvEnabled = true;
    config.dcvPath = m_dir.filePath(QStringLiteral("webroot"));
    config.schedule.renewalEnabled = true;
    config.schedule.renewWithinDays = 30;
    config.schedule.deploymentEnabled = true;
    auto id = waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
    QVERIFY(id && id->ok());
    const QString selfSigned = served();

    // First pass: no material yet, so due at once; issued by pebble and deployed immediately.
    auto first = pass(QDateTime::currentDateTimeUtc());
    QVERIFY2(first.ok(), qPrintable(first.message()));
    QVERIFY2(first->failures() == 0, qPrintable(describe(first.value())));
    const CertificateRecord enrolled = record(id->value());
    QCOMPARE(enrolled.status, CertificateStatus::Deployed);
    QVERIFY2(enrolled.source.startsWith(QStringLiteral("acme:")), qPrintable(enrolled.source));
    QCOMPARE(served(), enrolled.fingerprintSha256);
    QVERIFY(enrolled.fingerprintSha256 != selfSigned);

    // 29 days before its expiry: renewed from pebble (the ARI window, if pebble offers one, is open by then).
    auto second = pass(QDateTime(enrolled.notAfter.addDays(-29).date(), QTime(12, 0), Qt::UTC));
    QVERIFY2(second.ok(), qPrintable(second.message()));
    QVERIFY2(second->failures() == 0, qPrintable(describe(second.value())));
    const CertificateRecord renewed = record(id->value());
    QVERIFY2(renewed.fingerprintSha256 != enrolled.fingerprintSha256, qPrintable(describe(second.value())));
    QCOMPARE(renewed.status, CertificateStatus::Deployed);
    QCOMPARE(served(), renewed.fingerprintSha256);
    auto jobs = store::JobRepository(*m_engine->database).forCertificate(id->value());
    QVERIFY(jobs.ok());
    int issues = 0;
    for (const Job& job : jobs.value()) {
        if (job.action == JobAction::Issue) {
            ++issues;
            QCOMPARE(job.params.value(QStringLiteral("trigger")).toString(), QStringLiteral("scheduler"));
        }
    }
    QCOMPARE(issues, 2);
}

QTEST_GUILESS_MAIN(TestSchedulerAcme)
#include "TestSchedulerAcme.moc"
