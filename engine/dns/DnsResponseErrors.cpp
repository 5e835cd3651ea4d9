#include "engine/dns/DnsResponseErrors.h"

#include "engine/dns/DnsMessage.h"

#include <QDateTime>

namespace certdeck::dns {
namespace {

Error tsigError(int error, const UpdateContext& u)
{
    const QString prefix = QStringLiteral("%1 the TXT record %2 failed: ").arg(u.action, u.name);
    switch (error) {
    case rcode::BadSig:
        return fail(prefix + QStringLiteral("the DNS server %1 rejected the TSIG signature of key \"%2\" (BADSIG); "
                                            "check that the key secret and algorithm (%3) match the key configured "
                                            "on the server")
                                 .arg(u.server, u.keyName, u.algorithm),
                    QStringLiteral("badSig"));
    case rcode::BadKey:
        return fail(prefix + QStringLiteral("the DNS server %1 does not know the TSIG key \"%2\" with algorithm %3 "
                                            "(BADKEY); check the key name and algorithm against the server's key "
                                            "statement")
                                 .arg(u.server, u.keyName, u.algorithm),
                    QStringLiteral("badKey"));
    case rcode::BadTime:
        return fail(prefix + QStringLiteral("the DNS server %1 and this computer disagree about the time by more than "
                                            "5 minutes (BADTIME); synchronize both clocks (NTP)")
                                 .arg(u.server),
                    QStringLiteral("badTime"));
    default:
        return fail(prefix + QStringLiteral("the DNS server %1 reported the TSIG error %2 for key \"%3\"; check the "
                                            "key configuration")
                                 .arg(u.server, rcodeName(error), u.keyName),
                    QStringLiteral("badSig"));
    }
}

Error rcodeError(int code, const UpdateContext& u)
{
    const QString prefix = QStringLiteral("%1 the TXT record %2 failed: ").arg(u.action, u.name);
    switch (code) {
    case rcode::Refused:
        return fail(prefix + QStringLiteral("REFUSED: the DNS server %1 does not allow updates to zone %2 with key "
                                            "\"%3\"; check allow-update / update-policy for the zone on the server")
                                 .arg(u.server, u.zone, u.keyName),
                    QStringLiteral("refused"));
    case rcode::NotAuth:
        return fail(prefix + QStringLiteral("NOTAUTH: the DNS server %1 is not authoritative for zone %2; check the "
                                            "zone name and send updates to the zone's primary server")
                                 .arg(u.server, u.zone),
                    QStringLiteral("notAuth"));
    case rcode::NotZone:
        return fail(prefix + QStringLiteral("NOTZONE: the DNS server %1 says %2 is not within zone %3; check the "
                                            "zone name")
                                 .arg(u.server, u.name, u.zone),
                    QStringLiteral("notZone"));
    case rcode::ServFail:
        return fail(prefix + QStringLiteral("SERVFAIL: the DNS server %1 could not apply the update to zone %2; "
                                            "check the server's log (zone journal, file permissions)")
                                 .arg(u.server, u.zone),
                    QStringLiteral("serverFailure"));
    case rcode::NotImp:
        return fail(prefix + QStringLiteral("NOTIMP: the DNS server %1 does not implement dynamic updates (RFC "
                                            "2136); use the zone's primary server")
                                 .arg(u.server),
                    QStringLiteral("dnsError"));
    case rcode::FormErr:
        return fail(prefix + QStringLiteral("FORMERR: the DNS server %1 could not parse the update").arg(u.server),
                    QStringLiteral("dnsError"));
    default:
        return fail(prefix + QStringLiteral("the DNS server %1 answered %2 to the update of zone %3")
                                 .arg(u.server, rcodeName(code), u.zone),
                    QStringLiteral("dnsError"));
    }
}

} // namespace

Status checkUpdateResponse(const QByteArray& wire, const UpdateContext& update, const TsigKey& key,
                           const QByteArray& requestMac)
{
    const Result<DnsMessage> response = DnsMessage::parse(wire);
    if (!response) {
        return fail(QStringLiteral("%1 the TXT record %2 failed: the DNS server %3 sent an answer that cannot be "
                                   "read (%4)")
                        .arg(update.action, update.name, update.server, response.message()),
                    QStringLiteral("protocol"));
    }
    const Result<TsigVerdict> verdict =
        Tsig::verifyResponse(wire, response.value(), key, requestMac, quint64(QDateTime::currentSecsSinceEpoch()));
    if (verdict && verdict->error != 0) {
        return tsigError(verdict->error, update);
    }
    if (response->rcode != rcode::NoError) {
        return rcodeError(response->rcode, update);
    }
    if (!verdict) {
        return fail(QStringLiteral("%1 the TXT record %2: %3").arg(update.action, update.name, verdict.message()),
                    QStringLiteral("protocol"));
    }
    if (!verdict->signedResponse) {
        return fail(QStringLiteral("%1 the TXT record %2: the DNS server %3 answered without a TSIG signature, so "
                                   "the answer cannot be trusted; check that %3 is the zone's primary server")
                        .arg(update.action, update.name, update.server),
                    QStringLiteral("protocol"));
    }
    return {};
}

Result<QStringList> txtValuesFromResponse(const QByteArray& wire, const QString& server, const QString& name)
{
    const Result<DnsMessage> response = DnsMessage::parse(wire);
    if (!response) {
        return fail(QStringLiteral("querying TXT %1 failed: the DNS server %2 sent an answer that cannot be read (%3)")
                        .arg(name, server, response.message()),
                    QStringLiteral("protocol"));
    }
    if (response->rcode == rcode::NxDomain) {
        return QStringList();
    }
    if (response->rcode != rcode::NoError) {
        return fail(QStringLiteral("querying TXT %1 failed: the DNS server %2 answered %3; check that it is "
                                   "authoritative for %1 and answers queries from this host")
                        .arg(name, server, rcodeName(response->rcode)),
                    response->rcode == rcode::Refused ? QStringLiteral("refused") : QStringLiteral("dnsError"));
    }
    QStringList values;
    for (const DnsRecord& record : response->answers) {
        if (record.type != rrtype::TXT || record.name.compare(name, Qt::CaseInsensitive) != 0) {
            continue;
        }
        const Result<QByteArray> value = decodeTxtRdata(record.rdata);
        if (!value) {
            return fail(
                QStringLiteral("querying TXT %1 failed: the DNS server %2 sent %3").arg(name, server, value.message()),
                QStringLiteral("protocol"));
        }
        values << QString::fromUtf8(value.value());
    }
    return values;
}

} // namespace certdeck::dns
