#pragma once

#include "engine/core/Result.h"

#include <QList>
#include <QProcess>
#include <QString>

#include <memory>

namespace certdeck::test {

// What the fixture's TLS virtual host serves.
struct TlsSite
{
    QString certificateFile;
    QString keyFile;
    QString chainFile; // Apache only: SSLCertificateChainFile when not empty
    QString serverName = QStringLiteral("www.example.test");
    // nginx only: also serve `webRoot` over plain HTTP on 127.0.0.1 and [::1] at `httpPort` (an ACME http-01
    // responder). Every directory above webRoot must be searchable by nginx's workers (nobody).
    QString webRoot;
    int httpPort = 0;
};

// A REAL nginx or apache2 with one TLS virtual host on 127.0.0.1:<free high port>, configured and logging
// under its own directory, stopped by PID when the fixture goes away.
class WebServerFixture
{
public:
    enum class Server { Nginx, Apache };

    // `directory` must exist; the configuration, pid file and logs go there.
    WebServerFixture(Server server, QString directory);
    ~WebServerFixture();
    WebServerFixture(const WebServerFixture&) = delete;
    WebServerFixture& operator=(const WebServerFixture&) = delete;

    // False with a reason when the program is not installed (tests QSKIP then).
    static bool isAvailable(Server server, QString* reason);

    // nginx only: more TLS virtual hosts on the same port (told apart by SNI), for batch deployments.
    void setAdditionalSites(QList<TlsSite> sites) { m_additionalSites = std::move(sites); }

    // Writes the configuration, starts the server and waits until the port completes a TLS handshake.
    Status start(const TlsSite& site, int timeoutMs = 20000);
    void stop();
    // Reloads the configuration the way an operator would (SIGHUP) and waits until every worker that was
    // running before has exited, so no connection made afterwards can reach the old configuration.
    Status reload(int timeoutMs = 20000);

    int port() const { return m_port; }
    QString binary() const;
    QString directory() const { return m_directory; }
    QString configFile() const; // nginx.conf / httpd.conf in directory()
    QString pidFile() const;
    QString errorLog() const; // contents, for failure messages

private:
    QString writeConfig(const TlsSite& site) const;

    Server m_server;
    QString m_directory;
    int m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QList<TlsSite> m_additionalSites;
};

} // namespace certdeck::test
