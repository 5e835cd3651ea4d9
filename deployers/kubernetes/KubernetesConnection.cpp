#include "deployers/kubernetes/KubernetesConnection.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KubernetesConnection", text);
}

// PEM as pasted, or the base64 of PEM as a kubeconfig's *-data keys hold it.
QByteArray pemOf(const QByteArray& value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith("-----BEGIN")) {
        return trimmed;
    }
    auto decoded = QByteArray::fromBase64Encoding(trimmed, QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : trimmed;
}

bool isDnsLabel(const QString& name)
{
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"));
    return label.match(name).hasMatch();
}

} // namespace

QList<DeployerField> KubernetesConnection::fields()
{
    return {
        deploy::makeField(DeployerField::Kind::Text, kApiServerField, tr("API server URL"), true,
                          QStringLiteral("https://10.0.0.1:6443"),
                          tr("The cluster's API server (server: in the kubeconfig), https only.")),
        deploy::makeField(
            DeployerField::Kind::Text, kCertificateAuthorityField, tr("Cluster CA"), true,
            QStringLiteral("-----BEGIN CERTIFICATE-----"),
            tr("The cluster's CA certificate in PEM, or the kubeconfig's certificate-authority-data as it is. The "
               "bot trusts only this CA for the API server.")),
        deploy::makeField(DeployerField::Kind::Text, kNamespaceField, tr("Namespace"), false, QStringLiteral("default"),
                          tr("The namespace of the Secret (and of the Deployments to restart)."),
                          QStringLiteral("default")),
        deploy::makeField(
            DeployerField::Kind::Secret, kTokenField, tr("Bearer token"), false, {},
            tr("A service account token allowed to get, create, update and delete Secrets in the namespace (and "
               "patch the Deployments to restart). Kept in the system keychain. Leave it empty to use a client "
               "certificate.")),
        deploy::makeField(DeployerField::Kind::Text, kClientCertificateField, tr("Client certificate"), false,
                          QStringLiteral("-----BEGIN CERTIFICATE-----"),
                          tr("Instead of a token: the user's client certificate in PEM (or client-certificate-data).")),
        deploy::makeField(
            DeployerField::Kind::Secret, kClientKeyField, tr("Client key"), false, {},
            tr("The key of the client certificate in PEM (or client-key-data); kept in the system keychain.")),
    };
}

Result<KubernetesConnection> KubernetesConnection::fromFields(const FieldValues& values)
{
    return make(QUrl(values.text(kApiServerField)), values.text(kCertificateAuthorityField).toUtf8(),
                values.text(kNamespaceField), values.secret(kTokenField), values.text(kClientCertificateField).toUtf8(),
                values.secret(kClientKeyField));
}

Result<KubernetesConnection> KubernetesConnection::make(const QUrl& server, const QByteArray& certificateAuthority,
                                                        const QString& namespaceName, const QByteArray& token,
                                                        const QByteArray& clientCertificate,
                                                        const QByteArray& clientKey)
{
    const QString nothing = tr("nothing was changed");
    if (!server.isValid() || server.scheme() != QLatin1String("https") || server.host().isEmpty()) {
        return fail(tr("API server URL: enter the https address of the API server, e.g. https://10.0.0.1:6443; %1")
                        .arg(nothing));
    }
    if (!server.userInfo().isEmpty() || server.hasQuery() || server.hasFragment()) {
        return fail(tr("API server URL: enter it without user, password or query; the credential is the Bearer "
                       "token or client certificate field; %1")
                        .arg(nothing));
    }
    KubernetesConnection connection;
    connection.m_server = server;
    connection.m_namespace = namespaceName.isEmpty() ? QStringLiteral("default") : namespaceName;
    if (!isDnsLabel(connection.m_namespace)) {
        return fail(tr("Namespace: \"%1\" is not a namespace name (lower case letters, digits and '-'); %2")
                        .arg(connection.m_namespace.left(80), nothing));
    }
    connection.m_tls.trustAnchors = QSslCertificate::fromData(pemOf(certificateAuthority), QSsl::Pem);
    if (connection.m_tls.trustAnchors.isEmpty()) {
        return fail(tr("Cluster CA: enter the cluster's CA certificate in PEM (or the kubeconfig's "
                       "certificate-authority-data); without it the API server cannot be verified; %1")
                        .arg(nothing));
    }
    connection.m_token = token.trimmed();
    const QByteArray certificatePem = pemOf(clientCertificate);
    const QByteArray keyPem = pemOf(clientKey);
    if (!certificatePem.isEmpty() || !keyPem.isEmpty()) {
        if (certificatePem.isEmpty() || keyPem.isEmpty()) {
            return fail(tr("%1: a client certificate needs both Client certificate and Client key; %2")
                            .arg(certificatePem.isEmpty() ? tr("Client certificate") : tr("Client key"), nothing));
        }
        connection.m_tls.clientCertificate = QSslCertificate(certificatePem, QSsl::Pem);
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
            connection.m_tls.clientKey = QSslKey(keyPem, algorithm, QSsl::Pem);
            if (!connection.m_tls.clientKey.isNull()) {
                break;
            }
        }
        if (connection.m_tls.clientCertificate.isNull()) {
            return fail(tr("Client certificate: it is not a PEM certificate; %1").arg(nothing));
        }
        if (connection.m_tls.clientKey.isNull()) {
            return fail(tr("Client key: it is not an unencrypted RSA or EC key in PEM; %1").arg(nothing));
        }
    }
    if (connection.m_token.isEmpty() && connection.m_tls.clientCertificate.isNull()) {
        return fail(
            tr("Bearer token: enter a service account token, or a Client certificate and Client key; %1").arg(nothing));
    }
    return connection;
}

QString KubernetesConnection::describe() const
{
    return tr("%1, namespace %2").arg(m_server.toString(), m_namespace);
}

ManagementHttp KubernetesConnection::http(qint64 maxReplyBytes) const
{
    ManagementHttp http(QString(), m_token,
                        m_token.isEmpty() ? ManagementHttp::Authentication::None
                                          : ManagementHttp::Authentication::Bearer);
    http.setTls(m_tls);
    http.setMaxReplyBytes(maxReplyBytes);
    return http;
}

} // namespace certdeck::deployers
