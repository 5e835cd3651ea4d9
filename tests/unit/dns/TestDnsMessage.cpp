// DNS wire format: names, TXT RDATA, update messages and parsing (compression, truncation, malformed input).
#include "engine/dns/DnsMessage.h"

#include <QTest>

using namespace certdeck;
using namespace certdeck::dns;

class TestDnsMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodesNamesWithoutCompression();
    void normalizesAndRefusesBadNames_data();
    void normalizesAndRefusesBadNames();
    void updateMessageMatchesIndependentEncoding();
    void parsesCompressedResponse();
    void refusesPointerLoopsAndCutData_data();
    void refusesPointerLoopsAndCutData();
    void splitsLongTxtValues();
    void refusesMalformedTxtRdata();
    void zoneMembership();
    void namesRcodes();
};

void TestDnsMessage::encodesNamesWithoutCompression()
{
    QCOMPARE(encodeName(QStringLiteral("www.Example.com")), QByteArray("\x03www\x07"
                                                                       "Example\x03"
                                                                       "com\x00",
                                                                       17));
    QCOMPARE(encodeName(QStringLiteral("www.Example.com"), true), QByteArray("\x03www\x07"
                                                                             "example\x03"
                                                                             "com\x00",
                                                                             17));
    QCOMPARE(encodeName(QString()), QByteArray(1, '\0'));
}

void TestDnsMessage::normalizesAndRefusesBadNames_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("trailing dot") << QStringLiteral("_acme-challenge.www.example.com.")
                                  << QStringLiteral("_acme-challenge.www.example.com");
    QTest::newRow("case kept") << QStringLiteral("WWW.example.COM") << QStringLiteral("WWW.example.COM");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("empty label") << QStringLiteral("a..example.com") << QString();
    QTest::newRow("label of 64") << QString(64, QLatin1Char('a')) + QStringLiteral(".com") << QString();
    QTest::newRow("label of 63") << QString(63, QLatin1Char('a')) + QStringLiteral(".com")
                                 << QString(63, QLatin1Char('a')) + QStringLiteral(".com");
    QTest::newRow("space") << QStringLiteral("a b.com") << QString();
    QTest::newRow("escape") << QStringLiteral("a\\.b.com") << QString();
    QString longName;
    for (int i = 0; i < 5; ++i) {
        longName += QString(60, QLatin1Char('a' + i)) + QLatin1Char('.');
    }
    QTest::newRow("longer than 255") << longName + QStringLiteral("com") << QString();
}

void TestDnsMessage::normalizesAndRefusesBadNames()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const Result<QString> result = normalizeName(input);
    if (expected.isEmpty()) {
        QVERIFY(!result.ok());
        QVERIFY2(result.message().contains(QStringLiteral("the DNS name")), qPrintable(result.message()));
    } else {
        QVERIFY2(result.ok(), qPrintable(result.message()));
        QCOMPARE(result.value(), expected);
    }
}

void TestDnsMessage::updateMessageMatchesIndependentEncoding()
{
    // Bytes built independently with Python's struct module (see the TSIG test for the same message).
    const QByteArray expected = QByteArray::fromHex(
        "123428000001000000010000076578616d706c6503636f6d00000600010f5f61636d652d6368616c6c656e6765076578616d706c"
        "6503636f6d00001000010000003c00060568656c6c6f");
    DnsMessage message;
    message.id = 0x1234;
    message.opcode = opcode::Update;
    message.questions.append({QStringLiteral("example.com"), rrtype::SOA, rrclass::IN});
    message.authorities.append(
        {QStringLiteral("_acme-challenge.example.com"), rrtype::TXT, rrclass::IN, 60, encodeTxtRdata("hello")});
    QCOMPARE(message.encode().toHex(), expected.toHex());

    const Result<DnsMessage> parsed = DnsMessage::parse(expected);
    QVERIFY2(parsed.ok(), qPrintable(parsed.message()));
    QCOMPARE(parsed->id, quint16(0x1234));
    QCOMPARE(parsed->opcode, opcode::Update);
    QVERIFY(!parsed->response);
    QCOMPARE(parsed->questions.size(), 1);
    QCOMPARE(parsed->questions[0].name, QStringLiteral("example.com"));
    QCOMPARE(parsed->questions[0].type, rrtype::SOA);
    QCOMPARE(parsed->authorities.size(), 1);
    QCOMPARE(parsed->authorities[0].ttl, quint32(60));
    QCOMPARE(decodeTxtRdata(parsed->authorities[0].rdata).value(), QByteArray("hello"));
    QCOMPARE(parsed->lastAdditionalOffset, -1);
}

void TestDnsMessage::parsesCompressedResponse()
{
    // A response to "TXT _acme-challenge.example.com" whose two answers point back at the question name
    // (0xc00c), with AA and RD=0, as an authoritative server sends it.
    QByteArray wire = QByteArray::fromHex("abcd84000001000200000000");
    wire += encodeName(QStringLiteral("_acme-challenge.example.com"));
    wire += QByteArray::fromHex("00100001");
    for (const QByteArray& value : {QByteArray("first"), QByteArray("second")}) {
        const QByteArray rdata = encodeTxtRdata(value);
        wire += QByteArray::fromHex("c00c001000010000003c");
        appendUint16(wire, quint16(rdata.size()));
        wire += rdata;
    }
    const Result<DnsMessage> parsed = DnsMessage::parse(wire);
    QVERIFY2(parsed.ok(), qPrintable(parsed.message()));
    QVERIFY(parsed->response);
    QVERIFY(parsed->authoritative);
    QVERIFY(!parsed->recursionDesired);
    QCOMPARE(parsed->rcode, rcode::NoError);
    QCOMPARE(parsed->answers.size(), 2);
    QCOMPARE(parsed->answers[1].name, QStringLiteral("_acme-challenge.example.com"));
    QCOMPARE(decodeTxtRdata(parsed->answers[0].rdata).value(), QByteArray("first"));
    QCOMPARE(decodeTxtRdata(parsed->answers[1].rdata).value(), QByteArray("second"));
}

void TestDnsMessage::refusesPointerLoopsAndCutData_data()
{
    QTest::addColumn<QByteArray>("wire");
    const QByteArray header = QByteArray::fromHex("abcd84000001000000000000");
    QTest::newRow("short header") << QByteArray::fromHex("abcd8400");
    QTest::newRow("pointer to itself") << header + QByteArray::fromHex("c00c00100001");
    QTest::newRow("pointer forward") << header + QByteArray::fromHex("c01000100001");
    QTest::newRow("label past the end") << header + QByteArray::fromHex("3f6162");
    QTest::newRow("question cut") << header + encodeName(QStringLiteral("a.b")) + QByteArray::fromHex("0010");
    QTest::newRow("record data cut") << QByteArray::fromHex("abcd84000000000100000000") +
                                            encodeName(QStringLiteral("a")) +
                                            QByteArray::fromHex("001000010000003c0010") + QByteArray("abc");
}

void TestDnsMessage::refusesPointerLoopsAndCutData()
{
    QFETCH(QByteArray, wire);
    const Result<DnsMessage> parsed = DnsMessage::parse(wire);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.message().startsWith(QStringLiteral("malformed DNS message")), qPrintable(parsed.message()));
}

void TestDnsMessage::splitsLongTxtValues()
{
    const QByteArray value(300, 'v');
    const QByteArray rdata = encodeTxtRdata(value);
    QCOMPARE(rdata.size(), 302);
    QCOMPARE(quint8(rdata[0]), quint8(255));
    QCOMPARE(quint8(rdata[256]), quint8(45));
    QCOMPARE(decodeTxtRdata(rdata).value(), value);
    QCOMPARE(encodeTxtRdata(QByteArray()), QByteArray(1, '\0'));
    QCOMPARE(encodeTxtRdata(QByteArray(255, 'x')).size(), 256);
}

void TestDnsMessage::refusesMalformedTxtRdata()
{
    const Result<QByteArray> decoded = decodeTxtRdata(QByteArray("\x05"
                                                                 "abc"));
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.message().contains(QStringLiteral("TXT")), qPrintable(decoded.message()));
}

void TestDnsMessage::zoneMembership()
{
    QVERIFY(isInZone(QStringLiteral("_acme-challenge.www.Example.com"), QStringLiteral("example.COM")));
    QVERIFY(isInZone(QStringLiteral("example.com"), QStringLiteral("example.com")));
    QVERIFY(!isInZone(QStringLiteral("badexample.com"), QStringLiteral("example.com")));
    QVERIFY(!isInZone(QStringLiteral("example.org"), QStringLiteral("example.com")));
}

void TestDnsMessage::namesRcodes()
{
    QCOMPARE(rcodeName(rcode::Refused), QStringLiteral("REFUSED"));
    QCOMPARE(rcodeName(rcode::NotAuth), QStringLiteral("NOTAUTH"));
    QCOMPARE(rcodeName(rcode::BadSig), QStringLiteral("BADSIG"));
    QCOMPARE(rcodeName(42), QStringLiteral("RCODE 42"));
}

QTEST_GUILESS_MAIN(TestDnsMessage)
#include "TestDnsMessage.moc"
