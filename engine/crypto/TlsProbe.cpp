#include "engine/crypto/TlsProbe.h"

#include "engine/crypto/OpenSslError.h"

#include <QDeadlineTimer>
#include <QHostAddress>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace certdeck::crypto {

namespace {

struct SslCtxDeleter
{
    void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
struct SslDeleter
{
    void operator()(SSL* ssl) const { SSL_free(ssl); }
};

class Socket
{
public:
    ~Socket()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    int fd() const { return m_fd; }
    void reset(int fd)
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = fd;
    }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd = -1;
};

// Blocks SIGPIPE in this thread while OpenSSL writes to a socket the peer may have closed; a pending
// SIGPIPE raised meanwhile is consumed before the old mask comes back.
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

private:
    sigset_t m_pipe;
    sigset_t m_old;
    bool m_alreadyPending = false;
};

QString where(const TlsEndpoint& endpoint)
{
    return QStringLiteral("%1:%2").arg(endpoint.host).arg(endpoint.port);
}

Error timeoutError(const TlsEndpoint& endpoint, int timeoutMs, const char* stage)
{
    return fail(QStringLiteral("%1 did not complete the %2 within %3 ms: check that it serves TLS on this port and "
                               "is reachable")
                    .arg(where(endpoint), QLatin1String(stage))
                    .arg(timeoutMs),
                QStringLiteral("timeout"));
}

// Waits for `events` on fd until the deadline. Returns false on timeout.
bool waitFor(int fd, short events, const QDeadlineTimer& deadline)
{
    while (true) {
        const qint64 remaining = deadline.remainingTime();
        if (remaining == 0) {
            return false;
        }
        struct pollfd pfd = {fd, events, 0};
        const int rc = ::poll(&pfd, 1, remaining < 0 ? -1 : int(qMin<qint64>(remaining, 60000)));
        if (rc > 0) {
            return true;
        }
        if (rc < 0 && errno != EINTR) {
            return true; // let the next socket call report the error
        }
    }
}

Result<int> connectTo(const TlsEndpoint& endpoint, int timeoutMs, const QDeadlineTimer& deadline)
{
    struct addrinfo hints = {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo* found = nullptr;
    const QByteArray host = endpoint.host.toUtf8();
    const QByteArray port = QByteArray::number(endpoint.port);
    const int rc = ::getaddrinfo(host.constData(), port.constData(), &hints, &found);
    if (rc != 0) {
        return fail(QStringLiteral("%1: the host name cannot be resolved (%2)")
                        .arg(where(endpoint), QString::fromUtf8(gai_strerror(rc))),
                    QStringLiteral("resolve"));
    }
    QString lastError;
    QString lastKind;
    for (struct addrinfo* ai = found; ai; ai = ai->ai_next) {
        Socket socket;
        socket.reset(::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol));
        if (socket.fd() < 0) {
            lastError = QString::fromLocal8Bit(std::strerror(errno));
            continue;
        }
        int err = 0;
        if (::connect(socket.fd(), ai->ai_addr, ai->ai_addrlen) != 0) {
            if (errno != EINPROGRESS) {
                err = errno;
            } else if (!waitFor(socket.fd(), POLLOUT, deadline)) {
                ::freeaddrinfo(found);
                return timeoutError(endpoint, timeoutMs, "TCP connection");
            } else {
                socklen_t len = sizeof(err);
                ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &err, &len);
            }
        }
        if (err == 0) {
            ::freeaddrinfo(found);
            return socket.release();
        }
        if (err == ECONNREFUSED) {
            lastError = QStringLiteral("the connection was refused: nothing listens on this port");
            lastKind = QStringLiteral("refused");
        } else {
            lastError = QStringLiteral("the connection failed: %1").arg(QString::fromLocal8Bit(std::strerror(err)));
            lastKind = QStringLiteral("connect");
        }
    }
    ::freeaddrinfo(found);
    return fail(QStringLiteral("%1: %2").arg(where(endpoint), lastError), lastKind);
}

} // namespace

Result<TlsProbeResult> probeTls(const TlsEndpoint& endpoint, int timeoutMs)
{
    if (endpoint.host.trimmed().isEmpty() || endpoint.port <= 0 || endpoint.port > 65535) {
        return fail(QStringLiteral("\"%1\" is not a valid TLS endpoint: enter a host and a port from 1 to 65535")
                        .arg(where(endpoint)),
                    QStringLiteral("invalid"));
    }
    const QDeadlineTimer deadline(qMax(1, timeoutMs));
    auto fd = connectTo(endpoint, timeoutMs, deadline);
    if (!fd) {
        return fd.error();
    }
    Socket socket;
    socket.reset(*fd);
    SigPipeGuard sigPipeGuard;

    ERR_clear_error();
    std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx) {
        return fail(openSslError(QStringLiteral("The TLS client cannot be set up")));
    }
    // We look at what is served, we do not trust it: no verification, and old servers are accepted too.
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
    std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(ctx.get()));
    if (!ssl || SSL_set_fd(ssl.get(), socket.fd()) != 1) {
        return fail(openSslError(QStringLiteral("The TLS client cannot be set up")));
    }
    const QString serverName = endpoint.serverName.trimmed();
    if (!serverName.isEmpty() && QHostAddress(serverName).isNull()) {
        const QByteArray sni = serverName.toUtf8();
        SSL_set_tlsext_host_name(ssl.get(), sni.constData());
    }

    while (true) {
        ERR_clear_error();
        const int rc = SSL_connect(ssl.get());
        if (rc == 1) {
            break;
        }
        const int error = SSL_get_error(ssl.get(), rc);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            if (!waitFor(socket.fd(), error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
                return timeoutError(endpoint, timeoutMs, "TLS handshake");
            }
            continue;
        }
        if (error == SSL_ERROR_SYSCALL || error == SSL_ERROR_ZERO_RETURN) {
            const int savedErrno = errno;
            const QString reason = openSslError(QString());
            if (rc == 0 || error == SSL_ERROR_ZERO_RETURN || reason.contains(QLatin1String("unexpected eof"))) {
                return fail(QStringLiteral("%1 closed the connection during the TLS handshake: it may not serve TLS "
                                           "on this port, or it refused the server name \"%2\"")
                                .arg(where(endpoint), serverName),
                            QStringLiteral("closed"));
            }
            return fail(QStringLiteral("%1: the TLS handshake failed: %2")
                            .arg(where(endpoint), QString::fromLocal8Bit(std::strerror(savedErrno))),
                        QStringLiteral("handshake"));
        }
        const unsigned long code = ERR_peek_error();
        const int reason = ERR_GET_REASON(code);
        if (ERR_GET_LIB(code) == ERR_LIB_SSL &&
            (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
             reason == SSL_R_RECORD_LENGTH_MISMATCH || reason == SSL_R_UNKNOWN_PROTOCOL ||
             reason == SSL_R_HTTP_REQUEST || reason == SSL_R_UNEXPECTED_RECORD)) {
            ERR_clear_error();
            return fail(QStringLiteral("%1 did not answer with TLS: it may serve plain HTTP or another protocol on "
                                       "this port")
                            .arg(where(endpoint)),
                        QStringLiteral("notTls"));
        }
        return fail(openSslError(QStringLiteral("%1: the TLS handshake failed").arg(where(endpoint))),
                    QStringLiteral("handshake"));
    }

    TlsProbeResult result;
    result.protocol = QString::fromLatin1(SSL_get_version(ssl.get()));
    STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl.get());
    for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
        X509* cert = sk_X509_value(chain, i);
        X509_up_ref(cert);
        result.chain.append(Certificate::adopt(cert));
    }
    if (result.chain.isEmpty()) {
        X509* leaf = SSL_get1_peer_certificate(ssl.get());
        if (leaf) {
            result.chain.append(Certificate::adopt(leaf));
        }
    }
    if (result.chain.isEmpty()) {
        return fail(QStringLiteral("%1 completed the TLS handshake without sending a certificate").arg(where(endpoint)),
                    QStringLiteral("noCertificate"));
    }
    result.leafFingerprintSha256 = result.chain.first().fingerprintSha256();
    SSL_shutdown(ssl.get()); // best effort close_notify; the socket is non-blocking
    ERR_clear_error();
    return result;
}

} // namespace certdeck::crypto
