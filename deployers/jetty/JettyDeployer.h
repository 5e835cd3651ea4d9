#pragma once

#include "deployers/common/WebServerDeployer.h"

namespace certdeck::deployers {

// Eclipse Jetty 9.4 (Debian jetty9): the ssl module's SslContextFactory reads the key store that jetty.base's
// start.ini / start.d/*.ini name (jetty.sslContext.keyStorePath and friends). The store on the host is updated
// under the key alias, its other entries kept. Before anything is written the configuration must agree with the
// request: the ssl module enabled, the same key store file, the same password (plain or OBF: in the ini file) and
// alias. Reload: with Jetty's ssl-reload module its KeyStoreScanner loads the changed store by itself (the
// verification waits for it); otherwise the bot runs the restart program of its policy (program.jetty, e.g.
// /usr/share/jetty9/bin/jetty.sh) with the argument "restart" and JETTY_BASE.
class JettyDeployer final : public WebServerDeployer
{
public:
    using WebServerDeployer::WebServerDeployer;
    ServerType serverType() const override { return ServerType::Jetty; }

protected:
    QString serverName() const override { return QStringLiteral("Jetty"); }
    QList<deploy::DeployerField> serverFields() const override;
    QList<MaterialFile> materialFiles(const FieldValues& values, const Material& material) const override;
    Result<QList<MaterialFile>> materialFilesOn(const FieldValues& values, const Material& material,
                                                const deploy::TargetHost& host) const override;
    ServerCommand configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    QString programField(const FieldValues& values) const override;
    QStringList configFields() const override { return {QStringLiteral("jettyBase")}; }
};

} // namespace certdeck::deployers
