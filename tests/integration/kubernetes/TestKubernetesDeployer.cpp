// The Kubernetes deployer against the fake Kubernetes API server (tests/fakes/java/KubernetesApiFake: HTTPS, bearer
// tokens, Secrets with resourceVersion and 409 Conflict, metav1.Status errors, Deployments, Ingresses). What a user
// cares about: the Secret holds the new certificate, a rollback puts the old content back byte for byte, a Secret
// that cert-manager manages is left alone, a concurrent writer is met by a re-read. kubectl and the Python client
// (/usr/bin/python3 with python3-kubernetes) read back exactly what the deployer wrote, and a Secret that kubectl
// created is discovered with the Ingress that serves it.
#include "deployers/common/DeploymentJournal.h"
#include "deployers/kubernetes/KubernetesApi.h"
#include "deployers/kubernetes/KubernetesDeployer.h"
#include "deployers/kubernetes/KubernetesDiscovery.h"
#include "engine/crypto/KeyStore.h"
#include "engine/deploy/DeployerSecrets.h"
#include "tests/support/KubernetesApiFakeFixture.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::test;
using deployers::KubernetesDeployer;

namespace {

const QString kSecret = QStringLiteral("web-tls");

QString stepsOf(const deploy::DeployReport& report)
{
    return report.steps.join(QLatin1Char('\n')) + QStringLiteral("\nfailure: ") + report.failure;
}

} // namespace

class TestKubernetesDeployer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!JavaFakeServerFixture::isAvailable(QStringLiteral(CERTDECK_JAVA_FAKES_JAR), &reason)) {
            QSKIP(qPrintable(reason));
        }
        QVERIFY(m_dir.isValid());
        // A client certificate with EKU clientAuth (TestPki issues serverAuth leaves only), self-signed, which the
        // fake's JSSE accepts as its own trust anchor.
        QString clientCa;
        const QString openssl = findProgram(QStringLiteral("openssl"));
        if (!openssl.isEmpty()) {
            m_clientCertificate = m_dir.path() + "/client.pem";
            m_clientKey = m_dir.path() + "/client.key";
            const QByteArray made = runProgram(
                openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                          QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                          QStringLiteral("-nodes"), QStringLiteral("-keyout"), m_clientKey, QStringLiteral("-out"),
                          m_clientCertificate, QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                          QStringLiteral("/O=system:masters/CN=certdeck-deployer"), QStringLiteral("-addext"),
                          QStringLiteral("extendedKeyUsage=clientAuth"), QStringLiteral("-addext"),
                          QStringLiteral("keyUsage=critical,digitalSignature")});
            QVERIFY2(!made.startsWith("(failed"), made.constData());
            clientCa = m_clientCertificate;
        }
        const Status started = m_fake.start(clientCa);
        QVERIFY2(started.ok(), qPrintable(started.message()));
        m_old = std::make_unique<IssuedCert>(m_pki.issueLeaf({QStringLiteral("www.example.test")}));
    }

    // Every test starts with the Secret absent (a deployment of the old certificate creates it where needed).
    void init() { removeSecret(kSecret); }

    void createsTheTlsSecretAndReadsItBack()
    {
        const IssuedCert fresh = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        auto report = deployer().deploy(requestFor(fresh), {});
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY2(report->deployed, qPrintable(stepsOf(*report)));
        QVERIFY(!report->backupId.isEmpty());
        // Without an endpoint the report says plainly that only the read-back is proven.
        QVERIFY2(stepsOf(*report).contains(QLatin1String("only the read-back")), qPrintable(stepsOf(*report)));
        const auto secret = readSecret(kSecret);
        QVERIFY(secret.has_value());
        QCOMPARE(secret->type, QStringLiteral("kubernetes.io/tls"));
        QCOMPARE(secret->data.value(QStringLiteral("tls.crt")), fullChain(fresh));
        QCOMPARE(secret->data.value(QStringLiteral("tls.key")), fresh.key.toPem().trimmed() + '\n');
        QVERIFY(!secret->data.contains(QStringLiteral("ca.crt")));
    }

    void replacesTheSecretAndRollsBackByteForByte()
    {
        deployers::KubernetesSecret seeded;
        seeded.name = kSecret;
        seeded.type = deployers::KubernetesSecret::kTlsType;
        seeded.annotations = QJsonObject{{QStringLiteral("team"), QStringLiteral("web")}};
        seeded.data = {{QStringLiteral("tls.crt"), m_old->cert.toPem()},
                       {QStringLiteral("tls.key"), m_old->key.toPem()},
                       {QStringLiteral("extra"), QByteArray("\x00\x01kept", 6)}};
        auto created = api().createSecret(seeded);
        QVERIFY2(created.ok(), qPrintable(created.message()));

        const IssuedCert fresh = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        deploy::DeployRequest request = requestFor(fresh);
        request.fields[KubernetesDeployer::kIncludeCaField] = QStringLiteral("true");
        KubernetesDeployer deployer = this->deployer();
        auto report = deployer.deploy(request, {});
        QVERIFY2(report.ok() && report->deployed, qPrintable(report.ok() ? stepsOf(*report) : report.message()));
        auto deployed = readSecret(kSecret);
        QCOMPARE(deployed->data.value(QStringLiteral("tls.crt")), fullChain(fresh));
        QCOMPARE(deployed->data.value(QStringLiteral("ca.crt")), chainPem());
        QCOMPARE(deployed->annotations.value(QStringLiteral("team")).toString(), QStringLiteral("web"));

        auto rolledBack = deployer.rollback(report->backupId, request, {});
        QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message()));
        QVERIFY2(rolledBack->rolledBack, qPrintable(stepsOf(*rolledBack)));
        auto restored = readSecret(kSecret);
        QCOMPARE(restored->data, seeded.data); // the old data, byte for byte, without the ca.crt the deployment added
        QCOMPARE(restored->annotations, seeded.annotations);
        QCOMPARE(restored->type, seeded.type);

        // The backup is used up only as long as the Secret is what the deployment left: once changed, refused.
        auto again = deployer.rollback(report->backupId, request, {});
        QVERIFY(again.ok());
        QVERIFY2(!again->rolledBack && again->failure.contains(QLatin1String("changed after deployment")),
                 qPrintable(stepsOf(*again)));
    }

    void leavesASecretManagedByAnotherControllerUntouched_data()
    {
        QTest::addColumn<QString>("annotation");
        QTest::addColumn<bool>("ownerReference");
        QTest::addColumn<QString>("named");
        QTest::newRow("cert-manager") << QStringLiteral("cert-manager.io/certificate-name") << false
                                      << QStringLiteral("cert-manager.io/certificate-name");
        QTest::newRow("owner") << QString() << true << QStringLiteral("Certificate/web");
    }
    void leavesASecretManagedByAnotherControllerUntouched()
    {
        QFETCH(QString, annotation);
        QFETCH(bool, ownerReference);
        QFETCH(QString, named);
        deployers::KubernetesSecret managed;
        managed.name = kSecret;
        managed.type = deployers::KubernetesSecret::kTlsType;
        managed.data = {{QStringLiteral("tls.crt"), m_old->cert.toPem()},
                        {QStringLiteral("tls.key"), m_old->key.toPem()}};
        if (!annotation.isEmpty()) {
            managed.annotations.insert(annotation, QStringLiteral("web"));
        }
        if (ownerReference) {
            managed.ownerReferences.append(
                QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("cert-manager.io/v1")},
                            {QStringLiteral("kind"), QStringLiteral("Certificate")},
                            {QStringLiteral("name"), QStringLiteral("web")},
                            {QStringLiteral("uid"), QStringLiteral("0000-1")}});
        }
        auto created = api().createSecret(managed);
        QVERIFY2(created.ok(), qPrintable(created.message()));

        const IssuedCert fresh = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        auto report = deployer().deploy(requestFor(fresh), {});
        QVERIFY(report.ok());
        QVERIFY(!report->deployed);
        QVERIFY(report->backupId.isEmpty());
        QVERIFY2(report->failure.contains(named) && report->failure.contains(QLatin1String("nothing was changed")),
                 qPrintable(report->failure));
        auto after = readSecret(kSecret);
        QCOMPARE(after->resourceVersion, created->resourceVersion);
        QCOMPARE(after->data, managed.data);

        // The operator's flag allows it.
        deploy::DeployRequest allowed = requestFor(fresh);
        allowed.fields[KubernetesDeployer::kOverwriteManagedField] = QStringLiteral("true");
        auto overwritten = deployer().deploy(allowed, {});
        QVERIFY2(overwritten.ok() && overwritten->deployed, qPrintable(stepsOf(*overwritten)));
        QCOMPARE(readSecret(kSecret)->data.value(QStringLiteral("tls.crt")), fullChain(fresh));
    }

    // Another client writes the Secret between the deployer's read and its replace: the API answers 409 Conflict, the
    // deployer reads it again and succeeds; a writer that never stops makes it give up with the old content intact.
    void retriesAConflictingWrite()
    {
        QVERIFY(deployer().deploy(requestFor(*m_old), {})->deployed);
        QVERIFY(m_fake.command("concurrent-write default " + kSecret.toUtf8() + " 2").ok());
        const IssuedCert fresh = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        auto report = deployer().deploy(requestFor(fresh), {});
        QVERIFY2(report.ok() && report->deployed, qPrintable(report.ok() ? stepsOf(*report) : report.message()));
        QCOMPARE(stepsOf(*report).count(QLatin1String("HTTP 409")), 2);
        auto secret = readSecret(kSecret);
        QCOMPARE(secret->data.value(QStringLiteral("tls.crt")), fullChain(fresh));
        // The concurrent writer's annotation is kept: the deployer replaced the version it read last.
        QVERIFY(secret->annotations.contains(QStringLiteral("fake.certdeck.test/concurrent-writer")));

        QVERIFY(m_fake.command("concurrent-write default " + kSecret.toUtf8() + " 10").ok());
        const IssuedCert third = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        auto given = deployer().deploy(requestFor(third), {});
        QVERIFY(given.ok());
        QVERIFY2(!given->deployed && given->failure.contains(QLatin1String("kept changing")),
                 qPrintable(stepsOf(*given)));
        QCOMPARE(readSecret(kSecret)->data.value(QStringLiteral("tls.crt")), fullChain(fresh));
        QVERIFY(m_fake.command("concurrent-write default " + kSecret.toUtf8() + " 0").ok());
    }

    // A failed verification restores the previous Secret; the Deployment is restarted as kubectl does.
    void restartsDeploymentsAndRollsBackWhenTheEndpointDoesNotServeIt()
    {
        QVERIFY(m_fake.command("add-deployment default shop").ok());
        QVERIFY(deployer().deploy(requestFor(*m_old), {})->deployed);
        const auto before = readSecret(kSecret);
        const IssuedCert fresh = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        deploy::DeployRequest request = requestFor(fresh);
        request.fields[KubernetesDeployer::kRestartDeploymentsField] = QStringLiteral("shop");
        request.verifyHost = QStringLiteral("127.0.0.1");
        request.verifyPort = freeLoopbackPort(); // nothing serves it
        request.verifyTimeoutMs = 500;
        auto report = deployer().deploy(request, {});
        QVERIFY(report.ok());
        QVERIFY2(!report->deployed && report->rolledBack, qPrintable(stepsOf(*report)));
        QVERIFY2(stepsOf(*report).contains(QLatin1String("restarted Deployment default/shop")),
                 qPrintable(stepsOf(*report)));
        QCOMPARE(readSecret(kSecret)->data, before->data);

        const auto http = connection().http(1 << 20);
        const auto deployment = http.get(QUrl(m_fake.url() + "/apis/apps/v1/namespaces/default/deployments/shop"),
                                         {{"Accept", "application/json"}}, 5000);
        QCOMPARE(deployment.status, 200);
        const QJsonObject annotations = QJsonDocument::fromJson(deployment.body)
                                            .object()["spec"]
                                            .toObject()["template"]
                                            .toObject()["metadata"]
                                            .toObject()["annotations"]
                                            .toObject();
        QVERIFY2(annotations.contains(QStringLiteral("kubectl.kubernetes.io/restartedAt")),
                 deployment.body.constData());
    }

    void writesTheKeyStoreSecret()
    {
        const IssuedCert fresh = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        deploy::DeployRequest request = requestFor(fresh);
        request.fields[KubernetesDeployer::kKeyStoreSecretField] = QStringLiteral("web-keystore");
        request.fields[deploy::kKeyStorePasswordField] = QStringLiteral("store-pass-1");
        auto report = deployer().deploy(request, {});
        QVERIFY2(report.ok() && report->deployed, qPrintable(report.ok() ? stepsOf(*report) : report.message()));
        auto keyStore = readSecret(QStringLiteral("web-keystore"));
        QVERIFY(keyStore.has_value());
        QCOMPARE(keyStore->type, QStringLiteral("Opaque"));
        QCOMPARE(keyStore->data.value(QStringLiteral("password")), QByteArray("store-pass-1"));
        auto entry = crypto::readKeyStoreEntry(keyStore->data.value(QStringLiteral("keystore.p12")), "store-pass-1");
        QVERIFY2(entry.ok(), qPrintable(entry.message()));
        QCOMPARE(entry->leaf.fingerprintSha256(), fresh.cert.fingerprintSha256());
        removeSecret(QStringLiteral("web-keystore"));
    }

    void removesOnlyItsOwnCertificate()
    {
        QVERIFY(deployer().deploy(requestFor(*m_old), {})->deployed);
        const IssuedCert other = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        auto refused = deployer().remove(requestFor(other), {});
        QVERIFY(refused.ok());
        QVERIFY2(refused->failure.contains(QLatin1String("nothing was deleted")), qPrintable(refused->failure));
        QVERIFY(readSecret(kSecret).has_value());

        KubernetesDeployer deployer = this->deployer();
        auto removed = deployer.remove(requestFor(*m_old), {});
        QVERIFY2(removed.ok() && removed->failure.isEmpty(), qPrintable(stepsOf(*removed)));
        QVERIFY(!readSecret(kSecret).has_value());
        // Its backup brings it back.
        auto rolledBack = deployer.rollback(removed->backupId, requestFor(*m_old), {});
        QVERIFY2(rolledBack.ok() && rolledBack->rolledBack, qPrintable(stepsOf(*rolledBack)));
        QCOMPARE(readSecret(kSecret)->data.value(QStringLiteral("tls.crt")), fullChain(*m_old));
    }

    void refusesBeforeContactingTheApi_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("http") << KubernetesConnectionField("apiServer") << QStringLiteral("http://127.0.0.1:1")
                              << QStringLiteral("API server URL");
        QTest::newRow("no CA") << KubernetesConnectionField("certificateAuthority") << QStringLiteral("nope")
                               << QStringLiteral("Cluster CA");
        QTest::newRow("no credential") << KubernetesConnectionField("token") << QString()
                                       << QStringLiteral("Bearer token");
    }
    void refusesBeforeContactingTheApi()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, named);
        deploy::DeployRequest request = requestFor(*m_old);
        request.fields[field] = value;
        auto report = deployer().deploy(request, {});
        QVERIFY(!report.ok());
        QVERIFY2(report.message().contains(named) && report.message().contains(QLatin1String("nothing was changed")),
                 qPrintable(report.message()));
        QVERIFY(!readSecret(kSecret).has_value());
    }

    void obeysTheBotPolicy()
    {
        auto policy = deploy::BotPolicy::parse("agentless = no\n", QStringLiteral("test policy"));
        QVERIFY(policy.ok());
        KubernetesDeployer deployer(m_journal, std::make_shared<const deploy::BotPolicy>(*policy));
        auto report = deployer.deploy(requestFor(*m_old), {});
        QVERIFY(!report.ok());
        QVERIFY2(report.message().contains(QLatin1String("agentless = no")), qPrintable(report.message()));
        QVERIFY(!readSecret(kSecret).has_value());
    }

    void namesAWrongToken()
    {
        deploy::DeployRequest request = requestFor(*m_old);
        request.fields[QStringLiteral("token")] = QStringLiteral("not-the-token");
        auto report = deployer().deploy(request, {});
        QVERIFY(report.ok());
        QVERIFY2(report->failure.contains(QLatin1String("HTTP 401")) &&
                     report->failure.contains(QLatin1String("Bearer token")) &&
                     !report->failure.contains(QLatin1String("not-the-token")),
                 qPrintable(report->failure));
    }

    // A client certificate and key instead of a token (the TLS handshake authenticates).
    void authenticatesWithAClientCertificate()
    {
        if (m_clientCertificate.isEmpty()) {
            QSKIP("openssl is not installed: no client certificate to test with");
        }
        const IssuedCert fresh = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        deploy::DeployRequest request = requestFor(fresh);
        request.fields.remove(QStringLiteral("token"));
        request.fields[QStringLiteral("clientCertificate")] = QString::fromUtf8(readFileBytes(m_clientCertificate));
        request.fields[QStringLiteral("clientKey")] = QString::fromUtf8(readFileBytes(m_clientKey));
        auto report = deployer().deploy(request, {});
        QVERIFY2(report.ok() && report->deployed, qPrintable(report.ok() ? stepsOf(*report) : report.message()));
        QCOMPARE(readSecret(kSecret)->data.value(QStringLiteral("tls.crt")), fullChain(fresh));
    }

    // A cluster CA that did not sign the API server's certificate: the TLS connection fails, nothing is written.
    void verifiesTheApiServerAgainstTheClusterCa()
    {
        deploy::DeployRequest request = requestFor(*m_old);
        request.fields[QStringLiteral("certificateAuthority")] = QString::fromUtf8(m_pki.root().cert.toPem());
        auto report = deployer().deploy(request, {});
        QVERIFY(report.ok());
        QVERIFY2(!report->deployed && report->failure.contains(QLatin1String("cannot be reached")),
                 qPrintable(report->failure));
        QVERIFY(!readSecret(kSecret).has_value());
    }

    // kubectl and the Python client read exactly what the deployer wrote.
    void realClientsReadWhatWasDeployed()
    {
        const IssuedCert fresh = m_pki.issueLeaf({QStringLiteral("www.example.test")});
        QVERIFY(deployer().deploy(requestFor(fresh), {})->deployed);
        const QString kubectl = findProgram(QStringLiteral("kubectl"));
        if (kubectl.isEmpty()) {
            QSKIP("kubectl is not installed (Debian package kubernetes-client)");
        }
        const QString kubeconfig = m_fake.writeKubeconfig();
        const auto get = [&](const QString& jsonPath) {
            return runProgram(kubectl,
                              {QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--cache-dir"),
                               m_dir.path() + "/kubectl-cache", QStringLiteral("get"), QStringLiteral("secret"),
                               kSecret, QStringLiteral("-o"), QStringLiteral("jsonpath=") + jsonPath});
        };
        QCOMPARE(get(QStringLiteral("{.type}")), QByteArray("kubernetes.io/tls"));
        QCOMPARE(QByteArray::fromBase64(get(QStringLiteral("{.data.tls\\.crt}"))), fullChain(fresh));
        QCOMPARE(QByteArray::fromBase64(get(QStringLiteral("{.data.tls\\.key}"))), fresh.key.toPem().trimmed() + '\n');

        if (!QFile::exists(QStringLiteral("/usr/bin/python3")) ||
            runProgram(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import kubernetes")})
                .startsWith("(failed")) {
            QSKIP("/usr/bin/python3 has no kubernetes module (Debian package python3-kubernetes)");
        }
        // The token reaches the script on stdin, never in argv or the environment.
        const QString script =
            QStringLiteral("import sys, json, kubernetes\n"
                           "c = kubernetes.client.Configuration()\n"
                           "c.host = sys.argv[1]\n"
                           "c.ssl_ca_cert = sys.argv[2]\n"
                           "c.api_key = {'authorization': sys.stdin.readline().strip()}\n"
                           "c.api_key_prefix = {'authorization': 'Bearer'}\n"
                           "api = kubernetes.client.CoreV1Api(kubernetes.client.ApiClient(c))\n"
                           "s = api.read_namespaced_secret(sys.argv[3], 'default')\n"
                           "print(json.dumps({'type': s.type, 'data': s.data, 'rv': s.metadata.resource_version}))\n");
        const QString caFile = writeTestFile(m_dir.path(), QStringLiteral("cluster-ca.pem"), m_fake.caPem());
        const QByteArray output = runProgram(QStringLiteral("/usr/bin/python3"),
                                             {QStringLiteral("-c"), script, m_fake.url(), caFile, kSecret},
                                             KubernetesApiFakeFixture::kToken + '\n');
        const QJsonObject read = QJsonDocument::fromJson(output).object();
        QVERIFY2(!read.isEmpty(), output.constData());
        QCOMPARE(read[QStringLiteral("type")].toString(), QStringLiteral("kubernetes.io/tls"));
        QCOMPARE(QByteArray::fromBase64(
                     read[QStringLiteral("data")].toObject()[QStringLiteral("tls.crt")].toString().toLatin1()),
                 fullChain(fresh));
        QCOMPARE(read[QStringLiteral("rv")].toString(), readSecret(kSecret)->resourceVersion);
    }

    // A Secret that `kubectl create secret tls` wrote is discovered with the Ingress that serves it.
    void discoversWhatKubectlCreated()
    {
        const QString kubectl = findProgram(QStringLiteral("kubectl"));
        if (kubectl.isEmpty()) {
            QSKIP("kubectl is not installed (Debian package kubernetes-client)");
        }
        QVERIFY(m_fake.command("add-namespace shop").ok());
        QVERIFY(m_fake.command("add-ingress shop storefront shop-tls shop.example.test,www.shop.example.test").ok());
        const IssuedCert shop = m_pki.issueLeaf({QStringLiteral("shop.example.test")});
        const PemFiles files = writePemFiles(m_dir.path(), QStringLiteral("shop"), shop, m_pki.caChain());
        const QByteArray created =
            runProgram(kubectl, {QStringLiteral("--kubeconfig"), m_fake.writeKubeconfig(),
                                 QStringLiteral("--cache-dir"), m_dir.path() + "/kubectl-cache", QStringLiteral("-n"),
                                 QStringLiteral("shop"), QStringLiteral("create"), QStringLiteral("secret"),
                                 QStringLiteral("tls"), QStringLiteral("shop-tls"), QStringLiteral("--cert"),
                                 files.fullChain, QStringLiteral("--key"), files.key});
        QVERIFY2(created.contains("created"), created.constData());

        QStringList problems;
        auto found = deployers::discoverTlsSecrets(api(), {}, &problems);
        QVERIFY2(found.ok(), qPrintable(found.message()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        const auto it = std::find_if(found->begin(), found->end(), [](const deployers::DiscoveredTlsSecret& secret) {
            return secret.namespaceName == QLatin1String("shop") && secret.name == QLatin1String("shop-tls");
        });
        QVERIFY(it != found->end());
        QCOMPARE(it->fingerprint, shop.cert.fingerprintSha256());
        QCOMPARE(it->ingresses.size(), 1);
        QCOMPARE(it->ingresses.front().ingress, QStringLiteral("storefront"));
        QCOMPARE(it->ingresses.front().hosts,
                 QStringList({QStringLiteral("shop.example.test"), QStringLiteral("www.shop.example.test")}));
    }

private:
    static QString KubernetesConnectionField(const char* id) { return QString::fromLatin1(id); }

    // stdout of a program; "(failed ...)" with its stderr when it fails.
    static QByteArray runProgram(const QString& program, const QStringList& arguments, const QByteArray& input = {})
    {
        QProcess process;
        process.start(program, arguments);
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            return "(failed " + process.readAllStandardError() + ")";
        }
        return process.readAllStandardOutput();
    }

    QByteArray chainPem() const
    {
        QByteArray pem;
        for (const crypto::Certificate& certificate : m_pki.caChain()) {
            pem += certificate.toPem();
        }
        return pem.trimmed() + '\n';
    }
    QByteArray fullChain(const IssuedCert& leaf) const { return leaf.cert.toPem().trimmed() + '\n' + chainPem(); }

    KubernetesDeployer deployer() const
    {
        return KubernetesDeployer(m_journal,
                                  std::make_shared<const deploy::BotPolicy>(deploy::BotPolicy::builtinDefaults()));
    }

    deployers::KubernetesConnection connection() const
    {
        auto made = deployers::KubernetesConnection::make(QUrl(m_fake.url()), m_fake.caPem(), QStringLiteral("default"),
                                                          KubernetesApiFakeFixture::kToken, {}, {});
        if (!made) {
            qFatal("%s", qPrintable(made.message()));
        }
        return *made;
    }
    deployers::KubernetesApi api() const { return deployers::KubernetesApi(connection(), 5000); }

    std::optional<deployers::KubernetesSecret> readSecret(const QString& name) const
    {
        auto read = api().readSecret(name);
        if (!read) {
            qFatal("%s", qPrintable(read.message()));
        }
        return *read;
    }

    void removeSecret(const QString& name) const
    {
        if (auto current = readSecret(name)) {
            (void)api().deleteSecret(name, current->resourceVersion);
        }
    }

    deploy::DeployRequest requestFor(const IssuedCert& leaf) const
    {
        deploy::DeployRequest request;
        request.fields = {{QStringLiteral("apiServer"), m_fake.url()},
                          {QStringLiteral("certificateAuthority"), QString::fromLatin1(m_fake.caPem().toBase64())},
                          {QStringLiteral("namespace"), QStringLiteral("default")},
                          {QStringLiteral("token"), QString::fromUtf8(KubernetesApiFakeFixture::kToken)},
                          {KubernetesDeployer::kSecretNameField, kSecret}};
        request.certificatePem = leaf.cert.toPem();
        request.chainPem = chainPem();
        request.keyPem = leaf.key.toPem();
        request.expectedFingerprint = leaf.cert.fingerprintSha256();
        request.verifyHost.clear(); // the fake serves no Ingress: only the read-back can be proven
        request.verifyTimeoutMs = 2000;
        return request;
    }

    QTemporaryDir m_dir;
    TestPki m_pki;
    KubernetesApiFakeFixture m_fake{QStringLiteral(CERTDECK_JAVA_FAKES_JAR), m_dir.path()};
    std::shared_ptr<deployers::DeploymentJournal> m_journal =
        std::make_shared<deployers::DeploymentJournal>(m_dir.path() + "/bot-state");
    std::unique_ptr<IssuedCert> m_old;
    QString m_clientCertificate;
    QString m_clientKey;
};

QTEST_GUILESS_MAIN(TestKubernetesDeployer)
#include "TestKubernetesDeployer.moc"
