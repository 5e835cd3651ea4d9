#include "engine/crypto/CertificateRequest.h"

#include <QTest>

#include <openssl/x509.h>

using namespace certdeck;
using namespace certdeck::crypto;

class TestCertificateRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createsRequestWithNormalizedSans();
    void subjectFieldsAreEncoded();
    void pemRoundTrip();
    void refusesTamperedRequest();
    void refusesGarbage();
    void validatesNames_data();
    void validatesNames();
    void acceptsWildcardAndTrailingDot();
    void usesRequestedDigest();
    void parsesSignatureAlgorithms_data();
    void parsesSignatureAlgorithms();
    void refusesWeakSignatureAlgorithms_data();
    void refusesWeakSignatureAlgorithms();

private:
    PrivateKey m_key;
};

void TestCertificateRequest::initTestCase()
{
    auto key = PrivateKey::generate({KeyAlgorithm::Ec, 256});
    QVERIFY2(key.ok(), qPrintable(key.message()));
    m_key = std::move(key).value();
}

void TestCertificateRequest::createsRequestWithNormalizedSans()
{
    CsrSubject subject;
    subject.commonName = QStringLiteral("WWW.Example.test");
    subject.sans = {QStringLiteral("bücher.example.test"),
                    QStringLiteral(" 192.0.2.10 "),
                    QStringLiteral("2001:DB8::1"),
                    QStringLiteral("www.example.test"),
                    QString(),
                    QStringLiteral("api.example.test")};
    auto csr = CertificateRequest::create(subject, m_key);
    QVERIFY2(csr.ok(), qPrintable(csr.message()));
    QCOMPARE(csr->commonName(), QStringLiteral("www.example.test"));
    const QStringList expected{QStringLiteral("www.example.test"), QStringLiteral("xn--bcher-kva.example.test"),
                               QStringLiteral("192.0.2.10"), QStringLiteral("2001:db8::1"),
                               QStringLiteral("api.example.test")};
    QCOMPARE(csr->subjectAltNames(), expected);
}

void TestCertificateRequest::subjectFieldsAreEncoded()
{
    CsrSubject subject;
    subject.commonName = QStringLiteral("www.example.test");
    subject.organization = QStringLiteral("Exämple GmbH");
    subject.organizationalUnit = QStringLiteral("Ops");
    subject.country = QStringLiteral("de");
    subject.state = QStringLiteral("Berlin");
    subject.locality = QStringLiteral("Berlin");
    auto csr = CertificateRequest::create(subject, m_key);
    QVERIFY2(csr.ok(), qPrintable(csr.message()));
    QCOMPARE(csr->subject(), QStringLiteral("CN=www.example.test,OU=Ops,O=Exämple GmbH,L=Berlin,ST=Berlin,C=DE"));
}

void TestCertificateRequest::pemRoundTrip()
{
    CsrSubject subject;
    subject.commonName = QStringLiteral("www.example.test");
    subject.sans = {QStringLiteral("10.0.0.1")};
    auto csr = CertificateRequest::create(subject, m_key);
    QVERIFY(csr.ok());
    const QByteArray pem = csr->toPem();
    QVERIFY(pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
    auto back = CertificateRequest::fromPem(pem);
    QVERIFY2(back.ok(), qPrintable(back.message()));
    QCOMPARE(back->toDer(), csr->toDer());
    QCOMPARE(back->subjectAltNames(), (QStringList{QStringLiteral("www.example.test"), QStringLiteral("10.0.0.1")}));
    auto fromDer = CertificateRequest::fromPem(csr->toDer());
    QVERIFY2(fromDer.ok(), qPrintable(fromDer.message()));
    QCOMPARE(fromDer->commonName(), QStringLiteral("www.example.test"));
    // The CSR carries the key's public half.
    unsigned char* spki = nullptr;
    const int length = i2d_PUBKEY(X509_REQ_get0_pubkey(back->get()), &spki);
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(spki), length), m_key.publicKeyDer());
    OPENSSL_free(spki);
}

void TestCertificateRequest::refusesTamperedRequest()
{
    CsrSubject subject;
    subject.commonName = QStringLiteral("www.example.test");
    auto csr = CertificateRequest::create(subject, m_key);
    QVERIFY(csr.ok());
    QByteArray der = csr->toDer();
    const qsizetype at = der.indexOf("www.example.test");
    QVERIFY(at > 0);
    der[at] = 'v'; // same length: still parses, signature no longer matches
    auto tampered = CertificateRequest::fromPem(der);
    QVERIFY(!tampered.ok());
    QVERIFY2(tampered.message().contains(QLatin1String("signature does not verify")), qPrintable(tampered.message()));
}

void TestCertificateRequest::refusesGarbage()
{
    auto garbage = CertificateRequest::fromPem(QByteArray("-----BEGIN CERTIFICATE REQUEST-----\nnope\n"));
    QVERIFY(!garbage.ok());
    QVERIFY2(garbage.message().startsWith(QLatin1String("The CSR cannot be read")), qPrintable(garbage.message()));
    auto noKey = CertificateRequest::create({QStringLiteral("a.example")}, PrivateKey());
    QVERIFY(!noKey.ok());
}

void TestCertificateRequest::validatesNames_data()
{
    QTest::addColumn<QString>("commonName");
    QTest::addColumn<QStringList>("sans");
    QTest::addColumn<QStringList>("expected"); // each must appear in the message
    QTest::newRow("empty CN") << QStringLiteral("  ") << QStringList{}
                              << QStringList{QStringLiteral("common name is empty")};
    QTest::newRow("CN empty label") << QStringLiteral("www..example.test") << QStringList{}
                                    << QStringList{QStringLiteral("Common name"), QStringLiteral("www..example.test"),
                                                   QStringLiteral("empty label")};
    QTest::newRow("SAN bad char") << QStringLiteral("www.example.test")
                                  << QStringList{QStringLiteral("ok.example.test"),
                                                 QStringLiteral("bad_name.example.test")}
                                  << QStringList{QStringLiteral("bad_name.example.test"), QStringLiteral("'_'")};
    QTest::newRow("wildcard inside label")
        << QStringLiteral("www.example.test") << QStringList{QStringLiteral("w*.example.test")}
        << QStringList{QStringLiteral("\"w*.example.test\""), QStringLiteral("whole leftmost label")};
    QTest::newRow("wildcard not leftmost")
        << QStringLiteral("www.example.test") << QStringList{QStringLiteral("www.*.example.test")}
        << QStringList{QStringLiteral("www.*.example.test"), QStringLiteral("whole leftmost label")};
    QTest::newRow("wildcard on TLD") << QStringLiteral("www.example.test") << QStringList{QStringLiteral("*.test")}
                                     << QStringList{QStringLiteral("*.test"), QStringLiteral("at least two labels")};
    QTest::newRow("hyphen") << QStringLiteral("-www.example.test") << QStringList{}
                            << QStringList{QStringLiteral("-www"), QStringLiteral("hyphen")};
    QTest::newRow("long label") << QStringLiteral("www.example.test")
                                << QStringList{QString(64, QLatin1Char('a')) + QStringLiteral(".test")}
                                << QStringList{QStringLiteral("longer than 63 characters")};
    QTest::newRow("bad IPv4") << QStringLiteral("www.example.test") << QStringList{QStringLiteral("300.1.2.3")}
                              << QStringList{QStringLiteral("\"300.1.2.3\" is not a valid IP address")};
    QTest::newRow("bad IPv6") << QStringLiteral("www.example.test") << QStringList{QStringLiteral("2001:db8::zz")}
                              << QStringList{QStringLiteral("2001:db8::zz")};
    QTest::newRow("space in CN") << QStringLiteral("My Server") << QStringList{}
                                 << QStringList{QStringLiteral("My Server"), QStringLiteral("' '")};
}

void TestCertificateRequest::validatesNames()
{
    QFETCH(QString, commonName);
    QFETCH(QStringList, sans);
    QFETCH(QStringList, expected);
    CsrSubject subject;
    subject.commonName = commonName;
    subject.sans = sans;
    auto csr = CertificateRequest::create(subject, m_key);
    QVERIFY(!csr.ok());
    for (const QString& part : expected) {
        QVERIFY2(csr.message().contains(part), qPrintable(csr.message()));
    }
}

void TestCertificateRequest::acceptsWildcardAndTrailingDot()
{
    CsrSubject subject;
    subject.commonName = QStringLiteral("*.Example.test.");
    subject.sans = {QStringLiteral("*.bücher.example.test")};
    auto csr = CertificateRequest::create(subject, m_key);
    QVERIFY2(csr.ok(), qPrintable(csr.message()));
    QCOMPARE(csr->subjectAltNames(),
             (QStringList{QStringLiteral("*.example.test"), QStringLiteral("*.xn--bcher-kva.example.test")}));
    auto country =
        CertificateRequest::create({QStringLiteral("a.example.test"), {}, {}, {}, QStringLiteral("USA")}, m_key);
    QVERIFY(!country.ok());
    QVERIFY2(country.message().contains(QLatin1String("\"USA\"")), qPrintable(country.message()));
}

void TestCertificateRequest::usesRequestedDigest()
{
    auto rsa = PrivateKey::generate({KeyAlgorithm::Rsa, 2048});
    QVERIFY(rsa.ok());
    auto csr = CertificateRequest::create({QStringLiteral("rsa.example.test")}, *rsa, DigestAlgorithm::Sha384);
    QVERIFY2(csr.ok(), qPrintable(csr.message()));
    QCOMPARE(X509_REQ_get_signature_nid(csr->get()), NID_sha384WithRSAEncryption);
    auto ec = CertificateRequest::create({QStringLiteral("ec.example.test")}, m_key, DigestAlgorithm::Sha512);
    QVERIFY(ec.ok());
    QCOMPARE(X509_REQ_get_signature_nid(ec->get()), NID_ecdsa_with_SHA512);
}

void TestCertificateRequest::parsesSignatureAlgorithms_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("digest");
    QTest::newRow("SHA256WithRSA") << "SHA256WithRSA" << int(DigestAlgorithm::Sha256);
    QTest::newRow("SHA384withECDSA") << "SHA384withECDSA" << int(DigestAlgorithm::Sha384);
    QTest::newRow("sha512WithRSAEncryption") << "sha512WithRSAEncryption" << int(DigestAlgorithm::Sha512);
    QTest::newRow("ecdsa-with-SHA256") << "ecdsa-with-SHA256" << int(DigestAlgorithm::Sha256);
    QTest::newRow("SHA-384") << "SHA-384" << int(DigestAlgorithm::Sha384);
    QTest::newRow("SHA512withRSA/PSS") << "SHA512withRSAPSS" << int(DigestAlgorithm::Sha512);
}

void TestCertificateRequest::parsesSignatureAlgorithms()
{
    QFETCH(QString, name);
    QFETCH(int, digest);
    auto parsed = digestFromSignatureAlgorithm(name);
    QVERIFY2(parsed.ok(), qPrintable(parsed.message()));
    QCOMPARE(int(*parsed), digest);
}

void TestCertificateRequest::refusesWeakSignatureAlgorithms_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    const QString sha1 =
        QStringLiteral("SHA-1 signatures are refused: collisions are practical; choose SHA256WithRSA or stronger");
    QTest::newRow("SHA1WithRSA") << "SHA1WithRSA" << sha1;
    QTest::newRow("sha1WithRSAEncryption") << "sha1WithRSAEncryption" << sha1;
    QTest::newRow("ecdsa-with-SHA1") << "ecdsa-with-SHA1" << sha1;
    QTest::newRow("MD5WithRSA") << "MD5WithRSA" << QStringLiteral("MD5 signatures are refused");
    QTest::newRow("md5WithRSAEncryption") << "md5WithRSAEncryption" << QStringLiteral("MD5 signatures are refused");
    QTest::newRow("SHA224") << "SHA224WithRSA" << QStringLiteral("\"SHA224WithRSA\" is not supported");
    QTest::newRow("unknown") << "Whirlpool" << QStringLiteral("\"Whirlpool\" is not recognised");
    QTest::newRow("empty") << "" << QStringLiteral("No signature algorithm");
}

void TestCertificateRequest::refusesWeakSignatureAlgorithms()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    auto parsed = digestFromSignatureAlgorithm(name);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.message().contains(expected), qPrintable(parsed.message()));
}

QTEST_GUILESS_MAIN(TestCertificateRequest)
#include "TestCertificateRequest.moc"
