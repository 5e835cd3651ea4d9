// The Jetty deployer against a REAL Jetty 9.4 (Debian jetty9, run by its jetty.sh): the key store is updated under
// its alias with its other entries kept; with the ssl-reload module Jetty's KeyStoreScanner loads it by itself,
// without it the bot restarts Jetty through the restart program its policy allows. The configuration in start.d
// (plain and OBF: passwords) is checked before anything is written; every failure leaves the old store
// byte-identical and the old certificate served.
#include "deployers/jetty/JettyDeployer.h"
#include "engine/crypto/KeyStore.h"
#include "tests/support/JettyFixture.h"
#include "tests/support/KeyTool.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::test;

namespace {

const QByteArray kStorePassword = QByteArrayLiteral("jetty store 9");
const QString kHostName = QStringLiteral("jetty.test");

// One Jetty with its key store: the bytes it started with and the request fields that deploy to it.
struct JettyUnderTest
{
    QString storePath;
    QByteArray oldStore;
    std::unique_ptr<JettyFixture> jetty;
    QVariantMap fields;
};

} // namespace

class TestJettyDeployer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!JettyFixture::isAvailable(&reason) || !KeyTool::isAvailable(&reason)) {
            QSKIP(qPrintable(reason));
        }
        QVERIFY(m_dir.isValid());
        // The scanning Jetty: a PKCS12 store that also holds another application's key (made by keytool), the
        // password OBF:-obfuscated in start.d/ssl.ini by Jetty's own Password class, certAlias set.
        const QString p12 = m_dir.filePath(QStringLiteral("scan/etc/site.p12"));
        QVERIFY(QDir().mkpath(QFileInfo(p12).absolutePath()));
        QVERIFY(KeyTool::generateKeyPair(p12, QStringLiteral("PKCS12"), kStorePassword, QStringLiteral("other")).ok);
        const auto obfuscated = JettyFixture::obfuscate(QString::fromUtf8(kStorePassword));
        QVERIFY2(obfuscated.ok(), qPrintable(obfuscated.message()));
        JettySsl scanning;
        scanning.keyStorePassword = *obfuscated;
        scanning.certAlias = QStringLiteral("jetty");
        QVERIFY(startJetty(m_scanning, QStringLiteral("scan"), p12, crypto::KeyStoreFormat::Pkcs12, scanning));

        // The restarted Jetty: a JKS store written by CertDeck's JKS writer, a plain password, no ssl-reload.
        JettySsl restarted;
        restarted.keyStoreType = QStringLiteral("JKS");
        restarted.keyStorePassword = QString::fromUtf8(kStorePassword);
        restarted.sslReload = false;
        QVERIFY(startJetty(m_restarted, QStringLiteral("restart"),
                           m_dir.filePath(QStringLiteral("restart/etc/site.jks")), crypto::KeyStoreFormat::Jks,
                           restarted));
        m_restarted.fields[QStringLiteral("keyStoreType")] = QStringLiteral("JKS");
        m_restarted.fields[QStringLiteral("reloadMethod")] = QStringLiteral("restart");
        // A base that serves no TLS.
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("plain"))));
        QVERIFY(test::writeFileBytes(m_dir.filePath(QStringLiteral("plain/start.ini")), "--module=http\n"));
    }

    void cleanupTestCase()
    {
        m_scanning.jetty.reset();
        m_restarted.jetty.reset();
    }

    // Every test starts with the old stores on disk and served.
    void init()
    {
        for (JettyUnderTest* target : {&m_scanning, &m_restarted}) {
            if (!target->jetty) {
                continue;
            }
            if (test::readFileBytes(target->storePath) != target->oldStore) {
                QVERIFY(test::writeFileBytes(target->storePath, target->oldStore));
            }
            if (servedFingerprint(target->jetty->port(), kHostName) != m_old.cert.fingerprintSha256()) {
                const Status restarted = target->jetty->start(sslOf(*target));
                QVERIFY2(restarted.ok(), qPrintable(restarted.message()));
            }
            QCOMPARE(waitUntilServed(target->jetty->port(), kHostName, m_old.cert.fingerprintSha256()),
                     m_old.cert.fingerprintSha256());
        }
    }

    void scannerLoadsTheStoreKeepingOtherAliases()
    {
        const KeyTool::Listing before = KeyTool::list(m_scanning.storePath, kStorePassword);
        QVERIFY2(before.ok, qPrintable(before.output));
        const qint64 pid = m_scanning.jetty->processId();
        const IssuedCert fresh = m_pki.issueLeaf({kHostName});
        deployers::JettyDeployer deployer;
        auto report = deployer.deploy(requestFor(m_scanning, fresh), {});
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY2(report->deployed, qPrintable(report->failure + QLatin1Char('\n') + report->steps.join('\n')));
        QCOMPARE(servedFingerprint(m_scanning.jetty->port(), kHostName), fresh.cert.fingerprintSha256());
        QVERIFY2(report->steps.join('\n').contains(QLatin1String("KeyStoreScanner")),
                 qPrintable(report->steps.join('\n')));
        QCOMPARE(m_scanning.jetty->processId(), pid); // loaded, not restarted

        const KeyTool::Listing after = KeyTool::list(m_scanning.storePath, kStorePassword);
        QVERIFY2(after.ok, qPrintable(after.output));
        QCOMPARE(after.storeType, QStringLiteral("PKCS12"));
        QCOMPARE(after.aliases.size(), 2);
        QCOMPARE(after.fingerprints(QStringLiteral("other")), before.fingerprints(QStringLiteral("other")));
        QCOMPARE(after.chainLength(QStringLiteral("jetty")), 3);

        auto rolledBack = deployer.rollback(report->backupId, requestFor(m_scanning, fresh), {});
        QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message()));
        QVERIFY2(rolledBack->rolledBack && rolledBack->failure.isEmpty(), qPrintable(rolledBack->failure));
        QCOMPARE(test::readFileBytes(m_scanning.storePath), m_scanning.oldStore);
        QCOMPARE(waitUntilServed(m_scanning.jetty->port(), kHostName, m_old.cert.fingerprintSha256()),
                 m_old.cert.fingerprintSha256());
    }

    void restartsJettyWithoutTheScanner()
    {
        const qint64 pid = m_restarted.jetty->processId();
        const IssuedCert fresh = m_pki.issueLeaf({kHostName});
        deployers::JettyDeployer deployer;
        auto report = deployer.deploy(requestFor(m_restarted, fresh), {});
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY2(report->deployed, qPrintable(report->failure + QLatin1Char('\n') + report->steps.join('\n')));
        QCOMPARE(servedFingerprint(m_restarted.jetty->port(), kHostName), fresh.cert.fingerprintSha256());
        QVERIFY(m_restarted.jetty->processId() != pid); // a new Jetty process serves it
        QVERIFY2(report->steps.join('\n').contains(JettyFixture::controlScript() + QStringLiteral(" restart")),
                 qPrintable(report->steps.join('\n')));
        const KeyTool::Listing listing = KeyTool::list(m_restarted.storePath, kStorePassword);
        QVERIFY2(listing.ok, qPrintable(listing.output));
        QCOMPARE(listing.storeType, QStringLiteral("JKS"));
        QCOMPARE(listing.chainLength(QStringLiteral("jetty")), 3);

        auto rolledBack = deployer.rollback(report->backupId, requestFor(m_restarted, fresh), {});
        QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message()));
        QVERIFY2(rolledBack->rolledBack && rolledBack->failure.isEmpty(), qPrintable(rolledBack->failure));
        QCOMPARE(test::readFileBytes(m_restarted.storePath), m_restarted.oldStore);
        QCOMPARE(servedFingerprint(m_restarted.jetty->port(), kHostName), m_old.cert.fingerprintSha256());
    }

    // Refused before anything is written, each naming the field or the ini line: the store stays byte-identical
    // and the old certificate served.
    void badInputIsRefusedBeforeWriting_data()
    {
        QTest::addColumn<bool>("scanning");
        QTest::addColumn<QVariantMap>("changes");
        QTest::addColumn<QStringList>("named");
        const QString sslIni = m_dir.filePath(QStringLiteral("scan/start.d/ssl.ini"));
        QTest::newRow("password not Jetty's")
            << true << QVariantMap{{QStringLiteral("keyStorePassword"), QStringLiteral("not it")}}
            << QStringList{QStringLiteral("Key store password"), QStringLiteral("jetty.sslContext.keyStorePassword"),
                           sslIni + QStringLiteral(":7")};
        QTest::newRow("another key store")
            << true << QVariantMap{{QStringLiteral("keyStoreFile"), m_dir.filePath(QStringLiteral("scan/etc/b.p12"))}}
            << QStringList{QStringLiteral("Key store file: Jetty reads"), m_scanning.storePath};
        QTest::newRow("another alias") << true << QVariantMap{{QStringLiteral("keyAlias"), QStringLiteral("web")}}
                                       << QStringList{QStringLiteral("Key alias"), QStringLiteral("\"jetty\"")};
        QTest::newRow("store outside the policy")
            << true << QVariantMap{{QStringLiteral("keyStoreFile"), QStringLiteral("/etc/shadow")}}
            << QStringList{QStringLiteral("Key store file: the bot's policy"), QStringLiteral("/etc/shadow")};
        QTest::newRow("restart program outside the policy")
            << true
            << QVariantMap{{QStringLiteral("reloadMethod"), QStringLiteral("restart")},
                           {QStringLiteral("restartProgram"), QStringLiteral("/bin/sh")}}
            << QStringList{QStringLiteral("Restart program"), QStringLiteral("/bin/sh")};
        QTest::newRow("scanner without ssl-reload")
            << false << QVariantMap{{QStringLiteral("reloadMethod"), QStringLiteral("scanner")}}
            << QStringList{QStringLiteral("Reload method"), QStringLiteral("ssl-reload")};
        QTest::newRow("base without TLS")
            << true << QVariantMap{{QStringLiteral("jettyBase"), m_dir.filePath(QStringLiteral("plain"))}}
            << QStringList{QStringLiteral("ssl module"), m_dir.filePath(QStringLiteral("plain"))};
    }
    void badInputIsRefusedBeforeWriting()
    {
        QFETCH(bool, scanning);
        QFETCH(QVariantMap, changes);
        QFETCH(QStringList, named);
        JettyUnderTest& target = scanning ? m_scanning : m_restarted;
        deploy::DeployRequest request = requestFor(target, m_pki.issueLeaf({kHostName}));
        request.fields.insert(changes);
        deployers::JettyDeployer deployer;
        auto report = deployer.deploy(request, {});
        QVERIFY(!report.ok());
        for (const QString& part : named) {
            QVERIFY2(report.message().contains(part), qPrintable(report.message()));
        }
        QCOMPARE(test::readFileBytes(target.storePath), target.oldStore);
        QCOMPARE(servedFingerprint(target.jetty->port(), kHostName), m_old.cert.fingerprintSha256());
    }

    // Jetty is down: the verification fails and the old store is put back byte for byte.
    void jettyDownRollsBack()
    {
        m_scanning.jetty->stop();
        deploy::DeployRequest request = requestFor(m_scanning, m_pki.issueLeaf({kHostName}));
        request.verifyTimeoutMs = 3000;
        deployers::JettyDeployer deployer;
        auto report = deployer.deploy(request, {});
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY(!report->deployed);
        QVERIFY2(report->rolledBack, qPrintable(report->failure));
        QVERIFY2(report->failure.contains(QLatin1String("verification failed")), qPrintable(report->failure));
        QCOMPARE(test::readFileBytes(m_scanning.storePath), m_scanning.oldStore);
    }

private:
    bool startJetty(JettyUnderTest& target, const QString& name, const QString& storePath,
                    crypto::KeyStoreFormat format, JettySsl ssl)
    {
        QDir().mkpath(QFileInfo(storePath).absolutePath());
        auto store = crypto::updateKeyStore(test::readFileBytes(storePath), format, kStorePassword,
                                            QStringLiteral("jetty"), m_old.key, m_old.cert, m_pki.caChain());
        if (!store || !test::writeFileBytes(storePath, *store)) {
            qWarning("cannot write %s: %s", qPrintable(storePath), qPrintable(store.message()));
            return false;
        }
        target.storePath = storePath;
        target.oldStore = *store;
        ssl.keyStorePath = storePath;
        target.jetty = std::make_unique<JettyFixture>(m_dir.filePath(name));
        const Status started = target.jetty->start(ssl);
        if (!started) {
            qWarning("%s", qPrintable(started.message()));
            return false;
        }
        m_ssl[name] = ssl;
        target.fields = {
            {QStringLiteral("jettyBase"), target.jetty->jettyBase()},
            {QStringLiteral("keyStoreFile"), storePath},
            {QStringLiteral("keyStorePassword"), QString::fromUtf8(kStorePassword)},
            {QStringLiteral("keyAlias"), QStringLiteral("jetty")},
            {QStringLiteral("backupDirectory"), m_dir.filePath(QStringLiteral("state"))},
        };
        return servedFingerprint(target.jetty->port(), kHostName) == m_old.cert.fingerprintSha256();
    }

    JettySsl sslOf(const JettyUnderTest& target) const
    {
        return m_ssl.value(QFileInfo(target.jetty->jettyBase()).fileName());
    }

    deploy::DeployRequest requestFor(const JettyUnderTest& target, const IssuedCert& leaf) const
    {
        deploy::DeployRequest request;
        request.fields = target.fields;
        request.certificatePem = leaf.cert.toPem();
        request.chainPem = crypto::chainToPem(m_pki.caChain());
        request.keyPem = leaf.key.toPem();
        request.verifyPort = target.jetty->port();
        request.verifyServerName = kHostName;
        return request;
    }

    QTemporaryDir m_dir;
    TestPki m_pki;
    IssuedCert m_old = m_pki.issueLeaf({kHostName});
    JettyUnderTest m_scanning;
    JettyUnderTest m_restarted;
    QHash<QString, JettySsl> m_ssl; // by base name, to start a stopped Jetty again
};

QTEST_GUILESS_MAIN(TestJettyDeployer)
#include "TestJettyDeployer.moc"
