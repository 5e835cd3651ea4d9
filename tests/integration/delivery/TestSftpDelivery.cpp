// SFTP delivery: the SftpDeployer delivers certificate files over a REAL sshd on loopback (SshdFixture) through the
// bots' SSH layer, with the host key pinned. The shared scenarios (FileDeliveryScenarios) plus what only SFTP has:
// the program after the delivery, which only the bot's policy can name, and the refusal of this host.
#include "BotProcess.h"
#include "FileDeliveryScenarios.h"

#include "deployers/common/DeploymentJournal.h"
#include "deployers/common/SshTargetHost.h"
#include "deployers/sftp/SftpDeployer.h"
#include "engine/crypto/CertificateBuilder.h"
#include "engine/crypto/CertificateRequest.h"
#include "tests/support/SshdFixture.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace certdeck;

class TestSftpDelivery : public test::FileDeliveryScenarios
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void programAfterDeliveryRunsWithTheDirectory();
    void failingProgramAfterDeliveryPutsThePreviousFilesBack();
    void programTheRequestNamesIsRefusedUnlessThePolicyHasIt();
    void thisHostIsRefused();
    void deliversThroughTheRealBot();

protected:
    bool startServer(const QString& workDirectory) override;
    void stopServer() override;
    std::unique_ptr<deploy::Deployer> makeDeployer() const override;
    deploy::DeployRequest request(QVariantMap fields) const override;
    QString remoteDirectory() const override { return m_directory; }
    QString localDirectory() const override { return m_directory; } // sshd on 127.0.0.1: the same disk

private:
    std::shared_ptr<deploy::TargetHost> connect() const;
    QString m_work;
    QString m_directory;
    QString m_program; // the program after delivery that the policy allows
    std::unique_ptr<test::SshdFixture> m_sshd;
};

void TestSftpDelivery::initTestCase()
{
    QString reason;
    if (!test::SshdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
}

bool TestSftpDelivery::startServer(const QString& workDirectory)
{
    m_work = workDirectory;
    m_directory = workDirectory + QStringLiteral("/delivered");
    if (!QDir().mkpath(m_directory) || !QDir().mkpath(workDirectory + QStringLiteral("/sshd"))) {
        return false;
    }
    // Records its argument and fails when the file "fail" exists: the step after the delivery, both ways.
    m_program = test::writeTestFile(workDirectory, QStringLiteral("after-delivery.sh"),
                                    "#!/bin/sh\nprintf '%s' \"$1\" > \"$(dirname \"$0\")/after-delivery.ran\"\n"
                                    "[ ! -e \"$(dirname \"$0\")/fail\" ] || { echo 'reload refused' >&2; exit 3; }\n");
    QFile::setPermissions(m_program, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_sshd = std::make_unique<test::SshdFixture>(workDirectory + QStringLiteral("/sshd"));
    const Status started = m_sshd->start();
    if (!started) {
        qWarning("%s\n%s", qPrintable(started.message()), qPrintable(m_sshd->log()));
    }
    return started.ok();
}

void TestSftpDelivery::stopServer()
{
    m_sshd.reset();
}

std::unique_ptr<deploy::Deployer> TestSftpDelivery::makeDeployer() const
{
    auto policy = deploy::BotPolicy::parse(QStringLiteral("program.sftp = %1\nwrite = /tmp\nconfig = /tmp\n"
                                                          "reload = yes\nagentless = yes\n")
                                               .arg(m_program)
                                               .toUtf8(),
                                           QStringLiteral("test policy"));
    if (!policy) {
        qFatal("test policy: %s", qPrintable(policy.message()));
    }
    return std::make_unique<deployers::SftpDeployer>(
        std::make_shared<deployers::DeploymentJournal>(m_work + QStringLiteral("/bot-state")),
        std::make_shared<const deploy::BotPolicy>(std::move(policy.value())));
}

std::shared_ptr<deploy::TargetHost> TestSftpDelivery::connect() const
{
    auto session = std::make_unique<bots::SshSession>();
    const Status connected =
        session->connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), m_sshd->keyCredentials());
    if (!connected) {
        qWarning("ssh: %s", qPrintable(connected.message()));
        return {};
    }
    return std::make_shared<deployers::SshTargetHost>(std::move(session), false,
                                                      m_work + QStringLiteral("/remote-state"));
}

deploy::DeployRequest TestSftpDelivery::request(QVariantMap fields) const
{
    deploy::DeployRequest request;
    request.fields = std::move(fields);
    request.host = connect();
    return request;
}

void TestSftpDelivery::programAfterDeliveryRunsWithTheDirectory()
{
    const test::IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    auto report = makeDeployer()->deploy(
        deliveryOf(leaf, {{deployers::SftpDeployer::kAfterDeliveryField, QStringLiteral("after-delivery.sh")}}), {});
    QVERIFY2(report && report->deployed, qPrintable(report ? report->steps.join('\n') : report.message()));
    QFile ran(m_work + QStringLiteral("/after-delivery.ran"));
    QVERIFY2(ran.open(QIODevice::ReadOnly), "the program after the delivery did not run");
    QCOMPARE(QString::fromUtf8(ran.readAll()), m_directory);
    QVERIFY(report->steps.join('\n').contains(m_program));
}

void TestSftpDelivery::failingProgramAfterDeliveryPutsThePreviousFilesBack()
{
    const test::IssuedCert first = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    const test::IssuedCert second = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    auto deployer = makeDeployer();
    const QVariantMap withProgram{{deployers::SftpDeployer::kAfterDeliveryField, m_program}};
    auto delivered = deployer->deploy(deliveryOf(first, withProgram), {});
    QVERIFY2(delivered && delivered->deployed, qPrintable(delivered ? delivered->failure : delivered.message()));
    const QByteArray firstKey = localFile(QStringLiteral("privkey.pem"));
    test::writeTestFile(m_work, QStringLiteral("fail"), "1");

    auto failed = deployer->deploy(deliveryOf(second, withProgram), {});
    QVERIFY2(failed.ok(), qPrintable(failed.message()));
    QVERIFY(!failed->deployed);
    QVERIFY2(failed->failure.contains(QLatin1String("reload refused")), qPrintable(failed->failure));
    QVERIFY2(failed->rolledBack, qPrintable(failed->steps.join('\n')));
    QVERIFY(failed->steps.last().contains(QLatin1String("read back byte-for-byte")));
    QCOMPARE(localFile(QStringLiteral("cert.pem")), first.cert.toPem());
    QCOMPARE(localFile(QStringLiteral("privkey.pem")), firstKey);
}

void TestSftpDelivery::programTheRequestNamesIsRefusedUnlessThePolicyHasIt()
{
    const test::IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    const QString canary = m_work + QStringLiteral("/canary");
    for (const QString& hostile :
         {QStringLiteral("/bin/sh"), QStringLiteral("sh"), QStringLiteral("/usr/bin/touch %1").arg(canary)}) {
        auto refused =
            makeDeployer()->deploy(deliveryOf(leaf, {{deployers::SftpDeployer::kAfterDeliveryField, hostile}}), {});
        QVERIFY2(!refused.ok(), qPrintable(hostile));
        QVERIFY2(refused.message().contains(QLatin1String("program.sftp")), qPrintable(refused.message()));
    }
    QVERIFY(!QFile::exists(canary));
    QVERIFY(QDir(m_directory).isEmpty());
}

void TestSftpDelivery::thisHostIsRefused()
{
    const test::IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    deploy::DeployRequest onThisHost = deliveryOf(leaf);
    onThisHost.host.reset();
    auto refused = makeDeployer()->deploy(onThisHost, {});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message().contains(QLatin1String("agentless server")), qPrintable(refused.message()));
    QVERIFY(QDir(m_directory).isEmpty());
}

// The whole path a console takes: csr.create on the real bot, the certificate for its staged key, a deploy request
// with the agentless target and no endpoint; the bot keeps the endpoint empty, so the read-back is the proof.
void TestSftpDelivery::deliversThroughTheRealBot()
{
    QVERIFY2(!test::botBinary().isEmpty(), "CERTDECK_BOT_BINARY is not set (run the test through ctest)");
    test::BotProcess bot;
    QVERIFY2(bot.start(m_work + QStringLiteral("/bot-process-state")).ok(), qPrintable(bot.stderrText()));
    auto staged =
        bot.call(QStringLiteral("csr.create"), {{QStringLiteral("commonName"), QStringLiteral("files.example.test")},
                                                {QStringLiteral("keyAlgorithm"), QStringLiteral("EC")},
                                                {QStringLiteral("keySize"), 256}});
    QVERIFY2(staged.ok(), qPrintable(staged.message()));
    auto csr = crypto::CertificateRequest::fromPem(staged->value(QStringLiteral("csrPem")).toString().toLatin1());
    QVERIFY(csr.ok());
    crypto::CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    auto issued =
        crypto::CertificateBuilder::signRequest(spec, *csr, m_pki.intermediate().cert, m_pki.intermediate().key);
    QVERIFY(issued.ok());
    const QJsonObject agentless{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                {QStringLiteral("port"), m_sshd->port()},
                                {QStringLiteral("user"), m_sshd->userName()},
                                {QStringLiteral("hostKeyFingerprint"), m_sshd->hostKeyFingerprint()},
                                {QStringLiteral("auth"), QStringLiteral("key")},
                                {QStringLiteral("privateKey"), QString::fromUtf8(m_sshd->userKey())},
                                {QStringLiteral("stateDirectory"), QString(m_work + QStringLiteral("/remote-state"))}};
    const QJsonObject params{{QStringLiteral("serverType"), serverTypeId(ServerType::Sftp)},
                             {QStringLiteral("fields"), QJsonObject{{QStringLiteral("remoteDirectory"), m_directory}}},
                             {QStringLiteral("keyId"), staged->value(QStringLiteral("keyId"))},
                             {QStringLiteral("certificatePem"), QString::fromLatin1(issued->toPem())},
                             {QStringLiteral("chainPem"), QString::fromLatin1(m_pki.intermediate().cert.toPem())},
                             {QStringLiteral("verify"),
                              QJsonObject{{QStringLiteral("host"), QString()}, {QStringLiteral("timeoutMs"), 3000}}},
                             {QStringLiteral("agentless"), agentless}};
    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(report.ok(), qPrintable(report.message() + QLatin1Char('\n') + bot.stderrText()));
    QVERIFY2(report->value(QStringLiteral("deployed")).toBool(),
             qPrintable(report->value(QStringLiteral("failure")).toString() + QLatin1Char('\n') + bot.stderrText()));
    QCOMPARE(localFile(QStringLiteral("cert.pem")), issued->toPem());
    auto key = crypto::PrivateKey::fromPem(localFile(QStringLiteral("privkey.pem")));
    QVERIFY2(key.ok() && issued->matchesKey(*key), "the delivered key is not the staged key of the certificate");
    bot.stop();
    QVERIFY(!bot.stderrText().toUtf8().contains(localFile(QStringLiteral("privkey.pem")).split('\n').value(1)));
}

QTEST_GUILESS_MAIN(TestSftpDelivery)
#include "TestSftpDelivery.moc"
