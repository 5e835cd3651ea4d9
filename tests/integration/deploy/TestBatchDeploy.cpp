// Many certificates to one real nginx at once (as when hundreds are renewed together): one config test and one
// reload for the whole batch, every virtual host then serves its own new certificate; a request that fails on its
// own (wrong key, unwritable file) fails and is rolled back alone while the others are deployed; requests that
// write the same files are applied one after the other.
#include "deployers/nginx/NginxDeployer.h"
#include "engine/crypto/TlsProbe.h"
#include "tests/support/TestPki.h"
#include "tests/support/WebServerFixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

namespace {

constexpr int kSites = 6;

QString siteName(int i)
{
    return QStringLiteral("site%1.example.test").arg(i);
}

QString served(int port, const QString& serverName)
{
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), port, serverName}, 5000);
    return probe ? probe->leafFingerprintSha256 : QStringLiteral("no handshake: ") + probe.message();
}

} // namespace

class TestBatchDeploy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void batchSharesOneConfigTestAndReload();
    void faultyRequestsFailAloneInABatch();
    void requestsForTheSameFilesRunOneAfterTheOther();

private:
    deploy::DeployRequest requestFor(int site, const test::IssuedCert& leaf) const;
    QList<deploy::ProgressFn> noProgress(int n) const { return QList<deploy::ProgressFn>(n); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::TestPki> m_pki;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    QList<test::PemFiles> m_files;
    QList<QString> m_oldFingerprints;
    deployers::NginxDeployer m_deployer;
};

void TestBatchDeploy::init()
{
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    m_dir = std::make_unique<QTemporaryDir>();
    m_pki = std::make_unique<test::TestPki>();
    m_files.clear();
    m_oldFingerprints.clear();
    QList<test::TlsSite> sites;
    for (int i = 0; i < kSites; ++i) {
        const test::IssuedCert old = m_pki->issueLeaf(QStringList{siteName(i)});
        m_files << test::writePemFiles(m_dir->filePath(QStringLiteral("site%1").arg(i)), QStringLiteral("site"), old,
                                       {m_pki->intermediate().cert});
        m_oldFingerprints << old.cert.fingerprintSha256();
        sites << test::TlsSite{m_files.last().fullChain, m_files.last().key, {}, siteName(i)};
    }
    QDir().mkpath(m_dir->filePath(QStringLiteral("nginx")));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       m_dir->filePath(QStringLiteral("nginx")));
    m_nginx->setAdditionalSites(sites.mid(1));
    auto started = m_nginx->start(sites.first());
    QVERIFY2(started.ok(), qPrintable(started.message()));
    for (int i = 0; i < kSites; ++i) {
        QCOMPARE(served(m_nginx->port(), siteName(i)), m_oldFingerprints.at(i));
    }
}

void TestBatchDeploy::cleanup()
{
    m_nginx.reset();
    m_dir.reset();
}

deploy::DeployRequest TestBatchDeploy::requestFor(int site, const test::IssuedCert& leaf) const
{
    deploy::DeployRequest request;
    request.certificatePem = leaf.cert.toPem();
    request.chainPem = m_pki->intermediate().cert.toPem();
    request.keyPem = leaf.key.toPem();
    request.expectedFingerprint = leaf.cert.fingerprintSha256();
    request.verifyHost = QStringLiteral("127.0.0.1");
    request.verifyPort = m_nginx->port();
    request.verifyServerName = siteName(site);
    request.verifyTimeoutMs = 10000;
    request.fields = QVariantMap{
        {QStringLiteral("certificateFile"), m_files.at(site).fullChain},
        {QStringLiteral("keyFile"), m_files.at(site).key},
        {QStringLiteral("nginxBinary"), m_nginx->binary()},
        {QStringLiteral("prefix"), m_nginx->directory()},
        {QStringLiteral("configFile"), m_nginx->configFile()},
        {QStringLiteral("backupDirectory"), m_dir->filePath(QStringLiteral("state"))},
    };
    return request;
}

void TestBatchDeploy::batchSharesOneConfigTestAndReload()
{
    QList<deploy::DeployRequest> requests;
    QStringList expected;
    for (int i = 0; i < kSites; ++i) {
        const test::IssuedCert leaf = m_pki->issueLeaf(QStringList{siteName(i)});
        requests << requestFor(i, leaf);
        expected << leaf.cert.fingerprintSha256();
    }
    QVERIFY(!m_deployer.batchKey(requests.first()).isEmpty());
    QCOMPARE(m_deployer.batchKey(requests.first()), m_deployer.batchKey(requests.last()));

    const auto reports = m_deployer.deployBatch(requests, noProgress(kSites));
    QCOMPARE(reports.size(), kSites);
    for (int i = 0; i < kSites; ++i) {
        QVERIFY2(reports.at(i).ok(), qPrintable(reports.at(i).message()));
        QVERIFY2(reports.at(i)->deployed, qPrintable(reports.at(i)->failure));
        QCOMPARE(reports.at(i)->servedFingerprint, expected.at(i));
        // What the user cares about: each virtual host serves its own new certificate.
        QCOMPARE(served(m_nginx->port(), siteName(i)), expected.at(i));
        // One shared config test for all of them.
        QVERIFY2(reports.at(i)->steps.filter(QStringLiteral("config test of %1 certificates ok").arg(kSites)).size() ==
                     1,
                 qPrintable(reports.at(i)->steps.join(QLatin1Char('\n'))));
    }
}

void TestBatchDeploy::faultyRequestsFailAloneInABatch()
{
    QList<deploy::DeployRequest> requests;
    QStringList expected;
    for (int i = 0; i < kSites; ++i) {
        const test::IssuedCert leaf = m_pki->issueLeaf(QStringList{siteName(i)});
        requests << requestFor(i, leaf);
        expected << leaf.cert.fingerprintSha256();
    }
    // Site 1: a key that does not belong to the certificate (refused before anything is touched).
    requests[1].keyPem = m_pki->issueLeaf(QStringList{siteName(1)}).key.toPem();
    // Site 2: its certificate file cannot be written (its directory is a file).
    const QString blocked = m_dir->filePath(QStringLiteral("blocked"));
    QFile blocker(blocked);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    requests[2].fields[QStringLiteral("certificateFile")] = QString(blocked + QStringLiteral("/site.pem"));
    QFile keyFile(m_files.at(2).key);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray oldKey2 = keyFile.readAll();
    keyFile.close();

    const auto reports = m_deployer.deployBatch(requests, noProgress(kSites));
    QCOMPARE(reports.size(), kSites);
    QVERIFY(!reports.at(1).ok());
    QVERIFY2(reports.at(1).message().contains(QStringLiteral("does not belong")), qPrintable(reports.at(1).message()));
    QVERIFY(reports.at(2).ok());
    QVERIFY(!reports.at(2)->deployed);
    QVERIFY2(reports.at(2)->failure.contains(QStringLiteral("writing files failed")),
             qPrintable(reports.at(2)->failure));
    QVERIFY2(reports.at(2)->rolledBack, qPrintable(reports.at(2)->steps.join(QLatin1Char('\n'))));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QCOMPARE(keyFile.readAll(), oldKey2); // its key file is back byte for byte
    QCOMPARE(served(m_nginx->port(), siteName(1)), m_oldFingerprints.at(1));
    QCOMPARE(served(m_nginx->port(), siteName(2)), m_oldFingerprints.at(2));
    for (int i : {0, 3, 4, 5}) {
        QVERIFY2(reports.at(i).ok() && reports.at(i)->deployed,
                 qPrintable(reports.at(i).ok() ? reports.at(i)->failure : reports.at(i).message()));
        QCOMPARE(served(m_nginx->port(), siteName(i)), expected.at(i));
    }
}

void TestBatchDeploy::requestsForTheSameFilesRunOneAfterTheOther()
{
    const test::IssuedCert first = m_pki->issueLeaf(QStringList{siteName(0)});
    const test::IssuedCert second = m_pki->issueLeaf(QStringList{siteName(0)});
    const auto reports = m_deployer.deployBatch({requestFor(0, first), requestFor(0, second)}, noProgress(2));
    QCOMPARE(reports.size(), 2);
    QVERIFY2(reports.at(0).ok() && reports.at(0)->deployed, qPrintable(reports.at(0)->failure));
    QVERIFY2(reports.at(1).ok() && reports.at(1)->deployed, qPrintable(reports.at(1)->failure));
    QCOMPARE(served(m_nginx->port(), siteName(0)), second.cert.fingerprintSha256());
}

QTEST_GUILESS_MAIN(TestBatchDeploy)
#include "TestBatchDeploy.moc"
