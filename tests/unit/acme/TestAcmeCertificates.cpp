#include "connectors/acme/AcmeCertificates.h"
#include "tests/support/TestPki.h"

#include <QJsonDocument>
#include <QtTest>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace certdeck;
using namespace certdeck::acme;

namespace {

// A certificate with the RFC 9773 example's AKI and serial (self-signed; only the fields matter).
QByteArray rfc9773ExampleCertificate()
{
    const auto key = test::TestPki::makeKey();
    X509* x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(x), 0x87654321ULL);
    X509_NAME* name = X509_NAME_new();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("ari"), -1, -1, 0);
    X509_set_subject_name(x, name);
    X509_set_issuer_name(x, name);
    X509_NAME_free(name);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key.get());
    AUTHORITY_KEYID* aki = AUTHORITY_KEYID_new();
    aki->keyid = ASN1_OCTET_STRING_new();
    const QByteArray keyId = QByteArray::fromHex("69885B6B87464041E1B37B847BA0AE2CDE01C8D4");
    ASN1_OCTET_STRING_set(aki->keyid, reinterpret_cast<const unsigned char*>(keyId.constData()), keyId.size());
    X509_add1_ext_i2d(x, NID_authority_key_identifier, aki, 0, 0);
    AUTHORITY_KEYID_free(aki);
    X509_sign(x, key.get(), EVP_sha256());
    return crypto::Certificate::adopt(x).toPem();
}

} // namespace

class TestAcmeCertificates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // RFC 9773 section 4.1: AKI 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4, serial 0x87654321.
    void renewalCertIdMatchesRfc9773Example()
    {
        QCOMPARE(renewalCertId(QByteArray::fromHex("69885B6B87464041E1B37B847BA0AE2CDE01C8D4"),
                               QByteArray::fromHex("0087654321")),
                 QStringLiteral("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"));
        auto fromCert = renewalCertId(rfc9773ExampleCertificate());
        QVERIFY2(fromCert.ok(), qPrintable(fromCert.message()));
        QCOMPARE(*fromCert, QStringLiteral("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"));
    }

    void renewalCertIdNeedsAnAuthorityKeyId()
    {
        auto id = renewalCertId(test::TestPki::makeSelfSigned().cert.toPem());
        if (!id.ok()) {
            QCOMPARE(id.error().kind, QStringLiteral("notOffered"));
        }
        auto garbage = renewalCertId(QByteArray("not a certificate"));
        QVERIFY(!garbage.ok());
    }

    void renewalInfoParsesTheSuggestedWindow()
    {
        const QJsonObject body =
            QJsonDocument::fromJson(
                "{ \"suggestedWindow\": {\"start\": \"2025-01-02T04:00:00Z\", \"end\": \"2025-01-03T04:00:00Z\"}, "
                "\"explanationURL\": \"https://acme.example.com/docs/ari\"}")
                .object();
        const QDateTime now = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
        auto window = parseRenewalInfo(body, now.addSecs(21600), now);
        QVERIFY2(window.ok(), qPrintable(window.message()));
        QCOMPARE(window->start, QDateTime(QDate(2025, 1, 2), QTime(4, 0), Qt::UTC));
        QCOMPARE(window->end, QDateTime(QDate(2025, 1, 3), QTime(4, 0), Qt::UTC));
        QCOMPARE(window->explanationUrl, QStringLiteral("https://acme.example.com/docs/ari"));
        QCOMPARE(window->retryAfter, now.addSecs(21600));
        QVERIFY(!parseRenewalInfo(QJsonObject(), std::nullopt, now).ok());
    }

    void linkHeadersGiveAlternates()
    {
        const QList<QByteArray> headers{
            "<https://ca/cert/1/1>;rel=\"alternate\", <https://ca/dir>;rel=\"index\"",
            "</cert/1/2>; rel=alternate",
        };
        QCOMPARE(linkTargets(headers, QStringLiteral("alternate"), QUrl(QStringLiteral("https://ca/cert/1"))),
                 (QStringList{QStringLiteral("https://ca/cert/1/1"), QStringLiteral("https://ca/cert/1/2")}));
        QCOMPARE(linkTargets(headers, QStringLiteral("index")), QStringList{QStringLiteral("https://ca/dir")});
        QVERIFY(linkTargets({}, QStringLiteral("alternate")).isEmpty());
    }

    void preferredChainIsChosenByTopIssuer()
    {
        const auto alphaRoot = test::TestPki::makeRoot(QStringLiteral("Alpha Root X1"));
        const auto alphaInter = test::TestPki::makeIntermediate(alphaRoot, QStringLiteral("Alpha Intermediate"));
        const auto betaRoot = test::TestPki::makeRoot(QStringLiteral("Beta Root X2"));
        const auto betaInter = test::TestPki::makeIntermediate(betaRoot, QStringLiteral("Beta Intermediate"));
        const auto leaf = test::TestPki::makeLeaf(alphaInter);
        const QByteArray alphaChain = leaf.cert.toPem() + alphaInter.cert.toPem();
        const QByteArray betaChain = leaf.cert.toPem() + betaInter.cert.toPem();
        QCOMPARE(topIssuerCommonName(betaChain), QStringLiteral("Beta Root X2"));
        const QList<QByteArray> chains{alphaChain, betaChain};
        QCOMPARE(choosePreferredChain(chains, QStringLiteral("Beta Root X2")), 1);
        QCOMPARE(choosePreferredChain(chains, QStringLiteral("beta root x2")), 1);
        QCOMPARE(choosePreferredChain(chains, QStringLiteral("Alpha Root X1")), 0);
        QCOMPARE(choosePreferredChain(chains, QStringLiteral("Gamma Root")), 0); // no match: the CA's default
        QCOMPARE(choosePreferredChain(chains, QString()), 0);

        auto split = splitIssuedChain(betaChain);
        QVERIFY2(split.ok(), qPrintable(split.message()));
        QCOMPARE(split->certificatePem, leaf.cert.toPem());
        QCOMPARE(split->chainPem, betaInter.cert.toPem());
        QCOMPARE(split->serialHex, leaf.cert.serialHex());
    }

    void pollingStartsFastBacksOffAndHonoursRetryAfter()
    {
        using std::chrono::milliseconds;
        PollPolicy policy;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(policy.delay(0, std::nullopt, now) <= milliseconds(250));
        QVERIFY(policy.delay(3, std::nullopt, now) > policy.delay(1, std::nullopt, now));
        QCOMPARE(policy.delay(50, std::nullopt, now), policy.cap);
        QCOMPARE(policy.delay(0, now.addSecs(10), now), milliseconds(10000));
        QCOMPARE(policy.delay(0, now.addSecs(3600), now), policy.maxRetryAfter);
        QCOMPARE(policy.delay(0, now.addSecs(-10), now), policy.delay(0, std::nullopt, now));
    }
};

QTEST_GUILESS_MAIN(TestAcmeCertificates)
#include "TestAcmeCertificates.moc"
