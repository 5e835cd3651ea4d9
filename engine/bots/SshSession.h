#pragma once

#include "engine/core/Result.h"
#include "engine/deploy/TargetHost.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace certdeck::bots {

struct SshEndpoint
{
    QString host;
    int port = 22;
    QString user;
    QString describe() const; // "alice@host:2222"
};

// The secret half of a login; filled from the keychain just before connecting and wiped after.
struct SshCredentials
{
    enum class Method { Key, Password };
    Method method = Method::Key;
    QByteArray privateKey; // OpenSSH or PEM private key text (Key)
    QByteArray passphrase; // of the key; empty when it has none
    QByteArray password;   // (Password)
    void wipe();           // OPENSSL_cleanse on all three
};

// A server's host key as shown to the operator before it is pinned.
struct SshHostKey
{
    QString type;              // "ssh-ed25519"
    QString fingerprintSha256; // "SHA256:..." exactly as `ssh-keygen -lf` prints it
};

// One SSH connection (libssh), blocking with deadlines: use it on a worker thread, one thread at a time.
// Error kinds: "unreachable", "timeout", "hostKeyUnconfirmed" (no pinned key: fetch it, let the operator confirm),
// "hostKeyChanged" (message shows the pinned and the offered fingerprint), "authentication", "disconnected",
// "sftp", "commandFailed".
class SshSession
{
public:
    static constexpr qint64 kMaxSftpReadBytes = 16 * 1024 * 1024;

    SshSession();
    ~SshSession(); // disconnects
    SshSession(const SshSession&) = delete;
    SshSession& operator=(const SshSession&) = delete;

    // Connects only far enough to read the server's host key (first contact; nothing is authenticated).
    static Result<SshHostKey> fetchHostKey(const SshEndpoint& endpoint, int timeoutMs = 15000);

    // Connects, checks the host key against `pinnedFingerprint` (SHA256:...), authenticates. Keep-alives every
    // `keepAliveSeconds` while connected.
    Status connect(const SshEndpoint& endpoint, const QString& pinnedFingerprint, const SshCredentials& credentials,
                   int timeoutMs = 15000, int keepAliveSeconds = 30);
    bool isConnected() const;
    const SshEndpoint& endpoint() const;
    void disconnect();

    // Runs argv (quoted by shellCommand) on the host; stdinData is written to its stdin, then closed.
    Result<deploy::HostCommandResult> run(const QStringList& argv, int timeoutMs, const QByteArray& stdinData = {},
                                          bool sudo = false);

    // SFTP. Paths are absolute, or relative to the login directory; "~" and "~/..." mean the login directory.
    // The absolute form of `path` ("~/..." resolved through the SFTP server; other paths unchanged).
    Result<QString> resolvePath(const QString& path);
    Result<deploy::HostFileInfo> stat(const QString& path);
    // A regular file only: a symbolic link, FIFO, device or socket is refused before it is opened (SFTP open
    // follows links and would block the server on a FIFO), the opened handle must be the file looked at (fstat
    // against lstat), and more than kMaxSftpReadBytes is refused.
    Result<QByteArray> readFile(const QString& path);
    // Temporary file next to `path` (O_EXCL, `mode`), written, fsync@openssh.com when offered, renamed over `path`.
    // uid/gid >= 0: the temporary file is chowned before the rename (needs the right to do so). SFTP v3 can change
    // mode and owner only by path (following links), so that happens only in a directory nobody else may change;
    // elsewhere the mode set at creation must already be right and a change of owner is refused. After the rename
    // `path` must be the file written (a link or file swapped in is reported).
    Status writeFileAtomic(const QString& path, const QByteArray& data, uint mode, int uid = -1, int gid = -1);
    Status removeFile(const QString& path);
    Status makeDirectories(const QString& path, uint mode);

    // A long-running command whose stdio is a byte stream (the bot protocol over SSH: `certdeck-bot serve`).
    // The channel must not outlive this session (after disconnect() it only reports "disconnected").
    class Channel
    {
    public:
        virtual ~Channel() = default;
        virtual Status write(const QByteArray& data) = 0;
        // Waits up to timeoutMs for output; returns what arrived (empty on timeout). Error kind "disconnected" once
        // the command ended or the connection died.
        virtual Result<QByteArray> read(int timeoutMs) = 0;
        virtual void close() = 0;
        // Thread-safe: makes a read() that is waiting on another thread return early (empty) now.
        virtual void wakeUp() = 0;
    };
    Result<std::unique_ptr<Channel>> openCommand(const QStringList& argv, bool sudo = false);

    struct Impl; // implementation detail (SshSessionImpl.h); named here so the .cpp helpers can use it

private:
    std::unique_ptr<Impl> d;
};

} // namespace certdeck::bots
