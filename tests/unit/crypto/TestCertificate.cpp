#include "engine/crypto/Certificate.h"

#include "tests/support/TestPki.h"

#include <QCryptographicHash>
#include <QTest>

using namespace certdeck;
using namespace certdeck::crypto;
using certdeck::test::IssuedCert;
using certdeck::test::TestPki;

namespace {

// Replaces the body lines [from, to) of PEM block `index` (0-based) of a bundle.
QByteArray editBlock(const QByteArray& bundle, int index,
                     const std::function<QList<QByteArray>(QList<QByteArray>)>& edit)
{
    QList<QByteArray> blocks;
    qsizetype pos = 0;
    while (true) {
        const qsizetype end = bundle.indexOf("-----END CERTIFICATE-----\n", pos);
        if (end < 0) {
            break;
        }
        const qsizetype next = end + qsizetype(strlen("-----END CERTIFICATE-----\n"));
        blocks.append(bundle.mid(pos, next - pos));
        pos = next;
    }
    QList<QByteArray> lines = blocks[index].split('\n');
    blocks[index] = edit(lines).join('\n');
    return blocks.join();
}

} // namespace

class TestCertificate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsPemAndDer();
    void reportsNamesAndDates();
    void reportsKeyAndSignatureAlgorithms();
    void fingerprintIsSha256OfDer();
    void matchesOnlyItsOwnKey();
    void chainKeepsFileOrder();
    void chainNamesTheDamagedCertificate_data();
    void chainNamesTheDamagedCertificate();
    void rejectsNonCertificates();
    void copiesShareTheCertificate();

private:
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<IssuedCert> m_leaf;
};

void TestCertificate::initTestCase()
{
    m_pki = std::make_unique<TestPki>();
    test::LeafOptions options;
    options.names = {QStringLiteral("www.example.test"), QStringLiteral("192.0.2.1"), QStringLiteral("2001:db8::1"),
                     QStringLiteral("bücher.example.test")};
    options.notBefore = QDateTime(QDate(2026, 3, 1), QTime(12, 0, 0), Qt::UTC);
    options.notAfter = QDateTime(QDate(2027, 3, 1), QTime(12, 0, 0), Qt::UTC);
    m_leaf = std::make_unique<IssuedCert>(m_pki->issueLeaf(options));
}

void TestCertificate::readsPemAndDer()
{
    const Certificate& cert = m_leaf->cert;
    auto fromPem = Certificate::fromPem(cert.toPem());
    QVERIFY2(fromPem.ok(), qPrintable(fromPem.message()));
    QCOMPARE(fromPem->toDer(), cert.toDer());
    auto fromDer = Certificate::fromDer(cert.toDer());
    QVERIFY2(fromDer.ok(), qPrintable(fromDer.message()));
    QCOMPARE(fromDer->fingerprintSha256(), cert.fingerprintSha256());
    auto detectedPem = Certificate::fromData(QByteArray("junk before\n") + cert.toPem());
    QVERIFY2(detectedPem.ok(), qPrintable(detectedPem.message()));
    auto detectedDer = Certificate::fromData(cert.toDer());
    QVERIFY2(detectedDer.ok(), qPrintable(detectedDer.message()));
    QCOMPARE(detectedDer->toPem(), cert.toPem());
}

void TestCertificate::reportsNamesAndDates()
{
    const Certificate& cert = m_leaf->cert;
    QCOMPARE(cert.commonName(), QStringLiteral("www.example.test"));
    QCOMPARE(cert.subject(), QStringLiteral("CN=www.example.test"));
    QCOMPARE(cert.issuer(), QStringLiteral("CN=CertDeck Test Intermediate CA,O=CertDeck Tests"));
    QCOMPARE(cert.issuerCommonName(), QStringLiteral("CertDeck Test Intermediate CA"));
    QCOMPARE(cert.notBefore(), QDateTime(QDate(2026, 3, 1), QTime(12, 0, 0), Qt::UTC));
    QCOMPARE(cert.notAfter(), QDateTime(QDate(2027, 3, 1), QTime(12, 0, 0), Qt::UTC));
    QCOMPARE(cert.notAfter().timeSpec(), Qt::UTC);
    QCOMPARE(cert.subjectAltNames(),
             (QStringList{QStringLiteral("www.example.test"), QStringLiteral("192.0.2.1"),
                          QStringLiteral("2001:db8::1"), QStringLiteral("xn--bcher-kva.example.test")}));
    QVERIFY(!cert.isCa());
    QVERIFY(!cert.isSelfSigned());
    QVERIFY(m_pki->root().cert.isSelfSigned());
    QVERIFY(m_pki->root().cert.isCa());
    QVERIFY(!m_pki->intermediate().cert.isSelfSigned());
    QCOMPARE(cert.serialHex(), cert.serialHex().toUpper());
    QVERIFY(!cert.serialHex().isEmpty());

    // A subject with UTF-8 and RFC 2253 special characters.
    CertificateSpec spec;
    spec.profile = CertificateProfile::RootCa;
    spec.subjectCommonName = QStringLiteral("Zürich, \"Root\" CA");
    spec.subjectOrganization = QStringLiteral("Ops+Sec");
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(1);
    spec.serial = QByteArray::fromHex("00ff10");
    const PrivateKey key = TestPki::makeKey();
    auto special = CertificateBuilder::selfSigned(spec, key);
    QVERIFY2(special.ok(), qPrintable(special.message()));
    QCOMPARE(special->subject(), QStringLiteral("CN=Zürich\\, \\\"Root\\\" CA,O=Ops\\+Sec"));
    QCOMPARE(special->commonName(), QStringLiteral("Zürich, \"Root\" CA"));
    QCOMPARE(special->serialHex(), QStringLiteral("FF10"));
}

void TestCertificate::reportsKeyAndSignatureAlgorithms()
{
    QCOMPARE(m_leaf->cert.keyAlgorithm(), QStringLiteral("EC"));
    QCOMPARE(m_leaf->cert.keyBits(), 256);
    QCOMPARE(m_leaf->cert.signatureAlgorithm(), QStringLiteral("ecdsa-with-SHA256"));

    const TestPki rsaPki({KeyAlgorithm::Rsa, 2048}, QStringLiteral("RSA"));
    test::LeafOptions options;
    options.key = {KeyAlgorithm::Rsa, 3072};
    const IssuedCert rsaLeaf = rsaPki.issueLeaf(options);
    QCOMPARE(rsaLeaf.cert.keyAlgorithm(), QStringLiteral("RSA"));
    QCOMPARE(rsaLeaf.cert.keyBits(), 3072);
    QCOMPARE(rsaLeaf.cert.signatureAlgorithm(), QStringLiteral("sha256WithRSAEncryption"));
}

void TestCertificate::fingerprintIsSha256OfDer()
{
    const QByteArray der = m_leaf->cert.toDer();
    const QString expected = QString::fromLatin1(QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex());
    QCOMPARE(m_leaf->cert.fingerprintSha256(), expected);
    QCOMPARE(expected.size(), 64);
    QVERIFY(m_leaf->cert.fingerprintSha256() != m_pki->root().cert.fingerprintSha256());
}

void TestCertificate::matchesOnlyItsOwnKey()
{
    QVERIFY(m_leaf->cert.matchesKey(m_leaf->key));
    QVERIFY(!m_leaf->cert.matchesKey(m_pki->root().key));
    QVERIFY(!m_leaf->cert.matchesKey(PrivateKey()));
    const PrivateKey rsa = TestPki::makeKey({KeyAlgorithm::Rsa, 2048});
    QVERIFY(!m_leaf->cert.matchesKey(rsa));
}

void TestCertificate::chainKeepsFileOrder()
{
    const QList<Certificate> chain{m_leaf->cert, m_pki->intermediate().cert, m_pki->root().cert};
    const QByteArray pem = chainToPem(chain);
    auto parsed = Certificate::chainFromPem(QByteArray("# bundle\n") + pem + QByteArray("trailing text\n"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.message()));
    QCOMPARE(parsed->size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(parsed->at(i).fingerprintSha256(), chain.at(i).fingerprintSha256());
    }
    // A key between certificates is skipped.
    auto withKey = Certificate::chainFromPem(chain[0].toPem() + m_leaf->key.toPem() + chain[1].toPem());
    QVERIFY2(withKey.ok(), qPrintable(withKey.message()));
    QCOMPARE(withKey->size(), 2);
}

void TestCertificate::chainNamesTheDamagedCertificate_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("END line missing") << 0 << QStringLiteral("certificate 2 of 3 is truncated");
    QTest::newRow("lines cut out") << 1 << QStringLiteral("certificate 2 of 3 is truncated");
    QTest::newRow("bad base64") << 2 << QStringLiteral("certificate 2 of 3 is damaged");
    QTest::newRow("last cut off") << 3 << QStringLiteral("certificate 3 of 3 is truncated");
    QTest::newRow("wrong bytes") << 4 << QStringLiteral("certificate 2 of 3 is damaged");
}

void TestCertificate::chainNamesTheDamagedCertificate()
{
    QFETCH(int, mode);
    QFETCH(QString, expected);
    const QByteArray pem = chainToPem({m_leaf->cert, m_pki->intermediate().cert, m_pki->root().cert});
    QByteArray damaged;
    switch (mode) {
    case 0:
        damaged = editBlock(pem, 1, [](QList<QByteArray> lines) {
            lines.removeAt(lines.size() - 2); // the END line
            return lines;
        });
        break;
    case 1:
        damaged = editBlock(pem, 1, [](QList<QByteArray> lines) {
            lines.remove(3, 3);
            return lines;
        });
        break;
    case 2:
        damaged = editBlock(pem, 1, [](QList<QByteArray> lines) {
            lines[2] = "!!!! not base64 !!!!";
            return lines;
        });
        break;
    case 3:
        damaged = pem.left(pem.size() - 200);
        break;
    case 4:
        damaged = editBlock(pem, 1, [](QList<QByteArray> lines) {
            lines[1] = "QUJD" + lines[1].mid(4); // "ABC" replaces the SEQUENCE header
            return lines;
        });
        break;
    }
    auto parsed = Certificate::chainFromPem(damaged);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.message().startsWith(expected), qPrintable(parsed.message()));
}

void TestCertificate::rejectsNonCertificates()
{
    auto none = Certificate::chainFromPem(m_leaf->key.toPem());
    QVERIFY(!none.ok());
    QVERIFY2(none.message().contains(QLatin1String("no certificate")), qPrintable(none.message()));
    auto garbage = Certificate::fromData(QByteArray("hello, I am not a certificate"));
    QVERIFY(!garbage.ok());
    QVERIFY2(garbage.message().startsWith(QLatin1String("the certificate is damaged")), qPrintable(garbage.message()));
    auto cut = Certificate::fromDer(m_leaf->cert.toDer().left(100));
    QVERIFY(!cut.ok());
    QVERIFY2(cut.message().contains(QLatin1String("truncated")), qPrintable(cut.message()));
    auto empty = Certificate::fromDer({});
    QVERIFY(!empty.ok());
}

void TestCertificate::copiesShareTheCertificate()
{
    Certificate copy = m_leaf->cert;
    QCOMPARE(copy.get(), m_leaf->cert.get());
    Certificate assigned;
    QVERIFY(assigned.isNull());
    QVERIFY(assigned.fingerprintSha256().isEmpty());
    QVERIFY(assigned.subjectAltNames().isEmpty());
    assigned = copy;
    copy = Certificate();
    QCOMPARE(assigned.fingerprintSha256(), m_leaf->cert.fingerprintSha256());
    Certificate moved = std::move(assigned);
    QVERIFY(assigned.isNull());
    QCOMPARE(moved.commonName(), QStringLiteral("www.example.test"));
}

QTEST_GUILESS_MAIN(TestCertificate)
#include "TestCertificate.moc"
