#include "engine/discovery/ServerDetection.h"

#include "engine/core/RegularFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace certdeck::discovery {
namespace {

const QStringList kNginxFlags = {QStringLiteral("-?"), QStringLiteral("-h"), QStringLiteral("-v"),
                                 QStringLiteral("-V"), QStringLiteral("-t"), QStringLiteral("-T"),
                                 QStringLiteral("-q"), QStringLiteral("-s"), QStringLiteral("-p"),
                                 QStringLiteral("-c"), QStringLiteral("-e"), QStringLiteral("-g")};

QString absoluteIn(const QString& base, const QString& path)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path) || base.isEmpty()) {
        return path;
    }
    return QDir::cleanPath(base + QLatin1Char('/') + path);
}

// A process renamed by its program ("nginx: master process /usr/sbin/nginx -c /etc/nginx/nginx.conf") shows one
// cmdline string: split it on spaces. Values that themselves contain spaces are joined back up to the next
// flag the program knows.
QStringList retitledArguments(const QString& title, const QString& prefix, const QStringList& knownFlags)
{
    const QStringList words = title.mid(prefix.size()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList arguments;
    for (const QString& word : words) {
        const bool startsArgument = arguments.isEmpty() || knownFlags.contains(word.left(2)) ||
                                    knownFlags.contains(arguments.last().left(2)) || word.startsWith(QLatin1Char('['));
        if (startsArgument) {
            arguments.append(word);
        } else {
            arguments.last() += QLatin1Char(' ') + word;
        }
    }
    return arguments;
}

bool parentRunsSameProgram(const ProcessTable& table, const ProcessInfo& process, const QStringList& names)
{
    const ProcessInfo* parent = table.find(process.ppid);
    return parent && names.contains(parent->programName());
}

QString evidenceOf(const ProcessInfo& process)
{
    return QStringLiteral("process %1 (%2)").arg(process.pid).arg(process.commandLine().left(300));
}

DetectedInstance instanceOf(const ProcessTable& table, const ProcessInfo& process, const QString& type,
                            const QString& binary)
{
    DetectedInstance instance;
    instance.server.serverType = type;
    instance.server.running = true;
    instance.server.binary = binary;
    instance.server.pids = table.withDescendants(process.pid);
    instance.server.evidence = evidenceOf(process);
    return instance;
}

QString binaryOf(const ProcessInfo& process, const QString& firstArgument)
{
    if (!process.exe.isEmpty()) {
        QString exe = process.exe;
        exe.remove(QStringLiteral(" (deleted)"));
        return exe;
    }
    return firstArgument;
}

std::optional<DetectedInstance> detectNginx(const ProcessTable& table, const ProcessInfo& process)
{
    const QStringList names = {QStringLiteral("nginx")};
    if (process.programName() != QStringLiteral("nginx") || parentRunsSameProgram(table, process, names)) {
        return std::nullopt;
    }
    QStringList arguments = process.arguments();
    const QString title = arguments.value(0);
    if (title.startsWith(QStringLiteral("nginx: "))) {
        if (!title.startsWith(QStringLiteral("nginx: master process "))) {
            return std::nullopt; // a worker or cache process whose master is gone
        }
        arguments = retitledArguments(title, QStringLiteral("nginx: master process "), kNginxFlags);
    }
    if (arguments.contains(QStringLiteral("-t")) || arguments.contains(QStringLiteral("-s")) ||
        arguments.contains(QStringLiteral("-v")) || arguments.contains(QStringLiteral("-V"))) {
        return std::nullopt; // a config test or a signal, not a server
    }
    DetectedInstance instance =
        instanceOf(table, process, QStringLiteral("nginx"), binaryOf(process, arguments.value(0)));
    QString prefix = shortOption(arguments, QStringLiteral("-p"));
    if (prefix.isEmpty()) {
        prefix = QStringLiteral("/usr/share/nginx/");
    } else if (!QDir::isAbsolutePath(prefix)) {
        prefix = absoluteIn(process.workingDirectory, prefix);
    }
    QString config = shortOption(arguments, QStringLiteral("-c"));
    config = config.isEmpty() ? QStringLiteral("/etc/nginx/nginx.conf") : absoluteIn(prefix, config);
    instance.mainConfig = config;
    instance.root = prefix;
    instance.server.configRoot = config;
    return instance;
}

std::optional<DetectedInstance> detectApache(const ProcessTable& table, const ProcessInfo& process)
{
    const QStringList names = {QStringLiteral("apache2"), QStringLiteral("httpd")};
    if (!names.contains(process.programName()) || parentRunsSameProgram(table, process, names)) {
        return std::nullopt;
    }
    const QStringList arguments = process.arguments();
    for (const QString& flag :
         {QStringLiteral("-t"), QStringLiteral("-v"), QStringLiteral("-V"), QStringLiteral("-S")}) {
        if (arguments.contains(flag)) {
            return std::nullopt; // a config test or a query, not a server
        }
    }
    const QString signal = shortOption(arguments, QStringLiteral("-k"));
    if (!signal.isEmpty() && signal != QStringLiteral("start")) {
        return std::nullopt; // apache2 -k graceful / stop: a short-lived signaller
    }
    const QString binary = binaryOf(process, arguments.value(0));
    DetectedInstance instance = instanceOf(table, process, QStringLiteral("apache-http"), binary);
    const bool debian = QFileInfo(binary).fileName() == QStringLiteral("apache2");
    QString root = shortOption(arguments, QStringLiteral("-d"));
    if (root.isEmpty()) {
        root = debian ? QStringLiteral("/etc/apache2") : QStringLiteral("/etc/httpd");
    }
    root = absoluteIn(process.workingDirectory, root);
    QString config = shortOption(arguments, QStringLiteral("-f"));
    if (config.isEmpty()) {
        config = debian ? QStringLiteral("apache2.conf") : QStringLiteral("conf/httpd.conf");
    }
    instance.mainConfig = absoluteIn(root, config);
    instance.root = root;
    instance.server.configRoot = instance.mainConfig;
    return instance;
}

std::optional<DetectedInstance> detectJava(const ProcessTable& table, const ProcessInfo& process)
{
    if (process.programName() != QStringLiteral("java")) {
        return std::nullopt;
    }
    const QStringList arguments = process.arguments();
    const QString binary = binaryOf(process, arguments.value(0));
    const auto hasArgument = [&](const QString& value) { return arguments.contains(value); };
    const auto anyEndsWith = [&](const QString& suffix) {
        return std::any_of(arguments.cbegin(), arguments.cend(), [&](const QString& a) { return a.endsWith(suffix); });
    };
    const auto anyContains = [&](const QString& part) {
        return std::any_of(arguments.cbegin(), arguments.cend(), [&](const QString& a) { return a.contains(part); });
    };
    const QString cwd = process.workingDirectory;
    if (hasArgument(QStringLiteral("org.apache.catalina.startup.Bootstrap"))) {
        if (hasArgument(QStringLiteral("stop")) || hasArgument(QStringLiteral("configtest"))) {
            return std::nullopt;
        }
        DetectedInstance instance = instanceOf(table, process, QStringLiteral("tomcat"), binary);
        const QString home = absoluteIn(cwd, systemProperty(arguments, QStringLiteral("catalina.home")));
        QString base = absoluteIn(cwd, systemProperty(arguments, QStringLiteral("catalina.base")));
        if (base.isEmpty()) {
            base = home;
        }
        instance.root = base;
        instance.mainConfig = base + QStringLiteral("/conf/server.xml");
        instance.server.configRoot = instance.mainConfig;
        instance.server.binary = home.isEmpty() ? binary : home;
        return instance;
    }
    if (anyEndsWith(QStringLiteral("start.jar")) || anyContains(QStringLiteral("-Djetty.base="))) {
        DetectedInstance instance = instanceOf(table, process, QStringLiteral("jetty"), binary);
        QString base = absoluteIn(cwd, systemProperty(arguments, QStringLiteral("jetty.base")));
        for (const QString& argument : arguments) {
            if (base.isEmpty() && argument.startsWith(QStringLiteral("jetty.base="))) {
                base = absoluteIn(cwd, argument.mid(11));
            }
        }
        if (base.isEmpty()) {
            base = cwd;
        }
        QString home = absoluteIn(cwd, systemProperty(arguments, QStringLiteral("jetty.home")));
        if (home.isEmpty()) {
            for (const QString& argument : arguments) {
                if (argument.endsWith(QStringLiteral("start.jar"))) {
                    home = QFileInfo(absoluteIn(cwd, argument)).absolutePath();
                }
            }
        }
        instance.root = base;
        instance.mainConfig = base;
        instance.server.configRoot = base;
        instance.server.binary = home.isEmpty() ? binary : home;
        return instance;
    }
    if (anyEndsWith(QStringLiteral("jboss-modules.jar")) || anyContains(QStringLiteral("-Djboss.home.dir="))) {
        DetectedInstance instance = instanceOf(table, process, QStringLiteral("jboss"), binary);
        const QString home = absoluteIn(cwd, systemProperty(arguments, QStringLiteral("jboss.home.dir")));
        QString base = absoluteIn(cwd, systemProperty(arguments, QStringLiteral("jboss.server.base.dir")));
        if (base.isEmpty() && !home.isEmpty()) {
            base = home + QStringLiteral("/standalone");
        }
        QString config = QStringLiteral("standalone.xml");
        for (qsizetype i = 0; i < arguments.size(); ++i) {
            if (arguments.at(i) == QStringLiteral("-c") && i + 1 < arguments.size()) {
                config = arguments.at(i + 1);
            } else if (arguments.at(i).startsWith(QStringLiteral("--server-config="))) {
                config = arguments.at(i).mid(16);
            }
        }
        instance.root = base;
        instance.mainConfig = base.isEmpty() ? QString() : base + QStringLiteral("/configuration/") + config;
        instance.server.configRoot = instance.mainConfig;
        instance.server.binary = home.isEmpty() ? binary : home;
        return instance;
    }
    if (hasArgument(QStringLiteral("weblogic.Server"))) {
        DetectedInstance instance = instanceOf(table, process, QStringLiteral("weblogic"), binary);
        instance.root = cwd; // WebLogic starts in its domain directory
        instance.mainConfig = cwd.isEmpty() ? QString() : cwd + QStringLiteral("/config/config.xml");
        instance.server.configRoot = instance.mainConfig;
        return instance;
    }
    return std::nullopt;
}

std::optional<DetectedInstance> detectFtp(const ProcessTable& table, const ProcessInfo& process)
{
    const QStringList arguments = process.arguments();
    const QString name = process.programName();
    if (name == QStringLiteral("vsftpd") && !parentRunsSameProgram(table, process, {name})) {
        DetectedInstance instance =
            instanceOf(table, process, QStringLiteral("ftp"), binaryOf(process, arguments.value(0)));
        QString config = QStringLiteral("/etc/vsftpd.conf");
        for (qsizetype i = 1; i < arguments.size(); ++i) {
            if (!arguments.at(i).startsWith(QLatin1Char('-'))) {
                config = absoluteIn(process.workingDirectory, arguments.at(i));
            }
        }
        instance.mainConfig = config;
        instance.server.configRoot = config;
        return instance;
    }
    if (name == QStringLiteral("proftpd") && !parentRunsSameProgram(table, process, {name})) {
        DetectedInstance instance =
            instanceOf(table, process, QStringLiteral("ftp"), binaryOf(process, QStringLiteral("proftpd")));
        QString config = shortOption(arguments, QStringLiteral("-c"));
        instance.mainConfig = config.isEmpty() ? QStringLiteral("/etc/proftpd/proftpd.conf") : config;
        instance.server.configRoot = instance.mainConfig;
        return instance;
    }
    return std::nullopt;
}

// True when the sshd configuration (or a file it includes) declares an sftp subsystem.
bool declaresSftp(const QString& config, int depth = 0)
{
    if (depth > 4) {
        return false;
    }
    // A regular file only: a FIFO named in an Include must not hang the scan.
    const Result<files::RegularFile> file = files::readRegularFile(config, 1024 * 1024, files::Symlinks::Follow);
    if (!file) {
        return false;
    }
    static const QRegularExpression subsystem(QStringLiteral("^\\s*Subsystem\\s+sftp\\s+\\S"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression include(QStringLiteral("^\\s*Include\\s+(.+)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    for (const QByteArray& raw : file->content.split('\n')) {
        const QString line = QString::fromLocal8Bit(raw);
        if (subsystem.match(line).hasMatch()) {
            return true;
        }
        const QRegularExpressionMatch match = include.match(line);
        if (!match.hasMatch()) {
            continue;
        }
        for (QString pattern : match.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            pattern = absoluteIn(QStringLiteral("/etc/ssh"), pattern);
            const QFileInfo info(pattern);
            const QStringList matches =
                QDir(info.path()).entryList({info.fileName()}, QDir::Files | QDir::Readable, QDir::Name);
            for (const QString& included : matches) {
                if (declaresSftp(info.path() + QLatin1Char('/') + included, depth + 1)) {
                    return true;
                }
            }
        }
    }
    return false;
}

std::optional<DetectedInstance> detectSshd(const ProcessTable& table, const ProcessInfo& process)
{
    if (process.programName() != QStringLiteral("sshd") ||
        parentRunsSameProgram(table, process, {QStringLiteral("sshd")})) {
        return std::nullopt;
    }
    QStringList arguments = process.arguments();
    if (arguments.size() == 1 && arguments.first().startsWith(QStringLiteral("sshd: "))) {
        const QStringList flags = {QStringLiteral("-f"), QStringLiteral("-D"), QStringLiteral("-p"),
                                   QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("-e"),
                                   QStringLiteral("-d"), QStringLiteral("-E")};
        arguments = retitledArguments(arguments.first(), QStringLiteral("sshd: "), flags);
    }
    QString config = shortOption(arguments, QStringLiteral("-f"));
    config = config.isEmpty() ? QStringLiteral("/etc/ssh/sshd_config") : absoluteIn(process.workingDirectory, config);
    if (!declaresSftp(config)) {
        return std::nullopt;
    }
    DetectedInstance instance =
        instanceOf(table, process, QStringLiteral("sftp"), binaryOf(process, arguments.value(0)));
    instance.mainConfig = config;
    instance.server.configRoot = config;
    return instance;
}

std::optional<DetectedInstance> detectKubelet(const ProcessTable& table, const ProcessInfo& process)
{
    if (process.programName() != QStringLiteral("kubelet")) {
        return std::nullopt;
    }
    const QStringList arguments = process.arguments();
    DetectedInstance instance =
        instanceOf(table, process, QStringLiteral("kubernetes"), binaryOf(process, arguments.value(0)));
    QString kubeconfig = QStringLiteral("/etc/kubernetes/kubelet.conf");
    for (const QString& argument : arguments) {
        if (argument.startsWith(QStringLiteral("--kubeconfig="))) {
            kubeconfig = argument.mid(13);
        }
    }
    instance.mainConfig = kubeconfig;
    instance.server.configRoot = kubeconfig;
    return instance;
}

struct InstallMarker
{
    QString serverType;
    QStringList paths;  // binary or package directory: the first that exists
    QString configRoot; // the default configuration of an installed server
};

QList<InstallMarker> installMarkers()
{
    const QString home = QDir::homePath();
    return {
        {QStringLiteral("nginx"), {QStringLiteral("/usr/sbin/nginx")}, QStringLiteral("/etc/nginx/nginx.conf")},
        {QStringLiteral("apache-http"),
         {QStringLiteral("/usr/sbin/apache2"), QStringLiteral("/usr/sbin/httpd")},
         QStringLiteral("/etc/apache2/apache2.conf")},
        {QStringLiteral("tomcat"),
         {QStringLiteral("/usr/share/tomcat10"), QStringLiteral("/usr/share/tomcat9"), QStringLiteral("/opt/tomcat")},
         QStringLiteral("/etc/tomcat10/server.xml")},
        {QStringLiteral("jetty"),
         {QStringLiteral("/usr/share/jetty9"), QStringLiteral("/usr/share/jetty"), QStringLiteral("/opt/jetty")},
         QStringLiteral("/usr/share/jetty9")},
        {QStringLiteral("jboss"), {QStringLiteral("/opt/wildfly"), QStringLiteral("/opt/jboss")}, QString()},
        {QStringLiteral("weblogic"),
         {QStringLiteral("/u01/oracle/wlserver"), QStringLiteral("/opt/oracle/wlserver")},
         QString()},
        {QStringLiteral("ftp"),
         {QStringLiteral("/usr/sbin/vsftpd"), QStringLiteral("/usr/sbin/proftpd")},
         QStringLiteral("/etc/vsftpd.conf")},
        {QStringLiteral("sftp"), {QStringLiteral("/usr/sbin/sshd")}, QStringLiteral("/etc/ssh/sshd_config")},
        {QStringLiteral("kubernetes"),
         {QStringLiteral("/usr/bin/kubelet"), QStringLiteral("/etc/kubernetes/admin.conf"),
          home + QStringLiteral("/.kube/config")},
         QString()},
    };
}

} // namespace

QString shortOption(const QStringList& arguments, const QString& option)
{
    QString value;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == option && i + 1 < arguments.size()) {
            value = arguments.at(++i);
        } else if (argument.startsWith(option) && argument.size() > option.size()) {
            value = argument.mid(option.size());
        }
    }
    return value;
}

QString systemProperty(const QStringList& arguments, const QString& name)
{
    const QString prefix = QStringLiteral("-D") + name + QLatin1Char('=');
    QString value;
    for (const QString& argument : arguments) {
        if (argument.startsWith(prefix)) {
            value = argument.mid(prefix.size());
        }
    }
    return value;
}

QList<DetectedInstance> detectRunningServers(const ProcessTable& processes)
{
    QList<DetectedInstance> instances;
    for (const ProcessInfo& process : processes.processes()) {
        for (const auto detect : {detectNginx, detectApache, detectJava, detectFtp, detectSshd, detectKubelet}) {
            if (std::optional<DetectedInstance> instance = detect(processes, process)) {
                instances.append(std::move(*instance));
                break;
            }
        }
    }
    return instances;
}

QList<DetectedServer> detectInstalledServers(const QStringList& runningTypes)
{
    QList<DetectedServer> servers;
    for (const InstallMarker& marker : installMarkers()) {
        if (runningTypes.contains(marker.serverType)) {
            continue;
        }
        for (const QString& path : marker.paths) {
            if (!QFileInfo::exists(path)) {
                continue;
            }
            DetectedServer server;
            server.serverType = marker.serverType;
            server.running = false;
            server.binary = path;
            server.configRoot =
                marker.serverType == QStringLiteral("kubernetes") && !path.endsWith(QStringLiteral("kubelet"))
                    ? path
                    : marker.configRoot;
            server.evidence = QStringLiteral("installed: %1 exists, no running instance").arg(path);
            servers.append(server);
            break;
        }
    }
    return servers;
}

} // namespace certdeck::discovery
