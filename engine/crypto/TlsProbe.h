#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/Certificate.h"

#include <QList>
#include <QString>

namespace certdeck::crypto {

struct TlsEndpoint
{
    QString host; // address or name to connect to
    int port = 443;
    QString serverName; // SNI; empty: none
};

struct TlsProbeResult
{
    QList<Certificate> chain; // as served, leaf first
    QString leafFingerprintSha256;
    QString protocol; // "TLSv1.3"
};

// One TLS handshake with SNI, without certificate verification (we want to see what is served).
// Blocking with a deadline; call it off the GUI thread.
Result<TlsProbeResult> probeTls(const TlsEndpoint& endpoint, int timeoutMs = 5000);

} // namespace certdeck::crypto
