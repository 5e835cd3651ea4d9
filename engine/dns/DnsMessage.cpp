#include "engine/dns/DnsMessage.h"

namespace certdeck::dns {
namespace {

constexpr int kHeaderSize = 12;
constexpr int kMaxNameLength = 255;
constexpr int kMaxLabelLength = 63;
constexpr int kMaxPointerHops = 64;

void appendQuestion(QByteArray& out, const DnsQuestion& question)
{
    out += encodeName(question.name);
    appendUint16(out, question.type);
    appendUint16(out, question.klass);
}

void appendRecord(QByteArray& out, const DnsRecord& record)
{
    out += encodeName(record.name);
    appendUint16(out, record.type);
    appendUint16(out, record.klass);
    appendUint32(out, record.ttl);
    appendUint16(out, quint16(record.rdata.size()));
    out += record.rdata;
}

Error malformed(const QString& what)
{
    return fail(QStringLiteral("malformed DNS message: %1").arg(what), QStringLiteral("protocol"));
}

Result<DnsRecord> readRecord(const QByteArray& wire, int* offset)
{
    Result<QString> name = readName(wire, offset);
    if (!name) {
        return name.error();
    }
    if (*offset + 10 > wire.size()) {
        return malformed(QStringLiteral("record header cut short"));
    }
    DnsRecord record;
    record.name = name.value();
    record.type = readUint16(wire, *offset);
    record.klass = readUint16(wire, *offset + 2);
    record.ttl = readUint32(wire, *offset + 4);
    const int length = readUint16(wire, *offset + 8);
    *offset += 10;
    if (*offset + length > wire.size()) {
        return malformed(QStringLiteral("record data cut short"));
    }
    record.rdata = wire.mid(*offset, length);
    *offset += length;
    return record;
}

Status readRecords(const QByteArray& wire, int* offset, int count, QList<DnsRecord>* out, int* lastOffset = nullptr)
{
    for (int i = 0; i < count; ++i) {
        if (lastOffset) {
            *lastOffset = *offset;
        }
        Result<DnsRecord> record = readRecord(wire, offset);
        if (!record) {
            return record.error();
        }
        out->append(record.value());
    }
    return {};
}

} // namespace

QString rcodeName(int code)
{
    switch (code) {
    case rcode::NoError:
        return QStringLiteral("NOERROR");
    case rcode::FormErr:
        return QStringLiteral("FORMERR");
    case rcode::ServFail:
        return QStringLiteral("SERVFAIL");
    case rcode::NxDomain:
        return QStringLiteral("NXDOMAIN");
    case rcode::NotImp:
        return QStringLiteral("NOTIMP");
    case rcode::Refused:
        return QStringLiteral("REFUSED");
    case rcode::YxDomain:
        return QStringLiteral("YXDOMAIN");
    case rcode::YxRrSet:
        return QStringLiteral("YXRRSET");
    case rcode::NxRrSet:
        return QStringLiteral("NXRRSET");
    case rcode::NotAuth:
        return QStringLiteral("NOTAUTH");
    case rcode::NotZone:
        return QStringLiteral("NOTZONE");
    case rcode::BadSig:
        return QStringLiteral("BADSIG");
    case rcode::BadKey:
        return QStringLiteral("BADKEY");
    case rcode::BadTime:
        return QStringLiteral("BADTIME");
    case rcode::BadTrunc:
        return QStringLiteral("BADTRUNC");
    default:
        return QStringLiteral("RCODE %1").arg(code);
    }
}

void appendUint16(QByteArray& out, quint16 value)
{
    out += char(value >> 8);
    out += char(value & 0xff);
}

void appendUint32(QByteArray& out, quint32 value)
{
    appendUint16(out, quint16(value >> 16));
    appendUint16(out, quint16(value & 0xffff));
}

quint16 readUint16(const QByteArray& wire, int offset)
{
    return quint16((quint8(wire[offset]) << 8) | quint8(wire[offset + 1]));
}

quint32 readUint32(const QByteArray& wire, int offset)
{
    return (quint32(readUint16(wire, offset)) << 16) | readUint16(wire, offset + 2);
}

Result<QString> normalizeName(const QString& name)
{
    QString normalized = name.trimmed();
    if (normalized.endsWith(QLatin1Char('.'))) {
        normalized.chop(1);
    }
    if (normalized.isEmpty()) {
        return fail(QStringLiteral("the DNS name \"%1\" is empty").arg(name));
    }
    for (const QChar c : normalized) {
        const char16_t u = c.unicode();
        const bool allowed = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
                             u == u'-' || u == u'_' || u == u'.' || u == u'*';
        if (!allowed) {
            return fail(QStringLiteral("the DNS name \"%1\" contains \"%2\"; use letters, digits, \"-\" and \"_\" "
                                       "(internationalized names in their xn-- form)")
                            .arg(name, QString(c)));
        }
    }
    const QStringList labels = normalized.split(QLatin1Char('.'));
    for (const QString& label : labels) {
        if (label.isEmpty() || label.size() > kMaxLabelLength) {
            return fail(QStringLiteral("the DNS name \"%1\" has an empty label or a label longer than %2 characters")
                            .arg(name)
                            .arg(kMaxLabelLength));
        }
    }
    if (encodeName(normalized).size() > kMaxNameLength) {
        return fail(QStringLiteral("the DNS name \"%1\" is longer than %2 bytes").arg(name).arg(kMaxNameLength));
    }
    return normalized;
}

QByteArray encodeName(const QString& name, bool lowercase)
{
    QByteArray out;
    if (!name.isEmpty() && name != QLatin1String(".")) {
        const QString text = lowercase ? name.toLower() : name;
        for (const QString& label : text.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
            const QByteArray bytes = label.toLatin1();
            out += char(bytes.size());
            out += bytes;
        }
    }
    out += char(0);
    return out;
}

Result<QString> readName(const QByteArray& wire, int* offset)
{
    QStringList labels;
    int position = *offset;
    int end = -1; // where the caller continues: after the first pointer, or after the terminating zero
    int hops = 0;
    int length = 0;
    for (;;) {
        if (position >= wire.size()) {
            return malformed(QStringLiteral("name runs past the end"));
        }
        const quint8 byte = quint8(wire[position]);
        if ((byte & 0xc0) == 0xc0) {
            if (position + 1 >= wire.size() || ++hops > kMaxPointerHops) {
                return malformed(QStringLiteral("bad name compression pointer"));
            }
            if (end < 0) {
                end = position + 2;
            }
            const int target = ((byte & 0x3f) << 8) | quint8(wire[position + 1]);
            if (target >= position) {
                return malformed(QStringLiteral("name compression pointer points forward"));
            }
            position = target;
            continue;
        }
        if ((byte & 0xc0) != 0) {
            return malformed(QStringLiteral("unknown label type"));
        }
        if (byte == 0) {
            if (end < 0) {
                end = position + 1;
            }
            break;
        }
        if (position + 1 + byte > wire.size()) {
            return malformed(QStringLiteral("label runs past the end"));
        }
        length += byte + 1;
        if (length > kMaxNameLength) {
            return malformed(QStringLiteral("name longer than 255 bytes"));
        }
        labels << QString::fromLatin1(wire.constData() + position + 1, byte);
        position += 1 + byte;
    }
    *offset = end;
    return labels.join(QLatin1Char('.'));
}

bool isInZone(const QString& name, const QString& zone)
{
    const QString n = name.toLower();
    const QString z = zone.toLower();
    return n == z || n.endsWith(QLatin1Char('.') + z);
}

QByteArray encodeTxtRdata(const QByteArray& value)
{
    QByteArray out;
    qsizetype position = 0;
    do {
        const QByteArray chunk = value.mid(position, 255);
        out += char(chunk.size());
        out += chunk;
        position += 255;
    } while (position < value.size());
    return out;
}

Result<QByteArray> decodeTxtRdata(const QByteArray& rdata)
{
    QByteArray value;
    int position = 0;
    while (position < rdata.size()) {
        const int length = quint8(rdata[position]);
        if (position + 1 + length > rdata.size()) {
            return malformed(QStringLiteral("TXT character-string runs past its record"));
        }
        value += rdata.mid(position + 1, length);
        position += 1 + length;
    }
    return value;
}

QByteArray DnsMessage::encode() const
{
    QByteArray out;
    appendUint16(out, id);
    quint16 flags = 0;
    flags |= response ? 0x8000 : 0;
    flags |= quint16((opcode & 0xf) << 11);
    flags |= authoritative ? 0x0400 : 0;
    flags |= truncated ? 0x0200 : 0;
    flags |= recursionDesired ? 0x0100 : 0;
    flags |= recursionAvailable ? 0x0080 : 0;
    flags |= quint16(rcode & 0xf);
    appendUint16(out, flags);
    appendUint16(out, quint16(questions.size()));
    appendUint16(out, quint16(answers.size()));
    appendUint16(out, quint16(authorities.size()));
    appendUint16(out, quint16(additionals.size()));
    for (const DnsQuestion& question : questions) {
        appendQuestion(out, question);
    }
    for (const QList<DnsRecord>* section : {&answers, &authorities, &additionals}) {
        for (const DnsRecord& record : *section) {
            appendRecord(out, record);
        }
    }
    return out;
}

Result<DnsMessage> DnsMessage::parse(const QByteArray& wire)
{
    if (wire.size() < kHeaderSize) {
        return malformed(QStringLiteral("shorter than a header (%1 bytes)").arg(wire.size()));
    }
    DnsMessage message;
    message.id = readUint16(wire, 0);
    const quint16 flags = readUint16(wire, 2);
    message.response = flags & 0x8000;
    message.opcode = (flags >> 11) & 0xf;
    message.authoritative = flags & 0x0400;
    message.truncated = flags & 0x0200;
    message.recursionDesired = flags & 0x0100;
    message.recursionAvailable = flags & 0x0080;
    message.rcode = flags & 0xf;
    const int questionCount = readUint16(wire, 4);
    const int answerCount = readUint16(wire, 6);
    const int authorityCount = readUint16(wire, 8);
    const int additionalCount = readUint16(wire, 10);
    int offset = kHeaderSize;
    for (int i = 0; i < questionCount; ++i) {
        Result<QString> name = readName(wire, &offset);
        if (!name) {
            return name.error();
        }
        if (offset + 4 > wire.size()) {
            return malformed(QStringLiteral("question cut short"));
        }
        message.questions.append({name.value(), readUint16(wire, offset), readUint16(wire, offset + 2)});
        offset += 4;
    }
    Status status = readRecords(wire, &offset, answerCount, &message.answers);
    if (status) {
        status = readRecords(wire, &offset, authorityCount, &message.authorities);
    }
    if (status) {
        status = readRecords(wire, &offset, additionalCount, &message.additionals, &message.lastAdditionalOffset);
    }
    if (!status) {
        // A truncated UDP answer may be cut anywhere: keep the header so that the caller retries over TCP.
        if (message.truncated) {
            return message;
        }
        return status.error();
    }
    return message;
}

} // namespace certdeck::dns
