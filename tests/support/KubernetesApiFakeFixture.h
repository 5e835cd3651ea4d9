#pragma once

#include "engine/core/Result.h"
#include "tests/support/JavaFakeServerFixture.h"
#include "tests/support/TestPki.h"

#include <QByteArray>
#include <QString>

namespace certdeck::test {

// The fake Kubernetes API server of tests/fakes/java (KubernetesApiFake) on a loopback port, over HTTPS with a server
// certificate for 127.0.0.1 issued by its own throw-away cluster CA, accepting one bearer token. The token and the
// key store password reach it on standard input. writeKubeconfig() gives kubectl the same cluster (a 0600 file).
class KubernetesApiFakeFixture
{
public:
    static inline const QByteArray kToken = QByteArrayLiteral("certdeck-test-token-7f3a");

    KubernetesApiFakeFixture(QString jar, QString directory);

    // clientCaFile: a PEM file of CAs whose client certificates the fake accepts instead of the token (empty: none).
    Status start(const QString& clientCaFile = {});
    Status command(const QByteArray& line) { return m_fake.command(line); }
    QString log() const { return m_fake.log(); }

    int port() const { return m_port; }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }
    QByteArray caPem() const; // the cluster CA (root) that signed the API server's certificate
    // A kubeconfig for kubectl (context "fake", namespace "default", the token), mode 0600; returns its path.
    QString writeKubeconfig() const;

private:
    QString m_directory;
    TestPki m_clusterPki{{crypto::KeyAlgorithm::Ec, 256}, QStringLiteral("Fake Cluster")};
    JavaFakeServerFixture m_fake;
    int m_port = 0;
};

} // namespace certdeck::test
