#pragma once

#include "engine/core/Result.h"
#include "engine/deploy/TargetHost.h"

#include <QByteArray>
#include <QString>

namespace certdeck::deployers {

// What a deployment expects of jetty.base's start.ini / start.d/*.ini.
struct JettyExpectation
{
    QString jettyBase;
    QString keyStoreFile;
    QByteArray keyStorePassword;
    QString keyAlias;
    bool scannerReload = true; // the ssl-reload module must be enabled
};

// Reads the start configuration on `host` (never runs anything) and checks that Jetty will load what the deployment
// writes: the ssl module is enabled, jetty.sslContext.keyStorePath (or keyStoreAbsolutePath) is the key store file,
// the configured key store password (plain or OBF:) is the one the deployment uses, the key manager password
// (Jetty's default "keypwd" when unset) equals it (the key entry is written under the store password), a configured
// certAlias is the key alias, and for scanner reloads the ssl-reload module scans. Each failure names the ini file and
// line. Returns the scan interval in seconds (0 without the scanner).
Result<int> checkJettyStart(const deploy::TargetHost& host, const JettyExpectation& expected);

} // namespace certdeck::deployers
