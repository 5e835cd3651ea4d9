#include "engine/discovery/config/ConfigParser.h"

#include "engine/discovery/config/ConfigText.h"

#include <QDir>

#include <utility>

namespace certdeck::discovery {

using namespace configtext;

namespace {

void readIni(const QString& file, const QByteArray& data, JettyStartConfig& config, ConfigFindings* findings)
{
    const QStringList lines = decode(data).split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const QString where = location(file, int(index) + 1);
        if (line.startsWith(QLatin1String("--module=")) || line.startsWith(QLatin1String("--modules=")) ||
            line.startsWith(QLatin1String("--add-module=")) || line.startsWith(QLatin1String("--add-modules="))) {
            const QStringList modules = line.section(QLatin1Char('='), 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
            for (const QString& module : modules) {
                if (!config.modules.contains(module.trimmed())) {
                    config.modules.insert(module.trimmed(), where);
                }
            }
            continue;
        }
        if (line.startsWith(QLatin1String("--"))) {
            continue; // other start.jar options (--exec, --lib=...): nothing TLS-related, never run
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            if (findings) {
                findings->warnings.append(QStringLiteral("%1: not a property=value line; ignored").arg(where));
            }
            continue;
        }
        config.properties.insert(line.left(equals).trimmed(), {line.mid(equals + 1).trimmed(), where});
    }
}

} // namespace

QString JettyStartConfig::property(const QString& name, const QString& fallback, const QString& jettyBase) const
{
    QString value = properties.contains(name) ? properties.value(name).value : fallback;
    value.replace(QLatin1String("${jetty.base}"), jettyBase);
    return value;
}

JettyStartConfig readJettyStartConfig(const ConfigSource& source, const QString& jettyBase, ConfigFindings* findings)
{
    JettyStartConfig config;
    QStringList files{jettyBase + QStringLiteral("/start.ini")};
    files += source.glob(jettyBase + QStringLiteral("/start.d/*.ini"));
    for (const QString& file : files) {
        if (const std::optional<QByteArray> data = source.read(file)) {
            config.filesRead.append(file);
            if (findings) {
                addFileRead(*findings, file);
            }
            readIni(file, *data, config, findings);
        }
    }
    return config;
}

// jetty.base/start.ini and start.d/*.ini (Jetty 9.4): the ssl/https modules and the jetty.sslContext.* properties.
ConfigFindings parseJettyConfig(const ConfigSource& source, const QString& jettyBase)
{
    ConfigFindings findings;
    const JettyStartConfig config = readJettyStartConfig(source, jettyBase, &findings);
    if (config.filesRead.isEmpty()) {
        findings.warnings.append(
            QStringLiteral("%1: neither start.ini nor start.d/*.ini can be read; no Jetty configuration")
                .arg(jettyBase));
        return findings;
    }
    // The first of the ssl and https modules in reading order (file, then line).
    const auto readingOrder = [&config](const QString& where) {
        const QString file = where.section(QLatin1Char(':'), 0, -2);
        return std::pair(config.filesRead.indexOf(file), where.section(QLatin1Char(':'), -1).toInt());
    };
    QString sslModuleSource;
    for (const QString& module : {QStringLiteral("ssl"), QStringLiteral("https")}) {
        const QString where = config.modules.value(module);
        if (!where.isEmpty() && (sslModuleSource.isEmpty() || readingOrder(where) < readingOrder(sslModuleSource))) {
            sslModuleSource = where;
        }
    }
    if (sslModuleSource.isEmpty()) {
        return findings; // no ssl module: Jetty serves no TLS
    }
    const auto property = [&](const QString& name, const QString& fallback) {
        return config.property(name, fallback, jettyBase);
    };
    ConfiguredEndpoint endpoint;
    endpoint.address = property(QStringLiteral("jetty.ssl.host"), QString());
    bool ok = false;
    endpoint.port = property(QStringLiteral("jetty.ssl.port"), QStringLiteral("8443")).toInt(&ok);
    if (!ok || endpoint.port <= 0 || endpoint.port > 65535) {
        findings.warnings.append(QStringLiteral("%1: jetty.ssl.port \"%2\" is not a port; using 8443")
                                     .arg(sslModuleSource, property(QStringLiteral("jetty.ssl.port"), QString())));
        endpoint.port = 8443;
    }
    // Jetty 9.4's ssl module defaults: etc/keystore, type JKS.
    const QString legacyPath = property(QStringLiteral("jetty.keystore"), QStringLiteral("etc/keystore"));
    // etc/jetty-ssl-context.xml joins ${jetty.base}/<keyStorePath>, even when the path is absolute.
    endpoint.keystorePath = QDir::cleanPath(jettyBase + QLatin1Char('/') +
                                            property(QStringLiteral("jetty.sslContext.keyStorePath"), legacyPath));
    const QString absolutePath = property(QStringLiteral("jetty.sslContext.keyStoreAbsolutePath"), QString());
    if (!absolutePath.isEmpty()) {
        endpoint.keystorePath = absolutePath;
    }
    endpoint.keystoreType = property(QStringLiteral("jetty.sslContext.keyStoreType"), QStringLiteral("JKS"));
    endpoint.keyAlias = property(QStringLiteral("jetty.sslContext.certAlias"), QString());
    if (endpoint.keystorePath.contains(QLatin1String("${"))) {
        findings.warnings.append(QStringLiteral("%1: the keystore path \"%2\" uses a property that is not known; kept "
                                                "literally")
                                     .arg(sslModuleSource, endpoint.keystorePath));
    }
    const QString root = jettyBase + QStringLiteral("/webapps/root");
    if (!source.glob(root).isEmpty()) {
        endpoint.webRoot = root;
    }
    endpoint.source = sslModuleSource;
    findings.endpoints.append(endpoint);
    return findings;
}

} // namespace certdeck::discovery
