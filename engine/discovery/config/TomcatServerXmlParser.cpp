#include "engine/discovery/config/ConfigParser.h"

#include "engine/discovery/config/ConfigText.h"

#include <QXmlStreamReader>

namespace certdeck::discovery {

using namespace configtext;

namespace {

struct Connector
{
    bool sslEnabled = false;
    QString address;
    int port = 0;
    QString source;
    QXmlStreamAttributes attributes; // legacy keystoreFile / keystoreType / keyAlias live here
    QList<ConfiguredEndpoint> hostConfigs;
};

class ServerXmlReader
{
public:
    ServerXmlReader(const QString& file, const QString& catalinaBase, ConfigFindings& findings)
        : m_file(file)
        , m_catalinaBase(catalinaBase)
        , m_findings(findings)
    {
    }

    QString appBase() const { return m_appBase; }

    void read(const QByteArray& data)
    {
        // QXmlStreamReader resolves no external entity and loads no DTD; nothing in the file is executed.
        QXmlStreamReader xml(data);
        std::optional<Connector> connector;
        ConfiguredEndpoint* hostConfig = nullptr;
        bool certificateSeen = false;
        while (!xml.atEnd()) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            const int line = int(xml.lineNumber());
            if (token == QXmlStreamReader::StartElement) {
                const QStringView name = xml.name();
                if (name == QLatin1String("Connector")) {
                    // A Connector opened inside another one replaces it: hostConfig pointed into the old one.
                    hostConfig = nullptr;
                    connector = startConnector(xml.attributes(), line);
                } else if (name == QLatin1String("SSLHostConfig") && connector) {
                    ConfiguredEndpoint endpoint;
                    const QString hostName = value(xml.attributes(), "hostName", line);
                    endpoint.names = QStringList{hostName.isEmpty() ? QStringLiteral("_default_") : hostName};
                    endpoint.source = location(m_file, line);
                    connector->hostConfigs.append(endpoint);
                    hostConfig = &connector->hostConfigs.last();
                    certificateSeen = false;
                } else if (name == QLatin1String("Certificate") && hostConfig) {
                    // Several (type RSA and EC side by side): Tomcat serves each; the first fills the endpoint.
                    ConfiguredEndpoint certificate;
                    applyCertificate(xml.attributes(), line, certificate, false);
                    if (!certificateSeen) {
                        certificateSeen = true;
                        certificate.names = hostConfig->names;
                        certificate.source = hostConfig->source;
                        *hostConfig = certificate;
                    } else {
                        hostConfig->additionalCertificates.append({certificate.certificatePath, certificate.keyPath,
                                                                   certificate.chainPath, certificate.keystorePath,
                                                                   certificate.keystoreType, certificate.keyAlias,
                                                                   value(xml.attributes(), "type", line)});
                    }
                } else if (name == QLatin1String("Host") && m_appBase.isEmpty()) {
                    m_appBase = value(xml.attributes(), "appBase", line);
                    if (m_appBase.isEmpty()) {
                        m_appBase = QStringLiteral("webapps");
                    }
                }
            } else if (token == QXmlStreamReader::EndElement) {
                if (xml.name() == QLatin1String("SSLHostConfig")) {
                    hostConfig = nullptr;
                } else if (xml.name() == QLatin1String("Connector") && connector) {
                    finishConnector(*connector);
                    connector.reset();
                    hostConfig = nullptr;
                }
            }
        }
        if (xml.hasError()) {
            m_findings.warnings.append(QStringLiteral("%1: %2; the rest of the file is ignored")
                                           .arg(location(m_file, int(xml.lineNumber())), xml.errorString()));
            if (connector) {
                finishConnector(*connector);
            }
        }
    }

private:
    // ${catalina.base} and ${catalina.home} are substituted; other properties stay literal with a warning.
    QString value(const QXmlStreamAttributes& attributes, const char* name, int line)
    {
        QString text = attributes.value(QLatin1String(name)).toString();
        text.replace(QLatin1String("${catalina.base}"), m_catalinaBase);
        if (text.contains(QLatin1String("${catalina.home}"))) {
            text.replace(QLatin1String("${catalina.home}"), m_catalinaBase);
            m_findings.warnings.append(QStringLiteral("%1: ${catalina.home} in %2 taken as CATALINA_BASE (%3)")
                                           .arg(location(m_file, line), QLatin1String(name), m_catalinaBase));
        }
        if (text.contains(QLatin1String("${"))) {
            m_findings.warnings.append(QStringLiteral("%1: %2=\"%3\" uses a property that is not known; kept literally")
                                           .arg(location(m_file, line), QLatin1String(name), text));
        }
        return text;
    }

    QString pathValue(const QXmlStreamAttributes& attributes, const char* name, int line)
    {
        const QString text = value(attributes, name, line);
        return text.contains(QLatin1String("${")) ? text : resolvePath(m_catalinaBase, text);
    }

    Connector startConnector(const QXmlStreamAttributes& attributes, int line)
    {
        Connector connector;
        connector.sslEnabled =
            value(attributes, "SSLEnabled", line).compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        connector.address = value(attributes, "address", line);
        const QString port = value(attributes, "port", line);
        bool ok = false;
        connector.port = port.toInt(&ok);
        if (connector.sslEnabled && (!ok || connector.port <= 0 || connector.port > 65535)) {
            m_findings.warnings.append(QStringLiteral("%1: Connector port \"%2\" is not a port; connector skipped")
                                           .arg(location(m_file, line), port));
            connector.sslEnabled = false;
        }
        connector.attributes = attributes;
        connector.source = location(m_file, line);
        return connector;
    }

    void applyCertificate(const QXmlStreamAttributes& attributes, int line, ConfiguredEndpoint& endpoint, bool legacy)
    {
        const char* keystoreFile = legacy ? "keystoreFile" : "certificateKeystoreFile";
        const char* keystoreType = legacy ? "keystoreType" : "certificateKeystoreType";
        const char* keyAlias = legacy ? "keyAlias" : "certificateKeyAlias";
        const char* certificateFile = legacy ? "SSLCertificateFile" : "certificateFile";
        const char* keyFile = legacy ? "SSLCertificateKeyFile" : "certificateKeyFile";
        const char* chainFile = legacy ? "SSLCertificateChainFile" : "certificateChainFile";
        endpoint.keystorePath = pathValue(attributes, keystoreFile, line);
        endpoint.keystoreType = value(attributes, keystoreType, line);
        if (!endpoint.keystorePath.isEmpty() && endpoint.keystoreType.isEmpty()) {
            endpoint.keystoreType = QStringLiteral("JKS"); // Tomcat's default keystore type
        }
        endpoint.keyAlias = value(attributes, keyAlias, line);
        endpoint.certificatePath = pathValue(attributes, certificateFile, line);
        endpoint.keyPath = pathValue(attributes, keyFile, line);
        if (endpoint.keyPath.isEmpty() && !endpoint.certificatePath.isEmpty()) {
            endpoint.keyPath = endpoint.certificatePath;
        }
        endpoint.chainPath = pathValue(attributes, chainFile, line);
    }

    void finishConnector(Connector& connector)
    {
        if (!connector.sslEnabled) {
            return;
        }
        if (connector.hostConfigs.isEmpty()) { // Tomcat 8.5/9 attributes on the Connector itself
            ConfiguredEndpoint endpoint;
            endpoint.names = QStringList{QStringLiteral("_default_")};
            endpoint.source = connector.source;
            applyCertificate(connector.attributes, connector.source.section(QLatin1Char(':'), -1).toInt(), endpoint,
                             true);
            connector.hostConfigs.append(endpoint);
        }
        for (ConfiguredEndpoint endpoint : connector.hostConfigs) {
            endpoint.address = connector.address;
            endpoint.port = connector.port;
            if (endpoint.keystorePath.isEmpty() && endpoint.certificatePath.isEmpty()) {
                m_findings.warnings.append(QStringLiteral("%1: no certificate or keystore configured for host \"%2\"")
                                               .arg(endpoint.source, endpoint.names.value(0)));
            }
            m_findings.endpoints.append(endpoint);
        }
    }

    QString m_file;
    QString m_catalinaBase;
    ConfigFindings& m_findings;
    QString m_appBase;
};

} // namespace

ConfigFindings parseTomcatServerXml(const ConfigSource& source, const QString& serverXml, const QString& catalinaBase)
{
    ConfigFindings findings;
    const std::optional<QByteArray> data = source.read(serverXml);
    if (!data) {
        findings.warnings.append(
            QStringLiteral("%1: cannot read Tomcat's server.xml (missing, not a regular file, or over 16 MiB)")
                .arg(serverXml));
        return findings;
    }
    addFileRead(findings, serverXml);
    ServerXmlReader reader(serverXml, catalinaBase, findings);
    reader.read(*data);
    const QString appBase =
        resolvePath(catalinaBase, reader.appBase().isEmpty() ? QStringLiteral("webapps") : reader.appBase());
    const QString root = appBase + QStringLiteral("/ROOT");
    if (!source.glob(root).isEmpty()) {
        for (ConfiguredEndpoint& endpoint : findings.endpoints) {
            endpoint.webRoot = root;
        }
    }
    return findings;
}

} // namespace certdeck::discovery
