#include "engine/deploy/BotPolicy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::deploy {

namespace {

constexpr qint64 kMaxPolicyBytes = 64 * 1024;
const QString kBuiltin = QStringLiteral("built-in defaults");

QString tr(const char* text)
{
    return QCoreApplication::translate("BotPolicy", text);
}

// Absolute, already normal (no "..", ".", "//", trailing slash): what a policy or a checked path must look like.
bool isNormalAbsolute(const QString& path)
{
    return path.startsWith(QLatin1Char('/')) && QDir::cleanPath(path) == path && !path.contains(QChar(0));
}

bool isInside(const QString& path, const QString& tree)
{
    return tree == QLatin1String("/") || path == tree || path.startsWith(tree + QLatin1Char('/'));
}

// The nearest existing ancestor of `path` (or the path itself), resolved through symbolic links on this host.
QString canonicalOfExistingPart(const QString& path)
{
    QString probe = path;
    while (!probe.isEmpty()) {
        const QString canonical = QFileInfo(probe).canonicalFilePath();
        if (!canonical.isEmpty()) {
            return probe == path ? canonical : canonical + path.mid(probe.size());
        }
        const qsizetype slash = probe.lastIndexOf(QLatin1Char('/'));
        probe = slash <= 0 ? QString() : probe.left(slash);
    }
    return path;
}

QStringList splitList(const QString& value)
{
    return value.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
}

Result<bool> parseFlag(const QString& value, const QString& where)
{
    const QString v = value.toLower();
    if (v == QLatin1String("yes") || v == QLatin1String("true") || v == QLatin1String("1")) {
        return true;
    }
    if (v == QLatin1String("no") || v == QLatin1String("false") || v == QLatin1String("0")) {
        return false;
    }
    return fail(tr("%1: \"%2\" is not yes or no").arg(where, value));
}

} // namespace

QString BotPolicy::systemPath()
{
    return QStringLiteral("/etc/certdeck/bot-policy.conf");
}

QByteArray BotPolicy::defaultFileText()
{
    return QByteArrayLiteral(
        "# CertDeck bot policy: what this host's certdeck-bot may do. It obeys this file, not the requests it\n"
        "# receives: a console or a shared inventory can only choose within it. Owned by root, mode 0644; the bot\n"
        "# reads it when it starts. Lists are separated by spaces.\n"
        "\n"
        "# Server programs per server type (absolute paths). A request may pick one of them, never another.\n"
        "program.nginx = /usr/sbin/nginx\n"
        "program.apache-http = /usr/sbin/apache2 /usr/sbin/httpd /usr/sbin/apache2ctl /usr/sbin/apachectl\n"
        "# Jetty's restart program (reload method \"restart\"; run with the argument \"restart\" and JETTY_BASE). Not\n"
        "# set by default: Debian's jetty9 runs under systemd, so allow a script that restarts that service.\n"
        "# program.jetty = /usr/share/jetty9/bin/jetty.sh\n"
        "\n"
        "# Directory trees in which certificate, key and chain files, custom backup directories and http-01 DCV\n"
        "# files may be written, backed up, restored and deleted. The bot's state directory is always allowed.\n"
        "write = /etc/nginx /etc/apache2 /etc/httpd /etc/ssl /etc/pki/tls /var/www /srv/www /etc/tomcat9 /etc/tomcat10 "
        "/var/lib/tomcat9 /var/lib/tomcat10 /etc/jetty9\n"
        "\n"
        "# Directory trees that the configuration files and server roots given to server programs must be in.\n"
        "config = /etc/nginx /etc/apache2 /etc/httpd /etc/tomcat9 /etc/tomcat10 /var/lib/tomcat9 /var/lib/tomcat10 "
        "/etc/jetty9 /usr/share/jetty9\n"
        "\n"
        "# May the bot reload or restart servers after writing their files? (yes/no)\n"
        "reload = yes\n"
        "\n"
        "# May the bot act on other hosts over SSH (agentless targets)? The same rules apply there. (yes/no)\n"
        "agentless = yes\n");
}

BotPolicy BotPolicy::builtinDefaults()
{
    auto parsed = parse(defaultFileText(), kBuiltin);
    return parsed ? parsed.value() : refusingAll(kBuiltin, parsed.message());
}

BotPolicy BotPolicy::refusingAll(const QString& source, const QString& reason)
{
    BotPolicy policy;
    policy.m_source = source;
    policy.m_problem = reason.isEmpty() ? tr("it cannot be used") : reason;
    policy.m_reload = false;
    policy.m_agentless = false;
    return policy;
}

Result<BotPolicy> BotPolicy::parse(const QByteArray& text, const QString& source)
{
    BotPolicy policy;
    policy.m_source = source;
    int lineNumber = 0;
    for (const QByteArray& raw : text.split('\n')) {
        ++lineNumber;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const QString where = QStringLiteral("%1:%2").arg(source).arg(lineNumber);
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            return fail(tr("%1: expected \"name = value\"").arg(where));
        }
        const QString key = line.left(equals).trimmed();
        const QString value = line.mid(equals + 1).trimmed();
        if (key.startsWith(QLatin1String("program."))) {
            const QString typeId = key.mid(8);
            ServerType type;
            if (!serverTypeFromId(typeId, &type)) {
                return fail(tr("%1: \"%2\" is not a server type id").arg(where, typeId));
            }
            for (const QString& program : splitList(value)) {
                if (!isNormalAbsolute(program)) {
                    return fail(tr("%1: the program \"%2\" is not an absolute path").arg(where, program));
                }
                policy.m_programs[typeId].append(program);
            }
        } else if (key == QLatin1String("write") || key == QLatin1String("config")) {
            QStringList& trees = key == QLatin1String("write") ? policy.m_writeTrees : policy.m_configTrees;
            for (const QString& tree : splitList(value)) {
                if (!isNormalAbsolute(tree)) {
                    return fail(tr("%1: the directory \"%2\" is not an absolute path").arg(where, tree));
                }
                trees.append(tree);
            }
        } else if (key == QLatin1String("reload") || key == QLatin1String("agentless")) {
            auto flag = parseFlag(value, where);
            if (!flag) {
                return flag.error();
            }
            (key == QLatin1String("reload") ? policy.m_reload : policy.m_agentless) = flag.value();
        } else {
            return fail(tr("%1: unknown setting \"%2\" (known: program.<server type>, write, config, reload, "
                           "agentless)")
                            .arg(where, key));
        }
    }
    return policy;
}

Result<BotPolicy> BotPolicy::loadFile(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return fail(tr("cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))),
                    errno == ENOENT ? QStringLiteral("notFound") : QString());
    }
    struct stat info = {};
    const uid_t me = ::geteuid();
    QString problem;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        problem = tr("%1 is not a regular file").arg(path);
    } else if (info.st_uid != 0 && info.st_uid != me) {
        problem = tr("%1 is owned by uid %2; it must be owned by root").arg(path).arg(info.st_uid);
    } else if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        problem = tr("%1 is writable by group or others (mode %2); make it 0644")
                      .arg(path, QString::number(info.st_mode & 07777, 8));
    } else if (info.st_size > kMaxPolicyBytes) {
        problem = tr("%1 is larger than %2 bytes").arg(path).arg(kMaxPolicyBytes);
    }
    struct stat parent = {};
    const QByteArray directory = QFile::encodeName(QFileInfo(path).absolutePath());
    if (problem.isEmpty() &&
        (::stat(directory.constData(), &parent) != 0 || (parent.st_uid != 0 && parent.st_uid != me) ||
         ((parent.st_mode & (S_IWGRP | S_IWOTH)) != 0 && (parent.st_mode & S_ISVTX) == 0))) {
        problem = tr("its directory %1 can be changed by another user").arg(QString::fromLocal8Bit(directory));
    }
    QByteArray text;
    if (problem.isEmpty()) {
        text.resize(kMaxPolicyBytes + 1);
        qsizetype total = 0;
        while (total < text.size()) {
            const ssize_t n = ::read(fd, text.data() + total, size_t(text.size() - total));
            if (n <= 0) {
                break;
            }
            total += n;
        }
        text.truncate(total);
    }
    ::close(fd);
    if (!problem.isEmpty()) {
        return fail(problem);
    }
    return parse(text, path);
}

BotPolicy BotPolicy::load()
{
    QStringList candidates;
    const QString fromEnvironment = qEnvironmentVariable("CERTDECK_BOT_POLICY");
    if (!fromEnvironment.isEmpty()) {
        candidates << fromEnvironment;
    } else {
        candidates << systemPath();
        if (::geteuid() != 0) {
            candidates << QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                              QStringLiteral("/certdeck/bot-policy.conf");
        }
    }
    for (const QString& path : candidates) {
        auto loaded = loadFile(path);
        if (loaded) {
            return loaded.value();
        }
        if (loaded.error().kind != QLatin1String("notFound") || path == fromEnvironment) {
            return refusingAll(path, loaded.message());
        }
    }
    return builtinDefaults();
}

Status BotPolicy::refusal() const
{
    return fail(tr("the bot's policy (%1) cannot be used: %2. The bot changes nothing until its administrator fixes "
                   "it on the bot's host.")
                    .arg(m_source, m_problem),
                QStringLiteral("policy"));
}

Result<QString> BotPolicy::resolveProgram(ServerType type, const QString& requested,
                                          const std::function<bool(const QString&)>& exists) const
{
    if (!isUsable()) {
        return refusal().error();
    }
    const QString typeId = serverTypeId(type);
    const QStringList allowed = m_programs.value(typeId);
    const QString rule = QStringLiteral("program.") + typeId;
    if (allowed.isEmpty()) {
        return fail(tr("the bot's policy (%1) allows no %2 program (rule %3); its administrator adds one there")
                        .arg(m_source, serverTypeDisplayName(type), rule),
                    QStringLiteral("policy"));
    }
    const QString wanted = requested.trimmed();
    if (wanted.startsWith(QLatin1Char('/'))) {
        if (allowed.contains(wanted)) {
            return wanted;
        }
    } else {
        for (const QString& program : allowed) {
            const bool nameMatches = wanted.isEmpty() || QFileInfo(program).fileName() == wanted;
            if (nameMatches && (!exists || exists(program))) {
                return program;
            }
        }
    }
    return fail(
        tr("the bot's policy (%1) does not allow running \"%2\" for %3: rule %4 allows %5")
            .arg(m_source, wanted.left(200), serverTypeDisplayName(type), rule, allowed.join(QStringLiteral(", "))),
        QStringLiteral("policy"));
}

Status BotPolicy::checkInside(const QStringList& trees, const QString& rule, const QString& path, const QString& what,
                              bool onThisHost) const
{
    if (!isUsable()) {
        return refusal();
    }
    if (!isNormalAbsolute(path)) {
        return fail(tr("%1: \"%2\" must be an absolute path without \"..\", \".\" or \"//\"").arg(what, path.left(200)),
                    QStringLiteral("policy"));
    }
    // Lexically inside a tree, and (on this host) still inside once symbolic links of the existing part resolve.
    const QString resolved = onThisHost ? canonicalOfExistingPart(path) : path;
    for (const QString& tree : trees) {
        const QString resolvedTree = onThisHost ? canonicalOfExistingPart(tree) : tree;
        if (isInside(path, tree) && isInside(resolved, resolvedTree)) {
            return {};
        }
    }
    return fail(
        tr("%1: the bot's policy (%2) does not allow %3 (rule %4 allows %5)")
            .arg(what, m_source, path, rule, trees.isEmpty() ? tr("nothing") : trees.join(QStringLiteral(", "))),
        QStringLiteral("policy"));
}

Status BotPolicy::checkWritable(const QString& path, const QString& what, bool onThisHost) const
{
    QStringList trees = m_writeTrees;
    if (!m_stateDirectory.isEmpty()) {
        trees << QDir::cleanPath(m_stateDirectory);
    }
    return checkInside(trees, QStringLiteral("write"), path, what, onThisHost);
}

Status BotPolicy::checkConfig(const QString& path, const QString& what, bool onThisHost) const
{
    return checkInside(m_configTrees, QStringLiteral("config"), path, what, onThisHost);
}

Status BotPolicy::checkReload() const
{
    if (!isUsable()) {
        return refusal();
    }
    if (!m_reload) {
        return fail(tr("the bot's policy (%1) does not allow reloading servers (rule reload = no); nothing was "
                       "changed. Deploy by hand, or ask the bot host's administrator to allow reloads.")
                        .arg(m_source),
                    QStringLiteral("policy"));
    }
    return {};
}

Status BotPolicy::checkAgentless() const
{
    if (!isUsable()) {
        return refusal();
    }
    if (!m_agentless) {
        return fail(
            tr("the bot's policy (%1) does not allow acting on other hosts (rule agentless = no)").arg(m_source),
            QStringLiteral("policy"));
    }
    return {};
}

QJsonObject BotPolicy::toJson() const
{
    QJsonObject programs;
    for (auto it = m_programs.cbegin(); it != m_programs.cend(); ++it) {
        programs.insert(it.key(), QJsonArray::fromStringList(it.value()));
    }
    return {{QStringLiteral("source"), m_source},
            {QStringLiteral("usable"), isUsable()},
            {QStringLiteral("problem"), m_problem},
            {QStringLiteral("programs"), programs},
            {QStringLiteral("write"), QJsonArray::fromStringList(m_writeTrees)},
            {QStringLiteral("config"), QJsonArray::fromStringList(m_configTrees)},
            {QStringLiteral("stateDirectory"), m_stateDirectory},
            {QStringLiteral("reload"), m_reload},
            {QStringLiteral("agentless"), m_agentless}};
}

} // namespace certdeck::deploy
