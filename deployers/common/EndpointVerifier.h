#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/TlsProbe.h"

#include <QString>

namespace certdeck::deployers {

// Polls an endpoint by TLS handshake until it serves the expected leaf (servers such as nginx apply a
// reload asynchronously) or the deadline passes.
class EndpointVerifier
{
public:
    explicit EndpointVerifier(crypto::TlsEndpoint endpoint);

    // The fingerprint served now (one handshake).
    Result<QString> servedFingerprint(int timeoutMs) const;

    // The served fingerprint once it equals `expected`; an error naming what was served instead. After a reload
    // the old worker processes may still answer for a moment, so the endpoint must serve `expected` on every
    // handshake for at least `settleMs` (and at least 3 in a row). Endpoints behind a server whose reload was
    // already proven settled by another endpoint may pass 0.
    static constexpr int kSettleMs = 150;
    Result<QString> waitForFingerprint(const QString& expected, int timeoutMs, int settleMs = kSettleMs) const;

    QString endpointText() const; // "127.0.0.1:443 (SNI www.example.com)"

private:
    crypto::TlsEndpoint m_endpoint;
};

} // namespace certdeck::deployers
