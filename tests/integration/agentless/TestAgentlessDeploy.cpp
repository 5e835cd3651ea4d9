// Agentless deployment: the REAL certdeck-bot (or the deployer in-process, where a test must act at an exact step)
// deploys over a REAL sshd on loopback (SshdFixture) to REAL nginx / apache2: every file over SFTP, the config test
// and the reload over an exec channel. The host is 127.0.0.1, so the test sees the files the bot wrote remotely.
#include "BotProcess.h"
#include "DeployTestBench.h"

#include "deployers/common/DeploymentJournal.h"
#include "deployers/common/SshTargetHost.h"
#include "deployers/nginx/NginxDeployer.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateBuilder.h"
#include "engine/crypto/CertificateRequest.h"
#include "tests/support/SshdFixture.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace certdeck;
using test::WebServerFixture;

namespace {

QString reportText(const QJsonObject& report)
{
    QStringList steps;
    for (const QJsonValue& step : report.value(QStringLiteral("steps")).toArray()) {
        steps << step.toString();
    }
    return QStringLiteral("failure: %1\nsteps:\n  %2")
        .arg(report.value(QStringLiteral("failure")).toString(), steps.join(QStringLiteral("\n  ")));
}

QString reportText(const deploy::DeployReport& report)
{
    return QStringLiteral("failure: %1\nsteps:\n  %2").arg(report.failure, report.steps.join(QStringLiteral("\n  ")));
}

unsigned modeOf(const QString& path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? unsigned(info.st_mode & 07777) : 0;
}

QByteArray contentOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A line from the middle of a secret: it must appear in no log.
QByteArray secretLine(const QByteArray& secret)
{
    const QList<QByteArray> lines = secret.split('\n');
    return lines.size() > 3 ? lines.at(lines.size() / 2) : secret;
}

// Files named like the canaries of the hostile path names in `root` (and below it with `recursive`).
QStringList canariesBelow(const QString& root, bool recursive = true)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                    recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).fileName().startsWith(QLatin1String("certdeck-canary"))) {
            found << path;
        }
    }
    return found;
}

} // namespace

class TestAgentlessDeploy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void deploysOverSshAndServesTheNewCertificate();
    void failedConfigTestIsRolledBackOverSsh();
    void hostilePathNamesAreFilesNotCode();
    void unpinnedHostKeyIsRefusedWithNothingTouched();
    void changedHostKeyIsRefusedShowingBothFingerprints();
    void wrongCredentialsAreRefusedWithNothingTouched();
    void killedConnectionLeavesOldOrNewNeverHalf_data();
    void killedConnectionLeavesOldOrNewNeverHalf();
    void remoteRecordIsNotRestoredAtBotStartButAtNextContact();
    void apacheDeploysOverSsh();

private:
    bool startBench(WebServerFixture::Server server);
    // csr.create on the bot, a certificate for it from the test PKI, and deploy params for the bench (agentless).
    QJsonObject stageAndIssue(test::BotProcess& bot, QString* fingerprint);
    QJsonObject agentless() const;
    std::shared_ptr<deploy::TargetHost> connectHost(QString* error) const;

    test::TestPki m_pki;
    std::unique_ptr<QTemporaryDir> m_temp;
    std::unique_ptr<test::SshdFixture> m_sshd;
    std::unique_ptr<test::DeployTestBench> m_bench;
    QString m_botState;
};

void TestAgentlessDeploy::initTestCase()
{
    QVERIFY2(!test::botBinary().isEmpty(), "CERTDECK_BOT_BINARY is not set (run the test through ctest)");
    QString reason;
    if (!test::SshdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
}

void TestAgentlessDeploy::init()
{
    m_temp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_temp->isValid());
    QVERIFY(QDir().mkpath(m_temp->filePath(QStringLiteral("sshd"))));
    m_sshd = std::make_unique<test::SshdFixture>(m_temp->filePath(QStringLiteral("sshd")));
    const Status started = m_sshd->start();
    QVERIFY2(started.ok(), qPrintable(started.message() + QLatin1Char('\n') + m_sshd->log()));
    m_botState = m_temp->filePath(QStringLiteral("bot-state"));
}

void TestAgentlessDeploy::cleanup()
{
    if (m_bench) {
        m_bench->tearDown();
        m_bench.reset();
    }
    m_sshd.reset(); // stops sshd by PID
    m_temp.reset();
}

bool TestAgentlessDeploy::startBench(WebServerFixture::Server server)
{
    QString reason;
    if (!WebServerFixture::isAvailable(server, &reason)) {
        qWarning("%s", qPrintable(reason));
        return false;
    }
    m_bench = std::make_unique<test::DeployTestBench>(server);
    const Status started = m_bench->setUp(server == WebServerFixture::Server::Apache);
    if (!started.ok()) {
        qWarning("bench: %s", qPrintable(started.message()));
        return false;
    }
    return true;
}

QJsonObject TestAgentlessDeploy::agentless() const
{
    return {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("port"), m_sshd->port()},
            {QStringLiteral("user"), m_sshd->userName()},
            {QStringLiteral("hostKeyFingerprint"), m_sshd->hostKeyFingerprint()},
            {QStringLiteral("auth"), QStringLiteral("key")},
            {QStringLiteral("privateKey"), QString::fromUtf8(m_sshd->userKeyWithPassphrase())},
            {QStringLiteral("passphrase"), QString::fromUtf8(m_sshd->userKeyPassphrase())},
            {QStringLiteral("useSudo"), false}};
}

std::shared_ptr<deploy::TargetHost> TestAgentlessDeploy::connectHost(QString* error) const
{
    auto session = std::make_unique<bots::SshSession>();
    const Status connected =
        session->connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), m_sshd->keyCredentials());
    if (!connected.ok()) {
        *error = connected.message();
        return {};
    }
    return std::make_shared<deployers::SshTargetHost>(std::move(session), false);
}

QJsonObject TestAgentlessDeploy::stageAndIssue(test::BotProcess& bot, QString* fingerprint)
{
    auto staged =
        bot.call(QStringLiteral("csr.create"), {{QStringLiteral("commonName"), QStringLiteral("www.example.test")},
                                                {QStringLiteral("keyAlgorithm"), QStringLiteral("EC")},
                                                {QStringLiteral("keySize"), 256}});
    if (!staged) {
        qWarning("csr.create failed: %s", qPrintable(staged.message()));
        return {};
    }
    auto csr = crypto::CertificateRequest::fromPem(staged->value(QStringLiteral("csrPem")).toString().toLatin1());
    if (!csr) {
        return {};
    }
    crypto::CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    auto issued =
        crypto::CertificateBuilder::signRequest(spec, *csr, m_pki.intermediate().cert, m_pki.intermediate().key);
    if (!issued) {
        return {};
    }
    *fingerprint = issued->fingerprintSha256();
    const deploy::DeployRequest request = m_bench->requestFor(m_bench->newCertificate());
    return {{QStringLiteral("serverType"), m_bench->serverKind() == WebServerFixture::Server::Nginx
                                               ? QStringLiteral("nginx")
                                               : QStringLiteral("apache-http")},
            {QStringLiteral("fields"), QJsonObject::fromVariantMap(request.fields)},
            {QStringLiteral("keyId"), staged->value(QStringLiteral("keyId"))},
            {QStringLiteral("certificatePem"), QString::fromLatin1(issued->toPem())},
            {QStringLiteral("chainPem"), QString::fromLatin1(m_pki.intermediate().cert.toPem())},
            {QStringLiteral("verify"), QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                                   {QStringLiteral("port"), request.verifyPort},
                                                   {QStringLiteral("serverName"), QStringLiteral("www.example.test")},
                                                   {QStringLiteral("timeoutMs"), 15000}}},
            {QStringLiteral("rollbackOnFailure"), true},
            {QStringLiteral("agentless"), agentless()}};
}

void TestAgentlessDeploy::deploysOverSshAndServesTheNewCertificate()
{
    if (!startBench(WebServerFixture::Server::Nginx)) {
        QSKIP("nginx is not available");
    }
    test::BotProcess bot;
    QVERIFY2(bot.start(m_botState).ok(), qPrintable(bot.stderrText()));
    QString fingerprint;
    const QJsonObject params = stageAndIssue(bot, &fingerprint);
    QVERIFY(!params.isEmpty());

    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(report.ok(), qPrintable(report.message() + QLatin1Char('\n') + bot.stderrText()));
    QVERIFY2(report->value(QStringLiteral("deployed")).toBool(), qPrintable(reportText(*report)));
    // Our own handshake, not the bot's word for it.
    QCOMPARE(m_bench->waitUntilServed(fingerprint), fingerprint);
    QCOMPARE(modeOf(m_bench->keyFile()), 0600u);
    QCOMPARE(modeOf(m_bench->certificateFile()), 0644u);
    QVERIFY(contentOf(m_bench->certificateFile()).startsWith("-----BEGIN CERTIFICATE-----"));
    // The backup is on the target host, next to its files (the backup directory of the fields).
    const QString backup =
        m_bench->stateDirectory() + QStringLiteral("/backups/") + report->value(QStringLiteral("backupId")).toString();
    QCOMPARE(modeOf(backup), 0700u);
    QVERIFY(QFileInfo::exists(backup + QStringLiteral("/manifest.json")));
    // It went over SSH: sshd saw the public-key login, and the steps name the host.
    QVERIFY2(m_sshd->log().contains(QStringLiteral("Accepted publickey")), qPrintable(m_sshd->log()));
    // No secret in the bot's log.
    bot.stop();
    QVERIFY(!bot.stderrText().toUtf8().contains(secretLine(m_sshd->userKeyWithPassphrase())));
    QVERIFY(!bot.stderrText().toUtf8().contains(m_sshd->userKeyPassphrase()));
    QVERIFY2(bot.stderrText().contains(QStringLiteral("agentless target")), qPrintable(bot.stderrText()));
}

void TestAgentlessDeploy::failedConfigTestIsRolledBackOverSsh()
{
    if (!startBench(WebServerFixture::Server::Nginx)) {
        QSKIP("nginx is not available");
    }
    QFile config(m_bench->server().configFile());
    QVERIFY(config.open(QIODevice::Append));
    config.write("\nthis_directive_does_not_exist on;\n");
    config.close();

    test::BotProcess bot;
    QVERIFY2(bot.start(m_botState).ok(), qPrintable(bot.stderrText()));
    QString fingerprint;
    const QJsonObject params = stageAndIssue(bot, &fingerprint);
    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(report.ok(), qPrintable(report.message()));
    QVERIFY(!report->value(QStringLiteral("deployed")).toBool());
    QVERIFY2(report->value(QStringLiteral("rolledBack")).toBool(), qPrintable(reportText(*report)));
    QVERIFY2(
        report->value(QStringLiteral("failure")).toString().contains(QStringLiteral("this_directive_does_not_exist")),
        qPrintable(reportText(*report)));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
    QCOMPARE(m_bench->servedFingerprint(), m_bench->oldCertificate().fingerprint);
    QVERIFY(QDir(m_botState + QStringLiteral("/journal")).entryList(QDir::Files).isEmpty());
}

void TestAgentlessDeploy::hostilePathNamesAreFilesNotCode()
{
    if (!startBench(WebServerFixture::Server::Nginx)) {
        QSKIP("nginx is not available");
    }
    // nginx keeps reading <root>/certs/site.pem and <root>/keys/site.key; those directories become symbolic links to
    // directories with hostile names, which the deployment fields name directly.
    const QString hostile = QStringLiteral("it's a \"dir\" $(touch certdeck-canary-1) `touch certdeck-canary-2`; "
                                           "touch certdeck-canary-3 & x");
    const QString root = QFileInfo(m_bench->certificateFile()).absolutePath() + QStringLiteral("/..");
    const QString certs = QDir(root).absoluteFilePath(QStringLiteral("certs"));
    const QString keys = QDir(root).absoluteFilePath(QStringLiteral("keys"));
    const QString hostileCerts = QDir::cleanPath(root + QStringLiteral("/certs ") + hostile);
    const QString hostileKeys = QDir::cleanPath(root + QStringLiteral("/keys ") + hostile);
    const QString hostileState = QDir::cleanPath(root + QStringLiteral("/state ") + hostile);
    QVERIFY(QFile::rename(certs, hostileCerts));
    QVERIFY(QFile::link(hostileCerts, certs));
    QVERIFY(QFile::rename(keys, hostileKeys));
    QVERIFY(QFile::link(hostileKeys, keys));

    test::BotProcess bot;
    QVERIFY2(bot.start(m_botState).ok(), qPrintable(bot.stderrText()));
    QString fingerprint;
    QJsonObject params = stageAndIssue(bot, &fingerprint);
    QJsonObject fields = params.value(QStringLiteral("fields")).toObject();
    fields[QStringLiteral("certificateFile")] = QString(hostileCerts + QStringLiteral("/site.pem"));
    fields[QStringLiteral("keyFile")] = QString(hostileKeys + QStringLiteral("/site.key"));
    fields[QStringLiteral("backupDirectory")] = hostileState;
    params[QStringLiteral("fields")] = fields;

    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(report.ok(), qPrintable(report.message() + QLatin1Char('\n') + bot.stderrText()));
    QVERIFY2(report->value(QStringLiteral("deployed")).toBool(), qPrintable(reportText(*report)));
    QCOMPARE(m_bench->waitUntilServed(fingerprint), fingerprint);
    QCOMPARE(modeOf(hostileKeys + QStringLiteral("/site.key")), 0600u);
    QVERIFY(QFileInfo::exists(hostileState + QStringLiteral("/backups/") +
                              report->value(QStringLiteral("backupId")).toString() + QStringLiteral("/manifest.json")));

    // A rollback through the same names (listing and pruning the backups run remote commands with these paths).
    params.remove(QStringLiteral("keyId"));
    params[QStringLiteral("backupId")] = report->value(QStringLiteral("backupId"));
    auto rolledBack = bot.call(QStringLiteral("rollback"), params);
    QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message()));
    QVERIFY2(rolledBack->value(QStringLiteral("rolledBack")).toBool(), qPrintable(reportText(*rolledBack)));
    QCOMPARE(m_bench->waitUntilServed(m_bench->oldCertificate().fingerprint), m_bench->oldCertificate().fingerprint);

    // Nothing of the names ran: no canary in the login user's home, the test's directories or the working directory.
    QStringList canaries = canariesBelow(m_temp->path()) + canariesBelow(QDir::homePath(), false) +
                           canariesBelow(QDir::currentPath(), false) + canariesBelow(root) +
                           canariesBelow(QDir::rootPath(), false);
    canaries.removeDuplicates();
    QVERIFY2(canaries.isEmpty(), qPrintable(canaries.join(QLatin1Char('\n'))));
    QVERIFY(!QFileInfo::exists(QDir::homePath() + QStringLiteral("/certdeck-canary-1")));
}

void TestAgentlessDeploy::unpinnedHostKeyIsRefusedWithNothingTouched()
{
    if (!startBench(WebServerFixture::Server::Nginx)) {
        QSKIP("nginx is not available");
    }
    test::BotProcess bot;
    QVERIFY2(bot.start(m_botState).ok(), qPrintable(bot.stderrText()));
    QString fingerprint;
    QJsonObject params = stageAndIssue(bot, &fingerprint);
    QJsonObject target = params.value(QStringLiteral("agentless")).toObject();
    target[QStringLiteral("hostKeyFingerprint")] = QString();
    params[QStringLiteral("agentless")] = target;
    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY(!report.ok());
    QVERIFY2(report.message().contains(QStringLiteral("not pinned")), qPrintable(report.message()));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
    QVERIFY(!QFileInfo::exists(m_bench->stateDirectory() + QStringLiteral("/backups")));
    QCOMPARE(m_bench->servedFingerprint(), m_bench->oldCertificate().fingerprint);
    QVERIFY2(!m_sshd->log().contains(QStringLiteral("Accepted")), qPrintable(m_sshd->log()));
}

void TestAgentlessDeploy::changedHostKeyIsRefusedShowingBothFingerprints()
{
    if (!startBench(WebServerFixture::Server::Nginx)) {
        QSKIP("nginx is not available");
    }
    test::BotProcess bot;
    QVERIFY2(bot.start(m_botState).ok(), qPrintable(bot.stderrText()));
    QString fingerprint;
    const QJsonObject params = stageAndIssue(bot, &fingerprint); // pins the current host key
    const QString pinned = m_sshd->hostKeyFingerprint();
    const Status rotated = m_sshd->rotateHostKey();
    QVERIFY2(rotated.ok(), qPrintable(rotated.message()));
    const QString offered = m_sshd->hostKeyFingerprint();
    QVERIFY(pinned != offered);

    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY(!report.ok());
    QVERIFY2(report.message().contains(pinned) && report.message().contains(offered), qPrintable(report.message()));
    QVERIFY2(report.message().contains(QStringLiteral("Nothing was changed")), qPrintable(report.message()));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
    QVERIFY(!QFileInfo::exists(m_bench->stateDirectory() + QStringLiteral("/backups")));
    QCOMPARE(m_bench->servedFingerprint(), m_bench->oldCertificate().fingerprint);
}

void TestAgentlessDeploy::wrongCredentialsAreRefusedWithNothingTouched()
{
    if (!startBench(WebServerFixture::Server::Nginx)) {
        QSKIP("nginx is not available");
    }
    test::BotProcess bot;
    QVERIFY2(bot.start(m_botState).ok(), qPrintable(bot.stderrText()));
    QString fingerprint;
    QJsonObject params = stageAndIssue(bot, &fingerprint);
    QJsonObject target = params.value(QStringLiteral("agentless")).toObject();
    target[QStringLiteral("passphrase")] = QStringLiteral("not the passphrase");
    params[QStringLiteral("agentless")] = target;
    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY(!report.ok());
    QVERIFY2(report.message().contains(QStringLiteral("127.0.0.1")), qPrintable(report.message()));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
    QCOMPARE(m_bench->servedFingerprint(), m_bench->oldCertificate().fingerprint);
    bot.stop();
    QVERIFY(!bot.stderrText().contains(QStringLiteral("not the passphrase")));
}

void TestAgentlessDeploy::killedConnectionLeavesOldOrNewNeverHalf_data()
{
    QTest::addColumn<QString>("killAfter");
    QTest::newRow("certificate written") << QStringLiteral("wrote %cert");
    QTest::newRow("key written") << QStringLiteral("wrote %key");
    QTest::newRow("config tested") << QStringLiteral("config test ok");
    QTest::newRow("reloaded") << QStringLiteral("reload ok");
}

// The deployer runs in-process so that the connection dies at an exact step: the progress callback runs on the
// deploying thread right after the step, and SIGKILLs the per-connection sshd processes there. What must hold: the
// endpoint serves either the old or the new certificate (a TLS handshake only succeeds with a matching key pair, so
// a served fingerprint is a whole state), and the files end as they were before or as deployed: either the
// deployment finished, or its journal record stayed and the next connection restores the backup byte-for-byte.
void TestAgentlessDeploy::killedConnectionLeavesOldOrNewNeverHalf()
{
    QFETCH(QString, killAfter);
    if (!startBench(WebServerFixture::Server::Nginx)) {
        QSKIP("nginx is not available");
    }
    killAfter.replace(QStringLiteral("%cert"), m_bench->certificateFile())
        .replace(QStringLiteral("%key"), m_bench->keyFile());
    QString error;
    auto host = connectHost(&error);
    QVERIFY2(host, qPrintable(error));
    auto journal = std::make_shared<deployers::DeploymentJournal>(m_botState);
    deployers::NginxDeployer deployer(journal);
    deploy::DeployRequest request = m_bench->requestFor(m_bench->newCertificate());
    request.host = host;
    int killed = 0;
    QStringList steps;
    auto result = deployer.deploy(request, [&](int, const QString& step) {
        steps << step;
        if (killed == 0 && step.startsWith(killAfter)) {
            killed = m_sshd->killConnections();
        }
    });
    QVERIFY2(killed > 0, qPrintable(QStringLiteral("the connection was never killed after \"%1\"; steps:\n%2")
                                        .arg(killAfter, steps.join(QLatin1Char('\n')))));
    QVERIFY2(result.ok(), qPrintable(result.message()));
    const QString oldFingerprint = m_bench->oldCertificate().fingerprint;
    const QString newFingerprint = m_bench->newCertificate().fingerprint;
    const QString served = m_bench->servedFingerprint();
    QVERIFY2(served == oldFingerprint || served == newFingerprint,
             qPrintable(QStringLiteral("served %1\n%2").arg(served, reportText(*result))));

    const QList<deployers::DeploymentJournal::Entry> records = journal->entries();
    if (result->deployed) {
        QCOMPARE(served, newFingerprint);
        QVERIFY(records.isEmpty());
        QCOMPARE(contentOf(m_bench->keyFile()), m_bench->newCertificate().keyPem);
        return;
    }
    // Not deployed: the old certificate is served, and the files are back now or at the next connection.
    QCOMPARE(served, oldFingerprint);
    QString difference;
    if (!records.isEmpty()) {
        QCOMPARE(records.size(), 1);
        QVERIFY(records.first().record);
        QCOMPARE(records.first().record->targetHost, host->describe());
        auto again = connectHost(&error);
        QVERIFY2(again, qPrintable(error));
        const auto outcome = deployer.recover(*records.first().record, again);
        QVERIFY2(outcome.outcome == QLatin1String("recovered"), qPrintable(outcome.message));
        QVERIFY(journal->entries().isEmpty());
    }
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
    QCOMPARE(m_bench->servedFingerprint(), oldFingerprint);
}

// A killed connection leaves a record of the remote deployment in the bot's journal. The next bot start has no
// credentials for that host: it must not touch anything and says so in hello; the next deploy to the same host and
// files (which brings credentials) restores the backup first, then deploys.
void TestAgentlessDeploy::remoteRecordIsNotRestoredAtBotStartButAtNextContact()
{
    if (!startBench(WebServerFixture::Server::Nginx)) {
        QSKIP("nginx is not available");
    }
    QString error;
    auto host = connectHost(&error);
    QVERIFY2(host, qPrintable(error));
    auto journal = std::make_shared<deployers::DeploymentJournal>(m_botState);
    {
        deployers::NginxDeployer deployer(journal);
        deploy::DeployRequest request = m_bench->requestFor(m_bench->newCertificate());
        request.host = host;
        const QString cut = QStringLiteral("wrote ") + m_bench->certificateFile();
        auto result = deployer.deploy(request, [&](int, const QString& step) {
            if (step.startsWith(cut)) {
                m_sshd->killConnections();
            }
        });
        QVERIFY2(result.ok() && !result->deployed, qPrintable(result.ok() ? reportText(*result) : result.message()));
    }
    QCOMPARE(journal->entries().size(), 1);
    const QByteArray halfCertificate = contentOf(m_bench->certificateFile());
    QVERIFY(halfCertificate != m_bench->oldCertificate().certificatePem); // the new certificate file, the old key

    test::BotProcess bot;
    QVERIFY2(bot.start(m_botState).ok(), qPrintable(bot.stderrText()));
    const QJsonArray recovery = bot.hello().value(QStringLiteral("recovery")).toArray();
    QCOMPARE(recovery.size(), 1);
    const QJsonObject outcome = recovery.first().toObject();
    QCOMPARE(outcome.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
    QVERIFY2(outcome.value(QStringLiteral("message")).toString().contains(host->describe()),
             qPrintable(outcome.value(QStringLiteral("message")).toString()));
    QCOMPARE(contentOf(m_bench->certificateFile()), halfCertificate); // not touched at start
    QCOMPARE(m_bench->servedFingerprint(), m_bench->oldCertificate().fingerprint);

    QString fingerprint;
    const QJsonObject params = stageAndIssue(bot, &fingerprint);
    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(report.ok(), qPrintable(report.message()));
    QVERIFY2(report->value(QStringLiteral("deployed")).toBool(), qPrintable(reportText(*report)));
    QVERIFY2(reportText(*report).contains(QStringLiteral("recovered an interrupted operation first")),
             qPrintable(reportText(*report)));
    QCOMPARE(m_bench->waitUntilServed(fingerprint), fingerprint);
    QVERIFY(QDir(m_botState + QStringLiteral("/journal")).entryList(QDir::Files).isEmpty());
}

void TestAgentlessDeploy::apacheDeploysOverSsh()
{
    if (!startBench(WebServerFixture::Server::Apache)) {
        QSKIP("apache2 is not available");
    }
    test::BotProcess bot;
    QVERIFY2(bot.start(m_botState).ok(), qPrintable(bot.stderrText()));
    QString fingerprint;
    const QJsonObject params = stageAndIssue(bot, &fingerprint);
    auto report = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(report.ok(), qPrintable(report.message() + QLatin1Char('\n') + bot.stderrText()));
    QVERIFY2(report->value(QStringLiteral("deployed")).toBool(), qPrintable(reportText(*report)));
    QCOMPARE(m_bench->waitUntilServed(fingerprint), fingerprint);
    QCOMPARE(modeOf(m_bench->keyFile()), 0600u);
    QCOMPARE(contentOf(m_bench->chainFile()), m_pki.intermediate().cert.toPem());
}

QTEST_GUILESS_MAIN(TestAgentlessDeploy)
#include "TestAgentlessDeploy.moc"
