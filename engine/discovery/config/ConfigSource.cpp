#include "engine/discovery/config/ConfigParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#include <cerrno>
#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::discovery {

namespace {

constexpr qint64 maxConfigFileSize = 16 * 1024 * 1024;

struct FdCloser
{
    int fd = -1;
    ~FdCloser()
    {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

} // namespace

std::optional<QByteArray> LocalConfigSource::read(const QString& path) const
{
    const QByteArray native = QFile::encodeName(path);
    // stat() first: a FIFO, device, socket or directory is never opened (opening a FIFO would block).
    struct stat before = {};
    if (::stat(native.constData(), &before) != 0 || !S_ISREG(before.st_mode) || before.st_size > maxConfigFileSize) {
        return std::nullopt;
    }
    // O_NONBLOCK: should the path be swapped for a FIFO between stat() and open(), open() still returns at once.
    FdCloser file{::open(native.constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
    if (file.fd < 0) {
        return std::nullopt;
    }
    struct stat opened = {};
    if (::fstat(file.fd, &opened) != 0 || !S_ISREG(opened.st_mode) || opened.st_size > maxConfigFileSize) {
        return std::nullopt;
    }
    QByteArray content;
    content.reserve(static_cast<qsizetype>(opened.st_size));
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return std::nullopt;
        }
        if (got == 0) {
            break;
        }
        content.append(buffer, got);
        if (content.size() > maxConfigFileSize) { // grew while being read
            return std::nullopt;
        }
    }
    return content;
}

QStringList LocalConfigSource::glob(const QString& pattern) const
{
    QString absolute = pattern;
    if (QDir::isRelativePath(absolute)) {
        absolute = QDir::current().absoluteFilePath(absolute);
    }
    // "dir/": only directories match (the Apache parser asks this to tell a directory include from a file).
    const bool directoriesOnly = absolute.size() > 1 && absolute.endsWith(QLatin1Char('/'));
    if (directoriesOnly) {
        absolute.chop(1);
    }
    // glob(3) only lists directories and stats names: it opens no file, so FIFOs and devices are safe here.
    glob_t matches = {};
    const int rc = ::glob(QFile::encodeName(absolute).constData(), 0, nullptr, &matches);
    QStringList result;
    if (rc == 0) {
        for (size_t i = 0; i < matches.gl_pathc; ++i) {
            struct stat info = {};
            if (::lstat(matches.gl_pathv[i], &info) != 0) {
                continue; // a pattern without wildcards comes back as it is: keep it only when it exists
            }
            if (directoriesOnly) {
                if (::stat(matches.gl_pathv[i], &info) != 0 || !S_ISDIR(info.st_mode)) {
                    continue;
                }
                result.append(QFile::decodeName(matches.gl_pathv[i]) + QLatin1Char('/'));
                continue;
            }
            result.append(QFile::decodeName(matches.gl_pathv[i]));
        }
    }
    ::globfree(&matches);
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace certdeck::discovery
