#include "deployers/tomcat/TomcatManager.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TomcatManager", text);
}

} // namespace

TomcatManager::TomcatManager(QUrl managerUrl, QString user, QByteArray password)
    : m_url(std::move(managerUrl))
    , m_user(std::move(user))
    , m_password(std::move(password))
{
}

ManagementHttp::UrlField TomcatManager::urlField()
{
    return {tr("Manager URL"), tr("Tomcat's manager application"), QStringLiteral("http://127.0.0.1:8080/manager"),
            tr("the manager password"), tr("the manager of the Tomcat")};
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
    const ManagementHttp http(m_user, m_password, ManagementHttp::Authentication::Basic);
    const ManagementHttp::Reply reply = http.get(url, {}, timeoutMs);
    const int status = reply.status;
    const QString text = QString::fromUtf8(reply.body).trimmed();
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
        outcome.output = tr("the Tomcat manager at %1 cannot be reached: %2").arg(m_url.toString(), reply.error);
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
