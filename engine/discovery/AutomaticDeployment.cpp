#include "engine/discovery/AutomaticDeployment.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>

#include <algorithm>

namespace certdeck::discovery {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("AutomaticDeployment", text);
}

QString normalizedName(const QString& name)
{
    QString lower = name.trimmed().toLower();
    if (lower.endsWith(QLatin1Char('.'))) {
        lower.chop(1);
    }
    return lower;
}

// A literal address ("192.0.2.10", "[::1]", "::ffff:192.0.2.10"), or a null address for a name.
QHostAddress addressOf(const QString& text)
{
    QString literal = text.trimmed();
    if (literal.startsWith(QLatin1Char('[')) && literal.endsWith(QLatin1Char(']'))) {
        literal = literal.mid(1, literal.size() - 2);
    }
    if (const int percent = literal.indexOf(QLatin1Char('%')); percent > 0) {
        literal.truncate(percent); // scope id of a link-local address
    }
    QHostAddress address;
    if (!address.setAddress(literal)) {
        return {};
    }
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // ::ffff:a.b.c.d compares as a.b.c.d
    return isV4 ? QHostAddress(v4) : address;
}

bool isAnyAddress(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("*")) {
        return true;
    }
    const QHostAddress address = addressOf(trimmed);
    return address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6);
}

struct HostMatch
{
    int score = 0; // 0: the bot's host is not the certificate's host
    QString why;
};

// Whether the certificate's host is this bot's host: by name (entry host, scan host name) or by address.
HostMatch matchHost(const CertificateTarget& certificate, const Bot& bot, const SystemScan& scan)
{
    const QString host = normalizedName(certificate.host);
    QList<QHostAddress> wanted;
    if (const QHostAddress literal = addressOf(host); !literal.isNull()) {
        wanted << literal;
    }
    for (const QString& resolved : certificate.hostAddresses) {
        if (const QHostAddress address = addressOf(resolved); !address.isNull() && !wanted.contains(address)) {
            wanted << address;
        }
    }
    const bool local = bot.transport == BotTransportKind::Local;

    if (!host.isEmpty() && addressOf(host).isNull()) {
        for (const QString& name : {bot.host, scan.hostname}) {
            if (!name.isEmpty() && normalizedName(name) == host) {
                return {40, tr("host name %1").arg(name)};
            }
        }
    }
    QStringList candidates = scan.addresses;
    candidates << bot.host;
    for (const QString& candidate : std::as_const(candidates)) {
        const QHostAddress address = addressOf(candidate);
        if (address.isNull() || !wanted.contains(address)) {
            continue;
        }
        if (address.isLoopback() && !local) {
            continue; // every host has 127.0.0.1: a loopback address only identifies the local bot
        }
        return {address.isLoopback() ? 25 : 30, tr("address %1").arg(address.toString())};
    }
    if (local) {
        const bool loopbackName = host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost"));
        const bool loopbackAddress =
            std::any_of(wanted.cbegin(), wanted.cend(), [](const QHostAddress& a) { return a.isLoopback(); });
        if (loopbackName || loopbackAddress) {
            return {25, tr("loopback %1").arg(certificate.host.trimmed())};
        }
    }
    return {};
}

// The deployer's field values for an endpoint of a detected server (ids as the deployers declare them).
QVariantMap fieldsFor(const DetectedServer& server, const ConfiguredEndpoint& endpoint)
{
    QVariantMap fields;
    const auto put = [&fields](const QString& id, const QString& value) {
        if (!value.isEmpty()) {
            fields.insert(id, value);
        }
    };
    const QFileInfo root(server.configRoot);
    const bool rootIsFile = server.configRoot.endsWith(QLatin1String(".conf")) ||
                            server.configRoot.endsWith(QLatin1String(".xml")) ||
                            server.configRoot.endsWith(QLatin1String(".ini"));
    put(QStringLiteral("certificateFile"), endpoint.certificatePath);
    put(QStringLiteral("keyFile"), endpoint.keyPath);
    put(QStringLiteral("chainFile"), endpoint.chainPath);
    put(QStringLiteral("keyStoreFile"), endpoint.keystorePath);
    put(QStringLiteral("keyStoreType"), endpoint.keystoreType);
    put(QStringLiteral("keyAlias"), endpoint.keyAlias);
    if (server.serverType == QLatin1String("nginx")) {
        put(QStringLiteral("configFile"),
            rootIsFile ? server.configRoot
                       : (server.configRoot.isEmpty() ? QString() : server.configRoot + QStringLiteral("/nginx.conf")));
        put(QStringLiteral("nginxBinary"), server.binary);
    } else if (server.serverType == QLatin1String("apache-http")) {
        put(QStringLiteral("serverRoot"), rootIsFile ? root.path() : server.configRoot);
        put(QStringLiteral("configFile"), rootIsFile ? server.configRoot : QString());
        put(QStringLiteral("apacheBinary"), server.binary);
    } else if (server.serverType == QLatin1String("tomcat")) {
        put(QStringLiteral("serverXml"), rootIsFile ? server.configRoot : QString());
        put(QStringLiteral("tlsHostName"), endpoint.names.value(0));
    } else if (server.serverType == QLatin1String("jetty")) {
        put(QStringLiteral("jettyBase"), server.configRoot);
    } else {
        put(QStringLiteral("configFile"), server.configRoot);
    }
    put(QStringLiteral("dcvPath"), endpoint.dcvPath());
    return fields;
}

struct NameMatch
{
    int score = 0;
    QString certificateName;
    QString endpointName;
};

NameMatch matchNames(const QStringList& certificateNames, const QStringList& endpointNames)
{
    NameMatch best;
    for (const QString& wanted : certificateNames) {
        for (const QString& offered : endpointNames) {
            const QString name = normalizedName(offered);
            int score = 0;
            if (name == wanted) {
                score = 100;
            } else if (hostNameMatches(name, wanted) || hostNameMatches(wanted, name)) {
                score = 60;
            }
            if (score > best.score) {
                best = {score, wanted, offered};
            }
        }
    }
    return best;
}

bool endpointServesTls(const ConfiguredEndpoint& endpoint)
{
    return !endpoint.certificatePath.isEmpty() || !endpoint.keystorePath.isEmpty();
}

} // namespace

QStringList CertificateTarget::names() const
{
    QStringList all;
    for (const QString& name : QStringList{commonName} + sans) {
        const QString normalized = normalizedName(name);
        if (!normalized.isEmpty() && !all.contains(normalized)) {
            all << normalized;
        }
    }
    return all;
}

bool hostNameMatches(const QString& pattern, const QString& name)
{
    const QString p = normalizedName(pattern);
    const QString n = normalizedName(name);
    if (p.isEmpty() || n.isEmpty()) {
        return false;
    }
    if (p == n) {
        return true;
    }
    if (!p.startsWith(QLatin1String("*.")) || n.startsWith(QLatin1String("*."))) {
        return false;
    }
    const QString suffix = p.mid(1); // ".example.com"
    if (!n.endsWith(suffix)) {
        return false;
    }
    const QString label = n.left(n.size() - suffix.size());
    return !label.isEmpty() && !label.contains(QLatin1Char('.'));
}

QString DeploymentSuggestion::label() const
{
    const QString where = role == BotRole::AgentlessTarget
                              ? QCoreApplication::translate("AutomaticDeployment", "%1 (agentless)").arg(botName)
                          : localBot ? QCoreApplication::translate("AutomaticDeployment", "%1 (local bot)").arg(botName)
                                     : QCoreApplication::translate("AutomaticDeployment", "%1 (SSH bot)").arg(botName);
    QString path = endpoint.certificatePath.isEmpty() ? endpoint.keystorePath : endpoint.certificatePath;
    if (path.isEmpty()) {
        path = configRoot;
    }
    return QCoreApplication::translate("AutomaticDeployment", "%1 on %2: %3 :%4 %5")
        .arg(serverType, where, path)
        .arg(endpoint.port)
        .arg(endpointName.isEmpty() ? endpoint.names.join(QLatin1Char(' ')) : endpointName);
}

AutomaticDeploymentResult suggestDeployments(const CertificateTarget& certificate, const QList<Bot>& bots)
{
    AutomaticDeploymentResult result;
    const QStringList names = certificate.names();
    const QString what = names.isEmpty() ? certificate.host.trimmed() : names.join(QStringLiteral(", "));
    int scanned = 0;
    QStringList hostBots;      // bots on the certificate's host
    QStringList installedOnly; // "jetty on web01" seen but not running

    for (const Bot& bot : bots) {
        if (bot.scan.isEmpty()) {
            continue;
        }
        ++scanned;
        const SystemScan scan = SystemScan::fromJson(bot.scan);
        const HostMatch host = matchHost(certificate, bot, scan);
        if (host.score == 0) {
            continue;
        }
        hostBots << bot.name;
        for (const DetectedServer& server : scan.servers) {
            if (!server.running) {
                installedOnly << tr("%1 on %2").arg(server.serverType, bot.name);
                continue;
            }
            for (const ConfiguredEndpoint& endpoint : server.config.endpoints) {
                if (!endpointServesTls(endpoint)) {
                    continue;
                }
                NameMatch match;
                if (names.isEmpty()) {
                    match.score = 10;
                } else {
                    match = matchNames(names, endpoint.names);
                    if (match.score == 0) {
                        continue;
                    }
                }
                DeploymentSuggestion suggestion;
                suggestion.localBot = bot.transport == BotTransportKind::Local;
                suggestion.role = bot.role;
                suggestion.botId = bot.role == BotRole::AgentlessTarget ? 0 : bot.id;
                suggestion.agentlessServer = bot.role == BotRole::AgentlessTarget ? bot.host : QString();
                suggestion.botName = bot.name;
                suggestion.botHost = bot.host;
                suggestion.serverType = server.serverType;
                suggestion.serverVersion = server.version;
                suggestion.configRoot = server.configRoot;
                suggestion.matchedName = match.certificateName;
                suggestion.endpointName = match.endpointName;
                suggestion.hostMatch = host.why;
                suggestion.endpoint = endpoint;
                suggestion.fields = fieldsFor(server, endpoint);
                suggestion.dcvPath = endpoint.dcvPath();
                int score = match.score + host.score;
                if (certificate.port > 0 && endpoint.port == certificate.port) {
                    score += 20;
                }
                const QHostAddress listen = addressOf(endpoint.address);
                if (!listen.isNull() && !isAnyAddress(endpoint.address) &&
                    (listen == addressOf(certificate.host) ||
                     std::any_of(certificate.hostAddresses.cbegin(), certificate.hostAddresses.cend(),
                                 [&listen](const QString& a) { return addressOf(a) == listen; }))) {
                    score += 10;
                } else if (isAnyAddress(endpoint.address)) {
                    score += 5;
                }
                if (suggestion.role == BotRole::Bot) {
                    score += 2; // agent-based before agentless when both see the host
                }
                suggestion.score = score;
                result.suggestions << suggestion;
            }
        }
    }

    std::stable_sort(result.suggestions.begin(), result.suggestions.end(),
                     [](const DeploymentSuggestion& a, const DeploymentSuggestion& b) {
                         if (a.score != b.score) {
                             return a.score > b.score;
                         }
                         if (a.botName != b.botName) {
                             return a.botName < b.botName;
                         }
                         if (a.serverType != b.serverType) {
                             return a.serverType < b.serverType;
                         }
                         return a.endpoint.port < b.endpoint.port;
                     });

    if (!result.suggestions.isEmpty()) {
        return result;
    }
    if (scanned == 0) {
        result.whyNone = tr("No bot has a stored system scan yet: install or re-scan a bot in the Bots view "
                            "(View > Bots), or use Manual.");
    } else if (hostBots.isEmpty()) {
        result.whyNone =
            tr("No scanned bot runs on %1: no bot's host name or address is %1. Add and scan the bot "
               "of that host, or use Manual.")
                .arg(certificate.host.trimmed().isEmpty() ? tr("the endpoint host") : certificate.host.trimmed());
    } else {
        result.whyNone = tr("No bot's scan found a running server for %1 (scanned: %2); use Manual.")
                             .arg(what, hostBots.join(QStringLiteral(", ")));
        if (!installedOnly.isEmpty()) {
            result.whyNone +=
                QLatin1Char(' ') +
                tr("Installed but not running, so not a target: %1.").arg(installedOnly.join(QStringLiteral(", ")));
        }
    }
    return result;
}

} // namespace certdeck::discovery
