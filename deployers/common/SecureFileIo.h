#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>

#include <sys/types.h>

// Low-level file operations of the deployers: no symlink following, atomic replacement, fsync.
namespace certdeck::deployers::fileio {

struct FileState
{
    bool exists = false;
    QByteArray content;
    mode_t mode = 0; // permission bits
    uid_t uid = 0;
    gid_t gid = 0;
};

// Reads a regular file without following a symlink. A missing file (or a missing parent) is exists=false.
Result<FileState> readFile(const QString& path);

struct WriteOptions
{
    mode_t mode = 0644;
    bool setOwner = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

// Writes a temp file in the same directory (O_CREAT|O_EXCL|O_NOFOLLOW, 0600 until complete), sets mode and
// owner, fsyncs, renames it over `path` and fsyncs the directory. On failure the temp file is removed.
Status writeAtomically(const QString& path, const QByteArray& content, const WriteOptions& options);

// Removes a file; a file that is already gone is fine.
Status removeFile(const QString& path);

// Creates the directory (and parents) and sets it to `mode` (0700: private).
Status makePrivateDirectory(const QString& path, mode_t mode = 0700);

} // namespace certdeck::deployers::fileio
