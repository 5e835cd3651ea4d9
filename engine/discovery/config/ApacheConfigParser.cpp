#include "engine/discovery/config/ConfigParser.h"

#include "engine/discovery/config/ConfigText.h"

#include <QHash>

namespace certdeck::discovery {

using namespace configtext;

namespace {

struct ServerSettings
{
    QStringList names;
    QStringList aliases;
    QString documentRoot;
    QString certificate;
    QString key;
    QString chain;
    std::optional<bool> sslEngine;
};

struct VirtualHost
{
    ServerSettings settings;
    QStringList addresses;
    QString source;
};

struct ListenSpec
{
    QString address;
    int port = 0;
};

// ap_getword_conf: words split at whitespace; "..." or '...' quoted, a backslash escapes the quote inside.
QStringList splitArguments(const QString& text)
{
    QStringList words;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace()) {
            ++i;
        }
        if (i >= n) {
            break;
        }
        QString word;
        const QChar c = text.at(i);
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            ++i;
            while (i < n && text.at(i) != c) {
                if (text.at(i) == QLatin1Char('\\') && i + 1 < n && (text.at(i + 1) == c || text.at(i + 1) == '\\')) {
                    ++i;
                }
                word.append(text.at(i++));
            }
            ++i; // closing quote
        } else {
            while (i < n && !text.at(i).isSpace()) {
                word.append(text.at(i++));
            }
        }
        words.append(word);
    }
    return words;
}

qsizetype firstSpace(const QString& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isSpace()) {
            return i;
        }
    }
    return -1;
}

// "*:443", "_default_:443", "[::1]:8443", "192.0.2.1:443", "host" (port: any).
ListenSpec parseAddress(const QString& spec)
{
    ListenSpec result;
    QString host = spec;
    QString port;
    if (spec.startsWith(QLatin1Char('['))) {
        const qsizetype close = spec.indexOf(QLatin1Char(']'));
        host = close > 0 ? spec.left(close + 1) : spec;
        if (close > 0 && spec.mid(close + 1).startsWith(QLatin1Char(':'))) {
            port = spec.mid(close + 2);
        }
    } else if (spec.count(QLatin1Char(':')) == 1) {
        host = spec.section(QLatin1Char(':'), 0, 0);
        port = spec.section(QLatin1Char(':'), 1);
    }
    if (host == QLatin1String("_default_")) {
        host = QStringLiteral("*");
    }
    result.address = host;
    bool ok = false;
    result.port = port.toInt(&ok);
    if (!ok) {
        result.port = 0;
    }
    return result;
}

// "https://www.example.com:443" -> "www.example.com"
QString hostOfServerName(QString name)
{
    const qsizetype scheme = name.indexOf(QLatin1String("://"));
    if (scheme >= 0) {
        name = name.mid(scheme + 3);
    }
    if (!name.startsWith(QLatin1Char('['))) {
        const qsizetype colon = name.lastIndexOf(QLatin1Char(':'));
        if (colon > 0) {
            name = name.left(colon);
        }
    }
    return name;
}

class ApacheReader
{
public:
    ApacheReader(const ConfigSource& source, const QString& serverRoot, ConfigFindings& findings)
        : m_source(source)
        , m_serverRoot(serverRoot)
        , m_findings(findings)
    {
    }

    void run(const QString& mainFile)
    {
        const QString path = resolvePath(m_serverRoot, mainFile);
        const std::optional<QByteArray> data = m_source.read(path);
        if (!data) {
            m_findings.warnings.append(
                QStringLiteral("%1: cannot read the Apache configuration (missing, not a regular file, or over 16 MiB)")
                    .arg(path));
            return;
        }
        readFile(path, *data);
        if (m_vhost) {
            finishVirtualHost();
        }
        emitMainServer();
    }

private:
    void warn(const QString& file, int line, const QString& message)
    {
        m_findings.warnings.append(QStringLiteral("%1: %2").arg(location(file, line), message));
    }

    QString expandDefines(const QString& text) const
    {
        if (!text.contains(QLatin1String("${"))) {
            return text;
        }
        QString out;
        qsizetype i = 0;
        while (i < text.size()) {
            const qsizetype start = text.indexOf(QLatin1String("${"), i);
            const qsizetype end = start < 0 ? -1 : text.indexOf(QLatin1Char('}'), start + 2);
            if (start < 0 || end < 0) {
                out.append(text.mid(i));
                break;
            }
            out.append(text.mid(i, start - i));
            const QString name = text.mid(start + 2, end - start - 2);
            const auto found = m_defines.constFind(name);
            out.append(found != m_defines.constEnd() ? *found : text.mid(start, end - start + 1)); // unknown: literal
            i = end + 1;
        }
        return out;
    }

    void readFile(const QString& file, const QByteArray& data)
    {
        addFileRead(m_findings, file);
        ++m_filesOpened;
        m_includeChain.append(file);
        const QStringList physical = decode(data).split(QLatin1Char('\n'));
        int sectionDepth = 0;
        int macroDepth = 0;
        for (qsizetype index = 0; index < physical.size(); ++index) {
            const int line = int(index) + 1;
            QString logical = physical.at(index);
            // A trailing backslash continues the directive on the next line.
            while (logical.trimmed().endsWith(QLatin1Char('\\')) && index + 1 < physical.size()) {
                logical = logical.trimmed();
                logical.chop(1);
                logical += QLatin1Char(' ') + physical.at(++index);
            }
            logical = logical.trimmed();
            if (logical.isEmpty() || logical.startsWith(QLatin1Char('#'))) {
                continue;
            }
            if (logical.startsWith(QLatin1String("</"))) {
                const QString name = logical.mid(2).section(QLatin1Char('>'), 0, 0).trimmed().toLower();
                if (name == QLatin1String("macro") && macroDepth > 0) {
                    --macroDepth;
                    continue;
                }
                if (macroDepth > 0) {
                    continue;
                }
                if (sectionDepth == 0) {
                    warn(file, line, QStringLiteral("\"%1\" closes a section that is not open; ignored").arg(logical));
                    continue;
                }
                --sectionDepth;
                if (name == QLatin1String("virtualhost") && m_vhost) {
                    finishVirtualHost();
                }
                continue;
            }
            if (logical.startsWith(QLatin1Char('<'))) {
                QString inner = logical.mid(1);
                if (inner.endsWith(QLatin1Char('>'))) {
                    inner.chop(1);
                } else {
                    warn(file, line, QStringLiteral("section \"%1\" lacks the closing \">\"").arg(logical));
                }
                const qsizetype nameEnd = firstSpace(inner);
                const QString name = (nameEnd < 0 ? inner : inner.left(nameEnd)).toLower();
                if (name == QLatin1String("macro") || macroDepth > 0) {
                    macroDepth += name == QLatin1String("macro") ? 1 : 0;
                    continue; // a macro body is a template, not configuration
                }
                if (++sectionDepth > maxNestingDepth) {
                    warn(file, line,
                         QStringLiteral("sections nested deeper than %1 levels; the rest of this file is ignored")
                             .arg(maxNestingDepth));
                    break;
                }
                if (name == QLatin1String("virtualhost")) {
                    openVirtualHost(file, line,
                                    nameEnd < 0 ? QStringList() : splitArguments(expandDefines(inner.mid(nameEnd))));
                }
                continue; // <IfModule>, <IfDefine>, <Directory>...: their contents are treated as active
            }
            if (macroDepth > 0) {
                continue;
            }
            const qsizetype space = firstSpace(logical);
            const QString directive = (space < 0 ? logical : logical.left(space)).toLower();
            const QStringList args = splitArguments(expandDefines(space < 0 ? QString() : logical.mid(space + 1)));
            handleDirective(file, line, directive, args);
        }
        if (sectionDepth > 0 && m_vhost && m_vhost->source.startsWith(file + QLatin1Char(':'))) {
            warn(file, int(physical.size()), QStringLiteral("end of file inside <VirtualHost>"));
            finishVirtualHost();
        }
        m_includeChain.removeLast();
    }

    void handleDirective(const QString& file, int line, const QString& directive, const QStringList& args)
    {
        ServerSettings& target = m_vhost ? m_vhost->settings : m_main;
        const QString first = args.value(0);
        if (directive == QLatin1String("serverroot")) {
            if (!first.isEmpty()) {
                m_serverRoot = first;
            }
        } else if (directive == QLatin1String("define")) {
            if (!first.isEmpty()) {
                m_defines.insert(first, args.value(1));
            }
        } else if (directive == QLatin1String("undefine")) {
            m_defines.remove(first);
        } else if (directive == QLatin1String("include") || directive == QLatin1String("includeoptional")) {
            if (first.isEmpty()) {
                warn(file, line, QStringLiteral("\"%1\" without a file name; ignored").arg(directive));
                return;
            }
            include(file, line, resolvePath(m_serverRoot, first), directive == QLatin1String("includeoptional"));
        } else if (directive == QLatin1String("servername")) {
            if (!first.isEmpty()) {
                target.names = QStringList{hostOfServerName(first)};
            }
        } else if (directive == QLatin1String("serveralias")) {
            for (const QString& alias : args) {
                if (!alias.isEmpty() && !target.aliases.contains(alias)) {
                    target.aliases.append(alias);
                }
            }
        } else if (directive == QLatin1String("documentroot")) {
            target.documentRoot = pathArgument(file, line, directive, first);
        } else if (directive == QLatin1String("sslengine")) {
            target.sslEngine = first.compare(QLatin1String("on"), Qt::CaseInsensitive) == 0;
        } else if (directive == QLatin1String("sslcertificatefile")) {
            if (target.certificate.isEmpty()) { // several (RSA + ECDSA): the first one
                target.certificate = pathArgument(file, line, directive, first);
            }
        } else if (directive == QLatin1String("sslcertificatekeyfile")) {
            if (target.key.isEmpty()) {
                target.key = pathArgument(file, line, directive, first);
            }
        } else if (directive == QLatin1String("sslcertificatechainfile")) {
            target.chain = pathArgument(file, line, directive, first);
        } else if (directive == QLatin1String("listen")) {
            if (!first.isEmpty()) {
                ListenSpec listen = parseAddress(first);
                if (listen.port == 0) { // "Listen 443": a port only
                    bool ok = false;
                    listen.port = first.toInt(&ok);
                    listen.address = QStringLiteral("*");
                }
                if (listen.port > 0) {
                    m_listens.append(listen);
                }
            }
        }
    }

    QString pathArgument(const QString& file, int line, const QString& directive, const QString& value)
    {
        if (value.isEmpty()) {
            warn(file, line, QStringLiteral("\"%1\" without a value; ignored").arg(directive));
            return {};
        }
        if (value.contains(QLatin1String("${"))) {
            warn(file, line,
                 QStringLiteral("\"%1\" uses an undefined variable (%2); kept literally").arg(directive, value));
            return value;
        }
        return resolvePath(m_serverRoot, value);
    }

    void include(const QString& file, int line, const QString& path, bool optional)
    {
        if (m_includeChain.size() >= maxIncludeDepth) {
            warn(file, line,
                 QStringLiteral("includes nested deeper than %1 levels; \"%2\" is not read")
                     .arg(maxIncludeDepth)
                     .arg(path));
            return;
        }
        if (hasGlobMagic(path)) {
            const QStringList matches = m_source.glob(path);
            if (matches.isEmpty() && !optional) {
                warn(file, line, QStringLiteral("no file matches the include pattern \"%1\"").arg(path));
            }
            for (const QString& match : matches) {
                includeOne(file, line, match, optional, 0);
            }
            return;
        }
        includeOne(file, line, path, optional, 0);
    }

    // One file, or a directory: every file in it and in its subdirectories, sorted (as Apache does).
    void includeOne(const QString& file, int line, const QString& path, bool optional, int directoryDepth)
    {
        if (m_includeChain.contains(path)) {
            warn(file, line, QStringLiteral("include loop: \"%1\" is already being read").arg(path));
            return;
        }
        if (m_filesOpened >= maxFilesPerParse) {
            warn(file, line,
                 QStringLiteral("more than %1 configuration files; the rest is not read").arg(maxFilesPerParse));
            return;
        }
        if (const std::optional<QByteArray> data = m_source.read(path)) {
            readFile(path, *data);
            return;
        }
        const bool isDirectory = !m_source.glob(path + QLatin1Char('/')).isEmpty();
        if (isDirectory) {
            if (directoryDepth >= maxIncludeDepth) {
                warn(file, line, QStringLiteral("directories nested too deep under \"%1\"; not read").arg(path));
                return;
            }
            for (const QString& entry : m_source.glob(path + QStringLiteral("/*"))) {
                includeOne(file, line, entry, optional, directoryDepth + 1);
            }
            return;
        }
        if (!optional) {
            warn(file, line,
                 QStringLiteral("included file \"%1\" cannot be read (missing, not a regular file, or over 16 MiB)")
                     .arg(path));
        }
    }

    void openVirtualHost(const QString& file, int line, const QStringList& addresses)
    {
        if (m_vhost) {
            warn(file, line, QStringLiteral("<VirtualHost> inside <VirtualHost>; the outer one ends here"));
            finishVirtualHost();
        }
        m_vhost = VirtualHost{};
        m_vhost->addresses = addresses;
        m_vhost->source = location(file, line);
    }

    void finishVirtualHost()
    {
        VirtualHost vhost = *m_vhost;
        m_vhost.reset();
        for (const QString& spec : vhost.addresses) {
            m_vhostPorts.append(parseAddress(spec).port);
        }
        ServerSettings& s = vhost.settings;
        const bool ssl = s.sslEngine.value_or(m_main.sslEngine.value_or(false));
        if (!ssl) {
            return;
        }
        QStringList names = s.names.isEmpty() ? m_main.names : s.names;
        for (const QString& alias : s.aliases) {
            if (!names.contains(alias)) {
                names.append(alias);
            }
        }
        for (const QString& spec : vhost.addresses) {
            const ListenSpec address = parseAddress(spec);
            ConfiguredEndpoint endpoint;
            endpoint.address = address.address;
            endpoint.port = address.port > 0 ? address.port : 443;
            endpoint.names = names;
            endpoint.certificatePath = s.certificate.isEmpty() ? m_main.certificate : s.certificate;
            endpoint.keyPath = s.key.isEmpty() ? m_main.key : s.key;
            if (endpoint.keyPath.isEmpty()) {
                endpoint.keyPath = endpoint.certificatePath; // the key lives in the certificate file
            }
            endpoint.chainPath = s.chain.isEmpty() ? m_main.chain : s.chain;
            endpoint.webRoot = s.documentRoot.isEmpty() ? m_main.documentRoot : s.documentRoot;
            endpoint.source = vhost.source;
            m_findings.endpoints.append(endpoint);
        }
    }

    // "SSLEngine on" outside any virtual host: the main server speaks TLS on its Listen ports.
    void emitMainServer()
    {
        if (!m_main.sslEngine.value_or(false)) {
            return;
        }
        QStringList names = m_main.names + m_main.aliases;
        for (const ListenSpec& listen : m_listens) {
            if (m_vhostPorts.contains(listen.port)) {
                continue;
            }
            ConfiguredEndpoint endpoint;
            endpoint.address = listen.address;
            endpoint.port = listen.port;
            endpoint.names = names;
            endpoint.certificatePath = m_main.certificate;
            endpoint.keyPath = m_main.key.isEmpty() ? m_main.certificate : m_main.key;
            endpoint.chainPath = m_main.chain;
            endpoint.webRoot = m_main.documentRoot;
            endpoint.source = QStringLiteral("main server");
            m_findings.endpoints.append(endpoint);
        }
    }

    const ConfigSource& m_source;
    QString m_serverRoot;
    ConfigFindings& m_findings;
    QHash<QString, QString> m_defines;
    ServerSettings m_main;
    std::optional<VirtualHost> m_vhost;
    QList<ListenSpec> m_listens;
    QList<int> m_vhostPorts; // ports that virtual hosts serve: the main server does not answer there
    QStringList m_includeChain;
    int m_filesOpened = 0;
};

} // namespace

ConfigFindings parseApacheConfig(const ConfigSource& source, const QString& mainFile, const QString& serverRoot)
{
    ConfigFindings findings;
    ApacheReader reader(source, serverRoot.isEmpty() ? directoryOf(mainFile) : serverRoot, findings);
    reader.run(mainFile);
    return findings;
}

} // namespace certdeck::discovery
