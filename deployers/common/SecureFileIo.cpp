#include "deployers/common/SecureFileIo.h"

#include "engine/core/RegularFile.h"

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
    auto file = files::readRegularFile(path, files::kMaxMaterialFileBytes, files::Symlinks::Refuse);
    if (!file) {
        if (file.error().kind == QLatin1String("notFound")) {
            return state;
        }
        return file.error();
    }
    state.exists = true;
    state.content = std::move(file->content);
    state.mode = file->info.st_mode & 07777;
    state.uid = file->info.st_uid;
    state.gid = file->info.st_gid;
    return state;
}

Status writeAtomically(const QString& path, const QByteArray& content, const WriteOptions& options)
{
    const QString directory = parentOf(path);
    const QByteArray finalName = QFile::encodeName(QFileInfo(path).fileName());
    const QByteArray tempName =
        QFile::encodeName(QStringLiteral(".%1.certdeck-%2")
                              .arg(QFileInfo(path).fileName())
                              .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0')));
    const int dirFd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0) {
        return fail(tr("cannot write %1: %2. Check that the directory %3 exists and is writable.")
                        .arg(path, errnoText(errno), directory));
    }
    const int fd = ::openat(dirFd, tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int error = errno;
        ::close(dirFd);
        return fail(tr("cannot write %1: %2. Check that the directory %3 exists and is writable.")
                        .arg(path, errnoText(error), directory));
    }
    auto abandon = [&](const char* what) {
        const int error = errno;
        ::close(fd);
        ::unlinkat(dirFd, tempName.constData(), 0);
        ::close(dirFd);
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
        ::unlinkat(dirFd, tempName.constData(), 0);
        ::close(dirFd);
        return fail(tr("cannot write %1 (close): %2").arg(path, errnoText(error)));
    }
    if (::renameat(dirFd, tempName.constData(), dirFd, finalName.constData()) != 0) {
        const int error = errno;
        ::unlinkat(dirFd, tempName.constData(), 0);
        ::close(dirFd);
        return fail(tr("cannot replace %1: %2").arg(path, errnoText(error)));
    }
    ::fsync(dirFd);
    ::close(dirFd);
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
    const QString cleaned = QDir::cleanPath(path);
    const QStringList parts = cleaned.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (!cleaned.startsWith(QLatin1Char('/')) || parts.contains(QStringLiteral(".."))) {
        return fail(tr("cannot create the directory %1: it is not an absolute path. Enter the full path.").arg(path));
    }
    const uid_t self = ::geteuid();
    const auto trustedOwner = [self](uid_t uid) { return uid == 0 || uid == self; };
    int fd = ::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return fail(tr("cannot create the directory %1: %2").arg(path, errnoText(errno)));
    }
    QString walked;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QByteArray name = QFile::encodeName(parts.at(i));
        walked += QLatin1Char('/') + parts.at(i);
        const bool last = i == parts.size() - 1;
        struct stat parent = {};
        ::fstat(fd, &parent);
        bool created = false;
        int child = ::openat(fd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child < 0 && errno == ENOENT) {
            if (::mkdirat(fd, name.constData(), mode) == 0) {
                created = true;
            } else if (errno != EEXIST) {
                const int error = errno;
                ::close(fd);
                return fail(tr("cannot create the directory %1: %2. Check that the bot may write to its parent.")
                                .arg(walked, errnoText(error)));
            }
            child = ::openat(fd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (child < 0 && (errno == ELOOP || errno == ENOTDIR)) {
            struct stat entry = {};
            const bool isLink =
                ::fstatat(fd, name.constData(), &entry, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(entry.st_mode);
            // Only root or the bot's user can have made a link in a directory nobody else may write, and nobody
            // else can swap it: such a link (/var/run -> /run) is followed. Any other one is refused.
            const bool safeLink = isLink && !created && trustedOwner(entry.st_uid) && trustedOwner(parent.st_uid) &&
                                  (parent.st_mode & (S_IWGRP | S_IWOTH)) == 0;
            if (!safeLink) {
                ::close(fd);
                if (isLink) {
                    return fail(tr("refused to create the directory %1: %2 is a symbolic link (owner uid %3) in a "
                                   "directory other users may write, so it may point anywhere. Remove the link or "
                                   "choose a path without it.")
                                    .arg(path, walked)
                                    .arg(entry.st_uid));
                }
                return fail(tr("cannot create the directory %1: %2 exists and is not a directory.").arg(path, walked));
            }
            child = ::openat(fd, name.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        }
        if (child < 0) {
            const int error = errno;
            ::close(fd);
            return fail(tr("cannot create the directory %1: cannot open %2: %3").arg(path, walked, errnoText(error)));
        }
        ::close(fd);
        fd = child;
        if (!created && !last) {
            continue;
        }
        struct stat opened = {};
        if (::fstat(fd, &opened) != 0 || !S_ISDIR(opened.st_mode)) {
            ::close(fd);
            return fail(tr("cannot create the directory %1: %2 is not a directory.").arg(path, walked));
        }
        // What was just created must be ours (not a directory of another user swapped in after mkdirat), and a
        // private directory that already exists must not belong to another user.
        if ((created && opened.st_uid != self) || (!created && !trustedOwner(opened.st_uid))) {
            ::close(fd);
            return fail(tr("refused to use the directory %1: %2 belongs to uid %3, another user. Remove it or choose "
                           "another directory.")
                            .arg(path, walked)
                            .arg(opened.st_uid));
        }
        if (::fchmod(fd, mode) != 0) {
            const int error = errno;
            ::close(fd);
            return fail(tr("cannot restrict the directory %1 to its owner: %2").arg(walked, errnoText(error)));
        }
    }
    ::close(fd);
    return {};
}

} // namespace certdeck::deployers::fileio
