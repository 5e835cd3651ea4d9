#include "deployers/common/LocalHost.h"

#include "deployers/common/MaterialFiles.h"
#include "deployers/common/SecureFileIo.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::deployers {

using deploy::HostCommandResult;
using deploy::HostFileInfo;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LocalHost", text);
}

// How long a timed-out command's process group has between SIGTERM and SIGKILL.
constexpr int kTerminateGraceMs = 2000;

// Ends a timed-out command and everything it started in its process group (a shell's background jobs, a server's
// helpers): SIGTERM to the group, then SIGKILL to the group once the program has exited or the grace has passed.
void stopProcessGroup(QProcess& process)
{
    const auto group = static_cast<pid_t>(process.processId());
    if (group <= 0) {
        process.kill();
        process.waitForFinished(kTerminateGraceMs);
        return;
    }
    ::kill(-group, SIGTERM);
    if (!process.waitForFinished(kTerminateGraceMs)) {
        ::kill(-group, SIGKILL);
        process.waitForFinished(kTerminateGraceMs);
    }
    // Members that outlived the program (or ignored SIGTERM) go too.
    ::kill(-group, SIGKILL);
}

QString commandText(const QStringList& argv)
{
    return argv.join(QLatin1Char(' '));
}

} // namespace

LocalHost::LocalHost(QString stateDirectory)
    : m_stateDirectory(std::move(stateDirectory))
{
}

std::shared_ptr<deploy::TargetHost> LocalHost::orThisHost(const std::shared_ptr<deploy::TargetHost>& host)
{
    return host ? host : std::make_shared<LocalHost>();
}

QString LocalHost::describe() const
{
    return tr("this host");
}

QString LocalHost::stateDirectory() const
{
    return m_stateDirectory.isEmpty() ? MaterialFiles::defaultStateDirectory() : m_stateDirectory;
}

Result<uint> LocalHost::userId() const
{
    return uint(::geteuid());
}

Result<HostFileInfo> LocalHost::stat(const QString& path) const
{
    HostFileInfo info;
    struct stat st = {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR) {
            return info;
        }
        return fail(tr("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))));
    }
    info.exists = true;
    info.isDirectory = S_ISDIR(st.st_mode);
    info.isSymlink = S_ISLNK(st.st_mode);
    info.size = st.st_size;
    info.mode = st.st_mode & 07777;
    info.uid = st.st_uid;
    info.gid = st.st_gid;
    return info;
}

Result<QByteArray> LocalHost::readFile(const QString& path) const
{
    auto state = fileio::readFile(path);
    if (!state) {
        return state.error();
    }
    if (!state->exists) {
        return fail(tr("%1 does not exist").arg(path), QStringLiteral("notFound"));
    }
    return std::move(state->content);
}

Status LocalHost::writeFileAtomic(const QString& path, const QByteArray& data, uint mode, int uid, int gid)
{
    fileio::WriteOptions options;
    options.mode = static_cast<mode_t>(mode);
    options.setOwner = uid >= 0 && gid >= 0;
    options.uid = static_cast<uid_t>(std::max(uid, 0));
    options.gid = static_cast<gid_t>(std::max(gid, 0));
    return fileio::writeAtomically(path, data, options);
}

Status LocalHost::removeFile(const QString& path)
{
    return fileio::removeFile(path);
}

Status LocalHost::makeDirectories(const QString& path, uint mode)
{
    return fileio::makePrivateDirectory(path, static_cast<mode_t>(mode));
}

Result<QStringList> LocalHost::listDirectory(const QString& path) const
{
    return QDir(path).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

Status LocalHost::removeTree(const QString& path)
{
    if (QFileInfo(path).isSymLink()) {
        return removeFile(path);
    }
    if (QFileInfo::exists(path) && !QDir(path).removeRecursively()) {
        return fail(tr("cannot remove the directory %1").arg(path));
    }
    return {};
}

Result<HostCommandResult> LocalHost::run(const QStringList& argv, int timeoutMs, const QByteArray& stdinData)
{
    return run(argv, QProcessEnvironment(), timeoutMs, stdinData);
}

Result<HostCommandResult> LocalHost::run(const QStringList& argv, const QProcessEnvironment& extraEnvironment,
                                         int timeoutMs, const QByteArray& stdinData)
{
    if (argv.isEmpty() || argv.first().isEmpty()) {
        return fail(tr("no program to run"));
    }
    QProcess process;
    process.setProgram(argv.first());
    process.setArguments(argv.mid(1));
    if (stdinData.isEmpty()) {
        process.setStandardInputFile(QProcess::nullDevice());
    }
    if (!extraEnvironment.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(extraEnvironment);
        process.setProcessEnvironment(environment);
    }
    // Its own process group, so that a timeout ends everything the program started, not only the program.
    process.setChildProcessModifier([] { ::setpgid(0, 0); });
    process.start();
    if (!process.waitForStarted(timeoutMs)) {
        return fail(tr("could not run %1: %2. Check the program path in the deployment details.")
                        .arg(argv.first(), process.errorString()),
                    QStringLiteral("commandFailed"));
    }
    if (!stdinData.isEmpty()) {
        process.write(stdinData);
        process.closeWriteChannel();
    }
    const bool finished = process.waitForFinished(timeoutMs);
    HostCommandResult result;
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    if (!finished) {
        stopProcessGroup(process);
        result.standardOutput += process.readAllStandardOutput();
        result.standardError += process.readAllStandardError();
        return fail(tr("%1 timed out after %2 ms and was stopped with every process it started. %3")
                        .arg(commandText(argv))
                        .arg(timeoutMs)
                        .arg(QString::fromLocal8Bit(result.standardOutput + result.standardError).trimmed())
                        .trimmed(),
                    QStringLiteral("timeout"));
    }
    if (process.exitStatus() != QProcess::NormalExit) {
        return fail(
            tr("%1 crashed. %2")
                .arg(commandText(argv), QString::fromLocal8Bit(result.standardOutput + result.standardError).trimmed())
                .trimmed(),
            QStringLiteral("commandFailed"));
    }
    result.exitCode = process.exitCode();
    return result;
}

} // namespace certdeck::deployers
