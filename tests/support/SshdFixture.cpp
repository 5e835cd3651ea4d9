#include "tests/support/SshdFixture.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThread>

#include <libssh/libssh.h>

#include <csignal>
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <unistd.h>

namespace certdeck::test {
namespace {

constexpr auto kLockFile = "/tmp/certdeck-sshtest.lock";

struct ProcessOutput
{
    int exitCode = -1;
    QByteArray output;
};

ProcessOutput runProgram(const QString& program, const QStringList& arguments, const QByteArray& input = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        return {-1, process.errorString().toUtf8()};
    }
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll()};
}

// Every PID whose parent chain leads to `root` (from /proc/<pid>/stat: "pid (comm) state ppid ...").
QList<qint64> descendantsOf(qint64 root)
{
    QHash<qint64, qint64> parents;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!numeric || !stat.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1) {
            parents.insert(pid, fields.at(1).toLongLong());
        }
    }
    QList<qint64> result;
    for (auto it = parents.cbegin(); it != parents.cend(); ++it) {
        for (qint64 parent = it.value(), hops = 0; parent > 1 && hops < 64; parent = parents.value(parent), ++hops) {
            if (parent == root) {
                result.append(it.key());
                break;
            }
        }
    }
    return result;
}

QByteArray randomSecret(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char& c : raw) {
        c = char(QRandomGenerator::system()->bounded(256));
    }
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

SshdFixture::SshdFixture(QString directory)
    : m_directory(std::move(directory))
{
}

SshdFixture::~SshdFixture()
{
    stop();
    if (m_passwordLockFd >= 0) {
        ::close(m_passwordLockFd); // releases the flock
    }
}

bool SshdFixture::isAvailable(QString* reason)
{
    for (const QString& program : {QStringLiteral("sshd"), QStringLiteral("ssh-keygen")}) {
        if (findProgram(program).isEmpty()) {
            *reason = program + QStringLiteral(" is not installed (Debian package openssh-server / openssh-client)");
            return false;
        }
    }
    return true;
}

bool SshdFixture::enablePasswordLogin(QString* reason)
{
    if (::geteuid() != 0) {
        *reason = QStringLiteral("password login needs a system user with a password; the tests create one only when "
                                 "they run as root");
        return false;
    }
    if (m_passwordLockFd < 0) {
        // Parallel test processes each set their own password: one at a time.
        m_passwordLockFd = ::open(kLockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        const QDeadlineTimer deadline(240000);
        while (m_passwordLockFd >= 0 && ::flock(m_passwordLockFd, LOCK_EX | LOCK_NB) != 0) {
            if (deadline.hasExpired()) {
                *reason = QStringLiteral("another test kept the password test user locked for 4 minutes");
                return false;
            }
            QThread::msleep(100);
        }
    }
    const QByteArray user = passwordUserName().toUtf8();
    if (::getpwnam(user.constData()) == nullptr) {
        const ProcessOutput created =
            runProgram(findProgram(QStringLiteral("useradd")),
                       {QStringLiteral("--system"), QStringLiteral("--create-home"), QStringLiteral("--home-dir"),
                        QStringLiteral("/var/lib/certdeck-sshtest"), QStringLiteral("--shell"),
                        QStringLiteral("/bin/sh"), passwordUserName()});
        if (created.exitCode != 0 && ::getpwnam(user.constData()) == nullptr) {
            *reason = QStringLiteral("useradd failed: ") + QString::fromLocal8Bit(created.output);
            return false;
        }
    }
    m_password = randomSecret(18);
    // The password travels on chpasswd's stdin, never in its arguments.
    const ProcessOutput set = runProgram(findProgram(QStringLiteral("chpasswd")), {}, user + ':' + m_password + '\n');
    if (set.exitCode != 0) {
        *reason = QStringLiteral("chpasswd failed: ") + QString::fromLocal8Bit(set.output);
        m_password.clear();
        return false;
    }
    return true;
}

Status SshdFixture::createHostKey()
{
    const QString key = m_directory + QStringLiteral("/ssh_host_ed25519_key");
    QFile::remove(key);
    QFile::remove(key + QStringLiteral(".pub"));
    const ProcessOutput generated = runProgram(findProgram(QStringLiteral("ssh-keygen")),
                                               {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                QStringLiteral("-N"), QString(), QStringLiteral("-f"), key});
    if (generated.exitCode != 0) {
        return fail(QStringLiteral("ssh-keygen (host key) failed: ") + QString::fromLocal8Bit(generated.output));
    }
    return {};
}

Status SshdFixture::createKeys()
{
    if (Status status = createHostKey(); !status) {
        return status;
    }
    const QString userKeyFile = m_directory + QStringLiteral("/user_ed25519");
    const ProcessOutput generated = runProgram(findProgram(QStringLiteral("ssh-keygen")),
                                               {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                QStringLiteral("-N"), QString(), QStringLiteral("-C"),
                                                QStringLiteral("certdeck-test"), QStringLiteral("-f"), userKeyFile});
    if (generated.exitCode != 0) {
        return fail(QStringLiteral("ssh-keygen (user key) failed: ") + QString::fromLocal8Bit(generated.output));
    }
    QFile publicKey(userKeyFile + QStringLiteral(".pub"));
    if (!publicKey.open(QIODevice::ReadOnly)) {
        return fail(QStringLiteral("cannot read ") + publicKey.fileName());
    }
    QByteArray authorized = publicKey.readAll().trimmed() + '\n';

    // The key with a passphrase is made in memory with libssh, so the passphrase is in no program's arguments.
    const QByteArray passphrase = randomSecret(15);
    ssh_key key = nullptr;
    char* privateText = nullptr;
    char* publicText = nullptr;
    if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK ||
        ssh_pki_export_privkey_base64(key, passphrase.constData(), nullptr, nullptr, &privateText) != SSH_OK ||
        ssh_pki_export_pubkey_base64(key, &publicText) != SSH_OK) {
        ssh_key_free(key);
        return fail(QStringLiteral("libssh could not make the user key with a passphrase"));
    }
    QFile protectedKey(m_directory + QStringLiteral("/user_ed25519_protected"));
    if (!protectedKey.open(QIODevice::WriteOnly)) {
        return fail(QStringLiteral("cannot write the protected user key under ") + m_directory);
    }
    protectedKey.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    protectedKey.write(privateText);
    m_passphrase = passphrase;
    authorized += QByteArray("ssh-ed25519 ") + publicText + " certdeck-test-protected\n";
    ssh_string_free_char(privateText);
    ssh_string_free_char(publicText);
    ssh_key_free(key);

    QFile authorizedKeys(m_directory + QStringLiteral("/authorized_keys"));
    if (!authorizedKeys.open(QIODevice::WriteOnly) || authorizedKeys.write(authorized) != authorized.size()) {
        return fail(QStringLiteral("cannot write ") + authorizedKeys.fileName());
    }
    return {};
}

Status SshdFixture::writeConfig() const
{
    const QString sftpServer = QFile::exists(QStringLiteral("/usr/lib/openssh/sftp-server"))
                                   ? QStringLiteral("/usr/lib/openssh/sftp-server")
                                   : QStringLiteral("internal-sftp");
    const QString config =
        QStringLiteral("Port %1\n"
                       "ListenAddress 127.0.0.1\n"
                       "HostKey %2/ssh_host_ed25519_key\n"
                       "PidFile %2/sshd.pid\n"
                       "AuthorizedKeysFile %2/authorized_keys\n"
                       "StrictModes no\n"
                       "PermitRootLogin yes\n"
                       "UsePAM no\n"
                       "PubkeyAuthentication yes\n"
                       "PasswordAuthentication %3\n"
                       "KbdInteractiveAuthentication no\n"
                       "PermitEmptyPasswords no\n"
                       "MaxStartups 64\n"
                       "MaxSessions 64\n"
                       "LogLevel VERBOSE\n"
                       "Subsystem sftp %4\n")
            .arg(m_port)
            .arg(m_directory, m_password.isEmpty() ? QStringLiteral("no") : QStringLiteral("yes"), sftpServer);
    QFile file(m_directory + QStringLiteral("/sshd_config"));
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0) {
        return fail(QStringLiteral("cannot write ") + file.fileName());
    }
    return {};
}

Status SshdFixture::launch(int timeoutMs)
{
    if (::geteuid() == 0) {
        QDir().mkpath(QStringLiteral("/run/sshd")); // privilege separation directory
    }
    if (Status status = writeConfig(); !status) {
        return status;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_directory + QStringLiteral("/sshd.log"), QIODevice::Append);
    m_process->start(findProgram(QStringLiteral("sshd")),
                     {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
                      m_directory + QStringLiteral("/sshd_config")});
    if (!m_process->waitForStarted(10000)) {
        return fail(QStringLiteral("sshd did not start: ") + m_process->errorString());
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running) {
            return fail(QStringLiteral("sshd exited: ") + log());
        }
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_port));
        if (probe.waitForConnected(500)) {
            probe.waitForReadyRead(2000); // the banner: sshd accepts and answers
            probe.abort();
            return {};
        }
        QThread::msleep(50);
    }
    return fail(QStringLiteral("sshd did not accept connections on port %1: %2").arg(m_port).arg(log()));
}

Status SshdFixture::start(int timeoutMs)
{
    if (QString reason; !isAvailable(&reason)) {
        return fail(reason);
    }
    if (!QFile::exists(m_directory + QStringLiteral("/authorized_keys"))) {
        if (Status status = createKeys(); !status) {
            return status;
        }
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freeLoopbackPort();
        Status started = launch(timeoutMs);
        if (started || attempt == 2) {
            return started;
        }
        stop();
    }
    return {};
}

void SshdFixture::stop()
{
    if (!m_process) {
        return;
    }
    const qint64 listener = m_process->processId();
    if (m_process->state() != QProcess::NotRunning) {
        killConnections();
        ::kill(pid_t(listener), SIGTERM);
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

Status SshdFixture::rotateHostKey(int timeoutMs)
{
    const int port = m_port;
    stop();
    if (Status status = createHostKey(); !status) {
        return status;
    }
    m_port = port;
    return launch(timeoutMs);
}

int SshdFixture::killConnections()
{
    if (!m_process || m_process->state() != QProcess::Running) {
        return 0;
    }
    // All stopped first, then killed: no session process may still see its child (the bot) die and send an
    // exit-status over the connection before it dies itself, which the client would report as the bot exiting.
    const QList<qint64> victims = descendantsOf(m_process->processId());
    for (const qint64 pid : victims) {
        ::kill(pid_t(pid), SIGSTOP);
    }
    for (const qint64 pid : victims) {
        ::kill(pid_t(pid), SIGKILL);
    }
    return int(victims.size());
}

qint64 SshdFixture::processId() const
{
    return m_process && m_process->state() == QProcess::Running ? m_process->processId() : 0;
}

QString SshdFixture::log() const
{
    QFile file(m_directory + QStringLiteral("/sshd.log"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll()) : QString();
}

QString SshdFixture::hostPublicKeyFile() const
{
    return m_directory + QStringLiteral("/ssh_host_ed25519_key.pub");
}

QString SshdFixture::hostKeyFingerprint() const
{
    const ProcessOutput printed =
        runProgram(findProgram(QStringLiteral("ssh-keygen")), {QStringLiteral("-lf"), hostPublicKeyFile()});
    // "256 SHA256:... comment (ED25519)"
    const QList<QByteArray> fields = printed.output.simplified().split(' ');
    return printed.exitCode == 0 && fields.size() > 1 ? QString::fromLatin1(fields.at(1)) : QString();
}

QString SshdFixture::userName() const
{
    const passwd* entry = ::getpwuid(::geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : qEnvironmentVariable("USER");
}

bots::SshEndpoint SshdFixture::endpoint() const
{
    return {QStringLiteral("127.0.0.1"), m_port, userName()};
}

bots::SshEndpoint SshdFixture::passwordEndpoint() const
{
    return {QStringLiteral("127.0.0.1"), m_port, passwordUserName()};
}

namespace {
QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

QByteArray SshdFixture::userKey() const
{
    return readAll(m_directory + QStringLiteral("/user_ed25519"));
}

QByteArray SshdFixture::userKeyWithPassphrase() const
{
    return readAll(m_directory + QStringLiteral("/user_ed25519_protected"));
}

QByteArray SshdFixture::userKeyPassphrase() const
{
    return m_passphrase;
}

bots::SshCredentials SshdFixture::keyCredentials() const
{
    bots::SshCredentials credentials;
    credentials.method = bots::SshCredentials::Method::Key;
    credentials.privateKey = userKey();
    return credentials;
}

bots::SshCredentials SshdFixture::passphraseKeyCredentials() const
{
    bots::SshCredentials credentials;
    credentials.method = bots::SshCredentials::Method::Key;
    credentials.privateKey = userKeyWithPassphrase();
    credentials.passphrase = userKeyPassphrase();
    return credentials;
}

bots::SshCredentials SshdFixture::passwordCredentials() const
{
    bots::SshCredentials credentials;
    credentials.method = bots::SshCredentials::Method::Password;
    credentials.password = m_password;
    return credentials;
}

} // namespace certdeck::test
