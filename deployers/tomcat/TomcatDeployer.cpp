#include "deployers/tomcat/TomcatDeployer.h"

#include "deployers/common/HostConfigSource.h"
#include "deployers/common/KeyStoreMaterial.h"
#include "deployers/tomcat/TomcatManager.h"
#include "engine/discovery/config/ConfigParser.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TomcatDeployer", text);
}

const QString kKeyStoreFile = QStringLiteral("keyStoreFile");
const QString kCertificateFile = QStringLiteral("certificateFile");
const QString kKeyFile = QStringLiteral("keyFile");
const QString kChainFile = QStringLiteral("chainFile");
const QString kServerXml = QStringLiteral("serverXml");
const QString kHostName = QStringLiteral("tlsHostName");
const QString kManagerUrl = QStringLiteral("managerUrl");
const QString kManagerUser = QStringLiteral("managerUser");
const QString kManagerPassword = QStringLiteral("managerPassword");

bool usesPemFiles(const FieldValues& values)
{
    return values.text(kKeyStoreFile).isEmpty();
}

// The endpoint of server.xml whose <Certificate> uses the deployed files, or why there is none.
Status checkServerXml(const FieldValues& values, const deploy::TargetHost& host)
{
    const QString serverXml = values.text(kServerXml);
    if (serverXml.isEmpty()) {
        return {};
    }
    const HostConfigSource source(host);
    if (!source.read(serverXml)) {
        return fail(tr("server.xml: %1 cannot be read on %2").arg(serverXml, host.describe()));
    }
    const QString base = QFileInfo(QFileInfo(serverXml).absolutePath()).absolutePath(); // CATALINA_BASE
    const discovery::ConfigFindings findings = discovery::parseTomcatServerXml(source, serverXml, base);
    if (findings.endpoints.isEmpty()) {
        return fail(tr("server.xml: %1 has no TLS connector (a <Connector> with SSLEnabled=\"true\" and an "
                       "<SSLHostConfig>); add one that reads the key store, then deploy again")
                        .arg(serverXml));
    }
    const QString wanted = usesPemFiles(values) ? values.text(kCertificateFile) : values.text(kKeyStoreFile);
    QStringList configured;
    for (const discovery::ConfiguredEndpoint& endpoint : findings.endpoints) {
        const QString used = usesPemFiles(values) ? endpoint.certificatePath : endpoint.keystorePath;
        if (QFileInfo(used).absoluteFilePath() == QFileInfo(wanted).absoluteFilePath()) {
            return {};
        }
        configured << QStringLiteral("%1 (%2)").arg(used, endpoint.source);
    }
    return fail(tr("server.xml: no TLS connector of %1 reads %2 (they read %3); Tomcat would not serve the new "
                   "certificate. Correct the file path, or change server.xml and restart Tomcat")
                    .arg(serverXml, wanted, configured.join(QStringLiteral(", "))));
}

} // namespace

QList<DeployerField> TomcatDeployer::serverFields() const
{
    QList<DeployerField> fields{
        pathField(kKeyStoreFile, tr("Key store file"), false, QStringLiteral("/etc/tomcat10/tls/site.p12"),
                  tr("The certificateKeystoreFile of the SSLHostConfig's <Certificate>. Empty: Tomcat reads PEM "
                     "files (the three fields below).")),
    };
    fields << KeyStoreMaterial::fields(QStringLiteral("tomcat"));
    fields << pathField(kCertificateFile, tr("Certificate file (PEM)"), false,
                        QStringLiteral("/etc/tomcat10/tls/site.crt"),
                        tr("Only without a key store: the certificateFile of the <Certificate>."))
           << pathField(kKeyFile, tr("Key file (PEM)"), false, QStringLiteral("/etc/tomcat10/tls/site.key"),
                        tr("Only without a key store: the certificateKeyFile."))
           << pathField(kChainFile, tr("Chain file (PEM)"), false, QStringLiteral("/etc/tomcat10/tls/chain.pem"),
                        tr("Only without a key store: the certificateChainFile; empty: the intermediates go into the "
                           "certificate file."))
           << pathField(kServerXml, tr("server.xml"), false, QStringLiteral("/var/lib/tomcat10/conf/server.xml"),
                        tr("CATALINA_BASE/conf/server.xml: checked before the reload for a TLS connector that reads "
                           "these files."))
           << deploy::makeField(DeployerField::Kind::Text, kHostName, tr("SSLHostConfig host name"), false,
                                QStringLiteral("_default_"), tr("The hostName of the SSLHostConfig to reload."),
                                QStringLiteral("_default_"))
           << deploy::makeField(
                  DeployerField::Kind::Text, kManagerUrl, tr("Manager URL"), false,
                  QStringLiteral("http://127.0.0.1:8080/manager"),
                  tr("Tomcat's manager application on the target host; the bot calls its text/sslReload."),
                  QStringLiteral("http://127.0.0.1:8080/manager"))
           << deploy::makeField(DeployerField::Kind::Text, kManagerUser, tr("Manager user"), true,
                                QStringLiteral("certdeck"),
                                tr("A user of tomcat-users.xml with the manager-script role."))
           << deploy::makeField(DeployerField::Kind::Secret, kManagerPassword, tr("Manager password"), false, {},
                                tr("Kept in the system keychain and sent to the bot only with the deployment."));
    return fields;
}

QList<MaterialFile> TomcatDeployer::materialFiles(const FieldValues& values, const Material& material) const
{
    if (!usesPemFiles(values)) {
        return {}; // a key store is made from the store on the host: materialFilesOn()
    }
    const QString chainFile = values.text(kChainFile);
    QList<MaterialFile> files;
    if (chainFile.isEmpty()) {
        files << MaterialFile{values.text(kCertificateFile), MaterialFile::Role::Certificate, material.fullChainPem};
    } else {
        files << MaterialFile{values.text(kCertificateFile), MaterialFile::Role::Certificate, material.leafPem};
        if (!material.chainPem.isEmpty()) {
            files << MaterialFile{chainFile, MaterialFile::Role::Chain, material.chainPem};
        }
    }
    return files << MaterialFile{values.text(kKeyFile), MaterialFile::Role::Key, material.keyPem};
}

Result<QList<MaterialFile>> TomcatDeployer::materialFilesOn(const FieldValues& values, const Material& material,
                                                            const deploy::TargetHost& host) const
{
    if (Status url = ManagementHttp::checkUrl(QUrl(values.text(kManagerUrl)), host, TomcatManager::urlField()); !url) {
        return url.error();
    }
    if (usesPemFiles(values)) {
        if (values.text(kCertificateFile).isEmpty() || values.text(kKeyFile).isEmpty()) {
            return fail(tr("Key store file: enter the key store Tomcat reads, or the Certificate file and Key file of "
                           "its PEM <Certificate>"));
        }
        return materialFiles(values, material);
    }
    return keyStoreFilesOn(values, values.text(kKeyStoreFile), tr("Key store file"), material, host);
}

ServerCommand TomcatDeployer::configTestCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    const QString what = usesPemFiles(values)
                             ? tr("server.xml check")
                             : tr("server.xml and key store check of %1").arg(values.text(kKeyStoreFile));
    return ServerCommand::check(what, [values](deploy::TargetHost& host) {
        Status checked = checkServerXml(values, host);
        if (checked && !usesPemFiles(values)) {
            checked = KeyStoreMaterial::check(values, values.text(kKeyStoreFile), host);
        }
        return checked;
    });
}

ServerCommand TomcatDeployer::reloadCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    const TomcatManager manager(QUrl(values.text(kManagerUrl)), values.text(kManagerUser),
                                values.secret(kManagerPassword));
    const QString hostName = values.text(kHostName);
    return ServerCommand::action(manager.displayText(hostName),
                                 [manager, hostName](deploy::TargetHost& /*host*/, int timeoutMs) {
                                     return manager.sslReload(hostName, timeoutMs);
                                 });
}

} // namespace certdeck::deployers
