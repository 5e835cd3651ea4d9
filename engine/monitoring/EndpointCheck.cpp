#include "engine/monitoring/EndpointCheck.h"

#include "engine/crypto/TlsProbe.h"

namespace certdeck::monitoring {

QString shortFingerprint(const QString& fingerprint)
{
    const QString hex = fingerprint.left(16).toLower();
    QStringList pairs;
    for (int i = 0; i < hex.size(); i += 2) {
        pairs.append(hex.mid(i, 2));
    }
    return pairs.join(QLatin1Char(':'));
}

QString driftOf(const CertificateRecord& record, const QString& servedFingerprint, const QDateTime& servedNotAfter,
                const QDateTime& nowUtc, const QString& servedCommonName, const QString& servedIssuer)
{
    if (servedFingerprint.isEmpty()) {
        return {};
    }
    if (servedFingerprint.compare(record.fingerprintSha256, Qt::CaseInsensitive) != 0) {
        QString who;
        if (!servedCommonName.isEmpty()) {
            who += QStringLiteral(" issued to %1").arg(servedCommonName);
        }
        if (!servedIssuer.isEmpty()) {
            who += QStringLiteral(" by %1").arg(servedIssuer);
        }
        return QStringLiteral("serves %1%2, not this certificate").arg(shortFingerprint(servedFingerprint), who);
    }
    const QDateTime notAfter = servedNotAfter.isValid() ? servedNotAfter : record.notAfter;
    if (notAfter.isValid() && notAfter < nowUtc) {
        return QStringLiteral("serves this certificate, but it expired on %1")
            .arg(notAfter.toUTC().toString(Qt::ISODate));
    }
    return {};
}

EndpointCheck checkEndpoint(const CertificateRecord& record, const QString& host, int port, int timeoutMs,
                            const QDateTime& nowUtc)
{
    EndpointCheck check;
    check.certificateId = record.id;
    check.host = host;
    check.port = port;
    check.serverName = record.commonName;
    check.at = nowUtc.toUTC();
    if (host.isEmpty() || port <= 0 || port > 65535) {
        check.error = QStringLiteral("no endpoint is recorded for %1: set its host and port, then check again")
                          .arg(record.commonName);
        return check;
    }
    crypto::TlsEndpoint endpoint;
    endpoint.host = host;
    endpoint.port = port;
    endpoint.serverName = record.commonName;
    const auto probe = crypto::probeTls(endpoint, timeoutMs);
    if (!probe) {
        check.error = probe.message();
        return check;
    }
    check.reached = true;
    check.servedFingerprint = probe->leafFingerprintSha256.toLower();
    QDateTime servedNotAfter;
    QString servedCn;
    QString servedIssuer;
    if (!probe->chain.isEmpty()) {
        const crypto::Certificate& leaf = probe->chain.first();
        servedNotAfter = leaf.notAfter();
        servedCn = leaf.commonName();
        servedIssuer = leaf.issuerCommonName();
        if (servedIssuer.isEmpty()) {
            servedIssuer = leaf.issuer();
        }
    }
    check.drift = driftOf(record, check.servedFingerprint, servedNotAfter, nowUtc, servedCn, servedIssuer);
    return check;
}

} // namespace certdeck::monitoring
