// FTP delivery: the FtpDeployer delivers certificate files to a REAL vsftpd on loopback (VsftpdFixture) over explicit
// TLS with the server's certificate pinned. The shared scenarios (FileDeliveryScenarios) plus what only FTP has: the
// trust of the server before the password is sent, plain FTP only on request, one connection for a batch.
#include "FileDeliveryScenarios.h"

#include "deployers/common/DeploymentJournal.h"
#include "deployers/ftp/FtpDeployer.h"
#include "tests/support/VsftpdFixture.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace certdeck;

class TestFtpDelivery : public test::FileDeliveryScenarios
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wrongFingerprintIsRefusedBeforeTheLogin();
    void plainFtpOnlyWhenTheOperatorInsists();
    void batchSharesOneConnection();

protected:
    bool startServer(const QString& workDirectory) override;
    void stopServer() override;
    std::unique_ptr<deploy::Deployer> makeDeployer() const override;
    deploy::DeployRequest request(QVariantMap fields) const override;
    QString remoteDirectory() const override { return QStringLiteral("/upload/delivered"); }
    QString localDirectory() const override { return m_ftp->root() + remoteDirectory(); }
    bool appliesPermissions() const override { return false; } // vsftpd refuses SITE CHMOD to anonymous users

private:
    QString m_work;
    std::unique_ptr<test::VsftpdFixture> m_ftp;
};

void TestFtpDelivery::initTestCase()
{
    QString reason;
    if (!test::VsftpdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
}

bool TestFtpDelivery::startServer(const QString& workDirectory)
{
    m_work = workDirectory;
    m_ftp = std::make_unique<test::VsftpdFixture>(workDirectory + QStringLiteral("/ftp"));
    if (!QDir().mkpath(workDirectory + QStringLiteral("/ftp"))) {
        return false;
    }
    const Status started = m_ftp->start();
    if (!started) {
        qWarning("%s\n%s", qPrintable(started.message()), qPrintable(m_ftp->log()));
        return false;
    }
    // The delivery directory exists on the server, owned by the anonymous session's user.
    const passwd* ftpUser = getpwnam("ftp");
    const QByteArray local = QFile::encodeName(localDirectory());
    return ftpUser && QDir().mkpath(localDirectory()) &&
           chown(local.constData(), ftpUser->pw_uid, ftpUser->pw_gid) == 0;
}

void TestFtpDelivery::stopServer()
{
    m_ftp.reset();
}

std::unique_ptr<deploy::Deployer> TestFtpDelivery::makeDeployer() const
{
    // The FTP server's paths are what the policy's write trees name for an FTP target.
    auto policy = deploy::BotPolicy::parse("write = /upload\nconfig = /tmp\nreload = yes\nagentless = yes\n",
                                           QStringLiteral("test policy"));
    if (!policy) {
        qFatal("test policy: %s", qPrintable(policy.message()));
    }
    return std::make_unique<deployers::FtpDeployer>(
        std::make_shared<deployers::DeploymentJournal>(m_work + QStringLiteral("/bot-state")),
        std::make_shared<const deploy::BotPolicy>(std::move(policy.value())));
}

deploy::DeployRequest TestFtpDelivery::request(QVariantMap fields) const
{
    const QVariantMap connection{{QStringLiteral("ftpHost"), QStringLiteral("127.0.0.1")},
                                 {QStringLiteral("ftpPort"), QString::number(m_ftp->port())},
                                 {QStringLiteral("ftpUser"), test::VsftpdFixture::userName()},
                                 {QStringLiteral("ftpPassword"), QStringLiteral("delivery@certdeck.test")},
                                 {QStringLiteral("ftpServerFingerprint"), m_ftp->leafSha256()},
                                 {QStringLiteral("backupDirectory"), QStringLiteral("/upload/backups")}};
    for (auto it = connection.begin(); it != connection.end(); ++it) {
        if (!fields.contains(it.key())) {
            fields.insert(it.key(), it.value());
        }
    }
    deploy::DeployRequest request;
    request.fields = std::move(fields);
    return request;
}

void TestFtpDelivery::wrongFingerprintIsRefusedBeforeTheLogin()
{
    const test::IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    const QString otherPin = QString(64, QLatin1Char('a'));
    auto refused = makeDeployer()->deploy(deliveryOf(leaf, {{QStringLiteral("ftpServerFingerprint"), otherPin}}), {});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message().contains(QLatin1String("not the pinned")), qPrintable(refused.message()));
    QVERIFY2(!m_ftp->log().contains(QLatin1String("delivery@certdeck.test")), "the password reached the server");
    QVERIFY(QDir(localDirectory()).isEmpty());
}

void TestFtpDelivery::plainFtpOnlyWhenTheOperatorInsists()
{
    const test::IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    auto refused = makeDeployer()->deploy(
        deliveryOf(leaf, {{QStringLiteral("ftpTls"),
                           QStringLiteral("None: plain FTP (the key crosses the network in clear)")}}),
        {});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message().contains(QLatin1String("in clear")), qPrintable(refused.message()));
    QVERIFY(QDir(localDirectory()).isEmpty());
}

void TestFtpDelivery::batchSharesOneConnection()
{
    QList<deploy::DeployRequest> requests;
    QStringList names;
    for (int i = 0; i < 3; ++i) {
        const test::IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files%1.example.test").arg(i)});
        const QString prefix = QStringLiteral("site%1-").arg(i);
        const QVariantMap fileNames = {
            {QStringLiteral("certificateName"), QString(prefix + QStringLiteral("cert.pem"))},
            {QStringLiteral("chainName"), QString(prefix + QStringLiteral("chain.pem"))},
            {QStringLiteral("fullChainName"), QString(prefix + QStringLiteral("fullchain.pem"))},
            {QStringLiteral("keyName"), QString(prefix + QStringLiteral("key.pem"))}};
        requests << deliveryOf(leaf, fileNames);
        names << prefix + QStringLiteral("cert.pem");
    }
    auto deployer = makeDeployer();
    QVERIFY(!deployer->batchKey(requests.first()).isEmpty());
    QCOMPARE(deployer->batchKey(requests.at(1)), deployer->batchKey(requests.first()));
    const QList<Result<deploy::DeployReport>> reports = deployer->deployBatch(requests, {});
    for (int i = 0; i < reports.size(); ++i) {
        QVERIFY2(reports.at(i) && reports.at(i)->deployed,
                 qPrintable(reports.at(i) ? reports.at(i)->failure : reports.at(i).message()));
        QCOMPARE(localFile(names.at(i)), requests.at(i).certificatePem);
    }
    QCOMPARE(m_ftp->log().count(QStringLiteral("\"USER anonymous\"")), 1);
}

QTEST_GUILESS_MAIN(TestFtpDelivery)
#include "TestFtpDelivery.moc"
