// deployers/jetty's reading of "OBF:" passwords: what Jetty 9.4's org.eclipse.jetty.util.security.Password writes
// must read back as the password, for ASCII and UTF-8 (the "U" form of bytes >= 0x80); damaged values are refused.
#include "deployers/jetty/JettyPassword.h"
#include "tests/support/JettyFixture.h"

#include <QTest>

using namespace certdeck;

class TestJettyPassword : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatJettyWrote_data()
    {
        QTest::addColumn<QString>("obfuscated");
        QTest::addColumn<QString>("password");
        // Printed by `java -cp /usr/share/java/jetty9-util.jar org.eclipse.jetty.util.security.Password <password>`
        // (jetty9 9.4.57); the first two are the defaults of Jetty's etc/jetty-ssl-context.xml.
        QTest::newRow("storepwd") << QStringLiteral("OBF:1vny1zlo1x8e1vnw1vn61x8g1zlu1vn4")
                                  << QStringLiteral("storepwd");
        QTest::newRow("keypwd") << QStringLiteral("OBF:1u2u1wml1z7s1z7a1wnl1u2g") << QStringLiteral("keypwd");
        QTest::newRow("secret12") << QStringLiteral("OBF:1lts1iur1vn21vnw1vn61vo01irv1lq6")
                                  << QStringLiteral("secret12");
        QTest::newRow("umlaut") << QStringLiteral(
                                       "OBF:1rv51w1c1xtl1uvc1rcc1hhq1y7zU0n24U06gz1thbU12jkU11841y7z1hdc1r9u1"
                                       "uuu1xtx1w261rxp")
                                << QStringLiteral("Kennwort für Jetty");
        QTest::newRow("plain") << QStringLiteral("not obfuscated") << QStringLiteral("not obfuscated");
    }
    void readsWhatJettyWrote()
    {
        QFETCH(QString, obfuscated);
        QFETCH(QString, password);
        const auto read = deployers::jettyPassword(obfuscated);
        QVERIFY(read.has_value());
        QCOMPARE(QString::fromUtf8(*read), password);
    }

    // The installed Jetty obfuscates, CertDeck reads: spaces, symbols, non-Latin scripts.
    void readsWhatTheInstalledJettyWrites()
    {
        QString reason;
        if (!test::JettyFixture::isAvailable(&reason)) {
            QSKIP(qPrintable(reason));
        }
        for (const QString& password : {QStringLiteral(" lead and trail "), QStringLiteral("p@ss:w0rd=;#\\\"'"),
                                        QStringLiteral("пароль密码🔑"), QStringLiteral("x")}) {
            const auto obfuscated = test::JettyFixture::obfuscate(password);
            QVERIFY2(obfuscated.ok(), qPrintable(obfuscated.message()));
            const auto read = deployers::jettyPassword(*obfuscated);
            QVERIFY2(read.has_value(), qPrintable(*obfuscated));
            QCOMPARE(QString::fromUtf8(*read), password);
        }
    }

    void refusesDamagedValues_data()
    {
        QTest::addColumn<QString>("obfuscated");
        QTest::newRow("truncated") << QStringLiteral("OBF:1vny1zlo1x8");
        QTest::newRow("not base 36") << QStringLiteral("OBF:1vny1z!o");
        QTest::newRow("U without digits") << QStringLiteral("OBF:U");
        QTest::newRow("out of range") << QStringLiteral("OBF:zzzz");
    }
    void refusesDamagedValues()
    {
        QFETCH(QString, obfuscated);
        QVERIFY(!deployers::jettyPassword(obfuscated).has_value());
    }
};

QTEST_GUILESS_MAIN(TestJettyPassword)
#include "TestJettyPassword.moc"
