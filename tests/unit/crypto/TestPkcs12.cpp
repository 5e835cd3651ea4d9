#include "engine/crypto/Pkcs12.h"

#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509.h>

using namespace certdeck;
using namespace certdeck::crypto;
using certdeck::test::IssuedCert;
using certdeck::test::TestPki;

namespace {
const QString kVectors = QStringLiteral("/usr/lib/python3/dist-packages/cryptography_vectors/pkcs12");
}

class TestPkcs12 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripKeepsKeyLeafAndChain();
    void writesAes256WithPbkdf2();
    void wrongPasswordSaysSo();
    void missingPasswordSaysSo();
    void rejectsNonPkcs12();
    void refusesMismatchedKeyAndEmptyPassword();
    void readsLegacyAndKeylessVectors();

private:
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<IssuedCert> m_leaf;
    QByteArray m_p12;
    const QByteArray m_password = QByteArrayLiteral("s3cret-Pässword");
};

void TestPkcs12::initTestCase()
{
    m_pki = std::make_unique<TestPki>();
    m_leaf = std::make_unique<IssuedCert>(m_pki->issueLeaf({QStringLiteral("www.example.test")}));
    auto p12 = writePkcs12(m_leaf->key, m_leaf->cert, m_pki->caChain(), m_password, QStringLiteral("www-Zertifikat"));
    QVERIFY2(p12.ok(), qPrintable(p12.message()));
    m_p12 = *p12;
}

void TestPkcs12::roundTripKeepsKeyLeafAndChain()
{
    auto bundle = readPkcs12(m_p12, m_password);
    QVERIFY2(bundle.ok(), qPrintable(bundle.message()));
    QCOMPARE(bundle->leaf.fingerprintSha256(), m_leaf->cert.fingerprintSha256());
    QVERIFY(bundle->leaf.matchesKey(bundle->key));
    QCOMPARE(bundle->key.publicKeyDer(), m_leaf->key.publicKeyDer());
    QCOMPARE(bundle->chain.size(), 2);
    QStringList chainPrints;
    for (const Certificate& cert : bundle->chain) {
        chainPrints.append(cert.fingerprintSha256());
    }
    QVERIFY(chainPrints.contains(m_pki->intermediate().cert.fingerprintSha256()));
    QVERIFY(chainPrints.contains(m_pki->root().cert.fingerprintSha256()));
    int aliasLength = 0;
    const unsigned char* alias = X509_alias_get0(bundle->leaf.get(), &aliasLength);
    QVERIFY(alias);
    QCOMPARE(QString::fromUtf8(reinterpret_cast<const char*>(alias), aliasLength), QStringLiteral("www-Zertifikat"));
}

void TestPkcs12::writesAes256WithPbkdf2()
{
    const QString openssl = test::findProgram(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        QSKIP("the openssl command is not installed");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = test::writeTestFile(dir.path(), QStringLiteral("bundle.p12"), m_p12);
    QProcess process;
    process.start(openssl, {QStringLiteral("pkcs12"), QStringLiteral("-info"), QStringLiteral("-noout"),
                            QStringLiteral("-in"), path, QStringLiteral("-passin"), QStringLiteral("stdin")});
    QVERIFY(process.waitForStarted());
    process.write(m_password + '\n');
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    const QString output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(output.contains(QLatin1String("PBES2, PBKDF2, AES-256-CBC")), qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("MAC: sha256")), qPrintable(output));
    QVERIFY2(!output.contains(QLatin1String("RC2")) && !output.contains(QLatin1String("3DES")), qPrintable(output));
}

void TestPkcs12::wrongPasswordSaysSo()
{
    auto bundle = readPkcs12(m_p12, QByteArrayLiteral("not-the-password"));
    QVERIFY(!bundle.ok());
    QCOMPARE(bundle.error().kind, QStringLiteral("wrongPassword"));
    QVERIFY2(bundle.message().contains(QLatin1String("password is wrong")), qPrintable(bundle.message()));
    QVERIFY(!bundle.message().contains(QLatin1String("not-the-password")));
    QVERIFY(!bundle.message().contains(QString::fromUtf8(m_password)));
}

void TestPkcs12::missingPasswordSaysSo()
{
    auto bundle = readPkcs12(m_p12, {});
    QVERIFY(!bundle.ok());
    QVERIFY2(bundle.message().contains(QLatin1String("protected by a password")), qPrintable(bundle.message()));
}

void TestPkcs12::rejectsNonPkcs12()
{
    auto der = readPkcs12(m_leaf->cert.toDer(), m_password);
    QVERIFY(!der.ok());
    QVERIFY2(der.message().contains(QLatin1String("not a PKCS#12 file")), qPrintable(der.message()));
    auto cut = readPkcs12(m_p12.left(m_p12.size() / 2), m_password);
    QVERIFY(!cut.ok());
    auto empty = readPkcs12({}, m_password);
    QVERIFY(!empty.ok());
}

void TestPkcs12::refusesMismatchedKeyAndEmptyPassword()
{
    auto mismatch = writePkcs12(m_pki->root().key, m_leaf->cert, {}, m_password);
    QVERIFY(!mismatch.ok());
    QVERIFY2(mismatch.message().contains(QLatin1String("does not match the certificate")),
             qPrintable(mismatch.message()));
    auto noPassword = writePkcs12(m_leaf->key, m_leaf->cert, {}, {});
    QVERIFY(!noPassword.ok());
    QVERIFY(noPassword.message().contains(QLatin1String("needs a password")));
}

void TestPkcs12::readsLegacyAndKeylessVectors()
{
    if (!QFile::exists(kVectors)) {
        QSKIP("python3-cryptography-vectors is not installed");
    }
    auto read = [](const QString& name, const QByteArray& password) {
        QFile file(kVectors + QLatin1Char('/') + name);
        if (!file.open(QIODevice::ReadOnly)) {
            return Result<Pkcs12Bundle>(fail(QStringLiteral("cannot open ") + name));
        }
        return readPkcs12(file.readAll(), password);
    };
    // RC2-40 certificates, 3DES key: needs OpenSSL's legacy provider.
    auto legacy = read(QStringLiteral("cert-rc2-key-3des.p12"), QByteArrayLiteral("cryptography"));
    QVERIFY2(legacy.ok(), qPrintable(legacy.message()));
    QVERIFY(!legacy->key.isNull());
    QVERIFY(legacy->leaf.matchesKey(legacy->key));

    auto keyless = read(QStringLiteral("cert-aes256cbc-no-key.p12"), QByteArrayLiteral("cryptography"));
    QVERIFY2(keyless.ok(), qPrintable(keyless.message()));
    QVERIFY(keyless->key.isNull());
    QVERIFY(!keyless->leaf.isNull());

    auto noPassword = read(QStringLiteral("no-password.p12"), {});
    QVERIFY2(noPassword.ok(), qPrintable(noPassword.message()));

    auto wrong = read(QStringLiteral("cert-key-aes256cbc.p12"), QByteArrayLiteral("nope"));
    QVERIFY(!wrong.ok());
    QVERIFY(wrong.message().contains(QLatin1String("password is wrong")));

    auto noCert = read(QStringLiteral("no-cert-key-aes256cbc.p12"), QByteArrayLiteral("cryptography"));
    QVERIFY(!noCert.ok());
    QVERIFY2(noCert.message().contains(QLatin1String("holds no certificate")), qPrintable(noCert.message()));
}

QTEST_GUILESS_MAIN(TestPkcs12)
#include "TestPkcs12.moc"
