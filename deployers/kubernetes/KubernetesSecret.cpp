#include "deployers/kubernetes/KubernetesSecret.h"

#include <QCoreApplication>
#include <QStringList>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KubernetesSecret", text);
}

} // namespace

KubernetesSecret KubernetesSecret::fromJson(const QJsonObject& object)
{
    KubernetesSecret secret;
    const QJsonObject metadata = object.value(QStringLiteral("metadata")).toObject();
    secret.name = metadata.value(QStringLiteral("name")).toString();
    secret.namespaceName = metadata.value(QStringLiteral("namespace")).toString();
    secret.annotations = metadata.value(QStringLiteral("annotations")).toObject();
    secret.labels = metadata.value(QStringLiteral("labels")).toObject();
    secret.ownerReferences = metadata.value(QStringLiteral("ownerReferences")).toArray();
    secret.resourceVersion = metadata.value(QStringLiteral("resourceVersion")).toString();
    secret.type = object.value(QStringLiteral("type")).toString(kOpaqueType);
    const QJsonObject data = object.value(QStringLiteral("data")).toObject();
    for (auto it = data.begin(); it != data.end(); ++it) {
        secret.data.insert(it.key(), QByteArray::fromBase64(it.value().toString().toLatin1()));
    }
    return secret;
}

QJsonObject KubernetesSecret::toJson() const
{
    QJsonObject metadata{{QStringLiteral("name"), name}};
    if (!namespaceName.isEmpty()) {
        metadata.insert(QStringLiteral("namespace"), namespaceName);
    }
    if (!annotations.isEmpty()) {
        metadata.insert(QStringLiteral("annotations"), annotations);
    }
    if (!labels.isEmpty()) {
        metadata.insert(QStringLiteral("labels"), labels);
    }
    if (!ownerReferences.isEmpty()) {
        metadata.insert(QStringLiteral("ownerReferences"), ownerReferences);
    }
    if (!resourceVersion.isEmpty()) {
        metadata.insert(QStringLiteral("resourceVersion"), resourceVersion);
    }
    QJsonObject encoded;
    for (auto it = data.begin(); it != data.end(); ++it) {
        encoded.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    }
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("Secret")},
                       {QStringLiteral("metadata"), metadata},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("data"), encoded}};
}

QString KubernetesSecret::managedBy() const
{
    for (auto it = annotations.begin(); it != annotations.end(); ++it) {
        if (it.key().startsWith(QLatin1String("cert-manager.io/"))) {
            return tr("cert-manager (annotation %1=%2)").arg(it.key(), it.value().toString());
        }
    }
    QStringList owners;
    for (const QJsonValue& owner : ownerReferences) {
        const QJsonObject reference = owner.toObject();
        owners << QStringLiteral("%1/%2").arg(reference.value(QStringLiteral("kind")).toString(),
                                              reference.value(QStringLiteral("name")).toString());
    }
    return owners.isEmpty() ? QString() : tr("%1 (ownerReferences)").arg(owners.join(QStringLiteral(", ")));
}

} // namespace certdeck::deployers
