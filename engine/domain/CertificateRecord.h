#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace certdeck {

// Where a certificate stands in its lifecycle. Stored by id (see certificateStatusId()).
enum class CertificateStatus {
    Discovered, // found by a scan or imported, not managed yet
    Managed,    // a provisioning configuration is saved and a bot is mapped
    Pending,    // an order or issuance is in progress
    Issued,     // issued, not deployed yet
    Deployed,   // served by its target
    Failed,     // the last lifecycle action failed
    Revoked,
    Suspended,
};

QString certificateStatusId(CertificateStatus status);
QString certificateStatusDisplayName(CertificateStatus status);
bool certificateStatusFromId(const QString& id, CertificateStatus* out);

// One certificate in the inventory, as the dashboard and the engine see it.
struct CertificateRecord
{
    qint64 id = 0; // 0 until stored
    QString commonName;
    QStringList sans; // DNS names and IP addresses, CN included
    QString subject;  // one-line RFC 2253 form
    QString issuer;
    QString serialHex;
    QDateTime notBefore;       // UTC
    QDateTime notAfter;        // UTC
    QString fingerprintSha256; // lowercase hex, no separators
    QString keyAlgorithm;      // "RSA", "EC"
    int keyBits = 0;
    QString signatureAlgorithm; // "sha256WithRSAEncryption", ...
    CertificateStatus status = CertificateStatus::Discovered;
    QString serverType; // serverTypeId(), empty when unknown
    QString host;       // endpoint host name or address
    int port = 0;
    qint64 botId = 0;    // 0: none mapped
    QString keyId;       // the bot-side staged/deployed key of this material (never the key itself)
    QString source;      // "import:<path>", "localca:<name>", "scan:<bot>"...
    QString location;    // where a discovered certificate was found on its host: file or keystore path[#alias]
    QByteArray chainPem; // leaf first, then intermediates
    QDateTime updatedAt;
    // The last probe of the endpoint (rediscovery, pinning re-check). Written only by
    // CertificateRepository::setProbeResult, never by update().
    QString servedFingerprint; // what host:port served then (lowercase hex), empty when never probed
    QDateTime probedAt;
    QString drift; // empty: the endpoint serves this record; otherwise what was found, user-readable

    // Whole days from now until notAfter; negative once expired.
    int daysLeft(const QDateTime& now) const;
};

} // namespace certdeck
