#include "deployers/wildfly/WildFlyDeployer.h"

#include "deployers/common/KeyStoreMaterial.h"
#include "deployers/common/ManagementHttp.h"
#include "deployers/wildfly/WildFlyManagement.h"

#include <QCoreApplication>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("WildFlyDeployer", text);
}

const QString kKeyStoreFile = QStringLiteral("keyStoreFile");
const QString kManagementUrl = QStringLiteral("managementUrl");
const QString kManagementUser = QStringLiteral("managementUser");
const QString kManagementPassword = QStringLiteral("managementPassword");
const QString kKeyStoreName = QStringLiteral("keyStoreName");
const QString kKeyManagerName = QStringLiteral("keyManagerName");
const QString kDefaultManagementUrl = QStringLiteral("http://127.0.0.1:9990/management");

} // namespace

QList<DeployerField> WildFlyDeployer::serverFields() const
{
    QList<DeployerField> fields{
        pathField(kKeyStoreFile, tr("Key store file"), true,
                  QStringLiteral("/opt/wildfly/standalone/configuration/application.keystore"),
                  tr("The path of the Elytron key-store (its path and relative-to resolved to a file).")),
    };
    fields << KeyStoreMaterial::fields(QStringLiteral("server"));
    fields << deploy::makeField(
                  DeployerField::Kind::Text, kManagementUrl, tr("Management URL"), false, kDefaultManagementUrl,
                  tr("WildFly's HTTP management interface on the target host; the bot posts the key-store load "
                     "and key-manager init operations there."),
                  kDefaultManagementUrl)
           << deploy::makeField(DeployerField::Kind::Text, kManagementUser, tr("Management user"), true, {},
                                tr("A user of the ManagementRealm (add-user.sh)."))
           << deploy::makeField(DeployerField::Kind::Secret, kManagementPassword, tr("Management password"), false, {},
                                tr("Kept in the system keychain and sent to the bot only with the deployment."))
           << deploy::makeField(
                  DeployerField::Kind::Text, kKeyStoreName, tr("Elytron key-store"), false,
                  QStringLiteral("applicationKS"),
                  tr("The name of the key-store resource in the elytron subsystem that reads the key store file."),
                  QStringLiteral("applicationKS"))
           << deploy::makeField(
                  DeployerField::Kind::Text, kKeyManagerName, tr("Elytron key-manager"), false,
                  QStringLiteral("applicationKM"),
                  tr("The key-manager over that key-store, used by the server-ssl-context of the HTTPS listener."),
                  QStringLiteral("applicationKM"));
    return fields;
}

QList<MaterialFile> WildFlyDeployer::materialFiles(const FieldValues& /*values*/, const Material& /*material*/) const
{
    return {}; // the key store is made from the store on the host: materialFilesOn()
}

Result<QList<MaterialFile>> WildFlyDeployer::materialFilesOn(const FieldValues& values, const Material& material,
                                                             const deploy::TargetHost& host) const
{
    if (Status url = ManagementHttp::checkUrl(QUrl(values.text(kManagementUrl)), host, WildFlyManagement::urlField());
        !url) {
        return url.error();
    }
    return keyStoreFilesOn(values, values.text(kKeyStoreFile), tr("Key store file"), material, host);
}

ServerCommand WildFlyDeployer::configTestCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    return KeyStoreMaterial::checkCommand(values, values.text(kKeyStoreFile));
}

ServerCommand WildFlyDeployer::reloadCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    const WildFlyManagement management(QUrl(values.text(kManagementUrl)), values.text(kManagementUser),
                                       values.secret(kManagementPassword));
    const QString keyStore = values.text(kKeyStoreName);
    const QString keyManager = values.text(kKeyManagerName);
    return ServerCommand::action(management.displayText(keyStore, keyManager),
                                 [management, keyStore, keyManager](deploy::TargetHost& /*host*/, int timeoutMs) {
                                     return management.reloadKeyStore(keyStore, keyManager, timeoutMs);
                                 });
}

} // namespace certdeck::deployers
