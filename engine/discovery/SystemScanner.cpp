#include "engine/discovery/SystemScanner.h"

#include "engine/core/Log.h"
#include "engine/discovery/CertificateFileReader.h"
#include "engine/discovery/HostCommand.h"
#include "engine/discovery/ListeningSockets.h"
#include "engine/discovery/ProcessTable.h"
#include "engine/discovery/ServerDetection.h"
#include "engine/discovery/config/ConfigParser.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QSysInfo>

#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::discovery {
namespace {

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("discovery");
}

QString firstCapture(const QByteArray& text, const QString& pattern)
{
    const QRegularExpressionMatch match = QRegularExpression(pattern).match(QString::fromLocal8Bit(text));
    return match.hasMatch() ? match.captured(1) : QString();
}

// "1.2.3-4~deb12u1" -> "1.2.3": the upstream part of a Debian package version.
QString upstreamVersion(QString version)
{
    version = version.trimmed();
    if (const qsizetype colon = version.indexOf(QLatin1Char(':')); colon >= 0) {
        version = version.mid(colon + 1);
    }
    if (const qsizetype dash = version.lastIndexOf(QLatin1Char('-')); dash > 0) {
        version.truncate(dash);
    }
    return version;
}

class VersionProbe
{
public:
    explicit VersionProbe(int timeoutMs)
        : m_timeoutMs(timeoutMs)
    {
    }

    QString versionOf(const DetectedServer& server)
    {
        const QString key = server.serverType + QLatin1Char('\n') + server.binary;
        if (!m_cache.contains(key)) {
            m_cache.insert(key, probe(server));
        }
        return m_cache.value(key);
    }

private:
    QString fromBinary(const QString& binary, const QStringList& arguments, const QString& pattern)
    {
        // The scan runs as root on many hosts: only a binary no other user can have replaced is run, and the very
        // file that was checked (runTrustedExecutable).
        const HostCommandOutput output = runTrustedExecutable(binary, arguments, m_timeoutMs);
        if (!output.started) {
            logger()->info("version of {} not asked: {}", binary.toStdString(), output.problem.toStdString());
        }
        return firstCapture(output.standardOutput + '\n' + output.standardError, pattern);
    }

    QString fromPackage(const QString& package)
    {
        const HostCommandOutput output =
            runHostCommand(QStringLiteral("dpkg-query"),
                           {QStringLiteral("-W"), QStringLiteral("-f=${Version}"), package}, m_timeoutMs);
        return output.exitCode == 0 ? upstreamVersion(QString::fromUtf8(output.standardOutput)) : QString();
    }

    // The Debian package that ships a directory such as /usr/share/tomcat10 or /usr/share/jetty9.
    QString fromPackageDirectory(const QString& path)
    {
        static const QRegularExpression packaged(QStringLiteral("^/usr/share/((tomcat|jetty)[0-9]*)(/|$)"));
        const QRegularExpressionMatch match = packaged.match(path);
        return match.hasMatch() ? fromPackage(match.captured(1)) : QString();
    }

    QString probe(const DetectedServer& server)
    {
        const QString& type = server.serverType;
        const QString& binary = server.binary;
        if (type == QStringLiteral("nginx")) {
            return fromBinary(binary, {QStringLiteral("-v")}, QStringLiteral("nginx/([0-9][^\\s]*)"));
        }
        if (type == QStringLiteral("apache-http")) {
            // Debian's apache2 may refuse -v without its APACHE_* environment: then the package tells.
            QString version = fromBinary(binary, {QStringLiteral("-v")}, QStringLiteral("Apache/([0-9][^\\s]*)"));
            if (version.isEmpty() && QFileInfo(binary).fileName() == QStringLiteral("apache2")) {
                version = fromPackage(QStringLiteral("apache2"));
            }
            return version;
        }
        if (type == QStringLiteral("ftp")) {
            return fromBinary(binary, {QStringLiteral("-v")}, QStringLiteral("(?i)version\\s+([0-9][^\\s]*)"));
        }
        if (type == QStringLiteral("sftp")) {
            return fromBinary(binary, {QStringLiteral("-V")}, QStringLiteral("OpenSSH_([0-9][^\\s,]*)"));
        }
        if (type == QStringLiteral("kubernetes")) {
            return fromBinary(binary, {QStringLiteral("--version")}, QStringLiteral("v([0-9][^\\s]*)"));
        }
        if (type == QStringLiteral("tomcat") || type == QStringLiteral("jetty")) {
            return fromPackageDirectory(QFileInfo(binary).canonicalFilePath());
        }
        return {};
    }

    int m_timeoutMs;
    QHash<QString, QString> m_cache;
};

ConfigFindings parseConfiguration(const DetectedInstance& instance)
{
    const LocalConfigSource source;
    const QString& type = instance.server.serverType;
    if (type == QStringLiteral("nginx")) {
        return parseNginxConfig(source, instance.mainConfig, instance.root);
    }
    if (type == QStringLiteral("apache-http")) {
        return parseApacheConfig(source, instance.mainConfig, instance.root);
    }
    if (type == QStringLiteral("tomcat")) {
        return parseTomcatServerXml(source, instance.mainConfig, instance.root);
    }
    if (type == QStringLiteral("jetty")) {
        return parseJettyConfig(source, instance.root);
    }
    if (type == QStringLiteral("ftp") && QFileInfo(instance.server.binary).fileName() == QStringLiteral("vsftpd")) {
        return parseVsftpdConfig(source, instance.mainConfig);
    }
    return {};
}

// systemd unit names ("nginx.service", "tomcat10.service") -> server types.
QString serverTypeOfUnit(const QString& unit)
{
    static const QList<QPair<QRegularExpression, QString>> rules = {
        {QRegularExpression(QStringLiteral("^nginx")), QStringLiteral("nginx")},
        {QRegularExpression(QStringLiteral("^(apache2|httpd)")), QStringLiteral("apache-http")},
        {QRegularExpression(QStringLiteral("^tomcat")), QStringLiteral("tomcat")},
        {QRegularExpression(QStringLiteral("^jetty")), QStringLiteral("jetty")},
        {QRegularExpression(QStringLiteral("^(wildfly|jboss)")), QStringLiteral("jboss")},
        {QRegularExpression(QStringLiteral("^(vsftpd|proftpd)")), QStringLiteral("ftp")},
        {QRegularExpression(QStringLiteral("^(ssh|sshd)\\.service$")), QStringLiteral("sftp")},
        {QRegularExpression(QStringLiteral("^kubelet")), QStringLiteral("kubernetes")},
    };
    for (const auto& rule : rules) {
        if (rule.first.match(unit).hasMatch()) {
            return rule.second;
        }
    }
    return {};
}

QString operatingSystem()
{
    QFile file(QStringLiteral("/etc/os-release"));
    if (file.open(QIODevice::ReadOnly)) {
        const QString pretty = firstCapture(file.readAll(), QStringLiteral("(?m)^PRETTY_NAME=\"?([^\"\\n]*)\"?\\s*$"));
        if (!pretty.isEmpty()) {
            return pretty;
        }
    }
    return QSysInfo::prettyProductName();
}

QStringList hostAddresses()
{
    QStringList addresses;
    for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
        QHostAddress plain = address;
        plain.setScopeId(QString());
        const QString text = plain.toString();
        if (!text.isEmpty() && !addresses.contains(text)) {
            addresses.append(text);
        }
    }
    return addresses;
}

} // namespace

SystemScanner::SystemScanner(SystemScanOptions options)
    : m_options(options)
{
}

SystemScan SystemScanner::scan() const
{
    SystemScan result;
    result.scannedAt = QDateTime::currentDateTimeUtc();
    result.hostname = QSysInfo::machineHostName();
    result.os = operatingSystem();
    result.addresses = hostAddresses();

    const ProcessTable processes = ProcessTable::read();
    const ListeningSockets sockets = ListeningSockets::read();
    const QStringList units = runningServiceUnits(m_options.commandTimeoutMs);
    QList<DetectedInstance> instances = detectRunningServers(processes);
    logger()->info("system scan: {} processes, {} listening sockets, {} running service units, {} server instances",
                   processes.processes().size(), sockets.sockets().size(), units.size(), instances.size());

    VersionProbe versions(m_options.commandTimeoutMs);
    const CertificateFileReader reader(m_options.commandTimeoutMs);
    QStringList runningTypes;
    QSet<QString> certificateKeys;
    for (DetectedInstance& instance : instances) {
        DetectedServer& server = instance.server;
        runningTypes.append(server.serverType);
        server.version = versions.versionOf(server);
        server.listeningPorts = sockets.portsOf(server.pids);
        for (const QString& unit : units) {
            if (serverTypeOfUnit(unit) == server.serverType) {
                server.evidence += QStringLiteral("; systemd unit %1 running").arg(unit);
            }
        }
        server.config = parseConfiguration(instance);
        for (const QString& warning : server.config.warnings) {
            result.warnings.append(QStringLiteral("%1 (%2): %3").arg(server.serverType, server.configRoot, warning));
        }
        if (!m_options.readCertificates) {
            continue;
        }
        for (const DiscoveredCertificateFile& file : reader.readAll(server)) {
            const QString key = file.serverType + QLatin1Char('\n') + file.path;
            if (!certificateKeys.contains(key)) {
                certificateKeys.insert(key);
                result.certificates.append(file);
            }
        }
    }
    for (const QString& unit : units) {
        const QString type = serverTypeOfUnit(unit);
        if (!type.isEmpty() && !runningTypes.contains(type)) {
            result.warnings.append(
                QStringLiteral("systemd reports %1 running, but no %2 process was found").arg(unit, type));
        }
    }
    for (DetectedServer& server : detectInstalledServers(runningTypes)) {
        server.version = versions.versionOf(server);
        result.servers.append(server);
    }
    for (const DetectedInstance& instance : instances) {
        result.servers.append(instance.server);
    }
    logger()->info("system scan done: {} servers ({} running), {} certificate files, {} warnings",
                   result.servers.size(), instances.size(), result.certificates.size(), result.warnings.size());
    return result;
}

} // namespace certdeck::discovery
