#include "engine/discovery/DiscoveryTypes.h"

#include <QJsonArray>

namespace certdeck::discovery {

namespace {

QJsonArray stringArray(const QStringList& values)
{
    return QJsonArray::fromStringList(values);
}

QStringList stringList(const QJsonValue& value)
{
    QStringList result;
    for (const QJsonValue& item : value.toArray()) {
        result.append(item.toString());
    }
    return result;
}

QJsonObject findingsToJson(const ConfigFindings& findings)
{
    QJsonArray endpoints;
    for (const ConfiguredEndpoint& endpoint : findings.endpoints) {
        endpoints.append(discovery::toJson(endpoint));
    }
    return QJsonObject{{QStringLiteral("endpoints"), endpoints},
                       {QStringLiteral("filesRead"), stringArray(findings.filesRead)},
                       {QStringLiteral("warnings"), stringArray(findings.warnings)}};
}

ConfigFindings configFindingsFromJson(const QJsonObject& json)
{
    ConfigFindings findings;
    for (const QJsonValue& endpoint : json.value(QStringLiteral("endpoints")).toArray()) {
        findings.endpoints.append(configuredEndpointFromJson(endpoint.toObject()));
    }
    findings.filesRead = stringList(json.value(QStringLiteral("filesRead")));
    findings.warnings = stringList(json.value(QStringLiteral("warnings")));
    return findings;
}

QJsonObject serverToJson(const DetectedServer& server)
{
    QJsonArray pids;
    for (const qint64 pid : server.pids) {
        pids.append(pid);
    }
    QJsonArray ports;
    for (const int port : server.listeningPorts) {
        ports.append(port);
    }
    return QJsonObject{{QStringLiteral("serverType"), server.serverType},
                       {QStringLiteral("running"), server.running},
                       {QStringLiteral("binary"), server.binary},
                       {QStringLiteral("version"), server.version},
                       {QStringLiteral("configRoot"), server.configRoot},
                       {QStringLiteral("pids"), pids},
                       {QStringLiteral("listeningPorts"), ports},
                       {QStringLiteral("evidence"), server.evidence},
                       {QStringLiteral("config"), findingsToJson(server.config)}};
}

DetectedServer detectedServerFromJson(const QJsonObject& json)
{
    DetectedServer server;
    server.serverType = json.value(QStringLiteral("serverType")).toString();
    server.running = json.value(QStringLiteral("running")).toBool();
    server.binary = json.value(QStringLiteral("binary")).toString();
    server.version = json.value(QStringLiteral("version")).toString();
    server.configRoot = json.value(QStringLiteral("configRoot")).toString();
    for (const QJsonValue& pid : json.value(QStringLiteral("pids")).toArray()) {
        server.pids.append(pid.toInteger());
    }
    for (const QJsonValue& port : json.value(QStringLiteral("listeningPorts")).toArray()) {
        server.listeningPorts.append(port.toInt());
    }
    server.evidence = json.value(QStringLiteral("evidence")).toString();
    server.config = configFindingsFromJson(json.value(QStringLiteral("config")).toObject());
    return server;
}

QJsonObject certificateFileToJson(const DiscoveredCertificateFile& file)
{
    return QJsonObject{{QStringLiteral("path"), file.path},
                       {QStringLiteral("format"), file.format},
                       {QStringLiteral("serverType"), file.serverType},
                       {QStringLiteral("fingerprintSha256"), file.fingerprintSha256},
                       {QStringLiteral("chainPem"), QString::fromLatin1(file.chainPem)},
                       {QStringLiteral("error"), file.error}};
}

DiscoveredCertificateFile certificateFileFromJson(const QJsonObject& json)
{
    DiscoveredCertificateFile file;
    file.path = json.value(QStringLiteral("path")).toString();
    file.format = json.value(QStringLiteral("format")).toString();
    file.serverType = json.value(QStringLiteral("serverType")).toString();
    file.fingerprintSha256 = json.value(QStringLiteral("fingerprintSha256")).toString();
    file.chainPem = json.value(QStringLiteral("chainPem")).toString().toLatin1(); // PEM is ASCII
    file.error = json.value(QStringLiteral("error")).toString();
    return file;
}

} // namespace

QString ConfiguredEndpoint::dcvPath() const
{
    if (webRoot.isEmpty()) {
        return {};
    }
    QString root = webRoot;
    while (root.size() > 1 && root.endsWith(QLatin1Char('/'))) {
        root.chop(1);
    }
    return (root == QLatin1String("/") ? QString() : root) + QStringLiteral("/.well-known/pki-validation");
}

QList<ConfiguredCertificate> ConfiguredEndpoint::certificates() const
{
    QList<ConfiguredCertificate> all;
    if (!certificatePath.isEmpty() || !keystorePath.isEmpty()) {
        all.append({certificatePath, keyPath, chainPath, keystorePath, keystoreType, keyAlias, QString()});
    }
    return all + additionalCertificates;
}

QJsonObject toJson(const ConfiguredEndpoint& endpoint)
{
    QJsonArray additional;
    for (const ConfiguredCertificate& certificate : endpoint.additionalCertificates) {
        QJsonObject entry;
        const auto put = [&entry](const char* key, const QString& value) {
            if (!value.isEmpty()) {
                entry.insert(QLatin1String(key), value);
            }
        };
        put("certificatePath", certificate.certificatePath);
        put("keyPath", certificate.keyPath);
        put("chainPath", certificate.chainPath);
        put("keystorePath", certificate.keystorePath);
        put("keystoreType", certificate.keystoreType);
        put("keyAlias", certificate.keyAlias);
        put("type", certificate.type);
        additional.append(entry);
    }
    return QJsonObject{{QStringLiteral("additionalCertificates"), additional},
                       {QStringLiteral("address"), endpoint.address},
                       {QStringLiteral("port"), endpoint.port},
                       {QStringLiteral("names"), stringArray(endpoint.names)},
                       {QStringLiteral("certificatePath"), endpoint.certificatePath},
                       {QStringLiteral("keyPath"), endpoint.keyPath},
                       {QStringLiteral("chainPath"), endpoint.chainPath},
                       {QStringLiteral("keystorePath"), endpoint.keystorePath},
                       {QStringLiteral("keystoreType"), endpoint.keystoreType},
                       {QStringLiteral("keyAlias"), endpoint.keyAlias},
                       {QStringLiteral("webRoot"), endpoint.webRoot},
                       {QStringLiteral("source"), endpoint.source}};
}

ConfiguredEndpoint configuredEndpointFromJson(const QJsonObject& json)
{
    ConfiguredEndpoint endpoint;
    endpoint.address = json.value(QStringLiteral("address")).toString();
    endpoint.port = json.value(QStringLiteral("port")).toInt();
    endpoint.names = stringList(json.value(QStringLiteral("names")));
    endpoint.certificatePath = json.value(QStringLiteral("certificatePath")).toString();
    endpoint.keyPath = json.value(QStringLiteral("keyPath")).toString();
    endpoint.chainPath = json.value(QStringLiteral("chainPath")).toString();
    endpoint.keystorePath = json.value(QStringLiteral("keystorePath")).toString();
    endpoint.keystoreType = json.value(QStringLiteral("keystoreType")).toString();
    endpoint.keyAlias = json.value(QStringLiteral("keyAlias")).toString();
    endpoint.webRoot = json.value(QStringLiteral("webRoot")).toString();
    endpoint.source = json.value(QStringLiteral("source")).toString();
    for (const QJsonValue& value : json.value(QStringLiteral("additionalCertificates")).toArray()) {
        const QJsonObject entry = value.toObject();
        ConfiguredCertificate certificate;
        certificate.certificatePath = entry.value(QStringLiteral("certificatePath")).toString();
        certificate.keyPath = entry.value(QStringLiteral("keyPath")).toString();
        certificate.chainPath = entry.value(QStringLiteral("chainPath")).toString();
        certificate.keystorePath = entry.value(QStringLiteral("keystorePath")).toString();
        certificate.keystoreType = entry.value(QStringLiteral("keystoreType")).toString();
        certificate.keyAlias = entry.value(QStringLiteral("keyAlias")).toString();
        certificate.type = entry.value(QStringLiteral("type")).toString();
        endpoint.additionalCertificates.append(certificate);
    }
    return endpoint;
}

QJsonObject SystemScan::toJson() const
{
    QJsonArray serverArray;
    for (const DetectedServer& server : servers) {
        serverArray.append(serverToJson(server));
    }
    QJsonArray certificateArray;
    for (const DiscoveredCertificateFile& file : certificates) {
        certificateArray.append(certificateFileToJson(file));
    }
    return QJsonObject{{QStringLiteral("hostname"), hostname},
                       {QStringLiteral("addresses"), stringArray(addresses)},
                       {QStringLiteral("os"), os},
                       {QStringLiteral("scannedAt"), scannedAt.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("servers"), serverArray},
                       {QStringLiteral("certificates"), certificateArray},
                       {QStringLiteral("warnings"), stringArray(warnings)},
                       {QStringLiteral("policy"), policy}};
}

SystemScan SystemScan::fromJson(const QJsonObject& json)
{
    SystemScan scan;
    scan.hostname = json.value(QStringLiteral("hostname")).toString();
    scan.addresses = stringList(json.value(QStringLiteral("addresses")));
    scan.os = json.value(QStringLiteral("os")).toString();
    scan.scannedAt = QDateTime::fromString(json.value(QStringLiteral("scannedAt")).toString(), Qt::ISODateWithMs);
    if (scan.scannedAt.isValid()) {
        scan.scannedAt = scan.scannedAt.toUTC();
    }
    for (const QJsonValue& server : json.value(QStringLiteral("servers")).toArray()) {
        scan.servers.append(detectedServerFromJson(server.toObject()));
    }
    for (const QJsonValue& file : json.value(QStringLiteral("certificates")).toArray()) {
        scan.certificates.append(certificateFileFromJson(file.toObject()));
    }
    scan.warnings = stringList(json.value(QStringLiteral("warnings")));
    scan.policy = json.value(QStringLiteral("policy")).toObject();
    return scan;
}

QList<DetectedServer> SystemScan::runningServers() const
{
    QList<DetectedServer> result;
    for (const DetectedServer& server : servers) {
        if (server.running) {
            result.append(server);
        }
    }
    return result;
}

} // namespace certdeck::discovery
