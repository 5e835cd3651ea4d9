#include "deployers/common/SecureFileIo.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::deployers::fileio {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SecureFileIo", text);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString parentOf(const QString& path)
{
    return QFileInfo(path).absolutePath();
}

// fsync of a directory makes a rename or unlink in it durable.
void syncDirectory(const QString& directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool writeAll(int fd, const QByteArray& content)
{
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + done, static_cast<size_t>(content.size() - done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace

Result<FileState> readFile(const QString& path)
{
    FileState state;
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR) {
            return state;
        }
        if (error == ELOOP) {
            return fail(tr("%1 is a symbolic link. Enter the path of the file it points to, so that CertDeck "
                           "replaces that file and can restore it.")
                            .arg(path));
        }
        return fail(tr("cannot read %1: %2").arg(path, errnoText(error)));
    }
    struct stat info = {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return fail(tr("%1 is not a regular file. Enter the path of a certificate or key file.").arg(path));
    }
    state.exists = true;
    state.mode = info.st_mode & 07777;
    state.uid = info.st_uid;
    state.gid = info.st_gid;
    state.content.reserve(static_cast<qsizetype>(info.st_size));
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return fail(tr("cannot read %1: %2").arg(path, errnoText(error)));
        }
        if (n == 0) {
            break;
        }
        state.content.append(buffer, n);
    }
    ::close(fd);
    return state;
}

Status writeAtomically(const QString& path, const QByteArray& content, const WriteOptions& options)
{
    const QString directory = parentOf(path);
    const QString temp = QStringLiteral("%1/.%2.certdeck-%3")
                             .arg(directory, QFileInfo(path).fileName())
                             .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    const QByteArray tempName = QFile::encodeName(temp);
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(tr("cannot write %1: %2. Check that the directory %3 exists and is writable.")
                        .arg(path, errnoText(errno), directory));
    }
    auto abandon = [&](const char* what) {
        const int error = errno;
        ::close(fd);
        ::unlink(tempName.constData());
        return fail(tr("cannot write %1 (%2): %3").arg(path, tr(what), errnoText(error)));
    };
    if (!writeAll(fd, content)) {
        return abandon(QT_TRANSLATE_NOOP("SecureFileIo", "write"));
    }
    struct stat created = {};
    if (::fstat(fd, &created) != 0) {
        return abandon(QT_TRANSLATE_NOOP("SecureFileIo", "stat"));
    }
    const bool ownerDiffers = created.st_uid != options.uid || created.st_gid != options.gid;
    if (options.setOwner && ownerDiffers && ::fchown(fd, options.uid, options.gid) != 0) {
        return abandon(QT_TRANSLATE_NOOP("SecureFileIo", "set owner"));
    }
    if (::fchmod(fd, options.mode) != 0) {
        return abandon(QT_TRANSLATE_NOOP("SecureFileIo", "set permissions"));
    }
    if (::fsync(fd) != 0) {
        return abandon(QT_TRANSLATE_NOOP("SecureFileIo", "sync"));
    }
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(tempName.constData());
        return fail(tr("cannot write %1 (close): %2").arg(path, errnoText(error)));
    }
    if (::rename(tempName.constData(), QFile::encodeName(path).constData()) != 0) {
        const int error = errno;
        ::unlink(tempName.constData());
        return fail(tr("cannot replace %1: %2").arg(path, errnoText(error)));
    }
    syncDirectory(directory);
    return {};
}

Status removeFile(const QString& path)
{
    if (::unlink(QFile::encodeName(path).constData()) != 0 && errno != ENOENT && errno != ENOTDIR) {
        return fail(tr("cannot remove %1: %2").arg(path, errnoText(errno)));
    }
    syncDirectory(parentOf(path));
    return {};
}

Status makePrivateDirectory(const QString& path, mode_t mode)
{
    if (!QDir().mkpath(path)) {
        return fail(tr("cannot create the directory %1. Check the backup directory in the deployment details and "
                       "that the bot may write there.")
                        .arg(path));
    }
    if (::chmod(QFile::encodeName(path).constData(), mode) != 0) {
        return fail(tr("cannot restrict the directory %1 to its owner: %2").arg(path, errnoText(errno)));
    }
    return {};
}

} // namespace certdeck::deployers::fileio
