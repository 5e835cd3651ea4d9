#include "engine/crypto/TlsProbe.h"

#include "engine/discovery/TlsScanner.h"

namespace certdeck::crypto {

namespace {

QString where(const TlsEndpoint& endpoint)
{
    return QStringLiteral("%1:%2").arg(endpoint.host).arg(endpoint.port);
}

// The network discovery's short per-endpoint error, as a message for one endpoint a user asked about.
Error messageFor(const TlsEndpoint& endpoint, const discovery::ScanResult& result, int timeoutMs)
{
    const QString at = where(endpoint);
    const QString& kind = result.errorKind;
    if (kind == QLatin1String("timeout")) {
        return fail(QStringLiteral("%1 did not complete the %2 within %3 ms: check that it serves TLS on this port "
                                   "and is reachable")
                        .arg(at, result.timeoutStage.isEmpty() ? QStringLiteral("TLS handshake") : result.timeoutStage)
                        .arg(timeoutMs),
                    kind);
    }
    if (kind == QLatin1String("refused")) {
        return fail(QStringLiteral("%1: the connection was refused: nothing listens on this port").arg(at), kind);
    }
    if (kind == QLatin1String("resolve")) {
        return fail(QStringLiteral("%1: the host name cannot be resolved (%2)").arg(at, result.error), kind);
    }
    if (kind == QLatin1String("closed")) {
        return fail(QStringLiteral("%1 closed the connection during the TLS handshake: it may not serve TLS on this "
                                   "port, or it refused the server name \"%2\"")
                        .arg(at, endpoint.serverName.trimmed()),
                    kind);
    }
    if (kind == QLatin1String("notTls")) {
        return fail(QStringLiteral("%1 did not answer with TLS: it may serve plain HTTP or another protocol on this "
                                   "port")
                        .arg(at),
                    kind);
    }
    if (kind == QLatin1String("noCertificate")) {
        return fail(QStringLiteral("%1 completed the TLS handshake without sending a certificate").arg(at), kind);
    }
    return fail(QStringLiteral("%1: the %2").arg(at, result.error), kind);
}

} // namespace

Result<TlsProbeResult> probeTls(const TlsEndpoint& endpoint, int timeoutMs)
{
    if (endpoint.host.trimmed().isEmpty() || endpoint.port <= 0 || endpoint.port > 65535) {
        return fail(QStringLiteral("\"%1\" is not a valid TLS endpoint: enter a host and a port from 1 to 65535")
                        .arg(where(endpoint)),
                    QStringLiteral("invalid"));
    }
    // The same handshake code as the network discovery (one endpoint, one deadline for connect + handshake).
    const int timeout = qMax(1, timeoutMs);
    const discovery::ScanResult scanned =
        discovery::TlsScanner::probe({endpoint.host.trimmed(), endpoint.port, endpoint.serverName.trimmed()}, timeout);
    if (!scanned.reached) {
        return messageFor(endpoint, scanned, timeout);
    }
    TlsProbeResult result;
    result.protocol = scanned.protocol;
    for (const QByteArray& der : scanned.chainDer) {
        auto certificate = Certificate::fromDer(der);
        if (!certificate) {
            return fail(QStringLiteral("%1 served a certificate that cannot be read: %2")
                            .arg(where(endpoint), certificate.message()),
                        QStringLiteral("handshake"));
        }
        result.chain.append(std::move(certificate).value());
    }
    result.leafFingerprintSha256 = scanned.fingerprintSha256;
    return result;
}

} // namespace certdeck::crypto
