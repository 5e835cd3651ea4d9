#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>

#include <memory>

namespace certdeck::test {

// One TLS connector of the fixture's server.xml: a keystore (PKCS#12 / JKS) or PEM files.
struct TomcatConnector
{
    QString hostName = QStringLiteral("tomcat.test"); // SSLHostConfig hostName (also the default one)
    QString keystoreFile;                             // set this, or certificateFile + keyFile
    QString keystoreType = QStringLiteral("PKCS12");
    QString keystorePassword; // test material only: Tomcat reads it from server.xml
    QString keyAlias;         // certificateKeyAlias; empty: the store's only key
    QString certificateFile;
    QString keyFile;
    int port = 0; // filled by start(): a free loopback port
};

// A REAL Tomcat 10 (Debian tomcat10: CATALINA_HOME=/usr/share/tomcat10) with its own CATALINA_BASE under
// `directory`, TLS connectors on 127.0.0.1, started as `java ... org.apache.catalina.startup.Bootstrap start`
// (no shell) and stopped by PID when the fixture goes away.
class TomcatFixture
{
public:
    explicit TomcatFixture(QString directory);
    ~TomcatFixture();
    TomcatFixture(const TomcatFixture&) = delete;
    TomcatFixture& operator=(const TomcatFixture&) = delete;

    // False with a reason when java or tomcat10 is not installed (tests QSKIP then).
    static bool isAvailable(QString* reason);
    // A PKCS#12 file without a password (what Tomcat reads with an empty certificateKeystorePassword).
    static QByteArray pkcs12WithoutPassword(const crypto::PrivateKey& key, const crypto::Certificate& leaf,
                                            const QList<crypto::Certificate>& chain);

    // Writes CATALINA_BASE (conf/server.xml with the connectors, web.xml & co. copied from the package), starts
    // Tomcat and waits until every connector completes a TLS handshake.
    Status start(QList<TomcatConnector> connectors, int timeoutMs = 90000);
    // Before start(): deploy Debian's manager application (tomcat10-admin) with a manager-script user, reachable
    // over a plain HTTP connector on loopback (managerUrl()). False with a reason when tomcat10-admin is missing.
    static bool managerAvailable(QString* reason);
    void enableManager(QString user, QString password);
    QString managerUrl() const; // http://127.0.0.1:<port>/manager
    void stop();

    const QList<TomcatConnector>& connectors() const { return m_connectors; }
    QString catalinaBase() const { return m_directory; }
    static QString catalinaHome();
    QString serverXml() const { return m_directory + QStringLiteral("/conf/server.xml"); }
    qint64 processId() const;
    QString log() const; // the end of Tomcat's console output, for failure messages

private:
    Status writeBase() const;
    Status writeManager() const;
    QString m_directory;
    QString m_managerUser;
    QString m_managerPassword;
    int m_managerPort = 0;
    QList<TomcatConnector> m_connectors;
    std::unique_ptr<QProcess> m_process;
};

} // namespace certdeck::test
