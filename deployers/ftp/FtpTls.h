#pragma once

#include "engine/core/Result.h"

#include <QString>

namespace certdeck::deployers {

// The pinned-leaf trust check, run by OpenSSL inside the TLS handshake of the control connection: a mismatch
// aborts the handshake, so no FTP command (USER/PASS) is ever sent to a server that fails the pin.
struct FtpPinCheck
{
    QByteArray pinnedSha256; // 32 raw bytes
    QString presented;       // "AB:CD:..." of the leaf the server showed, for the error message
    bool mismatch = false;
};

// "ab:CD 01..." -> 32 raw bytes, or an error naming the bad value.
Result<QByteArray> parseSha256Fingerprint(const QString& text);
QString formatSha256Fingerprint(const QByteArray& raw); // "AB:CD:..."

// For CURLOPT_SSL_CTX_FUNCTION with CURLOPT_SSL_CTX_DATA = FtpPinCheck*: replaces OpenSSL's chain verification
// by the comparison of the leaf's SHA-256 (DER) with the pin.
int installPinCheck(void* curl, void* sslCtx, void* pinCheck);

} // namespace certdeck::deployers
