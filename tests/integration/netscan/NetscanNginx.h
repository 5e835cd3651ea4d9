#pragma once

#include "engine/core/Result.h"

#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace certdeck::test {

// A virtual host of NetscanNginx: the certificate it serves for `serverName` on `addresses` (empty: on every
// address the fixture listens on).
struct NetscanSite
{
    QString serverName;
    QString certificateFile;
    QString keyFile;
    QStringList addresses;
};

// One REAL nginx listening with TLS on many loopback addresses x consecutive ports (for the network discovery's
// tests and benchmark), configured under its own directory, stopped by PID when it goes away.
class NetscanNginx
{
public:
    explicit NetscanNginx(QString directory);
    ~NetscanNginx();
    NetscanNginx(const NetscanNginx&) = delete;
    NetscanNginx& operator=(const NetscanNginx&) = delete;

    static QString binary(); // empty when nginx is not installed

    // The first site is the default server (served without SNI and for unknown names); the others are chosen by
    // SNI. `extraServers` is appended inside http {} (a plain HTTP server, say). Picks a free port range (every
    // port free on every address), starts nginx with `workers` processes and waits until the last endpoint
    // completes a handshake.
    Status start(const QStringList& addresses, int portCount, const QList<NetscanSite>& sites,
                 const QString& extraServers = {}, int workers = 1, int timeoutMs = 60000);
    void stop();

    int basePort() const { return m_basePort; }
    QString portList() const; // "base-last"
    qint64 pid() const;
    QString errorLog() const;

private:
    QString m_directory;
    int m_basePort = 0;
    int m_portCount = 0;
    std::unique_ptr<QProcess> m_process;
};

// A first port such that [first, first + count) can be bound on every address now; 0 when none was found.
int freePortRange(const QStringList& addresses, int count, int low = 20000, int high = 31999);

} // namespace certdeck::test
