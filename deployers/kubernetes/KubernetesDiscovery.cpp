#include "deployers/kubernetes/KubernetesDiscovery.h"

#include "engine/crypto/Certificate.h"

namespace certdeck::deployers {

Result<QList<DiscoveredTlsSecret>> discoverTlsSecrets(const KubernetesApi& api, const QStringList& namespaces,
                                                      QStringList* problems)
{
    QStringList scanned = namespaces;
    if (scanned.isEmpty()) {
        auto all = api.namespaces();
        if (!all) {
            return all.error();
        }
        scanned = *all;
    }
    QList<DiscoveredTlsSecret> found;
    for (const QString& namespaceName : scanned) {
        auto secrets = api.tlsSecrets(namespaceName);
        if (!secrets) {
            return secrets.error();
        }
        auto ingresses = api.ingresses(namespaceName);
        if (!ingresses && problems) {
            problems->append(ingresses.message());
        }
        for (const KubernetesSecret& secret : *secrets) {
            DiscoveredTlsSecret entry;
            entry.namespaceName = namespaceName;
            entry.name = secret.name;
            entry.certificatePem = secret.data.value(QStringLiteral("tls.crt"));
            entry.managedBy = secret.managedBy();
            if (auto leaf = crypto::Certificate::fromPem(entry.certificatePem)) {
                entry.fingerprint = leaf->fingerprintSha256();
                entry.subject = leaf->subject();
                entry.notAfter = leaf->notAfter();
            }
            if (ingresses) {
                for (const KubernetesIngress& ingress : *ingresses) {
                    for (const auto& [secretName, hosts] : ingress.tls) {
                        if (secretName == secret.name) {
                            entry.ingresses.append({ingress.name, hosts});
                        }
                    }
                }
            }
            found << entry;
        }
    }
    return found;
}

} // namespace certdeck::deployers
