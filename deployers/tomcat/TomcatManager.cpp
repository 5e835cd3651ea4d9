#include "deployers/tomcat/TomcatManager.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TomcatManager", text);
}

constexpr qint64 kMaxReplyBytes = 64 * 1024;

bool isLoopback(const QString& host)
{
    const QHostAddress address(host);
    return host == QLatin1String("localhost") || (!address.isNull() && address.isLoopback());
}

} // namespace

TomcatManager::TomcatManager(QUrl managerUrl, QString user, QByteArray password)
    : m_url(std::move(managerUrl))
    , m_user(std::move(user))
    , m_password(std::move(password))
{
}

Status TomcatManager::checkUrl(const QUrl& url, const QString& expectedHost)
{
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        return fail(tr("Manager URL: enter the address of Tomcat's manager application, e.g. "
                       "http://127.0.0.1:8080/manager"));
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return fail(tr("Manager URL: enter it without user, password or query; the manager password is kept in the "
                       "keychain"));
    }
    const bool expectedLocal = isLoopback(expectedHost);
    if (expectedLocal ? !isLoopback(url.host()) : url.host().compare(expectedHost, Qt::CaseInsensitive) != 0) {
        return fail(tr("Manager URL: %1 is not on the target host %2; the bot only calls the manager of the Tomcat it "
                       "deploys to")
                        .arg(url.host(), expectedLocal ? QStringLiteral("127.0.0.1") : expectedHost));
    }
    return {};
}

QUrl TomcatManager::reloadUrl() const
{
    QUrl url = m_url;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + QStringLiteral("/text/sslReload"));
    return url;
}

QString TomcatManager::displayText(const QString& tlsHostName) const
{
    return tr("Tomcat manager sslReload of %1 (%2)").arg(tlsHostName, reloadUrl().toString());
}

ServerCommand::Outcome TomcatManager::sslReload(const QString& tlsHostName, int timeoutMs) const
{
    QUrl url = reloadUrl();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("tlsHostName"), tlsHostName);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Basic " + QByteArray(m_user.toUtf8() + ':' + m_password).toBase64());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);

    QNetworkAccessManager network;
    QEventLoop loop;
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QByteArray body;
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
        body += reply->read(kMaxReplyBytes - body.size());
        if (body.size() >= kMaxReplyBytes) {
            reply->abort();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, [&] { reply->abort(); });
    if (!reply->isFinished()) {
        loop.exec();
    }
    body += reply->read(std::max<qint64>(0, kMaxReplyBytes - body.size()));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString text = QString::fromUtf8(body).trimmed();
    ServerCommand::Outcome outcome;
    outcome.exitCode = status;
    if (status == 401) {
        outcome.output = tr("the Tomcat manager refused user \"%1\" (HTTP 401): check the manager user and password, "
                            "and that the user has the manager-script role in tomcat-users.xml")
                             .arg(m_user);
    } else if (status == 403) {
        outcome.output = tr("the Tomcat manager forbids the request (HTTP 403): the user \"%1\" needs the "
                            "manager-script role, and the manager's RemoteCIDRValve must allow the bot's address")
                             .arg(m_user);
    } else if (status == 404) {
        outcome.output = tr("no Tomcat manager at %1 (HTTP 404): check the Manager URL and that the manager "
                            "application is deployed")
                             .arg(m_url.toString());
    } else if (status == 0) {
        outcome.output =
            tr("the Tomcat manager at %1 cannot be reached: %2").arg(m_url.toString(), reply->errorString());
    } else if (status != 200) {
        outcome.output = tr("the Tomcat manager answered HTTP %1: %2").arg(status).arg(text.left(500));
    } else if (!text.startsWith(QLatin1String("OK"))) {
        outcome.output = tr("Tomcat did not reload the TLS configuration of %1: %2").arg(tlsHostName, text.left(500));
    } else {
        outcome.ok = true;
        outcome.exitCode = 0;
        outcome.output = text.left(500);
    }
    return outcome;
}

} // namespace certdeck::deployers
