#include "engine/crypto/Pkcs12.h"

#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/asn1t.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

using namespace certdeck;
using namespace certdeck::crypto;
using certdeck::test::IssuedCert;
using certdeck::test::TestPki;

namespace {
const QString kVectors = QStringLiteral("/usr/lib/python3/dist-packages/cryptography_vectors/pkcs12");

// 2^31 - 1: the largest count OpenSSL honours (it takes the count as an int; 2^31 would overflow and fail at
// once). Deriving a key with it takes many minutes.
constexpr int64_t kHostileIterations = 2147483647;

// Rewrites the PBKDF2 iteration count inside a PBES2 algorithm identifier (what OpenSSL 3 writes) without
// deriving anything: an attacker edits the file, he does not pay for the count.
void setPbes2Iterations(const X509_ALGOR* constAlgorithm, int64_t iterations)
{
    auto* algorithm = const_cast<X509_ALGOR*>(constAlgorithm);
    QCOMPARE(OBJ_obj2nid(algorithm->algorithm), NID_pbes2);
    auto* pbes2 = static_cast<PBE2PARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), algorithm->parameter));
    QVERIFY(pbes2);
    auto* kdf =
        static_cast<PBKDF2PARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), pbes2->keyfunc->parameter));
    QVERIFY(kdf);
    QVERIFY(ASN1_INTEGER_set_int64(kdf->iter, iterations) == 1);
    QVERIFY(ASN1_TYPE_pack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), kdf, &pbes2->keyfunc->parameter));
    QVERIFY(ASN1_TYPE_pack_sequence(ASN1_ITEM_rptr(PBE2PARAM), pbes2, &algorithm->parameter));
    PBKDF2PARAM_free(kdf);
    PBE2PARAM_free(pbes2);
}

QByteArray toDer(PKCS12* p12)
{
    unsigned char* der = nullptr;
    const int length = i2d_PKCS12(p12, &der);
    QByteArray result(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return result;
}

PKCS12* fromDer(const QByteArray& der)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    return d2i_PKCS12(nullptr, &p, long(der.size()));
}

// `der` with the iteration count of its shrouded key bag (key = true) or of its encrypted safe (key = false)
// raised to `iterations`; a fresh MAC (1 iteration) keeps the file well-formed.
QByteArray withContentIterations(const QByteArray& der, const QByteArray& password, bool key, int64_t iterations)
{
    PKCS12* p12 = fromDer(der);
    STACK_OF(PKCS7)* safes = PKCS12_unpack_authsafes(p12);
    STACK_OF(PKCS7)* rebuilt = sk_PKCS7_new_null();
    bool changed = false;
    for (int i = 0; i < sk_PKCS7_num(safes); ++i) {
        PKCS7* safe = sk_PKCS7_value(safes, i);
        if (OBJ_obj2nid(safe->type) == NID_pkcs7_data && key) {
            STACK_OF(PKCS12_SAFEBAG)* bags = PKCS12_unpack_p7data(safe);
            for (int j = 0; j < sk_PKCS12_SAFEBAG_num(bags); ++j) {
                const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags, j);
                if (PKCS12_SAFEBAG_get_nid(bag) == NID_pkcs8ShroudedKeyBag) {
                    const X509_ALGOR* algorithm = nullptr;
                    X509_SIG_get0(PKCS12_SAFEBAG_get0_pkcs8(bag), &algorithm, nullptr);
                    setPbes2Iterations(algorithm, iterations);
                    changed = true;
                }
            }
            sk_PKCS7_push(rebuilt, PKCS12_pack_p7data(bags));
            sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
        } else {
            PKCS7* copy = PKCS7_dup(safe);
            if (OBJ_obj2nid(copy->type) == NID_pkcs7_encrypted && !key) {
                setPbes2Iterations(copy->d.encrypted->enc_data->algorithm, iterations);
                changed = true;
            }
            sk_PKCS7_push(rebuilt, copy);
        }
    }
    PKCS12* out = PKCS12_init(NID_pkcs7_data);
    PKCS12_pack_authsafes(out, rebuilt);
    PKCS12_set_mac(out, password.constData(), -1, nullptr, 0, 1, nullptr);
    const QByteArray result = changed ? toDer(out) : QByteArray();
    PKCS12_free(out);
    sk_PKCS7_pop_free(rebuilt, PKCS7_free);
    sk_PKCS7_pop_free(safes, PKCS7_free);
    PKCS12_free(p12);
    return result;
}

void verifyRefusedAtOnce(const QByteArray& p12, const QByteArray& password, const QString& what)
{
    QElapsedTimer timer;
    timer.start();
    const auto bundle = readPkcs12(p12, password);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
    QVERIFY(!bundle.ok());
    QCOMPARE(bundle.error().kind, QStringLiteral("tooManyIterations"));
    QVERIFY2(bundle.message().contains(QStringLiteral("2147483647")), qPrintable(bundle.message()));
    QVERIFY2(bundle.message().contains(QStringLiteral("1000000")), qPrintable(bundle.message()));
    QVERIFY2(bundle.message().contains(what), qPrintable(bundle.message()));
}
} // namespace

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
    void hugeMacIterationCountIsRefusedAtOnce();
    void hugeKeyIterationCountIsRefusedAtOnce();
    void hugeEncryptedContentsIterationCountIsRefusedAtOnce();

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

// The MAC's iteration count raised to 2^31 - 1 (verifying it takes many minutes): refused before any work.
void TestPkcs12::hugeMacIterationCountIsRefusedAtOnce()
{
    PKCS12* p12 = fromDer(m_p12);
    QVERIFY(p12);
    const ASN1_INTEGER* iterations = nullptr;
    PKCS12_get0_mac(nullptr, nullptr, nullptr, &iterations, p12);
    QVERIFY(iterations);
    QVERIFY(ASN1_INTEGER_set_int64(const_cast<ASN1_INTEGER*>(iterations), kHostileIterations) == 1);
    const QByteArray hostile = toDer(p12);
    PKCS12_free(p12);
    verifyRefusedAtOnce(hostile, m_password, QStringLiteral("integrity MAC"));
    verifyRefusedAtOnce(hostile, {}, QStringLiteral("integrity MAC")); // the scan's read without a password
}

void TestPkcs12::hugeKeyIterationCountIsRefusedAtOnce()
{
    const QByteArray hostile = withContentIterations(m_p12, m_password, true, kHostileIterations);
    QVERIFY(!hostile.isEmpty());
    verifyRefusedAtOnce(hostile, m_password, QStringLiteral("private key"));
}

void TestPkcs12::hugeEncryptedContentsIterationCountIsRefusedAtOnce()
{
    const QByteArray hostile = withContentIterations(m_p12, m_password, false, kHostileIterations);
    QVERIFY(!hostile.isEmpty());
    verifyRefusedAtOnce(hostile, m_password, QStringLiteral("encrypted contents"));
}

QTEST_GUILESS_MAIN(TestPkcs12)
#include "TestPkcs12.moc"
