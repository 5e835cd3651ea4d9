#include "engine/crypto/KeyStore.h"

#include "tests/support/KeyTool.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace certdeck;
using namespace certdeck::crypto;
using certdeck::test::IssuedCert;
using certdeck::test::KeyTool;
using certdeck::test::TestPki;

namespace {

const QByteArray kPassword = "changeit-41";

} // namespace

class TestJksStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newStoreListsInKeytool();
    void updatesKeytoolStoreKeepingOtherEntries();
    void readsKeyThatKeytoolGenerated();
    void wrongPasswordIsReported();
    void unknownAliasNamesTheAliases();
    void damagedStoreFailsWithoutCrash();
    void roundTripKeepsKeyAndChain();
    void javaSignsCsrWithOurKey();

private:
    bool requireKeyTool();
    QByteArray newStore(const QString& alias) const;

    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<IssuedCert> m_leaf;
};

void TestJksStore::initTestCase()
{
    m_pki = std::make_unique<TestPki>();
    m_leaf = std::make_unique<IssuedCert>(m_pki->issueLeaf({QStringLiteral("app.example.test")}));
}

bool TestJksStore::requireKeyTool()
{
    QString reason;
    return KeyTool::isAvailable(&reason);
}

QByteArray TestJksStore::newStore(const QString& alias) const
{
    auto store = updateKeyStore({}, KeyStoreFormat::Jks, kPassword, alias, m_leaf->key, m_leaf->cert,
                                {m_pki->intermediate().cert});
    return store ? *store : QByteArray();
}

void TestJksStore::newStoreListsInKeytool()
{
    if (!requireKeyTool()) {
        QSKIP("keytool is not installed");
    }
    QTemporaryDir dir;
    const QByteArray store = newStore(QStringLiteral("Tomcat"));
    QVERIFY(!store.isEmpty());
    const QString path = test::writeTestFile(dir.path(), QStringLiteral("new.jks"), store);

    const KeyTool::Listing listing = KeyTool::list(path, kPassword);
    QVERIFY2(listing.ok, qPrintable(listing.output));
    QCOMPARE(listing.storeType, QStringLiteral("JKS"));
    QCOMPARE(listing.aliases, QStringList{QStringLiteral("tomcat")});
    QCOMPARE(listing.entryType(QStringLiteral("tomcat")), QStringLiteral("PrivateKeyEntry"));
    QCOMPARE(listing.chainLength(QStringLiteral("tomcat")), 2);
    const QStringList fingerprints = listing.fingerprints(QStringLiteral("tomcat"));
    QCOMPARE(fingerprints.size(), 2);
    QCOMPARE(fingerprints.first(), KeyTool::fingerprintOf(m_leaf->cert));
    QCOMPARE(fingerprints.last(), KeyTool::fingerprintOf(m_pki->intermediate().cert));
}

void TestJksStore::updatesKeytoolStoreKeepingOtherEntries()
{
    if (!requireKeyTool()) {
        QSKIP("keytool is not installed");
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("theirs.jks"));
    auto made = KeyTool::generateKeyPair(path, QStringLiteral("JKS"), kPassword, QStringLiteral("other"));
    QVERIFY2(made.ok, qPrintable(made.output));
    const QString rootFile = test::writeTestFile(dir.path(), QStringLiteral("root.pem"), m_pki->root().cert.toPem());
    made = KeyTool::importTrusted(path, QStringLiteral("JKS"), kPassword, QStringLiteral("rootca"), rootFile);
    QVERIFY2(made.ok, qPrintable(made.output));
    const KeyTool::Listing before = KeyTool::list(path, kPassword);
    QVERIFY2(before.ok, qPrintable(before.output));

    QByteArray store = test::readFileBytes(path);
    for (int round = 0; round < 2; ++round) {
        const IssuedCert leaf = m_pki->issueLeaf({QStringLiteral("round%1.example.test").arg(round)});
        // The existing store keeps its format whatever the spec says.
        auto updated = updateKeyStore(store, KeyStoreFormat::Pkcs12, kPassword, QStringLiteral("App"), leaf.key,
                                      leaf.cert, m_pki->caChain());
        QVERIFY2(updated, qPrintable(updated.message()));
        store = *updated;
        test::writeTestFile(dir.path(), QStringLiteral("theirs.jks"), store);

        const KeyTool::Listing after = KeyTool::list(path, kPassword);
        QVERIFY2(after.ok, qPrintable(after.output));
        QCOMPARE(after.storeType, QStringLiteral("JKS"));
        QCOMPARE(after.aliases.size(), 3);
        QCOMPARE(after.entryType(QStringLiteral("app")), QStringLiteral("PrivateKeyEntry"));
        QCOMPARE(after.chainLength(QStringLiteral("app")), 3);
        QCOMPARE(after.fingerprints(QStringLiteral("app")).first(), KeyTool::fingerprintOf(leaf.cert));
        QCOMPARE(after.fingerprints(QStringLiteral("other")), before.fingerprints(QStringLiteral("other")));
        QCOMPARE(after.fingerprints(QStringLiteral("rootca")), before.fingerprints(QStringLiteral("rootca")));
        QCOMPARE(after.entryType(QStringLiteral("rootca")), QStringLiteral("trustedCertEntry"));
    }
    auto aliases = keyStoreAliases(store, kPassword);
    QVERIFY2(aliases, qPrintable(aliases.message()));
    // keytool writes its entries in hash order; ours is appended after them.
    QCOMPARE(aliases->size(), 3);
    QCOMPARE(aliases->last(), QStringLiteral("app"));
    QVERIFY(aliases->contains(QStringLiteral("other")) && aliases->contains(QStringLiteral("rootca")));
}

void TestJksStore::readsKeyThatKeytoolGenerated()
{
    if (!requireKeyTool()) {
        QSKIP("keytool is not installed");
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("java.jks"));
    const auto made = KeyTool::generateKeyPair(path, QStringLiteral("JKS"), kPassword, QStringLiteral("server"),
                                               QStringLiteral("CN=java.example.test"));
    QVERIFY2(made.ok, qPrintable(made.output));

    auto entry = readKeyStoreEntry(test::readFileBytes(path), kPassword);
    QVERIFY2(entry, qPrintable(entry.message()));
    QCOMPARE(entry->alias, QStringLiteral("server"));
    QCOMPARE(entry->leaf.commonName(), QStringLiteral("java.example.test"));
    QCOMPARE(entry->key.algorithmName(), QStringLiteral("RSA"));
    QVERIFY(entry->leaf.matchesKey(entry->key));
    QVERIFY(entry->chain.isEmpty());
}

void TestJksStore::wrongPasswordIsReported()
{
    const QByteArray store = newStore(QStringLiteral("tomcat"));
    auto entry = readKeyStoreEntry(store, "not-the-password");
    QVERIFY(!entry);
    QCOMPARE(entry.error().kind, QStringLiteral("wrongPassword"));
    QVERIFY2(entry.message().contains(QStringLiteral("password is wrong")), qPrintable(entry.message()));
    auto aliases = keyStoreAliases(store, "not-the-password");
    QVERIFY(!aliases);
    QCOMPARE(aliases.error().kind, QStringLiteral("wrongPassword"));
    auto updated = updateKeyStore(store, KeyStoreFormat::Jks, "not-the-password", QStringLiteral("x"), m_leaf->key,
                                  m_leaf->cert, {});
    QVERIFY(!updated);
    QCOMPARE(updated.error().kind, QStringLiteral("wrongPassword"));
}

void TestJksStore::unknownAliasNamesTheAliases()
{
    const QByteArray store = newStore(QStringLiteral("tomcat"));
    auto entry = readKeyStoreEntry(store, kPassword, QStringLiteral("jetty"));
    QVERIFY(!entry);
    QCOMPARE(entry.error().kind, QStringLiteral("aliasNotFound"));
    QVERIFY2(entry.message().contains(QStringLiteral("jetty")), qPrintable(entry.message()));
    QVERIFY2(entry.message().contains(QStringLiteral("tomcat")), qPrintable(entry.message()));
    // Java compares aliases case-insensitively.
    QVERIFY(readKeyStoreEntry(store, kPassword, QStringLiteral("TomCat")));
}

void TestJksStore::damagedStoreFailsWithoutCrash()
{
    const QByteArray store = newStore(QStringLiteral("tomcat"));
    QVERIFY(!store.isEmpty());
    for (qsizetype length = 0; length < store.size(); ++length) {
        const QByteArray cut = store.left(length);
        QVERIFY2(!readKeyStoreEntry(cut, kPassword), qPrintable(QStringLiteral("truncated at %1").arg(length)));
        QVERIFY(!keyStoreAliases(cut, kPassword));
    }
    for (qsizetype at = 0; at < store.size(); ++at) {
        QByteArray flipped = store;
        flipped[at] = char(flipped[at] ^ (1 << (at % 8)));
        QVERIFY2(!readKeyStoreEntry(flipped, kPassword), qPrintable(QStringLiteral("bit flipped at %1").arg(at)));
    }
    // Absurd counts and lengths with a valid-looking header.
    QByteArray hostile = QByteArray::fromHex("feedfeed00000002ffffffff") + QByteArray(20, '\0');
    auto aliases = keyStoreAliases(hostile, kPassword);
    QVERIFY(!aliases);
    QCOMPARE(aliases.error().kind, QStringLiteral("damaged"));
    hostile = QByteArray::fromHex("feedfeed000000020000000100000001ffff") + QByteArray(40, 'a');
    QVERIFY(!keyStoreAliases(hostile, kPassword));
}

void TestJksStore::roundTripKeepsKeyAndChain()
{
    const QByteArray store = newStore(QStringLiteral("tomcat"));
    auto entry = readKeyStoreEntry(store, kPassword);
    QVERIFY2(entry, qPrintable(entry.message()));
    QCOMPARE(entry->alias, QStringLiteral("tomcat"));
    QCOMPARE(entry->key.publicKeyDer(), m_leaf->key.publicKeyDer());
    QVERIFY(m_leaf->cert.matchesKey(entry->key));
    QCOMPARE(entry->leaf.toDer(), m_leaf->cert.toDer());
    QCOMPARE(entry->chain.size(), 1);
    QCOMPARE(entry->chain.first().toDer(), m_pki->intermediate().cert.toDer());
}

void TestJksStore::javaSignsCsrWithOurKey()
{
    if (!requireKeyTool()) {
        QSKIP("keytool is not installed");
    }
    QTemporaryDir dir;
    const QString path = test::writeTestFile(dir.path(), QStringLiteral("csr.jks"), newStore(QStringLiteral("tomcat")));
    const QString csrPath = dir.filePath(QStringLiteral("request.csr"));
    // keytool asks for the store password (and the key password, which is the same).
    const auto outcome = KeyTool::run({QStringLiteral("-certreq"), QStringLiteral("-alias"), QStringLiteral("tomcat"),
                                       QStringLiteral("-keystore"), path, QStringLiteral("-file"), csrPath},
                                      kPassword + '\n' + kPassword + '\n');
    QVERIFY2(outcome.ok, qPrintable(outcome.output));

    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-in"), csrPath, QStringLiteral("-noout"),
                   QStringLiteral("-verify"), QStringLiteral("-pubkey")});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    const QByteArray publicPem = openssl.readAllStandardOutput();
    // The public key PEM openssl prints is the SubjectPublicKeyInfo of the key Java signed with.
    const QByteArray body = publicPem.mid(publicPem.indexOf("-----BEGIN PUBLIC KEY-----") + 26);
    const QByteArray spki = QByteArray::fromBase64(body.left(body.indexOf("-----END")).simplified());
    QCOMPARE(spki, m_leaf->key.publicKeyDer());
}

QTEST_GUILESS_MAIN(TestJksStore)
#include "TestJksStore.moc"
