#include "engine/core/RegularFile.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace certdeck::files {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RegularFile", text);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 0);
}

} // namespace

QString fileTypeName(mode_t mode)
{
    if (S_ISFIFO(mode)) {
        return tr("a FIFO (named pipe)");
    }
    if (S_ISCHR(mode)) {
        return tr("a character device");
    }
    if (S_ISBLK(mode)) {
        return tr("a block device");
    }
    if (S_ISSOCK(mode)) {
        return tr("a socket");
    }
    if (S_ISDIR(mode)) {
        return tr("a directory");
    }
    if (S_ISLNK(mode)) {
        return tr("a symbolic link");
    }
    return tr("not a regular file");
}

Result<RegularFile> readRegularFile(const QString& path, qint64 maxBytes, Symlinks symlinks)
{
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer (forever).
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    if (symlinks == Symlinks::Refuse) {
        flags |= O_NOFOLLOW;
    }
    const int fd = ::open(QFile::encodeName(path).constData(), flags);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR) {
            return fail(tr("%1 does not exist").arg(path), QStringLiteral("notFound"));
        }
        if (error == ELOOP && symlinks == Symlinks::Refuse) {
            return fail(tr("%1 is a symbolic link. Enter the path of the file it points to, so that CertDeck "
                           "replaces that file and can restore it.")
                            .arg(path),
                        QStringLiteral("symlink"));
        }
        return fail(tr("cannot read %1: %2").arg(path, errnoText(error)), QStringLiteral("unreadable"));
    }
    RegularFile file;
    if (::fstat(fd, &file.info) != 0) {
        const int error = errno;
        ::close(fd);
        return fail(tr("cannot read %1: %2").arg(path, errnoText(error)), QStringLiteral("unreadable"));
    }
    if (!S_ISREG(file.info.st_mode)) {
        ::close(fd);
        return fail(tr("%1 is %2, not a regular file; it was not read. Enter the path of a certificate or key "
                       "file.")
                        .arg(path, fileTypeName(file.info.st_mode)),
                    QStringLiteral("notRegular"));
    }
    const auto tooLarge = [&] {
        return fail(tr("%1 is larger than %2 MiB, far more than a certificate or key file; it was not read. Check "
                       "that the path names the right file.")
                        .arg(path, megabytes(maxBytes)),
                    QStringLiteral("tooLarge"));
    };
    if (file.info.st_size > maxBytes) {
        ::close(fd);
        return tooLarge();
    }
    // Back to blocking reads (a regular file never blocks; the flag only mattered for open()).
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    file.content.reserve(static_cast<qsizetype>(file.info.st_size));
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return fail(tr("cannot read %1: %2").arg(path, errnoText(error)), QStringLiteral("unreadable"));
        }
        if (n == 0) {
            break;
        }
        if (file.content.size() + n > maxBytes) { // the file grew while it was read
            ::close(fd);
            return tooLarge();
        }
        file.content.append(buffer, n);
    }
    ::close(fd);
    return file;
}

} // namespace certdeck::files
