#include "engine/bots/SshSession.h"

#include "engine/bots/RemoteShell.h"
#include "engine/bots/SshSessionImpl.h"
#include "engine/core/Log.h"

#include <QDeadlineTimer>

#include <openssl/crypto.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <fcntl.h>

namespace certdeck::bots {
namespace {

constexpr int kReadChunk = 64 * 1024;
constexpr int kStopTimeoutMs = 10000; // stopping a timed-out command's processes
// $1: a process group. TERM, a second later KILL, then exit status 1 if a process of the group is still alive
// (zombies are dead: they only wait for their parent). Reads /proc/<pid>/stat, "pid (comm) state ppid pgrp ...";
// comm may hold anything, so fields are counted after its last ") ".
constexpr char kStopGroupScript[] = R"(g=$1
kill -s TERM -- "-$g" 2>/dev/null || exit 0
sleep 1
kill -s KILL -- "-$g" 2>/dev/null
sleep 0.2
for f in /proc/[0-9]*/stat; do
  read -r line < "$f" 2>/dev/null || continue
  set -- ${line##*) }
  if [ "$3" = "$g" ] && [ "$1" != Z ]; then echo "process $g is still running" >&2; exit 1; fi
done
exit 0)";

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("engine.bots.ssh");
}

QString hostPort(const SshEndpoint& endpoint)
{
    const QString host =
        endpoint.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + endpoint.host + QLatin1Char(']') : endpoint.host;
    return host + QLatin1Char(':') + QString::number(endpoint.port);
}

QString lastError(ssh_session session)
{
    return QString::fromUtf8(ssh_get_error(session));
}

// Which server key an SSH_FINGERPRINT looks like when shown: "SHA256:" + unpadded base64, as ssh-keygen -lf.
QString normalizedFingerprint(QString text)
{
    text = text.trimmed();
    if (text.startsWith(QLatin1String("SHA256:"), Qt::CaseInsensitive)) {
        text = text.mid(7);
    }
    while (text.endsWith(QLatin1Char('='))) {
        text.chop(1);
    }
    return QStringLiteral("SHA256:") + text;
}

Result<SshHostKey> serverHostKey(ssh_session session)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(session, &key) != SSH_OK || key == nullptr) {
        return fail(QStringLiteral("the server sent no host key: %1").arg(lastError(session)),
                    QStringLiteral("hostKey"));
    }
    unsigned char* hash = nullptr;
    size_t length = 0;
    const int rc = ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length);
    SshHostKey result;
    result.type = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    ssh_key_free(key);
    if (rc != SSH_OK || hash == nullptr) {
        return fail(QStringLiteral("could not compute the fingerprint of the server's host key"),
                    QStringLiteral("hostKey"));
    }
    result.fingerprintSha256 =
        QStringLiteral("SHA256:") +
        QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(hash), qsizetype(length))
                                .toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
    ssh_clean_pubkey_hash(&hash);
    return result;
}

// A fresh libssh session for `endpoint` that reads no ~/.ssh/config and consults no known_hosts file: host keys are
// checked against the pinned fingerprint only.
Result<ssh_session> newSession(const SshEndpoint& endpoint, int timeoutMs)
{
    ssh_session session = ssh_new();
    if (session == nullptr) {
        return fail(QStringLiteral("could not create an SSH session (out of memory?)"), QStringLiteral("unreachable"));
    }
    const QByteArray host = endpoint.host.toUtf8();
    const QByteArray user = endpoint.user.toUtf8();
    const unsigned int port = unsigned(endpoint.port);
    const long seconds = std::max(1L, long((timeoutMs + 999) / 1000));
    const int processConfig = 0;
    ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &processConfig);
    ssh_options_set(session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(session, SSH_OPTIONS_PORT, &port);
    if (!user.isEmpty()) {
        ssh_options_set(session, SSH_OPTIONS_USER, user.constData());
    }
    ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &seconds);
    ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
    ssh_options_set(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    // SFTP writes wait for each reply: with Nagle's algorithm every one also waited for a delayed ACK (about 40 ms),
    // which made copying the 50 MB certdeck-bot take about 50 s even on loopback.
    const int noDelay = 1;
    ssh_options_set(session, SSH_OPTIONS_NODELAY, &noDelay);
    return session;
}

Status connectSocket(ssh_session session, const SshEndpoint& endpoint, int timeoutMs)
{
    if (ssh_connect(session) == SSH_OK) {
        return {};
    }
    const QString detail = lastError(session);
    if (detail.contains(QLatin1String("timeout"), Qt::CaseInsensitive) ||
        detail.contains(QLatin1String("timed out"), Qt::CaseInsensitive)) {
        return fail(QStringLiteral("Connecting to %1 timed out after %2 s (%3). Check the host name and port, and "
                                   "that no firewall drops the connection.")
                        .arg(endpoint.describe())
                        .arg((timeoutMs + 999) / 1000)
                        .arg(detail),
                    QStringLiteral("timeout"));
    }
    return fail(QStringLiteral("Could not connect to %1: %2. Check the host name and port, and that an SSH server "
                               "runs there and is reachable from this machine.")
                    .arg(endpoint.describe(), detail),
                QStringLiteral("unreachable"));
}

Status authenticateWithKey(ssh_session session, const SshEndpoint& endpoint, const SshCredentials& credentials)
{
    ssh_key key = nullptr;
    const char* passphrase = credentials.passphrase.isEmpty() ? nullptr : credentials.passphrase.constData();
    // QByteArray data is always NUL-terminated; libssh reads the key from memory (no temp file).
    if (ssh_pki_import_privkey_base64(credentials.privateKey.constData(), passphrase, nullptr, nullptr, &key) !=
            SSH_OK ||
        key == nullptr) {
        return fail(
            QStringLiteral("The private key for %1 could not be read: the passphrase is wrong, or it is not an "
                           "OpenSSH or PEM private key. Check the key and its passphrase in the bot's settings.")
                .arg(endpoint.describe()),
            QStringLiteral("authentication"));
    }
    const int rc = ssh_userauth_publickey(session, nullptr, key);
    ssh_key_free(key);
    if (rc == SSH_AUTH_SUCCESS) {
        return {};
    }
    if (rc == SSH_AUTH_ERROR && ssh_is_connected(session) == 0) {
        return fail(QStringLiteral("The connection to %1 was lost during authentication: %2")
                        .arg(endpoint.describe(), lastError(session)),
                    QStringLiteral("disconnected"));
    }
    return fail(QStringLiteral("Authentication as %1 failed: the server did not accept the key. Check that its public "
                               "key is in ~%2/.ssh/authorized_keys on the host and that the user name is right.")
                    .arg(endpoint.describe(), endpoint.user),
                QStringLiteral("authentication"));
}

int keyboardInteractive(ssh_session session, const QByteArray& password)
{
    int rc = ssh_userauth_kbdint(session, nullptr, nullptr);
    for (int round = 0; rc == SSH_AUTH_INFO && round < 5; ++round) {
        const int prompts = ssh_userauth_kbdint_getnprompts(session);
        for (int i = 0; i < prompts; ++i) {
            char echo = 0;
            ssh_userauth_kbdint_getprompt(session, unsigned(i), &echo);
            ssh_userauth_kbdint_setanswer(session, unsigned(i), echo ? "" : password.constData());
        }
        rc = ssh_userauth_kbdint(session, nullptr, nullptr);
    }
    return rc;
}

Status authenticateWithPassword(ssh_session session, const SshEndpoint& endpoint, const SshCredentials& credentials)
{
    int rc = ssh_userauth_none(session, nullptr);
    if (rc == SSH_AUTH_SUCCESS) {
        return {};
    }
    const int methods = ssh_userauth_list(session, nullptr);
    rc = SSH_AUTH_DENIED;
    if (methods & SSH_AUTH_METHOD_PASSWORD) {
        rc = ssh_userauth_password(session, nullptr, credentials.password.constData());
    }
    if (rc != SSH_AUTH_SUCCESS && rc != SSH_AUTH_ERROR && (methods & SSH_AUTH_METHOD_INTERACTIVE)) {
        rc = keyboardInteractive(session, credentials.password);
    }
    if (rc == SSH_AUTH_SUCCESS) {
        return {};
    }
    if (rc == SSH_AUTH_ERROR && ssh_is_connected(session) == 0) {
        return fail(QStringLiteral("The connection to %1 was lost during authentication: %2")
                        .arg(endpoint.describe(), lastError(session)),
                    QStringLiteral("disconnected"));
    }
    if (!(methods & (SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE))) {
        return fail(QStringLiteral("Authentication as %1 failed: the server does not allow password logins. Use key "
                                   "authentication, or enable PasswordAuthentication on the server.")
                        .arg(endpoint.describe()),
                    QStringLiteral("authentication"));
    }
    return fail(QStringLiteral("Authentication as %1 failed: the server did not accept the password. Check the user "
                               "name and the password stored for this bot.")
                    .arg(endpoint.describe()),
                QStringLiteral("authentication"));
}

// Reads what is available on stdout (0) or stderr (1) without waiting; -1 on a broken connection.
int drain(ssh_channel channel, int stream, QByteArray* into)
{
    char buffer[kReadChunk];
    int total = 0;
    for (;;) {
        const int n = ssh_channel_read_nonblocking(channel, buffer, sizeof buffer, stream);
        if (n == SSH_ERROR) {
            return -1;
        }
        if (n <= 0) {
            return total;
        }
        into->append(buffer, n);
        total += n;
    }
}

// True when the server closes the connection within timeoutMs (peeked on the socket, so libssh's state is untouched).
bool peerClosedSoon(ssh_session session, int timeoutMs)
{
    if (ssh_is_connected(session) == 0) {
        return true;
    }
    const int fd = ssh_get_fd(session);
    if (fd < 0) {
        return true;
    }
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        pollfd entry{fd, POLLIN, 0};
        const int ready = ::poll(&entry, 1, int(std::min<qint64>(deadline.remainingTime(), 100)));
        if (ready > 0) {
            char byte = 0;
            const ssize_t peeked = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
            if (peeked == 0 || (peeked < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                return true;
            }
            return false; // data from a live server
        }
    }
    return false;
}

// Waits until the session's socket has data, or `wakeFd` (if >= 0) is written, at most timeoutMs.
void waitForInput(ssh_session session, int wakeFd, int timeoutMs)
{
    pollfd fds[2] = {{ssh_get_fd(session), POLLIN, 0}, {wakeFd, POLLIN, 0}};
    ::poll(fds, wakeFd >= 0 ? 2 : 1, timeoutMs);
}

} // namespace

void SshCredentials::wipe()
{
    for (QByteArray* secret : {&privateKey, &passphrase, &password}) {
        if (!secret->isEmpty()) {
            secret->detach();
            OPENSSL_cleanse(secret->data(), size_t(secret->size()));
        }
        secret->clear();
    }
}

QString SshEndpoint::describe() const
{
    return (user.isEmpty() ? QString() : user + QLatin1Char('@')) + hostPort(*this);
}

// ---- Impl ----

SshSession::Impl::~Impl()
{
    stopKeepAlive();
    const std::lock_guard lock(mutex);
    freeHandles();
}

void SshSession::Impl::freeHandles()
{
    if (sftp != nullptr) {
        sftp_free(sftp);
        sftp = nullptr;
    }
    if (session != nullptr) {
        if (ssh_is_connected(session)) {
            ssh_disconnect(session);
        }
        ssh_free(session);
        session = nullptr;
    }
    connected = false;
    home.clear();
    ++generation;
}

void SshSession::Impl::startKeepAlive()
{
    stopKeepAlive();
    if (keepAliveSeconds <= 0) {
        return;
    }
    keepAliveStop = false;
    keepAliveThread = std::thread([this] {
        std::unique_lock wait(keepAliveMutex);
        while (!keepAliveStop) {
            keepAliveWake.wait_for(wait, std::chrono::seconds(keepAliveSeconds));
            if (keepAliveStop) {
                break;
            }
            // Busy (a command or a channel read runs): that loop sends keep-alives itself.
            std::unique_lock session(mutex, std::try_to_lock);
            if (session.owns_lock()) {
                keepAliveIfDue();
            }
        }
    });
}

void SshSession::Impl::stopKeepAlive()
{
    if (!keepAliveThread.joinable()) {
        return;
    }
    {
        const std::lock_guard lock(keepAliveMutex);
        keepAliveStop = true;
    }
    keepAliveWake.notify_all();
    keepAliveThread.join();
}

void SshSession::Impl::keepAliveIfDue()
{
    if (!connected || session == nullptr || keepAliveSeconds <= 0) {
        return;
    }
    if (lastSent.isValid() && lastSent.elapsed() < qint64(keepAliveSeconds) * 1000) {
        return;
    }
    // SSH_MSG_IGNORE: keeps NAT and firewall state alive and lets TCP notice a dead peer; needs no reply.
    ssh_send_ignore(session, "");
    lastSent.restart();
}

Error SshSession::Impl::lostConnection(const QString& during) const
{
    return fail(QStringLiteral("The connection to %1 was lost %2 (%3). Check that the host is up and reachable, then "
                               "try again.")
                    .arg(endpoint.describe(), during, session ? lastError(session) : QStringLiteral("not connected")),
                QStringLiteral("disconnected"));
}

// ---- SshSession ----

SshSession::SshSession()
    : d(std::make_unique<Impl>())
{
}

SshSession::~SshSession() = default;

Result<SshHostKey> SshSession::fetchHostKey(const SshEndpoint& endpoint, int timeoutMs)
{
    Result<ssh_session> created = newSession(endpoint, timeoutMs);
    if (!created) {
        return created.error();
    }
    ssh_session session = *created;
    const Status connected = connectSocket(session, endpoint, timeoutMs);
    Result<SshHostKey> key = connected ? serverHostKey(session) : Result<SshHostKey>(connected.error());
    ssh_disconnect(session);
    ssh_free(session);
    return key;
}

Status SshSession::connect(const SshEndpoint& endpoint, const QString& pinnedFingerprint,
                           const SshCredentials& credentials, int timeoutMs, int keepAliveSeconds)
{
    disconnect();
    Result<ssh_session> created = newSession(endpoint, timeoutMs);
    if (!created) {
        return created.error();
    }
    ssh_session session = *created;
    auto giveUp = [session](Error error) -> Status {
        ssh_disconnect(session);
        ssh_free(session);
        return error;
    };
    logger()->info("connecting to {}", endpoint.describe().toStdString());
    if (Status status = connectSocket(session, endpoint, timeoutMs); !status) {
        return giveUp(status.error());
    }
    const Result<SshHostKey> offered = serverHostKey(session);
    if (!offered) {
        return giveUp(offered.error());
    }
    if (pinnedFingerprint.trimmed().isEmpty()) {
        return giveUp(fail(QStringLiteral("The host key of %1 (%2 %3) has not been confirmed yet. Compare the "
                                          "fingerprint with the one the server's administrator gives you, then confirm "
                                          "it before connecting.")
                               .arg(hostPort(endpoint), offered->type, offered->fingerprintSha256),
                           QStringLiteral("hostKeyUnconfirmed")));
    }
    if (normalizedFingerprint(pinnedFingerprint) != offered->fingerprintSha256) {
        logger()->warn("host key of {} changed: pinned {}, offered {}", hostPort(endpoint).toStdString(),
                       pinnedFingerprint.toStdString(), offered->fingerprintSha256.toStdString());
        return giveUp(fail(QStringLiteral("The host key of %1 has CHANGED: the pinned key is %2, the server now offers "
                                          "%3 %4. This happens when the server was reinstalled, but it can also mean "
                                          "that someone intercepts the connection, so nothing was sent. Verify the new "
                                          "fingerprint with the server's administrator; only then remove the pinned "
                                          "key and confirm the new one.")
                               .arg(hostPort(endpoint), normalizedFingerprint(pinnedFingerprint), offered->type,
                                    offered->fingerprintSha256),
                           QStringLiteral("hostKeyChanged")));
    }
    const Status authenticated = credentials.method == SshCredentials::Method::Key
                                     ? authenticateWithKey(session, endpoint, credentials)
                                     : authenticateWithPassword(session, endpoint, credentials);
    if (!authenticated) {
        logger()->warn("{}", authenticated.message().toStdString());
        return giveUp(authenticated.error());
    }
    {
        const std::lock_guard lock(d->mutex);
        d->session = session;
        d->endpoint = endpoint;
        d->connected = true;
        d->keepAliveSeconds = keepAliveSeconds;
        d->lastSent.restart();
    }
    d->startKeepAlive();
    logger()->info("connected to {}", endpoint.describe().toStdString());
    return {};
}

bool SshSession::isConnected() const
{
    const std::lock_guard lock(d->mutex);
    return d->connected && d->session != nullptr && ssh_is_connected(d->session) != 0;
}

const SshEndpoint& SshSession::endpoint() const
{
    return d->endpoint;
}

void SshSession::disconnect()
{
    d->stopKeepAlive();
    const std::lock_guard lock(d->mutex);
    if (d->session != nullptr) {
        logger()->info("disconnecting from {}", d->endpoint.describe().toStdString());
    }
    d->freeHandles();
}

Result<deploy::HostCommandResult> SshSession::run(const QStringList& argv, int timeoutMs, const QByteArray& stdinData,
                                                  bool sudo)
{
    const std::lock_guard lock(d->mutex);
    return d->runLocked(argv, timeoutMs, stdinData, sudo);
}

QString SshSession::Impl::stopGroupLocked(qint64 group, bool sudo)
{
    if (group <= 1) {
        return QStringLiteral("it was abandoned (the host did not say which processes to stop).");
    }
    if (stoppingGroup) { // the stop script itself timed out: do not stop the stopper
        return QStringLiteral("it was abandoned.");
    }
    stoppingGroup = true;
    // Constant script; the group number is its argument. TERM first, KILL for whatever is left a second later, then a
    // check that nothing of the group is left (exit status 1 otherwise).
    const QStringList stop{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QString::fromLatin1(kStopGroupScript),
                           QStringLiteral("certdeck-stop"), QString::number(group)};
    const Result<deploy::HostCommandResult> stopped = runLocked(stop, kStopTimeoutMs, {}, sudo);
    stoppingGroup = false;
    if (!stopped || stopped->exitCode != 0) {
        return QStringLiteral("it was abandoned, and stopping its processes on the host failed: %1")
            .arg(stopped ? QString::fromUtf8(stopped->standardError).trimmed() : stopped.message());
    }
    return QStringLiteral("its process group %1 on the host was stopped (SIGTERM, then SIGKILL for what remained).")
        .arg(group);
}

Result<deploy::HostCommandResult> SshSession::Impl::runLocked(const QStringList& argv, int timeoutMs,
                                                              const QByteArray& stdinData, bool sudo)
{
    SshSession::Impl* const d = this;
    const QByteArray command = shellCommandReportingGroup(argv, sudo);
    if (command.isEmpty()) {
        return fail(QStringLiteral("Cannot run an empty command or an argument that contains a NUL byte."),
                    QStringLiteral("commandFailed"));
    }
    if (!d->connected || d->session == nullptr) {
        return fail(QStringLiteral("Not connected to %1.").arg(d->endpoint.describe()), QStringLiteral("disconnected"));
    }
    const QString program = argv.constFirst();
    ssh_channel channel = ssh_channel_new(d->session);
    if (channel == nullptr || ssh_channel_open_session(channel) != SSH_OK ||
        ssh_channel_request_exec(channel, command.constData()) != SSH_OK) {
        const Error error = ssh_is_connected(d->session)
                                ? fail(QStringLiteral("Could not start %1 on %2: %3")
                                           .arg(program, d->endpoint.describe(), lastError(d->session)),
                                       QStringLiteral("commandFailed"))
                                : d->lostConnection(QStringLiteral("while starting %1").arg(program));
        if (channel != nullptr) {
            ssh_channel_free(channel);
        }
        return error;
    }
    d->lastSent.restart();
    auto closeChannel = [channel] {
        ssh_channel_close(channel);
        ssh_channel_free(channel);
    };
    if (!stdinData.isEmpty() &&
        ssh_channel_write(channel, stdinData.constData(), uint32_t(stdinData.size())) != int(stdinData.size())) {
        const bool alive = ssh_is_connected(d->session) != 0;
        closeChannel();
        if (!alive) {
            return d->lostConnection(QStringLiteral("while running %1").arg(program));
        }
        return fail(QStringLiteral("%1 on %2 stopped reading its input.").arg(program, d->endpoint.describe()),
                    QStringLiteral("commandFailed"));
    }
    ssh_channel_send_eof(channel);

    deploy::HostCommandResult result;
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        const int out = drain(channel, 0, &result.standardOutput);
        const int err = drain(channel, 1, &result.standardError);
        if (out < 0 || err < 0 || ssh_is_connected(d->session) == 0) {
            closeChannel();
            d->connected = false;
            return d->lostConnection(QStringLiteral("while running %1").arg(program));
        }
        if (deadline.hasExpired()) {
            closeChannel();
            const qint64 group = takeReportedGroup(&result.standardError);
            return fail(QStringLiteral("%1 on %2 did not finish within %3 s; %4")
                            .arg(program, d->endpoint.describe())
                            .arg(timeoutMs / 1000)
                            .arg(stopGroupLocked(group, sudo)),
                        QStringLiteral("timeout"));
        }
        if (out > 0 || err > 0) {
            continue; // handling packets for one stream may have filled the other: drain again before waiting
        }
        if (ssh_channel_is_eof(channel)) {
            break;
        }
        d->keepAliveIfDue();
        waitForInput(d->session, -1, int(std::min<qint64>(deadline.remainingTime(), 1000)));
    }
    result.exitCode = ssh_channel_get_exit_status(channel);
    (void)takeReportedGroup(&result.standardError);
    if (result.exitCode == SSH_ERROR && peerClosedSoon(d->session, 1000)) {
        // No exit status because the connection went away (not because the command was killed by a signal).
        closeChannel();
        d->connected = false;
        return d->lostConnection(QStringLiteral("while running %1").arg(program));
    }
    closeChannel();
    return result;
}

// ---- Channel ----

namespace {

class CommandChannel : public SshSession::Channel
{
public:
    CommandChannel(SshSession::Impl* d, ssh_channel channel, QString program)
        : m_d(d)
        , m_channel(channel)
        , m_generation(d->generation)
        , m_program(std::move(program))
    {
        if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
            m_wake[0] = m_wake[1] = -1;
        }
    }
    ~CommandChannel() override
    {
        close();
        for (const int fd : m_wake) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }

    Status write(const QByteArray& data) override
    {
        const std::lock_guard lock(m_d->mutex);
        if (!usable()) {
            return ended();
        }
        if (ssh_channel_write(m_channel, data.constData(), uint32_t(data.size())) != int(data.size())) {
            return brokenOrEnded();
        }
        m_d->lastSent.restart();
        return {};
    }

    Result<QByteArray> read(int timeoutMs) override
    {
        const QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            {
                const std::lock_guard lock(m_d->mutex);
                if (!usable()) {
                    return ended();
                }
                QByteArray data;
                const int out = drain(m_channel, 0, &data);
                QByteArray errors;
                const int err = drain(m_channel, 1, &errors);
                logStderr(errors);
                if (!data.isEmpty()) {
                    return data;
                }
                if (err > 0) {
                    continue; // handling packets for stderr may have brought stdout: drain again before waiting
                }
                if (out < 0 || err < 0 || ssh_is_connected(m_d->session) == 0 || ssh_channel_is_eof(m_channel)) {
                    return brokenOrEnded();
                }
                if (deadline.hasExpired()) {
                    return QByteArray();
                }
                m_d->keepAliveIfDue();
                const int slice = int(std::min<qint64>(deadline.remainingTime(), 250));
                waitForInput(m_d->session, m_wake[0], slice);
            }
            char sink[64];
            if (m_wake[0] >= 0 && ::read(m_wake[0], sink, sizeof sink) > 0) {
                while (::read(m_wake[0], sink, sizeof sink) > 0) {
                }
                return QByteArray();
            }
        }
    }

    void close() override
    {
        const std::lock_guard lock(m_d->mutex);
        if (m_channel != nullptr && usable()) {
            ssh_channel_send_eof(m_channel);
            ssh_channel_close(m_channel);
            ssh_channel_free(m_channel);
        }
        m_channel = nullptr;
    }

    void wakeUp() override
    {
        if (m_wake[1] >= 0) {
            const char byte = 1;
            [[maybe_unused]] const auto n = ::write(m_wake[1], &byte, 1);
        }
    }

private:
    bool usable() const { return m_channel != nullptr && m_d->session != nullptr && m_d->generation == m_generation; }

    Error ended() const
    {
        return fail(QStringLiteral("%1 on %2 is no longer running (the connection was closed).")
                        .arg(m_program, m_d->endpoint.describe()),
                    QStringLiteral("disconnected"));
    }

    // mutex held
    Error brokenOrEnded()
    {
        if (m_d->session == nullptr || ssh_is_connected(m_d->session) == 0) {
            m_d->connected = false;
            return m_d->lostConnection(QStringLiteral("while %1 was running").arg(m_program));
        }
        const int status = ssh_channel_get_exit_status(m_channel);
        QString message = QStringLiteral("%1 on %2 exited").arg(m_program, m_d->endpoint.describe());
        if (status >= 0) {
            message += QStringLiteral(" with status %1").arg(status);
        }
        if (!m_lastStderrLine.isEmpty()) {
            message += QStringLiteral(": ") + m_lastStderrLine;
        }
        return fail(message, QStringLiteral("disconnected"));
    }

    void logStderr(const QByteArray& bytes)
    {
        m_stderr.append(bytes);
        qsizetype newline;
        while ((newline = m_stderr.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(m_stderr.left(newline)).trimmed();
            m_stderr.remove(0, newline + 1);
            if (!line.isEmpty()) {
                m_lastStderrLine = line;
                logger()->info("{} (remote): {}", m_d->endpoint.describe().toStdString(), line.toStdString());
            }
        }
        if (m_stderr.size() > 64 * 1024) {
            m_stderr.clear();
        }
    }

    SshSession::Impl* m_d;
    ssh_channel m_channel;
    quint64 m_generation;
    QString m_program;
    QByteArray m_stderr;
    QString m_lastStderrLine;
    int m_wake[2] = {-1, -1};
};

} // namespace

Result<std::unique_ptr<SshSession::Channel>> SshSession::openCommand(const QStringList& argv, bool sudo)
{
    const QByteArray command = shellCommand(argv, sudo);
    if (command.isEmpty()) {
        return fail(QStringLiteral("Cannot run an empty command or an argument that contains a NUL byte."),
                    QStringLiteral("commandFailed"));
    }
    const std::lock_guard lock(d->mutex);
    if (!d->connected || d->session == nullptr) {
        return fail(QStringLiteral("Not connected to %1.").arg(d->endpoint.describe()), QStringLiteral("disconnected"));
    }
    ssh_channel channel = ssh_channel_new(d->session);
    if (channel == nullptr || ssh_channel_open_session(channel) != SSH_OK ||
        ssh_channel_request_exec(channel, command.constData()) != SSH_OK) {
        const bool alive = ssh_is_connected(d->session) != 0;
        const QString detail = lastError(d->session);
        if (channel != nullptr) {
            ssh_channel_free(channel);
        }
        if (!alive) {
            return d->lostConnection(QStringLiteral("while starting %1").arg(argv.constFirst()));
        }
        return fail(
            QStringLiteral("Could not start %1 on %2: %3").arg(argv.constFirst(), d->endpoint.describe(), detail),
            QStringLiteral("commandFailed"));
    }
    d->lastSent.restart();
    return std::unique_ptr<Channel>(std::make_unique<CommandChannel>(d.get(), channel, argv.constFirst()));
}

} // namespace certdeck::bots
