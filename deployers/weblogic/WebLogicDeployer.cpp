#include "deployers/weblogic/WebLogicDeployer.h"

#include "deployers/common/KeyStoreMaterial.h"
#include "deployers/common/ManagementHttp.h"
#include "deployers/weblogic/WebLogicManagement.h"
#include "engine/crypto/KeyStore.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("WebLogicDeployer", text);
}

const QString kKeyStoreFile = QStringLiteral("keyStoreFile");
const QString kAdminUrl = QStringLiteral("adminUrl");
const QString kAdminUser = QStringLiteral("adminUser");
const QString kAdminPassword = QStringLiteral("adminPassword");
const QString kServerName = QStringLiteral("serverName");

} // namespace

QList<DeployerField> WebLogicDeployer::serverFields() const
{
    QList<DeployerField> fields{
        pathField(kKeyStoreFile, tr("Identity key store file"), true,
                  QStringLiteral("/u01/oracle/user_projects/domains/base_domain/security/identity.p12"),
                  tr("The server's custom identity key store; WebLogic is pointed at it by the deployment.")),
    };
    QList<DeployerField> keyStore = KeyStoreMaterial::fields(QStringLiteral("server"));
    for (DeployerField& shared : keyStore) {
        if (shared.id == KeyStoreMaterial::kAliasField) {
            shared.label = tr("SSL private key alias");
            shared.help = tr("The server's serverPrivateKeyAlias: the entry of the identity key store WebLogic's SSL "
                             "uses. Other entries are kept.");
        }
    }
    fields << keyStore;
    fields << deploy::makeField(
                  DeployerField::Kind::Text, kAdminUrl, tr("Admin URL"), false, QStringLiteral("http://127.0.0.1:7001"),
                  tr("The Administration Server of the domain on the target host; the bot uses its RESTful "
                     "management API."),
                  QStringLiteral("http://127.0.0.1:7001"))
           << deploy::makeField(DeployerField::Kind::Text, kAdminUser, tr("Admin user"), true, {},
                                tr("An administrator of the WebLogic domain."))
           << deploy::makeField(DeployerField::Kind::Secret, kAdminPassword, tr("Admin password"), false, {},
                                tr("Kept in the system keychain and sent to the bot only with the deployment."))
           << deploy::makeField(
                  DeployerField::Kind::Text, kServerName, tr("Server name"), false, QStringLiteral("AdminServer"),
                  tr("The WebLogic server whose SSL identity is replaced."), QStringLiteral("AdminServer"));
    return fields;
}

QList<MaterialFile> WebLogicDeployer::materialFiles(const FieldValues& /*values*/, const Material& /*material*/) const
{
    return {}; // the key store is made from the store on the host: materialFilesOn()
}

Result<QList<MaterialFile>> WebLogicDeployer::materialFilesOn(const FieldValues& values, const Material& material,
                                                              const deploy::TargetHost& host) const
{
    if (Status url = ManagementHttp::checkUrl(QUrl(values.text(kAdminUrl)), host, WebLogicManagement::urlField());
        !url) {
        return url.error();
    }
    if (QFileInfo(values.text(kKeyStoreFile)).isRelative()) {
        return fail(tr("Identity key store file: enter an absolute path; WebLogic resolves a relative one against "
                       "the domain directory, not the bot's"));
    }
    return keyStoreFilesOn(values, values.text(kKeyStoreFile), tr("Identity key store file"), material, host);
}

ServerCommand WebLogicDeployer::configTestCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    return KeyStoreMaterial::checkCommand(values, values.text(kKeyStoreFile));
}

ServerCommand WebLogicDeployer::reloadCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    const WebLogicManagement management(QUrl(values.text(kAdminUrl)), values.text(kAdminUser),
                                        values.secret(kAdminPassword));
    const QString server = values.text(kServerName);
    const QString path = values.text(kKeyStoreFile);
    return ServerCommand::action(management.displayText(server), [management, server, path,
                                                                  values](deploy::TargetHost& host, int timeoutMs) {
        // WebLogic is told the type the file really has (an existing store keeps its format).
        auto written = host.readFile(path);
        const auto format = written ? crypto::detectKeyStoreFormat(*written) : std::nullopt;
        if (!format) {
            ServerCommand::Outcome outcome;
            outcome.output = tr("the identity key store %1 cannot be read back to tell WebLogic its type").arg(path);
            return outcome;
        }
        WebLogicIdentity identity;
        identity.keyStoreFile = path;
        identity.keyStoreType = crypto::keyStoreFormatName(*format);
        identity.keyStorePassPhrase = values.secret(KeyStoreMaterial::kPasswordField);
        identity.privateKeyAlias = values.text(KeyStoreMaterial::kAliasField);
        identity.privateKeyPassPhrase = identity.keyStorePassPhrase;
        return management.setIdentity(server, identity, timeoutMs);
    });
}

} // namespace certdeck::deployers
