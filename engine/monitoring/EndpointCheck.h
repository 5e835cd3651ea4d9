#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QDateTime>
#include <QString>

namespace certdeck::monitoring {

// What one probe of a certificate's endpoint found (rediscovery, the pinning re-check, after a deployment).
struct EndpointCheck
{
    qint64 certificateId = 0;
    QString host;
    int port = 0;
    QString serverName;        // SNI sent (the certificate's common name)
    bool reached = false;      // a TLS handshake completed
    QString servedFingerprint; // lowercase hex; empty when not reached
    QString drift;             // empty: the endpoint serves this record and it is valid; else what differs
    QString error;             // why the endpoint could not be reached (not drift by itself)
    QDateTime at;              // UTC
};

// One TLS handshake with SNI to host:port (crypto::probeTls), compared with the inventory's record: another
// fingerprint (changed by hand, reverted), or this certificate but expired at `nowUtc`, is drift.
// Blocking with a deadline: call it off the GUI thread.
EndpointCheck checkEndpoint(const CertificateRecord& record, const QString& host, int port, int timeoutMs,
                            const QDateTime& nowUtc);

// The drift text for what an endpoint served, by the rules above (pure; used by checkEndpoint and by callers that
// already hold a handshake result, such as deploy verification). servedCommonName/servedIssuer, when known, name
// the other certificate in the text. Empty when in sync, or when nothing was served (unreachable is not drift).
QString driftOf(const CertificateRecord& record, const QString& servedFingerprint, const QDateTime& servedNotAfter,
                const QDateTime& nowUtc, const QString& servedCommonName = {}, const QString& servedIssuer = {});

// The first 16 hex digits of a fingerprint in colon-separated pairs ("3a:4b:..."), for messages.
QString shortFingerprint(const QString& fingerprint);

} // namespace certdeck::monitoring
