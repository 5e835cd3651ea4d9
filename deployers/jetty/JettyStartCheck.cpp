#include "deployers/jetty/JettyStartCheck.h"

#include "deployers/common/HostConfigSource.h"
#include "deployers/jetty/JettyPassword.h"
#include "engine/discovery/config/ConfigParser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("JettyDeployer", text);
}

// Jetty 9.4's defaults in etc/jetty-ssl-context.xml: "storepwd" and "keypwd".
const QString kDefaultStorePassword = QStringLiteral("OBF:1vny1zlo1x8e1vnw1vn61x8g1zlu1vn4");
const QString kDefaultKeyManagerPassword = QStringLiteral("OBF:1u2u1wml1z7s1z7a1wnl1u2g");

QString where(const discovery::JettyStartConfig& config, const QString& property, const QString& fallback)
{
    return config.properties.contains(property) ? config.properties.value(property).where : fallback;
}

} // namespace

Result<int> checkJettyStart(const deploy::TargetHost& host, const JettyExpectation& expected)
{
    const HostConfigSource source(host);
    const discovery::JettyStartConfig config = discovery::readJettyStartConfig(source, expected.jettyBase);
    if (config.filesRead.isEmpty()) {
        return fail(tr("Jetty base: neither %1/start.ini nor %1/start.d/*.ini can be read on %2")
                        .arg(expected.jettyBase, host.describe()));
    }
    if (!config.hasModule(QStringLiteral("ssl")) && !config.hasModule(QStringLiteral("https"))) {
        return fail(tr("Jetty base: %1 does not enable the ssl module (no --module=ssl or https in start.ini or "
                       "start.d); Jetty serves no TLS there")
                        .arg(expected.jettyBase));
    }
    const QString fallbackWhere = expected.jettyBase + QStringLiteral("/start.d");
    const auto property = [&](const QString& name, const QString& fallback) {
        return config.property(name, fallback, expected.jettyBase);
    };

    QString path = property(QStringLiteral("jetty.sslContext.keyStoreAbsolutePath"), QString());
    QString pathProperty = QStringLiteral("jetty.sslContext.keyStoreAbsolutePath");
    if (path.isEmpty()) {
        pathProperty = QStringLiteral("jetty.sslContext.keyStorePath");
        // etc/jetty-ssl-context.xml joins ${jetty.base}/<keyStorePath>, even when the path is absolute.
        path = QDir::cleanPath(
            expected.jettyBase + QLatin1Char('/') +
            property(pathProperty, property(QStringLiteral("jetty.keystore"), QStringLiteral("etc/keystore"))));
    }
    if (QFileInfo(path).absoluteFilePath() != QFileInfo(expected.keyStoreFile).absoluteFilePath()) {
        return fail(tr("Key store file: Jetty reads %1 (%2 in %3), not %4; correct the Key store file or the Jetty "
                       "configuration")
                        .arg(QFileInfo(path).absoluteFilePath(), pathProperty,
                             where(config, pathProperty, fallbackWhere), expected.keyStoreFile));
    }

    const QString passwordProperty = QStringLiteral("jetty.sslContext.keyStorePassword");
    const auto configuredPassword = jettyPassword(property(passwordProperty, kDefaultStorePassword));
    if (!configuredPassword) {
        return fail(tr("Jetty base: %1 in %2 is not a password Jetty can read (a damaged OBF: value)")
                        .arg(passwordProperty, where(config, passwordProperty, fallbackWhere)));
    }
    if (*configuredPassword != expected.keyStorePassword) {
        return fail(tr("Key store password: it is not the password Jetty opens the store with (%1 in %2, plain or "
                       "OBF:); Jetty would not load the new store. Enter the password that Jetty's configuration "
                       "holds, or change both")
                        .arg(passwordProperty, where(config, passwordProperty, fallbackWhere)));
    }
    const QString managerProperty = QStringLiteral("jetty.sslContext.keyManagerPassword");
    // Unset, Jetty uses its default ("keypwd"), not the store password.
    const auto managerPassword = jettyPassword(property(managerProperty, kDefaultKeyManagerPassword));
    if (!managerPassword || *managerPassword != expected.keyStorePassword) {
        return fail(tr("Jetty base: %1 (%2) is not the key store password; the key entry is written under the store "
                       "password, so Jetty could not read the key. Set %1 to the store password (plain or OBF:)")
                        .arg(managerProperty, config.properties.contains(managerProperty)
                                                  ? where(config, managerProperty, fallbackWhere)
                                                  : tr("not set: Jetty's default")));
    }
    const QString aliasProperty = QStringLiteral("jetty.sslContext.certAlias");
    const QString alias = property(aliasProperty, QString());
    if (!alias.isEmpty() && alias != expected.keyAlias) {
        return fail(tr("Key alias: Jetty serves the alias \"%1\" (%2 in %3), not \"%4\"")
                        .arg(alias, aliasProperty, where(config, aliasProperty, fallbackWhere), expected.keyAlias));
    }

    if (!expected.scannerReload) {
        return 0;
    }
    bool ok = false;
    const QString intervalProperty = QStringLiteral("jetty.sslContext.reload.scanInterval");
    const int interval = property(intervalProperty, QStringLiteral("1")).toInt(&ok);
    if (!config.hasModule(QStringLiteral("ssl-reload")) || !ok || interval <= 0) {
        return fail(tr("Reload method: Jetty's ssl-reload module does not watch the key store in %1 (add "
                       "--module=ssl-reload to start.d/ssl.ini and restart Jetty once), or choose the reload method "
                       "\"restart\"")
                        .arg(expected.jettyBase));
    }
    return interval;
}

} // namespace certdeck::deployers
