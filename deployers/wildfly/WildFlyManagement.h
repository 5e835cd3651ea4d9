#pragma once

#include "deployers/common/ManagementHttp.h"
#include "deployers/common/ServerCommand.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace certdeck::deployers {

// WildFly's HTTP management API (WildFly Admin Guide, "HTTP management API"; JBoss EAP "How to Configure Server
// Security", "Reload a keystore"): POST <managementUrl> with Content-Type application/json and a JSON DMR operation
// {"operation": name, "address": [{"subsystem": "elytron"}, {"key-store": name}]}, authenticated with HTTP Digest
// against the ManagementRealm. The reply is {"outcome": "success", "result": ...} or {"outcome": "failed",
// "failure-description": "WFLY...: ..."} (with HTTP 500). The Elytron key-store's `load` operation reads its file
// again; the key-manager's `init` operation rebuilds the key manager over it, which the TLS contexts use for new
// connections: the server keeps running.
class WildFlyManagement
{
public:
    WildFlyManagement(QUrl managementUrl, QString user, QByteArray password);

    // The Management URL field for ManagementHttp::checkUrl().
    static ManagementHttp::UrlField urlField();

    // `load` on the key-store, then `init` on the key-manager, within `timeoutMs` together. The outcome's text names
    // the operation that failed and WildFly's failure-description; never the password.
    ServerCommand::Outcome reloadKeyStore(const QString& keyStore, const QString& keyManager, int timeoutMs) const;
    QString displayText(const QString& keyStore, const QString& keyManager) const;

private:
    // One operation on /subsystem=elytron/<resourceType>=<name>; empty message on success.
    QString execute(const QString& operation, const QString& resourceType, const QString& name, int timeoutMs) const;

    QUrl m_url;
    QString m_user;
    QByteArray m_password;
};

} // namespace certdeck::deployers
