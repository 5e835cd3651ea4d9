#include "engine/domain/ServerType.h"

#include <QCoreApplication>

namespace certdeck {
namespace {

struct ServerTypeInfo
{
    ServerType type;
    const char* id;
    const char* displayName;
};

constexpr ServerTypeInfo kServerTypes[] = {
    {ServerType::WindowsStore, "windows-store", QT_TRANSLATE_NOOP("ServerType", "Windows Store")},
    {ServerType::Tomcat, "tomcat", QT_TRANSLATE_NOOP("ServerType", "Tomcat")},
    {ServerType::ApacheHttp, "apache-http", QT_TRANSLATE_NOOP("ServerType", "Apache HTTP")},
    {ServerType::Iis, "iis", QT_TRANSLATE_NOOP("ServerType", "IIS")},
    {ServerType::JBoss, "jboss", QT_TRANSLATE_NOOP("ServerType", "JBoss")},
    {ServerType::Jetty, "jetty", QT_TRANSLATE_NOOP("ServerType", "Jetty")},
    {ServerType::WebLogic, "weblogic", QT_TRANSLATE_NOOP("ServerType", "WebLogic")},
    {ServerType::Nginx, "nginx", QT_TRANSLATE_NOOP("ServerType", "Nginx")},
    {ServerType::Kubernetes, "kubernetes", QT_TRANSLATE_NOOP("ServerType", "Kubernetes")},
    {ServerType::F5BigIp, "f5-bigip", QT_TRANSLATE_NOOP("ServerType", "F5 BIG-IP")},
    {ServerType::F5BigIq, "f5-bigiq", QT_TRANSLATE_NOOP("ServerType", "F5 BIG-IQ")},
    {ServerType::ImpervaCloud, "imperva-cloud", QT_TRANSLATE_NOOP("ServerType", "Imperva Cloud")},
    {ServerType::ImpervaOnPrem, "imperva-onprem", QT_TRANSLATE_NOOP("ServerType", "Imperva On-Prem")},
    {ServerType::AkamaiCloud, "akamai-cloud", QT_TRANSLATE_NOOP("ServerType", "Akamai Cloud")},
    {ServerType::Ftp, "ftp", QT_TRANSLATE_NOOP("ServerType", "FTP")},
    {ServerType::Sftp, "sftp", QT_TRANSLATE_NOOP("ServerType", "SFTP")},
};

const ServerTypeInfo& info(ServerType type)
{
    for (const auto& entry : kServerTypes) {
        if (entry.type == type) {
            return entry;
        }
    }
    return kServerTypes[0];
}

} // namespace

const QList<ServerType>& allServerTypes()
{
    static const QList<ServerType> types = [] {
        QList<ServerType> list;
        for (const auto& entry : kServerTypes) {
            list.append(entry.type);
        }
        return list;
    }();
    return types;
}

QString serverTypeId(ServerType type)
{
    return QString::fromLatin1(info(type).id);
}

QString serverTypeDisplayName(ServerType type)
{
    return QCoreApplication::translate("ServerType", info(type).displayName);
}

bool serverTypeFromId(const QString& id, ServerType* out)
{
    for (const auto& entry : kServerTypes) {
        if (id == QLatin1String(entry.id)) {
            *out = entry.type;
            return true;
        }
    }
    return false;
}

} // namespace certdeck
