#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace certdeck::test {

// A REAL bind9 (`named -g`) on 127.0.0.1:<free port>, authoritative for one zone, without recursion, accepting
// RFC 2136 updates signed with a TSIG key generated for this run. Everything lives in its own temporary
// directory; named is stopped by PID when the fixture goes away. Also usable as pebble's -dnsserver: every name
// in aRecordNames resolves to 127.0.0.1 (answers come over UDP and TCP on port()).
class Bind9Fixture
{
public:
    struct Options
    {
        QString zone = QStringLiteral("certdeck.test");
        // Names with an A record to 127.0.0.1: relative to the zone ("www") or absolute in it
        // ("www.certdeck.test."); "@" is the zone apex.
        QStringList aRecordNames = {QStringLiteral("@"), QStringLiteral("www")};
        QString keyName = QStringLiteral("certdeck-update");
        QString algorithm = QStringLiteral("hmac-sha256");
        // A second key the server knows but does not allow to update the zone (tests of REFUSED).
        QString unauthorizedKeyName = QStringLiteral("certdeck-readonly");
    };

    Bind9Fixture();
    explicit Bind9Fixture(Options options);
    ~Bind9Fixture();
    Bind9Fixture(const Bind9Fixture&) = delete;
    Bind9Fixture& operator=(const Bind9Fixture&) = delete;

    // False with a reason when named is not installed (tests QSKIP then: apt-get install bind9 bind9-dnsutils).
    static bool isAvailable(QString* reason);

    // Writes the configuration, zone and key, starts named and waits until it answers the zone's SOA.
    Status start(int timeoutMs = 30000);
    void stop();
    bool isRunning() const;

    QString address() const { return QStringLiteral("127.0.0.1"); }
    quint16 port() const { return m_port; }
    QString dnsServer() const;                      // "127.0.0.1:<port>", e.g. for pebble -dnsserver
    QString zone() const { return m_options.zone; } // without the trailing dot
    QString keyName() const { return m_options.keyName; }
    QString algorithm() const { return m_options.algorithm; }
    QByteArray secret() const { return m_secret; } // raw key bytes
    QString unauthorizedKeyName() const { return m_options.unauthorizedKeyName; }
    QByteArray unauthorizedSecret() const { return m_unauthorizedSecret; }
    QString directory() const;
    qint64 processId() const;
    QString output() const; // named's log so far, for failure messages

    // Runs `dig @127.0.0.1 -p <port> +norecurse +short <type> <name>` (an independent client); the output
    // lines, or an error naming what failed.
    Result<QStringList> dig(const QString& name, const QString& type) const;

private:
    Status writeFiles();
    Options m_options;
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_secret;
    QByteArray m_unauthorizedSecret;
    quint16 m_port = 0;
};

} // namespace certdeck::test
