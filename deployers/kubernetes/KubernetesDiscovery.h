#pragma once

#include "deployers/kubernetes/KubernetesApi.h"
#include "engine/core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace certdeck::deployers {

// One TLS Secret of a cluster, its certificate, and the Ingresses that serve it (which hosts).
struct DiscoveredTlsSecret
{
    QString namespaceName;
    QString name;
    QByteArray certificatePem; // tls.crt as stored (leaf first, then the chain)
    QString fingerprint;       // SHA-256 of the leaf; empty when tls.crt is no certificate
    QString subject;
    QDateTime notAfter;
    QString managedBy; // KubernetesSecret::managedBy()
    struct IngressUse
    {
        QString ingress;
        QStringList hosts;
    };
    QList<IngressUse> ingresses;
};

// The TLS Secrets (type kubernetes.io/tls) of `namespaces` (empty: every namespace the credential may list) with
// their certificates and the Ingresses (networking.k8s.io/v1 spec.tls) that reference them. A namespace whose
// Ingresses cannot be listed (the credential lacks that right) still gives its Secrets; `problems` says why.
Result<QList<DiscoveredTlsSecret>> discoverTlsSecrets(const KubernetesApi& api, const QStringList& namespaces = {},
                                                      QStringList* problems = nullptr);

} // namespace certdeck::deployers
