#include "deployers/common/EndpointVerifier.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

namespace certdeck::deployers {

namespace {

constexpr int kPollIntervalMs = 25;
constexpr int kMaxHandshakeMs = 3000;
constexpr int kRequiredMatches = 3;

QString tr(const char* text)
{
    return QCoreApplication::translate("EndpointVerifier", text);
}

} // namespace

EndpointVerifier::EndpointVerifier(crypto::TlsEndpoint endpoint)
    : m_endpoint(std::move(endpoint))
{
}

QString EndpointVerifier::endpointText() const
{
    const QString address = QStringLiteral("%1:%2").arg(m_endpoint.host).arg(m_endpoint.port);
    return m_endpoint.serverName.isEmpty() ? address : tr("%1 (server name %2)").arg(address, m_endpoint.serverName);
}

Result<QString> EndpointVerifier::servedFingerprint(int timeoutMs) const
{
    auto probe = crypto::probeTls(m_endpoint, std::max(1, timeoutMs));
    if (!probe) {
        return fail(tr("no TLS handshake with %1: %2").arg(endpointText(), probe.message()), probe.error().kind);
    }
    return probe->leafFingerprintSha256;
}

Result<QString> EndpointVerifier::waitForFingerprint(const QString& expected, int timeoutMs, int settleMs) const
{
    const QDeadlineTimer deadline(std::max(0, timeoutMs));
    QString lastSeen;
    int matches = 0;
    QElapsedTimer matchingFor;
    for (;;) {
        const int handshakeMs = static_cast<int>(std::clamp<qint64>(deadline.remainingTime(), 1, kMaxHandshakeMs));
        auto served = servedFingerprint(handshakeMs);
        if (served && served.value() == expected) {
            if (matches++ == 0) {
                matchingFor.start();
            }
            if (matches >= kRequiredMatches && matchingFor.elapsed() >= settleMs) {
                return served.value();
            }
        } else {
            matches = 0;
            lastSeen = served ? tr("it serves %1").arg(served.value()) : served.message();
        }
        if (deadline.hasExpired()) {
            break;
        }
        if (matches > 0 && matches < kRequiredMatches) {
            continue; // the next handshakes at once
        }
        QThread::msleep(static_cast<unsigned long>(std::min<qint64>(kPollIntervalMs, deadline.remainingTime())));
    }
    if (lastSeen.isEmpty()) {
        lastSeen = tr("it kept switching between certificates");
    }
    return fail(tr("%1 did not serve certificate %2 within %3 s; %4")
                    .arg(endpointText(), expected)
                    .arg(timeoutMs / 1000.0, 0, 'f', 1)
                    .arg(lastSeen),
                QStringLiteral("timeout"));
}

} // namespace certdeck::deployers
