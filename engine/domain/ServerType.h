#pragma once

#include <QList>
#include <QString>

namespace certdeck {

// The sixteen deployment platforms of the provisioning spec, in the spec's order.
enum class ServerType {
    WindowsStore,
    Tomcat,
    ApacheHttp,
    Iis,
    JBoss,
    Jetty,
    WebLogic,
    Nginx,
    Kubernetes,
    F5BigIp,
    F5BigIq,
    ImpervaCloud,
    ImpervaOnPrem,
    AkamaiCloud,
    Ftp,
    Sftp,
};

const QList<ServerType>& allServerTypes();
// Stable identifier stored in the inventory and used on the bot protocol ("nginx", "apache-http"...).
QString serverTypeId(ServerType type);
// Name shown to the operator ("Nginx", "Apache HTTP"...), as in the spec.
QString serverTypeDisplayName(ServerType type);
// Parses an identifier; returns false for an unknown one.
bool serverTypeFromId(const QString& id, ServerType* out);

} // namespace certdeck
