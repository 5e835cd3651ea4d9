#include "app/certdeck-bot/KeyStaging.h"

#include "engine/core/RegularFile.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstring>
#include <dirent.h>
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

QString KeyStaging::notePathFor(const QString& keyId) const
{
    return QDir(keysDirectory()).filePath(keyId + QStringLiteral(".deployed"));
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
    pruneAbandoned(); // housekeeping whenever a key is staged; also at bot start

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
            if (QFileInfo::exists(notePathFor(keyId))) {
                return loadDeployed(keyId);
            }
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
    ::futimens(fd, nullptr); // used now: not abandoned
    ::close(fd);
    if (done != pem.size()) {
        OPENSSL_cleanse(pem.data(), static_cast<size_t>(pem.size()));
        return fail(QStringLiteral("cannot read the staged private key %1").arg(path));
    }
    return pem;
}

Result<QByteArray> KeyStaging::loadDeployed(const QString& keyId) const
{
    const QString notePath = notePathFor(keyId);
    auto note = files::readRegularFile(notePath, kMaxKeyFileBytes);
    if (!note) {
        return note.error();
    }
    const QJsonObject record = QJsonDocument::fromJson(note->content).object();
    const QString deployedAt = record.value(QStringLiteral("deployedAt")).toString();
    const QString keyFile = record.value(QStringLiteral("keyFile")).toString();
    const auto gone = [&](const QString& why) {
        return fail(QStringLiteral("the private key %1 was deployed on %2 and is no longer staged on this bot: %3. "
                                   "Rekey the certificate to deploy it again")
                        .arg(keyId, deployedAt, why),
                    QStringLiteral("notFound"));
    };
    if (keyFile.isEmpty()) {
        return gone(QStringLiteral("it was deployed to another host, where this bot cannot read it back"));
    }
    auto read = files::readRegularFile(keyFile, kMaxKeyFileBytes);
    if (!read) {
        return gone(QStringLiteral("its key file cannot be read back (%1)").arg(read.message()));
    }
    const Result<crypto::Certificate> certificate =
        crypto::Certificate::fromPem(record.value(QStringLiteral("certificatePem")).toString().toLatin1());
    const Result<crypto::PrivateKey> key = crypto::PrivateKey::fromPem(read->content);
    if (!certificate || !key || !certificate->matchesKey(*key)) {
        OPENSSL_cleanse(read->content.data(), static_cast<size_t>(read->content.size()));
        return gone(QStringLiteral("its key file %1 no longer holds it").arg(keyFile));
    }
    ::utimensat(AT_FDCWD, QFile::encodeName(notePath).constData(), nullptr, 0); // used now
    return std::move(read->content);
}

Status KeyStaging::discardDeployed(const QString& keyId, const QString& keyFile, const QByteArray& certificatePem) const
{
    if (!isValidKeyId(keyId)) {
        return fail(QStringLiteral("the key id \"%1\" is not a key id of this bot").arg(keyId.left(80)));
    }
    const QByteArray key = QFile::encodeName(pathFor(keyId));
    if (!QFileInfo(keysDirectory()).isDir()) {
        return {}; // nothing was ever staged here
    }
    // The note first (no secret): once the staged copy is gone, load() finds the key through it.
    const QByteArray json =
        QJsonDocument(QJsonObject{{QStringLiteral("deployedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                                  {QStringLiteral("keyFile"), keyFile},
                                  {QStringLiteral("certificatePem"), QString::fromLatin1(certificatePem)}})
            .toJson(QJsonDocument::Compact);
    const QString noteTemp = QDir(keysDirectory()).filePath(QStringLiteral(".") + keyId + QStringLiteral(".note.tmp"));
    const int note =
        ::open(QFile::encodeName(noteTemp).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    Status written = note >= 0 ? writeAll(note, json) : fail(errnoText(errno));
    if (note >= 0) {
        if (written && ::fsync(note) != 0) {
            written = fail(errnoText(errno));
        }
        ::close(note);
    }
    if (!written ||
        ::rename(QFile::encodeName(noteTemp).constData(), QFile::encodeName(notePathFor(keyId)).constData()) != 0) {
        ::unlink(QFile::encodeName(noteTemp).constData());
        return fail(QStringLiteral("kept the deployed private key %1: cannot write the note %2")
                        .arg(pathFor(keyId), notePathFor(keyId)));
    }
    if (::unlink(key.constData()) != 0 && errno != ENOENT) {
        return fail(QStringLiteral("cannot delete the deployed private key %1: %2; delete it by hand")
                        .arg(pathFor(keyId), errnoText(errno)));
    }
    const int dirFd = ::open(QFile::encodeName(keysDirectory()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

int KeyStaging::pruneAbandoned(int maxAgeDays) const
{
    const QByteArray directory = QFile::encodeName(keysDirectory());
    const int dirFd = ::open(directory.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dirFd < 0) {
        return 0; // nothing staged yet
    }
    DIR* listing = ::fdopendir(::dup(dirFd));
    if (listing == nullptr) {
        ::close(dirFd);
        return 0;
    }
    static const QRegularExpression ours(QStringLiteral("^(\\.)?([0-9a-f]{8,64})\\.(pem|deployed|tmp|note\\.tmp)$"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 abandonedBefore = now - qint64(maxAgeDays) * 24 * 3600;
    const qint64 leftoverBefore = now - 3600; // a temporary file older than an hour belongs to no running stage()
    const qint64 noteBefore = now - qint64(kDeployedNoteDays) * 24 * 3600;
    int removed = 0;
    while (const dirent* entry = ::readdir(listing)) {
        const QString name = QFile::decodeName(entry->d_name);
        const QRegularExpressionMatch match = ours.match(name);
        if (!match.hasMatch()) {
            continue; // not ours: left alone
        }
        struct stat info = {};
        if (::fstatat(dirFd, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
            continue;
        }
        const QString kind = match.captured(3);
        const qint64 before = kind.endsWith(QLatin1String("tmp")) ? leftoverBefore
                              : kind == QLatin1String("deployed") ? noteBefore
                                                                  : abandonedBefore;
        if (info.st_mtime >= before) {
            continue;
        }
        if (::unlinkat(dirFd, entry->d_name, 0) == 0 && match.captured(3) == QLatin1String("pem")) {
            ++removed;
        }
    }
    ::closedir(listing);
    ::fsync(dirFd);
    ::close(dirFd);
    return removed;
}

} // namespace certdeck::bot
