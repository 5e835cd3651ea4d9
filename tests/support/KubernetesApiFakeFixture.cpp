// Starts the fake of tests/fakes/java/certdeck/fakes/KubernetesApiFake.java, which follows the Kubernetes API
// reference (https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/) and API
// concepts (https://kubernetes.io/docs/reference/using-api/api-concepts/); the fake's header names each document.
#include "tests/support/KubernetesApiFakeFixture.h"

#include "engine/crypto/KeyStore.h"
#include "tests/support/TestSupport.h"

#include <QFile>

namespace certdeck::test {

namespace {

const QByteArray kKeyStorePassword = QByteArrayLiteral("fake-apiserver-keystore");

} // namespace

KubernetesApiFakeFixture::KubernetesApiFakeFixture(QString jar, QString directory)
    : m_directory(std::move(directory))
    , m_fake(std::move(jar), QStringLiteral("certdeck.fakes.KubernetesApiFake"), m_directory + "/kube-fake.log")
{
}

QByteArray KubernetesApiFakeFixture::caPem() const
{
    return m_clusterPki.root().cert.toPem();
}

Status KubernetesApiFakeFixture::start(const QString& clientCaFile)
{
    const IssuedCert server = m_clusterPki.issueLeaf(
        {QStringLiteral("kube-apiserver"), QStringLiteral("127.0.0.1"), QStringLiteral("localhost")});
    auto store = crypto::updateKeyStore({}, crypto::KeyStoreFormat::Pkcs12, kKeyStorePassword, QStringLiteral("server"),
                                        server.key, server.cert, m_clusterPki.caChain());
    if (!store) {
        return store.error();
    }
    const QString storePath = m_directory + "/apiserver.p12";
    if (!writeFileBytes(storePath, *store)) {
        return fail(QStringLiteral("cannot write %1").arg(storePath));
    }
    m_port = freeLoopbackPort();
    QStringList arguments{QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--key-store"), storePath};
    if (!clientCaFile.isEmpty()) {
        arguments << QStringLiteral("--client-ca") << clientCaFile;
    }
    return m_fake.start(arguments,
                        {{QStringLiteral("key-store"), kKeyStorePassword}, {QStringLiteral("token"), kToken}});
}

QString KubernetesApiFakeFixture::writeKubeconfig() const
{
    const QByteArray yaml = "apiVersion: v1\n"
                            "clusters:\n"
                            "- cluster:\n"
                            "    certificate-authority-data: " +
                            caPem().toBase64() +
                            "\n"
                            "    server: " +
                            url().toUtf8() +
                            "\n"
                            "  name: fake\n"
                            "contexts:\n"
                            "- context:\n"
                            "    cluster: fake\n"
                            "    namespace: default\n"
                            "    user: certdeck\n"
                            "  name: fake\n"
                            "current-context: fake\n"
                            "kind: Config\n"
                            "preferences: {}\n"
                            "users:\n"
                            "- name: certdeck\n"
                            "  user:\n"
                            "    token: " +
                            kToken + "\n";
    const QString path = m_directory + "/kubeconfig";
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(yaml);
    }
    return path;
}

} // namespace certdeck::test
