#include "deployers/wildfly/WildFlyManagement.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("WildFlyManagement", text);
}

QString cliAddress(const QString& resourceType, const QString& name, const QString& operation)
{
    return QStringLiteral("/subsystem=elytron/%1=%2:%3").arg(resourceType, name, operation);
}

} // namespace

WildFlyManagement::WildFlyManagement(QUrl managementUrl, QString user, QByteArray password)
    : m_url(std::move(managementUrl))
    , m_user(std::move(user))
    , m_password(std::move(password))
{
}

ManagementHttp::UrlField WildFlyManagement::urlField()
{
    return {tr("Management URL"), tr("WildFly's HTTP management interface"),
            QStringLiteral("http://127.0.0.1:9990/management"), tr("the management password"),
            tr("the management interface of the WildFly")};
}

QString WildFlyManagement::displayText(const QString& keyStore, const QString& keyManager) const
{
    return tr("WildFly %1 and %2 (%3)")
        .arg(cliAddress(QStringLiteral("key-store"), keyStore, QStringLiteral("load")),
             cliAddress(QStringLiteral("key-manager"), keyManager, QStringLiteral("init")), m_url.toString());
}

ServerCommand::Outcome WildFlyManagement::reloadKeyStore(const QString& keyStore, const QString& keyManager,
                                                         int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    ServerCommand::Outcome outcome;
    outcome.exitCode = 1;
    outcome.output = execute(QStringLiteral("load"), QStringLiteral("key-store"), keyStore, timeoutMs);
    if (outcome.output.isEmpty()) {
        outcome.output = execute(QStringLiteral("init"), QStringLiteral("key-manager"), keyManager,
                                 std::max<int>(1000, static_cast<int>(deadline.remainingTime())));
    }
    if (outcome.output.isEmpty()) {
        outcome.ok = true;
        outcome.exitCode = 0;
        outcome.output = tr("key-store %1 loaded, key-manager %2 initialised").arg(keyStore, keyManager);
    }
    return outcome;
}

QString WildFlyManagement::execute(const QString& operation, const QString& resourceType, const QString& name,
                                   int timeoutMs) const
{
    const QJsonObject dmr{
        {QStringLiteral("operation"), operation},
        {QStringLiteral("address"), QJsonArray{QJsonObject{{QStringLiteral("subsystem"), QStringLiteral("elytron")}},
                                               QJsonObject{{resourceType, name}}}},
    };
    const ManagementHttp http(m_user, m_password, ManagementHttp::Authentication::Digest);
    const ManagementHttp::Reply reply =
        http.post(m_url, QJsonDocument(dmr).toJson(QJsonDocument::Compact),
                  {{"Content-Type", "application/json"}, {"Accept", "application/json"}}, timeoutMs);
    const QString what = cliAddress(resourceType, name, operation);
    if (reply.status == 401) {
        return tr("the WildFly management interface refused user \"%1\" (HTTP 401) for %2: check the Management user "
                  "and Management password (a user of the ManagementRealm, added with add-user.sh)")
            .arg(m_user, what);
    }
    if (reply.status == 0) {
        return tr("the WildFly management interface at %1 cannot be reached for %2: %3")
            .arg(m_url.toString(), what, reply.error);
    }
    const QJsonObject answer = QJsonDocument::fromJson(reply.body).object();
    const QString result = answer.value(QStringLiteral("outcome")).toString();
    if (result == QLatin1String("success") && reply.status == 200) {
        return {};
    }
    if (result == QLatin1String("failed")) {
        const QJsonValue description = answer.value(QStringLiteral("failure-description"));
        const QString text =
            description.isString()
                ? description.toString()
                : QString::fromUtf8(QJsonDocument(description.toObject()).toJson(QJsonDocument::Compact));
        return tr("WildFly refused %1: %2").arg(what, text.left(500));
    }
    return tr("the WildFly management interface at %1 answered HTTP %2 to %3 without a DMR outcome: %4")
        .arg(m_url.toString())
        .arg(reply.status)
        .arg(what, QString::fromUtf8(reply.body).trimmed().left(300));
}

} // namespace certdeck::deployers
