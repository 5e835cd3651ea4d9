#include "engine/crypto/CertificateBuilder.h"

#include "tests/support/TestPki.h"

#include <QTest>

#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

using namespace certdeck;
using namespace certdeck::crypto;
using certdeck::test::IssuedCert;
using certdeck::test::TestPki;

namespace {

// X509_verify_cert of leaf against root as the only trust anchor, as a TLS client would for `host`.
QString verifyChain(const Certificate& leaf, const QList<Certificate>& untrusted, const Certificate& root,
                    const QByteArray& host)
{
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, root.get());
    STACK_OF(X509)* chain = sk_X509_new_null();
    for (const Certificate& cert : untrusted) {
        sk_X509_push(chain, cert.get());
    }
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf.get(), chain);
    X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
    if (!host.isEmpty()) {
        X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx), host.constData(), size_t(host.size()));
    }
    const int ok = X509_verify_cert(ctx);
    const QString result =
        ok == 1 ? QString() : QString::fromLatin1(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
    X509_STORE_CTX_free(ctx);
    sk_X509_free(chain);
    X509_STORE_free(store);
    return ok == 1 ? QStringLiteral("ok") : result;
}

QByteArray keyId(const ASN1_OCTET_STRING* id)
{
    return id ? QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(id)), ASN1_STRING_length(id))
              : QByteArray();
}

CertificateRequest makeCsr(const PrivateKey& key, const QString& cn, const QStringList& sans = {})
{
    CsrSubject subject;
    subject.commonName = cn;
    subject.sans = sans;
    auto csr = CertificateRequest::create(subject, key);
    if (!csr) {
        qFatal("CSR: %s", qPrintable(csr.message()));
    }
    return std::move(csr).value();
}

} // namespace

class TestCertificateBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void chainVerifiesAgainstRoot();
    void rootAndIntermediateProfiles();
    void serverProfileExtensions_data();
    void serverProfileExtensions();
    void sansFromRequestOrSpec();
    void validityAndSerialAsRequested();
    void randomSerialsArePositiveAndDistinct();
    void defaultNotBeforeIsSlightlyInThePast();
    void crlDistributionPoint();
    void refusesTamperedRequest();
    void refusesBadIssuerOrSpec();
    void usesRequestedDigest();

private:
    std::unique_ptr<TestPki> m_pki;
};

void TestCertificateBuilder::initTestCase()
{
    m_pki = std::make_unique<TestPki>();
}

void TestCertificateBuilder::chainVerifiesAgainstRoot()
{
    const IssuedCert leaf = m_pki->issueLeaf({QStringLiteral("www.example.test"), QStringLiteral("api.example.test")});
    QCOMPARE(verifyChain(leaf.cert, {m_pki->intermediate().cert}, m_pki->root().cert, "api.example.test"),
             QStringLiteral("ok"));
    // Without the intermediate the chain cannot be built; a foreign root does not verify it.
    QCOMPARE(verifyChain(leaf.cert, {}, m_pki->root().cert, "www.example.test"),
             QStringLiteral("unable to get local issuer certificate"));
    const TestPki other;
    QVERIFY(verifyChain(leaf.cert, {m_pki->intermediate().cert}, other.root().cert, "www.example.test") !=
            QStringLiteral("ok"));
    // A name not in the SANs does not verify.
    QCOMPARE(verifyChain(leaf.cert, {m_pki->intermediate().cert}, m_pki->root().cert, "other.example.test"),
             QStringLiteral("hostname mismatch"));
    // Key identifiers link each certificate to its issuer.
    QCOMPARE(keyId(X509_get0_authority_key_id(leaf.cert.get())),
             keyId(X509_get0_subject_key_id(m_pki->intermediate().cert.get())));
    QCOMPARE(keyId(X509_get0_authority_key_id(m_pki->intermediate().cert.get())),
             keyId(X509_get0_subject_key_id(m_pki->root().cert.get())));
    QVERIFY(!keyId(X509_get0_subject_key_id(leaf.cert.get())).isEmpty());
}

void TestCertificateBuilder::rootAndIntermediateProfiles()
{
    const Certificate& root = m_pki->root().cert;
    QVERIFY(root.isCa());
    QVERIFY(root.isSelfSigned());
    QCOMPARE(root.subject(), QStringLiteral("CN=CertDeck Test Root CA,O=CertDeck Tests"));
    QCOMPARE(X509_get_key_usage(root.get()), uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    QCOMPARE(keyId(X509_get0_authority_key_id(root.get())), keyId(X509_get0_subject_key_id(root.get())));
    QCOMPARE(X509_get_pathlen(root.get()), -1L);

    const Certificate& ca = m_pki->intermediate().cert;
    QVERIFY(ca.isCa());
    QVERIFY(!ca.isSelfSigned());
    QCOMPARE(ca.issuer(), root.subject());
    QCOMPARE(X509_get_pathlen(ca.get()), 0L);
    QCOMPARE(X509_get_key_usage(ca.get()), uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    QCOMPARE(X509_get_extension_flags(ca.get()) & EXFLAG_XKUSAGE, 0u);
}

void TestCertificateBuilder::serverProfileExtensions_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<int>("bits");
    QTest::addColumn<uint>("keyUsage");
    QTest::newRow("RSA") << int(KeyAlgorithm::Rsa) << 2048 << uint(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT);
    QTest::newRow("EC") << int(KeyAlgorithm::Ec) << 256 << uint(KU_DIGITAL_SIGNATURE);
}

void TestCertificateBuilder::serverProfileExtensions()
{
    QFETCH(int, algorithm);
    QFETCH(int, bits);
    QFETCH(uint, keyUsage);
    test::LeafOptions options;
    options.names = {QStringLiteral("www.example.test")};
    options.key = {KeyAlgorithm(algorithm), bits};
    const IssuedCert leaf = m_pki->issueLeaf(options);
    QVERIFY(!leaf.cert.isCa());
    QCOMPARE(X509_get_key_usage(leaf.cert.get()), keyUsage);
    QCOMPARE(X509_get_extended_key_usage(leaf.cert.get()), uint32_t(XKU_SSL_SERVER));
    QVERIFY(leaf.cert.matchesKey(leaf.key));
    QCOMPARE(leaf.cert.keyBits(), bits);
    QCOMPARE(X509_get_version(leaf.cert.get()), 2L);
    QCOMPARE(X509_check_purpose(leaf.cert.get(), X509_PURPOSE_SSL_SERVER, 0), 1);
}

void TestCertificateBuilder::sansFromRequestOrSpec()
{
    const PrivateKey key = TestPki::makeKey();
    const CertificateRequest csr =
        makeCsr(key, QStringLiteral("www.example.test"), {QStringLiteral("192.0.2.7"), QStringLiteral("::1")});
    CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(10);
    auto fromCsr = CertificateBuilder::signRequest(spec, csr, m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY2(fromCsr.ok(), qPrintable(fromCsr.message()));
    QCOMPARE(fromCsr->subjectAltNames(),
             (QStringList{QStringLiteral("www.example.test"), QStringLiteral("192.0.2.7"), QStringLiteral("::1")}));
    QCOMPARE(fromCsr->subject(), QStringLiteral("CN=www.example.test"));

    spec.sans = {QStringLiteral("override.example.test"), QStringLiteral("bücher.example.test")};
    auto fromSpec = CertificateBuilder::signRequest(spec, csr, m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY2(fromSpec.ok(), qPrintable(fromSpec.message()));
    QCOMPARE(fromSpec->subjectAltNames(),
             (QStringList{QStringLiteral("override.example.test"), QStringLiteral("xn--bcher-kva.example.test")}));

    spec.sans = {QStringLiteral("bad..name")};
    auto bad = CertificateBuilder::signRequest(spec, csr, m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.message().contains(QLatin1String("bad..name")), qPrintable(bad.message()));
}

void TestCertificateBuilder::validityAndSerialAsRequested()
{
    const PrivateKey key = TestPki::makeKey();
    CertificateSpec spec;
    spec.notBefore = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    spec.notAfter = QDateTime(QDate(2051, 6, 7), QTime(8, 9, 10), Qt::UTC); // GeneralizedTime range
    spec.serial = QByteArray::fromHex("01ab");
    auto cert = CertificateBuilder::signRequest(spec, makeCsr(key, QStringLiteral("v.example.test")),
                                                m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY2(cert.ok(), qPrintable(cert.message()));
    QCOMPARE(cert->notBefore(), spec.notBefore);
    QCOMPARE(cert->notAfter(), spec.notAfter);
    QCOMPARE(cert->notAfter().timeSpec(), Qt::UTC);
    QCOMPARE(cert->serialHex(), QStringLiteral("01AB"));
}

void TestCertificateBuilder::randomSerialsArePositiveAndDistinct()
{
    const PrivateKey key = TestPki::makeKey();
    CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(1);
    QSet<QString> serials;
    for (int i = 0; i < 20; ++i) {
        auto cert = CertificateBuilder::signRequest(spec, makeCsr(key, QStringLiteral("s.example.test")),
                                                    m_pki->intermediate().cert, m_pki->intermediate().key);
        QVERIFY2(cert.ok(), qPrintable(cert.message()));
        const ASN1_INTEGER* serial = X509_get0_serialNumber(cert->get());
        QCOMPARE(ASN1_STRING_type(serial), V_ASN1_INTEGER); // not V_ASN1_NEG_INTEGER
        QVERIFY(ASN1_STRING_length(serial) <= 16);
        QVERIFY(ASN1_STRING_length(serial) >= 8);
        serials.insert(cert->serialHex());
    }
    QCOMPARE(serials.size(), 20);
    spec.serial = QByteArray(4, '\0');
    auto zero = CertificateBuilder::signRequest(spec, makeCsr(key, QStringLiteral("s.example.test")),
                                                m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY(!zero.ok());
    QVERIFY(zero.message().contains(QLatin1String("must not be zero")));
}

void TestCertificateBuilder::defaultNotBeforeIsSlightlyInThePast()
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const IssuedCert leaf = m_pki->issueLeaf();
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QVERIFY(leaf.cert.notBefore() <= after.addSecs(-5 * 60));
    QVERIFY(leaf.cert.notBefore() >= before.addSecs(-5 * 60 - 1));
}

void TestCertificateBuilder::crlDistributionPoint()
{
    test::LeafOptions options;
    options.crlDistributionPoint = QStringLiteral("http://127.0.0.1:8080/ca.crl");
    const IssuedCert leaf = m_pki->issueLeaf(options);
    auto* points =
        static_cast<CRL_DIST_POINTS*>(X509_get_ext_d2i(leaf.cert.get(), NID_crl_distribution_points, nullptr, nullptr));
    QVERIFY(points);
    QCOMPARE(sk_DIST_POINT_num(points), 1);
    const DIST_POINT* point = sk_DIST_POINT_value(points, 0);
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(point->distpoint->name.fullname, 0);
    QCOMPARE(name->type, GEN_URI);
    const QByteArray uri(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.uniformResourceIdentifier)),
                         ASN1_STRING_length(name->d.uniformResourceIdentifier));
    CRL_DIST_POINTS_free(points);
    QCOMPARE(uri, QByteArray("http://127.0.0.1:8080/ca.crl"));

    CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(1);
    spec.crlDistributionPoint = QStringLiteral("file:///etc/passwd");
    const PrivateKey key = TestPki::makeKey();
    auto bad = CertificateBuilder::signRequest(spec, makeCsr(key, QStringLiteral("c.example.test")),
                                               m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.message().contains(QLatin1String("file:///etc/passwd")), qPrintable(bad.message()));
}

void TestCertificateBuilder::refusesTamperedRequest()
{
    const PrivateKey key = TestPki::makeKey();
    CertificateRequest csr = makeCsr(key, QStringLiteral("www.example.test"));
    X509_NAME* evil = X509_NAME_new();
    X509_NAME_add_entry_by_txt(evil, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("evil.example.test"),
                               -1, -1, 0);
    QVERIFY(X509_REQ_set_subject_name(csr.get(), evil));
    X509_NAME_free(evil);
    CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(1);
    auto cert = CertificateBuilder::signRequest(spec, csr, m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY(!cert.ok());
    QVERIFY2(cert.message().contains(QLatin1String("signature does not verify")), qPrintable(cert.message()));
}

void TestCertificateBuilder::refusesBadIssuerOrSpec()
{
    const PrivateKey key = TestPki::makeKey();
    const CertificateRequest csr = makeCsr(key, QStringLiteral("www.example.test"));
    CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(1);

    auto wrongKey = CertificateBuilder::signRequest(spec, csr, m_pki->intermediate().cert, m_pki->root().key);
    QVERIFY(!wrongKey.ok());
    QVERIFY2(wrongKey.message().contains(QLatin1String("does not match the CA certificate")),
             qPrintable(wrongKey.message()));

    const IssuedCert leaf = m_pki->issueLeaf();
    auto notCa = CertificateBuilder::signRequest(spec, csr, leaf.cert, leaf.key);
    QVERIFY(!notCa.ok());
    QVERIFY2(notCa.message().contains(QLatin1String("is not a CA certificate")), qPrintable(notCa.message()));

    CertificateSpec noExpiry;
    auto missing =
        CertificateBuilder::signRequest(noExpiry, csr, m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY(!missing.ok());
    QVERIFY(missing.message().contains(QLatin1String("expiry")));

    CertificateSpec backwards;
    backwards.notBefore = QDateTime::currentDateTimeUtc();
    backwards.notAfter = backwards.notBefore.addDays(-1);
    auto reversed =
        CertificateBuilder::signRequest(backwards, csr, m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY(!reversed.ok());
    QVERIFY(reversed.message().contains(QLatin1String("is not after its start")));

    CertificateSpec rootSpec;
    rootSpec.profile = CertificateProfile::RootCa;
    rootSpec.notAfter = QDateTime::currentDateTimeUtc().addDays(1);
    auto noName = CertificateBuilder::selfSigned(rootSpec, key);
    QVERIFY(!noName.ok());
    QVERIFY(noName.message().contains(QLatin1String("common name")));
}

void TestCertificateBuilder::usesRequestedDigest()
{
    const PrivateKey key = TestPki::makeKey();
    CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(1);
    spec.digest = DigestAlgorithm::Sha384;
    auto cert = CertificateBuilder::signRequest(spec, makeCsr(key, QStringLiteral("d.example.test")),
                                                m_pki->intermediate().cert, m_pki->intermediate().key);
    QVERIFY2(cert.ok(), qPrintable(cert.message()));
    QCOMPARE(cert->signatureAlgorithm(), QStringLiteral("ecdsa-with-SHA384"));
}

QTEST_GUILESS_MAIN(TestCertificateBuilder)
#include "TestCertificateBuilder.moc"
