#pragma once

#include "deployers/kubernetes/KubernetesConnection.h"
#include "deployers/kubernetes/KubernetesSecret.h"
#include "engine/core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace certdeck::deployers {

// An Ingress (networking.k8s.io/v1) and the TLS Secrets it names (spec.tls[].secretName with its hosts).
struct KubernetesIngress
{
    QString namespaceName;
    QString name;
    QList<std::pair<QString, QStringList>> tls; // secretName -> hosts
};

// The calls of the Kubernetes API the deployer and the discovery make, in one namespace of one cluster (API concepts:
// https://kubernetes.io/docs/reference/using-api/api-concepts/; Secret v1: .../config-and-storage-resources/
// secret-v1/). Failures are metav1.Status objects ({"kind":"Status","reason":"Conflict","code":409,...}); their
// messages name the object, the HTTP status and the reason. Error kinds: "notFound", "conflict" (a stale
// resourceVersion: re-read and try again), "alreadyExists", "invalid" (422), "unauthorized" (401), "forbidden" (403),
// "unreachable" (no HTTP answer: TLS, connection).
class KubernetesApi
{
public:
    explicit KubernetesApi(KubernetesConnection connection, int timeoutMs = 15000);

    const KubernetesConnection& connection() const { return m_connection; }

    // The Secret, or nullopt when it does not exist (404).
    Result<std::optional<KubernetesSecret>> readSecret(const QString& name) const;
    Result<KubernetesSecret> createSecret(const KubernetesSecret& secret) const;
    // PUT with secret.resourceVersion: refused with "conflict" when the Secret changed since it was read.
    Result<KubernetesSecret> replaceSecret(const KubernetesSecret& secret) const;
    // DELETE with preconditions.resourceVersion: refused with "conflict" when it changed since it was read.
    Status deleteSecret(const QString& name, const QString& resourceVersion) const;
    // What `kubectl rollout restart deployment/<name>` does: a strategic merge patch of the pod template's
    // kubectl.kubernetes.io/restartedAt annotation, so the Deployment rolls its pods (which read the Secret anew).
    Status restartDeployment(const QString& name, const QDateTime& at) const;

    Result<QStringList> namespaces() const;
    // The Secrets of type kubernetes.io/tls in `namespaceName` (a fieldSelector on type).
    Result<QList<KubernetesSecret>> tlsSecrets(const QString& namespaceName) const;
    Result<QList<KubernetesIngress>> ingresses(const QString& namespaceName) const;

    static constexpr qint64 kMaxReplyBytes = 8 * 1024 * 1024; // a list of Secrets with their certificates

private:
    struct Answer
    {
        int status = 0;
        QJsonObject object;
    };
    Result<Answer> call(const QByteArray& verb, const QString& path, const QJsonObject& body, const QString& what,
                        const QByteArray& contentType = "application/json") const;
    Result<QList<QJsonObject>> list(const QString& path, const QString& what) const;
    QString secretPath(const QString& name) const;

    KubernetesConnection m_connection;
    int m_timeoutMs;
};

} // namespace certdeck::deployers
