#include "engine/discovery/TlsScanner.h"

#include "engine/core/Log.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QThread>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace certdeck::discovery {

namespace {

struct SslCtxDeleter
{
    void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxDeleter>;

// Blocks SIGPIPE in this thread while OpenSSL writes to sockets peers may have closed; a SIGPIPE raised meanwhile
// is consumed before the old mask comes back.
class SigPipeGuard
{
public:
    SigPipeGuard()
    {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        m_alreadyPending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
    }
    ~SigPipeGuard()
    {
        if (!m_alreadyPending) {
            const struct timespec zero = {0, 0};
            while (sigtimedwait(&m_pipe, nullptr, &zero) > 0) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    SigPipeGuard(const SigPipeGuard&) = delete;
    SigPipeGuard& operator=(const SigPipeGuard&) = delete;

private:
    sigset_t m_pipe;
    sigset_t m_old;
    bool m_alreadyPending = false;
};

SslCtxPtr makeClientContext()
{
    SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx) {
        return ctx;
    }
    // We look at what is served, we do not trust it: no verification, and old servers are accepted too.
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
    SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_TICKET);
    SSL_CTX_set_mode(ctx.get(), SSL_MODE_RELEASE_BUFFERS);
    return ctx;
}

// Addresses to try for one target: a literal is one address, a name is resolved (blocking, names are rare).
bool resolve(const ScanTarget& target, std::vector<sockaddr_storage>* out, QString* error)
{
    out->clear();
    sockaddr_storage address = {};
    const QByteArray host = target.host.toLatin1();
    auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
    if (inet_pton(AF_INET, host.constData(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(quint16(target.port));
        out->push_back(address);
        return true;
    }
    if (inet_pton(AF_INET6, host.constData(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(quint16(target.port));
        out->push_back(address);
        return true;
    }
    struct addrinfo hints = {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo* found = nullptr;
    const QByteArray port = QByteArray::number(target.port);
    const QByteArray name = target.host.toUtf8();
    const int rc = ::getaddrinfo(name.constData(), port.constData(), &hints, &found);
    if (rc != 0) {
        *error = QString::fromUtf8(gai_strerror(rc));
        return false;
    }
    for (struct addrinfo* ai = found; ai; ai = ai->ai_next) {
        if (ai->ai_addrlen <= sizeof(sockaddr_storage)) {
            sockaddr_storage copy = {};
            std::memcpy(&copy, ai->ai_addr, ai->ai_addrlen);
            out->push_back(copy);
        }
    }
    ::freeaddrinfo(found);
    if (out->empty()) {
        *error = QStringLiteral("no address");
        return false;
    }
    return true;
}

QString hexOf(const unsigned char* data, unsigned length)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(data), int(length)).toHex());
}

QString sslReason()
{
    const unsigned long code = ERR_peek_last_error();
    const char* reason = code ? ERR_reason_error_string(code) : nullptr;
    ERR_clear_error();
    return reason ? QString::fromLatin1(reason) : QStringLiteral("unknown error");
}

void setError(ScanResult& result, const QString& kind, const QString& text)
{
    result.reached = false;
    result.errorKind = kind;
    result.error = text;
}

QString connectError(int err)
{
    return QStringLiteral("connection failed: %1").arg(QString::fromLocal8Bit(std::strerror(err)));
}

// Classifies a failed SSL_do_handshake.
void handshakeFailed(SSL* ssl, int rc, ScanResult& result)
{
    const int error = SSL_get_error(ssl, rc);
    const int savedErrno = errno;
    if (error == SSL_ERROR_SYSCALL || error == SSL_ERROR_ZERO_RETURN) {
        const unsigned long code = ERR_peek_last_error();
        const bool eof =
            rc == 0 || error == SSL_ERROR_ZERO_RETURN || savedErrno == 0 ||
            (ERR_GET_LIB(code) == ERR_LIB_SSL && ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING);
        ERR_clear_error();
        if (eof) {
            setError(result, QStringLiteral("closed"), QStringLiteral("closed during the TLS handshake"));
        } else if (savedErrno == ECONNRESET) {
            setError(result, QStringLiteral("closed"), QStringLiteral("reset during the TLS handshake"));
        } else {
            setError(result, QStringLiteral("handshake"),
                     QStringLiteral("TLS handshake failed: %1").arg(QString::fromLocal8Bit(std::strerror(savedErrno))));
        }
        return;
    }
    const unsigned long code = ERR_peek_error();
    const int reason = ERR_GET_REASON(code);
    if (ERR_GET_LIB(code) == ERR_LIB_SSL &&
        (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
         reason == SSL_R_RECORD_LENGTH_MISMATCH || reason == SSL_R_UNKNOWN_PROTOCOL || reason == SSL_R_HTTP_REQUEST ||
         reason == SSL_R_UNEXPECTED_RECORD)) {
        ERR_clear_error();
        setError(result, QStringLiteral("notTls"),
                 QStringLiteral("not a TLS server: it answered with another protocol (plain HTTP?)"));
        return;
    }
    setError(result, QStringLiteral("handshake"), QStringLiteral("TLS handshake failed: %1").arg(sslReason()));
}

void collectChain(SSL* ssl, ScanResult& result)
{
    STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl); // client side: the leaf is included
    for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
        unsigned char* der = nullptr;
        const int length = i2d_X509(sk_X509_value(chain, i), &der);
        if (length > 0) {
            result.chainDer.append(QByteArray(reinterpret_cast<const char*>(der), length));
        }
        OPENSSL_free(der);
    }
    X509* leaf = SSL_get0_peer_certificate(ssl);
    if (!leaf) {
        setError(result, QStringLiteral("noCertificate"), QStringLiteral("no certificate served"));
        return;
    }
    if (result.chainDer.isEmpty()) {
        unsigned char* der = nullptr;
        const int length = i2d_X509(leaf, &der);
        if (length > 0) {
            result.chainDer.append(QByteArray(reinterpret_cast<const char*>(der), length));
        }
        OPENSSL_free(der);
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned digestLength = 0;
    if (X509_digest(leaf, EVP_sha256(), digest, &digestLength) == 1) {
        result.fingerprintSha256 = hexOf(digest, digestLength);
    }
    result.protocol = QString::fromLatin1(SSL_get_version(ssl));
    result.reached = true;
}

// What all event loops of one scan share.
struct SharedState
{
    const ScanPlan* plan = nullptr;
    const ScanOptions* options = nullptr;
    SSL_CTX* ctx = nullptr;
    std::atomic<quint64> next{0};
    std::atomic<quint64> done{0};
    std::atomic<qint64> lastProgressMs{0};
    std::mutex progressMutex;
    std::atomic_bool stopped{false};
    QElapsedTimer clock;
};

// One epoll loop driving up to `slots` connections.
class EventLoop
{
public:
    EventLoop(SharedState& shared, int slots)
        : m_shared(shared)
        , m_connections(size_t(qMax(1, slots)))
    {
    }
    ~EventLoop()
    {
        for (Connection& connection : m_connections) {
            closeConnection(connection);
        }
        if (m_epoll >= 0) {
            ::close(m_epoll);
        }
    }
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    void run()
    {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0) {
            log::get("engine.discovery")->error("network discovery: epoll_create1 failed: {}", std::strerror(errno));
            return;
        }
        for (size_t slot = 0; slot < m_connections.size(); ++slot) {
            startNext(slot);
        }
        std::vector<epoll_event> events(m_connections.size());
        qint64 lastSweep = now();
        while (m_active > 0) {
            if (isCancelled()) {
                for (Connection& connection : m_connections) {
                    closeConnection(connection);
                }
                m_active = 0;
                break;
            }
            const int count = ::epoll_wait(m_epoll, events.data(), int(events.size()), 10);
            for (int i = 0; i < count; ++i) {
                const quint64 tag = events[size_t(i)].data.u64;
                const size_t slot = size_t(tag & 0xffffffffu);
                Connection& connection = m_connections[slot];
                if (!connection.active || connection.generation != quint32(tag >> 32)) {
                    continue; // an event of a connection this slot no longer holds
                }
                advance(slot);
            }
            const qint64 t = now();
            if (t - lastSweep >= 5 || count <= 0) {
                lastSweep = t;
                sweepDeadlines(t);
            }
            reportProgress();
        }
    }

    ScanSummary& summary() { return m_summary; }

private:
    enum class State { Idle, Connecting, Handshaking };
    struct Connection
    {
        bool active = false;
        quint32 generation = 0;
        State state = State::Idle;
        int fd = -1;
        SSL* ssl = nullptr;
        quint32 events = 0;
        qint64 startMs = 0;
        qint64 deadlineMs = 0;
        std::vector<sockaddr_storage> addresses;
        size_t addressIndex = 0;
        ScanResult result;
    };

    qint64 now() const { return m_shared.clock.elapsed(); }
    bool isCancelled() const
    {
        return m_shared.stopped.load(std::memory_order_relaxed) ||
               (m_shared.options->cancel && m_shared.options->cancel->load(std::memory_order_relaxed));
    }

    void startNext(size_t slot)
    {
        Connection& connection = m_connections[slot];
        while (!isCancelled()) {
            const quint64 index = m_shared.next.fetch_add(1, std::memory_order_relaxed);
            if (index >= m_shared.plan->total()) {
                return;
            }
            const ScanTarget target = m_shared.plan->at(index);
            connection.active = true;
            ++m_active;
            ++connection.generation;
            connection.result = ScanResult{};
            connection.result.host = target.host;
            connection.result.port = target.port;
            connection.result.serverName = target.serverName;
            connection.startMs = now();
            connection.deadlineMs = connection.startMs + qMax(1, m_shared.options->timeoutMs);
            connection.addressIndex = 0;
            QString resolveError;
            if (!resolve(target, &connection.addresses, &resolveError)) {
                setError(connection.result, QStringLiteral("resolve"),
                         QStringLiteral("cannot resolve %1: %2").arg(target.host, resolveError));
                finish(slot, false);
                continue;
            }
            if (tryConnect(slot)) {
                return;
            }
            // finished already (refused at once, and the like): take the next target
        }
    }

    // Returns true when the connection is in flight, false when it finished.
    bool tryConnect(size_t slot)
    {
        Connection& connection = m_connections[slot];
        while (connection.addressIndex < connection.addresses.size()) {
            const sockaddr_storage& address = connection.addresses[connection.addressIndex];
            const socklen_t length = address.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
            connection.fd = ::socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (connection.fd < 0) {
                setError(connection.result, QStringLiteral("connect"), connectError(errno));
                return finish(slot, false);
            }
            if (::connect(connection.fd, reinterpret_cast<const sockaddr*>(&address), length) == 0) {
                return startHandshake(slot);
            }
            if (errno == EINPROGRESS) {
                connection.state = State::Connecting;
                return watch(slot, EPOLLOUT);
            }
            if (!connectFailed(slot, errno)) {
                return false;
            }
        }
        return false;
    }

    // Records a failed connect; true when another address is left to try (the socket is closed either way).
    bool connectFailed(size_t slot, int err)
    {
        Connection& connection = m_connections[slot];
        closeSocket(connection);
        if (err == ECONNREFUSED) {
            setError(connection.result, QStringLiteral("refused"), QStringLiteral("connection refused"));
        } else {
            setError(connection.result, QStringLiteral("connect"), connectError(err));
        }
        ++connection.addressIndex;
        if (connection.addressIndex < connection.addresses.size()) {
            return true;
        }
        finish(slot, false);
        return false;
    }

    bool watch(size_t slot, quint32 wanted)
    {
        Connection& connection = m_connections[slot];
        if (connection.events == wanted) {
            return true;
        }
        epoll_event event = {};
        event.events = wanted;
        event.data.u64 = (quint64(connection.generation) << 32) | quint64(slot);
        const int op = connection.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        if (::epoll_ctl(m_epoll, op, connection.fd, &event) != 0) {
            setError(connection.result, QStringLiteral("connect"),
                     QStringLiteral("cannot watch the socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
            return finish(slot, false);
        }
        connection.events = wanted;
        return true;
    }

    bool startHandshake(size_t slot)
    {
        Connection& connection = m_connections[slot];
        connection.state = State::Handshaking;
        connection.ssl = SSL_new(m_shared.ctx);
        if (!connection.ssl || SSL_set_fd(connection.ssl, connection.fd) != 1) {
            setError(connection.result, QStringLiteral("handshake"),
                     QStringLiteral("TLS client setup failed: %1").arg(sslReason()));
            return finish(slot, false);
        }
        const QString& serverName = connection.result.serverName;
        if (!serverName.isEmpty() && QHostAddress(serverName).isNull()) {
            const QByteArray sni = serverName.toUtf8();
            SSL_set_tlsext_host_name(connection.ssl, sni.constData());
        }
        SSL_set_connect_state(connection.ssl);
        return handshake(slot);
    }

    bool handshake(size_t slot)
    {
        Connection& connection = m_connections[slot];
        ERR_clear_error();
        const int rc = SSL_do_handshake(connection.ssl);
        if (rc == 1) {
            collectChain(connection.ssl, connection.result);
            return finish(slot, connection.result.reached);
        }
        const int error = SSL_get_error(connection.ssl, rc);
        if (error == SSL_ERROR_WANT_READ) {
            return watch(slot, EPOLLIN);
        }
        if (error == SSL_ERROR_WANT_WRITE) {
            return watch(slot, EPOLLOUT);
        }
        handshakeFailed(connection.ssl, rc, connection.result);
        return finish(slot, false);
    }

    void advance(size_t slot)
    {
        Connection& connection = m_connections[slot];
        bool inFlight = true;
        if (connection.state == State::Connecting) {
            int err = 0;
            socklen_t length = sizeof(err);
            ::getsockopt(connection.fd, SOL_SOCKET, SO_ERROR, &err, &length);
            if (err == 0) {
                inFlight = startHandshake(slot);
            } else if (connectFailed(slot, err)) {
                inFlight = tryConnect(slot);
            } else {
                inFlight = false;
            }
        } else if (connection.state == State::Handshaking) {
            inFlight = handshake(slot);
        }
        if (!inFlight) {
            startNext(slot);
        }
    }

    void sweepDeadlines(qint64 t)
    {
        for (size_t slot = 0; slot < m_connections.size(); ++slot) {
            Connection& connection = m_connections[slot];
            if (connection.active && t >= connection.deadlineMs) {
                setError(connection.result, QStringLiteral("timeout"), QStringLiteral("timed out"));
                connection.result.timeoutStage = connection.state == State::Connecting
                                                     ? QStringLiteral("TCP connection")
                                                     : QStringLiteral("TLS handshake");
                finish(slot, false);
                startNext(slot);
            }
        }
    }

    void closeSocket(Connection& connection)
    {
        if (connection.ssl) {
            SSL_free(connection.ssl);
            connection.ssl = nullptr;
        }
        if (connection.fd >= 0) {
            // Reset instead of a graceful close: no TIME_WAIT per probed endpoint on our side.
            const struct linger reset = {1, 0};
            ::setsockopt(connection.fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
            ::close(connection.fd); // also leaves the epoll set
            connection.fd = -1;
        }
        connection.events = 0;
    }

    void closeConnection(Connection& connection)
    {
        closeSocket(connection);
        connection.active = false;
        connection.state = State::Idle;
    }

    // Always returns false (the connection is no longer in flight), so callers can `return finish(...)`.
    bool finish(size_t slot, bool reached)
    {
        Connection& connection = m_connections[slot];
        closeConnection(connection);
        --m_active;
        ScanResult& result = connection.result;
        result.elapsedMs = int(now() - connection.startMs);
        ++m_summary.scanned;
        if (reached) {
            ++m_summary.tlsFound;
        } else if (result.errorKind == QLatin1String("refused")) {
            ++m_summary.refused;
        } else if (result.errorKind == QLatin1String("timeout")) {
            ++m_summary.timedOut;
        } else if (result.errorKind == QLatin1String("notTls")) {
            ++m_summary.notTls;
        } else {
            ++m_summary.otherErrors;
        }
        const ScanOptions::Keep keep = m_shared.options->keep;
        const bool quiet = result.errorKind == QLatin1String("refused") || result.errorKind == QLatin1String("timeout");
        if (reached || keep == ScanOptions::Keep::All || (keep == ScanOptions::Keep::ReachedAndErrors && !quiet)) {
            m_summary.results.append(std::move(result));
        }
        result = ScanResult{};
        m_shared.done.fetch_add(1, std::memory_order_relaxed);
        reportProgress(); // also between targets that fail at once (refused), so cancel is seen in time
        return false;
    }

    void reportProgress()
    {
        const auto& progress = m_shared.options->progress;
        if (!progress) {
            return;
        }
        const qint64 t = now();
        qint64 last = m_shared.lastProgressMs.load(std::memory_order_relaxed);
        if (t - last < m_shared.options->progressIntervalMs) {
            return;
        }
        if (!m_shared.lastProgressMs.compare_exchange_strong(last, t)) {
            return;
        }
        std::unique_lock lock(m_shared.progressMutex, std::try_to_lock);
        if (lock.owns_lock()) {
            progress(m_shared.done.load(), m_shared.plan->total());
        }
    }

    SharedState& m_shared;
    std::vector<Connection> m_connections;
    int m_epoll = -1;
    int m_active = 0;
    ScanSummary m_summary;
};

int openFileCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

void merge(ScanSummary& into, ScanSummary&& part)
{
    into.scanned += part.scanned;
    into.tlsFound += part.tlsFound;
    into.refused += part.refused;
    into.timedOut += part.timedOut;
    into.notTls += part.notTls;
    into.otherErrors += part.otherErrors;
    into.results.append(std::move(part.results));
}

} // namespace

QByteArray ScanResult::chainPem() const
{
    QByteArray pem;
    for (const QByteArray& der : chainDer) {
        pem += "-----BEGIN CERTIFICATE-----\n";
        const QByteArray base64 = der.toBase64();
        for (qsizetype i = 0; i < base64.size(); i += 64) {
            pem += base64.mid(i, 64);
            pem += '\n';
        }
        pem += "-----END CERTIFICATE-----\n";
    }
    return pem;
}

QList<SeenEndpoint> toSeenEndpoints(const QList<ScanResult>& results)
{
    QList<SeenEndpoint> seen;
    for (const ScanResult& result : results) {
        if (!result.reached) {
            continue;
        }
        SeenEndpoint endpoint;
        endpoint.host = result.host;
        endpoint.port = result.port;
        endpoint.serverName = result.serverName;
        endpoint.chainPem = result.chainPem();
        endpoint.details = QJsonObject{{QStringLiteral("protocol"), result.protocol},
                                       {QStringLiteral("handshakeMs"), result.elapsedMs}};
        seen.append(std::move(endpoint));
    }
    return seen;
}

quint64 TlsScanner::raiseFileLimit()
{
    static std::once_flag once;
    std::call_once(once, [] {
        struct rlimit limit = {};
        if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
            const rlim_t old = limit.rlim_cur;
            limit.rlim_cur = limit.rlim_max;
            if (::setrlimit(RLIMIT_NOFILE, &limit) == 0) {
                log::get("engine.discovery")
                    ->debug("raised the open-file limit from {} to {}", quint64(old), quint64(limit.rlim_max));
            }
        }
    });
    struct rlimit limit = {};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur == RLIM_INFINITY ? quint64(1) << 20 : quint64(limit.rlim_cur);
}

ScanSummary TlsScanner::scan(const ScanPlan& plan, const ScanOptions& options)
{
    ScanSummary summary;
    summary.total = plan.total();
    SharedState shared;
    shared.clock.start();
    shared.plan = &plan;
    shared.options = &options;
    SslCtxPtr ctx = makeClientContext();
    if (!ctx) {
        log::get("engine.discovery")
            ->error("network discovery: the TLS client cannot be set up: {}", sslReason().toStdString());
        return summary;
    }
    shared.ctx = ctx.get();

    // Concurrency within the open-file limit, with room for what the process has open already.
    int concurrency = qMax(1, options.concurrency);
    if (plan.total() > 1) {
        const quint64 limit = raiseFileLimit();
        const qint64 room = qint64(limit) - openFileCount() - 64;
        concurrency = int(std::clamp<qint64>(std::min<qint64>(concurrency, room), 1, 65536));
    }
    concurrency = int(qMin<quint64>(quint64(concurrency), qMax<quint64>(1, plan.total())));
    int threads = options.threads > 0 ? options.threads : qBound(1, QThread::idealThreadCount(), 4);
    threads = qBound(1, qMin(threads, concurrency), 16);
    summary.concurrency = concurrency;

    SigPipeGuard sigPipeGuard;
    std::vector<std::unique_ptr<EventLoop>> loops;
    for (int i = 0; i < threads; ++i) {
        const int slots = concurrency / threads + (i < concurrency % threads ? 1 : 0);
        loops.push_back(std::make_unique<EventLoop>(shared, slots));
    }
    std::vector<std::thread> workers;
    for (int i = 1; i < threads; ++i) {
        workers.emplace_back([loop = loops[size_t(i)].get()] {
            sigset_t pipe;
            sigemptyset(&pipe);
            sigaddset(&pipe, SIGPIPE);
            pthread_sigmask(SIG_BLOCK, &pipe, nullptr); // a thread of our own: no mask to restore
            loop->run();
            ERR_clear_error();
        });
    }
    loops.front()->run();
    for (std::thread& worker : workers) {
        worker.join();
    }
    for (auto& loop : loops) {
        merge(summary, std::move(loop->summary()));
    }
    summary.elapsedMs = shared.clock.elapsed();
    summary.cancelled = options.cancel && options.cancel->load() && summary.scanned < summary.total;
    if (options.progress) {
        options.progress(summary.scanned, summary.total);
    }
    if (plan.total() > 1) {
        log::get("engine.discovery")
            ->info("network discovery: {} endpoints in {} ms: {} TLS, {} refused, {} timed out, {} not TLS, {} other "
                   "errors{}",
                   summary.scanned, summary.elapsedMs, summary.tlsFound, summary.refused, summary.timedOut,
                   summary.notTls, summary.otherErrors, summary.cancelled ? " (cancelled)" : "");
    }
    return summary;
}

ScanResult TlsScanner::probe(const ScanTarget& target, int timeoutMs)
{
    ScanOptions options;
    options.concurrency = 1;
    options.threads = 1;
    options.timeoutMs = timeoutMs;
    options.keep = ScanOptions::Keep::All;
    ScanSummary summary = scan(ScanPlan::fromTargets({target}), options);
    if (summary.results.isEmpty()) {
        ScanResult result;
        result.host = target.host;
        result.port = target.port;
        result.serverName = target.serverName;
        setError(result, QStringLiteral("handshake"), QStringLiteral("the TLS client cannot be set up"));
        return result;
    }
    return summary.results.takeFirst();
}

} // namespace certdeck::discovery
