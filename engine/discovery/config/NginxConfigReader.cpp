#include "engine/discovery/config/NginxConfigReader.h"

#include "engine/discovery/config/ConfigText.h"

namespace certdeck::discovery {

using namespace configtext;

namespace {

enum class TokenKind { Word, Semicolon, BlockOpen, BlockClose, End };

struct Token
{
    TokenKind kind = TokenKind::End;
    QByteArray text;
    int line = 0;
};

// nginx's lexer (ngx_conf_read_token): words, quoted strings with backslash escapes, `#` comments, ; { }.
class Lexer
{
public:
    explicit Lexer(const QByteArray& data)
        : m_data(data)
    {
    }

    Token next()
    {
        skipSpaceAndComments();
        Token token;
        token.line = m_line;
        if (m_pos >= m_data.size()) {
            return token;
        }
        const char c = m_data.at(m_pos);
        if (c == ';' || c == '{' || c == '}') {
            ++m_pos;
            token.kind = c == ';' ? TokenKind::Semicolon : (c == '{' ? TokenKind::BlockOpen : TokenKind::BlockClose);
            return token;
        }
        token.kind = TokenKind::Word;
        if (c == '"' || c == '\'') {
            token.text = readQuoted(c);
        } else {
            token.text = readBare();
        }
        return token;
    }

private:
    void skipSpaceAndComments()
    {
        while (m_pos < m_data.size()) {
            const char c = m_data.at(m_pos);
            if (c == '\n') {
                ++m_line;
                ++m_pos;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++m_pos;
            } else if (c == '#') {
                while (m_pos < m_data.size() && m_data.at(m_pos) != '\n') {
                    ++m_pos;
                }
            } else {
                return;
            }
        }
    }

    char unescape(char c) const
    {
        switch (c) {
        case 't':
            return '\t';
        case 'r':
            return '\r';
        case 'n':
            return '\n';
        default:
            return c;
        }
    }

    QByteArray readQuoted(char quote)
    {
        QByteArray text;
        ++m_pos;
        while (m_pos < m_data.size()) {
            const char c = m_data.at(m_pos++);
            if (c == '\n') {
                ++m_line;
            }
            if (c == '\\' && m_pos < m_data.size()) {
                const char escaped = m_data.at(m_pos++);
                if (escaped == '\n') {
                    ++m_line;
                }
                if (escaped == quote || escaped == '\\' || escaped == 't' || escaped == 'r' || escaped == 'n') {
                    text.append(unescape(escaped));
                } else {
                    text.append('\\').append(escaped);
                }
                continue;
            }
            if (c == quote) {
                return text;
            }
            text.append(c);
        }
        return text; // unterminated: the reader reports the unexpected end of file
    }

    QByteArray readBare()
    {
        QByteArray text;
        while (m_pos < m_data.size()) {
            const char c = m_data.at(m_pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '{' || c == '}') {
                break;
            }
            ++m_pos;
            if (c == '\\' && m_pos < m_data.size()) {
                const char escaped = m_data.at(m_pos++);
                if (escaped == '\n') {
                    ++m_line;
                }
                text.append(escaped == 't' || escaped == 'r' || escaped == 'n' ? unescape(escaped) : escaped);
                continue;
            }
            if (c == '$' && m_pos < m_data.size() && m_data.at(m_pos) == '{') { // ${variable}: braces are literal
                const qsizetype close = m_data.indexOf('}', m_pos);
                if (close > 0 && m_data.indexOf('\n', m_pos) > close) {
                    text.append(m_data.mid(m_pos - 1, close - m_pos + 2));
                    m_pos = close + 1;
                    continue;
                }
            }
            text.append(c);
        }
        return text;
    }

    const QByteArray& m_data;
    qsizetype m_pos = 0;
    int m_line = 1;
};

} // namespace

NginxConfigReader::NginxConfigReader(const ConfigSource& source, const QString& confDirectory, ConfigFindings& findings)
    : m_source(source)
    , m_confDirectory(confDirectory)
    , m_findings(findings)
{
}

std::vector<NginxDirective> NginxConfigReader::readMainFile(const QString& mainFile)
{
    const std::optional<QByteArray> probe = m_source.read(mainFile);
    if (!probe) {
        m_findings.warnings.append(
            QStringLiteral("%1: cannot read the nginx configuration (missing, not a regular file, or over 16 MiB)")
                .arg(mainFile));
        return {};
    }
    return readFile(mainFile, m_source.canonicalPath(mainFile), *probe, 0);
}

void NginxConfigReader::warn(const QString& file, int line, const QString& message)
{
    addWarning(m_findings, file, line, message);
}

std::vector<NginxDirective> NginxConfigReader::readFile(const QString& file, const QString& identity,
                                                        const QByteArray& data, int nestingBase)
{
    ++m_filesOpened;
    m_bytesRead += data.size();
    addFileRead(m_findings, file);
    m_includeChain.append(identity);

    Lexer lexer(data);
    // An explicit stack instead of recursion: absurd nesting cannot exhaust the call stack.
    std::vector<NginxDirective> stack(1);
    NginxDirective pending;
    bool havePending = false;
    for (;;) {
        const Token token = lexer.next();
        if (token.kind == TokenKind::End) {
            if (havePending) {
                warn(file, pending.line, QStringLiteral("unexpected end of file, expecting \";\" or \"}\""));
            }
            if (stack.size() > 1) {
                warn(file, token.line, QStringLiteral("unexpected end of file, expecting \"}\""));
            }
            break;
        }
        if (token.kind == TokenKind::Word) {
            if (!havePending) {
                pending = NginxDirective{};
                pending.name = decode(token.text);
                pending.file = file;
                pending.line = token.line;
                havePending = true;
            } else {
                pending.args.append(decode(token.text));
            }
            continue;
        }
        if (token.kind == TokenKind::Semicolon) {
            if (!havePending) {
                continue; // a stray ";" is harmless
            }
            havePending = false;
            if (pending.name == QLatin1String("include")) {
                expandInclude(pending, stack.back().children, nestingBase + int(stack.size()) - 1);
            } else {
                stack.back().children.push_back(std::move(pending));
            }
            continue;
        }
        if (token.kind == TokenKind::BlockOpen) {
            if (!havePending) {
                warn(file, token.line, QStringLiteral("unexpected \"{\"; ignored"));
                pending = NginxDirective{};
                pending.file = file;
                pending.line = token.line;
            }
            havePending = false;
            if (nestingBase + int(stack.size()) > maxNestingDepth) {
                warn(file, token.line,
                     QStringLiteral("blocks nested deeper than %1 levels; the rest of this file is ignored")
                         .arg(maxNestingDepth));
                break;
            }
            pending.isBlock = true;
            stack.push_back(std::move(pending));
            continue;
        }
        // BlockClose
        if (havePending) {
            warn(file, pending.line, QStringLiteral("directive \"%1\" is not terminated by \";\"").arg(pending.name));
            havePending = false;
        }
        if (stack.size() == 1) {
            warn(file, token.line, QStringLiteral("unexpected \"}\"; ignored"));
            continue;
        }
        NginxDirective closed = std::move(stack.back());
        stack.pop_back();
        stack.back().children.push_back(std::move(closed));
    }
    while (stack.size() > 1) { // close what the file left open
        NginxDirective closed = std::move(stack.back());
        stack.pop_back();
        stack.back().children.push_back(std::move(closed));
    }
    m_includeChain.removeLast();
    return std::move(stack.front().children);
}

void NginxConfigReader::expandInclude(const NginxDirective& include, std::vector<NginxDirective>& into, int nesting)
{
    if (include.args.size() != 1) {
        warn(include.file, include.line, QStringLiteral("\"include\" needs exactly one file name; ignored"));
        return;
    }
    const QString pattern = resolvePath(m_confDirectory, include.args.first());
    if (m_includeChain.size() >= maxIncludeDepth) {
        warn(include.file, include.line,
             QStringLiteral("includes nested deeper than %1 levels; \"%2\" is not read")
                 .arg(maxIncludeDepth)
                 .arg(pattern));
        return;
    }
    QStringList files;
    if (hasGlobMagic(pattern)) {
        files = m_source.glob(pattern); // nginx: a glob matching nothing is not an error
    } else {
        files.append(pattern);
    }
    if (files.size() > maxEntriesPerInclude) {
        warn(include.file, include.line,
             QStringLiteral("\"%1\" matches %2 files, more than %3 (the limit for one include); the first %3 are read")
                 .arg(pattern)
                 .arg(files.size())
                 .arg(maxEntriesPerInclude));
        files = files.mid(0, maxEntriesPerInclude);
    }
    for (const QString& file : files) {
        const QString identity = m_source.canonicalPath(file);
        if (m_includeChain.contains(identity)) {
            warn(include.file, include.line, QStringLiteral("include loop: \"%1\" is already being read").arg(file));
            continue;
        }
        if (m_filesOpened >= maxFilesPerParse) {
            warnLimitOnce(QStringLiteral("files"), include,
                          QStringLiteral("more than %1 configuration files (the limit); \"%2\" and the rest are not "
                                         "read")
                              .arg(maxFilesPerParse)
                              .arg(file));
            return;
        }
        const std::optional<QByteArray> data = m_source.read(file);
        if (!data) {
            warn(include.file, include.line,
                 QStringLiteral("included file \"%1\" cannot be read (missing, not a regular file, or over 16 MiB)")
                     .arg(file));
            continue;
        }
        if (m_bytesRead + data->size() > maxBytesPerParse) {
            warnLimitOnce(QStringLiteral("bytes"), include,
                          QStringLiteral("more than %1 MiB of configuration (the limit); \"%2\" and the rest are not "
                                         "read")
                              .arg(maxBytesPerParse / (1024 * 1024))
                              .arg(file));
            return;
        }
        std::vector<NginxDirective> directives = readFile(file, identity, *data, nesting);
        for (NginxDirective& directive : directives) {
            into.push_back(std::move(directive));
        }
    }
}

void NginxConfigReader::warnLimitOnce(const QString& limit, const NginxDirective& at, const QString& message)
{
    if (!m_limitsReported.contains(limit)) {
        m_limitsReported.append(limit);
        warn(at.file, at.line, message);
    }
}

} // namespace certdeck::discovery
