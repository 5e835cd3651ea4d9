#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace certdeck::dns {

// DNS wire format (RFC 1035) for what CertDeck sends and reads: queries, RFC 2136 updates and TSIG records.
// Names are encoded without compression; parsing follows compression pointers.
namespace rrtype {
constexpr quint16 A = 1;
constexpr quint16 NS = 2;
constexpr quint16 CNAME = 5;
constexpr quint16 SOA = 6;
constexpr quint16 TXT = 16;
constexpr quint16 TSIG = 250;
constexpr quint16 ANY = 255;
} // namespace rrtype

namespace rrclass {
constexpr quint16 IN = 1;
constexpr quint16 NONE = 254;
constexpr quint16 ANY = 255;
} // namespace rrclass

namespace opcode {
constexpr int Query = 0;
constexpr int Update = 5;
} // namespace opcode

// RCODEs (header and extended TSIG errors share one registry).
namespace rcode {
constexpr int NoError = 0;
constexpr int FormErr = 1;
constexpr int ServFail = 2;
constexpr int NxDomain = 3;
constexpr int NotImp = 4;
constexpr int Refused = 5;
constexpr int YxDomain = 6;
constexpr int YxRrSet = 7;
constexpr int NxRrSet = 8;
constexpr int NotAuth = 9;
constexpr int NotZone = 10;
constexpr int BadSig = 16;
constexpr int BadKey = 17;
constexpr int BadTime = 18;
constexpr int BadTrunc = 22;
} // namespace rcode

// "REFUSED", "BADSIG", ... ("RCODE 42" for unknown values).
QString rcodeName(int code);

struct DnsQuestion
{
    QString name; // absolute, without the trailing dot ("" is the root)
    quint16 type = rrtype::A;
    quint16 klass = rrclass::IN;
};

struct DnsRecord
{
    QString name;
    quint16 type = rrtype::A;
    quint16 klass = rrclass::IN;
    quint32 ttl = 0;
    QByteArray rdata;
};

struct DnsMessage
{
    quint16 id = 0;
    bool response = false;
    int opcode = opcode::Query;
    bool authoritative = false;
    bool truncated = false;
    bool recursionDesired = false;
    bool recursionAvailable = false;
    int rcode = rcode::NoError;
    QList<DnsQuestion> questions; // UPDATE: the zone section
    QList<DnsRecord> answers;     // UPDATE: prerequisites
    QList<DnsRecord> authorities; // UPDATE: the update section
    QList<DnsRecord> additionals;
    // Set by parse(): where the last additional record starts in the wire (-1 when there is none). TSIG, when
    // present, must be that record; its MAC covers the bytes before it.
    int lastAdditionalOffset = -1;

    QByteArray encode() const;
    static Result<DnsMessage> parse(const QByteArray& wire);
};

// Normalizes "www.Example.com." / "www.example.com" to "www.example.com" (case kept); error for empty labels,
// labels over 63 bytes, names over 255 bytes or characters that cannot be sent without escaping.
Result<QString> normalizeName(const QString& name);
// Uncompressed wire form of a normalized name. lowercase: RFC 4034 canonical form (used by TSIG).
QByteArray encodeName(const QString& name, bool lowercase = false);
// Reads a (possibly compressed) name at *offset and advances it past the name.
Result<QString> readName(const QByteArray& wire, int* offset);
// True when name equals zone or lies below it (case-insensitive).
bool isInZone(const QString& name, const QString& zone);

// TXT RDATA: one value as character-strings of at most 255 bytes each (longer values are split).
QByteArray encodeTxtRdata(const QByteArray& value);
// The value of one TXT record: its character-strings concatenated. Error when malformed.
Result<QByteArray> decodeTxtRdata(const QByteArray& rdata);

void appendUint16(QByteArray& out, quint16 value);
void appendUint32(QByteArray& out, quint32 value);
quint16 readUint16(const QByteArray& wire, int offset);
quint32 readUint32(const QByteArray& wire, int offset);

} // namespace certdeck::dns
