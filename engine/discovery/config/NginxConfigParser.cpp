#include "engine/discovery/config/ConfigParser.h"

#include "engine/discovery/config/ConfigText.h"
#include "engine/discovery/config/NginxConfigReader.h"

#include <QSet>

namespace certdeck::discovery {

using namespace configtext;

namespace {

struct Listen
{
    QString address;
    int port = 0;
    bool ssl = false;
};

// What an http block passes down to its server blocks.
struct Inherited
{
    QStringList certificates; // ssl_certificate, in order: the n-th pairs with the n-th ssl_certificate_key
    QStringList keys;
    QString root;
    bool sslOn = false;
};

struct ServerBlock
{
    const NginxDirective* block = nullptr;
    QList<Listen> listens;
    Inherited settings;
    QStringList names;
};

class NginxInterpreter
{
public:
    NginxInterpreter(const QString& confDirectory, const QString& prefix, ConfigFindings& findings)
        : m_confDirectory(confDirectory)
        , m_prefix(prefix)
        , m_findings(findings)
    {
    }

    void run(const std::vector<NginxDirective>& top)
    {
        for (const NginxDirective& directive : top) {
            if (directive.isBlock && directive.name == QLatin1String("http")) {
                readHttp(directive);
            }
        }
        emitEndpoints();
    }

private:
    void warn(const NginxDirective& at, const QString& message) { addWarning(m_findings, at.file, at.line, message); }

    // A path argument: variables are kept literally (they are resolved per request), with a warning.
    QString pathArgument(const NginxDirective& directive, const QString& base)
    {
        if (directive.args.isEmpty()) {
            warn(directive, QStringLiteral("\"%1\" without a value; ignored").arg(directive.name));
            return {};
        }
        const QString value = directive.args.first();
        if (value.contains(QLatin1Char('$'))) {
            warn(directive, QStringLiteral("\"%1\" uses variables (%2); kept literally").arg(directive.name, value));
            return value;
        }
        if (value.startsWith(QLatin1String("data:")) || value.startsWith(QLatin1String("engine:"))) {
            return value;
        }
        return resolvePath(base, value);
    }

    bool applyCommon(const NginxDirective& directive, Inherited& settings)
    {
        const QString& name = directive.name;
        // Several ssl_certificate in one block all load (RSA and ECDSA side by side); a block that names any
        // replaces what it inherits.
        if (name == QLatin1String("ssl_certificate") || name == QLatin1String("ssl_certificate_key")) {
            QStringList& list = name == QLatin1String("ssl_certificate") ? settings.certificates : settings.keys;
            if (!m_seenInBlock.contains(name)) {
                list.clear();
            }
            if (const QString path = pathArgument(directive, m_confDirectory); !path.isEmpty()) {
                list.append(path);
            }
        } else if (name == QLatin1String("root")) {
            settings.root = pathArgument(directive, m_prefix);
        } else if (name == QLatin1String("ssl")) {
            settings.sslOn = directive.args.value(0).compare(QLatin1String("on"), Qt::CaseInsensitive) == 0;
        } else {
            return false;
        }
        m_seenInBlock.insert(name);
        return true;
    }

    void readHttp(const NginxDirective& http)
    {
        Inherited settings;
        m_seenInBlock.clear();
        for (const NginxDirective& directive : http.children) {
            if (!directive.isBlock) {
                applyCommon(directive, settings);
            }
        }
        for (const NginxDirective& directive : http.children) {
            if (directive.isBlock && directive.name == QLatin1String("server")) {
                readServer(directive, settings);
            }
        }
    }

    void readServer(const NginxDirective& block, const Inherited& inherited)
    {
        ServerBlock server;
        server.block = &block;
        server.settings = inherited;
        m_seenInBlock.clear();
        bool haveListen = false;
        QString locationRoot;
        for (const NginxDirective& directive : block.children) {
            if (directive.isBlock) {
                if (directive.name == QLatin1String("location") && isRootLocation(directive.args)) {
                    for (const NginxDirective& inner : directive.children) {
                        if (!inner.isBlock && inner.name == QLatin1String("root")) {
                            locationRoot = pathArgument(inner, m_prefix);
                        }
                    }
                }
                continue;
            }
            if (directive.name == QLatin1String("listen")) {
                haveListen = true;
                if (std::optional<Listen> listen = parseListen(directive)) {
                    server.listens.append(*listen);
                }
            } else if (directive.name == QLatin1String("server_name")) {
                for (const QString& name : directive.args) {
                    if (!name.isEmpty() && !server.names.contains(name)) {
                        server.names.append(name);
                    }
                }
            } else {
                applyCommon(directive, server.settings);
            }
        }
        if (!haveListen) {
            server.listens.append(Listen{QStringLiteral("*"), 80, false}); // nginx's default listen
        }
        if (!locationRoot.isEmpty()) {
            server.settings.root = locationRoot; // location "/" serves /.well-known/pki-validation
        }
        if (server.settings.root.isEmpty()) {
            server.settings.root = resolvePath(m_prefix, QStringLiteral("html")); // nginx's default root
        }
        m_servers.append(server);
    }

    static bool isRootLocation(const QStringList& args)
    {
        return (args.size() == 1 && args.first() == QLatin1String("/")) ||
               (args.size() == 2 && args.first() == QLatin1String("=") && args.last() == QLatin1String("/"));
    }

    std::optional<Listen> parseListen(const NginxDirective& directive)
    {
        if (directive.args.isEmpty()) {
            warn(directive, QStringLiteral("\"listen\" without an address; ignored"));
            return std::nullopt;
        }
        const QString spec = directive.args.first();
        if (spec.startsWith(QLatin1String("unix:"))) {
            return std::nullopt;
        }
        Listen listen;
        listen.address = QStringLiteral("*");
        QString portText;
        if (spec.startsWith(QLatin1Char('['))) {
            const qsizetype close = spec.indexOf(QLatin1Char(']'));
            if (close < 0) {
                warn(directive, QStringLiteral("cannot parse listen address \"%1\"; ignored").arg(spec));
                return std::nullopt;
            }
            listen.address = spec.left(close + 1);
            portText = spec.mid(close + 1).startsWith(QLatin1Char(':')) ? spec.mid(close + 2) : QString();
        } else if (spec.contains(QLatin1Char(':'))) {
            const qsizetype colon = spec.lastIndexOf(QLatin1Char(':'));
            listen.address = spec.left(colon);
            portText = spec.mid(colon + 1);
        } else {
            bool numeric = false;
            spec.toInt(&numeric);
            if (numeric) {
                portText = spec;
            } else {
                listen.address = spec;
            }
        }
        listen.port = 80;
        if (!portText.isEmpty()) {
            bool ok = false;
            listen.port = portText.toInt(&ok);
            if (!ok || listen.port <= 0 || listen.port > 65535) {
                warn(directive, QStringLiteral("cannot parse listen port in \"%1\"; ignored").arg(spec));
                return std::nullopt;
            }
        }
        for (qsizetype i = 1; i < directive.args.size(); ++i) {
            if (directive.args.at(i) == QLatin1String("ssl")) {
                listen.ssl = true;
            } else if (directive.args.at(i) == QLatin1String("quic")) {
                return std::nullopt; // HTTP/3 over UDP: not a TLS-over-TCP endpoint
            }
        }
        return listen;
    }

    void emitEndpoints()
    {
        // "ssl" is a property of the listening socket: a listen without it on an address:port that another
        // server declares with "ssl" is TLS too.
        QSet<QString> sslSockets;
        for (const ServerBlock& server : m_servers) {
            for (const Listen& listen : server.listens) {
                if (listen.ssl || server.settings.sslOn) {
                    sslSockets.insert(listen.address + QLatin1Char(' ') + QString::number(listen.port));
                }
            }
        }
        for (const ServerBlock& server : m_servers) {
            for (const Listen& listen : server.listens) {
                if (!sslSockets.contains(listen.address + QLatin1Char(' ') + QString::number(listen.port))) {
                    continue;
                }
                ConfiguredEndpoint endpoint;
                endpoint.address = listen.address;
                endpoint.port = listen.port;
                endpoint.names = server.names;
                const Inherited& tls = server.settings;
                for (qsizetype i = 0; i < tls.certificates.size(); ++i) {
                    ConfiguredCertificate certificate;
                    certificate.certificatePath = tls.certificates.at(i);
                    certificate.keyPath = tls.keys.value(i);
                    if (i == 0) {
                        endpoint.certificatePath = certificate.certificatePath;
                        endpoint.keyPath = certificate.keyPath;
                    } else {
                        endpoint.additionalCertificates.append(certificate);
                    }
                }
                endpoint.webRoot = server.settings.root;
                endpoint.source = location(server.block->file, server.block->line);
                m_findings.endpoints.append(endpoint);
            }
        }
    }

    QString m_confDirectory;
    QString m_prefix;
    ConfigFindings& m_findings;
    QList<ServerBlock> m_servers;
    QSet<QString> m_seenInBlock;
};

} // namespace

ConfigFindings parseNginxConfig(const ConfigSource& source, const QString& mainFile, const QString& prefix)
{
    ConfigFindings findings;
    // nginx resolves include and ssl_certificate paths against the directory of its main file (the conf prefix)
    // and root against the prefix.
    const QString confDirectory = directoryOf(mainFile);
    const QString serverPrefix = prefix.isEmpty() ? directoryOf(confDirectory) : prefix;
    NginxConfigReader reader(source, confDirectory, findings);
    const std::vector<NginxDirective> top = reader.readMainFile(mainFile);
    NginxInterpreter interpreter(confDirectory, serverPrefix, findings);
    interpreter.run(top);
    return findings;
}

} // namespace certdeck::discovery
