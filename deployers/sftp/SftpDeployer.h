#pragma once

#include "deployers/common/FileDeliveryDeployer.h"

namespace certdeck::deployers {

// Files delivered over SFTP to the agentless target of the request (the bots' SSH layer, the host key pinned):
// another host only. After the delivery it may run one program on that host, which the bot's policy must list
// (program.sftp), with the remote directory as its argument: a script that reloads whatever reads the files.
class SftpDeployer final : public FileDeliveryDeployer
{
public:
    using FileDeliveryDeployer::FileDeliveryDeployer;
    ServerType serverType() const override { return ServerType::Sftp; }

    static inline const QString kAfterDeliveryField = QStringLiteral("afterDeliveryProgram");

protected:
    QString serverName() const override { return QStringLiteral("SFTP"); }
    QList<deploy::DeployerField> connectionFields() const override;
    Result<std::shared_ptr<deploy::TargetHost>> targetHost(const deploy::DeployRequest& request,
                                                           const FieldValues& values) const override;
    ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    QString programField(const FieldValues& values) const override;
};

} // namespace certdeck::deployers
