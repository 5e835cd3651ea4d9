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

// Reads a regular file without following a symlink. A missing file (or a missing parent) is exists=false. A FIFO,
// device or socket is refused without blocking on it, and so is a file above files::kMaxMaterialFileBytes.
Result<FileState> readFile(const QString& path);

struct WriteOptions
{
    mode_t mode = 0644;
    bool setOwner = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

// Writes a temp file in the same directory (O_CREAT|O_EXCL|O_NOFOLLOW, 0600 until complete), sets mode and
// owner on its descriptor, fsyncs, renames it over `path` and fsyncs the directory. Creating, renaming and syncing
// all go through one descriptor of the directory, so a directory swapped in meanwhile is never written to. On
// failure the temp file is removed.
Status writeAtomically(const QString& path, const QByteArray& content, const WriteOptions& options);

// Removes a file; a file that is already gone is fine.
Status removeFile(const QString& path);

// Creates the directory (and missing parents, with `mode`) and sets it to `mode` (0700: private). Walks from "/"
// through descriptors (openat O_DIRECTORY|O_NOFOLLOW, mkdirat, fchmod on the opened directory), never chmod by
// path: a symbolic link at any component is refused (message names it) unless it is owned by root or the bot's
// user and sits in a directory nobody else may write, so a link another user planted never redirects the walk. An
// existing last directory must belong to root or the bot's user.
Status makePrivateDirectory(const QString& path, mode_t mode = 0700);

} // namespace certdeck::deployers::fileio
