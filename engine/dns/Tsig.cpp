#include "engine/dns/Tsig.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace certdeck::dns {
namespace {

const EVP_MD* digestFor(const QString& algorithm)
{
    const QString name = algorithm.toLower();
    if (name == QLatin1String("hmac-sha256")) {
        return EVP_sha256();
    }
    if (name == QLatin1String("hmac-sha384")) {
        return EVP_sha384();
    }
    if (name == QLatin1String("hmac-sha512")) {
        return EVP_sha512();
    }
    return nullptr;
}

void appendTime48(QByteArray& out, quint64 time)
{
    appendUint16(out, quint16((time >> 32) & 0xffff));
    appendUint32(out, quint32(time & 0xffffffffu));
}

Error malformedTsig(const QString& what)
{
    return fail(QStringLiteral("malformed TSIG record in the DNS response: %1").arg(what), QStringLiteral("protocol"));
}

} // namespace

bool Tsig::isSupportedAlgorithm(const QString& algorithm)
{
    return digestFor(algorithm) != nullptr;
}

QByteArray encodeTsigRdata(const TsigRecordData& data)
{
    QByteArray out = encodeName(data.algorithm.toLower());
    appendTime48(out, data.timeSigned);
    appendUint16(out, data.fudge);
    appendUint16(out, quint16(data.mac.size()));
    out += data.mac;
    appendUint16(out, data.originalId);
    appendUint16(out, data.error);
    appendUint16(out, quint16(data.otherData.size()));
    out += data.otherData;
    return out;
}

Result<TsigRecordData> parseTsigRdata(const QByteArray& rdata)
{
    int offset = 0;
    Result<QString> algorithm = readName(rdata, &offset);
    if (!algorithm) {
        return malformedTsig(algorithm.message());
    }
    TsigRecordData data;
    data.algorithm = algorithm.value();
    if (offset + 10 > rdata.size()) {
        return malformedTsig(QStringLiteral("cut short before the MAC"));
    }
    data.timeSigned = (quint64(readUint16(rdata, offset)) << 32) | readUint32(rdata, offset + 2);
    data.fudge = readUint16(rdata, offset + 6);
    const int macSize = readUint16(rdata, offset + 8);
    offset += 10;
    if (offset + macSize + 6 > rdata.size()) {
        return malformedTsig(QStringLiteral("cut short in the MAC"));
    }
    data.mac = rdata.mid(offset, macSize);
    offset += macSize;
    data.originalId = readUint16(rdata, offset);
    data.error = readUint16(rdata, offset + 2);
    const int otherLength = readUint16(rdata, offset + 4);
    offset += 6;
    if (offset + otherLength != rdata.size()) {
        return malformedTsig(QStringLiteral("other data does not match the record length"));
    }
    data.otherData = rdata.mid(offset, otherLength);
    return data;
}

Result<QByteArray> Tsig::computeMac(const TsigKey& key, const QByteArray& requestMac,
                                    const QByteArray& messageWithoutTsig, const TsigRecordData& variables)
{
    const EVP_MD* digest = digestFor(key.algorithm);
    if (!digest) {
        return fail(QStringLiteral("the TSIG algorithm \"%1\" is not supported; use hmac-sha256, hmac-sha384 or "
                                   "hmac-sha512")
                        .arg(key.algorithm));
    }
    if (key.secret.isEmpty()) {
        return fail(
            QStringLiteral("the TSIG key \"%1\" has an empty secret; enter the key's base64 secret").arg(key.name));
    }
    QByteArray data;
    if (!requestMac.isEmpty()) {
        appendUint16(data, quint16(requestMac.size()));
        data += requestMac;
    }
    data += messageWithoutTsig;
    data += encodeName(key.name, true);
    appendUint16(data, rrclass::ANY);
    appendUint32(data, 0);
    data += encodeName(variables.algorithm, true);
    appendTime48(data, variables.timeSigned);
    appendUint16(data, variables.fudge);
    appendUint16(data, variables.error);
    appendUint16(data, quint16(variables.otherData.size()));
    data += variables.otherData;

    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    if (!HMAC(digest, key.secret.constData(), int(key.secret.size()),
              reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()), mac, &macLength)) {
        return fail(QStringLiteral("computing the TSIG %1 MAC failed in OpenSSL").arg(key.algorithm));
    }
    QByteArray result(reinterpret_cast<const char*>(mac), int(macLength));
    OPENSSL_cleanse(mac, sizeof mac);
    return result;
}

Result<QByteArray> Tsig::sign(const QByteArray& message, const TsigKey& key, quint64 timeSigned, QByteArray* mac,
                              quint16 fudge)
{
    if (message.size() < 12) {
        return fail(QStringLiteral("cannot sign a DNS message shorter than its header"));
    }
    TsigRecordData variables;
    variables.algorithm = key.algorithm.toLower();
    variables.timeSigned = timeSigned;
    variables.fudge = fudge;
    variables.originalId = readUint16(message, 0);
    Result<QByteArray> computed = computeMac(key, {}, message, variables);
    if (!computed) {
        return computed.error();
    }
    variables.mac = computed.value();
    *mac = computed.value();

    QByteArray signedMessage = message;
    const quint16 additionalCount = readUint16(message, 10);
    QByteArray count;
    appendUint16(count, quint16(additionalCount + 1));
    signedMessage.replace(10, 2, count);
    DnsRecord record;
    record.name = key.name.toLower();
    record.type = rrtype::TSIG;
    record.klass = rrclass::ANY;
    record.ttl = 0;
    record.rdata = encodeTsigRdata(variables);
    signedMessage += encodeName(record.name);
    appendUint16(signedMessage, record.type);
    appendUint16(signedMessage, record.klass);
    appendUint32(signedMessage, record.ttl);
    appendUint16(signedMessage, quint16(record.rdata.size()));
    signedMessage += record.rdata;
    return signedMessage;
}

Result<TsigVerdict> Tsig::verifyResponse(const QByteArray& wire, const DnsMessage& response, const TsigKey& key,
                                         const QByteArray& requestMac, quint64 now)
{
    TsigVerdict verdict;
    if (response.additionals.isEmpty() || response.additionals.last().type != rrtype::TSIG) {
        return verdict;
    }
    verdict.signedResponse = true;
    const DnsRecord& record = response.additionals.last();
    Result<TsigRecordData> data = parseTsigRdata(record.rdata);
    if (!data) {
        return data.error();
    }
    verdict.error = data->error;
    if (data->error != 0) {
        return verdict; // BADSIG / BADKEY / BADTIME: the server could not sign its answer
    }
    if (record.name.compare(key.name, Qt::CaseInsensitive) != 0 ||
        data->algorithm.compare(key.algorithm, Qt::CaseInsensitive) != 0) {
        return fail(QStringLiteral("the DNS response is signed with key \"%1\" (%2), not with \"%3\" (%4)")
                        .arg(record.name, data->algorithm, key.name, key.algorithm),
                    QStringLiteral("protocol"));
    }
    // The message as it was before the TSIG record was added: ARCOUNT - 1, the original ID.
    QByteArray unsignedPart = wire.left(response.lastAdditionalOffset);
    QByteArray header;
    appendUint16(header, data->originalId);
    unsignedPart.replace(0, 2, header);
    QByteArray count;
    appendUint16(count, quint16(response.additionals.size() - 1));
    unsignedPart.replace(10, 2, count);
    Result<QByteArray> expected = computeMac(key, requestMac, unsignedPart, data.value());
    if (!expected) {
        return expected.error();
    }
    if (expected->size() != data->mac.size() ||
        CRYPTO_memcmp(expected->constData(), data->mac.constData(), size_t(expected->size())) != 0) {
        return fail(QStringLiteral("the TSIG signature of the DNS response does not verify with key \"%1\": the "
                                   "answer may have been altered; check the key secret and the network path")
                        .arg(key.name),
                    QStringLiteral("protocol"));
    }
    const quint64 low = data->timeSigned > data->fudge ? data->timeSigned - data->fudge : 0;
    if (now < low || now > data->timeSigned + data->fudge) {
        verdict.error = rcode::BadTime;
    }
    return verdict;
}

} // namespace certdeck::dns
