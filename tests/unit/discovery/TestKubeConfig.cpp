// discovery::KubeConfig on kubeconfig files as kubectl writes them (`kubectl config view --raw`, kind's and
// kubeadm's admin.conf): the chosen context's server, CA, namespace and credential, and a message naming what is
// missing or unsupported.
#include "engine/discovery/KubeConfig.h"

#include <QTest>

using namespace certdeck;
using certdeck::discovery::KubeConfig;

namespace {

const QByteArray kCa = "-----BEGIN CERTIFICATE-----\nMIIBcluster\n-----END CERTIFICATE-----\n";
const QByteArray kCert = "-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----\n";
const QByteArray kKey = "-----BEGIN EC PRIVATE KEY-----\nMHcclientkey\n-----END EC PRIVATE KEY-----\n";

// Two clusters and users, written the way kubectl (go-yaml) writes them: sequence items at the key's indentation.
QByteArray config(const QByteArray& extraUserLines = {})
{
    return "apiVersion: v1\n"
           "clusters:\n"
           "- cluster:\n"
           "    certificate-authority-data: " +
           kCa.toBase64() +
           "\n"
           "    server: https://127.0.0.1:6443\n"
           "  name: kind-kind\n"
           "- cluster:\n"
           "    certificate-authority-data: " +
           kCa.toBase64() +
           "\n"
           "    server: \"https://prod.example.com:443\"\n"
           "  name: prod\n"
           "contexts:\n"
           "- context:\n"
           "    cluster: kind-kind\n"
           "    user: kind-kind\n"
           "  name: kind-kind\n"
           "- context:\n"
           "    cluster: prod\n"
           "    namespace: web # the team's namespace\n"
           "    user: deployer\n"
           "  name: prod\n"
           "current-context: kind-kind\n"
           "kind: Config\n"
           "preferences: {}\n"
           "users:\n"
           "- name: kind-kind\n"
           "  user:\n"
           "    client-certificate-data: " +
           kCert.toBase64() +
           "\n"
           "    client-key-data: " +
           kKey.toBase64() +
           "\n"
           "- name: deployer\n"
           "  user:\n"
           "    token: 'eyJhbGci.payload.sig'\n" +
           extraUserLines;
}

} // namespace

class TestKubeConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheCurrentContextWithAClientCertificate()
    {
        auto context = KubeConfig::parse(config());
        QVERIFY2(context.ok(), qPrintable(context.message()));
        QCOMPARE(context->context, QStringLiteral("kind-kind"));
        QCOMPARE(context->server, QUrl(QStringLiteral("https://127.0.0.1:6443")));
        QCOMPARE(context->certificateAuthorityPem, kCa);
        QCOMPARE(context->namespaceName, QStringLiteral("default"));
        QCOMPARE(context->clientCertificatePem, kCert);
        QCOMPARE(context->clientKeyPem, kKey);
        QVERIFY(context->token.isEmpty());
    }

    void readsANamedContextWithATokenAndNamespace()
    {
        auto context = KubeConfig::parse(config(), QStringLiteral("prod"));
        QVERIFY2(context.ok(), qPrintable(context.message()));
        QCOMPARE(context->server, QUrl(QStringLiteral("https://prod.example.com:443")));
        QCOMPARE(context->namespaceName, QStringLiteral("web"));
        QCOMPARE(context->token, QByteArray("eyJhbGci.payload.sig"));
        QCOMPARE(KubeConfig::contexts(config()).value(),
                 QStringList({QStringLiteral("kind-kind"), QStringLiteral("prod")}));
    }

    void namesWhatIsMissingOrUnsupported_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown context") << config() << QStringLiteral("staging")
                                         << QStringLiteral("context \"staging\"");
        QByteArray noCa = config();
        noCa.replace(
            QByteArray("    certificate-authority-data: " + kCa.toBase64() + "\n    server: https://127.0.0.1"),
            QByteArray("    server: https://127.0.0.1"));
        QTest::newRow("no CA") << noCa << QString() << QStringLiteral("certificate-authority-data");
        QByteArray http = config();
        http.replace("https://127.0.0.1:6443", "http://127.0.0.1:8080");
        QTest::newRow("http") << http << QString() << QStringLiteral("https server");
        QByteArray insecure = config();
        insecure.replace("    server: https://127.0.0.1",
                         "    insecure-skip-tls-verify: true\n    server: https://127.0.0.1");
        QTest::newRow("insecure") << insecure << QString() << QStringLiteral("insecure-skip-tls-verify");
        QByteArray byFile = config();
        byFile.replace("    client-certificate-data: ",
                       "    client-certificate: /home/me/.minikube/client.crt\n    x: ");
        QTest::newRow("file") << byFile << QString() << QStringLiteral("client-certificate by file");
        QTest::newRow("exec") << config("    exec:\n      command: aws\n") << QStringLiteral("prod")
                              << QStringLiteral("exec");
        QByteArray noUser = config();
        noUser.replace("- name: deployer", "- name: someone-else");
        QTest::newRow("no user") << noUser << QStringLiteral("prod")
                                 << QStringLiteral("user \"deployer\", which is not in users");
        QTest::newRow("block scalar") << QByteArray("kind: Config\nclusters: |\n  x\n") << QString()
                                      << QStringLiteral("line 2");
        QTest::newRow("not a kubeconfig")
            << QByteArray("kind: Pod\n") << QString() << QStringLiteral("not a kubeconfig");
    }
    void namesWhatIsMissingOrUnsupported()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, context);
        QFETCH(QString, named);
        auto parsed = KubeConfig::parse(yaml, context);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.message().contains(named), qPrintable(parsed.message()));
    }
};

QTEST_GUILESS_MAIN(TestKubeConfig)
#include "TestKubeConfig.moc"
