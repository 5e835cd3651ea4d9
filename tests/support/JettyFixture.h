#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>

namespace certdeck::test {

// The TLS side of a jetty.base: what start.d/ssl.ini says.
struct JettySsl
{
    QString keyStorePath; // absolute
    QString keyStoreType = QStringLiteral("PKCS12");
    QString keyStorePassword; // as written into ssl.ini: plain, or OBF: (obfuscate())
    QString certAlias;        // empty: no jetty.sslContext.certAlias
    bool sslReload = true;    // --module=ssl-reload (KeyStoreScanner, every second)
    int port = 0;             // filled by start(): a free loopback port
};

// A REAL Jetty 9.4 (Debian jetty9) on its own jetty.base under `directory`, started and stopped by Debian's control
// script /usr/share/jetty9/bin/jetty.sh (JETTY_HOME=/usr/share/jetty9). jetty.sh finds a running instance by the
// PID file in JETTY_RUN; start() sets JETTY_RUN (and small JAVA_OPTIONS) in this process's environment, so that a
// deployer in this process restarting Jetty through jetty.sh reaches this instance.
class JettyFixture
{
public:
    explicit JettyFixture(QString directory);
    ~JettyFixture();
    JettyFixture(const JettyFixture&) = delete;
    JettyFixture& operator=(const JettyFixture&) = delete;

    static bool isAvailable(QString* reason); // java and jetty9 installed
    static QString controlScript();           // /usr/share/jetty9/bin/jetty.sh
    // The OBF: form of a (test) password, made by Jetty's own org.eclipse.jetty.util.security.Password.
    static Result<QString> obfuscate(const QString& password);

    // Writes start.ini and start.d/ssl.ini, runs `jetty.sh start` and waits for a TLS handshake.
    Status start(JettySsl ssl, int timeoutMs = 60000);
    void stop();

    QString jettyBase() const { return m_directory; }
    int port() const { return m_ssl.port; }
    qint64 processId() const; // from the PID file; 0 when not running
    QString log() const;      // the end of Jetty's start log, for failure messages

private:
    QString runDirectory() const { return m_directory + QStringLiteral("/run"); }
    QString m_directory;
    JettySsl m_ssl;
    bool m_started = false;
};

} // namespace certdeck::test
