// PKCS#12 key stores with several entries, and the format dispatch of KeyStore.h, proven with the JDK's real keytool.
#include "engine/crypto/KeyStore.h"

#include "tests/support/KeyTool.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::crypto;
using certdeck::test::IssuedCert;
using certdeck::test::KeyTool;
using certdeck::test::TestPki;

namespace {

const QByteArray kPassword = QByteArrayLiteral("changeit-42");

} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!KeyTool::isAvailable(&reason)) {
            QSKIP(qPrintable(reason));
        }
        QVERIFY(m_dir.isValid());
    }

    void formatNames()
    {
        QCOMPARE(keyStoreFormatFromName(QStringLiteral("pkcs12")), KeyStoreFormat::Pkcs12);
        QCOMPARE(keyStoreFormatFromName(QStringLiteral("PFX")), KeyStoreFormat::Pkcs12);
        QCOMPARE(keyStoreFormatFromName(QStringLiteral("JKS")), KeyStoreFormat::Jks);
        QVERIFY(!keyStoreFormatFromName(QStringLiteral("PEM")));
        QCOMPARE(keyStoreFormatName(KeyStoreFormat::Jks), QStringLiteral("JKS"));
    }

    // keytool (Java 9+) writes PKCS#12 by default, whatever the file is called: the content decides.
    void formatIsRecognisedByContent()
    {
        const QString named = m_dir.filePath(QStringLiteral("really-pkcs12.jks"));
        QVERIFY2(KeyTool::generateKeyPair(named, QStringLiteral("PKCS12"), kPassword, QStringLiteral("a")).ok,
                 "keytool -genkeypair");
        QCOMPARE(detectKeyStoreFormat(test::readFileBytes(named)), KeyStoreFormat::Pkcs12);
        const QString jks = m_dir.filePath(QStringLiteral("real.jks"));
        QVERIFY(KeyTool::generateKeyPair(jks, QStringLiteral("JKS"), kPassword, QStringLiteral("a")).ok);
        QCOMPARE(detectKeyStoreFormat(test::readFileBytes(jks)), KeyStoreFormat::Jks);
        QVERIFY(!detectKeyStoreFormat(QByteArrayLiteral("-----BEGIN CERTIFICATE-----\n")));
        QVERIFY(!detectKeyStoreFormat(QByteArray()));
        // Updating the misnamed store keeps it PKCS#12 even when JKS is asked for: Tomcat reads it by its type.
        const IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("misnamed.test")});
        auto updated = updateKeyStore(test::readFileBytes(named), KeyStoreFormat::Jks, kPassword, QStringLiteral("b"),
                                      leaf.key, leaf.cert, m_pki.caChain());
        QVERIFY2(updated.ok(), qPrintable(updated.message()));
        QCOMPARE(detectKeyStoreFormat(*updated), KeyStoreFormat::Pkcs12);
    }

    void newStoreIsReadByKeytool_data()
    {
        QTest::addColumn<Pkcs12Algorithms>("algorithms");
        QTest::newRow("modern") << Pkcs12Algorithms::Modern;
        QTest::newRow("legacy") << Pkcs12Algorithms::Legacy;
    }
    void newStoreIsReadByKeytool()
    {
        QFETCH(Pkcs12Algorithms, algorithms);
        const IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("shop.test")});
        auto store = updateKeyStore({}, KeyStoreFormat::Pkcs12, kPassword, QStringLiteral("Tomcat"), leaf.key,
                                    leaf.cert, m_pki.caChain(), algorithms);
        QVERIFY2(store.ok(), qPrintable(store.message()));
        const QString path = m_dir.filePath(QStringLiteral("new-%1.p12").arg(QTest::currentDataTag()));
        QVERIFY(test::writeFileBytes(path, *store));
        const KeyTool::Listing listing = KeyTool::list(path, kPassword);
        QVERIFY2(listing.ok, qPrintable(listing.output));
        QCOMPARE(listing.storeType, QStringLiteral("PKCS12"));
        QCOMPARE(listing.aliases, QStringList{QStringLiteral("tomcat")});
        QCOMPARE(listing.entryType(QStringLiteral("tomcat")), QStringLiteral("PrivateKeyEntry"));
        QCOMPARE(listing.chainLength(QStringLiteral("tomcat")), 3); // leaf, intermediate, root
        QCOMPARE(listing.fingerprints(QStringLiteral("tomcat")).value(0), KeyTool::fingerprintOf(leaf.cert));
        // keytool -certreq signs with the private key: Java can use the key, not only list it.
        const KeyTool::Outcome csr = KeyTool::run({QStringLiteral("-certreq"), QStringLiteral("-alias"),
                                                   QStringLiteral("tomcat"), QStringLiteral("-keystore"), path},
                                                  kPassword + '\n');
        QVERIFY2(csr.ok && csr.output.contains(QLatin1String("BEGIN NEW CERTIFICATE REQUEST")), qPrintable(csr.output));

        auto entry = readKeyStoreEntry(*store, kPassword, QStringLiteral("TOMCAT"));
        QVERIFY2(entry.ok(), qPrintable(entry.message()));
        QCOMPARE(entry->leaf.fingerprintSha256(), leaf.cert.fingerprintSha256());
        QVERIFY(entry->leaf.matchesKey(entry->key));
        QCOMPARE(entry->chain.size(), 2);
        QCOMPARE(entry->chain.at(0).fingerprintSha256(), m_pki.intermediate().cert.fingerprintSha256());
    }

    // An operator's store holds more than our certificate: the other key and the trusted CA survive, unchanged.
    void updateKeepsTheOtherEntries()
    {
        const QString path = m_dir.filePath(QStringLiteral("shared.p12"));
        QVERIFY(KeyTool::generateKeyPair(path, QStringLiteral("PKCS12"), kPassword, QStringLiteral("other")).ok);
        const QString caFile = m_dir.filePath(QStringLiteral("partner-ca.pem"));
        QVERIFY(test::writeFileBytes(caFile, TestPki::makeRoot(QStringLiteral("Partner CA")).cert.toPem()));
        const KeyTool::Outcome imported =
            KeyTool::importTrusted(path, QStringLiteral("PKCS12"), kPassword, QStringLiteral("partner"), caFile);
        QVERIFY2(imported.ok, qPrintable(imported.output));
        const KeyTool::Listing before = KeyTool::list(path, kPassword);
        QVERIFY2(before.ok, qPrintable(before.output));

        QString servedFingerprint;
        for (const QString& name : {QStringLiteral("first.test"), QStringLiteral("second.test")}) {
            const IssuedCert leaf = m_pki.issueLeaf({name});
            auto updated = updateKeyStore(test::readFileBytes(path), KeyStoreFormat::Pkcs12, kPassword,
                                          QStringLiteral("tomcat"), leaf.key, leaf.cert, m_pki.caChain());
            QVERIFY2(updated.ok(), qPrintable(updated.message()));
            QVERIFY(test::writeFileBytes(path, *updated));
            servedFingerprint = KeyTool::fingerprintOf(leaf.cert);
        }
        const KeyTool::Listing after = KeyTool::list(path, kPassword);
        QVERIFY2(after.ok, qPrintable(after.output));
        QCOMPARE(after.aliases.size(), 3);
        for (const QString& alias : {QStringLiteral("other"), QStringLiteral("partner")}) {
            QVERIFY2(after.aliases.contains(alias), qPrintable(after.output));
            QCOMPARE(after.entryType(alias), before.entryType(alias));
            QCOMPARE(after.fingerprints(alias), before.fingerprints(alias));
        }
        QCOMPARE(after.entryType(QStringLiteral("partner")), QStringLiteral("trustedCertEntry"));
        QCOMPARE(after.fingerprints(QStringLiteral("tomcat")).value(0), servedFingerprint);
        QCOMPARE(after.chainLength(QStringLiteral("tomcat")), 3);

        auto aliases = keyStoreAliases(test::readFileBytes(path), kPassword);
        QVERIFY2(aliases.ok(), qPrintable(aliases.message()));
        QCOMPARE(aliases->size(), 3);
        // The key keytool made is still usable by us.
        auto other = readKeyStoreEntry(test::readFileBytes(path), kPassword, QStringLiteral("other"));
        QVERIFY2(other.ok(), qPrintable(other.message()));
        QCOMPARE(other->leaf.commonName(), QStringLiteral("other"));
        QVERIFY(other->leaf.matchesKey(other->key));
    }

    // "Use Existing Certificate CSR" on a Java target reads the certificate in the store with the keychain's password.
    void readsAnEntryKeytoolWrote()
    {
        const QString path = m_dir.filePath(QStringLiteral("keytool.p12"));
        QVERIFY(KeyTool::generateKeyPair(path, QStringLiteral("PKCS12"), kPassword, QStringLiteral("site"),
                                         QStringLiteral("CN=www.example.test,O=Shop"))
                    .ok);
        auto entry = readKeyStoreEntry(test::readFileBytes(path), kPassword);
        QVERIFY2(entry.ok(), qPrintable(entry.message()));
        QCOMPARE(entry->alias, QStringLiteral("site"));
        QCOMPARE(entry->leaf.commonName(), QStringLiteral("www.example.test"));
        QVERIFY(entry->leaf.matchesKey(entry->key));
    }

    void wrongPasswordAndMissingAliasAreNamed()
    {
        const IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("named.test")});
        auto store =
            updateKeyStore({}, KeyStoreFormat::Pkcs12, kPassword, QStringLiteral("tomcat"), leaf.key, leaf.cert, {});
        QVERIFY(store.ok());
        auto wrong = readKeyStoreEntry(*store, QByteArrayLiteral("not-the-password"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().kind, QStringLiteral("wrongPassword"));
        QVERIFY2(wrong.message().contains(QLatin1String("password is wrong")), qPrintable(wrong.message()));
        auto update = updateKeyStore(*store, KeyStoreFormat::Pkcs12, QByteArrayLiteral("not-the-password"),
                                     QStringLiteral("tomcat"), leaf.key, leaf.cert, {});
        QCOMPARE(update.error().kind, QStringLiteral("wrongPassword"));
        auto missing = readKeyStoreEntry(*store, kPassword, QStringLiteral("jetty"));
        QCOMPARE(missing.error().kind, QStringLiteral("aliasNotFound"));
        QVERIFY2(missing.message().contains(QLatin1String("\"jetty\"")) &&
                     missing.message().contains(QLatin1String("tomcat")),
                 qPrintable(missing.message()));
        const IssuedCert stranger = m_pki.issueLeaf({QStringLiteral("stranger.test")});
        auto mismatch =
            updateKeyStore({}, KeyStoreFormat::Pkcs12, kPassword, QStringLiteral("x"), stranger.key, leaf.cert, {});
        QCOMPARE(mismatch.error().kind, QStringLiteral("keyMismatch"));
        QCOMPARE(
            updateKeyStore({}, KeyStoreFormat::Pkcs12, {}, QStringLiteral("x"), leaf.key, leaf.cert, {}).error().kind,
            QStringLiteral("passwordRequired"));
    }

    void damagedStoresFailCleanly()
    {
        const IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("damaged.test")});
        auto store = updateKeyStore({}, KeyStoreFormat::Pkcs12, kPassword, QStringLiteral("tomcat"), leaf.key,
                                    leaf.cert, m_pki.caChain());
        QVERIFY(store.ok());
        for (qsizetype length = 0; length < store->size(); length += 7) {
            QVERIFY(!readKeyStoreEntry(store->left(length), kPassword).ok());
        }
        QByteArray flipped = *store;
        flipped[flipped.size() / 2] = char(flipped.at(flipped.size() / 2) ^ 0x40);
        QVERIFY(!readKeyStoreEntry(flipped, kPassword).ok());
        QByteArray jceks = QByteArray::fromHex("cececece00000002");
        QCOMPARE(keyStoreAliases(jceks, kPassword).error().kind, QStringLiteral("unsupported"));
    }

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "TestKeyStore.moc"
