#pragma once

// Private to SshSession*.cpp: the libssh handles behind SshSession and the helpers its parts share.

#include "engine/bots/SshSession.h"

#include <QElapsedTimer>

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace certdeck::bots {

struct SshSession::Impl
{
    ~Impl();

    ssh_session session = nullptr;
    sftp_session sftp = nullptr;
    SshEndpoint endpoint;
    bool connected = false;
    QString home; // the login directory, once asked (resolves "~/...")
    // Bumped on every disconnect: a Channel of an earlier connection never touches freed libssh handles.
    quint64 generation = 0;

    // One libssh call at a time: the owner's thread (public methods, channels) and the keep-alive thread.
    std::mutex mutex;

    // Keep-alive: an SSH_MSG_IGNORE after keepAliveSeconds without traffic we sent.
    int keepAliveSeconds = 30;
    QElapsedTimer lastSent;
    std::thread keepAliveThread;
    std::mutex keepAliveMutex;
    std::condition_variable keepAliveWake;
    bool keepAliveStop = false;

    void startKeepAlive();
    void stopKeepAlive();
    void keepAliveIfDue(); // mutex held
    void freeHandles();    // mutex held

    // Messages (mutex held).
    Error lostConnection(const QString& during) const;
    Error sftpError(const QString& action, const QString& path) const;
    Status ensureSftp();
    // Stops a timed-out command's process group on the host (RemoteShell's reported group); says what happened.
    QString stopGroupLocked(qint64 group, bool sudo);
    bool stoppingGroup = false;
    Result<deploy::HostCommandResult> runLocked(const QStringList& argv, int timeoutMs, const QByteArray& stdinData,
                                                bool sudo);
    Result<QString> resolve(const QString& path); // "~" and "~/x" -> the login directory
    int userId = -1;                              // of the login, once asked
    Result<uint> loginUserId();
    QString directoryOthersMayChange(const QString& directory, uint self);
};

} // namespace certdeck::bots
