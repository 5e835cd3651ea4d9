#include "tests/support/VsftpdFixture.h"

#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <pwd.h>
#include <unistd.h>

namespace certdeck::test {

VsftpdFixture::VsftpdFixture(QString directory, Tls tls)
    : m_directory(std::move(directory))
    , m_tls(tls)
{
}

VsftpdFixture::~VsftpdFixture()
{
    stop();
}

bool VsftpdFixture::isAvailable(QString* reason)
{
    if (!QFile::exists(QStringLiteral("/usr/sbin/vsftpd"))) {
        *reason = QStringLiteral("vsftpd is not installed (/usr/sbin/vsftpd; Debian package vsftpd)");
        return false;
    }
    if (!getpwnam("ftp") || geteuid() != 0) {
        *reason = QStringLiteral("vsftpd's anonymous login needs root and the system user \"ftp\"");
        return false;
    }
    return true;
}

Status VsftpdFixture::start(int timeoutMs)
{
    const passwd* ftpUser = getpwnam("ftp");
    QDir().mkpath(root());
    QDir().mkpath(m_directory + QStringLiteral("/empty"));
    // vsftpd 3.0.3 refuses a writable anon_root even with allow_writeable_chroot=YES ("500 OOPS: vsftpd: refusing
    // to run with writable root inside chroot()", verified): the root stays root's, 0755, and the anonymous
    // session (user "ftp") writes below writableDirectory().
    QDir().mkpath(root() + writableDirectory());
    if (chown(QFile::encodeName(root() + writableDirectory()).constData(), ftpUser->pw_uid, ftpUser->pw_gid) != 0) {
        return fail(QStringLiteral("cannot give %1 to the user ftp").arg(root() + writableDirectory()));
    }
    if (m_caPem.isEmpty()) {
        TestPki pki;
        const IssuedCert leaf = pki.issueLeaf(QStringList{QStringLiteral("localhost")});
        const PemFiles files = writePemFiles(m_directory, QStringLiteral("server"), leaf, pki.caChain());
        m_caPem = pki.root().cert.toPem();
        m_leafSha256 = QString::fromLatin1(
            QCryptographicHash::hash(leaf.cert.toDer(), QCryptographicHash::Sha256).toHex(':').toUpper());
        writeFileBytes(m_directory + QStringLiteral("/denied"), deniedPassword() + '\n');
        m_extra.prepend(QStringLiteral("rsa_cert_file=%1").arg(files.fullChain));
        m_extra.prepend(QStringLiteral("rsa_private_key_file=%1").arg(files.key));
    }
    m_port = freeLoopbackPort();
    const int pasv = freeLoopbackPort();
    QStringList config = {
        QStringLiteral("listen=YES"), QStringLiteral("listen_ipv6=NO"), QStringLiteral("listen_address=127.0.0.1"),
        QStringLiteral("listen_port=%1").arg(m_port), QStringLiteral("background=NO"),
        QStringLiteral("anonymous_enable=YES"), QStringLiteral("local_enable=NO"),
        QStringLiteral("anon_root=%1").arg(root()), QStringLiteral("allow_writeable_chroot=YES"),
        QStringLiteral("write_enable=YES"), QStringLiteral("anon_upload_enable=YES"),
        QStringLiteral("anon_mkdir_write_enable=YES"), QStringLiteral("anon_other_write_enable=YES"),
        // anon_umask 077 makes uploads 0600 (SITE CHMOD is refused to anonymous users); anonymous users may only
        // list and read world-readable files unless anon_world_readable_only=NO (verified: "226 Transfer done (but
        // failed to open directory)" for a 0700 directory).
        QStringLiteral("anon_umask=077"), QStringLiteral("anon_world_readable_only=NO"),
        QStringLiteral("deny_email_enable=YES"), QStringLiteral("banned_email_file=%1/denied").arg(m_directory),
        QStringLiteral("secure_chroot_dir=%1/empty").arg(m_directory),
        // Containers without namespaces / with a strict seccomp policy: vsftpd's sandboxing fails there.
        QStringLiteral("seccomp_sandbox=NO"), QStringLiteral("isolate=NO"), QStringLiteral("isolate_network=NO"),
        QStringLiteral("pasv_enable=YES"), QStringLiteral("pasv_address=127.0.0.1"),
        QStringLiteral("pasv_min_port=%1").arg(pasv), QStringLiteral("pasv_max_port=%1").arg(pasv + 20),
        QStringLiteral("xferlog_enable=YES"), QStringLiteral("xferlog_std_format=NO"),
        QStringLiteral("log_ftp_protocol=YES"), QStringLiteral("vsftpd_log_file=%1/vsftpd.log").arg(m_directory),
        QStringLiteral("idle_session_timeout=30")};
    if (m_tls != Tls::None) {
        // Debian's default ssl_ciphers (DES-CBC3-SHA) is refused by OpenSSL 3: HIGH. Anonymous over TLS needs
        // allow_anon_ssl; require_ssl_reuse stays at its default YES (libcurl reuses the control session).
        config << QStringLiteral("ssl_enable=YES") << QStringLiteral("allow_anon_ssl=YES")
               << QStringLiteral("force_anon_logins_ssl=YES") << QStringLiteral("force_anon_data_ssl=YES")
               << QStringLiteral("ssl_ciphers=HIGH");
        if (m_tls == Tls::Implicit) {
            config << QStringLiteral("implicit_ssl=YES");
        }
    }
    config += m_extra;
    const QString configFile = m_directory + QStringLiteral("/vsftpd.conf");
    writeFileBytes(configFile, config.join(QLatin1Char('\n')).toUtf8() + '\n');
    QFile::setPermissions(configFile, QFile::ReadOwner | QFile::WriteOwner);
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(QStringLiteral("/usr/sbin/vsftpd"), {configFile});
    if (!m_process->waitForStarted(5000)) {
        return fail(QStringLiteral("vsftpd did not start: %1").arg(m_process->errorString()));
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running) {
            return fail(QStringLiteral("vsftpd exited: %1").arg(QString::fromUtf8(m_process->readAll())));
        }
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_port));
        if (probe.waitForConnected(200)) {
            return {};
        }
        QThread::msleep(50);
    }
    return fail(QStringLiteral("vsftpd did not listen on %1").arg(m_port));
}

void VsftpdFixture::stop()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        killSessions();
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

int VsftpdFixture::killSessions()
{
    if (!m_process) {
        return 0;
    }
    const qint64 listener = m_process->processId();
    int killed = 0;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QHash<qint64, qint64> parents;
    for (const QString& entry : entries) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (stat.open(QIODevice::ReadOnly)) {
            const QByteArray text = stat.readAll();
            const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
            parents.insert(entry.toLongLong(), fields.value(1).toLongLong());
        }
    }
    for (auto it = parents.cbegin(); it != parents.cend(); ++it) {
        for (qint64 parent = it.value(), hops = 0; parent > 1 && hops < 16; parent = parents.value(parent), ++hops) {
            if (parent == listener) {
                ::kill(pid_t(it.key()), SIGKILL);
                ++killed;
                break;
            }
        }
    }
    return killed;
}

QString VsftpdFixture::log() const
{
    return QString::fromUtf8(readFileBytes(m_directory + QStringLiteral("/vsftpd.log")));
}

QByteArray VsftpdFixture::caPem() const
{
    return m_caPem;
}

QString VsftpdFixture::leafSha256() const
{
    return m_leafSha256;
}

} // namespace certdeck::test
