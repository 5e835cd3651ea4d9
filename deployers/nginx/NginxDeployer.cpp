#include "deployers/nginx/NginxDeployer.h"

#include <QCoreApplication>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("NginxDeployer", text);
}

QStringList baseArguments(const FieldValues& values)
{
    QStringList arguments;
    if (const QString prefix = values.text(QStringLiteral("prefix")); !prefix.isEmpty()) {
        arguments << QStringLiteral("-p") << prefix;
    }
    return arguments << QStringLiteral("-c") << values.text(QStringLiteral("configFile"));
}

} // namespace

QList<DeployerField> NginxDeployer::serverFields() const
{
    DeployerField binary;
    binary.id = QStringLiteral("nginxBinary");
    binary.label = tr("nginx program");
    binary.defaultValue = QStringLiteral("nginx");
    binary.placeholder = QStringLiteral("/usr/sbin/nginx");
    binary.help = tr("The nginx executable, one of those the bot's policy allows (program.nginx in "
                     "/etc/certdeck/bot-policy.conf on the bot's host). Empty or a name: the first allowed one.");
    return {
        pathField(QStringLiteral("certificateFile"), tr("Certificate file"), true,
                  QStringLiteral("/etc/nginx/tls/site.pem"),
                  tr("The file of the server's ssl_certificate directive; it receives the certificate followed by "
                     "its intermediates.")),
        pathField(QStringLiteral("keyFile"), tr("Key file"), true, QStringLiteral("/etc/nginx/tls/site.key"),
                  tr("The file of the server's ssl_certificate_key directive.")),
        pathField(QStringLiteral("configFile"), tr("nginx configuration file"), true,
                  QStringLiteral("/etc/nginx/nginx.conf"), tr("The main configuration file nginx runs with."),
                  QStringLiteral("/etc/nginx/nginx.conf")),
        pathField(QStringLiteral("prefix"), tr("nginx prefix"), false, QStringLiteral("/usr/share/nginx"),
                  tr("Only when nginx runs with -p: the prefix path it was started with.")),
        binary,
    };
}

QList<MaterialFile> NginxDeployer::materialFiles(const FieldValues& values, const Material& material) const
{
    return {
        {values.text(QStringLiteral("certificateFile")), MaterialFile::Role::Certificate, material.fullChainPem},
        {values.text(QStringLiteral("keyFile")), MaterialFile::Role::Key, material.keyPem},
    };
}

ServerCommand NginxDeployer::configTestCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    return ServerCommand(values.text(QStringLiteral("nginxBinary")), baseArguments(values) << QStringLiteral("-t"));
}

ServerCommand NginxDeployer::reloadCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    return ServerCommand(values.text(QStringLiteral("nginxBinary")),
                         baseArguments(values) << QStringLiteral("-s") << QStringLiteral("reload"));
}

} // namespace certdeck::deployers
