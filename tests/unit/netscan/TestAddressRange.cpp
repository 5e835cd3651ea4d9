#include "engine/discovery/AddressRange.h"

#include <QTest>

using namespace certdeck;
using namespace certdeck::discovery;

class TestAddressRange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cidrV4();
    void cidrWithHostBitsMeansItsBlock();
    void cidrV6();
    void singleAddressesAndNames();
    void dashRanges();
    void badRangesNameTheToken_data();
    void badRangesNameTheToken();
    void tooLargeIsRefused();
    void portLists();
    void badPortsNameTheToken_data();
    void badPortsNameTheToken();
    void planWalksEveryTargetOnce();
    void planRefusesTooManyTargets();
    void planRejectsBadServerNames();
    void sixteenBitSweepIsLazy();
};

void TestAddressRange::cidrV4()
{
    auto range = AddressRange::parse(QStringLiteral("10.0.0.0/24"));
    QVERIFY2(range, qPrintable(range.message()));
    QCOMPARE(range->size(), quint64(256));
    QCOMPARE(range->at(0), QStringLiteral("10.0.0.0"));
    QCOMPARE(range->at(255), QStringLiteral("10.0.0.255"));
    auto carry = AddressRange::parse(QStringLiteral("10.0.0.0/23"));
    QVERIFY(carry);
    QCOMPARE(carry->at(256), QStringLiteral("10.0.1.0"));
    auto one = AddressRange::parse(QStringLiteral("192.0.2.7/32"));
    QVERIFY(one);
    QCOMPARE(one->size(), quint64(1));
    QCOMPARE(one->at(0), QStringLiteral("192.0.2.7"));
}

void TestAddressRange::cidrWithHostBitsMeansItsBlock()
{
    auto range = AddressRange::parse(QStringLiteral("10.1.2.77/28"));
    QVERIFY(range);
    QCOMPARE(range->size(), quint64(16));
    QCOMPARE(range->at(0), QStringLiteral("10.1.2.64"));
    QCOMPARE(range->at(15), QStringLiteral("10.1.2.79"));
}

void TestAddressRange::cidrV6()
{
    auto range = AddressRange::parse(QStringLiteral("fd00::ff00/120"));
    QVERIFY2(range, qPrintable(range.message()));
    QCOMPARE(range->size(), quint64(256));
    QCOMPARE(range->at(0), QStringLiteral("fd00::ff00"));
    QCOMPARE(range->at(1), QStringLiteral("fd00::ff01"));
    QCOMPARE(range->at(255), QStringLiteral("fd00::ffff"));
    auto loopback = AddressRange::parse(QStringLiteral("::1"));
    QVERIFY(loopback);
    QCOMPARE(loopback->size(), quint64(1));
    QCOMPARE(loopback->at(0), QStringLiteral("::1"));
    auto carry = AddressRange::parse(QStringLiteral("2001:db8::ffff/112"));
    QVERIFY(carry);
    QCOMPARE(carry->at(65535), QStringLiteral("2001:db8::ffff"));
    QCOMPARE(carry->at(0), QStringLiteral("2001:db8::"));
}

void TestAddressRange::singleAddressesAndNames()
{
    auto address = AddressRange::parse(QStringLiteral(" 127.0.0.1 "));
    QVERIFY(address);
    QCOMPARE(address->size(), quint64(1));
    QCOMPARE(address->at(0), QStringLiteral("127.0.0.1"));
    auto name = AddressRange::parse(QStringLiteral("www.example.test"));
    QVERIFY2(name, qPrintable(name.message()));
    QCOMPARE(name->size(), quint64(1));
    QCOMPARE(name->at(0), QStringLiteral("www.example.test"));
}

void TestAddressRange::dashRanges()
{
    auto full = AddressRange::parse(QStringLiteral("10.0.0.250-10.0.1.4"));
    QVERIFY2(full, qPrintable(full.message()));
    QCOMPARE(full->size(), quint64(11));
    QCOMPARE(full->at(0), QStringLiteral("10.0.0.250"));
    QCOMPARE(full->at(6), QStringLiteral("10.0.1.0"));
    QCOMPARE(full->at(10), QStringLiteral("10.0.1.4"));
    auto shortForm = AddressRange::parse(QStringLiteral("127.0.2.1-10"));
    QVERIFY2(shortForm, qPrintable(shortForm.message()));
    QCOMPARE(shortForm->size(), quint64(10));
    QCOMPARE(shortForm->at(9), QStringLiteral("127.0.2.10"));
    auto v6 = AddressRange::parse(QStringLiteral("fd00::1-fd00::3"));
    QVERIFY(v6);
    QCOMPARE(v6->size(), quint64(3));
    QCOMPARE(v6->at(2), QStringLiteral("fd00::3"));
}

void TestAddressRange::badRangesNameTheToken_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("prefix too long") << "10.0.0.0/33"
                                     << "prefix length \"33\"";
    QTest::newRow("prefix not a number") << "10.0.0.0/abc"
                                         << "prefix length \"abc\"";
    QTest::newRow("bad base") << "10.0.0.300/24"
                              << "does not start with an IPv4 or IPv6 address";
    QTest::newRow("reversed") << "10.0.0.9-10.0.0.1"
                              << "ends before it starts";
    QTest::newRow("short reversed") << "10.0.0.9-3"
                                    << "ends before it starts";
    QTest::newRow("mixed families") << "10.0.0.1-fd00::1"
                                    << "same family";
    QTest::newRow("bad end") << "10.0.0.1-300"
                             << "same family";
    QTest::newRow("numeric garbage") << "10.0.0"
                                     << "is not understood";
    QTest::newRow("shell text") << "$(reboot)"
                                << "is not understood";
    QTest::newRow("octal-looking") << "010.0.0.1"
                                   << "is not understood";
}

void TestAddressRange::badRangesNameTheToken()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    auto range = AddressRange::parse(input);
    QVERIFY(!range);
    QVERIFY2(range.message().contains(QLatin1Char('"') + input + QLatin1Char('"')), qPrintable(range.message()));
    QVERIFY2(range.message().contains(expected), qPrintable(range.message()));
}

void TestAddressRange::tooLargeIsRefused()
{
    auto slash8 = AddressRange::parse(QStringLiteral("10.0.0.0/8"));
    QVERIFY(!slash8);
    QCOMPARE(slash8.error().kind, QStringLiteral("tooLarge"));
    QVERIFY2(slash8.message().contains(QLatin1String("16777216")), qPrintable(slash8.message()));
    QVERIFY2(slash8.message().contains(QLatin1String("\"10.0.0.0/8\"")), qPrintable(slash8.message()));
    auto v6 = AddressRange::parse(QStringLiteral("fd00::/64"));
    QVERIFY(!v6);
    QCOMPARE(v6.error().kind, QStringLiteral("tooLarge"));
    QVERIFY(AddressRange::parse(QStringLiteral("10.0.0.0/12"))); // 2^20 exactly: the cap
    QVERIFY(!AddressRange::parse(QStringLiteral("10.0.0.0/11")));
    auto dash = AddressRange::parse(QStringLiteral("10.0.0.0-10.32.0.0"));
    QVERIFY(!dash);
    QCOMPARE(dash.error().kind, QStringLiteral("tooLarge"));
}

void TestAddressRange::portLists()
{
    auto ports = parsePortList(QStringLiteral("443,8443,10000-10003"));
    QVERIFY2(ports, qPrintable(ports.message()));
    QCOMPARE(*ports, (QList<int>{443, 8443, 10000, 10001, 10002, 10003}));
    auto spaced = parsePortList(QStringLiteral(" 443, 443 ,1 65535 "));
    QVERIFY(spaced);
    QCOMPARE(*spaced, (QList<int>{443, 1, 65535}));
    auto all = parsePortList(QStringLiteral("1-65535"));
    QVERIFY(all);
    QCOMPARE(all->size(), 65535);
}

void TestAddressRange::badPortsNameTheToken_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("token");
    QTest::newRow("zero") << "443,0"
                          << "\"0\"";
    QTest::newRow("too big") << "70000"
                             << "\"70000\"";
    QTest::newRow("word") << "443,https"
                          << "\"https\"";
    QTest::newRow("half range") << "443,10000-"
                                << "\"10000-\"";
    QTest::newRow("reversed") << "10010-10000"
                              << "\"10010-10000\"";
    QTest::newRow("empty") << " , "
                           << "No ports";
}

void TestAddressRange::badPortsNameTheToken()
{
    QFETCH(QString, input);
    QFETCH(QString, token);
    auto ports = parsePortList(input);
    QVERIFY(!ports);
    QVERIFY2(ports.message().contains(token), qPrintable(ports.message()));
}

void TestAddressRange::planWalksEveryTargetOnce()
{
    auto plan =
        ScanPlan::make({QStringLiteral("127.0.2.1-3, 10.9.9.9"), QStringLiteral("::1")}, QStringLiteral("443,8443"),
                       {QStringLiteral("a.example.test"), QStringLiteral("b.example.test")});
    QVERIFY2(plan, qPrintable(plan.message()));
    QCOMPARE(plan->total(), quint64(5 * 2 * 2));
    QSet<QString> seen;
    for (quint64 i = 0; i < plan->total(); ++i) {
        const ScanTarget target = plan->at(i);
        seen.insert(QStringLiteral("%1|%2|%3").arg(target.host).arg(target.port).arg(target.serverName));
    }
    QCOMPARE(seen.size(), 20);
    QVERIFY(seen.contains(QStringLiteral("127.0.2.3|8443|b.example.test")));
    QVERIFY(seen.contains(QStringLiteral("::1|443|a.example.test")));
    QVERIFY(seen.contains(QStringLiteral("10.9.9.9|443|a.example.test")));

    auto noSni = ScanPlan::make({QStringLiteral("127.0.0.1")}, QStringLiteral("1-3"));
    QVERIFY(noSni);
    QCOMPARE(noSni->total(), quint64(3));
    QCOMPARE(noSni->at(2).port, 3);
    QCOMPARE(noSni->at(2).serverName, QString());
}

void TestAddressRange::planRefusesTooManyTargets()
{
    auto plan = ScanPlan::make({QStringLiteral("10.0.0.0/16")}, QStringLiteral("1-17"));
    QVERIFY(!plan);
    QCOMPARE(plan.error().kind, QStringLiteral("tooLarge"));
    QVERIFY2(plan.message().contains(QLatin1String("65536 addresses x 17 ports")), qPrintable(plan.message()));
    auto badPort = ScanPlan::make({QStringLiteral("10.0.0.0/30")}, QStringLiteral("443,x"));
    QVERIFY(!badPort);
    QVERIFY2(badPort.message().contains(QLatin1String("\"x\"")), qPrintable(badPort.message()));
    auto noRange = ScanPlan::make({QStringLiteral(" ")}, QStringLiteral("443"));
    QVERIFY(!noRange);
    QVERIFY2(noRange.message().contains(QLatin1String("No address range")), qPrintable(noRange.message()));
}

void TestAddressRange::planRejectsBadServerNames()
{
    auto plan = ScanPlan::make({QStringLiteral("127.0.0.1")}, QStringLiteral("443"), {QStringLiteral("bad name;x")});
    QVERIFY(!plan);
    QVERIFY2(plan.message().contains(QLatin1String("\"bad name;x\"")), qPrintable(plan.message()));
}

void TestAddressRange::sixteenBitSweepIsLazy()
{
    auto plan = ScanPlan::make({QStringLiteral("127.1.0.0/16")}, QStringLiteral("443,8443"));
    QVERIFY2(plan, qPrintable(plan.message()));
    QCOMPARE(plan->total(), quint64(131072));
    // Port-major: the first 65536 targets walk every address on the first port.
    QCOMPARE(plan->at(0).host, QStringLiteral("127.1.0.0"));
    QCOMPARE(plan->at(65535).host, QStringLiteral("127.1.255.255"));
    QCOMPARE(plan->at(65535).port, 443);
    QCOMPARE(plan->at(65536).host, QStringLiteral("127.1.0.0"));
    QCOMPARE(plan->at(65536).port, 8443);
}

QTEST_GUILESS_MAIN(TestAddressRange)
#include "TestAddressRange.moc"
