#include "deployers/common/SshTargetHost.h"

#include <QCoreApplication>

namespace certdeck::deployers {

using deploy::HostCommandResult;
using deploy::HostFileInfo;

namespace {

constexpr int kHelperTimeoutMs = 30000;

QString tr(const char* text)
{
    return QCoreApplication::translate("SshTargetHost", text);
}

} // namespace

SshTargetHost::SshTargetHost(std::unique_ptr<bots::SshSession> session, bool useSudo, QString stateDirectory)
    : m_session(std::move(session))
    , m_useSudo(useSudo)
    , m_describe(QStringLiteral("ssh ") + m_session->endpoint().describe())
    , m_stateDirectory(std::move(stateDirectory))
{
}

QString SshTargetHost::describe() const
{
    return m_describe;
}

QString SshTargetHost::address() const
{
    return m_session->endpoint().host;
}

Result<HostCommandResult> SshTargetHost::runLocked(const QStringList& argv, int timeoutMs, const QByteArray& stdinData,
                                                   bool sudo) const
{
    return m_session->run(argv, timeoutMs, stdinData, sudo);
}

QString SshTargetHost::stateDirectory() const
{
    std::lock_guard lock(m_mutex);
    if (m_stateDirectory.isEmpty()) {
        // The login shell's HOME, read without a shell expansion of ours: `printenv HOME`.
        auto home = runLocked({QStringLiteral("printenv"), QStringLiteral("HOME")}, kHelperTimeoutMs, {}, false);
        const QString path =
            home && home->exitCode == 0 ? QString::fromUtf8(home->standardOutput).trimmed() : QString();
        if (path.startsWith(QLatin1Char('/'))) {
            m_stateDirectory = path + QStringLiteral("/.local/share/certdeck-bot");
        }
    }
    return m_stateDirectory;
}

Result<uint> SshTargetHost::userId() const
{
    std::lock_guard lock(m_mutex);
    if (m_userId < 0) {
        auto id = runLocked({QStringLiteral("id"), QStringLiteral("-u")}, kHelperTimeoutMs, {}, false);
        if (!id) {
            return id.error();
        }
        bool ok = false;
        const int value = QString::fromUtf8(id->standardOutput).trimmed().toInt(&ok);
        if (id->exitCode != 0 || !ok || value < 0) {
            return fail(tr("cannot tell which user %1 logs in as (`id -u` failed: %2)")
                            .arg(m_describe, QString::fromUtf8(id->standardError).trimmed()));
        }
        m_userId = value;
    }
    return uint(m_userId);
}

Result<HostFileInfo> SshTargetHost::stat(const QString& path) const
{
    std::lock_guard lock(m_mutex);
    return m_session->stat(path);
}

Result<QByteArray> SshTargetHost::readFile(const QString& path) const
{
    std::lock_guard lock(m_mutex);
    return m_session->readFile(path);
}

Status SshTargetHost::writeFileAtomic(const QString& path, const QByteArray& data, uint mode, int uid, int gid)
{
    std::lock_guard lock(m_mutex);
    if (!m_useSudo && uid >= 0 && gid >= 0) {
        // A login that may chown (root) gives the file its previous owner over SFTP; any other login writes the file
        // as itself, as SFTP does.
        if (m_session->writeFileAtomic(path, data, mode, uid, gid)) {
            return {};
        }
    }
    if (Status written = m_session->writeFileAtomic(path, data, mode); !written) {
        return written;
    }
    if (uid < 0 || gid < 0 || !m_useSudo) {
        return {}; // SFTP writes as the login user; only sudo can give the file its previous owner back
    }
    auto info = m_session->stat(path);
    if (!info) {
        return info.error();
    }
    if (int(info->uid) == uid && int(info->gid) == gid) {
        return {};
    }
    auto changed = runLocked({QStringLiteral("chown"), QStringLiteral("-h"), QStringLiteral("%1:%2").arg(uid).arg(gid),
                              QStringLiteral("--"), path},
                             kHelperTimeoutMs, {}, true);
    if (!changed) {
        return changed.error();
    }
    if (changed->exitCode != 0) {
        return fail(tr("wrote %1 but could not give it back its owner %2:%3: %4")
                        .arg(path)
                        .arg(uid)
                        .arg(gid)
                        .arg(QString::fromUtf8(changed->standardError).trimmed()));
    }
    return {};
}

Status SshTargetHost::removeFile(const QString& path)
{
    std::lock_guard lock(m_mutex);
    return m_session->removeFile(path);
}

Status SshTargetHost::makeDirectories(const QString& path, uint mode)
{
    std::lock_guard lock(m_mutex);
    return m_session->makeDirectories(path, mode);
}

Result<QStringList> SshTargetHost::listDirectory(const QString& path) const
{
    std::lock_guard lock(m_mutex);
    // One name per line; names with a newline are not ours (backup ids are [0-9A-Za-z-]) and are skipped by callers.
    auto listed = runLocked({QStringLiteral("ls"), QStringLiteral("-1A"), QStringLiteral("--"), path}, kHelperTimeoutMs,
                            {}, false);
    if (!listed) {
        return listed.error();
    }
    if (listed->exitCode != 0) {
        return QStringList(); // missing directory
    }
    QStringList names;
    for (const QByteArray& line : listed->standardOutput.split('\n')) {
        if (!line.isEmpty()) {
            names << QString::fromUtf8(line);
        }
    }
    return names;
}

Status SshTargetHost::removeTree(const QString& path)
{
    std::lock_guard lock(m_mutex);
    auto removed = runLocked({QStringLiteral("rm"), QStringLiteral("-rf"), QStringLiteral("--"), path},
                             kHelperTimeoutMs, {}, false);
    if (!removed) {
        return removed.error();
    }
    if (removed->exitCode != 0) {
        return fail(tr("cannot remove %1 on %2: %3")
                        .arg(path, m_describe, QString::fromUtf8(removed->standardError).trimmed()));
    }
    return {};
}

Result<HostCommandResult> SshTargetHost::run(const QStringList& argv, int timeoutMs, const QByteArray& stdinData)
{
    std::lock_guard lock(m_mutex);
    return runLocked(argv, timeoutMs, stdinData, m_useSudo);
}

} // namespace certdeck::deployers
