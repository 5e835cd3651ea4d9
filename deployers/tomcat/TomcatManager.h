#pragma once

#include "deployers/common/ManagementHttp.h"
#include "deployers/common/ServerCommand.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace certdeck::deployers {

// Tomcat's Manager text interface (Apache Tomcat 10.1 documentation, "Manager App How-To", section "Reload TLS
// configuration"): GET <manager>/text/sslReload?tlsHostName=<name> with HTTP Basic credentials of a user in the
// manager-script role. The reply is plain text starting "OK - " or "FAIL - ". Tomcat then reads the key store or
// PEM files of that SSLHostConfig again, without a restart.
class TomcatManager
{
public:
    TomcatManager(QUrl managerUrl, QString user, QByteArray password);

    // The Manager URL field for ManagementHttp::checkUrl(): on the target host, without credentials or query.
    static ManagementHttp::UrlField urlField();

    // Runs in the bot's worker thread with its own event loop; the outcome's text never holds the password.
    ServerCommand::Outcome sslReload(const QString& tlsHostName, int timeoutMs) const;
    QString displayText(const QString& tlsHostName) const; // "Tomcat manager sslReload (https://…/text/sslReload)"

private:
    QUrl reloadUrl() const; // <manager>/text/sslReload

    QUrl m_url;
    QString m_user;
    QByteArray m_password;
};

} // namespace certdeck::deployers
