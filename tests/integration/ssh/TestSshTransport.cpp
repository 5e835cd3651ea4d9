// BotInstaller + SshTransport + BotClient against a REAL sshd (SshdFixture) and the REAL certdeck-bot.
#include "engine/bots/BotClient.h"
#include "engine/bots/BotInstaller.h"
#include "engine/bots/BotProtocol.h"
#include "engine/bots/SshSession.h"
#include "engine/bots/SshTransport.h"
#include "tests/support/SshdFixture.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace certdeck;
using namespace certdeck::bots;
using certdeck::test::SshdFixture;

namespace {

int fileMode(const QString& path)
{
    struct stat info = {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return int(info.st_mode & 07777);
}

QByteArray readLocal(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeScript(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() &&
           file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                               QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
}

} // namespace

class TestSshTransport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void installThenTalkToTheBotOverSsh();
    void olderOrOtherProtocolBotIsUpgraded_data();
    void olderOrOtherProtocolBotIsUpgraded();
    void fileThatIsNotTheBotIsLeftAlone();
    void installsIntoHomeDirectory();
    void killedConnectionDisconnectsTheClient();
    void changedHostKeyFailsTheTransport();

private:
    Status connectSession(SshSession& session);
    std::unique_ptr<BotClient> makeClient(const QString& remoteBinary);
    Status connectClient(BotClient& client);
    Result<QJsonObject> call(BotClient& client, const QString& method, const QJsonObject& params);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SshdFixture> m_sshd;
    std::unique_ptr<QObject> m_context;
};

void TestSshTransport::init()
{
    QString reason;
    if (!SshdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY2(QFile::exists(test::botBinary()), "CERTDECK_BOT_BINARY is not set; run through ctest");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_sshd = std::make_unique<SshdFixture>(m_dir->path());
    const Status started = m_sshd->start();
    QVERIFY2(started, qPrintable(started.message()));
    m_context = std::make_unique<QObject>();
}

void TestSshTransport::cleanup()
{
    m_context.reset();
    m_sshd.reset();
    m_dir.reset();
}

Status TestSshTransport::connectSession(SshSession& session)
{
    return session.connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), m_sshd->keyCredentials());
}

std::unique_ptr<BotClient> TestSshTransport::makeClient(const QString& remoteBinary)
{
    const SshdFixture* sshd = m_sshd.get();
    auto transport = std::make_unique<SshTransport>(
        m_sshd->endpoint(), m_sshd->hostKeyFingerprint(),
        [sshd]() -> Result<SshCredentials> { return sshd->keyCredentials(); },
        QStringList{remoteBinary, QStringLiteral("serve"), QStringLiteral("--state-dir"),
                    m_dir->filePath(QStringLiteral("bot state"))});
    return std::make_unique<BotClient>(std::move(transport));
}

Status TestSshTransport::connectClient(BotClient& client)
{
    bool done = false;
    Status status = fail(QStringLiteral("the handshake did not finish in time"));
    client.connectToBot(m_context.get(), [&](Status s) {
        done = true;
        status = s;
    });
    QDeadlineTimer deadline(60000);
    while (!done && !deadline.hasExpired()) {
        QTest::qWait(20);
    }
    return status;
}

Result<QJsonObject> TestSshTransport::call(BotClient& client, const QString& method, const QJsonObject& params)
{
    bool done = false;
    Result<QJsonObject> result = fail(QStringLiteral("no answer in time"));
    client.call(method, params, m_context.get(), [&](Result<QJsonObject> r) {
        done = true;
        result = std::move(r);
    });
    QDeadlineTimer deadline(120000);
    while (!done && !deadline.hasExpired()) {
        QTest::qWait(20);
    }
    return result;
}

void TestSshTransport::installThenTalkToTheBotOverSsh()
{
    SshSession session;
    QVERIFY(connectSession(session));
    const QString remote = m_dir->filePath(QStringLiteral("opt dir/bin/certdeck-bot"));
    Result<BotInstallResult> installed = BotInstaller::install(session, test::botBinary(), remote);
    QVERIFY2(installed, qPrintable(installed.message()));
    QCOMPARE(installed->action, QStringLiteral("installed"));
    QCOMPARE(installed->protocolVersion, protocol::kVersion);
    QCOMPARE(installed->remotePath, remote);
    // Without sudo nothing is written under /etc; the outcome tells the operator how the host's administrator can.
    const QString policy = BotInstaller::ensurePolicy(session, remote, false);
    QVERIFY2(policy.contains(QStringLiteral("runs without sudo")) &&
                 policy.contains(QStringLiteral("\"sudo %1 policy init\"").arg(remote)),
             qPrintable(policy));
    QVERIFY(readLocal(remote) == readLocal(test::botBinary()));
    QCOMPARE(fileMode(remote), 0755);
    QCOMPARE(QDir(QFileInfo(remote).path()).entryList(QDir::Files | QDir::Hidden), QStringList{"certdeck-bot"});

    installed = BotInstaller::install(session, test::botBinary(), remote);
    QVERIFY2(installed, qPrintable(installed.message()));
    QCOMPARE(installed->action, QStringLiteral("up to date"));

    std::unique_ptr<BotClient> client = makeClient(remote);
    QCOMPARE(client->transport()->describe(), QStringLiteral("ssh ") + m_sshd->endpoint().describe());
    const Status connected = connectClient(*client);
    QVERIFY2(connected, qPrintable(connected.message()));
    QCOMPARE(client->botInfo().value(QStringLiteral("version")).toInt(), protocol::kVersion);
    const Result<QJsonObject> csr = call(*client, QStringLiteral("csr.create"),
                                         {{QStringLiteral("commonName"), QStringLiteral("ssh.example.test")},
                                          {QStringLiteral("keyAlgorithm"), QStringLiteral("EC")},
                                          {QStringLiteral("keySize"), 256}});
    QVERIFY2(csr, qPrintable(csr.message()));
    QVERIFY(
        csr->value(QStringLiteral("csrPem")).toString().startsWith(QStringLiteral("-----BEGIN CERTIFICATE REQUEST")));
    // The key was staged on the bot's side (its state dir), not sent back.
    QVERIFY(!csr->contains(QStringLiteral("keyPem")));
    QVERIFY(QDir(m_dir->filePath(QStringLiteral("bot state"))).exists());
    client->disconnectFromBot();
}

void TestSshTransport::olderOrOtherProtocolBotIsUpgraded_data()
{
    QTest::addColumn<QByteArray>("versionLine");
    QTest::newRow("older version") << QByteArray("certdeck-bot 0.0.1 (bot protocol 1)");
    QTest::newRow("other protocol") << QByteArray("certdeck-bot 0.0.1 (bot protocol 99)");
}

void TestSshTransport::olderOrOtherProtocolBotIsUpgraded()
{
    QFETCH(QByteArray, versionLine);
    const QString remote = m_dir->filePath(QStringLiteral("bin/certdeck-bot"));
    QVERIFY(QDir().mkpath(QFileInfo(remote).path()));
    QVERIFY(writeScript(remote, "#!/bin/sh\necho '" + versionLine + "'\n"));
    SshSession session;
    QVERIFY(connectSession(session));
    const Result<BotInstallResult> installed = BotInstaller::install(session, test::botBinary(), remote);
    QVERIFY2(installed, qPrintable(installed.message()));
    QCOMPARE(installed->action, QStringLiteral("upgraded"));
    QCOMPARE(installed->protocolVersion, protocol::kVersion);
    QVERIFY(readLocal(remote) == readLocal(test::botBinary()));
    QCOMPARE(fileMode(remote), 0755);
}

void TestSshTransport::fileThatIsNotTheBotIsLeftAlone()
{
    const QString remote = m_dir->filePath(QStringLiteral("bin/certdeck-bot"));
    QVERIFY(QDir().mkpath(QFileInfo(remote).path()));
    const QByteArray script = "#!/bin/sh\necho 'hello from something else'\n";
    QVERIFY(writeScript(remote, script));
    SshSession session;
    QVERIFY(connectSession(session));
    const Result<BotInstallResult> installed = BotInstaller::install(session, test::botBinary(), remote);
    QVERIFY(!installed);
    QCOMPARE(installed.error().kind, QStringLiteral("notCertdeckBot"));
    QVERIFY2(installed.message().contains(remote), qPrintable(installed.message()));
    QVERIFY2(installed.message().contains(QStringLiteral("not certdeck-bot")), qPrintable(installed.message()));
    QCOMPARE(readLocal(remote), script);
}

void TestSshTransport::installsIntoHomeDirectory()
{
    // "~/.local/bin/certdeck-bot" of a throw-away user (its home is not the tester's).
    QString reason;
    if (!m_sshd->enablePasswordLogin(&reason)) {
        QSKIP(qPrintable(reason));
    }
    m_sshd->stop();
    QVERIFY(m_sshd->start());
    SshSession session;
    const Status connected =
        session.connect(m_sshd->passwordEndpoint(), m_sshd->hostKeyFingerprint(), m_sshd->passwordCredentials());
    QVERIFY2(connected, qPrintable(connected.message()));
    const Result<QString> home = session.resolvePath(QStringLiteral("~"));
    QVERIFY2(home, qPrintable(home.message()));
    QVERIFY(home->startsWith(QLatin1Char('/')));
    const QString path = QStringLiteral("~/.local/bin/certdeck-bot");
    const Result<BotInstallResult> installed = BotInstaller::install(session, test::botBinary(), path);
    QVERIFY2(installed, qPrintable(installed.message()));
    QCOMPARE(installed->remotePath, *home + QStringLiteral("/.local/bin/certdeck-bot"));
    QVERIFY(readLocal(installed->remotePath) == readLocal(test::botBinary()));
    QVERIFY(session.removeFile(path));
}

void TestSshTransport::killedConnectionDisconnectsTheClient()
{
    SshSession session;
    QVERIFY(connectSession(session));
    const QString remote = m_dir->filePath(QStringLiteral("bin/certdeck-bot"));
    const Result<BotInstallResult> installed = BotInstaller::install(session, test::botBinary(), remote);
    QVERIFY2(installed, qPrintable(installed.message()));
    session.disconnect();

    std::unique_ptr<BotClient> client = makeClient(remote);
    QVERIFY(connectClient(*client));
    QSignalSpy disconnected(client.get(), &BotClient::disconnected);
    QVERIFY(m_sshd->killConnections() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() == 1, 60000);
    const QString reason = disconnected.at(0).at(0).toString();
    QVERIFY2(reason.contains(QStringLiteral("connection to %1 was lost").arg(m_sshd->endpoint().describe())),
             qPrintable(reason));
    QVERIFY(!client->isReady());
    const Result<QJsonObject> after = call(*client, QStringLiteral("csr.create"), {});
    QVERIFY(!after);
}

void TestSshTransport::changedHostKeyFailsTheTransport()
{
    auto transport = std::make_unique<SshTransport>(
        m_sshd->endpoint(), QStringLiteral("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        [this]() -> Result<SshCredentials> { return m_sshd->keyCredentials(); },
        QStringList{QStringLiteral("/bin/false")});
    BotClient client(std::move(transport));
    const Status connected = connectClient(client);
    QVERIFY(!connected);
    QVERIFY2(connected.message().contains(m_sshd->hostKeyFingerprint()), qPrintable(connected.message()));
    QVERIFY2(connected.message().contains(QStringLiteral("CHANGED")), qPrintable(connected.message()));
}

QTEST_GUILESS_MAIN(TestSshTransport)
#include "TestSshTransport.moc"
