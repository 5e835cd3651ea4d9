#pragma once

#include "engine/bots/BotTransport.h"
#include "engine/bots/SshSession.h"
#include "engine/core/Result.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace certdeck::bots {

// Speaks to a bot over SSH: an SshSession on a worker thread of its own runs `remoteArgv` (e.g.
// {"/home/alice/.local/bin/certdeck-bot", "serve"}; a leading "~/" is resolved to the login directory) and its
// stdin/stdout carry the protocol lines. Signals are emitted on the thread that owns this object.
//
// The credentials provider is called on the worker thread just before connecting (read the keychain there); the
// credentials are wiped right after authentication. A connection that dies mid-command fails promptly with
// "... connection to alice@host:22 was lost ...".
class SshTransport : public BotTransport
{
    Q_OBJECT
public:
    using CredentialsProvider = std::function<Result<SshCredentials>()>;

    SshTransport(SshEndpoint endpoint, QString pinnedFingerprint, CredentialsProvider credentials,
                 QStringList remoteArgv, bool useSudo = false, QObject* parent = nullptr);
    // Stops the worker (closes the command, disconnects); waits a moment for it, never for a whole connect timeout.
    ~SshTransport() override;

    void start() override; // emits started() once the remote command runs, or failed()
    void sendLine(const QByteArray& line) override;
    // Closes the command's stdin and the connection (the bot finishes its work and exits). Emits closed().
    void stop() override;
    QString describe() const override; // "ssh alice@host:22"

    void setTimeouts(int connectTimeoutMs, int keepAliveSeconds);

    static constexpr qsizetype kMaxLineBytes = 64 * 1024 * 1024;

    struct Shared; // state shared with the worker thread (SshTransport.cpp)

private:
    void stopWorker(int waitMs);

    SshEndpoint m_endpoint;
    QString m_pinnedFingerprint;
    CredentialsProvider m_credentials;
    QStringList m_remoteArgv;
    bool m_useSudo = false;
    int m_connectTimeoutMs = 15000;
    int m_keepAliveSeconds = 30;
    std::shared_ptr<Shared> m_shared; // of the current worker (each start() has its own)
    bool m_closedEmitted = false;
};

} // namespace certdeck::bots
