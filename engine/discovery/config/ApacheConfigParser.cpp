#include "engine/discovery/config/ConfigParser.h"

#include "engine/discovery/config/ConfigText.h"

#include <QHash>
#include <QSet>

namespace certdeck::discovery {

using namespace configtext;

namespace {

struct ServerSettings
{
    QStringList names;
    QStringList aliases;
    QString documentRoot;
    QStringList certificates; // SSLCertificateFile, in order: the n-th pairs with the n-th key (RSA + ECDSA)
    QStringList keys;
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
        readFile(path, m_source.canonicalPath(path), *data);
        if (m_vhost) {
            finishVirtualHost();
        }
        emitMainServer();
    }

private:
    void warn(const QString& file, int line, const QString& message) { addWarning(m_findings, file, line, message); }

    // Apache substitutes ${NAME} as it reads each line, Define values included, so `Define A ${A}${A}` doubles A
    // with every line. A line that would grow past maxExpandedLineLength is ignored (nullopt), and a parse
    // substitutes at most maxExpansionsPerParse variables and maxExpandedCharactersPerParse characters.
    std::optional<QString> expandDefines(const QString& file, int line, const QString& text)
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
            if (found == m_defines.constEnd()) {
                out.append(text.mid(start, end - start + 1)); // unknown: literal
                i = end + 1;
                continue;
            }
            if (m_expansions >= maxExpansionsPerParse ||
                m_expandedCharacters + found->size() > maxExpandedCharactersPerParse) {
                warn(file, line,
                     QStringLiteral("more than %1 ${VAR} substitutions or %2 substituted characters in this "
                                    "configuration (the limits); the line is ignored")
                         .arg(maxExpansionsPerParse)
                         .arg(maxExpandedCharactersPerParse));
                return std::nullopt;
            }
            if (out.size() + found->size() + (text.size() - end - 1) > maxExpandedLineLength) {
                warn(file, line,
                     QStringLiteral("substituting ${%1} makes the line longer than %2 characters (the limit); the "
                                    "line is ignored")
                         .arg(name.left(64))
                         .arg(maxExpandedLineLength));
                return std::nullopt;
            }
            ++m_expansions;
            m_expandedCharacters += found->size();
            out.append(*found);
            i = end + 1;
        }
        return out;
    }

    // `identity`: the file's canonical path (the include loop check compares those).
    void readFile(const QString& file, const QString& identity, const QByteArray& data)
    {
        addFileRead(m_findings, file);
        ++m_filesOpened;
        m_bytesRead += data.size();
        m_includeChain.append(identity);
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
                    // A line that cannot be expanded still opens the section (with no address, so it serves
                    // nothing): its directives must not fall through to the main server.
                    const std::optional<QString> addresses =
                        nameEnd < 0 ? QString() : expandDefines(file, line, inner.mid(nameEnd));
                    openVirtualHost(file, line, addresses ? splitArguments(*addresses) : QStringList());
                }
                continue; // <IfModule>, <IfDefine>, <Directory>...: their contents are treated as active
            }
            if (macroDepth > 0) {
                continue;
            }
            const qsizetype space = firstSpace(logical);
            const QString directive = (space < 0 ? logical : logical.left(space)).toLower();
            const std::optional<QString> expanded =
                expandDefines(file, line, space < 0 ? QString() : logical.mid(space + 1));
            if (!expanded) {
                continue;
            }
            handleDirective(file, line, directive, splitArguments(*expanded));
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
            // Several (RSA and ECDSA side by side): mod_ssl loads each one.
            if (const QString path = pathArgument(file, line, directive, first); !path.isEmpty()) {
                target.certificates.append(path);
            }
        } else if (directive == QLatin1String("sslcertificatekeyfile")) {
            if (const QString path = pathArgument(file, line, directive, first); !path.isEmpty()) {
                target.keys.append(path);
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

    // One Include directive as it walks its files and directories.
    struct IncludeWalk
    {
        QString file; // where the directive is
        int line = 0;
        QString pattern; // what it names
        bool optional = false;
        int entries = 0;            // files and directories reached so far
        QStringList directoryChain; // canonical directories being listed (a symlink back to one is a loop)
    };

    void include(const QString& file, int line, const QString& path, bool optional)
    {
        if (m_includeChain.size() >= maxIncludeDepth) {
            warn(file, line,
                 QStringLiteral("includes nested deeper than %1 levels; \"%2\" is not read")
                     .arg(maxIncludeDepth)
                     .arg(path));
            return;
        }
        IncludeWalk walk{file, line, path, optional};
        if (hasGlobMagic(path)) {
            const QStringList matches = m_source.glob(path);
            if (matches.isEmpty() && !optional) {
                warn(file, line, QStringLiteral("no file matches the include pattern \"%1\"").arg(path));
            }
            for (const QString& match : matches) {
                if (!includeOne(walk, match)) {
                    return;
                }
            }
            return;
        }
        includeOne(walk, path);
    }

    // Each parse-wide limit is reported once, at the directive that reached it.
    void warnLimit(const QString& key, const QString& file, int line, const QString& message)
    {
        if (!m_limitsReported.contains(key)) {
            m_limitsReported.insert(key);
            warn(file, line, message);
        }
    }

    // One file, or a directory: every file in it and in its subdirectories, sorted (as Apache does). False: a
    // limit stopped the directive (the warning is given).
    bool includeOne(IncludeWalk& walk, const QString& path)
    {
        if (++walk.entries > maxEntriesPerInclude) {
            warn(walk.file, walk.line,
                 QStringLiteral("\"%1\" reaches more than %2 files and directories (the limit for one Include); "
                                "the rest is not read")
                     .arg(walk.pattern)
                     .arg(maxEntriesPerInclude));
            return false;
        }
        const QString identity = m_source.canonicalPath(path);
        if (m_includeChain.contains(identity)) {
            warn(walk.file, walk.line, QStringLiteral("include loop: \"%1\" is already being read").arg(path));
            return true;
        }
        if (m_filesOpened >= maxFilesPerParse) {
            warnLimit(QStringLiteral("files"), walk.file, walk.line,
                      QStringLiteral("more than %1 configuration files (the limit); \"%2\" and the rest are not read")
                          .arg(maxFilesPerParse)
                          .arg(path));
            return false;
        }
        if (const std::optional<QByteArray> data = m_source.read(path)) {
            if (m_bytesRead + data->size() > maxBytesPerParse) {
                warnLimit(QStringLiteral("bytes"), walk.file, walk.line,
                          QStringLiteral("more than %1 MiB of configuration (the limit); \"%2\" and the rest are "
                                         "not read")
                              .arg(maxBytesPerParse / (1024 * 1024))
                              .arg(path));
                return false;
            }
            readFile(path, identity, *data);
            return true;
        }
        const bool isDirectory = !m_source.glob(path + QLatin1Char('/')).isEmpty();
        if (!isDirectory) {
            if (!walk.optional) {
                warn(walk.file, walk.line,
                     QStringLiteral("included file \"%1\" cannot be read (missing, not a regular file, or over 16 MiB)")
                         .arg(path));
            }
            return true;
        }
        if (walk.directoryChain.contains(identity)) {
            warn(walk.file, walk.line,
                 QStringLiteral("\"%1\" leads back to the directory %2 being read (a symbolic link loop); not read "
                                "again")
                     .arg(path, identity));
            return true;
        }
        if (walk.directoryChain.size() >= maxIncludeDepth) {
            warn(walk.file, walk.line,
                 QStringLiteral("directories nested deeper than %1 levels under \"%2\"; \"%3\" is not read")
                     .arg(maxIncludeDepth)
                     .arg(walk.pattern, path));
            return true;
        }
        if (++m_directoriesListed > maxDirectoriesPerParse) {
            warnLimit(QStringLiteral("directories"), walk.file, walk.line,
                      QStringLiteral("more than %1 included directories (the limit); \"%2\" and the rest are not "
                                     "read")
                          .arg(maxDirectoriesPerParse)
                          .arg(path));
            return false;
        }
        walk.directoryChain.append(identity);
        bool going = true;
        for (const QString& entry : m_source.glob(path + QStringLiteral("/*"))) {
            if (!(going = includeOne(walk, entry))) {
                break;
            }
        }
        walk.directoryChain.removeLast();
        return going;
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
            // mod_ssl: a virtual host without SSLCertificateFile takes the main server's certificates.
            const bool own = !s.certificates.isEmpty();
            setCertificates(endpoint, own ? s.certificates : m_main.certificates, own ? s.keys : m_main.keys);
            endpoint.chainPath = s.chain.isEmpty() ? m_main.chain : s.chain;
            endpoint.webRoot = s.documentRoot.isEmpty() ? m_main.documentRoot : s.documentRoot;
            endpoint.source = vhost.source;
            m_findings.endpoints.append(endpoint);
        }
    }

    // The n-th SSLCertificateFile pairs with the n-th SSLCertificateKeyFile; without one the key lives in the
    // certificate file.
    static void setCertificates(ConfiguredEndpoint& endpoint, const QStringList& certificates, const QStringList& keys)
    {
        for (qsizetype i = 0; i < certificates.size(); ++i) {
            ConfiguredCertificate certificate;
            certificate.certificatePath = certificates.at(i);
            certificate.keyPath = i < keys.size() ? keys.at(i) : certificates.at(i);
            if (i == 0) {
                endpoint.certificatePath = certificate.certificatePath;
                endpoint.keyPath = certificate.keyPath;
            } else {
                endpoint.additionalCertificates.append(certificate);
            }
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
            setCertificates(endpoint, m_main.certificates, m_main.keys);
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
    QList<int> m_vhostPorts;    // ports that virtual hosts serve: the main server does not answer there
    QStringList m_includeChain; // canonical paths of the files being read
    int m_filesOpened = 0;
    qint64 m_bytesRead = 0;
    int m_directoriesListed = 0;
    int m_expansions = 0;
    qint64 m_expandedCharacters = 0;
    QSet<QString> m_limitsReported;
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
