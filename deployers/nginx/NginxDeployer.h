#pragma once

#include "deployers/common/WebServerDeployer.h"

namespace certdeck::deployers {

// nginx: the leaf and its intermediates go into one file (ssl_certificate), the key into another
// (ssl_certificate_key). Tested with `nginx -t`, reloaded with `nginx -s reload`.
class NginxDeployer final : public WebServerDeployer
{
public:
    using WebServerDeployer::WebServerDeployer;
    ServerType serverType() const override { return ServerType::Nginx; }

protected:
    QString serverName() const override { return QStringLiteral("nginx"); }
    QList<deploy::DeployerField> serverFields() const override;
    QList<MaterialFile> materialFiles(const FieldValues& values, const Material& material) const override;
    ServerCommand configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    QString programField(const FieldValues& /*values*/) const override { return QStringLiteral("nginxBinary"); }
    QStringList configFields() const override { return {QStringLiteral("configFile"), QStringLiteral("prefix")}; }
};

} // namespace certdeck::deployers
