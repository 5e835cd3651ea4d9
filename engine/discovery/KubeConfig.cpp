#include "engine/discovery/KubeConfig.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>

#include <memory>
#include <vector>

namespace certdeck::discovery {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KubeConfig", text);
}

// The YAML subset kubectl writes (go-yaml's block style): a node is a scalar, a mapping or a sequence.
struct Node
{
    enum class Kind { Null, Scalar, Map, Seq };
    Kind kind = Kind::Null;
    QString scalar;
    QList<std::pair<QString, std::shared_ptr<Node>>> map; // in the file's order
    QList<std::shared_ptr<Node>> seq;

    const Node* get(const QString& key) const
    {
        for (const auto& [name, value] : map) {
            if (name == key) {
                return value.get();
            }
        }
        return nullptr;
    }
    QString text(const QString& key) const
    {
        const Node* value = get(key);
        return value && value->kind == Kind::Scalar ? value->scalar : QString();
    }
};

struct Line
{
    int number = 0; // 1-based, for messages
    int indent = 0;
    QString text; // without indentation and comment
};

bool isSequenceItem(const QString& text)
{
    return text == QLatin1String("-") || text.startsWith(QLatin1String("- "));
}

// The text of a line without a trailing comment (a '#' after a space, outside quotes).
QString withoutComment(const QString& text)
{
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            }
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('#') && (i == 0 || text.at(i - 1).isSpace())) {
            return text.left(i).trimmed();
        }
    }
    return text.trimmed();
}

class Reader
{
public:
    explicit Reader(const QByteArray& yaml)
    {
        int number = 0;
        for (const QByteArray& raw : yaml.split('\n')) {
            ++number;
            QString line = QString::fromUtf8(raw);
            if (line.endsWith(QLatin1Char('\r'))) {
                line.chop(1);
            }
            int indent = 0;
            while (indent < line.size() && line.at(indent) == QLatin1Char(' ')) {
                ++indent;
            }
            const QString text = withoutComment(line.mid(indent));
            if (text.isEmpty() || (indent == 0 && text == QLatin1String("---") && m_lines.empty())) {
                continue;
            }
            if (line.mid(indent).startsWith(QLatin1Char('\t'))) {
                m_problem = tr("line %1 is indented with a tab").arg(number);
            }
            m_lines.push_back(Line{number, indent, text});
        }
    }

    Result<std::shared_ptr<Node>> document()
    {
        if (!m_problem.isEmpty()) {
            return fail(m_problem);
        }
        auto root = std::make_shared<Node>();
        if (!m_lines.empty()) {
            root = node(m_lines.front().indent);
        }
        if (m_problem.isEmpty() && m_at < m_lines.size()) {
            m_problem = tr("line %1 is not part of the document's structure").arg(m_lines[m_at].number);
        }
        if (!m_problem.isEmpty()) {
            return fail(m_problem);
        }
        return root;
    }

private:
    std::shared_ptr<Node> node(int indent)
    {
        if (m_at >= m_lines.size()) {
            return std::make_shared<Node>();
        }
        return isSequenceItem(m_lines[m_at].text) ? sequence(indent) : mapping(indent);
    }

    std::shared_ptr<Node> mapping(int indent)
    {
        auto result = std::make_shared<Node>();
        result->kind = Node::Kind::Map;
        while (m_problem.isEmpty() && m_at < m_lines.size() && m_lines[m_at].indent == indent &&
               !isSequenceItem(m_lines[m_at].text)) {
            const Line line = m_lines[m_at++];
            const qsizetype colon = keyEnd(line.text);
            if (colon < 0) {
                m_problem = tr("line %1 is not \"key: value\"").arg(line.number);
                break;
            }
            const QString key = unquote(line.text.left(colon).trimmed(), line.number);
            const QString rest = line.text.mid(colon + 1).trimmed();
            if (!rest.isEmpty()) {
                result->map.append({key, scalar(rest, line.number)});
            } else if (m_at < m_lines.size() && m_lines[m_at].indent > indent) {
                result->map.append({key, node(m_lines[m_at].indent)});
            } else if (m_at < m_lines.size() && m_lines[m_at].indent == indent && isSequenceItem(m_lines[m_at].text)) {
                result->map.append({key, sequence(indent)}); // go-yaml writes a key's items at the key's indentation
            } else {
                result->map.append({key, std::make_shared<Node>()});
            }
        }
        return result;
    }

    std::shared_ptr<Node> sequence(int indent)
    {
        auto result = std::make_shared<Node>();
        result->kind = Node::Kind::Seq;
        while (m_problem.isEmpty() && m_at < m_lines.size() && m_lines[m_at].indent == indent &&
               isSequenceItem(m_lines[m_at].text)) {
            Line& line = m_lines[m_at];
            const QString content = line.text.mid(1).trimmed();
            if (content.isEmpty()) {
                ++m_at;
                result->seq.append(m_at < m_lines.size() && m_lines[m_at].indent > indent ? node(m_lines[m_at].indent)
                                                                                          : std::make_shared<Node>());
            } else if (keyEnd(content) >= 0) {
                // "- name: x" starts a mapping whose keys line up with "name".
                const int contentIndent = indent + static_cast<int>(line.text.indexOf(content));
                line.indent = contentIndent;
                line.text = content;
                result->seq.append(mapping(contentIndent));
            } else {
                ++m_at;
                result->seq.append(scalar(content, line.number));
            }
        }
        return result;
    }

    // The colon that ends a mapping key ("key:" or "key: value"), outside quotes; -1 when the text is no key.
    static qsizetype keyEnd(const QString& text)
    {
        QChar quote;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (!quote.isNull()) {
                if (c == quote) {
                    quote = QChar();
                }
            } else if (i == 0 && (c == QLatin1Char('"') || c == QLatin1Char('\''))) {
                quote = c;
            } else if (c == QLatin1Char(':') && (i + 1 == text.size() || text.at(i + 1) == QLatin1Char(' '))) {
                return i;
            }
        }
        return -1;
    }

    std::shared_ptr<Node> scalar(const QString& text, int number)
    {
        auto result = std::make_shared<Node>();
        if (text == QLatin1String("{}")) {
            result->kind = Node::Kind::Map;
        } else if (text == QLatin1String("[]")) {
            result->kind = Node::Kind::Seq;
        } else if (text == QLatin1String("null") || text == QLatin1String("~")) {
            result->kind = Node::Kind::Null;
        } else if (text.startsWith(QLatin1Char('|')) || text.startsWith(QLatin1Char('>')) ||
                   text.startsWith(QLatin1Char('&')) || text.startsWith(QLatin1Char('*')) ||
                   text.startsWith(QLatin1Char('{')) || text.startsWith(QLatin1Char('['))) {
            m_problem = tr("line %1 uses YAML that kubectl does not write (block scalar, anchor or flow collection); "
                           "write the file with `kubectl config view --raw --flatten`")
                            .arg(number);
        } else {
            result->kind = Node::Kind::Scalar;
            result->scalar = unquote(text, number);
        }
        return result;
    }

    QString unquote(const QString& text, int number)
    {
        if (text.size() >= 2 && text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\''))) {
            return text.mid(1, text.size() - 2).replace(QLatin1String("''"), QLatin1String("'"));
        }
        if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"'))) {
            QString out;
            const QString inner = text.mid(1, text.size() - 2);
            for (qsizetype i = 0; i < inner.size(); ++i) {
                if (inner.at(i) != QLatin1Char('\\') || i + 1 == inner.size()) {
                    out += inner.at(i);
                    continue;
                }
                const QChar escaped = inner.at(++i);
                if (escaped == QLatin1Char('n')) {
                    out += QLatin1Char('\n');
                } else if (escaped == QLatin1Char('t')) {
                    out += QLatin1Char('\t');
                } else if (escaped == QLatin1Char('"') || escaped == QLatin1Char('\\') || escaped == QLatin1Char('/')) {
                    out += escaped;
                } else {
                    m_problem =
                        tr("line %1 has an escape sequence this reader does not know (\\%2)").arg(number).arg(escaped);
                }
            }
            return out;
        }
        return text;
    }

    std::vector<Line> m_lines;
    size_t m_at = 0;
    QString m_problem;
};

// The entry `name` of a kubeconfig list (clusters, contexts, users): {name: ..., <field>: {...}}.
const Node* namedEntry(const Node& root, const QString& list, const QString& field, const QString& name)
{
    const Node* entries = root.get(list);
    if (!entries || entries->kind != Node::Kind::Seq) {
        return nullptr;
    }
    for (const auto& entry : entries->seq) {
        if (entry->kind == Node::Kind::Map && entry->text(QStringLiteral("name")) == name) {
            const Node* value = entry->get(field);
            return value && value->kind == Node::Kind::Map ? value : nullptr;
        }
    }
    return nullptr;
}

Result<QByteArray> decodedData(const Node& node, const QString& key, const QString& where)
{
    const QString value = node.text(key);
    if (value.isEmpty()) {
        return QByteArray();
    }
    auto decoded = QByteArray::fromBase64Encoding(value.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return fail(tr("kubeconfig: %1 %2 is not base64").arg(where, key));
    }
    return *decoded;
}

Result<std::shared_ptr<Node>> readConfig(const QByteArray& yaml)
{
    auto document = Reader(yaml).document();
    if (!document) {
        return fail(tr("kubeconfig: %1").arg(document.message()));
    }
    const Node& root = **document;
    if (root.kind != Node::Kind::Map ||
        (root.get(QStringLiteral("kind")) && root.text(QStringLiteral("kind")) != QLatin1String("Config"))) {
        return fail(tr("kubeconfig: this is not a kubeconfig file (kind: Config with clusters, contexts and users)"));
    }
    return document;
}

} // namespace

Result<QStringList> KubeConfig::contexts(const QByteArray& yaml)
{
    auto config = readConfig(yaml);
    if (!config) {
        return config.error();
    }
    QStringList names;
    if (const Node* list = (*config)->get(QStringLiteral("contexts")); list && list->kind == Node::Kind::Seq) {
        for (const auto& entry : list->seq) {
            names << entry->text(QStringLiteral("name"));
        }
    }
    return names;
}

Result<KubeConfigContext> KubeConfig::parse(const QByteArray& yaml, const QString& contextName)
{
    auto config = readConfig(yaml);
    if (!config) {
        return config.error();
    }
    const Node& root = **config;
    KubeConfigContext result;
    result.context = contextName.isEmpty() ? root.text(QStringLiteral("current-context")) : contextName;
    if (result.context.isEmpty()) {
        return fail(tr("kubeconfig: it has no current-context; choose one of its contexts"));
    }
    const Node* context = namedEntry(root, QStringLiteral("contexts"), QStringLiteral("context"), result.context);
    if (!context) {
        return fail(tr("kubeconfig: context \"%1\" is not in contexts").arg(result.context));
    }
    result.cluster = context->text(QStringLiteral("cluster"));
    result.user = context->text(QStringLiteral("user"));
    result.namespaceName = context->text(QStringLiteral("namespace"));
    if (result.namespaceName.isEmpty()) {
        result.namespaceName = QStringLiteral("default");
    }
    const Node* cluster = namedEntry(root, QStringLiteral("clusters"), QStringLiteral("cluster"), result.cluster);
    if (!cluster) {
        return fail(tr("kubeconfig: context \"%1\" names cluster \"%2\", which is not in clusters")
                        .arg(result.context, result.cluster));
    }
    const QString where = tr("cluster \"%1\"").arg(result.cluster);
    result.server = QUrl(cluster->text(QStringLiteral("server")));
    if (!result.server.isValid() || result.server.scheme() != QLatin1String("https") ||
        result.server.host().isEmpty()) {
        return fail(tr("kubeconfig: %1 has no https server (server: https://host:6443)").arg(where));
    }
    if (cluster->text(QStringLiteral("insecure-skip-tls-verify")) == QLatin1String("true")) {
        return fail(tr("kubeconfig: %1 sets insecure-skip-tls-verify; the bot always verifies the API server, add "
                       "its certificate-authority-data")
                        .arg(where));
    }
    if (!cluster->text(QStringLiteral("certificate-authority")).isEmpty()) {
        return fail(tr("kubeconfig: %1 names its CA by file (certificate-authority); embed it with `kubectl config "
                       "view --raw --flatten`")
                        .arg(where));
    }
    auto ca = decodedData(*cluster, QStringLiteral("certificate-authority-data"), where);
    if (!ca) {
        return ca.error();
    }
    if (ca->isEmpty()) {
        return fail(tr("kubeconfig: %1 has no certificate-authority-data (the cluster's CA, needed to verify the API "
                       "server)")
                        .arg(where));
    }
    result.certificateAuthorityPem = *ca;

    const Node* user = namedEntry(root, QStringLiteral("users"), QStringLiteral("user"), result.user);
    if (!user) {
        return fail(
            tr("kubeconfig: context \"%1\" names user \"%2\", which is not in users").arg(result.context, result.user));
    }
    const QString who = tr("user \"%1\"").arg(result.user);
    for (const QString& byFile :
         {QStringLiteral("client-certificate"), QStringLiteral("client-key"), QStringLiteral("tokenFile")}) {
        if (!user->text(byFile).isEmpty()) {
            return fail(tr("kubeconfig: %1 names its %2 by file; embed it with `kubectl config view --raw --flatten`")
                            .arg(who, byFile));
        }
    }
    for (const QString& plugin : {QStringLiteral("exec"), QStringLiteral("auth-provider")}) {
        if (user->get(plugin)) {
            return fail(tr("kubeconfig: %1 gets its credential from %2, which the bot does not run; use a service "
                           "account token or a client certificate")
                            .arg(who, plugin));
        }
    }
    result.token = user->text(QStringLiteral("token")).toUtf8();
    auto certificate = decodedData(*user, QStringLiteral("client-certificate-data"), who);
    auto key = decodedData(*user, QStringLiteral("client-key-data"), who);
    if (!certificate || !key) {
        return !certificate ? certificate.error() : key.error();
    }
    result.clientCertificatePem = *certificate;
    result.clientKeyPem = *key;
    if (result.clientCertificatePem.isEmpty() != result.clientKeyPem.isEmpty()) {
        return fail(
            tr("kubeconfig: %1 has a client-certificate-data without client-key-data or the other way round").arg(who));
    }
    if (result.token.isEmpty() && result.clientCertificatePem.isEmpty()) {
        return fail(tr("kubeconfig: %1 has neither a token nor client-certificate-data and client-key-data").arg(who));
    }
    return result;
}

} // namespace certdeck::discovery
