#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace certdeck::crypto {

struct CrlEntry
{
    QString serialHex;
    QDateTime revokedAt;
    int reason = 0; // RFC 5280 CRLReason; 6 = certificateHold
};

// Builds a signed X.509 v2 CRL (PEM) with crlNumber and authorityKeyIdentifier.
Result<QByteArray> buildCrlPem(const Certificate& issuer, const PrivateKey& issuerKey, const QList<CrlEntry>& entries,
                               qint64 crlNumber, const QDateTime& thisUpdate, const QDateTime& nextUpdate);

} // namespace certdeck::crypto
