#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace certdeck::discovery {

// What a Kubernetes deployment needs from one context of a kubeconfig file: the API server, the cluster's CA, the
// namespace and the user's credential (a bearer token, or a client certificate and key). Secrets stay in memory:
// the console moves them into the keychain.
struct KubeConfigContext
{
    QString context;
    QString cluster;
    QString user;
    QUrl server;                        // https://...
    QByteArray certificateAuthorityPem; // certificate-authority-data, decoded
    QString namespaceName;              // the context's namespace; "default" when it names none
    QByteArray token;                   // users[].user.token
    QByteArray clientCertificatePem;    // users[].user.client-certificate-data, decoded
    QByteArray clientKeyPem;            // users[].user.client-key-data, decoded
};

// A kubeconfig (kind: Config, apiVersion: v1) as kubectl writes it (`kubectl config view --raw`, kind, kubeadm's
// admin.conf): block-style YAML mappings and sequences of plain or quoted scalars, "{}" / "[]" for empty ones. That
// subset is what this reads; anchors, block scalars (| >) and multi-document files are refused with a message.
// Credentials must be embedded (the *-data keys, token): certificate-authority, client-certificate, client-key and
// tokenFile paths, exec plugins and auth-providers are refused naming the key (flatten the file with
// `kubectl config view --raw --flatten`, or create a service account token). insecure-skip-tls-verify is refused:
// the bot always verifies the API server.
class KubeConfig
{
public:
    // The context named `context` (empty: current-context). Errors name what is missing, e.g. "kubeconfig: context
    // \"prod\" names user \"admin\", which is not in users".
    static Result<KubeConfigContext> parse(const QByteArray& yaml, const QString& context = {});
    // The names of the contexts, in the file's order.
    static Result<QStringList> contexts(const QByteArray& yaml);
};

} // namespace certdeck::discovery
