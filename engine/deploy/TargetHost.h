#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace certdeck::deploy {

struct HostFileInfo
{
    bool exists = false;
    bool isDirectory = false;
    bool isSymlink = false;
    qint64 size = 0;
    uint mode = 0; // permission bits (0644 ...)
    uint uid = 0;
    uint gid = 0;
};

struct HostCommandResult
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
};

// The machine a deployer acts on: this host (agent-based: the bot runs there) or another host reached over
// SSH/SFTP (agentless). Deployers touch files and run the server's programs only through it, so one deployer
// works both ways. Blocking; a deployer runs on a bot worker thread. Paths are absolute paths on that host.
class TargetHost
{
public:
    virtual ~TargetHost() = default;

    virtual QString describe() const = 0; // "this host", "ssh deploy@web01.example.com:22"
    virtual bool isLocal() const = 0;
    // The address a verification handshake goes to for an endpoint this host serves on "127.0.0.1"/"localhost".
    virtual QString address() const = 0;

    // The uid this host's file operations run as (the bot's user here; the SSH login user over SFTP).
    virtual Result<uint> userId() const = 0;
    virtual Result<HostFileInfo> stat(const QString& path) const = 0; // a missing file is exists=false, no error
    virtual Result<QByteArray> readFile(const QString& path) const = 0;
    // Writes a temporary file next to `path` (created with `mode`, never following symlinks), syncs it and renames
    // it over `path`; keeps the owner given (uid/gid -1: leave the default). Never leaves a half-written `path`.
    virtual Status writeFileAtomic(const QString& path, const QByteArray& data, uint mode, int uid = -1,
                                   int gid = -1) = 0;
    virtual Status removeFile(const QString& path) = 0; // a missing file is not an error
    virtual Status makeDirectories(const QString& path, uint mode) = 0;
    // The names in a directory (no "." or ".."); a missing directory is an empty list.
    virtual Result<QStringList> listDirectory(const QString& path) const = 0;
    // Removes a directory and everything below it (old backups); a missing one is not an error.
    virtual Status removeTree(const QString& path) = 0;
    // Where deployers keep their backups on this host when the operator chose no backup directory.
    virtual QString stateDirectory() const = 0;
    // Runs program + arguments (never through a local shell; over SSH quoted by bots::shellCommand, the one place
    // that quotes for a remote shell). `stdinData` is how secrets travel. Privileged steps go through `sudo -n`
    // when the host is configured so.
    virtual Result<HostCommandResult> run(const QStringList& argv, int timeoutMs, const QByteArray& stdinData = {}) = 0;
};

} // namespace certdeck::deploy
