// DNS messages and TSIG (engine/dns): what the dns-01 validation reads from the authoritative server, the answer
// to a signed RFC 2136 UPDATE (RCODE, TSIG error, MAC) and the answer to a TXT query.
#include "FuzzInput.h"

#include "engine/dns/DnsMessage.h"
#include "engine/dns/DnsResponseErrors.h"
#include "engine/dns/Tsig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace certdeck::dns;
    const QByteArray wire = certdeck::fuzz::bytesOf(data, size);
    if (const auto message = DnsMessage::parse(wire)) {
        for (const DnsRecord& record : message->additionals) {
            if (record.type == rrtype::TSIG) {
                if (const auto tsig = parseTsigRdata(record.rdata)) {
                    (void)encodeTsigRdata(*tsig);
                }
            }
        }
        for (const DnsRecord& record : message->answers) {
            (void)decodeTxtRdata(record.rdata);
        }
        (void)message->encode();
    }
    static const TsigKey key{QStringLiteral("certdeck-update"), QStringLiteral("hmac-sha256"), QByteArray(32, '\x5a')};
    const UpdateContext update{QStringLiteral("adding"),
                               QStringLiteral("_acme-challenge.www.example.test"),
                               QStringLiteral("example.test"),
                               key.name,
                               key.algorithm,
                               QStringLiteral("127.0.0.1:53")};
    (void)checkUpdateResponse(wire, update, key, QByteArray(32, '\x01'));
    (void)txtValuesFromResponse(wire, update.server, update.name);
    return 0;
}
