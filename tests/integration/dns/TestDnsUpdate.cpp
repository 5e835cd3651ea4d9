// RFC 2136 updates signed with TSIG against a REAL bind9 (named) on loopback, cross-checked with dig.
#include "engine/dns/DnsUpdateClient.h"
#include "tests/support/Bind9Fixture.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace certdeck;
using namespace certdeck::dns;

namespace {

QString randomValue()
{
    // Looks like a dns-01 value: base64url of a SHA-256 digest (43 characters).
    QByteArray bytes(32, '\0');
    for (char& byte : bytes) {
        byte = char(QRandomGenerator::global()->bounded(256));
    }
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// dig +short prints TXT values quoted, long ones as several quoted strings: "abc" "def".
QStringList digValues(const QStringList& lines)
{
    QStringList values;
    for (QString line : lines) {
        line.replace(QStringLiteral("\" \""), QString());
        values << line.mid(1, line.size() - 2);
    }
    values.sort();
    return values;
}

} // namespace

class TestDnsUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void addTxtIsVisibleToQueryAndDig();
    void twoValuesKeptAndRemoveTxtRemovesExactlyOne();
    void manyValuesComeBackOverTcp();
    void queryOfMissingNameIsEmpty();
    void wrongSecretIsBadSig();
    void unknownKeyIsBadKey();
    void zoneNotServedIsRefused();
    void keyWithoutUpdateRightIsRefused();
    void nameOutsideZoneIsRefusedLocally();
    void unreachableServerTimesOut();
    void hmacSha512KeyWorks();

private:
    DnsUpdateTarget target() const;
    Status update(bool add, const DnsUpdateTarget& target, const QString& name, const QString& value);
    Result<QStringList> query(const QString& name, quint16 port = 0);
    QStringList queryValues(const QString& name);
    QString challengeName(const QString& label) const;
    std::unique_ptr<test::Bind9Fixture> m_bind;
    std::unique_ptr<DnsUpdateClient> m_client;
    std::unique_ptr<QObject> m_context;
};

void TestDnsUpdate::initTestCase()
{
    QString reason;
    if (!test::Bind9Fixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    m_bind = std::make_unique<test::Bind9Fixture>();
    const Status started = m_bind->start();
    QVERIFY2(started.ok(), qPrintable(started.message()));
}

void TestDnsUpdate::init()
{
    m_context = std::make_unique<QObject>();
    m_client = std::make_unique<DnsUpdateClient>();
    m_client->setTimeouts(1000, 2);
}

void TestDnsUpdate::cleanup()
{
    m_context.reset();
    m_client.reset();
}

void TestDnsUpdate::cleanupTestCase()
{
    m_bind.reset();
}

DnsUpdateTarget TestDnsUpdate::target() const
{
    DnsUpdateTarget t;
    t.server = m_bind->address();
    t.port = m_bind->port();
    t.zone = m_bind->zone();
    t.keyName = m_bind->keyName();
    t.algorithm = m_bind->algorithm();
    t.secret = m_bind->secret();
    return t;
}

QString TestDnsUpdate::challengeName(const QString& label) const
{
    return QStringLiteral("_acme-challenge.%1.%2").arg(label, m_bind->zone());
}

Status TestDnsUpdate::update(bool add, const DnsUpdateTarget& t, const QString& name, const QString& value)
{
    bool called = false;
    Status status = fail(QStringLiteral("no answer from the client"));
    auto done = [&](Status s) {
        called = true;
        status = s;
    };
    if (add) {
        m_client->addTxt(t, name, value, 60, m_context.get(), done);
    } else {
        m_client->removeTxt(t, name, value, m_context.get(), done);
    }
    QDeadlineTimer deadline(m_client->totalTimeoutMs() + 10000);
    while (!called && !deadline.hasExpired()) {
        QTest::qWait(10);
    }
    return status;
}

Result<QStringList> TestDnsUpdate::query(const QString& name, quint16 port)
{
    bool called = false;
    Result<QStringList> result = fail(QStringLiteral("no answer from the client"));
    m_client->queryTxt(m_bind->address(), port ? port : m_bind->port(), name, m_context.get(),
                       [&](Result<QStringList> r) {
                           called = true;
                           result = std::move(r);
                       });
    QDeadlineTimer deadline(m_client->totalTimeoutMs() + 10000);
    while (!called && !deadline.hasExpired()) {
        QTest::qWait(10);
    }
    return result;
}

QStringList TestDnsUpdate::queryValues(const QString& name)
{
    Result<QStringList> result = query(name);
    if (!result) {
        qWarning("queryTxt failed: %s", qPrintable(result.message()));
        return {QStringLiteral("<query failed>")};
    }
    QStringList values = result.value();
    values.sort();
    return values;
}

void TestDnsUpdate::addTxtIsVisibleToQueryAndDig()
{
    const QString name = challengeName(QStringLiteral("www"));
    const QString value = randomValue();
    const Status added = update(true, target(), name, value);
    QVERIFY2(added.ok(), qPrintable(added.message()));
    QCOMPARE(queryValues(name), QStringList{value});
    const Result<QStringList> dug = m_bind->dig(name, QStringLiteral("TXT"));
    QVERIFY2(dug.ok(), qPrintable(dug.message()));
    QCOMPARE(digValues(dug.value()), QStringList{value});
    QVERIFY(update(false, target(), name, value).ok());
}

void TestDnsUpdate::twoValuesKeptAndRemoveTxtRemovesExactlyOne()
{
    // A certificate for example.test and *.example.test has two challenges at the same name.
    const QString name = challengeName(QStringLiteral("both"));
    QString first = randomValue();
    QString second = randomValue();
    QVERIFY(update(true, target(), name, first).ok());
    const Status added = update(true, target(), name, second);
    QVERIFY2(added.ok(), qPrintable(added.message()));
    QStringList both{first, second};
    both.sort();
    QCOMPARE(queryValues(name), both);
    QCOMPARE(digValues(m_bind->dig(name, QStringLiteral("TXT")).value()), both);

    const Status removed = update(false, target(), name, first);
    QVERIFY2(removed.ok(), qPrintable(removed.message()));
    QCOMPARE(queryValues(name), QStringList{second});
    QCOMPARE(digValues(m_bind->dig(name, QStringLiteral("TXT")).value()), QStringList{second});

    QVERIFY(update(false, target(), name, second).ok());
    QCOMPARE(queryValues(name), QStringList());
    QCOMPARE(m_bind->dig(name, QStringLiteral("TXT")).value(), QStringList());
}

void TestDnsUpdate::manyValuesComeBackOverTcp()
{
    // Without EDNS a UDP answer holds 512 bytes: 8 values of 300 bytes (each split into two character-strings)
    // force a truncated UDP answer, and queryTxt must retry over TCP to see them all.
    const QString name = challengeName(QStringLiteral("many"));
    QStringList values;
    for (int i = 0; i < 8; ++i) {
        values << QString::number(i) + QString(299, QLatin1Char('a' + i));
        const Status added = update(true, target(), name, values.last());
        QVERIFY2(added.ok(), qPrintable(added.message()));
    }
    values.sort();
    QCOMPARE(queryValues(name), values);
    QCOMPARE(digValues(m_bind->dig(name, QStringLiteral("TXT")).value()), values);
    for (const QString& value : values) {
        QVERIFY(update(false, target(), name, value).ok());
    }
    QCOMPARE(queryValues(name), QStringList());
}

void TestDnsUpdate::queryOfMissingNameIsEmpty()
{
    const Result<QStringList> result = query(challengeName(QStringLiteral("nothing-here")));
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QVERIFY(result->isEmpty());
}

void TestDnsUpdate::wrongSecretIsBadSig()
{
    DnsUpdateTarget t = target();
    t.secret[0] = char(t.secret[0] ^ 0x55);
    const QString name = challengeName(QStringLiteral("badsig"));
    const Status status = update(true, t, name, randomValue());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, QStringLiteral("badSig"));
    QVERIFY2(status.message().contains(QStringLiteral("BADSIG")), qPrintable(status.message()));
    QVERIFY2(status.message().contains(m_bind->dnsServer()), qPrintable(status.message()));
    QVERIFY2(status.message().contains(QStringLiteral("\"%1\"").arg(m_bind->keyName())), qPrintable(status.message()));
    QVERIFY2(status.message().contains(QStringLiteral("check that the key secret")), qPrintable(status.message()));
    QCOMPARE(m_bind->dig(name, QStringLiteral("TXT")).value(), QStringList());
}

void TestDnsUpdate::unknownKeyIsBadKey()
{
    DnsUpdateTarget t = target();
    t.keyName = QStringLiteral("no-such-key");
    const QString name = challengeName(QStringLiteral("badkey"));
    const Status status = update(true, t, name, randomValue());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, QStringLiteral("badKey"));
    QVERIFY2(status.message().contains(QStringLiteral("BADKEY")), qPrintable(status.message()));
    QVERIFY2(status.message().contains(QStringLiteral("does not know the TSIG key \"no-such-key\"")),
             qPrintable(status.message()));
    QVERIFY2(status.message().contains(m_bind->dnsServer()), qPrintable(status.message()));
    QCOMPARE(m_bind->dig(name, QStringLiteral("TXT")).value(), QStringList());
}

void TestDnsUpdate::zoneNotServedIsRefused()
{
    DnsUpdateTarget t = target();
    t.zone = QStringLiteral("elsewhere.test");
    const Status status = update(true, t, QStringLiteral("_acme-challenge.www.elsewhere.test"), randomValue());
    QVERIFY(!status.ok());
    QVERIFY2(status.message().contains(QStringLiteral("NOTAUTH")) ||
                 status.message().contains(QStringLiteral("REFUSED")),
             qPrintable(status.message()));
    QVERIFY2(status.message().contains(QStringLiteral("zone elsewhere.test")), qPrintable(status.message()));
    QVERIFY2(status.message().contains(m_bind->dnsServer()), qPrintable(status.message()));
}

void TestDnsUpdate::keyWithoutUpdateRightIsRefused()
{
    // A valid key that allow-update does not list: the server verifies the signature, then refuses.
    DnsUpdateTarget t = target();
    t.keyName = m_bind->unauthorizedKeyName();
    t.secret = m_bind->unauthorizedSecret();
    const QString name = challengeName(QStringLiteral("refused"));
    const Status status = update(true, t, name, randomValue());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, QStringLiteral("refused"));
    QVERIFY2(status.message().contains(QStringLiteral("REFUSED: the DNS server %1 does not allow updates to zone %2 "
                                                      "with key \"%3\"; check allow-update / update-policy")
                                           .arg(m_bind->dnsServer(), m_bind->zone(), t.keyName)),
             qPrintable(status.message()));
    QCOMPARE(m_bind->dig(name, QStringLiteral("TXT")).value(), QStringList());
}

void TestDnsUpdate::nameOutsideZoneIsRefusedLocally()
{
    const Status status = update(true, target(), QStringLiteral("_acme-challenge.www.elsewhere.test"), randomValue());
    QVERIFY(!status.ok());
    QVERIFY2(status.message().contains(
                 QStringLiteral("_acme-challenge.www.elsewhere.test is not in the zone %1").arg(m_bind->zone())),
             qPrintable(status.message()));
}

void TestDnsUpdate::unreachableServerTimesOut()
{
    m_client->setTimeouts(500, 2);
    DnsUpdateTarget t = target();
    t.port = quint16(test::freeLoopbackPort());
    QVERIFY(t.port != 0);
    const QString server = QStringLiteral("127.0.0.1:%1").arg(t.port);

    bool called = false;
    Status status;
    m_client->addTxt(t, challengeName(QStringLiteral("timeout")), randomValue(), 60, m_context.get(), [&](Status s) {
        called = true;
        status = s;
    });
    // The answer comes when the client's own timeout (2 x 500 ms) expires; allow scheduling slack only.
    QTRY_VERIFY_WITH_TIMEOUT(called, m_client->totalTimeoutMs() + 5000);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, QStringLiteral("timeout"));
    QVERIFY2(status.message().contains(QStringLiteral("no answer from the DNS server ") + server),
             qPrintable(status.message()));

    const Result<QStringList> queried = query(challengeName(QStringLiteral("timeout")), t.port);
    QVERIFY(!queried.ok());
    QCOMPARE(queried.error().kind, QStringLiteral("timeout"));
    QVERIFY2(queried.message().contains(server), qPrintable(queried.message()));
}

void TestDnsUpdate::hmacSha512KeyWorks()
{
    test::Bind9Fixture::Options options;
    options.zone = QStringLiteral("sha512.test");
    options.keyName = QStringLiteral("certdeck-sha512");
    options.algorithm = QStringLiteral("hmac-sha512");
    test::Bind9Fixture bind(options);
    const Status started = bind.start();
    QVERIFY2(started.ok(), qPrintable(started.message()));
    DnsUpdateTarget t;
    t.server = bind.address();
    t.port = bind.port();
    t.zone = bind.zone();
    t.keyName = bind.keyName();
    t.algorithm = bind.algorithm();
    t.secret = bind.secret();
    const QString name = QStringLiteral("_acme-challenge.sha512.test");
    const QString value = randomValue();
    const Status added = update(true, t, name, value);
    QVERIFY2(added.ok(), qPrintable(added.message()));
    const Result<QStringList> dug = bind.dig(name, QStringLiteral("TXT"));
    QVERIFY2(dug.ok(), qPrintable(dug.message()));
    QCOMPARE(digValues(dug.value()), QStringList{value});
}

QTEST_GUILESS_MAIN(TestDnsUpdate)
#include "TestDnsUpdate.moc"
