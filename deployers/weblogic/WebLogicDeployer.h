#pragma once

#include "deployers/common/WebServerDeployer.h"

namespace certdeck::deployers {

// Oracle WebLogic Server: the server's custom identity key store (PKCS12 or JKS) is updated on the host under the
// SSL private key alias, its other entries kept; the "config test" checks that the written store opens with its
// password and holds the key under the alias; the reload is one edit session of the RESTful management API
// (WebLogicManagement) that points the server's identity at that store and alias and activates it, so the server
// keeps running. The key's pass phrase is the key store password (KeyStoreMaterial writes both with it).
class WebLogicDeployer final : public WebServerDeployer
{
public:
    using WebServerDeployer::WebServerDeployer;
    ServerType serverType() const override { return ServerType::WebLogic; }

protected:
    QString serverName() const override { return QStringLiteral("WebLogic"); }
    QList<deploy::DeployerField> serverFields() const override;
    QList<MaterialFile> materialFiles(const FieldValues& values, const Material& material) const override;
    Result<QList<MaterialFile>> materialFilesOn(const FieldValues& values, const Material& material,
                                                const deploy::TargetHost& host) const override;
    ServerCommand configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    QString programField(const FieldValues& /*values*/) const override
    {
        return {}; // changed through the Administration Server, not a program
    }
    QStringList configFields() const override { return {}; }
};

} // namespace certdeck::deployers
