#include "deployers/weblogic/WebLogicManagement.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("WebLogicManagement", text);
}

const QString kEditPath = QStringLiteral("/management/weblogic/latest/edit/");

int remaining(const QDeadlineTimer& deadline)
{
    return std::max<int>(1000, static_cast<int>(deadline.remainingTime()));
}

// WebLogic's error entity: {"status": 400, "detail": "..."}; older releases also put messages in "messages".
QString detailOf(const QByteArray& body)
{
    const QJsonObject error = QJsonDocument::fromJson(body).object();
    QString detail = error.value(QStringLiteral("detail")).toString();
    if (detail.isEmpty()) {
        detail = QString::fromUtf8(body).trimmed();
    }
    return detail.left(500);
}

} // namespace

WebLogicManagement::WebLogicManagement(QUrl adminUrl, QString user, QByteArray password)
    : m_url(std::move(adminUrl))
    , m_user(std::move(user))
    , m_password(std::move(password))
{
}

ManagementHttp::UrlField WebLogicManagement::urlField()
{
    return {tr("Admin URL"), tr("the WebLogic Administration Server"), QStringLiteral("http://127.0.0.1:7001"),
            tr("the admin password"), tr("the Administration Server of the WebLogic domain")};
}

QUrl WebLogicManagement::editUrl(const QString& path) const
{
    QUrl url = m_url;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    url.setPath(base + kEditPath + path);
    return url;
}

QString WebLogicManagement::displayText(const QString& serverName) const
{
    return tr("WebLogic edit session: identity key store and SSL of server %1, then activate (%2)")
        .arg(serverName, editUrl(QStringLiteral("changeManager")).toString());
}

QString WebLogicManagement::post(const QString& path, const QJsonObject& body, int timeoutMs) const
{
    const ManagementHttp http(m_user, m_password, ManagementHttp::Authentication::Basic);
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const ManagementHttp::Reply reply = http.post(
        editUrl(path), json,
        {{"Accept", "application/json"}, {"Content-Type", "application/json"}, {"X-Requested-By", "CertDeck"}},
        timeoutMs);
    if (reply.status == 200 || reply.status == 201) {
        return {};
    }
    if (reply.status == 401) {
        return tr("the WebLogic Administration Server refused user \"%1\" (HTTP 401) for %2: check the Admin user and "
                  "Admin password (an administrator of the domain)")
            .arg(m_user, path);
    }
    if (reply.status == 403) {
        return tr("the WebLogic Administration Server forbids %1 to user \"%2\" (HTTP 403): the user needs the Admin "
                  "role")
            .arg(path, m_user);
    }
    if (reply.status == 0) {
        return tr("the WebLogic Administration Server at %1 cannot be reached for %2: %3")
            .arg(m_url.toString(), path, reply.error);
    }
    return tr("WebLogic refused %1 (HTTP %2): %3").arg(path).arg(reply.status).arg(detailOf(reply.body));
}

ServerCommand::Outcome WebLogicManagement::setIdentity(const QString& serverName, const WebLogicIdentity& identity,
                                                       int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    const QString server = QStringLiteral("servers/") + QString::fromLatin1(QUrl::toPercentEncoding(serverName));
    ServerCommand::Outcome outcome;
    outcome.exitCode = 1;
    outcome.output = post(QStringLiteral("changeManager/startEdit"), {}, remaining(deadline));
    if (!outcome.output.isEmpty()) {
        return outcome; // no edit session was started: nothing to cancel
    }
    const QJsonObject keyStores{
        {QStringLiteral("keyStores"), QStringLiteral("CustomIdentityAndJavaStandardTrust")},
        {QStringLiteral("customIdentityKeyStoreFileName"), identity.keyStoreFile},
        {QStringLiteral("customIdentityKeyStoreType"), identity.keyStoreType},
        {QStringLiteral("customIdentityKeyStorePassPhrase"), QString::fromUtf8(identity.keyStorePassPhrase)},
    };
    const QJsonObject ssl{
        {QStringLiteral("serverPrivateKeyAlias"), identity.privateKeyAlias},
        {QStringLiteral("serverPrivateKeyPassPhrase"), QString::fromUtf8(identity.privateKeyPassPhrase)},
    };
    outcome.output = post(server, keyStores, remaining(deadline));
    if (outcome.output.isEmpty()) {
        outcome.output = post(server + QStringLiteral("/SSL"), ssl, remaining(deadline));
    }
    if (outcome.output.isEmpty()) {
        outcome.output = post(QStringLiteral("changeManager/activate"), {}, remaining(deadline));
    }
    if (outcome.output.isEmpty()) {
        outcome.ok = true;
        outcome.exitCode = 0;
        outcome.output = tr("activated the identity key store %1 (alias %2) of server %3")
                             .arg(identity.keyStoreFile, identity.privateKeyAlias, serverName);
        return outcome;
    }
    const QString cancelled = post(QStringLiteral("changeManager/cancelEdit"), {}, remaining(deadline));
    outcome.output += cancelled.isEmpty()
                          ? tr("; the edit session was cancelled (cancelEdit), nothing was changed in WebLogic")
                          : tr("; cancelEdit failed too, the edit session may still hold the lock: %1").arg(cancelled);
    // WebLogic's detail could quote a value it refused: the pass phrases never reach the report.
    for (const QByteArray& secret : {identity.keyStorePassPhrase, identity.privateKeyPassPhrase, m_password}) {
        if (secret.size() >= 4) { // a shorter one would garble the message and is no real password
            outcome.output.replace(QString::fromUtf8(secret), QStringLiteral("(password)"));
        }
    }
    return outcome;
}

} // namespace certdeck::deployers
