#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace certdeck::discovery {

// What one command of the system scan printed. Commands run with QProcess (program + argument list, never a
// shell), stdin closed, and a deadline after which they are killed.
struct HostCommandOutput
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    QString problem; // why the command gave no usable answer (not installed, timeout, crash); empty when it ran
};

HostCommandOutput runHostCommand(const QString& program, const QStringList& arguments, int timeoutMs,
                                 const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

// Runs a binary found on this host (a server's, for `-v`) only when no other local user can have replaced it: the
// file and every directory above it (after symbolic links are resolved) belong to root or the scanning user and
// are writable by nobody else, and the file is executable. Otherwise nothing runs and `problem` says why.
// The check and the execution cannot see different files: each directory is opened from "/" with
// openat(O_PATH|O_DIRECTORY|O_NOFOLLOW), the file with openat(O_PATH|O_NOFOLLOW), the checks are fstat()s of those
// descriptors, and the child executes /proc/self/fd/N (fexecve semantics): the inode that was checked, never the
// path again, so a rename or symlink swapped in between check and exec changes nothing.
HostCommandOutput runTrustedExecutable(const QString& path, const QStringList& arguments, int timeoutMs);

// The two halves of runTrustedExecutable. Why `path` may not be run by the scan (empty: it may); on success *fd is
// an O_PATH descriptor of the checked file (O_CLOEXEC; the caller closes it).
QString untrustedExecutableReason(const QString& path, int* fd);
// Runs the file open as `fd` by executing /proc/self/fd/N in the child; `path` only names it in messages.
HostCommandOutput runExecutableDescriptor(int fd, const QString& path, const QStringList& arguments, int timeoutMs);

// The lines of `text` that match `pattern` (grep-style filter, done in code).
QStringList grepLines(const QByteArray& text, const QString& pattern);

} // namespace certdeck::discovery
