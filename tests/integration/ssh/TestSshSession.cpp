// SshSession against a REAL OpenSSH server (SshdFixture) on a loopback high port.
#include "engine/bots/SshSession.h"
#include "tests/support/SshdFixture.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

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

// PIDs of processes whose command line contains `needle` (every process on this machine).
QStringList processesContaining(const QByteArray& needle)
{
    QStringList found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        QFile environ(QStringLiteral("/proc/%1/environ").arg(entry));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle)) {
            found << entry;
        }
        if (environ.open(QIODevice::ReadOnly) && environ.readAll().contains(needle)) {
            found << entry + QStringLiteral(" (environment)");
        }
    }
    return found;
}

QByteArray commandLine(const QStringList& argv)
{
    QByteArray joined;
    for (const QString& argument : argv) {
        joined += argument.toUtf8() + '\0';
    }
    return joined;
}

// Waits until some process's command line equals `argv` joined by NULs (the remote command is running).
bool waitForProcess(const QByteArray& cmdline, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& entry : entries) {
            QFile file(QStringLiteral("/proc/%1/cmdline").arg(entry));
            if (file.open(QIODevice::ReadOnly) && file.readAll() == cmdline) {
                return true;
            }
        }
        QTest::qWait(50);
    }
    return false;
}

} // namespace

class TestSshSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void fetchHostKeyMatchesSshKeygen();
    void unpinnedHostKeyIsRefused();
    void pinnedHostKeyConnects();
    void changedHostKeyIsRefusedWithBothFingerprints();
    void wrongKeyIsAnAuthenticationError();
    void keyWithPassphrase();
    void wrongPassphraseIsAnAuthenticationError();
    void passwordLogin();
    void wrongPasswordIsAnAuthenticationError();
    void unreachablePort();
    void runEchoesHostileArgumentsExactly();
    void runDeliversStdinAndExitCode();
    void sftpAtomicWriteKeepsModeAndReplaces();
    void sftpFailureLeavesNothing();
    void sftpStatMkdirRemoveAndHome();
    void killedConnectionFailsPromptly();
    void timedOutCommandIsStoppedOnTheHost();
    void secretsNeverInProcessList();

private:
    Status connectWithKey(SshSession& session);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SshdFixture> m_sshd;
};

void TestSshSession::init()
{
    QString reason;
    if (!SshdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_sshd = std::make_unique<SshdFixture>(m_dir->path());
}

void TestSshSession::cleanup()
{
    m_sshd.reset();
    m_dir.reset();
}

Status TestSshSession::connectWithKey(SshSession& session)
{
    return session.connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), m_sshd->keyCredentials());
}

void TestSshSession::fetchHostKeyMatchesSshKeygen()
{
    const Status started = m_sshd->start();
    QVERIFY2(started, qPrintable(started.message()));
    const Result<SshHostKey> key = SshSession::fetchHostKey(m_sshd->endpoint());
    QVERIFY2(key, qPrintable(key.message()));
    QVERIFY(m_sshd->hostKeyFingerprint().startsWith(QStringLiteral("SHA256:")));
    QCOMPARE(key->fingerprintSha256, m_sshd->hostKeyFingerprint());
    QCOMPARE(key->type, QStringLiteral("ssh-ed25519"));
}

void TestSshSession::unpinnedHostKeyIsRefused()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    const Status status = session.connect(m_sshd->endpoint(), QString(), m_sshd->keyCredentials());
    QVERIFY(!status);
    QCOMPARE(status.error().kind, QStringLiteral("hostKeyUnconfirmed"));
    QVERIFY2(status.message().contains(m_sshd->hostKeyFingerprint()), qPrintable(status.message()));
    QVERIFY(!session.isConnected());
}

void TestSshSession::pinnedHostKeyConnects()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    const Status status = connectWithKey(session);
    QVERIFY2(status, qPrintable(status.message()));
    QVERIFY(session.isConnected());
    const Result<deploy::HostCommandResult> who = session.run({QStringLiteral("id"), QStringLiteral("-un")}, 30000);
    QVERIFY2(who, qPrintable(who.message()));
    QCOMPARE(QString::fromUtf8(who->standardOutput).trimmed(), m_sshd->userName());
    session.disconnect();
    QVERIFY(!session.isConnected());
}

void TestSshSession::changedHostKeyIsRefusedWithBothFingerprints()
{
    QVERIFY(m_sshd->start());
    const QString pinned = m_sshd->hostKeyFingerprint();
    const Status rotated = m_sshd->rotateHostKey();
    QVERIFY2(rotated, qPrintable(rotated.message()));
    const QString offered = m_sshd->hostKeyFingerprint();
    QVERIFY(offered != pinned);
    SshSession session;
    const Status status = session.connect(m_sshd->endpoint(), pinned, m_sshd->keyCredentials());
    QVERIFY(!status);
    QCOMPARE(status.error().kind, QStringLiteral("hostKeyChanged"));
    QVERIFY2(status.message().contains(pinned), qPrintable(status.message()));
    QVERIFY2(status.message().contains(offered), qPrintable(status.message()));
    QVERIFY(!session.isConnected());
    // Nothing was authenticated: sshd logged no accepted login.
    QVERIFY2(!m_sshd->log().contains(QStringLiteral("Accepted publickey")), qPrintable(m_sshd->log()));
}

void TestSshSession::wrongKeyIsAnAuthenticationError()
{
    QVERIFY(m_sshd->start());
    // A second fixture's user key is not authorized here.
    QTemporaryDir otherDir;
    SshdFixture other(otherDir.path());
    QVERIFY(other.start());
    SshSession session;
    const Status status = session.connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), other.keyCredentials());
    QVERIFY(!status);
    QCOMPARE(status.error().kind, QStringLiteral("authentication"));
    QVERIFY2(status.message().contains(QStringLiteral("authentication"), Qt::CaseInsensitive),
             qPrintable(status.message()));
    QVERIFY2(status.message().contains(m_sshd->endpoint().describe()), qPrintable(status.message()));
}

void TestSshSession::keyWithPassphrase()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    const Status status =
        session.connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), m_sshd->passphraseKeyCredentials());
    QVERIFY2(status, qPrintable(status.message()));
    const Result<deploy::HostCommandResult> ran = session.run({QStringLiteral("true")}, 30000);
    QVERIFY2(ran, qPrintable(ran.message()));
    QCOMPARE(ran->exitCode, 0);
}

void TestSshSession::wrongPassphraseIsAnAuthenticationError()
{
    QVERIFY(m_sshd->start());
    SshCredentials credentials = m_sshd->passphraseKeyCredentials();
    credentials.passphrase = "not the passphrase";
    SshSession session;
    Status status = session.connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), credentials);
    QVERIFY(!status);
    QCOMPARE(status.error().kind, QStringLiteral("authentication"));
    QVERIFY2(status.message().contains(QStringLiteral("passphrase")), qPrintable(status.message()));
    // Missing passphrase too.
    credentials.passphrase.clear();
    status = session.connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), credentials);
    QCOMPARE(status.error().kind, QStringLiteral("authentication"));
}

void TestSshSession::passwordLogin()
{
    QString reason;
    if (!m_sshd->enablePasswordLogin(&reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_sshd->start());
    SshSession session;
    const Status status =
        session.connect(m_sshd->passwordEndpoint(), m_sshd->hostKeyFingerprint(), m_sshd->passwordCredentials());
    QVERIFY2(status, qPrintable(status.message() + m_sshd->log()));
    const Result<deploy::HostCommandResult> who = session.run({QStringLiteral("id"), QStringLiteral("-un")}, 30000);
    QVERIFY2(who, qPrintable(who.message()));
    QCOMPARE(QString::fromUtf8(who->standardOutput).trimmed(), SshdFixture::passwordUserName());
}

void TestSshSession::wrongPasswordIsAnAuthenticationError()
{
    QString reason;
    if (!m_sshd->enablePasswordLogin(&reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_sshd->start());
    SshCredentials credentials = m_sshd->passwordCredentials();
    credentials.password = "wrong-" + credentials.password;
    SshSession session;
    const Status status = session.connect(m_sshd->passwordEndpoint(), m_sshd->hostKeyFingerprint(), credentials);
    QVERIFY(!status);
    QCOMPARE(status.error().kind, QStringLiteral("authentication"));
    QVERIFY2(status.message().contains(QStringLiteral("password")), qPrintable(status.message()));
}

void TestSshSession::unreachablePort()
{
    const int port = test::freeLoopbackPort(); // nothing listens there
    SshSession session;
    const SshEndpoint endpoint{QStringLiteral("127.0.0.1"), port, QStringLiteral("alice")};
    const Status status = session.connect(endpoint, QStringLiteral("SHA256:x"), SshCredentials{}, 5000);
    QVERIFY(!status);
    QCOMPARE(status.error().kind, QStringLiteral("unreachable"));
    QVERIFY2(status.message().contains(QStringLiteral("alice@127.0.0.1:%1").arg(port)), qPrintable(status.message()));
    const Result<SshHostKey> key = SshSession::fetchHostKey(endpoint, 5000);
    QVERIFY(!key);
    QCOMPARE(key.error().kind, QStringLiteral("unreachable"));
}

void TestSshSession::runEchoesHostileArgumentsExactly()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    QVERIFY(connectWithKey(session));
    const QStringList hostile{QStringLiteral("a b  c"),
                              QStringLiteral("it's"),
                              QStringLiteral("\"dq\""),
                              QStringLiteral("x; touch canary"),
                              QStringLiteral("$(touch canary)"),
                              QStringLiteral("`touch canary`"),
                              QStringLiteral("line1\ntouch canary"),
                              QStringLiteral("$HOME ~ * ?"),
                              QString::fromUtf8(QByteArray("\xff\xfe bad", 6)),
                              QStringLiteral("-n"),
                              QString()};
    const QString workDir = m_dir->filePath(QStringLiteral("work"));
    QVERIFY(QDir().mkpath(workDir));
    QStringList argv{QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("cd \"$1\" && shift && printf '%s\\0' \"$@\""), QStringLiteral("sh"), workDir};
    argv += hostile;
    const Result<deploy::HostCommandResult> ran = session.run(argv, 30000);
    QVERIFY2(ran, qPrintable(ran.message()));
    QCOMPARE(ran->exitCode, 0);
    QByteArray expected;
    for (const QString& argument : hostile) {
        expected += argument.toUtf8() + '\0';
    }
    QCOMPARE(ran->standardOutput, expected);
    QVERIFY(QDir(workDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    QVERIFY(!QFile::exists(QDir::home().filePath(QStringLiteral("canary"))));
}

void TestSshSession::runDeliversStdinAndExitCode()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    QVERIFY(connectWithKey(session));
    QByteArray input;
    for (int i = 0; i < 20000; ++i) {
        input += "line " + QByteArray::number(i) + '\n';
    }
    Result<deploy::HostCommandResult> ran = session.run({QStringLiteral("cat")}, 60000, input);
    QVERIFY2(ran, qPrintable(ran.message()));
    QCOMPARE(ran->standardOutput.size(), input.size());
    QCOMPARE(ran->standardOutput, input);
    ran = session.run({QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo oops >&2; exit 7")}, 30000);
    QVERIFY2(ran, qPrintable(ran.message()));
    QCOMPARE(ran->exitCode, 7);
    QCOMPARE(ran->standardError, QByteArray("oops\n"));
    // sudo -n never prompts (root: runs; others: fails fast instead of waiting for a password).
    ran = session.run({QStringLiteral("id"), QStringLiteral("-u")}, 30000, {}, true);
    QVERIFY2(ran, qPrintable(ran.message()));
    if (ran->exitCode == 0) {
        QCOMPARE(ran->standardOutput.trimmed(), QByteArray("0"));
    }
}

// A command that outlives its timeout does not stay behind on the host: neither it nor what it started in the
// background.
void TestSshSession::timedOutCommandIsStoppedOnTheHost()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    QVERIFY(connectWithKey(session));
    const QString started = m_dir->filePath(QStringLiteral("started"));
    const Result<deploy::HostCommandResult> ran = session.run(
        {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
         QStringLiteral("touch \"$1\"; sleep 3117 & sleep 3118; echo finished"), QStringLiteral("sh"), started},
        2000);
    QVERIFY(!ran);
    QCOMPARE(ran.error().kind, QStringLiteral("timeout"));
    QVERIFY2(ran.message().contains(QStringLiteral("on the host was stopped")), qPrintable(ran.message()));
    QVERIFY(QFile::exists(started));
    const QByteArray background = commandLine({QStringLiteral("sleep"), QStringLiteral("3117")});
    const QByteArray foreground = commandLine({QStringLiteral("sleep"), QStringLiteral("3118")});
    QTRY_VERIFY_WITH_TIMEOUT(processesContaining(background).isEmpty() && processesContaining(foreground).isEmpty(),
                             5000);
    // The session is still usable.
    const Result<deploy::HostCommandResult> after = session.run({QStringLiteral("true")}, 30000);
    QVERIFY2(after && after->exitCode == 0, qPrintable(after.message()));
}

void TestSshSession::sftpAtomicWriteKeepsModeAndReplaces()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    QVERIFY(connectWithKey(session));
    const QString target = m_dir->filePath(QStringLiteral("dir with space/key 'x'.pem"));
    QVERIFY(QDir().mkpath(QFileInfo(target).path()));
    Status written = session.writeFileAtomic(target, "first", 0600);
    QVERIFY2(written, qPrintable(written.message()));
    QCOMPARE(readLocal(target), QByteArray("first"));
    QCOMPARE(fileMode(target), 0600);
    // Replacing an existing file.
    written = session.writeFileAtomic(target, QByteArray("second\0binary", 13), 0600);
    QVERIFY2(written, qPrintable(written.message()));
    QCOMPARE(readLocal(target), QByteArray("second\0binary", 13));
    QCOMPARE(fileMode(target), 0600);
    written = session.writeFileAtomic(target, "third", 0644);
    QVERIFY2(written, qPrintable(written.message()));
    QCOMPARE(fileMode(target), 0644);
    const Result<QByteArray> read = session.readFile(target);
    QVERIFY2(read, qPrintable(read.message()));
    QCOMPARE(*read, QByteArray("third"));
    // No temporary file left next to it.
    QCOMPARE(QDir(QFileInfo(target).path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("key 'x'.pem")});
}

void TestSshSession::sftpFailureLeavesNothing()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    QVERIFY(connectWithKey(session));
    // The target is a non-empty directory: the rename must fail, and the temporary file must go.
    const QString parent = m_dir->filePath(QStringLiteral("parent"));
    QVERIFY(QDir().mkpath(parent + QStringLiteral("/target/inner")));
    const Status written = session.writeFileAtomic(parent + QStringLiteral("/target"), "data", 0600);
    QVERIFY(!written);
    QCOMPARE(written.error().kind, QStringLiteral("sftp"));
    QVERIFY2(written.message().contains(parent + QStringLiteral("/target")), qPrintable(written.message()));
    QCOMPARE(QDir(parent).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("target")});
    // A missing directory: a clear message that names the path.
    const QString missing = m_dir->filePath(QStringLiteral("no/such/dir/file"));
    const Status missingWrite = session.writeFileAtomic(missing, "data", 0600);
    QVERIFY(!missingWrite);
    QVERIFY2(missingWrite.message().contains(missing), qPrintable(missingWrite.message()));
    const Result<QByteArray> notThere = session.readFile(missing);
    QVERIFY(!notThere);
    QCOMPARE(notThere.error().kind, QStringLiteral("sftp"));
}

void TestSshSession::sftpStatMkdirRemoveAndHome()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    QVERIFY(connectWithKey(session));
    const QString deep = m_dir->filePath(QStringLiteral("a/b c/d"));
    Status made = session.makeDirectories(deep, 0750);
    QVERIFY2(made, qPrintable(made.message()));
    QVERIFY(QFileInfo(deep).isDir());
    made = session.makeDirectories(deep, 0750); // idempotent
    QVERIFY2(made, qPrintable(made.message()));
    Result<deploy::HostFileInfo> info = session.stat(deep);
    QVERIFY2(info, qPrintable(info.message()));
    QVERIFY(info->exists && info->isDirectory);
    const QString file = deep + QStringLiteral("/f");
    QVERIFY(session.writeFileAtomic(file, "12345", 0640));
    info = session.stat(file);
    QVERIFY(info && info->exists && !info->isDirectory);
    QCOMPARE(info->size, 5);
    QCOMPARE(info->mode, 0640u);
    QVERIFY(QFile::link(file, deep + QStringLiteral("/link")));
    info = session.stat(deep + QStringLiteral("/link"));
    QVERIFY(info && info->isSymlink);
    QVERIFY(session.removeFile(file));
    QVERIFY(!QFile::exists(file));
    QVERIFY(session.removeFile(file)); // missing is fine
    info = session.stat(file);
    QVERIFY(info && !info->exists);
    const Result<QString> home = session.resolvePath(QStringLiteral("~/x"));
    QVERIFY2(home, qPrintable(home.message()));
    // The login's home from the password database: HOME may point elsewhere in this process (with-keyring.sh).
    const passwd* account = ::getpwuid(::getuid());
    QVERIFY(account != nullptr);
    QCOMPARE(*home, QString::fromLocal8Bit(account->pw_dir) + QStringLiteral("/x"));
}

void TestSshSession::killedConnectionFailsPromptly()
{
    QVERIFY(m_sshd->start());
    SshSession session;
    QVERIFY(connectWithKey(session));
    const QString marker = QStringLiteral("certdeck-test-%1").arg(m_sshd->port());
    // `sleep 600` with a marker argument, so the test finds exactly this command in the process list.
    auto running = std::async(std::launch::async, [&] {
        return session.run({QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 600; true"), marker},
                           600000);
    });
    QVERIFY(waitForProcess(
        commandLine({QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 600; true"), marker}), 30000));
    QVERIFY(m_sshd->killConnections() > 0);
    // Generous: the point is "not after the 600 s command or timeout".
    QVERIFY2(running.wait_for(std::chrono::seconds(60)) == std::future_status::ready, "run() did not notice");
    const Result<deploy::HostCommandResult> result = running.get();
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("disconnected"));
    QVERIFY2(result.message().contains(QStringLiteral("connection to %1 was lost").arg(m_sshd->endpoint().describe())),
             qPrintable(result.message()));
    QVERIFY(!session.isConnected());
    // The listener still accepts: a new session works.
    SshSession again;
    QVERIFY(connectWithKey(again));
}

void TestSshSession::secretsNeverInProcessList()
{
    QString reason;
    const bool withPassword = m_sshd->enablePasswordLogin(&reason);
    QVERIFY(m_sshd->start());
    SshSession keySession;
    QVERIFY(keySession.connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), m_sshd->passphraseKeyCredentials()));
    SshSession passwordSession;
    if (withPassword) {
        QVERIFY(passwordSession.connect(m_sshd->passwordEndpoint(), m_sshd->hostKeyFingerprint(),
                                        m_sshd->passwordCredentials()));
    }
    SshSession& session = withPassword ? passwordSession : keySession;
    const QString marker = QStringLiteral("certdeck-secret-test-%1").arg(m_sshd->port());
    auto running = std::async(std::launch::async, [&] {
        return session.run(
            {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("cat >/dev/null; sleep 600; true"), marker},
            600000, "stdin data\n");
    });
    QVERIFY(waitForProcess(commandLine({QStringLiteral("sh"), QStringLiteral("-c"),
                                        QStringLiteral("cat >/dev/null; sleep 600; true"), marker}),
                           30000));
    QVERIFY(!m_sshd->userKeyPassphrase().isEmpty());
    QCOMPARE(processesContaining(m_sshd->userKeyPassphrase()), QStringList());
    if (withPassword) {
        QVERIFY(!m_sshd->password().isEmpty());
        QCOMPARE(processesContaining(m_sshd->password()), QStringList());
    }
    m_sshd->killConnections();
    QVERIFY(running.wait_for(std::chrono::seconds(60)) == std::future_status::ready);
    if (!withPassword) {
        qInfo("password part skipped: %s", qPrintable(reason));
    }
}

QTEST_GUILESS_MAIN(TestSshSession)
#include "TestSshSession.moc"
