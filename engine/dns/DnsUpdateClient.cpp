#include "engine/dns/DnsUpdateClient.h"

#include "engine/core/Log.h"
#include "engine/dns/DnsExchange.h"
#include "engine/dns/DnsMessage.h"
#include "engine/dns/DnsResponseErrors.h"
#include "engine/dns/Tsig.h"

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>

namespace certdeck::dns {
namespace {

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("engine.dns");
}

// Delivers on context's thread (queued); dropped when context is gone.
template <typename T>
void deliver(QObject* context, std::function<void(T)> done, T result)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}

quint16 randomId()
{
    return quint16(QRandomGenerator::system()->bounded(0x10000));
}

} // namespace

DnsUpdateClient::DnsUpdateClient(QObject* parent)
    : QObject(parent)
{
}

void DnsUpdateClient::setTimeouts(int attemptTimeoutMs, int attempts)
{
    m_attemptTimeoutMs = qMax(100, attemptTimeoutMs);
    m_attempts = qMax(1, attempts);
}

int DnsUpdateClient::totalTimeoutMs() const
{
    return m_attemptTimeoutMs * m_attempts;
}

void DnsUpdateClient::addTxt(const DnsUpdateTarget& target, const QString& name, const QString& value, int ttl,
                             QObject* context, std::function<void(Status)> done)
{
    update(target, name, value, ttl, true, context, std::move(done));
}

void DnsUpdateClient::removeTxt(const DnsUpdateTarget& target, const QString& name, const QString& value,
                                QObject* context, std::function<void(Status)> done)
{
    update(target, name, value, 0, false, context, std::move(done));
}

void DnsUpdateClient::update(const DnsUpdateTarget& target, const QString& name, const QString& value, int ttl,
                             bool add, QObject* context, std::function<void(Status)> done)
{
    QObject* receiver = context ? context : this;
    const QString what = add ? QStringLiteral("adding") : QStringLiteral("removing");
    const Result<QString> zone = normalizeName(target.zone);
    if (!zone) {
        deliver<Status>(receiver, std::move(done),
                        fail(QStringLiteral("cannot update DNS: the zone is invalid: ") + zone.message()));
        return;
    }
    const Result<QString> owner = normalizeName(name);
    if (!owner) {
        deliver<Status>(receiver, std::move(done), fail(QStringLiteral("cannot update DNS: ") + owner.message()));
        return;
    }
    if (!isInZone(owner.value(), zone.value())) {
        deliver<Status>(receiver, std::move(done),
                        fail(QStringLiteral("cannot update DNS: the name %1 is not in the zone %2; check the zone "
                                            "configured for the DNS server")
                                 .arg(owner.value(), zone.value())));
        return;
    }
    const Result<QString> keyName = normalizeName(target.keyName);
    if (!keyName) {
        deliver<Status>(receiver, std::move(done),
                        fail(QStringLiteral("cannot update DNS: the TSIG key name is invalid: ") + keyName.message()));
        return;
    }
    const TsigKey key{keyName.value(), target.algorithm.toLower(), target.secret};
    if (!Tsig::isSupportedAlgorithm(key.algorithm)) {
        deliver<Status>(receiver, std::move(done),
                        fail(QStringLiteral("cannot update DNS: the TSIG algorithm \"%1\" is not supported; use "
                                            "hmac-sha256, hmac-sha384 or hmac-sha512")
                                 .arg(target.algorithm)));
        return;
    }

    DnsMessage message;
    message.id = randomId();
    message.opcode = opcode::Update;
    message.questions.append({zone.value(), rrtype::SOA, rrclass::IN});
    DnsRecord record;
    record.name = owner.value();
    record.type = rrtype::TXT;
    record.klass = add ? rrclass::IN : rrclass::NONE; // class NONE: delete this RR from the RRset (RFC 2136 2.5.4)
    record.ttl = add ? quint32(qMax(0, ttl)) : 0;
    record.rdata = encodeTxtRdata(value.toUtf8());
    message.authorities.append(record);

    QByteArray requestMac;
    const Result<QByteArray> signedRequest =
        Tsig::sign(message.encode(), key, quint64(QDateTime::currentSecsSinceEpoch()), &requestMac);
    if (!signedRequest) {
        deliver<Status>(receiver, std::move(done),
                        fail(QStringLiteral("cannot update DNS: ") + signedRequest.message()));
        return;
    }

    UpdateContext update{what, owner.value(), zone.value(), key.name, key.algorithm};
    auto* exchange =
        new DnsExchange(target.server, target.port, signedRequest.value(), {m_attemptTimeoutMs, m_attempts}, this);
    update.server = exchange->serverLabel();
    logger()->info("{} TXT {} in zone {} at {} (key {})", what.toStdString(), owner->toStdString(), zone->toStdString(),
                   update.server.toStdString(), key.name.toStdString());
    QPointer<QObject> guard(receiver);
    exchange->start([exchange, receiver, guard, done = std::move(done), update, key,
                     requestMac](Result<QByteArray> response) mutable {
        exchange->deleteLater();
        Status status = response ? checkUpdateResponse(response.value(), update, key, requestMac)
                                 : Status(fail(QStringLiteral("%1 the TXT record %2 failed: %3")
                                                   .arg(update.action, update.name, response.message()),
                                               response.error().kind));
        if (status) {
            logger()->info("{} TXT {} at {}: done", update.action.toStdString(), update.name.toStdString(),
                           update.server.toStdString());
        } else {
            logger()->warn("{}", status.message().toStdString());
        }
        if (guard) {
            deliver<Status>(receiver, std::move(done), std::move(status));
        }
    });
}

void DnsUpdateClient::queryTxt(const QString& server, quint16 port, const QString& name, QObject* context,
                               std::function<void(Result<QStringList>)> done)
{
    QObject* receiver = context ? context : this;
    const Result<QString> owner = normalizeName(name);
    if (!owner) {
        deliver<Result<QStringList>>(receiver, std::move(done),
                                     fail(QStringLiteral("cannot query DNS: ") + owner.message()));
        return;
    }
    DnsMessage message;
    message.id = randomId();
    message.recursionDesired = false; // ask the authoritative server itself, no recursion
    message.questions.append({owner.value(), rrtype::TXT, rrclass::IN});
    auto* exchange = new DnsExchange(server, port, message.encode(), {m_attemptTimeoutMs, m_attempts}, this);
    const QString serverLabel = exchange->serverLabel();
    QPointer<QObject> guard(receiver);
    exchange->start([exchange, receiver, guard, done = std::move(done), serverLabel,
                     owner = owner.value()](Result<QByteArray> response) mutable {
        exchange->deleteLater();
        Result<QStringList> result =
            response
                ? txtValuesFromResponse(response.value(), serverLabel, owner)
                : Result<QStringList>(fail(QStringLiteral("querying TXT %1 failed: %2").arg(owner, response.message()),
                                           response.error().kind));
        if (guard) {
            deliver<Result<QStringList>>(receiver, std::move(done), std::move(result));
        }
    });
}

} // namespace certdeck::dns
