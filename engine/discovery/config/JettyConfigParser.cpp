#include "engine/discovery/config/ConfigParser.h"

#include "engine/discovery/config/ConfigText.h"

#include <QHash>

namespace certdeck::discovery {

using namespace configtext;

namespace {

struct JettySettings
{
    QHash<QString, QString> properties;
    QString sslModuleSource; // "file:line" of the --module line that enables ssl or https
};

void readIni(const QString& file, const QByteArray& data, JettySettings& settings, ConfigFindings& findings)
{
    addFileRead(findings, file);
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
                const QString name = module.trimmed();
                if ((name == QLatin1String("ssl") || name == QLatin1String("https")) &&
                    settings.sslModuleSource.isEmpty()) {
                    settings.sslModuleSource = where;
                }
            }
            continue;
        }
        if (line.startsWith(QLatin1String("--"))) {
            continue; // other start.jar options (--exec, --lib=...): nothing TLS-related, never run
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            findings.warnings.append(QStringLiteral("%1: not a property=value line; ignored").arg(where));
            continue;
        }
        settings.properties.insert(line.left(equals).trimmed(), line.mid(equals + 1).trimmed());
    }
}

} // namespace

// jetty.base/start.ini and start.d/*.ini (Jetty 9.4): the ssl/https modules and the jetty.sslContext.* properties.
ConfigFindings parseJettyConfig(const ConfigSource& source, const QString& jettyBase)
{
    ConfigFindings findings;
    JettySettings settings;
    QStringList files{jettyBase + QStringLiteral("/start.ini")};
    files += source.glob(jettyBase + QStringLiteral("/start.d/*.ini"));
    bool anyRead = false;
    for (const QString& file : files) {
        if (const std::optional<QByteArray> data = source.read(file)) {
            anyRead = true;
            readIni(file, *data, settings, findings);
        }
    }
    if (!anyRead) {
        findings.warnings.append(
            QStringLiteral("%1: neither start.ini nor start.d/*.ini can be read; no Jetty configuration")
                .arg(jettyBase));
        return findings;
    }
    if (settings.sslModuleSource.isEmpty()) {
        return findings; // no ssl module: Jetty serves no TLS
    }
    const auto property = [&](const QString& name, const QString& fallback) {
        QString value = settings.properties.value(name, fallback);
        value.replace(QLatin1String("${jetty.base}"), jettyBase);
        return value;
    };
    ConfiguredEndpoint endpoint;
    endpoint.address = property(QStringLiteral("jetty.ssl.host"), QString());
    bool ok = false;
    endpoint.port = property(QStringLiteral("jetty.ssl.port"), QStringLiteral("8443")).toInt(&ok);
    if (!ok || endpoint.port <= 0 || endpoint.port > 65535) {
        findings.warnings.append(QStringLiteral("%1: jetty.ssl.port \"%2\" is not a port; using 8443")
                                     .arg(settings.sslModuleSource, settings.properties.value("jetty.ssl.port")));
        endpoint.port = 8443;
    }
    // Jetty 9.4's ssl module defaults: etc/keystore, type JKS.
    const QString legacyPath =
        settings.properties.value(QStringLiteral("jetty.keystore"), QStringLiteral("etc/keystore"));
    endpoint.keystorePath =
        resolvePath(jettyBase, property(QStringLiteral("jetty.sslContext.keyStorePath"), legacyPath));
    const QString absolutePath = property(QStringLiteral("jetty.sslContext.keyStoreAbsolutePath"), QString());
    if (!absolutePath.isEmpty()) {
        endpoint.keystorePath = absolutePath;
    }
    endpoint.keystoreType = property(QStringLiteral("jetty.sslContext.keyStoreType"), QStringLiteral("JKS"));
    endpoint.keyAlias = property(QStringLiteral("jetty.sslContext.certAlias"), QString());
    if (endpoint.keystorePath.contains(QLatin1String("${"))) {
        findings.warnings.append(QStringLiteral("%1: the keystore path \"%2\" uses a property that is not known; kept "
                                                "literally")
                                     .arg(settings.sslModuleSource, endpoint.keystorePath));
    }
    const QString root = jettyBase + QStringLiteral("/webapps/root");
    if (!source.glob(root).isEmpty()) {
        endpoint.webRoot = root;
    }
    endpoint.source = settings.sslModuleSource;
    findings.endpoints.append(endpoint);
    return findings;
}

} // namespace certdeck::discovery
