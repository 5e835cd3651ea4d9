// What the operator reads when a job waits for manual domain validation: the JSON kept in Job::result survives a
// round trip, and the instructions name the exact file, content, TXT record and deadline.
#include "engine/jobs/ManualValidation.h"

#include <QJsonDocument>
#include <QTest>

using namespace certdeck::jobs;

class TestManualValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryField();
    void emptyJsonGivesNoChallenges();
    void instructionsAreNumberedWithFileRecordAndDeadline();
    void httpChallengeWithoutPathNamesFileAndUrl();

private:
    static ManualValidation sample();
};

ManualValidation TestManualValidation::sample()
{
    ManualValidation v;
    v.reason = QStringLiteral("The bot refused the DCV path: /srv/www does not exist.");
    v.deadline = QDateTime(QDate(2026, 12, 1), QTime(9, 30, 15, 250), Qt::UTC);
    ManualChallenge http;
    http.identifier = QStringLiteral("shop.example.com");
    http.type = QStringLiteral("http-01");
    http.url = QStringLiteral("http://shop.example.com/.well-known/acme-challenge/tok-EN_1");
    http.fileName = QStringLiteral("tok-EN_1");
    http.filePath = QStringLiteral("/srv/www/.well-known/acme-challenge/tok-EN_1");
    http.content = QStringLiteral("tok-EN_1.thumbprint_xyz");
    ManualChallenge dns;
    dns.identifier = QStringLiteral("*.example.com");
    dns.type = QStringLiteral("dns-01");
    dns.recordName = QStringLiteral("_acme-challenge.example.com.");
    dns.recordValue = QStringLiteral("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0");
    v.challenges = {http, dns};
    return v;
}

void TestManualValidation::roundTripKeepsEveryField()
{
    const ManualValidation original = sample();
    // Through text, as it is stored in the job row.
    const QByteArray text = QJsonDocument(original.toJson()).toJson(QJsonDocument::Compact);
    const ManualValidation back = ManualValidation::fromJson(QJsonDocument::fromJson(text).object());
    QCOMPARE(back.reason, original.reason);
    QCOMPARE(back.deadline, original.deadline);
    QCOMPARE(back.challenges.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const ManualChallenge& a = original.challenges.at(i);
        const ManualChallenge& b = back.challenges.at(i);
        QCOMPARE(b.identifier, a.identifier);
        QCOMPARE(b.type, a.type);
        QCOMPARE(b.url, a.url);
        QCOMPARE(b.fileName, a.fileName);
        QCOMPARE(b.filePath, a.filePath);
        QCOMPARE(b.content, a.content);
        QCOMPARE(b.recordName, a.recordName);
        QCOMPARE(b.recordValue, a.recordValue);
    }
}

void TestManualValidation::emptyJsonGivesNoChallenges()
{
    const ManualValidation v = ManualValidation::fromJson(QJsonObject());
    QVERIFY(v.challenges.isEmpty());
    QVERIFY(!v.deadline.isValid());
    QVERIFY(v.reason.isEmpty());
}

void TestManualValidation::instructionsAreNumberedWithFileRecordAndDeadline()
{
    const QStringList lines = sample().instructions().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), QStringLiteral("1. shop.example.com: Create the file "
                                         "/srv/www/.well-known/acme-challenge/tok-EN_1 containing exactly: "
                                         "tok-EN_1.thumbprint_xyz"));
    QCOMPARE(lines.at(1), QStringLiteral("2. *.example.com: Publish a TXT record _acme-challenge.example.com. with "
                                         "the value LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"));
    QVERIFY2(lines.at(2).startsWith(QStringLiteral("3. ")), qPrintable(lines.at(2)));
    QVERIFY2(lines.at(2).contains(QStringLiteral("2026-12-01 09:30 UTC")), qPrintable(lines.at(2)));
}

void TestManualValidation::httpChallengeWithoutPathNamesFileAndUrl()
{
    ManualValidation v = sample();
    v.challenges[0].filePath.clear();
    v.challenges.removeLast();
    v.deadline = {};
    const QStringList lines = v.instructions().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), QStringLiteral("1. shop.example.com: Create a file named tok-EN_1 served at "
                                         "http://shop.example.com/.well-known/acme-challenge/tok-EN_1 containing "
                                         "exactly: tok-EN_1.thumbprint_xyz"));
    QVERIFY(lines.at(1).startsWith(QStringLiteral("2. Then confirm")));
}

QTEST_GUILESS_MAIN(TestManualValidation)
#include "TestManualValidation.moc"
