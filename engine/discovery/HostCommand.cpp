#include "engine/discovery/HostCommand.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::discovery {
namespace {

HostCommandOutput runProcess(const QString& program, const QString& executable, const QStringList& arguments,
                             int timeoutMs, const QProcessEnvironment& environment, int inheritedFd)
{
    HostCommandOutput output;
    QProcess process;
    process.setProgram(executable);
    process.setArguments(arguments);
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    if (inheritedFd >= 0) {
        // Only in the child, between fork and exec: /proc/self/fd/N stays open across exec, so a script's
        // interpreter can still open it. The parent's descriptor keeps O_CLOEXEC for every other child.
        process.setChildProcessModifier([inheritedFd] { ::fcntl(inheritedFd, F_SETFD, 0); });
    }
    process.start();
    if (!process.waitForStarted(timeoutMs)) {
        output.problem = QStringLiteral("cannot run %1: %2").arg(program, process.errorString());
        return output;
    }
    output.started = true;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        output.timedOut = true;
        output.problem =
            QStringLiteral("%1 did not finish within %2 s and was stopped").arg(program).arg(timeoutMs / 1000);
    }
    output.standardOutput = process.readAllStandardOutput();
    output.standardError = process.readAllStandardError();
    if (!output.timedOut) {
        if (process.exitStatus() == QProcess::CrashExit) {
            output.problem = QStringLiteral("%1 crashed").arg(program);
        } else {
            output.exitCode = process.exitCode();
        }
    }
    return output;
}

bool trustedOwner(uid_t uid)
{
    return uid == 0 || uid == ::geteuid();
}

QString modeText(mode_t mode)
{
    return QStringLiteral("%1").arg(mode & 07777, 4, 8, QLatin1Char('0'));
}

} // namespace

HostCommandOutput runHostCommand(const QString& program, const QStringList& arguments, int timeoutMs,
                                 const QProcessEnvironment& environment)
{
    return runProcess(program, program, arguments, timeoutMs, environment, -1);
}

QString untrustedExecutableReason(const QString& path, int* fd)
{
    *fd = -1;
    const QString canonical = path.isEmpty() ? QString() : QFileInfo(path).canonicalFilePath();
    if (canonical.isEmpty() || !canonical.startsWith(QLatin1Char('/'))) {
        return QStringLiteral("%1 does not exist").arg(path);
    }
    const QStringList parts = canonical.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    int current = ::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    QString walked = QStringLiteral("/");
    for (qsizetype i = 0; current >= 0; ++i) {
        struct stat info = {};
        if (::fstat(current, &info) != 0) {
            ::close(current);
            return QStringLiteral("cannot inspect %1: %2").arg(walked, QString::fromLocal8Bit(std::strerror(errno)));
        }
        const bool last = i == parts.size();
        if (!trustedOwner(info.st_uid)) {
            ::close(current);
            return QStringLiteral(
                       "%1 belongs to uid %2, neither root nor the scanning user: another user could have replaced it")
                .arg(walked)
                .arg(info.st_uid);
        }
        if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
            ::close(current);
            return QStringLiteral("%1 is writable by its group or by everyone (mode %2): another user could have "
                                  "replaced it")
                .arg(walked, modeText(info.st_mode));
        }
        if (last) {
            if (!S_ISREG(info.st_mode) || (info.st_mode & S_IXUSR) == 0) {
                ::close(current);
                return QStringLiteral("%1 is not an executable file").arg(walked);
            }
            *fd = current;
            return {};
        }
        walked = (i == 0 ? QString() : walked) + QLatin1Char('/') + parts.at(i);
        const int flags = O_PATH | O_NOFOLLOW | O_CLOEXEC | (i + 1 == parts.size() ? 0 : O_DIRECTORY);
        const int next = ::openat(current, QFile::encodeName(parts.at(i)).constData(), flags);
        const int error = errno;
        ::close(current);
        current = next;
        if (current < 0) {
            return QStringLiteral("cannot open %1: %2 (it changed while it was checked?)")
                .arg(walked, QString::fromLocal8Bit(std::strerror(error)));
        }
    }
    return QStringLiteral("cannot open /");
}

HostCommandOutput runExecutableDescriptor(int fd, const QString& path, const QStringList& arguments, int timeoutMs)
{
    // The child executes the descriptor that was checked (see the header): no path is resolved again.
    const QString executable = QStringLiteral("/proc/self/fd/%1").arg(fd);
    return runProcess(path, executable, arguments, timeoutMs, QProcessEnvironment::systemEnvironment(), fd);
}

HostCommandOutput runTrustedExecutable(const QString& path, const QStringList& arguments, int timeoutMs)
{
    int fd = -1;
    if (const QString reason = untrustedExecutableReason(path, &fd); !reason.isEmpty()) {
        HostCommandOutput output;
        output.problem = QStringLiteral("did not run %1: %2").arg(path, reason);
        return output;
    }
    HostCommandOutput output = runExecutableDescriptor(fd, path, arguments, timeoutMs);
    ::close(fd);
    return output;
}

QStringList grepLines(const QByteArray& text, const QString& pattern)
{
    const QRegularExpression expression(pattern);
    QStringList lines;
    for (const QByteArray& line : text.split('\n')) {
        const QString decoded = QString::fromLocal8Bit(line).trimmed();
        if (!decoded.isEmpty() && expression.match(decoded).hasMatch()) {
            lines.append(decoded);
        }
    }
    return lines;
}

} // namespace certdeck::discovery
