#include "engine/crypto/PrivateKey.h"

#include <QTest>

#include <openssl/pem.h>

using namespace certdeck;
using namespace certdeck::crypto;

class TestPrivateKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatesEachSupportedKey_data();
    void generatesEachSupportedKey();
    void refusesWeakAndUnknownSizes_data();
    void refusesWeakAndUnknownSizes();
    void parsesWizardValues();
    void pemRoundTripKeepsTheKey();
    void readsTraditionalPem_data();
    void readsTraditionalPem();
    void readsDer();
    void encryptedPemUsesAes256AndNeedsThePassphrase();
    void refusesEncryptionWithoutPassphrase();
    void reportsGarbage();
};

void TestPrivateKey::generatesEachSupportedKey_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<int>("bits");
    QTest::newRow("RSA 2048") << "RSA" << 2048;
    QTest::newRow("RSA 3072") << "RSA" << 3072;
    QTest::newRow("RSA 4096") << "RSA" << 4096;
    QTest::newRow("EC P-256") << "EC" << 256;
    QTest::newRow("EC P-384") << "EC" << 384;
}

void TestPrivateKey::generatesEachSupportedKey()
{
    QFETCH(QString, algorithm);
    QFETCH(int, bits);
    auto spec = KeySpec::from(algorithm, bits);
    QVERIFY2(spec.ok(), qPrintable(spec.message()));
    auto key = PrivateKey::generate(*spec);
    QVERIFY2(key.ok(), qPrintable(key.message()));
    QCOMPARE(key->algorithmName(), algorithm);
    QCOMPARE(key->bits(), bits);
    QVERIFY(!key->publicKeyDer().isEmpty());
}

void TestPrivateKey::refusesWeakAndUnknownSizes_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<int>("bits");
    QTest::addColumn<QString>("expected");
    const QString weak =
        QStringLiteral("RSA keys under 2048 bits are refused: they can be factored; choose 2048, 3072 or 4096");
    QTest::newRow("RSA 1024") << int(KeyAlgorithm::Rsa) << 1024 << weak;
    QTest::newRow("RSA 512") << int(KeyAlgorithm::Rsa) << 512 << weak;
    QTest::newRow("RSA 2047") << int(KeyAlgorithm::Rsa) << 2047 << weak;
    QTest::newRow("RSA 2000+") << int(KeyAlgorithm::Rsa) << 2560 << QStringLiteral("choose 2048, 3072 or 4096");
    QTest::newRow("RSA 8192") << int(KeyAlgorithm::Rsa) << 8192 << QStringLiteral("RSA key size 8192 is not supported");
    QTest::newRow("EC 521") << int(KeyAlgorithm::Ec) << 521 << QStringLiteral("EC key size 521 is not supported");
    QTest::newRow("EC 2048") << int(KeyAlgorithm::Ec) << 2048 << QStringLiteral("choose 256 (P-256) or 384 (P-384)");
}

void TestPrivateKey::refusesWeakAndUnknownSizes()
{
    QFETCH(int, algorithm);
    QFETCH(int, bits);
    QFETCH(QString, expected);
    const KeySpec spec{KeyAlgorithm(algorithm), bits};
    const Status valid = spec.validate();
    QVERIFY(!valid.ok());
    QVERIFY2(valid.message().contains(expected), qPrintable(valid.message()));
    auto key = PrivateKey::generate(spec);
    QVERIFY(!key.ok());
    QCOMPARE(key.message(), valid.message());
}

void TestPrivateKey::parsesWizardValues()
{
    auto ec = KeySpec::from(QStringLiteral("ecdsa"), 384);
    QVERIFY2(ec.ok(), qPrintable(ec.message()));
    QCOMPARE(ec->algorithm, KeyAlgorithm::Ec);
    QCOMPARE(ec->bits, 384);
    auto rsa = KeySpec::from(QStringLiteral(" rsa "), 3072);
    QVERIFY2(rsa.ok(), qPrintable(rsa.message()));
    QCOMPARE(rsa->algorithm, KeyAlgorithm::Rsa);
    auto dsa = KeySpec::from(QStringLiteral("DSA"), 2048);
    QVERIFY(!dsa.ok());
    QVERIFY2(dsa.message().contains(QLatin1String("\"DSA\" is not supported")), qPrintable(dsa.message()));
    auto weak = KeySpec::from(QStringLiteral("RSA"), 1024);
    QVERIFY(!weak.ok());
    QVERIFY(weak.message().startsWith(QLatin1String("RSA keys under 2048 bits are refused")));
}

void TestPrivateKey::pemRoundTripKeepsTheKey()
{
    auto key = PrivateKey::generate({KeyAlgorithm::Ec, 256});
    QVERIFY(key.ok());
    const QByteArray pem = key->toPem();
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
    auto back = PrivateKey::fromPem(pem);
    QVERIFY2(back.ok(), qPrintable(back.message()));
    QCOMPARE(back->publicKeyDer(), key->publicKeyDer());
    QCOMPARE(back->toPem(), pem);
}

void TestPrivateKey::readsTraditionalPem_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<int>("bits");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("RSA") << int(KeyAlgorithm::Rsa) << 2048 << QByteArray("-----BEGIN RSA PRIVATE KEY-----");
    QTest::newRow("EC") << int(KeyAlgorithm::Ec) << 256 << QByteArray("-----BEGIN EC PRIVATE KEY-----");
}

void TestPrivateKey::readsTraditionalPem()
{
    QFETCH(int, algorithm);
    QFETCH(int, bits);
    QFETCH(QByteArray, header);
    auto key = PrivateKey::generate({KeyAlgorithm(algorithm), bits});
    QVERIFY(key.ok());
    BIO* bio = BIO_new(BIO_s_mem());
    QVERIFY(PEM_write_bio_PrivateKey_traditional(bio, key->get(), nullptr, nullptr, 0, nullptr, nullptr));
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    const QByteArray traditional(data, length);
    BIO_free(bio);
    QVERIFY2(traditional.startsWith(header), traditional.left(40).constData());
    auto back = PrivateKey::fromPem(traditional);
    QVERIFY2(back.ok(), qPrintable(back.message()));
    QCOMPARE(back->publicKeyDer(), key->publicKeyDer());
}

void TestPrivateKey::readsDer()
{
    auto key = PrivateKey::generate({KeyAlgorithm::Ec, 384});
    QVERIFY(key.ok());
    unsigned char* der = nullptr;
    const int length = i2d_PrivateKey(key->get(), &der);
    QVERIFY(length > 0);
    const QByteArray bytes(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    auto back = PrivateKey::fromPem(bytes);
    QVERIFY2(back.ok(), qPrintable(back.message()));
    QCOMPARE(back->publicKeyDer(), key->publicKeyDer());
}

void TestPrivateKey::encryptedPemUsesAes256AndNeedsThePassphrase()
{
    auto key = PrivateKey::generate({KeyAlgorithm::Ec, 256});
    QVERIFY(key.ok());
    const QByteArray passphrase("correct horse battery staple");
    auto encrypted = key->toEncryptedPem(passphrase);
    QVERIFY2(encrypted.ok(), qPrintable(encrypted.message()));
    QVERIFY(encrypted->startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(!encrypted->contains(key->toPem().mid(28, 40)));

    // The PBES2 parameters name aes-256-cbc (OID 2.16.840.1.101.3.4.1.42).
    QByteArray body = *encrypted;
    body.replace("-----BEGIN ENCRYPTED PRIVATE KEY-----", "").replace("-----END ENCRYPTED PRIVATE KEY-----", "");
    const QByteArray der = QByteArray::fromBase64(body.replace('\n', ""));
    QVERIFY(der.contains(QByteArray::fromHex("060960864801650304012a")));

    auto right = PrivateKey::fromPem(*encrypted, passphrase);
    QVERIFY2(right.ok(), qPrintable(right.message()));
    QCOMPARE(right->publicKeyDer(), key->publicKeyDer());

    auto wrong = PrivateKey::fromPem(*encrypted, QByteArray("wrong"));
    QVERIFY(!wrong.ok());
    QVERIFY2(wrong.message().contains(QLatin1String("passphrase for the private key is wrong")),
             qPrintable(wrong.message()));
    QVERIFY(!wrong.message().contains(QLatin1String("horse")));

    auto none = PrivateKey::fromPem(*encrypted);
    QVERIFY(!none.ok());
    QVERIFY2(none.message().contains(QLatin1String("encrypted: enter its passphrase")), qPrintable(none.message()));
}

void TestPrivateKey::refusesEncryptionWithoutPassphrase()
{
    auto key = PrivateKey::generate({KeyAlgorithm::Ec, 256});
    QVERIFY(key.ok());
    auto encrypted = key->toEncryptedPem({});
    QVERIFY(!encrypted.ok());
    QVERIFY(encrypted.message().contains(QLatin1String("needs a passphrase")));
}

void TestPrivateKey::reportsGarbage()
{
    auto empty = PrivateKey::fromPem({});
    QVERIFY(!empty.ok());
    QVERIFY(empty.message().contains(QLatin1String("empty")));
    auto garbage = PrivateKey::fromPem(QByteArray("this is not a key at all"));
    QVERIFY(!garbage.ok());
    QVERIFY2(garbage.message().startsWith(QLatin1String("The private key cannot be read")),
             qPrintable(garbage.message()));
    auto certOnly = PrivateKey::fromPem(QByteArray("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    QVERIFY(!certOnly.ok());
    QVERIFY(certOnly.message().contains(QLatin1String("holds no private key")));
    auto damaged = PrivateKey::fromPem(QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    QVERIFY(!damaged.ok());
    QVERIFY(damaged.message().startsWith(QLatin1String("The private key cannot be read")));
    QVERIFY(PrivateKey().isNull());
    QVERIFY(PrivateKey().toPem().isEmpty());
}

QTEST_GUILESS_MAIN(TestPrivateKey)
#include "TestPrivateKey.moc"
