#include "deployers/kubernetes/KubernetesApi.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KubernetesApi", text);
}

// metav1.Status reasons (k8s.io/apimachinery/pkg/apis/meta/v1 StatusReason) as error kinds.
QString kindOf(int status, const QString& reason)
{
    if (reason == QLatin1String("AlreadyExists")) {
        return QStringLiteral("alreadyExists");
    }
    switch (status) {
    case 401:
        return QStringLiteral("unauthorized");
    case 403:
        return QStringLiteral("forbidden");
    case 404:
        return QStringLiteral("notFound");
    case 409:
        return QStringLiteral("conflict");
    case 422:
        return QStringLiteral("invalid");
    default:
        return QStringLiteral("api");
    }
}

} // namespace

KubernetesApi::KubernetesApi(KubernetesConnection connection, int timeoutMs)
    : m_connection(std::move(connection))
    , m_timeoutMs(timeoutMs)
{
}

QString KubernetesApi::secretPath(const QString& name) const
{
    return QStringLiteral("/api/v1/namespaces/%1/secrets/%2")
        .arg(m_connection.namespaceName(), QString::fromLatin1(QUrl::toPercentEncoding(name)));
}

Result<KubernetesApi::Answer> KubernetesApi::call(const QByteArray& verb, const QString& path, const QJsonObject& body,
                                                  const QString& what, const QByteArray& contentType) const
{
    QUrl url = m_connection.server();
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path.left(query));
    if (query >= 0) {
        url.setQuery(path.mid(query + 1));
    }
    const ManagementHttp http = m_connection.http(kMaxReplyBytes);
    QList<std::pair<QByteArray, QByteArray>> headers{{"Accept", "application/json"}};
    QByteArray payload;
    if (!body.isEmpty()) {
        headers.append({"Content-Type", contentType});
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    const ManagementHttp::Reply reply = http.send(verb, url, payload, headers, m_timeoutMs);
    if (reply.status == 0) {
        return fail(tr("the Kubernetes API server %1 cannot be reached to %2: %3")
                        .arg(m_connection.server().toString(), what, reply.error),
                    QStringLiteral("unreachable"));
    }
    const QJsonObject object = QJsonDocument::fromJson(reply.body).object();
    if (reply.status >= 200 && reply.status < 300) {
        return Answer{reply.status, object};
    }
    const QString reason = object.value(QStringLiteral("reason")).toString();
    const QString message = object.value(QStringLiteral("message")).toString(QString::fromUtf8(reply.body).left(300));
    QString hint;
    if (reply.status == 401) {
        hint = tr(" Check the Bearer token (or the Client certificate and key) of the deployment.");
    } else if (reply.status == 403) {
        hint = tr(" Grant the service account that right in namespace %1 (a Role and RoleBinding).")
                   .arg(m_connection.namespaceName());
    }
    return fail(tr("the Kubernetes API refused to %1 (HTTP %2%3): %4.%5")
                    .arg(what)
                    .arg(reply.status)
                    .arg(reason.isEmpty() ? QString() : QStringLiteral(" ") + reason, message.trimmed(), hint),
                kindOf(reply.status, reason));
}

Result<std::optional<KubernetesSecret>> KubernetesApi::readSecret(const QString& name) const
{
    auto answer = call("GET", secretPath(name), {}, tr("read Secret %1/%2").arg(m_connection.namespaceName(), name));
    if (!answer) {
        if (answer.error().kind == QLatin1String("notFound")) {
            return std::optional<KubernetesSecret>();
        }
        return answer.error();
    }
    return std::optional<KubernetesSecret>(KubernetesSecret::fromJson(answer->object));
}

Result<KubernetesSecret> KubernetesApi::createSecret(const KubernetesSecret& secret) const
{
    KubernetesSecret created = secret;
    created.namespaceName = m_connection.namespaceName();
    created.resourceVersion.clear();
    auto answer = call("POST", QStringLiteral("/api/v1/namespaces/%1/secrets").arg(m_connection.namespaceName()),
                       created.toJson(), tr("create Secret %1/%2").arg(m_connection.namespaceName(), secret.name));
    if (!answer) {
        return answer.error();
    }
    return KubernetesSecret::fromJson(answer->object);
}

Result<KubernetesSecret> KubernetesApi::replaceSecret(const KubernetesSecret& secret) const
{
    KubernetesSecret replaced = secret;
    replaced.namespaceName = m_connection.namespaceName();
    auto answer = call("PUT", secretPath(secret.name), replaced.toJson(),
                       tr("replace Secret %1/%2 (resourceVersion %3)")
                           .arg(m_connection.namespaceName(), secret.name, secret.resourceVersion));
    if (!answer) {
        return answer.error();
    }
    return KubernetesSecret::fromJson(answer->object);
}

Status KubernetesApi::deleteSecret(const QString& name, const QString& resourceVersion) const
{
    // DeleteOptions with preconditions: the API deletes only the version that was read.
    const QJsonObject options{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("DeleteOptions")},
        {QStringLiteral("preconditions"), QJsonObject{{QStringLiteral("resourceVersion"), resourceVersion}}}};
    auto answer =
        call("DELETE", secretPath(name), options,
             tr("delete Secret %1/%2 (resourceVersion %3)").arg(m_connection.namespaceName(), name, resourceVersion));
    if (!answer) {
        return answer.error();
    }
    return {};
}

Status KubernetesApi::restartDeployment(const QString& name, const QDateTime& at) const
{
    const QJsonObject patch{
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("template"),
                      QJsonObject{{QStringLiteral("metadata"),
                                   QJsonObject{{QStringLiteral("annotations"),
                                                QJsonObject{{QStringLiteral("kubectl.kubernetes.io/restartedAt"),
                                                             at.toUTC().toString(Qt::ISODate)}}}}}}}}}};
    auto answer = call("PATCH",
                       QStringLiteral("/apis/apps/v1/namespaces/%1/deployments/%2")
                           .arg(m_connection.namespaceName(), QString::fromLatin1(QUrl::toPercentEncoding(name))),
                       patch, tr("restart Deployment %1/%2").arg(m_connection.namespaceName(), name),
                       "application/strategic-merge-patch+json");
    if (!answer) {
        return answer.error();
    }
    return {};
}

Result<QList<QJsonObject>> KubernetesApi::list(const QString& path, const QString& what) const
{
    auto answer = call("GET", path, {}, what);
    if (!answer) {
        return answer.error();
    }
    QList<QJsonObject> items;
    for (const QJsonValue& item : answer->object.value(QStringLiteral("items")).toArray()) {
        items << item.toObject();
    }
    return items;
}

Result<QStringList> KubernetesApi::namespaces() const
{
    auto items = list(QStringLiteral("/api/v1/namespaces"), tr("list namespaces"));
    if (!items) {
        return items.error();
    }
    QStringList names;
    for (const QJsonObject& item : *items) {
        names << item.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
    }
    return names;
}

Result<QList<KubernetesSecret>> KubernetesApi::tlsSecrets(const QString& namespaceName) const
{
    auto items = list(QStringLiteral("/api/v1/namespaces/%1/secrets?fieldSelector=type%3D%2")
                          .arg(namespaceName, QString::fromLatin1(QUrl::toPercentEncoding(KubernetesSecret::kTlsType))),
                      tr("list the TLS Secrets of namespace %1").arg(namespaceName));
    if (!items) {
        return items.error();
    }
    QList<KubernetesSecret> secrets;
    for (const QJsonObject& item : *items) {
        KubernetesSecret secret = KubernetesSecret::fromJson(item);
        if (secret.type == KubernetesSecret::kTlsType) { // an API server without the field selector lists them all
            secrets << secret;
        }
    }
    return secrets;
}

Result<QList<KubernetesIngress>> KubernetesApi::ingresses(const QString& namespaceName) const
{
    auto items = list(QStringLiteral("/apis/networking.k8s.io/v1/namespaces/%1/ingresses").arg(namespaceName),
                      tr("list the Ingresses of namespace %1").arg(namespaceName));
    if (!items) {
        return items.error();
    }
    QList<KubernetesIngress> result;
    for (const QJsonObject& item : *items) {
        KubernetesIngress ingress;
        ingress.namespaceName = namespaceName;
        ingress.name = item.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
        const QJsonArray tls = item.value(QStringLiteral("spec")).toObject().value(QStringLiteral("tls")).toArray();
        for (const QJsonValue& entry : tls) {
            QStringList hosts;
            for (const QJsonValue& host : entry.toObject().value(QStringLiteral("hosts")).toArray()) {
                hosts << host.toString();
            }
            ingress.tls.append({entry.toObject().value(QStringLiteral("secretName")).toString(), hosts});
        }
        result << ingress;
    }
    return result;
}

} // namespace certdeck::deployers
