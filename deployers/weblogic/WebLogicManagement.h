#pragma once

#include "deployers/common/ManagementHttp.h"
#include "deployers/common/ServerCommand.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace certdeck::deployers {

// The identity a WebLogic server's SSL uses: its custom identity key store and the private key in it.
struct WebLogicIdentity
{
    QString keyStoreFile;
    QString keyStoreType; // "PKCS12", "JKS": what the file is
    QByteArray keyStorePassPhrase;
    QString privateKeyAlias;
    QByteArray privateKeyPassPhrase;
};

// WebLogic's RESTful management API (Oracle WebLogic Server RESTful Management API, /management/weblogic/latest/edit;
// "Change Manager" actions; "Send Requests" for the headers). Every request carries HTTP Basic credentials of an
// administrator, Accept and Content-Type application/json, and X-Requested-By (WebLogic's CSRF guard: 400 without
// it). One explicit edit session: POST changeManager/startEdit (takes the domain's edit lock), POST
// servers/{name} (keyStores CustomIdentityAndJavaStandardTrust and the custom identity key store file, type and
// pass phrase), POST servers/{name}/SSL (the private key alias and pass phrase), POST changeManager/activate
// (WebLogic applies the change and the server's SSL reads the identity key store again). After any failure once the
// lock is held: POST changeManager/cancelEdit, so that no half-made change is left pending or locked. Errors come as
// JSON {"status": 400, "detail": "..."}.
class WebLogicManagement
{
public:
    WebLogicManagement(QUrl adminUrl, QString user, QByteArray password);

    // The Admin URL field for ManagementHttp::checkUrl().
    static ManagementHttp::UrlField urlField();

    // The whole edit session within `timeoutMs`. The outcome's text names the step that failed and WebLogic's
    // detail; never a password.
    ServerCommand::Outcome setIdentity(const QString& serverName, const WebLogicIdentity& identity,
                                       int timeoutMs) const;
    QString displayText(const QString& serverName) const;

private:
    QUrl editUrl(const QString& path) const; // <adminUrl>/management/weblogic/latest/edit/<path>
    // One POST; empty on success, else why (naming `path`).
    QString post(const QString& path, const QJsonObject& body, int timeoutMs) const;

    QUrl m_url;
    QString m_user;
    QByteArray m_password;
};

} // namespace certdeck::deployers
