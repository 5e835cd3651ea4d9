#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace certdeck::dns {

// An authoritative server that accepts RFC 2136 dynamic updates signed with TSIG (RFC 8945).
struct DnsUpdateTarget
{
    QString server; // IP address or host name
    quint16 port = 53;
    QString zone;                                      // "example.com" (the zone being updated)
    QString keyName;                                   // TSIG key name
    QString algorithm = QStringLiteral("hmac-sha256"); // hmac-sha256, hmac-sha384, hmac-sha512
    QByteArray secret;                                 // raw key bytes (decoded from base64); from the keychain
};

// Publishes and removes the TXT records of dns-01 challenges. Asynchronous (Qt sockets on the caller's
// thread); callbacks arrive on context's thread. Errors name the server and the RCODE ("REFUSED", "NOTAUTH")
// or TSIG error ("BADSIG", "BADKEY", "BADTIME") and what to check.
class DnsUpdateClient : public QObject
{
    Q_OBJECT
public:
    explicit DnsUpdateClient(QObject* parent = nullptr);

    // Adds "<name> TXT <value>" (name absolute, in the zone; other TXT values at that name are kept).
    void addTxt(const DnsUpdateTarget& target, const QString& name, const QString& value, int ttl, QObject* context,
                std::function<void(Status)> done);
    // Removes exactly that TXT value.
    void removeTxt(const DnsUpdateTarget& target, const QString& name, const QString& value, QObject* context,
                   std::function<void(Status)> done);
    // Asks the server directly (no recursion, no cache) for the TXT values at name: used to wait until an update
    // is visible before the CA is asked to validate.
    void queryTxt(const QString& server, quint16 port, const QString& name, QObject* context,
                  std::function<void(Result<QStringList>)> done);

    // Each request waits attemptTimeoutMs for an answer over UDP and is sent `attempts` times in all before it
    // fails with kind "timeout" (default 2000 ms, 2 attempts).
    void setTimeouts(int attemptTimeoutMs, int attempts);
    int totalTimeoutMs() const;

private:
    void update(const DnsUpdateTarget& target, const QString& name, const QString& value, int ttl, bool add,
                QObject* context, std::function<void(Status)> done);
    int m_attemptTimeoutMs = 2000;
    int m_attempts = 2;
};

} // namespace certdeck::dns
