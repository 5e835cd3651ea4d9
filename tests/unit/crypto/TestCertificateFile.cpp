#include "engine/crypto/CertificateFile.h"

#include "engine/crypto/Pkcs12.h"
#include "tests/support/TestPki.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::crypto;
using certdeck::test::IssuedCert;
using certdeck::test::TestPki;
using certdeck::test::writeTestFile;

namespace {
const QString kVectors = QStringLiteral("/usr/lib/python3/dist-packages/cryptography_vectors");
}

class TestCertificateFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsPemBundleWithKey();
    void picksTheLeafThatMatchesTheKey();
    void readsDer();
    void readsPkcs12();
    void errorsNameTheFileAndTheProblem_data();
    void errorsNameTheFileAndTheProblem();
    void reportsMissingPathAndDirectory();
    void survivesEveryVector();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<IssuedCert> m_leaf;
    const QByteArray m_password = QByteArrayLiteral("p12-password");
};

void TestCertificateFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pki = std::make_unique<TestPki>();
    m_leaf = std::make_unique<IssuedCert>(m_pki->issueLeaf({QStringLiteral("www.example.test")}));
}

void TestCertificateFile::readsPemBundleWithKey()
{
    const QString path = writeTestFile(m_dir.path(), QStringLiteral("bundle.pem"),
                                       m_leaf->cert.toPem() + chainToPem(m_pki->caChain()) + m_leaf->key.toPem());
    auto material = readCertificateFile(path);
    QVERIFY2(material.ok(), qPrintable(material.message()));
    QCOMPARE(material->format, CertificateFileFormat::Pem);
    QCOMPARE(material->leaf.fingerprintSha256(), m_leaf->cert.fingerprintSha256());
    QCOMPARE(material->chain.size(), 2);
    QCOMPARE(material->chain.at(0).fingerprintSha256(), m_pki->intermediate().cert.fingerprintSha256());
    QCOMPARE(material->chain.at(1).fingerprintSha256(), m_pki->root().cert.fingerprintSha256());
    QVERIFY(!material->key.isNull());
    QVERIFY(material->leaf.matchesKey(material->key));

    const QString certOnly = writeTestFile(m_dir.path(), QStringLiteral("leaf.pem"), m_leaf->cert.toPem());
    auto noKey = readCertificateFile(certOnly);
    QVERIFY2(noKey.ok(), qPrintable(noKey.message()));
    QVERIFY(noKey->key.isNull());
    QVERIFY(noKey->chain.isEmpty());
}

void TestCertificateFile::picksTheLeafThatMatchesTheKey()
{
    // CA first, key in the middle, leaf last: the key decides which certificate is the leaf.
    const QByteArray data = m_pki->intermediate().cert.toPem() + m_leaf->key.toPem() + m_leaf->cert.toPem();
    auto material = parseCertificateData(data, QStringLiteral("mixed.pem"));
    QVERIFY2(material.ok(), qPrintable(material.message()));
    QCOMPARE(material->leaf.fingerprintSha256(), m_leaf->cert.fingerprintSha256());
    QCOMPARE(material->chain.size(), 1);

    auto encrypted = m_leaf->key.toEncryptedPem(QByteArrayLiteral("key-pass"));
    QVERIFY(encrypted.ok());
    auto withPassphrase = parseCertificateData(m_leaf->cert.toPem() + *encrypted, QStringLiteral("enc.pem"),
                                               QByteArrayLiteral("key-pass"));
    QVERIFY2(withPassphrase.ok(), qPrintable(withPassphrase.message()));
    QVERIFY(!withPassphrase->key.isNull());
}

void TestCertificateFile::readsDer()
{
    const QString path = writeTestFile(m_dir.path(), QStringLiteral("leaf.der"), m_leaf->cert.toDer());
    auto material = readCertificateFile(path);
    QVERIFY2(material.ok(), qPrintable(material.message()));
    QCOMPARE(material->format, CertificateFileFormat::Der);
    QCOMPARE(material->leaf.fingerprintSha256(), m_leaf->cert.fingerprintSha256());
}

void TestCertificateFile::readsPkcs12()
{
    auto p12 = writePkcs12(m_leaf->key, m_leaf->cert, m_pki->caChain(), m_password);
    QVERIFY(p12.ok());
    const QString path = writeTestFile(m_dir.path(), QStringLiteral("bundle.p12"), *p12);
    auto material = readCertificateFile(path, m_password);
    QVERIFY2(material.ok(), qPrintable(material.message()));
    QCOMPARE(material->format, CertificateFileFormat::Pkcs12);
    QCOMPARE(material->leaf.fingerprintSha256(), m_leaf->cert.fingerprintSha256());
    QVERIFY(material->leaf.matchesKey(material->key));
    QCOMPARE(material->chain.size(), 2);
}

void TestCertificateFile::errorsNameTheFileAndTheProblem_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QString>("problem");

    if (!m_leaf) {
        return;
    }
    const QByteArray twoCerts = m_leaf->cert.toPem() + m_pki->intermediate().cert.toPem();
    auto p12 = writePkcs12(m_leaf->key, m_leaf->cert, {}, m_password);
    auto encrypted = m_leaf->key.toEncryptedPem(QByteArrayLiteral("key-pass"));

    QTest::newRow("empty") << "empty.pem" << QByteArray() << QByteArray() << "the file is empty";
    QTest::newRow("whitespace only") << "blank.pem" << QByteArray("\n  \n") << QByteArray() << "the file is empty";
    QTest::newRow("truncated PEM") << "cut.pem" << twoCerts.left(twoCerts.size() - 300) << QByteArray()
                                   << "certificate 2 of 2 is truncated";
    QTest::newRow("text garbage") << "notes.txt" << QByteArray("server = www.example.test\n") << QByteArray()
                                  << "neither PEM, DER nor PKCS#12";
    QTest::newRow("binary garbage") << "noise.bin" << QByteArray::fromHex("3082ffff00112233445566") << QByteArray()
                                    << "not a certificate file";
    QTest::newRow("truncated DER") << "cut.der" << m_leaf->cert.toDer().left(200) << QByteArray() << "truncated";
    QTest::newRow("no certificate") << "key.pem" << m_leaf->key.toPem() << QByteArray()
                                    << "holds no certificate (it holds: PRIVATE KEY)";
    QTest::newRow("wrong PKCS#12 password") << "bundle.p12" << *p12 << QByteArray("wrong") << "password is wrong";
    QTest::newRow("key does not match") << "mismatch.pem" << m_leaf->cert.toPem() + m_pki->root().key.toPem()
                                        << QByteArray() << "private key does not match the certificate";
    QTest::newRow("encrypted key, no passphrase")
        << "enc.pem" << m_leaf->cert.toPem() + *encrypted << QByteArray() << "encrypted: enter its passphrase";
    QTest::newRow("truncated key") << "cutkey.pem" << m_leaf->cert.toPem() + m_leaf->key.toPem().left(60)
                                   << QByteArray() << "private key is truncated";
}

void TestCertificateFile::errorsNameTheFileAndTheProblem()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, password);
    QFETCH(QString, problem);
    const QString path = writeTestFile(m_dir.path(), fileName, data);
    auto material = readCertificateFile(path, password);
    QVERIFY(!material.ok());
    QVERIFY2(material.message().startsWith(path + QStringLiteral(": ")), qPrintable(material.message()));
    QVERIFY2(material.message().contains(problem), qPrintable(material.message()));
    QVERIFY(!material.message().contains(QLatin1String("p12-password")));

    auto fromData = parseCertificateData(data, QStringLiteral("upload \"%1\"").arg(fileName), password);
    QVERIFY(!fromData.ok());
    QVERIFY2(fromData.message().startsWith(QStringLiteral("upload \"%1\": ").arg(fileName)),
             qPrintable(fromData.message()));
}

void TestCertificateFile::reportsMissingPathAndDirectory()
{
    const QString missing = m_dir.filePath(QStringLiteral("nope/missing.pem"));
    auto absent = readCertificateFile(missing);
    QVERIFY(!absent.ok());
    QVERIFY2(absent.message().startsWith(missing + QStringLiteral(": the file does not exist")),
             qPrintable(absent.message()));
    auto directory = readCertificateFile(m_dir.path());
    QVERIFY(!directory.ok());
    QVERIFY2(directory.message().startsWith(m_dir.path() + QStringLiteral(": this is a directory")),
             qPrintable(directory.message()));
    QCOMPARE(directory.error().kind, QStringLiteral("unreadable"));
}

void TestCertificateFile::survivesEveryVector()
{
    if (!QFile::exists(kVectors + QStringLiteral("/x509"))) {
        QSKIP("python3-cryptography-vectors is not installed (apt-get install -y python3-cryptography-vectors)");
    }
    int parsed = 0;
    int refused = 0;
    int parsedPkcs12 = 0;
    for (const QString& area : {QStringLiteral("/x509"), QStringLiteral("/pkcs12")}) {
        QDirIterator it(kVectors + area,
                        {QStringLiteral("*.pem"), QStringLiteral("*.der"), QStringLiteral("*.crt"),
                         QStringLiteral("*.p12"), QStringLiteral("*.pfx")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const bool isPkcs12 = path.endsWith(QLatin1String(".p12")) || path.endsWith(QLatin1String(".pfx"));
            // The vectors' PKCS#12 files use "cryptography" or (PKITS) "password".
            const QByteArray passwords[] = {QByteArrayLiteral("cryptography"), QByteArrayLiteral("password"), {}};
            Result<CertificateMaterial> material = readCertificateFile(path, passwords[0]);
            for (int i = 1; isPkcs12 && !material.ok() && i < 3; ++i) {
                material = readCertificateFile(path, passwords[i]);
            }
            if (material.ok()) {
                ++parsed;
                parsedPkcs12 += isPkcs12 ? 1 : 0;
                QVERIFY2(!material->leaf.isNull(), qPrintable(path));
                QVERIFY(!material->leaf.fingerprintSha256().isEmpty());
                // Every accessor must cope with whatever the certificate holds.
                (void)material->leaf.subject();
                (void)material->leaf.subjectAltNames();
                (void)material->leaf.serialHex();
                (void)material->leaf.notAfter();
                (void)material->leaf.keyAlgorithm();
                (void)material->leaf.keyBits();
                (void)material->leaf.signatureAlgorithm();
                (void)material->leaf.isCa();
                (void)material->leaf.isSelfSigned();
                if (!material->key.isNull()) {
                    QVERIFY2(material->leaf.matchesKey(material->key), qPrintable(path));
                }
            } else {
                ++refused;
                QVERIFY2(material.message().startsWith(path + QStringLiteral(": ")), qPrintable(material.message()));
                QVERIFY2(material.message().size() > path.size() + 10, qPrintable(material.message()));
            }
        }
    }
    qInfo("vectors: %d parsed (%d PKCS#12), %d refused with a message", parsed, parsedPkcs12, refused);
    QVERIFY(parsed > 500);
    QVERIFY(parsedPkcs12 > 20);
    QVERIFY(refused > 0);
}

QTEST_GUILESS_MAIN(TestCertificateFile)
#include "TestCertificateFile.moc"
