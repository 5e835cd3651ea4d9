// dns-01 end to end with real parts: pebble resolves through a real bind9 that is authoritative for the zone;
// CertDeck publishes the TXT records by TSIG-signed RFC 2136 updates (secret from the real keychain), waits until
// bind9 answers with them, pebble validates, and the records are removed afterwards. A wildcard name is ordered,
// which only dns-01 can validate. A wrong TSIG key falls back to "Awaiting validation" with the record to publish.
#include "app/common/Engine.h"
#include "connectors/acme/AcmeAdministration.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/jobs/ManualValidation.h"
#include "tests/integration/lifecycle/TestEngine.h"
#include "tests/support/Bind9Fixture.h"
#include "tests/support/PebbleFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WaitFor.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdeck;

namespace {

using test::waitFor;

} // namespace

class TestAcmeDns01 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void wildcardOrderValidatedByRfc2136Updates();
    void refusedUpdateFallsBackToManual();

private:
    qint64 addCertificate(const QString& keyName);
    std::optional<Result<Job>> order(qint64 id, std::function<void(const Job&)> onAwaiting = {});

    QTemporaryDir m_dir;
    std::unique_ptr<test::Bind9Fixture> m_bind;
    std::unique_ptr<test::PebbleFixture> m_pebble;
    std::unique_ptr<app::Engine> m_engine;
};

void TestAcmeDns01::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::PebbleFixture::isAvailable(&reason) || !test::Bind9Fixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    m_bind = std::make_unique<test::Bind9Fixture>();
    auto bindStarted = m_bind->start();
    QVERIFY2(bindStarted.ok(), qPrintable(bindStarted.message()));

    test::PebbleOptions pebbleOptions;
    pebbleOptions.challengeTestServer = false;
    pebbleOptions.dnsServer = m_bind->dnsServer();
    m_pebble = std::make_unique<test::PebbleFixture>(pebbleOptions);
    auto pebbleStarted = m_pebble->start();
    QVERIFY2(pebbleStarted.ok(), qPrintable(pebbleStarted.message()));

    auto engine = test::openTestEngine(m_dir.path(), QStringLiteral("test"), QStringLiteral("CertDeckTest"));
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());
    const Status connector = test::addPebbleConnector(*m_engine, *m_pebble, QStringLiteral("pebble"));
    QVERIFY2(connector.ok(), qPrintable(connector.message()));

    // The operator stores the TSIG keys (base64, as in named.conf); a wrong one too, for the refusal case.
    auto stored = waitFor<Status>([&](QObject* context, auto done) {
        m_engine->secrets.write(QStringLiteral("tsig/") + m_bind->keyName(), m_bind->secret().toBase64(), context,
                                done);
    });
    QVERIFY(stored && stored->ok());
    stored = waitFor<Status>([&](QObject* context, auto done) {
        m_engine->secrets.write(QStringLiteral("tsig/") + m_bind->unauthorizedKeyName(),
                                m_bind->unauthorizedSecret().toBase64(), context, done);
    });
    QVERIFY(stored && stored->ok());
}

void TestAcmeDns01::cleanupTestCase()
{
    if (m_engine) {
        (void)waitFor<Status>([&](QObject* context, auto done) {
            m_engine->secrets.remove(QStringLiteral("tsig/") + m_bind->keyName(), context, done);
        });
        (void)waitFor<Status>([&](QObject* context, auto done) {
            m_engine->secrets.remove(QStringLiteral("tsig/") + m_bind->unauthorizedKeyName(), context, done);
        });
        (void)waitFor<Status>(
            [&](QObject* context, auto done) { m_engine->acme->remove(QStringLiteral("pebble"), context, done); });
    }
    m_engine.reset();
    m_pebble.reset();
    m_bind.reset();
}

qint64 TestAcmeDns01::addCertificate(const QString& keyName)
{
    ProvisioningConfig config;
    config.commonName = m_bind->zone();
    config.sans = {m_bind->zone(), QStringLiteral("*.") + m_bind->zone()};
    config.caType = QStringLiteral("acme");
    config.caConnectorName = QStringLiteral("pebble");
    config.serverType = QStringLiteral("nginx");
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
    config.dcvMethod = QStringLiteral("dns-01");
    config.dnsServer = m_bind->address();
    config.dnsPort = m_bind->port();
    config.dnsZone = m_bind->zone();
    config.dnsKeyName = keyName;
    config.dnsKeyAlgorithm = m_bind->algorithm();
    auto id = waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
    return id && id->ok() ? id->value() : 0;
}

std::optional<Result<Job>> TestAcmeDns01::order(qint64 id, std::function<void(const Job&)> onAwaiting)
{
    QObject watcher;
    connect(m_engine->lifecycle.get(), &jobs::LifecycleService::jobChanged, &watcher, [id, onAwaiting](const Job& job) {
        if (onAwaiting && job.certificateId == id && job.state == JobState::AwaitingValidation) {
            onAwaiting(job);
        }
    });
    return waitFor<Result<Job>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->run(JobAction::Order, id, context, done); });
}

void TestAcmeDns01::wildcardOrderValidatedByRfc2136Updates()
{
    const qint64 id = addCertificate(m_bind->keyName());
    QVERIFY(id != 0);
    bool askedOperator = false;
    auto ordered = order(id, [&askedOperator](const Job&) { askedOperator = true; });
    QVERIFY(ordered.has_value());
    QVERIFY2(ordered->ok(), qPrintable(ordered->message()));
    QVERIFY2(ordered->value().state == JobState::Succeeded, qPrintable(ordered->value().message));
    QVERIFY(!askedOperator);

    auto record = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    QVERIFY(record && record->ok());
    QVERIFY2(record->value().sans.contains(QStringLiteral("*.") + m_bind->zone()),
             qPrintable(record->value().sans.join(QLatin1Char(' '))));
    // The records are gone again (asked of bind9 with dig, independently of CertDeck's own DNS code).
    auto txt = m_bind->dig(QStringLiteral("_acme-challenge.") + m_bind->zone(), QStringLiteral("TXT"));
    QVERIFY2(txt.ok(), qPrintable(txt.message()));
    QVERIFY2(txt->isEmpty(), qPrintable(txt->join(QLatin1Char(' '))));
}

void TestAcmeDns01::refusedUpdateFallsBackToManual()
{
    m_engine->lifecycle->setManualValidationTimeout(std::chrono::seconds(2));
    const qint64 id = addCertificate(m_bind->unauthorizedKeyName());
    QVERIFY(id != 0);
    std::optional<jobs::ManualValidation> shown;
    auto ordered = order(id, [&shown](const Job& job) {
        shown = jobs::ManualValidation::fromJson(job.result.value(QStringLiteral("validation")).toObject());
    });
    m_engine->lifecycle->setManualValidationTimeout(std::chrono::hours(24));
    QVERIFY(shown.has_value());
    QVERIFY2(shown->reason.contains(QStringLiteral("REFUSED")), qPrintable(shown->reason));
    QVERIFY2(!shown->challenges.isEmpty(), "no challenge shown");
    for (const auto& challenge : shown->challenges) {
        QCOMPARE(challenge.type, QStringLiteral("dns-01"));
        QCOMPARE(challenge.recordName, QStringLiteral("_acme-challenge.%1.").arg(m_bind->zone()));
        QVERIFY(!challenge.recordValue.isEmpty());
    }
    QVERIFY(ordered && ordered->ok());
    QCOMPARE(ordered->value().state, JobState::Failed);
}

QTEST_GUILESS_MAIN(TestAcmeDns01)
#include "TestAcmeDns01.moc"
