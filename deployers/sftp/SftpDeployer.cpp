#include "deployers/sftp/SftpDeployer.h"

#include <QCoreApplication>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SftpDeployer", text);
}

} // namespace

QList<DeployerField> SftpDeployer::connectionFields() const
{
    return {
        deploy::makeField(DeployerField::Kind::Text, kAfterDeliveryField, tr("Program after delivery"), false,
                          QStringLiteral("/usr/local/sbin/reload-certificates"),
                          tr("Optional: a program on the target host to run once the files are in place, with the "
                             "remote directory as its argument. It must be one of the bot's policy (program.sftp in "
                             "/etc/certdeck/bot-policy.conf on the bot's host). Empty: none."))};
}

Result<std::shared_ptr<deploy::TargetHost>> SftpDeployer::targetHost(const deploy::DeployRequest& request,
                                                                     const FieldValues& /*values*/) const
{
    if (!request.host || request.host->isLocal()) {
        return fail(tr("SFTP delivers files to another host: enter it as the agentless server of the deployment "
                       "(host, SSH user and its pinned host key in the Bots view). Nothing was changed."),
                    QStringLiteral("invalidParams"));
    }
    return request.host;
}

QString SftpDeployer::programField(const FieldValues& values) const
{
    return values.text(kAfterDeliveryField).isEmpty() ? QString() : kAfterDeliveryField;
}

ServerCommand SftpDeployer::reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const
{
    const QString program = values.text(kAfterDeliveryField);
    if (program.isEmpty()) {
        return FileDeliveryDeployer::reloadCommand(values, host);
    }
    return ServerCommand(program, {values.text(kDirectoryField)});
}

} // namespace certdeck::deployers
