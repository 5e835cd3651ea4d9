#pragma once

#include "engine/core/Result.h"
#include "tests/support/TestPki.h"

#include <QProcess>
#include <QString>

#include <memory>

namespace certdeck::test {

// A REAL vsftpd on 127.0.0.1:<free high port> with its own configuration, throw-away TLS certificate (from
// TestPki) and FTP root under `directory`. Stopped by PID when the fixture goes away.
//
// Login: vsftpd refuses to run file operations as root, so the tests log in anonymously (user "anonymous",
// files owned by the system user "ftp" that Debian's vsftpd package creates; no user is created here). Any
// password is accepted except the one in the deny list (deniedPassword()), which gives the tests a "login
// refused" case.
class VsftpdFixture
{
public:
    enum class Tls { Explicit, Implicit, None };

    explicit VsftpdFixture(QString directory, Tls tls = Tls::Explicit);
    ~VsftpdFixture();
    VsftpdFixture(const VsftpdFixture&) = delete;
    VsftpdFixture& operator=(const VsftpdFixture&) = delete;

    static bool isAvailable(QString* reason);
    Status start(int timeoutMs = 10000);
    void stop();
    // SIGKILLs the per-session vsftpd processes, not the listener: open connections die mid-transfer.
    int killSessions();

    int port() const { return m_port; }
    QString root() const { return m_directory + QStringLiteral("/root"); }   // "/" as the FTP client sees it
    static QString writableDirectory() { return QStringLiteral("/upload"); } // as the client sees it
    QString log() const;                                                     // protocol log (log_ftp_protocol)
    QByteArray caPem() const;                                                // the root CA that issued the server cert
    QString leafSha256() const;                                              // "AB:CD:..." of the server cert
    static QString userName() { return QStringLiteral("anonymous"); }
    static QByteArray deniedPassword() { return QByteArrayLiteral("refused@certdeck.test"); }
    // Extra configuration lines (e.g. "anon_max_rate=2048"), before start().
    void addConfig(const QString& line) { m_extra.append(line); }

private:
    QString m_directory;
    Tls m_tls;
    int m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QStringList m_extra;
    QByteArray m_caPem;
    QString m_leafSha256;
};

} // namespace certdeck::test
