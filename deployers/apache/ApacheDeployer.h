#pragma once

#include "deployers/common/WebServerDeployer.h"

namespace certdeck::deployers {

// Apache HTTP (mod_ssl): SSLCertificateFile, SSLCertificateKeyFile and, when configured,
// SSLCertificateChainFile. Tested with `apache2 -t`, reloaded with `apache2 -k graceful`.
class ApacheDeployer final : public WebServerDeployer
{
public:
    using WebServerDeployer::WebServerDeployer;
    ServerType serverType() const override { return ServerType::ApacheHttp; }

protected:
    QString serverName() const override { return QStringLiteral("apache"); }
    QList<deploy::DeployerField> serverFields() const override;
    QList<MaterialFile> materialFiles(const FieldValues& values, const Material& material) const override;
    ServerCommand configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    QString programField(const FieldValues& /*values*/) const override { return QStringLiteral("apacheBinary"); }
    QStringList configFields() const override { return {QStringLiteral("serverRoot"), QStringLiteral("configFile")}; }

private:
    ServerCommand command(const FieldValues& values, const deploy::TargetHost& host, const QStringList& action) const;
};

} // namespace certdeck::deployers
