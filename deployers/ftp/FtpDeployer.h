#pragma once

#include "deployers/common/FileDeliveryDeployer.h"
#include "deployers/ftp/FtpEndpoint.h"

#include <QMap>

#include <mutex>

namespace certdeck::deployers {

// Files delivered over FTP with TLS (explicit AUTH TLS or implicit FTPS; plain FTP only when the operator insists,
// since the key would cross the network in clear) to a directory of an FTP server, which the bot reaches itself
// (FtpTargetHost). The server's certificate is trusted through a CA certificate or a pinned fingerprint, never
// blindly. FTP runs no programs: what reads the files there picks them up on its own. The requests of one batch
// to the same server and login share one connection.
class FtpDeployer final : public FileDeliveryDeployer
{
public:
    using FileDeliveryDeployer::FileDeliveryDeployer;
    ServerType serverType() const override { return ServerType::Ftp; }

protected:
    QString serverName() const override { return QStringLiteral("FTP"); }
    QList<deploy::DeployerField> connectionFields() const override;
    Result<std::shared_ptr<deploy::TargetHost>> targetHost(const deploy::DeployRequest& request,
                                                           const FieldValues& values) const override;
    QString targetName(const deploy::DeployRequest& request, const FieldValues& values) const override;

private:
    // The endpoint of the fields, or what is wrong with them (the message names the field).
    static Result<FtpEndpoint> endpointOf(const FieldValues& values);

    // Connections still in use by a request of this deployer, by endpoint and login.
    mutable std::mutex m_connectionsMutex;
    mutable QMap<QString, std::weak_ptr<deploy::TargetHost>> m_connections;
};

} // namespace certdeck::deployers
