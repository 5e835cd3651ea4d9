// What the Jetty deployer reads from jetty.base before it writes anything (deployers/jetty/JettyStartCheck): the
// key store Jetty loads, its passwords (plain or OBF:, with Jetty's own defaults when unset), the alias and the
// ssl-reload scanner, each refusal naming the ini file and line.
#include "deployers/common/LocalHost.h"
#include "deployers/jetty/JettyStartCheck.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestJettyStartCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checks_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<bool>("scanner");
        QTest::addColumn<int>("interval"); // -1: refused
        QTest::addColumn<QStringList>("named");
        const QByteArray passwords = "jetty.sslContext.keyStorePassword=OBF:1lts1iur1vn21vnw1vn61vo01irv1lq6\n"
                                     "jetty.sslContext.keyManagerPassword=secret12\n";
        QTest::newRow("scanner, OBF password, relative path")
            << "--module=ssl,https,ssl-reload\njetty.sslContext.keyStorePath=etc/site.p12\n" + passwords << true << 1
            << QStringList{};
        QTest::newRow("scan interval") << "--module=ssl,ssl-reload\njetty.sslContext.keyStorePath=etc/site.p12\n" +
                                              passwords + "jetty.sslContext.reload.scanInterval=5\n"
                                       << true << 5 << QStringList{};
        QTest::newRow("restart needs no scanner")
            << "--module=ssl\njetty.sslContext.keyStorePath=etc/site.p12\n" + passwords << false << 0 << QStringList{};
        QTest::newRow("scanner off") << "--module=ssl,ssl-reload\njetty.sslContext.keyStorePath=etc/site.p12\n" +
                                            passwords + "jetty.sslContext.reload.scanInterval=0\n"
                                     << true << -1
                                     << QStringList{QStringLiteral("Reload method"), QStringLiteral("ssl-reload")};
        QTest::newRow("key manager password unset")
            << QByteArray("--module=ssl\njetty.sslContext.keyStorePath=etc/site.p12\n"
                          "jetty.sslContext.keyStorePassword=secret12\n")
            << false << -1
            << QStringList{QStringLiteral("jetty.sslContext.keyManagerPassword"),
                           QStringLiteral("not set: Jetty's default")};
        QTest::newRow("store password unset")
            << QByteArray("--module=ssl\njetty.sslContext.keyStorePath=etc/site.p12\n") << false << -1
            << QStringList{QStringLiteral("Key store password")};
        QTest::newRow("damaged OBF") << QByteArray("--module=ssl\njetty.sslContext.keyStorePath=etc/site.p12\n"
                                                   "jetty.sslContext.keyStorePassword=OBF:1lts1i\n")
                                     << false << -1
                                     << QStringList{QStringLiteral("damaged OBF"), QStringLiteral("ssl.ini:3")};
        QTest::newRow("default key store")
            << "--module=ssl\n" + passwords << false << -1
            << QStringList{QStringLiteral("Jetty reads"), QStringLiteral("/etc/keystore")};
        QTest::newRow("another alias")
            << "--module=ssl\njetty.sslContext.keyStorePath=etc/site.p12\njetty.sslContext.certAlias=web\n" + passwords
            << false << -1
            << QStringList{QStringLiteral("Key alias"), QStringLiteral("\"web\""), QStringLiteral("ssl.ini:3")};
        QTest::newRow("no ssl module") << "--module=http\n" + passwords << false << -1
                                       << QStringList{QStringLiteral("ssl module")};
    }
    void checks()
    {
        QFETCH(QByteArray, ini);
        QFETCH(bool, scanner);
        QFETCH(int, interval);
        QFETCH(QStringList, named);
        QTemporaryDir base;
        QVERIFY(QDir(base.path()).mkpath(QStringLiteral("start.d")));
        QVERIFY(test::writeFileBytes(base.filePath(QStringLiteral("start.ini")), "# the base\n"));
        QVERIFY(test::writeFileBytes(base.filePath(QStringLiteral("start.d/ssl.ini")), ini));
        const deployers::LocalHost host;
        const auto checked =
            deployers::checkJettyStart(host, {base.path(), base.filePath(QStringLiteral("etc/site.p12")), "secret12",
                                              QStringLiteral("jetty"), scanner});
        if (interval >= 0) {
            QVERIFY2(checked.ok(), qPrintable(checked.message()));
            QCOMPARE(checked.value(), interval);
            return;
        }
        QVERIFY(!checked.ok());
        for (const QString& part : named) {
            QVERIFY2(checked.message().contains(part), qPrintable(checked.message()));
        }
        QVERIFY(!checked.message().contains(QLatin1String("secret12")));
    }
};

QTEST_GUILESS_MAIN(TestJettyStartCheck)
#include "TestJettyStartCheck.moc"
