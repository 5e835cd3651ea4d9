// Bot management as an operator sees it, against a REAL sshd on loopback (throw-away host and user keys), a REAL
// nginx started by the test and the real keychain (run under tests/support/with-keyring.sh): add, confirm the host
// key, install certdeck-bot over SFTP, scan the host over SSH, see the served certificate in the inventory, refuse a
// changed host key, remove everything again. Slots run in order and share the entries they create.
#include "app/common/Engine.h"
#include "engine/bots/BotService.h"
#include "engine/crypto/Certificate.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/EndpointRepository.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/integration/lifecycle/TestEngine.h"
#include "tests/support/SshdFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WaitFor.h"
#include "tests/support/WebServerFixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

namespace {

template <typename T, typename Start>
T await(Start start, int timeoutMs = 180000)
{
    auto result = test::waitFor<T>(start, timeoutMs);
    if (!result) {
        return T(fail(QStringLiteral("the call did not finish within %1 ms").arg(timeoutMs), QStringLiteral("test")));
    }
    return std::move(*result);
}

} // namespace

class TestBotManagement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void addRefusesBadFieldsAndStoresNothing();
    void addsSshBotWithItsKeyInTheKeychain();
    void installIsRefusedBeforeTheHostKeyIsTrusted();
    void trustsOnlyTheOfferedHostKey();
    void installsThenFindsItUpToDate();
    void scanOverSshFindsNginxAndImportsItsCertificate();
    void changedHostKeyIsRefusedShowingBothFingerprints();
    void wrongPasswordIsRefusedClearly();
    void removeDeletesSecretsAndEndpoints();
    void localBotRescanWorks();

private:
    QList<Bot> bots();
    Bot botNamed(const QString& name);
    bots::BotService& service() { return *m_engine->bots; }

    QTemporaryDir m_dir;
    std::unique_ptr<test::SshdFixture> m_sshd;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    std::unique_ptr<app::Engine> m_engine;
    test::InitialSite m_site;
    QString m_siteFingerprint;
    QString m_installPath;
    bool m_passwordLogin = false;
    QString m_passwordSkipReason;
    qint64 m_botId = 0;
};

QList<Bot> TestBotManagement::bots()
{
    auto listed = await<Result<QList<Bot>>>([&](QObject* context, auto done) { service().list(context, done); });
    if (!listed.ok()) {
        QTest::qFail(qPrintable(listed.message()), __FILE__, __LINE__);
        return {};
    }
    return *listed;
}

Bot TestBotManagement::botNamed(const QString& name)
{
    for (const Bot& bot : bots()) {
        if (bot.name == name) {
            return bot;
        }
    }
    return {};
}

void TestBotManagement::initTestCase()
{
    QString reason;
    if (!test::SshdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_dir.isValid());
    // Every directory above the install path must be reachable for the SSH user (the test's own user).
    m_installPath = m_dir.filePath(QStringLiteral("remote host/bin/certdeck-bot"));

    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("sshd"))));
    m_sshd = std::make_unique<test::SshdFixture>(m_dir.filePath(QStringLiteral("sshd")));
    m_passwordLogin = m_sshd->enablePasswordLogin(&m_passwordSkipReason);
    const Status sshd = m_sshd->start();
    QVERIFY2(sshd.ok(), qPrintable(sshd.message() + QStringLiteral("\n") + m_sshd->log()));

    QString error;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("site")), QStringLiteral("www.botmgmt.test"), &m_site,
                                   &error),
             qPrintable(error));
    auto certificate = crypto::Certificate::fromPem(test::readAll(m_site.certificateFile));
    QVERIFY2(certificate.ok(), qPrintable(certificate.message()));
    m_siteFingerprint = certificate->fingerprintSha256();
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("nginx"))));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       m_dir.filePath(QStringLiteral("nginx")));
    test::TlsSite site;
    site.certificateFile = m_site.certificateFile;
    site.keyFile = m_site.keyFile;
    site.serverName = m_site.serverName;
    const Status nginx = m_nginx->start(site);
    QVERIFY2(nginx.ok(), qPrintable(nginx.message()));

    auto engine = test::openTestEngine(m_dir.filePath(QStringLiteral("console")), QStringLiteral("operator:test"),
                                       QStringLiteral("CertDeckBotMgmt"));
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());
}

void TestBotManagement::cleanupTestCase()
{
    m_engine.reset(); // the bots' connections end before sshd goes
    if (m_nginx) {
        m_nginx->stop();
    }
    if (m_sshd) {
        m_sshd->stop();
    }
}

void TestBotManagement::addRefusesBadFieldsAndStoresNothing()
{
    struct Case
    {
        const char* field;
        std::function<void(bots::SshBotRequest&)> spoil;
    };
    const QList<Case> cases{
        {"Name", [](bots::SshBotRequest& r) { r.name = QStringLiteral("  "); }},
        {"Host", [](bots::SshBotRequest& r) { r.endpoint.host = QStringLiteral("web1; rm -rf /"); }},
        {"Port", [](bots::SshBotRequest& r) { r.endpoint.port = 0; }},
        {"User", [](bots::SshBotRequest& r) { r.endpoint.user = QStringLiteral("$(id)"); }},
        {"Private key", [](bots::SshBotRequest& r) { r.privateKey = "not a key"; }},
        {"Private key",
         [this](bots::SshBotRequest& r) {
             r.privateKey = m_sshd->userKeyWithPassphrase();
             r.passphrase = "wrong passphrase";
         }},
        {"Password",
         [](bots::SshBotRequest& r) {
             r.auth = SshAuthMethod::Password;
             r.privateKey.clear();
         }},
    };
    for (const Case& c : cases) {
        bots::SshBotRequest request;
        request.name = QStringLiteral("refused");
        request.endpoint = m_sshd->endpoint();
        request.privateKey = m_sshd->userKey();
        c.spoil(request);
        auto added =
            await<Result<Bot>>([&](QObject* context, auto done) { service().addSshBot(request, context, done); });
        QVERIFY2(!added.ok(), c.field);
        QVERIFY2(added.message().startsWith(QLatin1String(c.field)), qPrintable(added.message()));
    }
    const QList<Bot> listed = bots();
    QCOMPARE(listed.size(), 1); // only the local bot
    QCOMPARE(listed.first().name, QStringLiteral("local"));
    auto secret = m_engine->secrets.readBlocking(botSecretKey(listed.first().id + 1, QStringLiteral("key")));
    QVERIFY(!secret.ok());
}

void TestBotManagement::addsSshBotWithItsKeyInTheKeychain()
{
    bots::SshBotRequest request;
    request.name = QStringLiteral("web1");
    request.endpoint = m_sshd->endpoint();
    request.auth = SshAuthMethod::Key;
    request.privateKey = m_sshd->userKeyWithPassphrase();
    request.passphrase = m_sshd->userKeyPassphrase();
    request.installPath = m_installPath;
    QSignalSpy changed(&service(), &bots::BotService::botsChanged);
    auto added = await<Result<Bot>>([&](QObject* context, auto done) { service().addSshBot(request, context, done); });
    QVERIFY2(added.ok(), qPrintable(added.message()));
    m_botId = added->id;
    QCOMPARE(changed.count(), 1);

    const Bot stored = botNamed(QStringLiteral("web1"));
    QCOMPARE(stored.id, m_botId);
    QCOMPARE(stored.transport, BotTransportKind::Ssh);
    QCOMPARE(stored.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(stored.port, m_sshd->port());
    QCOMPARE(stored.auth, SshAuthMethod::Key);
    QVERIFY(stored.hostKeyFingerprint.isEmpty());
    auto key = m_engine->secrets.readBlocking(botSecretKey(m_botId, QStringLiteral("key")));
    QVERIFY2(key.ok(), qPrintable(key.message()));
    QCOMPARE(*key, m_sshd->userKeyWithPassphrase());
    auto passphrase = m_engine->secrets.readBlocking(botSecretKey(m_botId, QStringLiteral("passphrase")));
    QVERIFY2(passphrase.ok(), qPrintable(passphrase.message()));
    QCOMPARE(*passphrase, m_sshd->userKeyPassphrase());

    // The same name twice is refused, naming it.
    auto again = await<Result<Bot>>([&](QObject* context, auto done) { service().addSshBot(request, context, done); });
    QVERIFY(!again.ok());
    QVERIFY2(again.message().contains(QStringLiteral("web1")), qPrintable(again.message()));
}

void TestBotManagement::installIsRefusedBeforeTheHostKeyIsTrusted()
{
    auto installed = await<Result<bots::InstallOutcome>>(
        [&](QObject* context, auto done) { service().install(m_botId, context, done); });
    QVERIFY(!installed.ok());
    QCOMPARE(installed.error().kind, QStringLiteral("hostKeyUnconfirmed"));
    QVERIFY(!QFileInfo::exists(m_installPath));
    auto scanned = await<Result<discovery::SystemScan>>(
        [&](QObject* context, auto done) { service().rescan(m_botId, context, done); });
    QVERIFY(!scanned.ok());
    QCOMPARE(scanned.error().kind, QStringLiteral("hostKeyUnconfirmed"));
}

void TestBotManagement::trustsOnlyTheOfferedHostKey()
{
    auto offered = await<Result<bots::SshHostKey>>(
        [&](QObject* context, auto done) { service().fetchHostKey(m_botId, context, done); });
    QVERIFY2(offered.ok(), qPrintable(offered.message()));
    QCOMPARE(offered->fingerprintSha256, m_sshd->hostKeyFingerprint());

    const QString other = QStringLiteral("SHA256:") + QString(43, QLatin1Char('A'));
    auto refused =
        await<Status>([&](QObject* context, auto done) { service().confirmHostKey(m_botId, other, context, done); });
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message().contains(m_sshd->hostKeyFingerprint()) && refused.message().contains(other),
             qPrintable(refused.message()));
    QVERIFY(botNamed(QStringLiteral("web1")).hostKeyFingerprint.isEmpty());

    auto trusted = await<Status>([&](QObject* context, auto done) {
        service().confirmHostKey(m_botId, offered->fingerprintSha256, context, done);
    });
    QVERIFY2(trusted.ok(), qPrintable(trusted.message()));
    QCOMPARE(botNamed(QStringLiteral("web1")).hostKeyFingerprint, m_sshd->hostKeyFingerprint());
    auto tested = await<Status>([&](QObject* context, auto done) { service().testConnection(m_botId, context, done); });
    QVERIFY2(tested.ok(), qPrintable(tested.message()));
}

void TestBotManagement::installsThenFindsItUpToDate()
{
    QStringList steps;
    auto installed = await<Result<bots::InstallOutcome>>([&](QObject* context, auto done) {
        service().install(m_botId, context, done, [&steps](int, const QString& step) { steps << step; });
    });
    QVERIFY2(installed.ok(), qPrintable(installed.message()));
    QCOMPARE(installed->action, QStringLiteral("installed"));
    // The entry does not use sudo: nothing is written under /etc, and the outcome says how the administrator can.
    QVERIFY2(installed->policy.contains(QStringLiteral("runs without sudo")) &&
                 installed->policy.contains(QStringLiteral("\"sudo %1 policy init\"").arg(m_installPath)),
             qPrintable(installed->policy));
    QVERIFY(!steps.isEmpty());
    QCOMPARE(test::readAll(m_installPath), test::readAll(test::botBinary()));
    const Bot bot = botNamed(QStringLiteral("web1"));
    QVERIFY(!bot.botVersion.isEmpty());
    QVERIFY(bot.protocolVersion > 0);
    QVERIFY(bot.lastSeen.isValid());
    QVERIFY2(bot.lastError.isEmpty(), qPrintable(bot.lastError));
    QVERIFY(bot.scannedAt.isValid()); // the installation scan ran

    auto again = await<Result<bots::InstallOutcome>>(
        [&](QObject* context, auto done) { service().install(m_botId, context, done); });
    QVERIFY2(again.ok(), qPrintable(again.message()));
    QCOMPARE(again->action, QStringLiteral("up to date"));
}

void TestBotManagement::scanOverSshFindsNginxAndImportsItsCertificate()
{
    auto scanned = await<Result<discovery::SystemScan>>(
        [&](QObject* context, auto done) { service().rescan(m_botId, context, done); });
    QVERIFY2(scanned.ok(), qPrintable(scanned.message()));
    bool found = false;
    for (const discovery::DetectedServer& server : scanned->runningServers()) {
        for (const discovery::ConfiguredEndpoint& endpoint : server.config.endpoints) {
            if (server.serverType == QLatin1String("nginx") && endpoint.port == m_nginx->port()) {
                found = true;
                QCOMPARE(QFileInfo(endpoint.certificatePath).canonicalFilePath(),
                         QFileInfo(m_site.certificateFile).canonicalFilePath());
            }
        }
    }
    QVERIFY2(found, "the test's nginx is listed as running with its endpoint");

    const store::Database& db = *m_engine->database;
    auto record = store::CertificateRepository(db).findByFingerprint(m_siteFingerprint);
    QVERIFY2(record.ok(), qPrintable(record.message()));
    QVERIFY2(record->has_value(), "the served certificate entered the inventory");
    const CertificateRecord& certificate = **record;
    QCOMPARE(certificate.status, CertificateStatus::Discovered);
    QCOMPARE(certificate.botId, m_botId);
    QCOMPARE(certificate.source, QStringLiteral("scan:web1"));
    QCOMPARE(QFileInfo(certificate.location).canonicalFilePath(),
             QFileInfo(m_site.certificateFile).canonicalFilePath());
    QCOMPARE(certificate.port, m_nginx->port());

    auto endpoints = store::EndpointRepository(db).forCertificate(certificate.id);
    QVERIFY2(endpoints.ok(), qPrintable(endpoints.message()));
    QCOMPARE(endpoints->size(), 1);
    const store::EndpointRecord& endpoint = endpoints->first();
    QCOMPARE(endpoint.botId, m_botId);
    QCOMPARE(endpoint.port, m_nginx->port());
    QCOMPARE(endpoint.fingerprint, m_siteFingerprint);
    QCOMPARE(endpoint.serverType, QStringLiteral("nginx"));
    QVERIFY(endpoint.details.value(QStringLiteral("keyPath")).toString().endsWith(QStringLiteral("site.key")));

    // A second scan finds the same certificate: no duplicate, the status stays.
    auto again = await<Result<discovery::SystemScan>>(
        [&](QObject* context, auto done) { service().rescan(m_botId, context, done); });
    QVERIFY2(again.ok(), qPrintable(again.message()));
    QCOMPARE(store::EndpointRepository(db).forCertificate(certificate.id)->size(), 1);
}

void TestBotManagement::changedHostKeyIsRefusedShowingBothFingerprints()
{
    const QString pinned = m_sshd->hostKeyFingerprint();
    const Status rotated = m_sshd->rotateHostKey();
    QVERIFY2(rotated.ok(), qPrintable(rotated.message()));
    const QString offered = m_sshd->hostKeyFingerprint();
    QVERIFY(offered != pinned);

    auto tested = await<Status>([&](QObject* context, auto done) { service().testConnection(m_botId, context, done); });
    QVERIFY(!tested.ok());
    QCOMPARE(tested.error().kind, QStringLiteral("hostKeyChanged"));
    QVERIFY2(tested.message().contains(pinned) && tested.message().contains(offered), qPrintable(tested.message()));
    const Bot bot = botNamed(QStringLiteral("web1"));
    QCOMPARE(bot.hostKeyFingerprint, pinned); // nothing re-pinned silently
    QCOMPARE(bot.lastError, tested.message());

    auto installed = await<Result<bots::InstallOutcome>>(
        [&](QObject* context, auto done) { service().install(m_botId, context, done); });
    QVERIFY(!installed.ok());
    QCOMPARE(installed.error().kind, QStringLiteral("hostKeyChanged"));
}

void TestBotManagement::wrongPasswordIsRefusedClearly()
{
    if (!m_passwordLogin) {
        QSKIP(qPrintable(m_passwordSkipReason));
    }
    bots::SshBotRequest request;
    request.name = QStringLiteral("password-host");
    request.endpoint = m_sshd->passwordEndpoint();
    request.auth = SshAuthMethod::Password;
    request.password = m_sshd->password() + "-wrong";
    request.role = BotRole::AgentlessTarget;
    auto added = await<Result<Bot>>([&](QObject* context, auto done) { service().addSshBot(request, context, done); });
    QVERIFY2(added.ok(), qPrintable(added.message()));
    auto trusted = await<Status>([&](QObject* context, auto done) {
        service().confirmHostKey(added->id, m_sshd->hostKeyFingerprint(), context, done);
    });
    QVERIFY2(trusted.ok(), qPrintable(trusted.message()));
    auto tested =
        await<Status>([&](QObject* context, auto done) { service().testConnection(added->id, context, done); });
    QVERIFY(!tested.ok());
    QCOMPARE(tested.error().kind, QStringLiteral("authentication"));
    QVERIFY2(tested.message().contains(m_sshd->passwordUserName()), qPrintable(tested.message()));
    QVERIFY2(!tested.message().contains(QString::fromUtf8(m_sshd->password())), "the password is never shown");

    // An agentless target is no bot: nothing is installed or scanned there.
    auto installed = await<Result<bots::InstallOutcome>>(
        [&](QObject* context, auto done) { service().install(added->id, context, done); });
    QVERIFY(!installed.ok());
    QCOMPARE(installed.error().kind, QStringLiteral("notABot"));

    auto removed = await<Status>([&](QObject* context, auto done) { service().remove(added->id, context, done); });
    QVERIFY2(removed.ok(), qPrintable(removed.message()));
}

void TestBotManagement::removeDeletesSecretsAndEndpoints()
{
    const store::Database& db = *m_engine->database;
    QVERIFY(!store::EndpointRepository(db).forBot(m_botId)->isEmpty());
    auto removed = await<Status>([&](QObject* context, auto done) { service().remove(m_botId, context, done); });
    QVERIFY2(removed.ok(), qPrintable(removed.message()));
    QVERIFY(botNamed(QStringLiteral("web1")).name.isEmpty());
    for (const char* what : {"key", "passphrase", "password"}) {
        auto secret = m_engine->secrets.readBlocking(botSecretKey(m_botId, QString::fromLatin1(what)));
        QVERIFY2(!secret.ok(), what);
        QCOMPARE(secret.error().kind, QStringLiteral("notFound"));
    }
    QVERIFY(store::EndpointRepository(db).forBot(m_botId)->isEmpty());
    auto record = store::CertificateRepository(db).findByFingerprint(m_siteFingerprint);
    QVERIFY(record.ok() && record->has_value());
    QCOMPARE((*record)->botId, 0); // the certificate stays, unlinked
    QCOMPARE(store::EndpointRepository(db).forCertificate((*record)->id)->size(), 0);
}

void TestBotManagement::localBotRescanWorks()
{
    const Bot local = botNamed(QStringLiteral("local"));
    QVERIFY(local.id != 0);
    auto scanned = await<Result<discovery::SystemScan>>(
        [&](QObject* context, auto done) { service().rescan(local.id, context, done); });
    QVERIFY2(scanned.ok(), qPrintable(scanned.message()));
    bool found = false;
    for (const discovery::DetectedServer& server : scanned->runningServers()) {
        for (const discovery::ConfiguredEndpoint& endpoint : server.config.endpoints) {
            found = found || (server.serverType == QLatin1String("nginx") && endpoint.port == m_nginx->port());
        }
    }
    QVERIFY2(found, "the local scan lists the test's nginx");
    const Bot after = botNamed(QStringLiteral("local"));
    QVERIFY(after.scannedAt.isValid());
    QVERIFY(!after.scan.isEmpty());
    auto record = store::CertificateRepository(*m_engine->database).findByFingerprint(m_siteFingerprint);
    QVERIFY(record.ok() && record->has_value());
    QCOMPARE((*record)->botId, local.id); // a Discovered certificate follows its latest sighting
}

QTEST_GUILESS_MAIN(TestBotManagement)
#include "TestBotManagement.moc"
