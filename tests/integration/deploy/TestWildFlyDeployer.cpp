// The WildFly deployer against the protocol-faithful fake of WildFly's HTTP management API (tests/fakes/java:
// JSON DMR over POST /management, HTTP Digest in the ManagementRealm) whose TLS listeners are a REAL JVM reading the
// key stores the deployer writes and switching only at the key-manager's init: a PKCS12 and a JKS store each keep
// their other alias, and every failure leaves the old store byte-identical and the old certificate served.
#include "JavaKeyStoreTarget.h"

#include "deployers/common/ManagementHttp.h"
#include "deployers/wildfly/WildFlyDeployer.h"
#include "deployers/wildfly/WildFlyManagement.h"
#include "engine/crypto/KeyStore.h"
#include "tests/support/JavaFakeServerFixture.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::test;
using Store = JavaKeyStoreTarget::Store;

namespace {

const QString kUser = QStringLiteral("certdeck");
const QByteArray kPassword = QByteArrayLiteral("management-secret-9");
const QString kHostName = QStringLiteral("wildfly.test");

QString keyStoreName(Store store)
{
    return store == Store::Pkcs12 ? QStringLiteral("applicationKS") : QStringLiteral("jksKS");
}

QString keyManagerName(Store store)
{
    return store == Store::Pkcs12 ? QStringLiteral("applicationKM") : QStringLiteral("jksKM");
}

} // namespace

class TestWildFlyDeployer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!JavaFakeServerFixture::isAvailable(QStringLiteral(CERTDECK_JAVA_FAKES_JAR), &reason) ||
            !JavaKeyStoreTarget::isAvailable(&reason)) {
            QSKIP(qPrintable(reason));
        }
        QVERIFY(m_dir.isValid());
        const Status created = m_stores.create();
        QVERIFY2(created.ok(), qPrintable(created.message()));
        m_port = freeLoopbackPort();
        do {
            m_jksPort = freeLoopbackPort();
        } while (m_jksPort == m_port);
        do {
            m_managementPort = freeLoopbackPort();
        } while (m_managementPort == m_port || m_managementPort == m_jksPort);
        QStringList arguments{QStringLiteral("--management-port"), QString::number(m_managementPort),
                              QStringLiteral("--user"), kUser};
        for (Store store : {Store::Pkcs12, Store::Jks}) {
            arguments << QStringLiteral("--key-store")
                      << QStringLiteral("name=%1,path=%2,type=%3")
                             .arg(keyStoreName(store), m_stores.path(store), m_stores.type(store))
                      << QStringLiteral("--key-manager")
                      << QStringLiteral("name=%1,key-store=%2,alias-filter=%3,tls-port=%4")
                             .arg(keyManagerName(store), keyStoreName(store), m_stores.alias())
                             .arg(portOf(store));
        }
        const Status started =
            m_fake.start(arguments, {{QStringLiteral("user.") + kUser, kPassword},
                                     {QStringLiteral("key-store.applicationKS"), JavaKeyStoreTarget::kPassword},
                                     {QStringLiteral("key-store.jksKS"), JavaKeyStoreTarget::kPassword}});
        QVERIFY2(started.ok(), qPrintable(started.message()));
        for (Store store : {Store::Pkcs12, Store::Jks}) {
            const QString unchanged = m_stores.checkUnchanged(store, portOf(store));
            QVERIFY2(unchanged.isEmpty(), qPrintable(unchanged + QLatin1Char('\n') + m_fake.log()));
        }
    }

    void cleanupTestCase() { m_fake.stop(); }

    // Every test starts with the old stores on disk and served.
    void init()
    {
        for (Store store : {Store::Pkcs12, Store::Jks}) {
            const QString restored = m_stores.restore(store, portOf(store), [&] {
                const auto outcome =
                    management(kPassword).reloadKeyStore(keyStoreName(store), keyManagerName(store), 20000);
                return outcome.ok ? QString() : outcome.output;
            });
            QVERIFY2(restored.isEmpty(), qPrintable(restored));
        }
    }

    void deploysIntoThePkcs12StoreKeepingOtherAliasesAndRollsBack()
    {
        const IssuedCert fresh = m_pki.issueLeaf({kHostName});
        deployers::WildFlyDeployer deployer;
        auto report = deployer.deploy(requestFor(fresh, Store::Pkcs12), {});
        const QString deployed = m_stores.checkDeployed(report, fresh, Store::Pkcs12, m_port);
        QVERIFY2(deployed.isEmpty(), qPrintable(deployed + QLatin1Char('\n') + m_fake.log()));
        QVERIFY2(report->steps.join('\n').contains(QLatin1String("key-manager=applicationKM:init")),
                 qPrintable(report->steps.join('\n')));
        // The JKS store's listener still serves its own certificate.
        QCOMPARE(servedFingerprint(m_jksPort, kHostName), m_stores.old().cert.fingerprintSha256());

        // Rolling back puts the old store back byte for byte and WildFly serves the old certificate again.
        auto rolledBack = deployer.rollback(report->backupId, requestFor(fresh, Store::Pkcs12), {});
        const QString restored = m_stores.checkRolledBack(rolledBack, Store::Pkcs12, m_port);
        QVERIFY2(restored.isEmpty(), qPrintable(restored));
    }

    void deploysIntoAJksStore()
    {
        const IssuedCert fresh = m_pki.issueLeaf({kHostName});
        deployers::WildFlyDeployer deployer;
        auto report = deployer.deploy(requestFor(fresh, Store::Jks), {});
        const QString deployed = m_stores.checkDeployed(report, fresh, Store::Jks, m_jksPort);
        QVERIFY2(deployed.isEmpty(), qPrintable(deployed + QLatin1Char('\n') + m_fake.log()));
        QCOMPARE(servedFingerprint(m_port, kHostName), m_stores.old().cert.fingerprintSha256());
    }

    // Every failure is named, and the old store stays byte-identical and served: refused before anything is written
    // (wrong key store password, a management URL on another host), or rolled back after WildFly refused or could
    // not be reached (HTTP 401, a failed outcome, connection refused).
    void failuresLeaveTheOldStoreServed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("refusedBeforeWriting");
        QTest::addColumn<QStringList>("named");
        QTest::newRow("key store password")
            << QStringLiteral("keyStorePassword") << QStringLiteral("not it") << true
            << QStringList{QStringLiteral("password is wrong"), m_stores.path(Store::Pkcs12)};
        QTest::newRow("management 401") << QStringLiteral("managementPassword") << QStringLiteral("wrong") << false
                                        << QStringList{QStringLiteral("HTTP 401"), QStringLiteral("Management user"),
                                                       QStringLiteral("\"certdeck\"")};
        // load() of the key-store succeeds, init() of a key-manager that does not exist fails.
        QTest::newRow("init refused") << QStringLiteral("keyManagerName") << QStringLiteral("missingKM") << false
                                      << QStringList{QStringLiteral("WFLYCTL0216"), QStringLiteral("missingKM")};
        QTest::newRow("load refused") << QStringLiteral("keyStoreName") << QStringLiteral("missingKS") << false
                                      << QStringList{QStringLiteral("WildFly refused"), QStringLiteral("missingKS")};
        QTest::newRow("server down") << QStringLiteral("managementUrl")
                                     << QStringLiteral("http://127.0.0.1:%1/management").arg(closedPort()) << false
                                     << QStringList{QStringLiteral("cannot be reached")};
        QTest::newRow("management elsewhere")
            << QStringLiteral("managementUrl") << QStringLiteral("http://attacker.example:9990/management") << true
            << QStringList{QStringLiteral("Management URL"), QStringLiteral("attacker.example")};
    }
    void failuresLeaveTheOldStoreServed()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(bool, refusedBeforeWriting);
        QFETCH(QStringList, named);
        deploy::DeployRequest request = requestFor(m_pki.issueLeaf({kHostName}), Store::Pkcs12);
        request.fields[field] = value;
        deployers::WildFlyDeployer deployer;
        const auto report = deployer.deploy(request, {});
        const QString failure = m_stores.checkFailure(report, refusedBeforeWriting, named, Store::Pkcs12, m_port);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        if (report) {
            QVERIFY2(!report->failure.contains(QString::fromUtf8(kPassword)), qPrintable(report->failure));
        }
    }

    // The fake as WildFly behaves (what the deployer relies on): Digest only, and a key-store load alone changes
    // nothing served; the key-manager's init does.
    void theFakeSwitchesOnlyAtKeyManagerInit()
    {
        const IssuedCert fresh = m_pki.issueLeaf({kHostName});
        const deployers::ManagementHttp digest(kUser, kPassword, deployers::ManagementHttp::Authentication::Digest);
        // A store the key-store's credential-reference does not open: load fails as WildFly's does.
        auto foreign = crypto::updateKeyStore({}, crypto::KeyStoreFormat::Pkcs12, "another password", m_stores.alias(),
                                              fresh.key, fresh.cert, m_pki.caChain());
        QVERIFY2(foreign.ok(), qPrintable(foreign.message()));
        QVERIFY(writeFileBytes(m_stores.path(Store::Pkcs12), *foreign));
        auto refused =
            digest.post(QUrl(managementUrl()), operation("load", "key-store", "applicationKS"), kJson, 10000);
        QCOMPARE(refused.status, 500);
        QVERIFY2(refused.body.contains("WFLYELY00004"), refused.body.constData());

        auto store = crypto::updateKeyStore(m_stores.oldBytes(Store::Pkcs12), crypto::KeyStoreFormat::Pkcs12,
                                            JavaKeyStoreTarget::kPassword, m_stores.alias(), fresh.key, fresh.cert,
                                            m_pki.caChain());
        QVERIFY2(store.ok(), qPrintable(store.message()));
        QVERIFY(writeFileBytes(m_stores.path(Store::Pkcs12), *store));

        const deployers::ManagementHttp basic(kUser, kPassword, deployers::ManagementHttp::Authentication::Basic);
        QCOMPARE(
            basic.post(QUrl(managementUrl()), operation("load", "key-store", "applicationKS"), kJson, 10000).status,
            401);
        auto loaded = digest.post(QUrl(managementUrl()), operation("load", "key-store", "applicationKS"), kJson, 10000);
        QCOMPARE(loaded.status, 200);
        QVERIFY2(loaded.body.contains("\"outcome\":\"success\""), loaded.body.constData());
        QCOMPARE(servedFingerprint(m_port, kHostName), m_stores.old().cert.fingerprintSha256());
        auto initialised =
            digest.post(QUrl(managementUrl()), operation("init", "key-manager", "applicationKM"), kJson, 10000);
        QCOMPARE(initialised.status, 200);
        QCOMPARE(servedFingerprint(m_port, kHostName), fresh.cert.fingerprintSha256());
    }

private:
    static inline const QList<std::pair<QByteArray, QByteArray>> kJson{{"Content-Type", "application/json"}};

    static QByteArray operation(const char* name, const char* resourceType, const char* resource)
    {
        return QStringLiteral("{\"operation\":\"%1\",\"address\":[{\"subsystem\":\"elytron\"},{\"%2\":\"%3\"}]}")
            .arg(QLatin1String(name), QLatin1String(resourceType), QLatin1String(resource))
            .toUtf8();
    }

    int portOf(Store store) const { return store == Store::Pkcs12 ? m_port : m_jksPort; }

    // A loopback port nothing listens on.
    int closedPort() const
    {
        int port = 0;
        do {
            port = freeLoopbackPort();
        } while (port == m_port || port == m_jksPort || port == m_managementPort);
        return port;
    }

    QString managementUrl() const { return QStringLiteral("http://127.0.0.1:%1/management").arg(m_managementPort); }

    deployers::WildFlyManagement management(const QByteArray& password) const
    {
        return deployers::WildFlyManagement(QUrl(managementUrl()), kUser, password);
    }

    deploy::DeployRequest requestFor(const IssuedCert& leaf, Store store) const
    {
        deploy::DeployRequest request = m_stores.request(leaf, store, portOf(store));
        request.fields[QStringLiteral("managementUrl")] = managementUrl();
        request.fields[QStringLiteral("managementUser")] = kUser;
        request.fields[QStringLiteral("managementPassword")] = QString::fromUtf8(kPassword);
        request.fields[QStringLiteral("keyStoreName")] = keyStoreName(store);
        request.fields[QStringLiteral("keyManagerName")] = keyManagerName(store);
        return request;
    }

    QTemporaryDir m_dir;
    TestPki m_pki;
    JavaKeyStoreTarget m_stores{m_dir.path(), QStringLiteral("server"), kHostName, m_pki};
    JavaFakeServerFixture m_fake{QStringLiteral(CERTDECK_JAVA_FAKES_JAR),
                                 QStringLiteral("certdeck.fakes.WildFlyManagementFake"),
                                 m_dir.filePath(QStringLiteral("wildfly-fake.log"))};
    int m_port = 0;
    int m_jksPort = 0;
    int m_managementPort = 0;
};

QTEST_GUILESS_MAIN(TestWildFlyDeployer)
#include "TestWildFlyDeployer.moc"
