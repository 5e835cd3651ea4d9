#pragma once

#include "engine/core/Result.h"
#include "engine/dns/DnsMessage.h"

#include <QByteArray>
#include <QString>

namespace certdeck::dns {

// A TSIG key (RFC 8945): name, algorithm ("hmac-sha256", "hmac-sha384", "hmac-sha512") and raw secret bytes.
struct TsigKey
{
    QString name;
    QString algorithm = QStringLiteral("hmac-sha256");
    QByteArray secret;
};

// The RDATA of a TSIG record.
struct TsigRecordData
{
    QString algorithm;      // wire name without the trailing dot, e.g. "hmac-sha256"
    quint64 timeSigned = 0; // seconds since the epoch (48 bits)
    quint16 fudge = 300;
    QByteArray mac;
    quint16 originalId = 0;
    quint16 error = 0;
    QByteArray otherData;
};

QByteArray encodeTsigRdata(const TsigRecordData& data);
Result<TsigRecordData> parseTsigRdata(const QByteArray& rdata);

// What the TSIG record of a response says.
struct TsigVerdict
{
    bool signedResponse = false; // a TSIG record is present
    int error = 0;               // its error field (BADSIG, BADKEY, BADTIME); 0 with a verified MAC
};

// RFC 8945 signing and verification with HMAC-SHA-256/384/512 (OpenSSL).
class Tsig
{
public:
    // The MAC over [request MAC] + message (without TSIG) + TSIG variables. requestMac is empty when signing a
    // request; for a response it is the MAC of the request it answers.
    static Result<QByteArray> computeMac(const TsigKey& key, const QByteArray& requestMac,
                                         const QByteArray& messageWithoutTsig, const TsigRecordData& variables);
    // Appends a TSIG record to an encoded message (ARCOUNT incremented). *mac receives the request MAC.
    static Result<QByteArray> sign(const QByteArray& message, const TsigKey& key, quint64 timeSigned, QByteArray* mac,
                                   quint16 fudge = 300);
    // Checks the TSIG record of a response to a request signed with key and requestMac: an error field set by the
    // server is returned as is (such responses carry no MAC); otherwise the MAC and the time must be right.
    static Result<TsigVerdict> verifyResponse(const QByteArray& wire, const DnsMessage& response, const TsigKey& key,
                                              const QByteArray& requestMac, quint64 now);
    static bool isSupportedAlgorithm(const QString& algorithm);
};

} // namespace certdeck::dns
