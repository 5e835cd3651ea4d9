// SshSession's file operations over SFTP.

#include "engine/bots/SshSessionImpl.h"

#include <QRandomGenerator>

#include <fcntl.h>
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
    sftp_file file = sftp_open(d->sftp, path->toUtf8().constData(), O_RDONLY, 0);
    if (file == nullptr) {
        return d->sftpError(QStringLiteral("read"), *path);
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
        data.append(buffer, qsizetype(n));
    }
    sftp_close(file);
    d->lastSent.restart();
    return data;
}

Status SshSession::writeFileAtomic(const QString& rawPath, const QByteArray& data, uint mode, int uid, int gid)
{
    const std::lock_guard lock(d->mutex);
    if (Status status = d->ensureSftp(); !status) {
        return status;
    }
    const Result<QString> path = d->resolve(rawPath);
    if (!path) {
        return path.error();
    }
    const QString temporary =
        parentOf(*path) + QStringLiteral("/.") + fileNameOf(*path) +
        QStringLiteral(".certdeck-%1.tmp").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    const QByteArray temporaryName = temporary.toUtf8();
    // O_EXCL: never reuse (or follow) something already at the temporary name.
    sftp_file file = sftp_open(d->sftp, temporaryName.constData(), O_WRONLY | O_CREAT | O_EXCL, mode_t(mode));
    if (file == nullptr) {
        return d->sftpError(QStringLiteral("create a temporary file for"), *path);
    }
    auto abandon = [&](const QString& action) -> Status {
        const Error error = d->sftpError(action, *path);
        if (file != nullptr) {
            sftp_close(file);
        }
        sftp_unlink(d->sftp, temporaryName.constData());
        return error;
    };
    // The server's umask may have narrowed the mode at creation; set exactly what was asked for.
    if (sftp_chmod(d->sftp, temporaryName.constData(), mode_t(mode)) != SSH_OK) {
        return abandon(QStringLiteral("set the permissions of the temporary file for"));
    }
    if ((uid >= 0 || gid >= 0) && sftp_chown(d->sftp, temporaryName.constData(), uid_t(uid), gid_t(gid)) != SSH_OK) {
        return abandon(QStringLiteral("set the owner of the temporary file for"));
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
    const int closed = sftp_close(file);
    file = nullptr;
    if (closed != SSH_OK) {
        return abandon(QStringLiteral("finish writing"));
    }
    // libssh uses posix-rename@openssh.com when the server offers it: the rename replaces an existing target
    // atomically (plain SFTP rename refuses an existing target).
    if (sftp_rename(d->sftp, temporaryName.constData(), path->toUtf8().constData()) != SSH_OK) {
        // libssh 0.10 sends a plain SFTP rename, which OpenSSH refuses when the target exists. Replace it with
        // rename(2) on the host instead (`mv` within one directory): atomic, never a half-written target.
        sftp_attributes target = sftp_lstat(d->sftp, path->toUtf8().constData());
        const bool replaceable = target != nullptr && target->type != SSH_FILEXFER_TYPE_DIRECTORY;
        if (target != nullptr) {
            sftp_attributes_free(target);
        }
        if (!replaceable) {
            return abandon(QStringLiteral("replace"));
        }
        const Result<deploy::HostCommandResult> moved = d->runLocked(
            {QStringLiteral("mv"), QStringLiteral("-f"), QStringLiteral("--"), temporary, *path}, 60000, {}, false);
        if (!moved || moved->exitCode != 0) {
            sftp_unlink(d->sftp, temporaryName.constData());
            return moved ? fail(QStringLiteral("Could not replace %1 on %2: %3")
                                    .arg(*path, d->endpoint.describe(),
                                         QString::fromUtf8(moved->standardError).trimmed()),
                                QStringLiteral("sftp"))
                         : moved.error();
        }
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
    for (const QString& part : parts) {
        current += QLatin1Char('/') + part;
        const QByteArray name = (current.startsWith(QLatin1String("./")) ? current.mid(2) : current).toUtf8();
        if (sftp_attributes attributes = sftp_stat(d->sftp, name.constData())) {
            const bool directory = attributes->type == SSH_FILEXFER_TYPE_DIRECTORY;
            sftp_attributes_free(attributes);
            if (!directory) {
                return fail(QStringLiteral("Could not create the directory %1 on %2: %3 exists and is not a directory.")
                                .arg(*path, d->endpoint.describe(), QString::fromUtf8(name)),
                            QStringLiteral("sftp"));
            }
            continue;
        }
        if (sftp_mkdir(d->sftp, name.constData(), mode_t(mode)) != SSH_OK) {
            sftp_attributes again = sftp_stat(d->sftp, name.constData());
            const bool directory = again != nullptr && again->type == SSH_FILEXFER_TYPE_DIRECTORY;
            if (again != nullptr) {
                sftp_attributes_free(again);
            }
            if (!directory) {
                return d->sftpError(QStringLiteral("create the directory"), QString::fromUtf8(name));
            }
        }
    }
    d->lastSent.restart();
    return {};
}

} // namespace certdeck::bots
