#include "engine/bots/SshTransport.h"

#include "engine/core/Log.h"

#include <QMetaObject>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace certdeck::bots {
namespace {

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("bots");
}

} // namespace

struct SshTransport::Shared
{
    std::mutex mutex;
    std::condition_variable finishedChanged;
    SshTransport* owner = nullptr; // null once the transport stopped this worker or went away
    QList<QByteArray> outgoing;
    SshSession::Channel* channel = nullptr; // set while the command runs (worker-owned)
    bool stopRequested = false;
    bool finished = false;

    // Queues `function` on the owner's thread, unless the owner is no longer interested.
    template <typename F>
    void post(F function)
    {
        const std::lock_guard lock(mutex);
        if (owner != nullptr && !stopRequested) {
            QMetaObject::invokeMethod(owner, std::move(function), Qt::QueuedConnection);
        }
    }

    void wake()
    {
        if (channel != nullptr) {
            channel->wakeUp();
        }
    }
};

SshTransport::SshTransport(SshEndpoint endpoint, QString pinnedFingerprint, CredentialsProvider credentials,
                           QStringList remoteArgv, bool useSudo, QObject* parent)
    : BotTransport(parent)
    , m_endpoint(std::move(endpoint))
    , m_pinnedFingerprint(std::move(pinnedFingerprint))
    , m_credentials(std::move(credentials))
    , m_remoteArgv(std::move(remoteArgv))
    , m_useSudo(useSudo)
{
}

SshTransport::~SshTransport()
{
    stopWorker(3000);
}

void SshTransport::setTimeouts(int connectTimeoutMs, int keepAliveSeconds)
{
    m_connectTimeoutMs = connectTimeoutMs;
    m_keepAliveSeconds = keepAliveSeconds;
}

QString SshTransport::describe() const
{
    return QStringLiteral("ssh ") + m_endpoint.describe();
}

void SshTransport::stopWorker(int waitMs)
{
    if (!m_shared) {
        return;
    }
    std::unique_lock lock(m_shared->mutex);
    m_shared->stopRequested = true;
    m_shared->owner = nullptr;
    m_shared->wake();
    // A worker reading or idle ends at once; one still connecting ends at its connect timeout, on its own.
    m_shared->finishedChanged.wait_for(lock, std::chrono::milliseconds(waitMs),
                                       [shared = m_shared.get()] { return shared->finished; });
    lock.unlock();
    m_shared.reset();
}

void SshTransport::start()
{
    if (m_shared) {
        return; // already running
    }
    m_closedEmitted = false;
    m_shared = std::make_shared<Shared>();
    m_shared->owner = this;
    const std::shared_ptr<Shared> shared = m_shared;
    const SshEndpoint endpoint = m_endpoint;
    const QString pinned = m_pinnedFingerprint;
    const CredentialsProvider provider = m_credentials;
    const QStringList argv = m_remoteArgv;
    const bool sudo = m_useSudo;
    const int connectTimeoutMs = m_connectTimeoutMs;
    const int keepAliveSeconds = m_keepAliveSeconds;
    logger()->info("starting the bot over {}", describe().toStdString());

    // The worker emits through queued calls on this object while it is still wanted (Shared::post); queued calls
    // of a destroyed object are discarded by Qt.
    std::thread worker([this, shared, endpoint, pinned, provider, argv, sudo, connectTimeoutMs, keepAliveSeconds] {
        struct Finish
        {
            Shared* shared;
            ~Finish()
            {
                const std::lock_guard lock(shared->mutex);
                shared->finished = true;
                shared->finishedChanged.notify_all();
            }
        } finish{shared.get()};
        auto postFailed = [this, shared](const QString& message) {
            shared->post([this, message] { Q_EMIT failed(message); });
        };
        auto stopping = [shared] {
            const std::lock_guard lock(shared->mutex);
            return shared->stopRequested;
        };

        SshSession session;
        {
            Result<SshCredentials> credentials =
                provider
                    ? provider()
                    : Result<SshCredentials>(fail(QStringLiteral("no credentials for %1").arg(endpoint.describe())));
            if (!credentials) {
                postFailed(credentials.message());
                return;
            }
            const Status connected =
                session.connect(endpoint, pinned, *credentials, connectTimeoutMs, keepAliveSeconds);
            credentials->wipe();
            if (!connected) {
                postFailed(connected.message());
                return;
            }
        }
        QStringList command = argv;
        if (!command.isEmpty()) {
            const Result<QString> program = session.resolvePath(command.constFirst());
            if (!program) {
                postFailed(program.message());
                return;
            }
            command.first() = *program;
        }
        Result<std::unique_ptr<SshSession::Channel>> opened = session.openCommand(command, sudo);
        if (!opened) {
            postFailed(opened.message());
            return;
        }
        std::unique_ptr<SshSession::Channel> channel = std::move(*opened);
        {
            const std::lock_guard lock(shared->mutex);
            shared->channel = channel.get();
            if (shared->stopRequested) {
                shared->channel = nullptr;
                return;
            }
        }
        shared->post([this] { Q_EMIT started(); });

        QByteArray buffer;
        QString failure;
        for (;;) {
            QList<QByteArray> lines;
            {
                const std::lock_guard lock(shared->mutex);
                if (shared->stopRequested) {
                    break;
                }
                lines.swap(shared->outgoing);
            }
            for (QByteArray& line : lines) {
                line.append('\n');
                if (Status written = channel->write(line); !written) {
                    failure = written.message();
                    break;
                }
            }
            if (!failure.isEmpty()) {
                break;
            }
            Result<QByteArray> received = channel->read(30000);
            if (!received) {
                failure = received.message();
                break;
            }
            buffer.append(*received);
            qsizetype begin = 0;
            for (qsizetype newline; (newline = buffer.indexOf('\n', begin)) >= 0; begin = newline + 1) {
                QByteArray line = buffer.mid(begin, newline - begin);
                if (!line.trimmed().isEmpty()) {
                    shared->post([this, line] { Q_EMIT lineReceived(line); });
                }
            }
            buffer.remove(0, begin);
            if (buffer.size() > kMaxLineBytes) {
                failure = QStringLiteral("the bot on %1 sent a line longer than %2 MiB; it is not a certdeck-bot or it "
                                         "is broken")
                              .arg(endpoint.describe())
                              .arg(kMaxLineBytes / (1024 * 1024));
                break;
            }
        }
        {
            const std::lock_guard lock(shared->mutex);
            shared->channel = nullptr;
        }
        channel->close();
        channel.reset();
        session.disconnect();
        if (!failure.isEmpty() && !stopping()) {
            logger()->warn("bot over ssh {}: {}", endpoint.describe().toStdString(), failure.toStdString());
            postFailed(failure);
        }
    });
    worker.detach();
}

void SshTransport::sendLine(const QByteArray& line)
{
    if (!m_shared) {
        logger()->warn("dropped a message to {}: not started", describe().toStdString());
        return;
    }
    const std::lock_guard lock(m_shared->mutex);
    if (m_shared->stopRequested) {
        return;
    }
    m_shared->outgoing.append(line);
    m_shared->wake();
}

void SshTransport::stop()
{
    stopWorker(3000);
    if (!m_closedEmitted) {
        m_closedEmitted = true;
        Q_EMIT closed();
    }
}

} // namespace certdeck::bots
