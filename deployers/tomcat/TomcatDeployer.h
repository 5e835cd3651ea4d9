#pragma once

#include "deployers/common/WebServerDeployer.h"

namespace certdeck::deployers {

// Apache Tomcat (9, 10, 10.1): the SSLHostConfig's <Certificate> reads a key store (PKCS12 or JKS: the store on
// the host is updated under the key alias, its other entries kept) or PEM files (certificateFile,
// certificateKeyFile, certificateChainFile). The "config test" checks that server.xml (when given) has a TLS
// connector that uses these files and that the key store written opens with its password and holds the new
// certificate; the reload is the manager's sslReload of the SSLHostConfig, so Tomcat keeps running.
class TomcatDeployer final : public WebServerDeployer
{
public:
    using WebServerDeployer::WebServerDeployer;
    ServerType serverType() const override { return ServerType::Tomcat; }

protected:
    QString serverName() const override { return QStringLiteral("Tomcat"); }
    QList<deploy::DeployerField> serverFields() const override;
    QList<MaterialFile> materialFiles(const FieldValues& values, const Material& material) const override;
    Result<QList<MaterialFile>> materialFilesOn(const FieldValues& values, const Material& material,
                                                const deploy::TargetHost& host) const override;
    ServerCommand configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    QString programField(const FieldValues& /*values*/) const override
    {
        return {}; // Tomcat is reloaded through its manager, not a program
    }
    QStringList configFields() const override { return {QStringLiteral("serverXml")}; }
};

} // namespace certdeck::deployers
