#include "deployers/apache/ApacheDeployer.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ApacheDeployer", text);
}

QString configFileOf(const FieldValues& values)
{
    const QString configured = values.text(QStringLiteral("configFile"));
    return configured.isEmpty() ? values.text(QStringLiteral("serverRoot")) + QStringLiteral("/apache2.conf")
                                : configured;
}

// Debian's apache2.conf uses ${APACHE_RUN_USER} and friends, which apache2ctl takes from <root>/envvars.
// We read its plain `export APACHE_X=value` lines on the target host (no shell is run; $SUFFIX is the default
// empty suffix).
QProcessEnvironment debianEnvironment(const deploy::TargetHost& host, const QString& serverRoot)
{
    QProcessEnvironment environment;
    auto envvars = host.readFile(serverRoot + QStringLiteral("/envvars"));
    if (!envvars) {
        return environment;
    }
    static const QRegularExpression line(
        QStringLiteral(R"(^\s*export\s+(APACHE_[A-Z_]+)=["']?([^"'$`]*(?:\$SUFFIX|\$\{SUFFIX\})?[^"'$`]*)["']?\s*$)"));
    for (const QByteArray& raw : envvars->split('\n')) {
        const auto match = line.match(QString::fromUtf8(raw));
        if (match.hasMatch()) {
            QString value = match.captured(2);
            value.remove(QStringLiteral("${SUFFIX}")).remove(QStringLiteral("$SUFFIX"));
            environment.insert(match.captured(1), value);
        }
    }
    return environment;
}

} // namespace

QList<DeployerField> ApacheDeployer::serverFields() const
{
    DeployerField binary;
    binary.id = QStringLiteral("apacheBinary");
    binary.label = tr("Apache program");
    binary.defaultValue = QStringLiteral("apache2");
    binary.placeholder = QStringLiteral("/usr/sbin/apache2");
    binary.help = tr("The Apache HTTP executable (apache2 or httpd), one of those the bot's policy allows "
                     "(program.apache-http in /etc/certdeck/bot-policy.conf on the bot's host). Empty or a name: the "
                     "first allowed one with that name.");
    return {
        pathField(QStringLiteral("serverRoot"), tr("Apache HTTP Path"), true, QStringLiteral("/etc/apache2"),
                  tr("The server root Apache runs with (-d), the directory of its configuration."),
                  QStringLiteral("/etc/apache2")),
        pathField(QStringLiteral("configFile"), tr("Apache configuration file"), false,
                  QStringLiteral("/etc/apache2/apache2.conf"),
                  tr("The main configuration file (-f). Empty: apache2.conf in the Apache HTTP Path.")),
        pathField(QStringLiteral("certificateFile"), tr("Certificate file"), true,
                  QStringLiteral("/etc/ssl/certs/site.pem"),
                  tr("The file of SSLCertificateFile; it also receives the intermediates when no chain file is "
                     "entered.")),
        pathField(QStringLiteral("keyFile"), tr("Key file"), true, QStringLiteral("/etc/ssl/private/site.key"),
                  tr("The file of SSLCertificateKeyFile.")),
        pathField(QStringLiteral("chainFile"), tr("Chain file"), false, QStringLiteral("/etc/ssl/certs/chain.pem"),
                  tr("Only when the site uses SSLCertificateChainFile: the file that receives the intermediates.")),
        binary,
    };
}

QList<MaterialFile> ApacheDeployer::materialFiles(const FieldValues& values, const Material& material) const
{
    const QString chainFile = values.text(QStringLiteral("chainFile"));
    const QString certificateFile = values.text(QStringLiteral("certificateFile"));
    QList<MaterialFile> files;
    if (chainFile.isEmpty()) {
        files << MaterialFile{certificateFile, MaterialFile::Role::Certificate, material.fullChainPem};
    } else {
        files << MaterialFile{certificateFile, MaterialFile::Role::Certificate, material.leafPem};
        // Without intermediates, the chain file would be empty, which Apache refuses: leave it as it is.
        if (!material.chainPem.isEmpty()) {
            files << MaterialFile{chainFile, MaterialFile::Role::Chain, material.chainPem};
        }
    }
    files << MaterialFile{values.text(QStringLiteral("keyFile")), MaterialFile::Role::Key, material.keyPem};
    return files;
}

ServerCommand ApacheDeployer::command(const FieldValues& values, const deploy::TargetHost& host,
                                      const QStringList& action) const
{
    const QString serverRoot = values.text(QStringLiteral("serverRoot"));
    ServerCommand command(values.text(QStringLiteral("apacheBinary")),
                          QStringList{QStringLiteral("-d"), serverRoot, QStringLiteral("-f"), configFileOf(values)} +
                              action);
    command.setExtraEnvironment(debianEnvironment(host, serverRoot));
    return command;
}

ServerCommand ApacheDeployer::configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const
{
    return command(values, host, {QStringLiteral("-t")});
}

ServerCommand ApacheDeployer::reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const
{
    return command(values, host, {QStringLiteral("-k"), QStringLiteral("graceful")});
}

} // namespace certdeck::deployers
