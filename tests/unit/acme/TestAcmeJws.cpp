#include "connectors/acme/AcmeJws.h"
#include "tests/support/TestPki.h"

#include <QJsonDocument>
#include <QtTest>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace certdeck;
using namespace certdeck::acme;

namespace {

struct Jws
{
    QJsonObject header;
    QByteArray payload;
    QByteArray signingInput;
    QByteArray signature;
};

Jws parse(const QByteArray& body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    Jws jws;
    const QByteArray protectedPart = object.value(QStringLiteral("protected")).toString().toLatin1();
    const QByteArray payloadPart = object.value(QStringLiteral("payload")).toString().toLatin1();
    jws.header = QJsonDocument::fromJson(*fromBase64Url(protectedPart)).object();
    jws.payload = *fromBase64Url(payloadPart);
    jws.signingInput = protectedPart + '.' + payloadPart;
    jws.signature = *fromBase64Url(object.value(QStringLiteral("signature")).toString().toLatin1());
    return jws;
}

bool verify(EVP_PKEY* key, const QByteArray& input, const QByteArray& signature)
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok =
        EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()), signature.size(),
                         reinterpret_cast<const unsigned char*>(input.constData()), input.size()) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

// JWS ES256 carries r||s; OpenSSL verifies DER.
QByteArray rawToDer(const QByteArray& raw)
{
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.constData()), 32, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.constData()) + 32, 32, nullptr);
    ECDSA_SIG_set0(sig, r, s);
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(sig, &der);
    QByteArray out(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    return out;
}

} // namespace

class TestAcmeJws : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void es256SignatureVerifiesWithOpenSsl()
    {
        const auto key = test::TestPki::makeKey({crypto::KeyAlgorithm::Ec, 256});
        const QJsonObject payload{{QStringLiteral("identifiers"), QStringLiteral("x")}};
        auto body = AcmeJws::request(key, QString(), "nonce-1", QStringLiteral("https://ca/new-acct"), &payload);
        QVERIFY2(body.ok(), qPrintable(body.message()));
        const Jws jws = parse(*body);
        QCOMPARE(jws.header.value("alg").toString(), QStringLiteral("ES256"));
        QCOMPARE(jws.header.value("nonce").toString(), QStringLiteral("nonce-1"));
        QCOMPARE(jws.header.value("url").toString(), QStringLiteral("https://ca/new-acct"));
        QVERIFY(!jws.header.contains("kid"));
        QCOMPARE(QJsonDocument::fromJson(jws.payload).object(), payload);
        QCOMPARE(jws.signature.size(), 64); // r||s, not DER
        QVERIFY(verify(key.get(), jws.signingInput, rawToDer(jws.signature)));
        QVERIFY(!verify(key.get(), jws.signingInput + "x", rawToDer(jws.signature)));

        // The embedded JWK is the key's public point (SPKI ends with 04 || x || y).
        const QJsonObject jwk = jws.header.value("jwk").toObject();
        const QByteArray point = key.publicKeyDer().right(65);
        QCOMPARE(point.at(0), '\x04');
        QCOMPARE(*fromBase64Url(jwk.value("x").toString().toLatin1()), point.mid(1, 32));
        QCOMPARE(*fromBase64Url(jwk.value("y").toString().toLatin1()), point.mid(33, 32));
        QCOMPARE(jwk.value("crv").toString(), QStringLiteral("P-256"));
    }

    void rs256SignatureVerifiesWithOpenSsl()
    {
        const auto key = test::TestPki::makeKey({crypto::KeyAlgorithm::Rsa, 2048});
        auto body =
            AcmeJws::request(key, QStringLiteral("https://ca/acct/1"), "n2", QStringLiteral("https://ca/o"), nullptr);
        QVERIFY2(body.ok(), qPrintable(body.message()));
        const Jws jws = parse(*body);
        QCOMPARE(jws.header.value("alg").toString(), QStringLiteral("RS256"));
        QCOMPARE(jws.header.value("kid").toString(), QStringLiteral("https://ca/acct/1"));
        QVERIFY(!jws.header.contains("jwk"));
        QVERIFY(jws.payload.isEmpty()); // POST-as-GET
        QVERIFY(jws.signingInput.endsWith('.'));
        QCOMPARE(jws.signature.size(), 256);
        QVERIFY(verify(key.get(), jws.signingInput, jws.signature));
    }

    void refusesP384Keys()
    {
        const auto key = test::TestPki::makeKey({crypto::KeyAlgorithm::Ec, 384});
        auto body = AcmeJws::request(key, QString(), "n", QStringLiteral("https://ca/x"), nullptr);
        QVERIFY(!body.ok());
        QVERIFY2(body.message().contains(QStringLiteral("P-256")), qPrintable(body.message()));
    }

    void thumbprintMatchesRfc7638Example()
    {
        const QJsonObject jwk{
            {QStringLiteral("kty"), QStringLiteral("RSA")},
            {QStringLiteral("n"),
             QStringLiteral(
                 "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebW"
                 "KRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368Q"
                 "QMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd"
                 "2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw")},
            {QStringLiteral("e"), QStringLiteral("AQAB")},
            {QStringLiteral("alg"), QStringLiteral("RS256")}, // not a required member: ignored
            {QStringLiteral("kid"), QStringLiteral("2011-04-29")},
        };
        QCOMPARE(AcmeJws::thumbprint(jwk), QByteArray("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"));
    }

    void externalAccountBindingIsHs256OverTheAccountJwk()
    {
        const auto key = test::TestPki::makeKey();
        const QJsonObject jwk = AcmeJws::jwk(key);
        const QByteArray macKey =
            QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        auto eab = AcmeJws::externalAccountBinding(QStringLiteral("kid-1"), base64Url(macKey), jwk,
                                                   QStringLiteral("https://ca/new-acct"));
        QVERIFY2(eab.ok(), qPrintable(eab.message()));
        const Jws jws = parse(QJsonDocument(*eab).toJson());
        QCOMPARE(jws.header.value("alg").toString(), QStringLiteral("HS256"));
        QCOMPARE(jws.header.value("kid").toString(), QStringLiteral("kid-1"));
        QCOMPARE(jws.header.value("url").toString(), QStringLiteral("https://ca/new-acct"));
        QVERIFY(!jws.header.contains("nonce")); // RFC 8555 7.3.4: no nonce in the inner JWS
        QCOMPARE(QJsonDocument::fromJson(jws.payload).object(), jwk);
        unsigned char mac[32];
        unsigned int length = 0;
        HMAC(EVP_sha256(), macKey.constData(), macKey.size(),
             reinterpret_cast<const unsigned char*>(jws.signingInput.constData()), jws.signingInput.size(), mac,
             &length);
        QCOMPARE(jws.signature, QByteArray(reinterpret_cast<const char*>(mac), int(length)));

        auto bad = AcmeJws::externalAccountBinding(QStringLiteral("kid-1"), "not base64 !!", jwk, QStringLiteral("u"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.message().contains(QStringLiteral("HMAC")), qPrintable(bad.message()));
    }
};

QTEST_GUILESS_MAIN(TestAcmeJws)
#include "TestAcmeJws.moc"
