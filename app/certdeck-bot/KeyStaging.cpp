#include "app/certdeck-bot/KeyStaging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::bot {
namespace {

constexpr int kKeyIdBytes = 16;
constexpr qint64 kMaxKeyFileBytes = 1024 * 1024;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

Status writeAll(int fd, const QByteArray& data)
{
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, static_cast<size_t>(data.size() - written));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(errnoText(errno));
        }
        written += n;
    }
    return {};
}

} // namespace

KeyStaging::KeyStaging(QString stateDir)
    : m_stateDir(std::move(stateDir))
{
}

QString KeyStaging::keysDirectory() const
{
    return QDir(m_stateDir).filePath(QStringLiteral("keys"));
}

QString KeyStaging::pathFor(const QString& keyId) const
{
    return QDir(keysDirectory()).filePath(keyId + QStringLiteral(".pem"));
}

bool KeyStaging::isValidKeyId(const QString& keyId)
{
    static const QRegularExpression plainHex(QStringLiteral("^[0-9a-f]{8,64}$"));
    return plainHex.match(keyId).hasMatch();
}

QString KeyStaging::defaultStateDirectory()
{
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base)) {
        base = QDir::home().filePath(QStringLiteral(".local/share"));
    }
    return QDir(base).filePath(QStringLiteral("certdeck-bot"));
}

Status KeyStaging::ensureDirectory(const QString& path) const
{
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST) {
        return fail(QStringLiteral("cannot create the directory %1: %2; check the permissions of --state-dir")
                        .arg(path, errnoText(errno)));
    }
    struct stat info = {};
    if (::lstat(native.constData(), &info) != 0) {
        return fail(QStringLiteral("cannot inspect %1: %2").arg(path, errnoText(errno)));
    }
    if (!S_ISDIR(info.st_mode)) {
        return fail(QStringLiteral("%1 is not a directory (a symbolic link is refused); remove it or choose "
                                   "another --state-dir")
                        .arg(path));
    }
    if (info.st_uid != ::getuid()) {
        return fail(QStringLiteral("%1 belongs to another user; choose a --state-dir of your own").arg(path));
    }
    if ((info.st_mode & 0777) != 0700 && ::chmod(native.constData(), 0700) != 0) {
        return fail(QStringLiteral("cannot restrict %1 to mode 0700: %2").arg(path, errnoText(errno)));
    }
    return {};
}

Result<QString> KeyStaging::stage(const QByteArray& keyPem) const
{
    QDir().mkpath(QFileInfo(m_stateDir).absolutePath());
    if (Status status = ensureDirectory(m_stateDir); !status) {
        return status.error();
    }
    if (Status status = ensureDirectory(keysDirectory()); !status) {
        return status.error();
    }

    unsigned char random[kKeyIdBytes];
    if (RAND_bytes(random, kKeyIdBytes) != 1) {
        return fail(QStringLiteral("cannot draw a random key id: the system's random generator failed"));
    }
    const QString keyId = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(random), kKeyIdBytes).toHex());
    const QString finalPath = pathFor(keyId);
    const QString tempPath = QDir(keysDirectory()).filePath(QStringLiteral(".") + keyId + QStringLiteral(".tmp"));
    const QByteArray nativeTemp = QFile::encodeName(tempPath);

    const int fd = ::open(nativeTemp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(QStringLiteral("cannot create %1: %2").arg(tempPath, errnoText(errno)));
    }
    Status written = writeAll(fd, keyPem);
    if (written && ::fsync(fd) != 0) {
        written = fail(errnoText(errno));
    }
    ::close(fd);
    if (!written) {
        ::unlink(nativeTemp.constData());
        return fail(QStringLiteral("cannot write the private key to %1: %2").arg(tempPath, written.message()));
    }
    if (::rename(nativeTemp.constData(), QFile::encodeName(finalPath).constData()) != 0) {
        const int error = errno;
        ::unlink(nativeTemp.constData());
        return fail(QStringLiteral("cannot move the private key to %1: %2").arg(finalPath, errnoText(error)));
    }
    const int dirFd = ::open(QFile::encodeName(keysDirectory()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return keyId;
}

Result<QByteArray> KeyStaging::load(const QString& keyId) const
{
    if (!isValidKeyId(keyId)) {
        return fail(QStringLiteral("the key id \"%1\" is not a key id of this bot (expected lowercase hex from "
                                   "csr.create)")
                        .arg(keyId.left(80)));
    }
    const QString path = pathFor(keyId);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            return fail(QStringLiteral("no staged private key %1 on this host (looked in %2); create the CSR with "
                                       "this bot first (csr.create)")
                            .arg(keyId, keysDirectory()),
                        QStringLiteral("notFound"));
        }
        return fail(QStringLiteral("cannot open the staged private key %1: %2").arg(path, errnoText(errno)));
    }
    struct stat info = {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size > kMaxKeyFileBytes) {
        ::close(fd);
        return fail(QStringLiteral("the staged private key %1 is not a regular key file; remove it and create the "
                                   "CSR again")
                        .arg(path));
    }
    if ((info.st_mode & 0077) != 0) {
        ::close(fd);
        return fail(QStringLiteral("the staged private key %1 is readable by other users (mode %2); it may be "
                                   "compromised: create a new CSR")
                        .arg(path)
                        .arg(info.st_mode & 0777, 4, 8, QLatin1Char('0')));
    }
    QByteArray pem(static_cast<qsizetype>(info.st_size), Qt::Uninitialized);
    qsizetype done = 0;
    while (done < pem.size()) {
        const ssize_t n = ::read(fd, pem.data() + done, static_cast<size_t>(pem.size() - done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        done += n;
    }
    ::close(fd);
    if (done != pem.size()) {
        OPENSSL_cleanse(pem.data(), static_cast<size_t>(pem.size()));
        return fail(QStringLiteral("cannot read the staged private key %1").arg(path));
    }
    return pem;
}

} // namespace certdeck::bot
