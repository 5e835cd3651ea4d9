// SshSession's file operations over SFTP.

#include "engine/bots/SshSessionImpl.h"

#include "engine/core/RegularFile.h"

#include <QRandomGenerator>

#include <fcntl.h>
#include <memory>
#include <sys/stat.h>

namespace certdeck::bots {
namespace {

constexpr int kChunk = 32 * 1024; // below every server's packet limit

QString parentOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash < 0) {
        return QStringLiteral(".");
    }
    return slash == 0 ? QStringLiteral("/") : path.left(slash);
}

QString fileNameOf(const QString& path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

struct AttributesDeleter
{
    void operator()(sftp_attributes attributes) const { sftp_attributes_free(attributes); }
};
using Attributes = std::unique_ptr<sftp_attributes_struct, AttributesDeleter>;

// SFTP v3 carries the file type in the permission bits (S_IFREG ...).
mode_t fileType(const Attributes& attributes)
{
    return mode_t(attributes->permissions) & S_IFMT;
}

// The same file, as far as SFTP v3 can tell (it has no inode numbers): type, owner, mode, size and mtime. An
// attacker who swaps a symbolic link in cannot make another file match all of them.
bool sameFile(const Attributes& a, const Attributes& b)
{
    return a->permissions == b->permissions && a->uid == b->uid && a->gid == b->gid && a->size == b->size &&
           a->mtime == b->mtime;
}

QString typeRefusal(const QString& path, const QString& where, mode_t type)
{
    return QStringLiteral("%1 on %2 is %3, not a regular file; it was not read. Enter the path of a certificate or "
                          "key file.")
        .arg(path, where, files::fileTypeName(type));
}

} // namespace

Error SshSession::Impl::sftpError(const QString& action, const QString& path) const
{
    if (session == nullptr || ssh_is_connected(session) == 0) {
        return lostConnection(QStringLiteral("while trying to %1 %2").arg(action, path));
    }
    QString reason;
    switch (sftp ? sftp_get_error(sftp) : SSH_FX_FAILURE) {
    case SSH_FX_NO_SUCH_FILE:
    case SSH_FX_NO_SUCH_PATH:
        reason = QStringLiteral("it does not exist (or a directory above it does not)");
        break;
    case SSH_FX_PERMISSION_DENIED:
        reason = QStringLiteral("permission denied for %1; use a path this user may write, or a user with the right "
                                "to do so")
                     .arg(endpoint.user);
        break;
    case SSH_FX_FILE_ALREADY_EXISTS:
        reason = QStringLiteral("it already exists");
        break;
    default:
        reason = QString::fromUtf8(ssh_get_error(session));
        break;
    }
    return fail(QStringLiteral("Could not %1 %2 on %3: %4.").arg(action, path, endpoint.describe(), reason),
                QStringLiteral("sftp"));
}

Status SshSession::Impl::ensureSftp()
{
    if (!connected || session == nullptr) {
        return fail(QStringLiteral("Not connected to %1.").arg(endpoint.describe()), QStringLiteral("disconnected"));
    }
    if (sftp != nullptr) {
        return {};
    }
    sftp = sftp_new(session);
    if (sftp == nullptr || sftp_init(sftp) != SSH_OK) {
        const QString detail = QString::fromUtf8(ssh_get_error(session));
        if (sftp != nullptr) {
            sftp_free(sftp);
            sftp = nullptr;
        }
        if (ssh_is_connected(session) == 0) {
            return lostConnection(QStringLiteral("while starting SFTP"));
        }
        return fail(QStringLiteral("%1 offers no SFTP (%2). Enable the SFTP subsystem in the server's sshd_config "
                                   "(Subsystem sftp ...).")
                        .arg(endpoint.describe(), detail),
                    QStringLiteral("sftp"));
    }
    lastSent.restart();
    return {};
}

Result<QString> SshSession::Impl::resolve(const QString& path)
{
    if (path != QLatin1String("~") && !path.startsWith(QLatin1String("~/"))) {
        return path;
    }
    if (home.isEmpty()) {
        if (Status status = ensureSftp(); !status) {
            return status.error();
        }
        char* canonical = sftp_canonicalize_path(sftp, ".");
        if (canonical == nullptr) {
            return sftpError(QStringLiteral("find the login directory for"), path);
        }
        home = QString::fromUtf8(canonical);
        ssh_string_free_char(canonical);
    }
    return path == QLatin1String("~") ? home : home + path.mid(1);
}

Result<QString> SshSession::resolvePath(const QString& path)
{
    const std::lock_guard lock(d->mutex);
    return d->resolve(path);
}

Result<deploy::HostFileInfo> SshSession::stat(const QString& rawPath)
{
    const std::lock_guard lock(d->mutex);
    if (Status status = d->ensureSftp(); !status) {
        return status.error();
    }
    const Result<QString> path = d->resolve(rawPath);
    if (!path) {
        return path.error();
    }
    const QByteArray name = path->toUtf8();
    deploy::HostFileInfo info;
    sftp_attributes attributes = sftp_lstat(d->sftp, name.constData());
    d->lastSent.restart();
    if (attributes == nullptr) {
        if (sftp_get_error(d->sftp) == SSH_FX_NO_SUCH_FILE && ssh_is_connected(d->session)) {
            return info;
        }
        return d->sftpError(QStringLiteral("look at"), *path);
    }
    info.exists = true;
    info.isSymlink = attributes->type == SSH_FILEXFER_TYPE_SYMLINK;
    info.isDirectory = attributes->type == SSH_FILEXFER_TYPE_DIRECTORY;
    info.size = qint64(attributes->size);
    info.mode = attributes->permissions & 07777;
    info.uid = attributes->uid;
    info.gid = attributes->gid;
    sftp_attributes_free(attributes);
    if (info.isSymlink) {
        if (sftp_attributes target = sftp_stat(d->sftp, name.constData())) {
            info.isDirectory = target->type == SSH_FILEXFER_TYPE_DIRECTORY;
            info.size = qint64(target->size);
            sftp_attributes_free(target);
        }
    }
    return info;
}

Result<QByteArray> SshSession::readFile(const QString& rawPath)
{
    const std::lock_guard lock(d->mutex);
    if (Status status = d->ensureSftp(); !status) {
        return status.error();
    }
    const Result<QString> path = d->resolve(rawPath);
    if (!path) {
        return path.error();
    }
    const QByteArray name = path->toUtf8();
    const QString where = d->endpoint.describe();
    // SFTP open follows symbolic links and would block the server on a FIFO: look at what is there first (lstat),
    // then make sure the opened handle is that same file (fstat).
    const Attributes before(sftp_lstat(d->sftp, name.constData()));
    if (!before) {
        return d->sftpError(QStringLiteral("read"), *path);
    }
    if (fileType(before) == S_IFLNK) {
        return fail(QStringLiteral("%1 on %2 is a symbolic link; it was not followed. Enter the path of the file it "
                                   "points to.")
                        .arg(*path, where),
                    QStringLiteral("sftp"));
    }
    if (fileType(before) != S_IFREG) {
        return fail(typeRefusal(*path, where, fileType(before)), QStringLiteral("sftp"));
    }
    const auto tooLarge = [&] {
        return fail(QStringLiteral("%1 on %2 is larger than %3 MiB, far more than a certificate or key file; it was "
                                   "not read. Check that the path names the right file.")
                        .arg(*path, where)
                        .arg(kMaxSftpReadBytes / (1024 * 1024)),
                    QStringLiteral("sftp"));
    };
    if (qint64(before->size) > kMaxSftpReadBytes) {
        return tooLarge();
    }
    sftp_file file = sftp_open(d->sftp, name.constData(), O_RDONLY, 0);
    if (file == nullptr) {
        return d->sftpError(QStringLiteral("read"), *path);
    }
    const Attributes opened(sftp_fstat(file));
    if (!opened || !sameFile(before, opened)) {
        sftp_close(file);
        return fail(QStringLiteral("%1 on %2 was replaced while CertDeck opened it (by a symbolic link or another "
                                   "file); it was not read. Check who changes that directory, then try again.")
                        .arg(*path, where),
                    QStringLiteral("sftp"));
    }
    QByteArray data;
    char buffer[kChunk];
    for (;;) {
        const ssize_t n = sftp_read(file, buffer, sizeof buffer);
        if (n < 0) {
            const Error error = d->sftpError(QStringLiteral("read"), *path);
            sftp_close(file);
            return error;
        }
        if (n == 0) {
            break;
        }
        if (data.size() + n > kMaxSftpReadBytes) { // it grew while it was read
            sftp_close(file);
            return tooLarge();
        }
        data.append(buffer, qsizetype(n));
    }
    sftp_close(file);
    d->lastSent.restart();
    return data;
}

Result<uint> SshSession::Impl::loginUserId()
{
    if (userId < 0) {
        const Result<deploy::HostCommandResult> id =
            runLocked({QStringLiteral("id"), QStringLiteral("-u")}, 30000, {}, false);
        bool ok = false;
        const int value = id ? QString::fromUtf8(id->standardOutput).trimmed().toInt(&ok) : -1;
        if (!id || id->exitCode != 0 || !ok || value < 0) {
            return id ? fail(QStringLiteral("Cannot tell which user %1 logs in as (`id -u` failed).")
                                 .arg(endpoint.describe()),
                             QStringLiteral("sftp"))
                      : id.error();
        }
        userId = value;
    }
    return uint(userId);
}

// Empty when nobody but root and `self` can change what `directory` (an absolute, canonical path) and its parents
// hold: then a name in it cannot be swapped for a symbolic link between two SFTP requests. Otherwise the first
// directory another user may change. Each component must be a directory (not a link) of root or `self`, writable by
// nobody else unless sticky (in /tmp others add names but cannot rename or remove ours).
QString SshSession::Impl::directoryOthersMayChange(const QString& directory, uint self)
{
    const QStringList parts = directory.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString current;
    for (qsizetype i = -1; i < parts.size(); ++i) {
        current = i < 0 ? QStringLiteral("/") : (i == 0 ? QString() : current) + QLatin1Char('/') + parts.at(i);
        const Attributes attributes(sftp_lstat(sftp, current.toUtf8().constData()));
        const bool ok =
            attributes && fileType(attributes) == S_IFDIR && (attributes->uid == 0 || attributes->uid == self) &&
            ((attributes->permissions & (S_IWGRP | S_IWOTH)) == 0 || (attributes->permissions & S_ISVTX) != 0);
        if (!ok) {
            return current;
        }
    }
    return {};
}

Status SshSession::writeFileAtomic(const QString& rawPath, const QByteArray& data, uint mode, int uid, int gid)
{
    const std::lock_guard lock(d->mutex);
    if (Status status = d->ensureSftp(); !status) {
        return status;
    }
    const Result<QString> resolved = d->resolve(rawPath);
    if (!resolved) {
        return resolved.error();
    }
    // Every later request names the canonical directory: a link above it cannot be swapped in between them.
    char* canonical = sftp_canonicalize_path(d->sftp, parentOf(*resolved).toUtf8().constData());
    if (canonical == nullptr) {
        return d->sftpError(QStringLiteral("find the directory of"), *resolved);
    }
    const QString directory = QString::fromUtf8(canonical);
    ssh_string_free_char(canonical);
    const QString path =
        (directory == QLatin1String("/") ? QString() : directory) + QLatin1Char('/') + fileNameOf(*resolved);
    const QByteArray pathName = path.toUtf8();
    const QString temporary =
        (directory == QLatin1String("/") ? QString() : directory) + QStringLiteral("/.") + fileNameOf(path) +
        QStringLiteral(".certdeck-%1.tmp").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    const QByteArray temporaryName = temporary.toUtf8();
    // O_EXCL: never reuse (or follow) something already at the temporary name.
    sftp_file file = sftp_open(d->sftp, temporaryName.constData(), O_WRONLY | O_CREAT | O_EXCL, mode_t(mode));
    if (file == nullptr) {
        return d->sftpError(QStringLiteral("create a temporary file for"), path);
    }
    auto abandonWith = [&](const Error& error) -> Status {
        if (file != nullptr) {
            sftp_close(file);
        }
        sftp_unlink(d->sftp, temporaryName.constData());
        return error;
    };
    auto abandon = [&](const QString& action) -> Status { return abandonWith(d->sftpError(action, path)); };
    Attributes created(sftp_fstat(file));
    if (!created) {
        return abandon(QStringLiteral("look at the temporary file for"));
    }
    const bool modeDiffers = (created->permissions & 07777) != (mode & 07777);
    const bool ownerDiffers = (uid >= 0 && created->uid != uint(uid)) || (gid >= 0 && created->gid != uint(gid));
    if (modeDiffers || ownerDiffers) {
        // SETSTAT goes by path and follows links: safe only where nobody else can swap the temporary name.
        const Result<uint> self = d->loginUserId();
        if (!self) {
            return abandonWith(self.error());
        }
        const QString unsafe = d->directoryOthersMayChange(directory, *self);
        if (!unsafe.isEmpty()) {
            return abandonWith(
                fail(QStringLiteral("Could not write %1 on %2: %3 may be changed by other users, so CertDeck does "
                                    "not set %4 there (SFTP would do it by name, and a link swapped in would "
                                    "redirect it). Deploy to a directory only root and %5 may write%6.")
                         .arg(path, d->endpoint.describe(), unsafe,
                              ownerDiffers ? QStringLiteral("the owner") : QStringLiteral("the permissions"),
                              d->endpoint.user,
                              modeDiffers ? QStringLiteral(", or let the SFTP server create files with mode %1 "
                                                           "(its umask, e.g. `Subsystem sftp internal-sftp -u 022`)")
                                                .arg(mode, 4, 8, QLatin1Char('0'))
                                          : QString()),
                     QStringLiteral("sftp")));
        }
        // The server's umask may have narrowed the mode at creation; set exactly what was asked for.
        if (modeDiffers && sftp_chmod(d->sftp, temporaryName.constData(), mode_t(mode)) != SSH_OK) {
            return abandon(QStringLiteral("set the permissions of the temporary file for"));
        }
        if (ownerDiffers && sftp_chown(d->sftp, temporaryName.constData(), uid_t(uid), gid_t(gid)) != SSH_OK) {
            return abandon(QStringLiteral("set the owner of the temporary file for"));
        }
    }
    for (qsizetype offset = 0; offset < data.size(); offset += kChunk) {
        const qsizetype length = std::min<qsizetype>(kChunk, data.size() - offset);
        if (sftp_write(file, data.constData() + offset, size_t(length)) != ssize_t(length)) {
            return abandon(QStringLiteral("write"));
        }
    }
    if (sftp_extension_supported(d->sftp, "fsync@openssh.com", "1") && sftp_fsync(file) != SSH_OK) {
        return abandon(QStringLiteral("sync"));
    }
    const Attributes written(sftp_fstat(file));
    if (!written) {
        return abandon(QStringLiteral("look at the temporary file for"));
    }
    const int closed = sftp_close(file);
    file = nullptr;
    if (closed != SSH_OK) {
        return abandon(QStringLiteral("finish writing"));
    }
    // libssh uses posix-rename@openssh.com when the server offers it: the rename replaces an existing target
    // atomically (plain SFTP rename refuses an existing target).
    if (sftp_rename(d->sftp, temporaryName.constData(), pathName.constData()) != SSH_OK) {
        // libssh 0.10 sends a plain SFTP rename, which OpenSSH refuses when the target exists. Replace it with
        // rename(2) on the host instead (`mv -T` within one directory: atomic, never a half-written target, and a
        // link at `path` is replaced, never followed into a directory).
        const Attributes target(sftp_lstat(d->sftp, pathName.constData()));
        if (!target || fileType(target) == S_IFDIR) {
            return abandon(QStringLiteral("replace"));
        }
        const Result<deploy::HostCommandResult> moved = d->runLocked(
            {QStringLiteral("mv"), QStringLiteral("-f"), QStringLiteral("-T"), QStringLiteral("--"), temporary, path},
            60000, {}, false);
        if (!moved || moved->exitCode != 0) {
            sftp_unlink(d->sftp, temporaryName.constData());
            return moved
                       ? fail(QStringLiteral("Could not replace %1 on %2: %3")
                                  .arg(path, d->endpoint.describe(), QString::fromUtf8(moved->standardError).trimmed()),
                              QStringLiteral("sftp"))
                       : moved.error();
        }
    }
    // What is at `path` now must be the file written: another user who swapped the temporary name for a link or a
    // file of theirs before the rename is caught here.
    const Attributes placed(sftp_lstat(d->sftp, pathName.constData()));
    if (!placed || !sameFile(placed, written)) {
        return fail(QStringLiteral("Wrote %1 on %2, but what is there now is not the file CertDeck wrote (another "
                                   "user replaced it during the write). Check who may write to %3, then deploy "
                                   "again.")
                        .arg(path, d->endpoint.describe(), directory),
                    QStringLiteral("sftp"));
    }
    d->lastSent.restart();
    return {};
}

Status SshSession::removeFile(const QString& rawPath)
{
    const std::lock_guard lock(d->mutex);
    if (Status status = d->ensureSftp(); !status) {
        return status;
    }
    const Result<QString> path = d->resolve(rawPath);
    if (!path) {
        return path.error();
    }
    if (sftp_unlink(d->sftp, path->toUtf8().constData()) != SSH_OK) {
        if (sftp_get_error(d->sftp) == SSH_FX_NO_SUCH_FILE && ssh_is_connected(d->session)) {
            return {};
        }
        return d->sftpError(QStringLiteral("remove"), *path);
    }
    d->lastSent.restart();
    return {};
}

Status SshSession::makeDirectories(const QString& rawPath, uint mode)
{
    const std::lock_guard lock(d->mutex);
    if (Status status = d->ensureSftp(); !status) {
        return status;
    }
    const Result<QString> path = d->resolve(rawPath);
    if (!path) {
        return path.error();
    }
    const QStringList parts = path->split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString current = path->startsWith(QLatin1Char('/')) ? QStringLiteral("") : QStringLiteral(".");
    Attributes parent(sftp_lstat(d->sftp, path->startsWith(QLatin1Char('/')) ? "/" : "."));
    for (const QString& part : parts) {
        current += QLatin1Char('/') + part;
        const QByteArray name = (current.startsWith(QLatin1String("./")) ? current.mid(2) : current).toUtf8();
        if (Attributes attributes{sftp_lstat(d->sftp, name.constData())}) {
            if (fileType(attributes) == S_IFLNK) {
                // A link is followed only when another user cannot have planted or swapped it: it belongs to root
                // or the login, in a directory of theirs that nobody else may write.
                const Result<uint> self = d->loginUserId();
                const auto trusted = [&](uint owner) { return owner == 0 || (self && owner == *self); };
                const bool safe = trusted(attributes->uid) && parent && trusted(parent->uid) &&
                                  (parent->permissions & (S_IWGRP | S_IWOTH)) == 0;
                if (!safe) {
                    return fail(QStringLiteral("Refused to create the directory %1 on %2: %3 is a symbolic link "
                                               "(owner uid %4) that another user may have planted. Remove it or "
                                               "choose a path without it.")
                                    .arg(*path, d->endpoint.describe(), QString::fromUtf8(name))
                                    .arg(attributes->uid),
                                QStringLiteral("sftp"));
                }
                attributes.reset(sftp_stat(d->sftp, name.constData()));
            }
            const bool directory = attributes && fileType(attributes) == S_IFDIR;
            if (!directory) {
                return fail(QStringLiteral("Could not create the directory %1 on %2: %3 exists and is not a directory.")
                                .arg(*path, d->endpoint.describe(), QString::fromUtf8(name)),
                            QStringLiteral("sftp"));
            }
            parent = std::move(attributes);
            continue;
        }
        if (sftp_mkdir(d->sftp, name.constData(), mode_t(mode)) != SSH_OK) {
            Attributes again(sftp_lstat(d->sftp, name.constData()));
            if (!again || fileType(again) != S_IFDIR) {
                return d->sftpError(QStringLiteral("create the directory"), QString::fromUtf8(name));
            }
        }
        parent.reset(sftp_lstat(d->sftp, name.constData()));
    }
    d->lastSent.restart();
    return {};
}

} // namespace certdeck::bots
