#pragma once

#include "engine/core/Result.h"
#include "engine/deploy/TargetHost.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QUrl>

#include <utility>

namespace certdeck::deployers {

// One synchronous call to a server's management API over HTTP (Tomcat's manager, WildFly's /management, WebLogic's
// RESTful management, the Kubernetes API): a deadline, a capped reply body, HTTP Basic, HTTP Digest (RFC 7616 / 2617,
// MD5 with qop=auth, answered by QNetworkAccessManager's QAuthenticator), a Bearer token (RFC 6750) or none (a TLS
// client certificate authenticates), redirects never followed. Runs in the bot's worker thread with its own event
// loop. The password or token goes only into the Authorization header: no reply, error or display text of this class
// holds it.
class ManagementHttp
{
public:
    // Bearer: `password` is the token; None: no Authorization header (the client certificate of setTls()).
    enum class Authentication { Basic, Digest, Bearer, None };

    // TLS of an API with its own trust anchor (a Kubernetes cluster's CA): with trustAnchors, only they are trusted
    // (not the system's CAs) and the server's name is checked against the URL's host as always; TLS errors are never
    // ignored. A client certificate and key, when given, are presented in the handshake.
    struct Tls
    {
        QList<QSslCertificate> trustAnchors;
        QSslCertificate clientCertificate;
        QSslKey clientKey;
    };

    struct Reply
    {
        int status = 0;  // the HTTP status; 0: no HTTP answer (refused, timed out, TLS failure)
        QByteArray body; // at most kMaxReplyBytes
        QString error;   // with status 0: why there was no answer
    };
    static constexpr qint64 kMaxReplyBytes = 64 * 1024;

    ManagementHttp(QString user, QByteArray password, Authentication authentication);

    void setTls(Tls tls) { m_tls = std::move(tls); }
    // Raises the cap of the reply body (a list of Kubernetes Secrets is larger than a DMR outcome).
    void setMaxReplyBytes(qint64 bytes) { m_maxReplyBytes = bytes; }
    qint64 maxReplyBytes() const { return m_maxReplyBytes; }

    // `headers` are added as given (Accept, Content-Type, X-Requested-By). A `body` is sent with POST.
    Reply get(const QUrl& url, const QList<std::pair<QByteArray, QByteArray>>& headers, int timeoutMs) const;
    Reply post(const QUrl& url, const QByteArray& body, const QList<std::pair<QByteArray, QByteArray>>& headers,
               int timeoutMs) const;
    // Any method (PUT, PATCH, DELETE) with an optional body.
    Reply send(const QByteArray& verb, const QUrl& url, const QByteArray& body,
               const QList<std::pair<QByteArray, QByteArray>>& headers, int timeoutMs) const;

    const QString& user() const { return m_user; }

    // How a deployer's management URL field reads in the messages of checkUrl().
    struct UrlField
    {
        QString label;    // "Manager URL"
        QString service;  // "Tomcat's manager application"
        QString example;  // "http://127.0.0.1:8080/manager"
        QString password; // "the manager password"
        QString server;   // "the manager of the Tomcat": "the bot only calls <server> it deploys to"
    };
    // The URL must be http(s) on `expectedHost` (the target: any loopback name for this host) and carry no
    // credentials, query or fragment: the bot calls only the API of the server it deploys to. The message names the
    // field.
    static Status checkUrl(const QUrl& url, const QString& expectedHost, const UrlField& field);
    // The same on the deployment's target host (127.0.0.1 for this host, else its address).
    static Status checkUrl(const QUrl& url, const deploy::TargetHost& host, const UrlField& field);

private:
    QString m_user;
    QByteArray m_password;
    Authentication m_authentication;
    Tls m_tls;
    qint64 m_maxReplyBytes = kMaxReplyBytes;
};

} // namespace certdeck::deployers
