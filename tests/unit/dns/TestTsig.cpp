// TSIG (RFC 8945) against fixed vectors computed independently with Python's hmac and struct modules
// (hmac.new(secret, message + TSIG variables, sha256)), and response verification.
#include "engine/dns/DnsMessage.h"
#include "engine/dns/Tsig.h"

#include <QTest>

using namespace certdeck;
using namespace certdeck::dns;

namespace {

const QByteArray kUnsignedRequest = QByteArray::fromHex(
    "123428000001000000010000076578616d706c6503636f6d00000600010f5f61636d652d6368616c6c656e6765076578616d706c6503"
    "636f6d00001000010000003c00060568656c6c6f");
const QByteArray kRequestMac = QByteArray::fromHex("dbd7d003baa5e3b23bb42da6dd61e754e510850db91b13191fb73c95e74ec5b0");
const QByteArray kSignedRequest = QByteArray::fromHex(
    "123428000001000000010001076578616d706c6503636f6d00000600010f5f61636d652d6368616c6c656e6765076578616d706c6503"
    "636f6d00001000010000003c00060568656c6c6f08746573742d6b65790000fa00ff00000000003d0b686d61632d73686132353600"
    "00006553f100012c0020dbd7d003baa5e3b23bb42da6dd61e754e510850db91b13191fb73c95e74ec5b0123400000000");
// The server's answer (time signed 1700000001), MAC over the request MAC + response + variables.
const QByteArray kSignedResponse = QByteArray::fromHex(
    "1234a8000001000000000001076578616d706c6503636f6d000006000108746573742d6b65790000fa00ff00000000003d0b686d6163"
    "2d7368613235360000006553f101012c00200a4931e7c13f595ee187ca959d7e0a38f98b03844370640b2c542b66e0d9f7d812340000"
    "0000");
// NOTAUTH with TSIG error BADSIG and no MAC, as a server answers a request it cannot verify.
const QByteArray kBadSigResponse = QByteArray::fromHex(
    "1234a8090001000000000001076578616d706c6503636f6d000006000108746573742d6b65790000fa00ff00000000001d0b686d6163"
    "2d7368613235360000006553f101012c0000123400100000");
constexpr quint64 kTimeSigned = 1700000000;

TsigKey testKey()
{
    QByteArray secret;
    for (int i = 0; i < 32; ++i) {
        secret += char(i);
    }
    return TsigKey{QStringLiteral("Test-Key"), QStringLiteral("hmac-sha256"), secret};
}

} // namespace

class TestTsig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signsRequestLikeIndependentImplementation();
    void verifiesSignedResponse();
    void refusesTamperedResponse();
    void reportsServerTsigError();
    void reportsStaleTime();
    void unsignedResponseIsReported();
    void refusesUnknownAlgorithmAndEmptySecret();
    void roundTripsTsigRdata();
};

void TestTsig::signsRequestLikeIndependentImplementation()
{
    QByteArray mac;
    const Result<QByteArray> signedRequest = Tsig::sign(kUnsignedRequest, testKey(), kTimeSigned, &mac);
    QVERIFY2(signedRequest.ok(), qPrintable(signedRequest.message()));
    QCOMPARE(mac.toHex(), kRequestMac.toHex());
    // Key name in canonical (lower case) form, class ANY, TTL 0, fudge 300, original ID, no error.
    QCOMPARE(signedRequest->toHex(), kSignedRequest.toHex());
}

void TestTsig::verifiesSignedResponse()
{
    const Result<DnsMessage> response = DnsMessage::parse(kSignedResponse);
    QVERIFY2(response.ok(), qPrintable(response.message()));
    const Result<TsigVerdict> verdict =
        Tsig::verifyResponse(kSignedResponse, response.value(), testKey(), kRequestMac, kTimeSigned + 5);
    QVERIFY2(verdict.ok(), qPrintable(verdict.message()));
    QVERIFY(verdict->signedResponse);
    QCOMPARE(verdict->error, 0);
}

void TestTsig::refusesTamperedResponse()
{
    // A changed bit in the response, another request MAC, or another secret: the MAC no longer verifies.
    QByteArray tampered = kSignedResponse;
    tampered[3] = char(tampered[3] | 0x05); // rcode REFUSED
    const Result<DnsMessage> parsed = DnsMessage::parse(tampered);
    QVERIFY(parsed.ok());
    Result<TsigVerdict> verdict = Tsig::verifyResponse(tampered, parsed.value(), testKey(), kRequestMac, kTimeSigned);
    QVERIFY(!verdict.ok());
    QVERIFY2(verdict.message().contains(QStringLiteral("does not verify with key \"Test-Key\"")),
             qPrintable(verdict.message()));

    const DnsMessage original = DnsMessage::parse(kSignedResponse).value();
    QByteArray otherMac = kRequestMac;
    otherMac[0] = char(otherMac[0] ^ 1);
    QVERIFY(!Tsig::verifyResponse(kSignedResponse, original, testKey(), otherMac, kTimeSigned).ok());
    TsigKey otherKey = testKey();
    otherKey.secret[31] = char(0x7f);
    QVERIFY(!Tsig::verifyResponse(kSignedResponse, original, otherKey, kRequestMac, kTimeSigned).ok());
}

void TestTsig::reportsServerTsigError()
{
    const Result<DnsMessage> response = DnsMessage::parse(kBadSigResponse);
    QVERIFY2(response.ok(), qPrintable(response.message()));
    QCOMPARE(response->rcode, rcode::NotAuth);
    const Result<TsigVerdict> verdict =
        Tsig::verifyResponse(kBadSigResponse, response.value(), testKey(), kRequestMac, kTimeSigned);
    QVERIFY2(verdict.ok(), qPrintable(verdict.message()));
    QCOMPARE(verdict->error, rcode::BadSig);
}

void TestTsig::reportsStaleTime()
{
    const DnsMessage response = DnsMessage::parse(kSignedResponse).value();
    const Result<TsigVerdict> verdict =
        Tsig::verifyResponse(kSignedResponse, response, testKey(), kRequestMac, kTimeSigned + 1 + 301);
    QVERIFY2(verdict.ok(), qPrintable(verdict.message()));
    QCOMPARE(verdict->error, rcode::BadTime);
}

void TestTsig::unsignedResponseIsReported()
{
    // The same answer without its TSIG record.
    const DnsMessage signedResponse = DnsMessage::parse(kSignedResponse).value();
    QByteArray wire = kSignedResponse.left(signedResponse.lastAdditionalOffset);
    wire[11] = 0;
    const Result<DnsMessage> response = DnsMessage::parse(wire);
    QVERIFY(response.ok());
    const Result<TsigVerdict> verdict = Tsig::verifyResponse(wire, response.value(), testKey(), kRequestMac, 0);
    QVERIFY(verdict.ok());
    QVERIFY(!verdict->signedResponse);
}

void TestTsig::refusesUnknownAlgorithmAndEmptySecret()
{
    QByteArray mac;
    TsigKey key = testKey();
    key.algorithm = QStringLiteral("hmac-md5");
    Result<QByteArray> result = Tsig::sign(kUnsignedRequest, key, kTimeSigned, &mac);
    QVERIFY(!result.ok());
    QVERIFY2(result.message().contains(QStringLiteral("\"hmac-md5\" is not supported")), qPrintable(result.message()));
    key = testKey();
    key.secret.clear();
    result = Tsig::sign(kUnsignedRequest, key, kTimeSigned, &mac);
    QVERIFY(!result.ok());
    QVERIFY2(result.message().contains(QStringLiteral("empty secret")), qPrintable(result.message()));
    QVERIFY(Tsig::isSupportedAlgorithm(QStringLiteral("HMAC-SHA384")));
    QVERIFY(Tsig::isSupportedAlgorithm(QStringLiteral("hmac-sha512")));
}

void TestTsig::roundTripsTsigRdata()
{
    TsigRecordData data;
    data.algorithm = QStringLiteral("hmac-sha512");
    data.timeSigned = 0x0001'2345'6789ULL; // uses the high 16 bits of the 48-bit time
    data.fudge = 17;
    data.mac = QByteArray(64, 'm');
    data.originalId = 0xbeef;
    data.error = rcode::BadTime;
    data.otherData = QByteArray::fromHex("000065530000");
    const Result<TsigRecordData> parsed = parseTsigRdata(encodeTsigRdata(data));
    QVERIFY2(parsed.ok(), qPrintable(parsed.message()));
    QCOMPARE(parsed->algorithm, data.algorithm);
    QCOMPARE(parsed->timeSigned, data.timeSigned);
    QCOMPARE(parsed->fudge, data.fudge);
    QCOMPARE(parsed->mac, data.mac);
    QCOMPARE(parsed->originalId, data.originalId);
    QCOMPARE(parsed->error, data.error);
    QCOMPARE(parsed->otherData, data.otherData);
    QVERIFY(!parseTsigRdata(encodeTsigRdata(data).chopped(1)).ok());
}

QTEST_GUILESS_MAIN(TestTsig)
#include "TestTsig.moc"
