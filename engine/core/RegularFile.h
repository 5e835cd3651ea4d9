#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>

#include <sys/stat.h>

// Reading a file another local user may have planted: only a regular file is read (a FIFO, device or socket is
// refused without blocking on it) and never more than a cap, so a named pipe or /dev/zero named as a certificate
// cannot hang or exhaust the reader.
namespace certdeck::files {

// Certificates, keys, keystores and configuration files are far smaller; anything above is refused.
constexpr qint64 kMaxMaterialFileBytes = 16 * 1024 * 1024;

enum class Symlinks { Refuse, Follow };

struct RegularFile
{
    QByteArray content;
    struct stat info = {};
};

// Error kinds: "notFound" (the file or a directory above it is missing), "symlink" (Symlinks::Refuse and the last
// component is one), "notRegular", "tooLarge", "unreadable".
Result<RegularFile> readRegularFile(const QString& path, qint64 maxBytes = kMaxMaterialFileBytes,
                                    Symlinks symlinks = Symlinks::Refuse);

// "a FIFO (named pipe)", "a character device", ... for messages.
QString fileTypeName(mode_t mode);

} // namespace certdeck::files
