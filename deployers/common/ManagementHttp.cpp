#include "deployers/common/ManagementHttp.h"

#include <QAuthenticator>
#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ManagementHttp", text);
}

bool isLoopback(const QString& host)
{
    const QHostAddress address(host);
    return host == QLatin1String("localhost") || (!address.isNull() && address.isLoopback());
}

} // namespace

ManagementHttp::ManagementHttp(QString user, QByteArray password, Authentication authentication)
    : m_user(std::move(user))
    , m_password(std::move(password))
    , m_authentication(authentication)
{
}

ManagementHttp::Reply ManagementHttp::get(const QUrl& url, const QList<std::pair<QByteArray, QByteArray>>& headers,
                                          int timeoutMs) const
{
    return send("GET", url, {}, headers, timeoutMs);
}

ManagementHttp::Reply ManagementHttp::post(const QUrl& url, const QByteArray& body,
                                           const QList<std::pair<QByteArray, QByteArray>>& headers, int timeoutMs) const
{
    return send("POST", url, body, headers, timeoutMs);
}

ManagementHttp::Reply ManagementHttp::send(const QByteArray& verb, const QUrl& url, const QByteArray& body,
                                           const QList<std::pair<QByteArray, QByteArray>>& headers, int timeoutMs) const
{
    QNetworkRequest request(url);
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
    }
    if (m_authentication == Authentication::Basic) {
        // Preemptive: Tomcat's manager and WebLogic answer 401 without a challenge worth a second round trip.
        request.setRawHeader("Authorization", "Basic " + QByteArray(m_user.toUtf8() + ':' + m_password).toBase64());
    } else if (m_authentication == Authentication::Bearer) {
        request.setRawHeader("Authorization", "Bearer " + m_password);
    }
    if (url.scheme() == QLatin1String("https") &&
        (!m_tls.trustAnchors.isEmpty() || !m_tls.clientCertificate.isNull())) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_tls.trustAnchors.isEmpty()) {
            tls.setCaCertificates(m_tls.trustAnchors); // only the API's own CA, as kubectl's certificate-authority
        }
        if (!m_tls.clientCertificate.isNull()) {
            tls.setLocalCertificate(m_tls.clientCertificate);
            tls.setPrivateKey(m_tls.clientKey);
        }
        request.setSslConfiguration(tls);
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);

    QNetworkAccessManager network;
    int challenges = 0;
    QObject::connect(&network, &QNetworkAccessManager::authenticationRequired, &network,
                     [&](QNetworkReply* /*reply*/, QAuthenticator* authenticator) {
                         // Digest: answer the server's first challenge (QAuthenticator computes the MD5 response with
                         // qop=auth and the nonce); a second challenge means the credentials were refused, and
                         // leaving the authenticator empty ends the request with that 401.
                         if (m_authentication == Authentication::Digest && challenges++ == 0) {
                             authenticator->setUser(m_user);
                             authenticator->setPassword(QString::fromUtf8(m_password));
                         }
                     });
    QEventLoop loop;
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, body));
    Reply result;
    bool timedOut = false;
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
        result.body += reply->read(m_maxReplyBytes - result.body.size());
        if (result.body.size() >= m_maxReplyBytes) {
            reply->abort();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    if (!reply->isFinished()) {
        loop.exec();
    }
    if (reply->isOpen()) {
        result.body += reply->read(std::max<qint64>(0, m_maxReplyBytes - result.body.size()));
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.status == 0) {
        // Our deadline, or the transfer timeout (an idle connection) that QNetworkAccessManager reports as cancelled.
        timedOut = timedOut || reply->error() == QNetworkReply::OperationCanceledError;
        result.error = timedOut ? tr("no answer within %1 s").arg(timeoutMs / 1000.0) : reply->errorString();
    }
    return result;
}

Status ManagementHttp::checkUrl(const QUrl& url, const QString& expectedHost, const UrlField& field)
{
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        return fail(tr("%1: enter the address of %2, e.g. %3").arg(field.label, field.service, field.example));
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return fail(tr("%1: enter it without user, password or query; %2 is kept in the keychain")
                        .arg(field.label, field.password));
    }
    const bool expectedLocal = isLoopback(expectedHost);
    if (expectedLocal ? !isLoopback(url.host()) : url.host().compare(expectedHost, Qt::CaseInsensitive) != 0) {
        return fail(tr("%1: %2 is not on the target host %3; the bot only calls %4 it deploys to")
                        .arg(field.label, url.host(), expectedLocal ? QStringLiteral("127.0.0.1") : expectedHost,
                             field.server));
    }
    return {};
}

Status ManagementHttp::checkUrl(const QUrl& url, const deploy::TargetHost& host, const UrlField& field)
{
    return checkUrl(url, host.isLocal() ? QStringLiteral("127.0.0.1") : host.address(), field);
}

} // namespace certdeck::deployers
