#pragma once

#include "deployers/common/WebServerDeployer.h"

namespace certdeck::deployers {

// WildFly / JBoss EAP with Elytron TLS: the key store file of an Elytron key-store resource (PKCS12 or JKS) is
// updated on the host under the key alias, its other entries kept; the "config test" checks that the written store
// opens with its password and holds the key under the alias; the reload is the key-store's `load` and the
// key-manager's `init` through WildFly's HTTP management API (WildFlyManagement), so WildFly keeps running and new
// TLS connections get the new certificate.
class WildFlyDeployer final : public WebServerDeployer
{
public:
    using WebServerDeployer::WebServerDeployer;
    ServerType serverType() const override { return ServerType::JBoss; }

protected:
    QString serverName() const override { return QStringLiteral("WildFly"); }
    QList<deploy::DeployerField> serverFields() const override;
    QList<MaterialFile> materialFiles(const FieldValues& values, const Material& material) const override;
    Result<QList<MaterialFile>> materialFilesOn(const FieldValues& values, const Material& material,
                                                const deploy::TargetHost& host) const override;
    ServerCommand configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    QString programField(const FieldValues& /*values*/) const override
    {
        return {}; // reloaded through the management API, not a program
    }
    QStringList configFields() const override { return {}; }
};

} // namespace certdeck::deployers
