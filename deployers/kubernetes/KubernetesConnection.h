#pragma once

#include "deployers/common/FieldValues.h"
#include "deployers/common/ManagementHttp.h"
#include "engine/core/Result.h"
#include "engine/deploy/DeployerField.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace certdeck::deployers {

// How the bot reaches one namespace of a cluster's API server: the https URL, the cluster's CA (what a kubeconfig's
// certificate-authority-data holds; the only trust anchor of the connection) and the user's credential, a bearer
// token or a client certificate and key. The token and the key are Secret fields: they come from the console's
// keychain with the request and go only into the Authorization header or the TLS handshake.
class KubernetesConnection
{
public:
    static inline const QString kApiServerField = QStringLiteral("apiServer");
    static inline const QString kCertificateAuthorityField = QStringLiteral("certificateAuthority");
    static inline const QString kNamespaceField = QStringLiteral("namespace");
    static inline const QString kTokenField = QStringLiteral("token");
    static inline const QString kClientCertificateField = QStringLiteral("clientCertificate");
    static inline const QString kClientKeyField = QStringLiteral("clientKey");

    static QList<deploy::DeployerField> fields();

    // Checked values; errors name the field and say that nothing was changed.
    static Result<KubernetesConnection> fromFields(const FieldValues& values);
    // The same from values a kubeconfig gave (discovery::KubeConfig): PEM or base64 of PEM for CA and certificate.
    static Result<KubernetesConnection> make(const QUrl& server, const QByteArray& certificateAuthority,
                                             const QString& namespaceName, const QByteArray& token,
                                             const QByteArray& clientCertificate, const QByteArray& clientKey);

    const QUrl& server() const { return m_server; }
    const QString& namespaceName() const { return m_namespace; }
    QString describe() const; // "https://10.0.0.1:6443, namespace web"

    // A client of this API server: its CA only, the credential, replies up to `maxReplyBytes`.
    ManagementHttp http(qint64 maxReplyBytes) const;

private:
    QUrl m_server;
    QString m_namespace;
    ManagementHttp::Tls m_tls;
    QByteArray m_token;
};

} // namespace certdeck::deployers
