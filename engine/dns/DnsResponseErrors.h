#pragma once

#include "engine/core/Result.h"
#include "engine/dns/Tsig.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace certdeck::dns {

// What an update was about, for messages.
struct UpdateContext
{
    QString action; // "adding" / "removing"
    QString name;
    QString zone;
    QString keyName;
    QString algorithm;
    QString server; // "127.0.0.1:53"
};

// Turns the answer to a signed UPDATE into a Status: RCODE and TSIG errors become messages that name the server,
// the code and what to check. Error kinds: "badSig", "badKey", "badTime", "refused", "notAuth", "notZone",
// "serverFailure", "dnsError", "protocol".
Status checkUpdateResponse(const QByteArray& wire, const UpdateContext& update, const TsigKey& key,
                           const QByteArray& requestMac);

// The TXT values at name in the answer to a TXT query (NXDOMAIN / no data: an empty list).
Result<QStringList> txtValuesFromResponse(const QByteArray& wire, const QString& server, const QString& name);

} // namespace certdeck::dns
