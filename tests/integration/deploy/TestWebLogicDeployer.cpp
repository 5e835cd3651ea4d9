// The WebLogic deployer against the protocol-faithful fake of WebLogic's RESTful management API (tests/fakes/java:
// Basic auth, X-Requested-By, the edit lock of changeManager startEdit / activate / cancelEdit) whose TLS listeners
// are a REAL JVM that reads the identity key store on activate and only then switches: a PKCS12 and a JKS store each
// keep their other alias, and every failure leaves the old store byte-identical, the old certificate served and the
// edit lock released.
#include "JavaKeyStoreTarget.h"

#include "deployers/common/ManagementHttp.h"
#include "deployers/weblogic/WebLogicDeployer.h"
#include "deployers/weblogic/WebLogicManagement.h"
#include "tests/support/JavaFakeServerFixture.h"
#include "tests/support/TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::test;
using Store = JavaKeyStoreTarget::Store;

namespace {

const QString kUser = QStringLiteral("certdeck");
const QByteArray kPassword = QByteArrayLiteral("admin-secret-5");
const QString kOperator = QStringLiteral("operator"); // a second administrator who may hold the edit lock
const QByteArray kOperatorPassword = QByteArrayLiteral("operator-secret-3");
const QString kHostName = QStringLiteral("weblogic.test");

QString serverName(Store store)
{
    return store == Store::Pkcs12 ? QStringLiteral("AdminServer") : QStringLiteral("ManagedServer1");
}

} // namespace

class TestWebLogicDeployer : public QObject
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
            m_adminPort = freeLoopbackPort();
        } while (m_adminPort == m_port || m_adminPort == m_jksPort);
        QStringList arguments{QStringLiteral("--admin-port"), QString::number(m_adminPort),
                              QStringLiteral("--user"),       kUser,
                              QStringLiteral("--user"),       kOperator};
        QList<std::pair<QString, QByteArray>> secrets{{QStringLiteral("user.") + kUser, kPassword},
                                                      {QStringLiteral("user.") + kOperator, kOperatorPassword}};
        for (Store store : {Store::Pkcs12, Store::Jks}) {
            arguments << QStringLiteral("--server")
                      << QStringLiteral("name=%1,tls-port=%2,identity=%3,type=%4,alias=%5")
                             .arg(serverName(store))
                             .arg(portOf(store))
                             .arg(m_stores.path(store), m_stores.type(store), m_stores.alias());
            secrets.append(
                {QStringLiteral("server.%1.identity").arg(serverName(store)), JavaKeyStoreTarget::kPassword});
        }
        const Status started = m_fake.start(arguments, secrets);
        QVERIFY2(started.ok(), qPrintable(started.message()));
        for (Store store : {Store::Pkcs12, Store::Jks}) {
            const QString unchanged = m_stores.checkUnchanged(store, portOf(store));
            QVERIFY2(unchanged.isEmpty(), qPrintable(unchanged + QLatin1Char('\n') + m_fake.log()));
        }
    }

    void cleanupTestCase() { m_fake.stop(); }

    // Every test starts with the old stores on disk and served, and no edit session.
    void init()
    {
        for (Store store : {Store::Pkcs12, Store::Jks}) {
            const QString restored = m_stores.restore(store, portOf(store), [&] {
                deployers::WebLogicIdentity identity;
                identity.keyStoreFile = m_stores.path(store);
                identity.keyStoreType = m_stores.type(store);
                identity.keyStorePassPhrase = JavaKeyStoreTarget::kPassword;
                identity.privateKeyAlias = m_stores.alias();
                identity.privateKeyPassPhrase = JavaKeyStoreTarget::kPassword;
                const auto outcome = management().setIdentity(serverName(store), identity, 20000);
                return outcome.ok ? QString() : outcome.output;
            });
            QVERIFY2(restored.isEmpty(), qPrintable(restored));
        }
        QVERIFY2(!editLocked(), "an edit session is still open");
    }

    void deploysIntoThePkcs12StoreKeepingOtherAliasesAndRollsBack()
    {
        const IssuedCert fresh = m_pki.issueLeaf({kHostName});
        deployers::WebLogicDeployer deployer;
        auto report = deployer.deploy(requestFor(fresh, Store::Pkcs12), {});
        const QString deployed = m_stores.checkDeployed(report, fresh, Store::Pkcs12, m_port);
        QVERIFY2(deployed.isEmpty(), qPrintable(deployed + QLatin1Char('\n') + m_fake.log()));
        QVERIFY2(report->steps.join('\n').contains(QLatin1String("activate")), qPrintable(report->steps.join('\n')));
        QVERIFY(!editLocked());
        QCOMPARE(servedFingerprint(m_jksPort, kHostName), m_stores.old().cert.fingerprintSha256());

        auto rolledBack = deployer.rollback(report->backupId, requestFor(fresh, Store::Pkcs12), {});
        const QString restored = m_stores.checkRolledBack(rolledBack, Store::Pkcs12, m_port);
        QVERIFY2(restored.isEmpty(), qPrintable(restored));
    }

    void deploysIntoAJksStore()
    {
        const IssuedCert fresh = m_pki.issueLeaf({kHostName});
        deployers::WebLogicDeployer deployer;
        auto report = deployer.deploy(requestFor(fresh, Store::Jks), {});
        const QString deployed = m_stores.checkDeployed(report, fresh, Store::Jks, m_jksPort);
        QVERIFY2(deployed.isEmpty(), qPrintable(deployed + QLatin1Char('\n') + m_fake.log()));
        QCOMPARE(servedFingerprint(m_port, kHostName), m_stores.old().cert.fingerprintSha256());
    }

    // Every failure is named, and the old store stays byte-identical and served with no edit session left open:
    // refused before anything is written (wrong key store password, an Admin URL on another host), or rolled back
    // after WebLogic refused or could not be reached (HTTP 401, a failed activation, the edit lock held by another
    // administrator, an unknown server, connection refused).
    void failuresLeaveTheOldStoreServed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("injected"); // "activate fails", "locked by operator"
        QTest::addColumn<bool>("refusedBeforeWriting");
        QTest::addColumn<QStringList>("named");
        QTest::newRow("key store password")
            << QStringLiteral("keyStorePassword") << QStringLiteral("not it") << QString() << true
            << QStringList{QStringLiteral("password is wrong"), m_stores.path(Store::Pkcs12)};
        QTest::newRow("admin 401") << QStringLiteral("adminPassword") << QStringLiteral("wrong") << QString() << false
                                   << QStringList{QStringLiteral("HTTP 401"), QStringLiteral("Admin user"),
                                                  QStringLiteral("\"certdeck\"")};
        QTest::newRow("activate refused")
            << QString() << QString() << QStringLiteral("activate fails") << false
            << QStringList{QStringLiteral("changeManager/activate"), QStringLiteral("injected activation failure"),
                           QStringLiteral("cancelEdit")};
        QTest::newRow("edit lock held") << QString() << QString() << QStringLiteral("locked by operator") << false
                                        << QStringList{QStringLiteral("startEdit"), QStringLiteral("operator")};
        QTest::newRow("unknown server") << QStringLiteral("serverName") << QStringLiteral("NoSuchServer") << QString()
                                        << false
                                        << QStringList{QStringLiteral("HTTP 404"), QStringLiteral("NoSuchServer")};
        QTest::newRow("server down") << QStringLiteral("adminUrl")
                                     << QStringLiteral("http://127.0.0.1:%1").arg(closedPort()) << QString() << false
                                     << QStringList{QStringLiteral("cannot be reached")};
        QTest::newRow("admin elsewhere") << QStringLiteral("adminUrl") << QStringLiteral("http://attacker.example:7001")
                                         << QString() << true
                                         << QStringList{QStringLiteral("Admin URL"),
                                                        QStringLiteral("attacker.example")};
    }
    void failuresLeaveTheOldStoreServed()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, injected);
        QFETCH(bool, refusedBeforeWriting);
        QFETCH(QStringList, named);
        deploy::DeployRequest request = requestFor(m_pki.issueLeaf({kHostName}), Store::Pkcs12);
        if (!field.isEmpty()) {
            request.fields[field] = value;
        }
        if (injected == QLatin1String("activate fails")) {
            const Status armed = m_fake.command("fail-next-activate injected activation failure");
            QVERIFY2(armed.ok(), qPrintable(armed.message()));
        } else if (injected == QLatin1String("locked by operator")) {
            QCOMPARE(operatorPost(QStringLiteral("changeManager/startEdit")), 200);
        }
        deployers::WebLogicDeployer deployer;
        const auto report = deployer.deploy(request, {});
        const QString failure = m_stores.checkFailure(report, refusedBeforeWriting, named, Store::Pkcs12, m_port);
        if (injected == QLatin1String("locked by operator")) {
            QVERIFY(editLocked()); // still the operator's session: the deployer must not cancel someone else's
            QCOMPARE(operatorPost(QStringLiteral("changeManager/cancelEdit")), 200);
        }
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY2(!editLocked(), "the deployer left an edit session open");
        if (report) {
            QVERIFY2(!report->failure.contains(QString::fromUtf8(kPassword)), qPrintable(report->failure));
        }
    }

    // The fake's edit lock as the RESTful API defines it (what the deployer relies on).
    void editsNeedTheCallersOwnSessionAndActivateSwitchesOnlyThen()
    {
        QCOMPARE(operatorPost(QStringLiteral("servers/AdminServer/SSL"),
                              {{QStringLiteral("serverPrivateKeyAlias"), QStringLiteral("other")}}),
                 400);                                                         // no startEdit
        QCOMPARE(operatorPost(QStringLiteral("changeManager/activate")), 400); // no edit session
        QCOMPARE(operatorPost(QStringLiteral("changeManager/startEdit")), 200);
        // The operator points AdminServer at the "other" key: nothing changes before activate, and cancelEdit
        // discards it.
        QCOMPARE(operatorPost(QStringLiteral("servers/AdminServer/SSL"),
                              {{QStringLiteral("serverPrivateKeyAlias"), QStringLiteral("other")}}),
                 200);
        QCOMPARE(servedFingerprint(m_port, kHostName), m_stores.old().cert.fingerprintSha256());
        QCOMPARE(operatorPost(QStringLiteral("changeManager/cancelEdit")), 200);
        QCOMPARE(operatorPost(QStringLiteral("changeManager/activate")), 400);
        QCOMPARE(servedFingerprint(m_port, kHostName), m_stores.old().cert.fingerprintSha256());
        // Without X-Requested-By WebLogic refuses any POST.
        const deployers::ManagementHttp http(kUser, kPassword, deployers::ManagementHttp::Authentication::Basic);
        QCOMPARE(http.post(editUrl(QStringLiteral("changeManager/startEdit")), "{}",
                           {{"Content-Type", "application/json"}}, 10000)
                     .status,
                 400);
        QVERIFY(!editLocked());
    }

private:
    int portOf(Store store) const { return store == Store::Pkcs12 ? m_port : m_jksPort; }

    int closedPort() const
    {
        int port = 0;
        do {
            port = freeLoopbackPort();
        } while (port == m_port || port == m_jksPort || port == m_adminPort);
        return port;
    }

    QString adminUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_adminPort); }
    QUrl editUrl(const QString& path) const
    {
        return QUrl(adminUrl() + QStringLiteral("/management/weblogic/latest/edit/") + path);
    }

    deployers::WebLogicManagement management() const
    {
        return deployers::WebLogicManagement(QUrl(adminUrl()), kUser, kPassword);
    }

    // A POST by the second administrator; the HTTP status.
    int operatorPost(const QString& path, const QJsonObject& body = {}) const
    {
        const deployers::ManagementHttp http(kOperator, kOperatorPassword,
                                             deployers::ManagementHttp::Authentication::Basic);
        return http
            .post(editUrl(path), QJsonDocument(body).toJson(QJsonDocument::Compact),
                  {{"Accept", "application/json"}, {"Content-Type", "application/json"}, {"X-Requested-By", "test"}},
                  10000)
            .status;
    }

    bool editLocked() const
    {
        const deployers::ManagementHttp http(kUser, kPassword, deployers::ManagementHttp::Authentication::Basic);
        const auto reply = http.get(editUrl(QStringLiteral("changeManager")), {{"Accept", "application/json"}}, 10000);
        return reply.status != 200 ||
               QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("locked")).toBool();
    }

    deploy::DeployRequest requestFor(const IssuedCert& leaf, Store store) const
    {
        deploy::DeployRequest request = m_stores.request(leaf, store, portOf(store));
        request.fields[QStringLiteral("adminUrl")] = adminUrl();
        request.fields[QStringLiteral("adminUser")] = kUser;
        request.fields[QStringLiteral("adminPassword")] = QString::fromUtf8(kPassword);
        request.fields[QStringLiteral("serverName")] = serverName(store);
        return request;
    }

    QTemporaryDir m_dir;
    TestPki m_pki;
    JavaKeyStoreTarget m_stores{m_dir.path(), QStringLiteral("server"), kHostName, m_pki};
    JavaFakeServerFixture m_fake{QStringLiteral(CERTDECK_JAVA_FAKES_JAR),
                                 QStringLiteral("certdeck.fakes.WebLogicManagementFake"),
                                 m_dir.filePath(QStringLiteral("weblogic-fake.log"))};
    int m_port = 0;
    int m_jksPort = 0;
    int m_adminPort = 0;
};

QTEST_GUILESS_MAIN(TestWebLogicDeployer)
#include "TestWebLogicDeployer.moc"
