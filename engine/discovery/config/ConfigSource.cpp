#include "engine/discovery/config/ConfigParser.h"

#include "engine/core/Log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::discovery {

namespace {

constexpr qint64 maxConfigFileSize = 16 * 1024 * 1024;
// Directory entries one glob may list: `/etc/*/*/*/*` on a real tree (or over a symlink loop) must not walk the
// whole file system. The parsers read at most maxEntriesPerInclude (4096) of the matches anyway.
constexpr qint64 maxGlobEntries = 100000;

// glob(3) lists directories through these (GLOB_ALTDIRFUNC), so one call stops after maxGlobEntries entries.
thread_local qint64 t_globEntriesLeft = 0;

void* globOpenDirectory(const char* path)
{
    return ::opendir(path);
}

struct dirent* globReadDirectory(void* directory)
{
    if (t_globEntriesLeft <= 0) {
        return nullptr;
    }
    --t_globEntriesLeft;
    return ::readdir(static_cast<DIR*>(directory));
}

void globCloseDirectory(void* directory)
{
    ::closedir(static_cast<DIR*>(directory));
}

int globLstat(const char* path, struct stat* info)
{
    return ::lstat(path, info);
}

int globStat(const char* path, struct stat* info)
{
    return ::stat(path, info);
}

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
    matches.gl_opendir = globOpenDirectory;
    matches.gl_readdir = globReadDirectory;
    matches.gl_closedir = globCloseDirectory;
    matches.gl_lstat = globLstat;
    matches.gl_stat = globStat;
    t_globEntriesLeft = maxGlobEntries;
    const int rc = ::glob(QFile::encodeName(absolute).constData(), GLOB_ALTDIRFUNC, nullptr, &matches);
    if (t_globEntriesLeft <= 0) {
        log::get("discovery")
            ->warn("the pattern {} lists more than {} directory entries; the glob is cut short there "
                   "(its matches may be incomplete)",
                   absolute.toStdString(), maxGlobEntries);
    }
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

QString LocalConfigSource::canonicalPath(const QString& path) const
{
    char resolved[PATH_MAX];
    const QString directory = path.endsWith(QLatin1Char('/')) && path.size() > 1 ? path.chopped(1) : path;
    if (::realpath(QFile::encodeName(directory).constData(), resolved) == nullptr) {
        return path;
    }
    return QFile::decodeName(resolved);
}

} // namespace certdeck::discovery
