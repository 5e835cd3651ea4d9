// CrlBuilder: a signed X.509 v2 CRL that plain OpenSSL and the openssl CLI accept.

#include "engine/crypto/CertificateBuilder.h"
#include "engine/crypto/CrlBuilder.h"
#include "tests/unit/localca/CrlInspector.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::crypto;

namespace {

struct TestCa
{
    PrivateKey key;
    Certificate certificate;
};

TestCa makeCa(const KeySpec& spec, const QString& commonName)
{
    TestCa ca;
    auto key = PrivateKey::generate(spec);
    if (!key) {
        qWarning("key generation failed: %s", qPrintable(key.message()));
        return ca;
    }
    ca.key = std::move(key).value();
    CertificateSpec certSpec;
    certSpec.profile = CertificateProfile::RootCa;
    certSpec.subjectCommonName = commonName;
    certSpec.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    auto certificate = CertificateBuilder::selfSigned(certSpec, ca.key);
    if (!certificate) {
        qWarning("self-signing failed: %s", qPrintable(certificate.message()));
        return ca;
    }
    ca.certificate = *certificate;
    return ca;
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestCrlBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signedV2CrlListsEntriesWithReasons_data();
    void signedV2CrlListsEntriesWithReasons();
    void emptyCrlIsValid();
    void refusesKeyOfAnotherCa();
    void refusesBadSerialAndBadDates();
};

void TestCrlBuilder::signedV2CrlListsEntriesWithReasons_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<int>("bits");
    QTest::newRow("EC P-256") << int(KeyAlgorithm::Ec) << 256;
    QTest::newRow("EC P-384") << int(KeyAlgorithm::Ec) << 384;
    QTest::newRow("RSA 2048") << int(KeyAlgorithm::Rsa) << 2048;
}

void TestCrlBuilder::signedV2CrlListsEntriesWithReasons()
{
    QFETCH(int, algorithm);
    QFETCH(int, bits);
    const TestCa ca = makeCa(KeySpec{KeyAlgorithm(algorithm), bits}, QStringLiteral("CRL Test CA"));
    QVERIFY(!ca.certificate.isNull());

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<CrlEntry> entries{
        {QStringLiteral("0A1B2C3D4E5F"), now.addSecs(-3600), 1},         // keyCompromise
        {QStringLiteral("7F00000000000000000001"), now.addSecs(-60), 6}, // certificateHold
        {QStringLiteral("01"), now.addSecs(-10), 0},                     // unspecified: no reasonCode extension
    };
    auto crl = buildCrlPem(ca.certificate, ca.key, entries, 42, now, now.addDays(7));
    QVERIFY2(crl.ok(), qPrintable(crl.message()));
    QVERIFY(crl->startsWith("-----BEGIN X509 CRL-----"));

    const test::CrlContents contents = test::inspectCrl(*crl, ca.certificate.get());
    QVERIFY(contents.parsed);
    QCOMPARE(contents.version, 1L); // v2
    QVERIFY(contents.signatureValid);
    QCOMPARE(contents.crlNumber, qint64(42));
    QCOMPARE(contents.akiKeyId, test::subjectKeyId(ca.certificate.get()));
    QVERIFY(!contents.akiKeyId.isEmpty());
    QCOMPARE(contents.entries.size(), 3);
    QCOMPARE(contents.entries.value(QStringLiteral("A1B2C3D4E5F"), -1), 1);
    QCOMPARE(contents.entries.value(QStringLiteral("7F00000000000000000001"), -1), 6);
    QCOMPARE(contents.entries.value(QStringLiteral("1"), -1), 0);

    // The signature must not verify against another CA's key.
    const TestCa other = makeCa(KeySpec{KeyAlgorithm::Ec, 256}, QStringLiteral("Other CA"));
    QVERIFY(!test::inspectCrl(*crl, other.certificate.get()).signatureValid);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("ca.pem")), ca.certificate.toPem()));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("other.pem")), other.certificate.toPem()));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("crl.pem")), *crl));
    const test::CliResult good =
        test::verifyCrlWithCli(dir.filePath(QStringLiteral("crl.pem")), dir.filePath(QStringLiteral("ca.pem")));
    QVERIFY2(good.exitCode == 0 && good.output.contains(QStringLiteral("verify OK")), qPrintable(good.output));
    const test::CliResult bad =
        test::verifyCrlWithCli(dir.filePath(QStringLiteral("crl.pem")), dir.filePath(QStringLiteral("other.pem")));
    QVERIFY2(bad.exitCode != 0, qPrintable(bad.output));
}

void TestCrlBuilder::emptyCrlIsValid()
{
    const TestCa ca = makeCa(KeySpec{KeyAlgorithm::Ec, 256}, QStringLiteral("Empty CRL CA"));
    QVERIFY(!ca.certificate.isNull());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto crl = buildCrlPem(ca.certificate, ca.key, {}, 1, now, now.addDays(1));
    QVERIFY2(crl.ok(), qPrintable(crl.message()));
    const test::CrlContents contents = test::inspectCrl(*crl, ca.certificate.get());
    QVERIFY(contents.signatureValid);
    QCOMPARE(contents.crlNumber, qint64(1));
    QVERIFY(contents.entries.isEmpty());
}

void TestCrlBuilder::refusesKeyOfAnotherCa()
{
    const TestCa ca = makeCa(KeySpec{KeyAlgorithm::Ec, 256}, QStringLiteral("CA"));
    const TestCa other = makeCa(KeySpec{KeyAlgorithm::Ec, 256}, QStringLiteral("Other"));
    QVERIFY(!ca.certificate.isNull() && !other.certificate.isNull());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto crl = buildCrlPem(ca.certificate, other.key, {}, 1, now, now.addDays(1));
    QVERIFY(!crl.ok());
    QVERIFY2(crl.message().contains(QStringLiteral("does not belong")), qPrintable(crl.message()));
}

void TestCrlBuilder::refusesBadSerialAndBadDates()
{
    const TestCa ca = makeCa(KeySpec{KeyAlgorithm::Ec, 256}, QStringLiteral("CA"));
    QVERIFY(!ca.certificate.isNull());
    const QDateTime now = QDateTime::currentDateTimeUtc();

    auto badSerial = buildCrlPem(ca.certificate, ca.key, {{QStringLiteral("XYZ"), now, 1}}, 1, now, now.addDays(1));
    QVERIFY(!badSerial.ok());
    QVERIFY2(badSerial.message().contains(QStringLiteral("XYZ")), qPrintable(badSerial.message()));

    auto badReason = buildCrlPem(ca.certificate, ca.key, {{QStringLiteral("01"), now, 7}}, 1, now, now.addDays(1));
    QVERIFY(!badReason.ok());
    QVERIFY2(badReason.message().contains(QStringLiteral("reason")), qPrintable(badReason.message()));

    auto badDates = buildCrlPem(ca.certificate, ca.key, {}, 1, now, now.addDays(-1));
    QVERIFY(!badDates.ok());
    QVERIFY2(badDates.message().contains(QStringLiteral("next update")), qPrintable(badDates.message()));
}

QTEST_GUILESS_MAIN(TestCrlBuilder)
#include "TestCrlBuilder.moc"
