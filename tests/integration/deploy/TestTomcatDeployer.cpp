// The Tomcat deployer against a REAL Tomcat 10 (Debian tomcat10 + tomcat10-admin for the manager's sslReload):
// the key store on the host is updated under its alias with its other entries kept, Tomcat reloads it without a
// restart and serves the new certificate; every failure leaves the old store byte-identical and the old
// certificate served.
#include "BotProcess.h"
#include "StagedDeploy.h"

#include "deployers/tomcat/TomcatDeployer.h"
#include "deployers/tomcat/TomcatManager.h"
#include "engine/crypto/KeyStore.h"
#include "tests/support/KeyTool.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"
#include "tests/support/TomcatFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::test;

namespace {

const QByteArray kStorePassword = QByteArrayLiteral("store pass 42");
const QString kManagerUser = QStringLiteral("certdeck");
const QString kManagerPassword = QStringLiteral("manager-secret-7");
const QString kHostName = QStringLiteral("tomcat.test");
const QString kJksHostName = QStringLiteral("jks.tomcat.test");

} // namespace

class TestTomcatDeployer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!TomcatFixture::isAvailable(&reason) || !TomcatFixture::managerAvailable(&reason) ||
            !KeyTool::isAvailable(&reason)) {
            QSKIP(qPrintable(reason));
        }
        QVERIFY(m_dir.isValid());
        m_storePath = m_dir.filePath(QStringLiteral("tls/site.p12"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("tls"))));
        // The operator's store: a key of another application beside Tomcat's.
        QVERIFY(KeyTool::generateKeyPair(m_storePath, QStringLiteral("PKCS12"), kStorePassword, QStringLiteral("other"))
                    .ok);
        auto store =
            crypto::updateKeyStore(test::readFileBytes(m_storePath), crypto::KeyStoreFormat::Pkcs12, kStorePassword,
                                   QStringLiteral("tomcat"), m_old.key, m_old.cert, m_pki.caChain());
        QVERIFY2(store.ok(), qPrintable(store.message()));
        m_oldStore = *store;
        QVERIFY(test::writeFileBytes(m_storePath, m_oldStore));

        m_plainServerXml = m_dir.filePath(QStringLiteral("plain/conf/server.xml"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("plain/conf"))));
        QVERIFY(test::writeFileBytes(m_plainServerXml,
                                     "<Server port=\"-1\"><Service name=\"Catalina\"><Connector port=\"8080\"/>"
                                     "<Engine name=\"Catalina\" defaultHost=\"localhost\"/></Service></Server>\n"));
        // A second connector reads a JKS store written by CertDeck's own JKS writer: the JVM must load it.
        m_jksPath = m_dir.filePath(QStringLiteral("tls/site.jks"));
        auto jks = crypto::updateKeyStore({}, crypto::KeyStoreFormat::Jks, kStorePassword, QStringLiteral("tomcat"),
                                          m_old.key, m_old.cert, m_pki.caChain());
        QVERIFY2(jks.ok(), qPrintable(jks.message()));
        QVERIFY(test::writeFileBytes(m_jksPath, *jks));

        m_tomcat = std::make_unique<TomcatFixture>(m_dir.filePath(QStringLiteral("base")));
        m_tomcat->enableManager(kManagerUser, kManagerPassword);
        TomcatConnector connector;
        connector.hostName = kHostName;
        connector.keystoreFile = m_storePath;
        connector.keystorePassword = QString::fromUtf8(kStorePassword);
        connector.keyAlias = QStringLiteral("tomcat");
        TomcatConnector jksConnector = connector;
        jksConnector.hostName = kJksHostName;
        jksConnector.keystoreFile = m_jksPath;
        jksConnector.keystoreType = QStringLiteral("JKS");
        const Status started = m_tomcat->start({connector, jksConnector});
        QVERIFY2(started.ok(), qPrintable(started.message()));
        m_port = m_tomcat->connectors().first().port;
        m_jksPort = m_tomcat->connectors().at(1).port;
        QCOMPARE(servedFingerprint(m_jksPort, kJksHostName), m_old.cert.fingerprintSha256());
        QCOMPARE(servedFingerprint(m_port, kHostName), m_old.cert.fingerprintSha256());
    }

    void cleanupTestCase() { m_tomcat.reset(); }

    // Every test starts with the old store on disk and served.
    void init()
    {
        if (test::readFileBytes(m_storePath) == m_oldStore &&
            servedFingerprint(m_port, kHostName) == m_old.cert.fingerprintSha256()) {
            return;
        }
        QVERIFY(test::writeFileBytes(m_storePath, m_oldStore));
        const deployers::TomcatManager manager(QUrl(m_tomcat->managerUrl()), kManagerUser, kManagerPassword.toUtf8());
        const auto reloaded = manager.sslReload(kHostName, 20000);
        QVERIFY2(reloaded.ok, qPrintable(reloaded.output));
        QCOMPARE(waitUntilServed(m_port, kHostName, m_old.cert.fingerprintSha256()), m_old.cert.fingerprintSha256());
    }

    void deploysIntoTheKeyStoreKeepingOtherAliases()
    {
        const KeyTool::Listing before = KeyTool::list(m_storePath, kStorePassword);
        QVERIFY2(before.ok, qPrintable(before.output));
        const IssuedCert fresh = m_pki.issueLeaf({kHostName});
        deployers::TomcatDeployer deployer;
        auto report = deployer.deploy(requestFor(fresh), {});
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY2(report->deployed, qPrintable(report->failure + QLatin1Char('\n') + report->steps.join('\n')));
        QCOMPARE(report->servedFingerprint, fresh.cert.fingerprintSha256());
        // An independent handshake, not the deployer's own word.
        QCOMPARE(servedFingerprint(m_port, kHostName), fresh.cert.fingerprintSha256());
        QVERIFY2(report->steps.join('\n').contains(QLatin1String("sslReload")), qPrintable(report->steps.join('\n')));

        const KeyTool::Listing after = KeyTool::list(m_storePath, kStorePassword);
        QVERIFY2(after.ok, qPrintable(after.output));
        QCOMPARE(after.aliases.size(), 2);
        QCOMPARE(after.fingerprints(QStringLiteral("other")), before.fingerprints(QStringLiteral("other")));
        QCOMPARE(after.chainLength(QStringLiteral("tomcat")), 3);
        QVERIFY(!report->backupId.isEmpty());

        // Rolling back puts the old store back byte for byte and Tomcat serves the old certificate again.
        auto rolledBack = deployer.rollback(report->backupId, requestFor(fresh), {});
        QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message()));
        QVERIFY2(rolledBack->rolledBack && rolledBack->failure.isEmpty(), qPrintable(rolledBack->failure));
        QCOMPARE(test::readFileBytes(m_storePath), m_oldStore);
        QCOMPARE(waitUntilServed(m_port, kHostName, m_old.cert.fingerprintSha256()), m_old.cert.fingerprintSha256());
    }

    void deploysIntoAJksStore()
    {
        const IssuedCert fresh = m_pki.issueLeaf({kJksHostName});
        deploy::DeployRequest request = requestFor(fresh);
        request.fields[QStringLiteral("keyStoreFile")] = m_jksPath;
        request.fields[QStringLiteral("keyStoreType")] = QStringLiteral("JKS");
        request.fields[QStringLiteral("tlsHostName")] = kJksHostName;
        request.verifyPort = m_jksPort;
        request.verifyServerName = kJksHostName;
        deployers::TomcatDeployer deployer;
        auto report = deployer.deploy(request, {});
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY2(report->deployed, qPrintable(report->failure + QLatin1Char('\n') + report->steps.join('\n')));
        QCOMPARE(servedFingerprint(m_jksPort, kJksHostName), fresh.cert.fingerprintSha256());
        const KeyTool::Listing listing = KeyTool::list(m_jksPath, kStorePassword);
        QVERIFY2(listing.ok, qPrintable(listing.output));
        QCOMPARE(listing.storeType, QStringLiteral("JKS"));
        QCOMPARE(listing.chainLength(QStringLiteral("tomcat")), 3);
        // The other connector still serves its own certificate.
        QCOMPARE(servedFingerprint(m_port, kHostName), m_old.cert.fingerprintSha256());
    }

    // kill -9 of the real bot after the new store is written: its next start puts the old store back (it cannot
    // reload Tomcat without the manager password, which is never journaled, and says so); the next deployment,
    // which brings the passwords, finishes the recovery and deploys.
    void killedBotIsRecoveredByTheNextDeployment()
    {
        const QString stateDir = m_dir.filePath(QStringLiteral("bot-state"));
        QJsonObject params;
        QString newFingerprint;
        {
            test::BotProcess bot;
            const Status started = bot.start(stateDir, QStringLiteral("bot.deploy.files-written"));
            QVERIFY2(started.ok(), qPrintable(started.message()));
            params = stagedParams(bot, &newFingerprint);
            QVERIFY(!params.isEmpty());
            const auto deployed = bot.call(QStringLiteral("deploy"), params);
            QVERIFY(!deployed);
            QVERIFY2(bot.waitForExit(30000) && bot.crashed(), qPrintable(bot.stderrText()));
        }
        QVERIFY(test::readFileBytes(m_storePath) != m_oldStore); // the new store was written, then the bot died

        test::BotProcess bot;
        const Status restarted = bot.start(stateDir);
        QVERIFY2(restarted.ok(), qPrintable(restarted.message()));
        const QJsonArray recovery = bot.hello().value(QStringLiteral("recovery")).toArray();
        QCOMPARE(recovery.size(), 1);
        const QString message = recovery.first().toObject().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QLatin1String("old files are back")) &&
                     message.contains(QLatin1String("Manager password")),
                 qPrintable(message));
        QCOMPARE(test::readFileBytes(m_storePath), m_oldStore);
        QCOMPARE(servedFingerprint(m_port, kHostName), m_old.cert.fingerprintSha256());

        const auto deployed = bot.call(QStringLiteral("deploy"), params);
        QVERIFY2(deployed, qPrintable(deployed.message()));
        QStringList steps;
        for (const QJsonValue& step : deployed->value(QStringLiteral("steps")).toArray()) {
            steps << step.toString();
        }
        QVERIFY2(deployed->value(QStringLiteral("deployed")).toBool(), qPrintable(steps.join('\n')));
        QVERIFY2(steps.join('\n').contains(QLatin1String("recovered an interrupted operation first")),
                 qPrintable(steps.join('\n')));
        QCOMPARE(servedFingerprint(m_port, kHostName), newFingerprint);
        QVERIFY(
            QDir(stateDir + QStringLiteral("/journal")).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty());
        bot.stop();
    }

    // Every bad input is named, and the old store stays byte-identical and served: refused before anything is
    // touched (wrong key store password, a manager on another host), or rolled back after the config test or the
    // reload failed (no TLS connector in server.xml, HTTP 401 from the manager).
    void badInputLeavesTheOldStoreServed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("refusedBeforeWriting");
        QTest::addColumn<QStringList>("named");
        QTest::newRow("manager 401") << QStringLiteral("managerPassword") << QStringLiteral("wrong") << false
                                     << QStringList{QStringLiteral("HTTP 401")};
        QTest::newRow("key store password") << QStringLiteral("keyStorePassword") << QStringLiteral("not it") << true
                                            << QStringList{QStringLiteral("password is wrong"), m_storePath};
        QTest::newRow("no TLS connector") << QStringLiteral("serverXml") << m_plainServerXml << false
                                          << QStringList{QStringLiteral("no TLS connector"), m_plainServerXml};
        QTest::newRow("store outside the policy")
            << QStringLiteral("keyStoreFile") << QStringLiteral("/etc/shadow") << true
            << QStringList{QStringLiteral("Key store file: the bot's policy"), QStringLiteral("/etc/shadow")};
        QTest::newRow("manager elsewhere")
            << QStringLiteral("managerUrl") << QStringLiteral("http://attacker.example:8080/manager") << true
            << QStringList{QStringLiteral("Manager URL")};
    }
    void badInputLeavesTheOldStoreServed()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(bool, refusedBeforeWriting);
        QFETCH(QStringList, named);
        deploy::DeployRequest request = requestFor(m_pki.issueLeaf({kHostName}));
        request.fields[field] = value;
        deployers::TomcatDeployer deployer;
        auto report = deployer.deploy(request, {});
        const QString message = report ? report->failure : report.message();
        QCOMPARE(!report.ok(), refusedBeforeWriting);
        if (report) {
            QVERIFY(!report->deployed);
            QVERIFY(report->rolledBack);
        }
        for (const QString& part : named) {
            QVERIFY2(message.contains(part), qPrintable(message));
        }
        QCOMPARE(test::readFileBytes(m_storePath), m_oldStore);
        QCOMPARE(servedFingerprint(m_port, kHostName), m_old.cert.fingerprintSha256());
    }

private:
    // csr.create on the real bot, the certificate for it from the test PKI, and the deploy params for this Tomcat.
    QJsonObject stagedParams(test::BotProcess& bot, QString* fingerprint) const
    {
        auto staged = test::stageAndSign(bot, kHostName, m_pki);
        if (!staged) {
            qWarning("%s", qPrintable(staged.message()));
            return {};
        }
        *fingerprint = staged->certificate.fingerprintSha256();
        QJsonObject fields = QJsonObject::fromVariantMap(requestFor(m_old).fields);
        fields.remove(QStringLiteral("backupDirectory")); // the bot's state directory
        return {{QStringLiteral("serverType"), QStringLiteral("tomcat")},
                {QStringLiteral("fields"), fields},
                {QStringLiteral("keyId"), staged->keyId},
                {QStringLiteral("certificatePem"), QString::fromLatin1(staged->certificate.toPem())},
                {QStringLiteral("chainPem"), QString::fromLatin1(crypto::chainToPem(m_pki.caChain()))},
                {QStringLiteral("verify"), QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                                       {QStringLiteral("port"), m_port},
                                                       {QStringLiteral("serverName"), kHostName}}}};
    }

    deploy::DeployRequest requestFor(const IssuedCert& leaf) const
    {
        deploy::DeployRequest request;
        request.fields = {
            {QStringLiteral("keyStoreFile"), m_storePath},
            {QStringLiteral("keyStorePassword"), QString::fromUtf8(kStorePassword)},
            {QStringLiteral("keyAlias"), QStringLiteral("tomcat")},
            {QStringLiteral("serverXml"), m_tomcat->serverXml()},
            {QStringLiteral("tlsHostName"), kHostName},
            {QStringLiteral("managerUrl"), m_tomcat->managerUrl()},
            {QStringLiteral("managerUser"), kManagerUser},
            {QStringLiteral("managerPassword"), kManagerPassword},
            {QStringLiteral("backupDirectory"), m_dir.filePath(QStringLiteral("state"))},
        };
        request.certificatePem = leaf.cert.toPem();
        request.chainPem = crypto::chainToPem(m_pki.caChain());
        request.keyPem = leaf.key.toPem();
        request.verifyPort = m_port;
        request.verifyServerName = kHostName;
        return request;
    }

    QTemporaryDir m_dir;
    TestPki m_pki;
    IssuedCert m_old = m_pki.issueLeaf({kHostName});
    QString m_storePath;
    QString m_jksPath;
    QString m_plainServerXml; // a server.xml without a TLS connector
    QByteArray m_oldStore;
    std::unique_ptr<TomcatFixture> m_tomcat;
    int m_port = 0;
    int m_jksPort = 0;
};

QTEST_GUILESS_MAIN(TestTomcatDeployer)
#include "TestTomcatDeployer.moc"
