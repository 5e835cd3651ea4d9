#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace certdeck::deployers {

// A core/v1 Secret as the deployer reads and writes it (Kubernetes API reference, "Secret v1": metadata, type, data
// with base64 values). Fields the deployer does not touch (labels, annotations, ownerReferences) are carried over
// when a Secret is replaced, since PUT replaces the whole object.
struct KubernetesSecret
{
    static inline const QString kTlsType = QStringLiteral("kubernetes.io/tls");
    static inline const QString kOpaqueType = QStringLiteral("Opaque");

    QString name;
    QString namespaceName;
    QString type = kOpaqueType;
    QMap<QString, QByteArray> data; // decoded values
    QJsonObject annotations;
    QJsonObject labels;
    QJsonArray ownerReferences;
    QString resourceVersion; // the version read; sent with a replace for optimistic concurrency

    static KubernetesSecret fromJson(const QJsonObject& object);
    // {apiVersion: v1, kind: Secret, metadata: {...}, type, data}; resourceVersion only when set.
    QJsonObject toJson() const;

    // Who else manages this Secret: "cert-manager (annotation cert-manager.io/certificate-name=web)" or
    // "Certificate/web (ownerReferences)"; empty when nobody does. The deployer refuses to overwrite such a Secret
    // unless told to, since the controller would overwrite the deployed certificate again (or fight over it).
    QString managedBy() const;
};

} // namespace certdeck::deployers
