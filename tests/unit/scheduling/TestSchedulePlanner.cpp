// Every expected instant below is a literal reasoned from the zone rules, not computed with the planner:
// Europe/Berlin CET +01:00 / CEST +02:00 (2026-03-29 01:00Z: 02:00 -> 03:00; 2026-10-25 01:00Z: 03:00 -> 02:00),
// America/New_York EST -05:00 / EDT -04:00 (2026-03-08 07:00Z: 02:00 -> 03:00; 2026-11-01 06:00Z: 02:00 -> 01:00),
// Australia/Lord_Howe +10:30 / +11:00 (2026-04-04 15:00Z: 02:00 -> 01:30; 2026-10-03 15:30Z: 02:00 -> 02:30).
// The transition instants were checked once with QTimeZone::transitions() in a throwaway program.
#include "engine/scheduling/SchedulePlanner.h"

#include <QTest>

using namespace certdeck;
using namespace certdeck::scheduling;

namespace {

QDateTime utc(const QString& iso)
{
    if (iso.isEmpty()) {
        return {};
    }
    QDateTime value = QDateTime::fromString(iso, Qt::ISODate);
    Q_ASSERT(value.isValid() && value.timeSpec() == Qt::UTC);
    return value;
}

QString iso(const QDateTime& instant)
{
    return instant.isValid() ? instant.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

class TestSchedulePlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextCheck_data();
    void nextCheck();
    void unknownZoneFallsBackToUtc();
    void renewalDue_data();
    void renewalDue();
    void deploymentAt_data();
    void deploymentAt();
};

void TestSchedulePlanner::nextCheck_data()
{
    QTest::addColumn<Frequency>("frequency");
    QTest::addColumn<QTime>("time");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QDate>("anchor");
    QTest::addColumn<QString>("expected");

    const auto daily = Frequency::Daily;
    const auto weekly = Frequency::Weekly;
    const auto monthly = Frequency::Monthly;
    const QDate noAnchor;

    // Each frequency, plain UTC.
    QTest::newRow("daily later today") << daily << QTime(2, 0) << "UTC"
                                       << "2026-01-10T01:00:00Z" << noAnchor << "2026-01-10T02:00:00Z";
    QTest::newRow("daily strictly after") << daily << QTime(2, 0) << "UTC"
                                          << "2026-01-10T02:00:00Z" << noAnchor << "2026-01-11T02:00:00Z";
    QTest::newRow("daily Berlin winter") << daily << QTime(2, 0) << "Europe/Berlin"
                                         << "2026-01-10T00:00:00Z" << noAnchor << "2026-01-10T01:00:00Z";
    // 2026-01-05 is a Monday.
    QTest::newRow("weekly from Wednesday") << weekly << QTime(2, 0) << "UTC"
                                           << "2026-01-14T12:00:00Z" << QDate(2026, 1, 5) << "2026-01-19T02:00:00Z";
    QTest::newRow("weekly same day before time")
        << weekly << QTime(2, 0) << "UTC"
        << "2026-01-12T01:00:00Z" << QDate(2026, 1, 5) << "2026-01-12T02:00:00Z";
    QTest::newRow("weekly same day after time")
        << weekly << QTime(2, 0) << "UTC"
        << "2026-01-12T03:00:00Z" << QDate(2026, 1, 5) << "2026-01-19T02:00:00Z";
    QTest::newRow("monthly") << monthly << QTime(2, 0) << "UTC"
                             << "2026-01-15T02:00:00Z" << QDate(2026, 1, 15) << "2026-02-15T02:00:00Z";

    // Month ends: anchor on the 31st clamps to the month's last day.
    QTest::newRow("31st in Feb leap year") << monthly << QTime(2, 0) << "UTC"
                                           << "2028-02-01T00:00:00Z" << QDate(2028, 1, 31) << "2028-02-29T02:00:00Z";
    QTest::newRow("31st back to March 31") << monthly << QTime(2, 0) << "UTC"
                                           << "2028-02-29T02:00:00Z" << QDate(2028, 1, 31) << "2028-03-31T02:00:00Z";
    QTest::newRow("31st in April") << monthly << QTime(2, 0) << "UTC"
                                   << "2028-04-01T00:00:00Z" << QDate(2028, 1, 31) << "2028-04-30T02:00:00Z";
    QTest::newRow("31st in Feb common year") << monthly << QTime(2, 0) << "UTC"
                                             << "2027-02-01T00:00:00Z" << QDate(2027, 1, 31) << "2027-02-28T02:00:00Z";
    // Leap-day anchor: the 29th where it exists, Feb 28 in common years.
    QTest::newRow("Feb 29 anchor in March") << monthly << QTime(2, 0) << "UTC"
                                            << "2028-03-01T00:00:00Z" << QDate(2028, 2, 29) << "2028-03-29T02:00:00Z";
    QTest::newRow("Feb 29 anchor in Feb 2029")
        << monthly << QTime(2, 0) << "UTC"
        << "2029-02-01T00:00:00Z" << QDate(2028, 2, 29) << "2029-02-28T02:00:00Z";
    QTest::newRow("Feb 29 anchor after Feb 2029")
        << monthly << QTime(2, 0) << "UTC"
        << "2029-02-28T02:00:00Z" << QDate(2028, 2, 29) << "2029-03-29T02:00:00Z";

    // Europe/Berlin spring forward 2026-03-29: 02:00-03:00 local does not exist.
    const QString berlin = QStringLiteral("Europe/Berlin");
    QTest::newRow("Berlin gap 02:30") << daily << QTime(2, 30) << berlin << "2026-03-28T12:00:00Z" << noAnchor
                                      << "2026-03-29T01:00:00Z";
    QTest::newRow("Berlin gap 02:00") << daily << QTime(2, 0) << berlin << "2026-03-28T12:00:00Z" << noAnchor
                                      << "2026-03-29T01:00:00Z";
    QTest::newRow("Berlin before gap 01:59")
        << daily << QTime(1, 59) << berlin << "2026-03-28T12:00:00Z" << noAnchor << "2026-03-29T00:59:00Z";
    QTest::newRow("Berlin gap end 03:00")
        << daily << QTime(3, 0) << berlin << "2026-03-28T12:00:00Z" << noAnchor << "2026-03-29T01:00:00Z";
    QTest::newRow("Berlin after gap 03:01")
        << daily << QTime(3, 1) << berlin << "2026-03-28T12:00:00Z" << noAnchor << "2026-03-29T01:01:00Z";
    QTest::newRow("Berlin day after gap")
        << daily << QTime(2, 30) << berlin << "2026-03-29T01:00:00Z" << noAnchor << "2026-03-30T00:30:00Z";
    // 2026-03-22 is a Sunday.
    QTest::newRow("Berlin weekly into gap")
        << weekly << QTime(2, 30) << berlin << "2026-03-22T02:00:00Z" << QDate(2026, 3, 22) << "2026-03-29T01:00:00Z";
    // Europe/Berlin fall back 2026-10-25: 02:00-03:00 local happens twice; first occurrence is CEST.
    QTest::newRow("Berlin overlap 02:30")
        << daily << QTime(2, 30) << berlin << "2026-10-24T12:00:00Z" << noAnchor << "2026-10-25T00:30:00Z";
    QTest::newRow("Berlin overlap runs once")
        << daily << QTime(2, 30) << berlin << "2026-10-25T00:30:00Z" << noAnchor << "2026-10-26T01:30:00Z";
    QTest::newRow("Berlin overlap start 02:00")
        << daily << QTime(2, 0) << berlin << "2026-10-24T12:00:00Z" << noAnchor << "2026-10-25T00:00:00Z";
    QTest::newRow("Berlin before overlap 01:59")
        << daily << QTime(1, 59) << berlin << "2026-10-24T12:00:00Z" << noAnchor << "2026-10-24T23:59:00Z";
    QTest::newRow("Berlin after overlap 03:00")
        << daily << QTime(3, 0) << berlin << "2026-10-24T12:00:00Z" << noAnchor << "2026-10-25T02:00:00Z";

    // America/New_York spring forward 2026-03-08 (02:00-03:00 missing).
    const QString newYork = QStringLiteral("America/New_York");
    QTest::newRow("New York gap 02:30") << daily << QTime(2, 30) << newYork << "2026-03-07T12:00:00Z" << noAnchor
                                        << "2026-03-08T07:00:00Z";
    QTest::newRow("New York before gap 01:59")
        << daily << QTime(1, 59) << newYork << "2026-03-07T12:00:00Z" << noAnchor << "2026-03-08T06:59:00Z";
    QTest::newRow("New York gap end 03:00")
        << daily << QTime(3, 0) << newYork << "2026-03-07T12:00:00Z" << noAnchor << "2026-03-08T07:00:00Z";
    QTest::newRow("New York after gap 03:30")
        << daily << QTime(3, 30) << newYork << "2026-03-07T12:00:00Z" << noAnchor << "2026-03-08T07:30:00Z";
    // America/New_York fall back 2026-11-01 (01:00-02:00 twice; first is EDT).
    QTest::newRow("New York overlap 01:30")
        << daily << QTime(1, 30) << newYork << "2026-10-31T12:00:00Z" << noAnchor << "2026-11-01T05:30:00Z";
    QTest::newRow("New York overlap runs once")
        << daily << QTime(1, 30) << newYork << "2026-11-01T05:30:00Z" << noAnchor << "2026-11-02T06:30:00Z";
    QTest::newRow("New York overlap start 01:00")
        << daily << QTime(1, 0) << newYork << "2026-10-31T12:00:00Z" << noAnchor << "2026-11-01T05:00:00Z";
    QTest::newRow("New York before overlap 00:59")
        << daily << QTime(0, 59) << newYork << "2026-10-31T12:00:00Z" << noAnchor << "2026-11-01T04:59:00Z";
    QTest::newRow("New York after overlap 02:00")
        << daily << QTime(2, 0) << newYork << "2026-10-31T12:00:00Z" << noAnchor << "2026-11-01T07:00:00Z";

    // Australia/Lord_Howe: 30-minute shifts. Back on 2026-04-05 (01:30-02:00 twice; first is +11:00).
    const QString lordHowe = QStringLiteral("Australia/Lord_Howe");
    QTest::newRow("Lord Howe overlap 01:45")
        << daily << QTime(1, 45) << lordHowe << "2026-04-04T00:00:00Z" << noAnchor << "2026-04-04T14:45:00Z";
    QTest::newRow("Lord Howe overlap runs once")
        << daily << QTime(1, 45) << lordHowe << "2026-04-04T14:45:00Z" << noAnchor << "2026-04-05T15:15:00Z";
    QTest::newRow("Lord Howe overlap start 01:30")
        << daily << QTime(1, 30) << lordHowe << "2026-04-04T00:00:00Z" << noAnchor << "2026-04-04T14:30:00Z";
    QTest::newRow("Lord Howe before overlap 01:29")
        << daily << QTime(1, 29) << lordHowe << "2026-04-04T00:00:00Z" << noAnchor << "2026-04-04T14:29:00Z";
    QTest::newRow("Lord Howe after overlap 02:00")
        << daily << QTime(2, 0) << lordHowe << "2026-04-04T00:00:00Z" << noAnchor << "2026-04-04T15:30:00Z";
    // Forward on 2026-10-04 (02:00-02:30 missing).
    QTest::newRow("Lord Howe gap 02:15") << daily << QTime(2, 15) << lordHowe << "2026-10-03T00:00:00Z" << noAnchor
                                         << "2026-10-03T15:30:00Z";
    QTest::newRow("Lord Howe gap 02:00") << daily << QTime(2, 0) << lordHowe << "2026-10-03T00:00:00Z" << noAnchor
                                         << "2026-10-03T15:30:00Z";
    QTest::newRow("Lord Howe before gap 01:59")
        << daily << QTime(1, 59) << lordHowe << "2026-10-03T00:00:00Z" << noAnchor << "2026-10-03T15:29:00Z";
    QTest::newRow("Lord Howe gap end 02:30")
        << daily << QTime(2, 30) << lordHowe << "2026-10-03T00:00:00Z" << noAnchor << "2026-10-03T15:30:00Z";
    QTest::newRow("Lord Howe after gap 02:31")
        << daily << QTime(2, 31) << lordHowe << "2026-10-03T00:00:00Z" << noAnchor << "2026-10-03T15:31:00Z";
}

void TestSchedulePlanner::nextCheck()
{
    QFETCH(Frequency, frequency);
    QFETCH(QTime, time);
    QFETCH(QString, zone);
    QFETCH(QString, after);
    QFETCH(QDate, anchor);
    QFETCH(QString, expected);

    bool zoneOk = false;
    const QDateTime next = scheduling::nextCheck(frequency, time, zone, utc(after), anchor, &zoneOk);
    QVERIFY2(zoneOk, qPrintable(zone));
    QCOMPARE(iso(next), expected);
}

void TestSchedulePlanner::unknownZoneFallsBackToUtc()
{
    bool zoneOk = true;
    const QDateTime next = scheduling::nextCheck(Frequency::Daily, QTime(2, 0), QStringLiteral("Mars/Olympus_Mons"),
                                                 utc(QStringLiteral("2026-01-10T00:00:00Z")), QDate(), &zoneOk);
    QVERIFY(!zoneOk);
    QCOMPARE(iso(next), QStringLiteral("2026-01-10T02:00:00Z"));

    ProvisioningSchedule schedule;
    schedule.renewalEnabled = true;
    schedule.renewalTrigger = RenewalTrigger::OnDate;
    schedule.renewalDate = QDate(2026, 12, 15);
    schedule.renewalTime = QTime(2, 0);
    schedule.renewalTimeZone = QStringLiteral("Mars/Olympus_Mons");
    const RenewalDecision decision = scheduling::renewalDue(schedule, utc(QStringLiteral("2027-03-01T00:00:00Z")),
                                                            std::nullopt, utc(QStringLiteral("2026-12-01T00:00:00Z")));
    QCOMPARE(iso(decision.dueAt), QStringLiteral("2026-12-15T02:00:00Z"));
    QVERIFY2(decision.reason.contains(QStringLiteral("Mars/Olympus_Mons")) &&
                 decision.reason.contains(QStringLiteral("unknown")),
             qPrintable(decision.reason));
}

void TestSchedulePlanner::renewalDue_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<RenewalTrigger>("trigger");
    QTest::addColumn<int>("days");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QTime>("time");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("notAfter");
    QTest::addColumn<QString>("windowStart"); // empty: no CA window
    QTest::addColumn<QString>("windowEnd");
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<QString>("now");
    QTest::addColumn<bool>("due");
    QTest::addColumn<QString>("dueAt");
    QTest::addColumn<QString>("reason"); // must be contained in the reason

    const auto days = RenewalTrigger::DaysBeforeExpiry;
    const auto onDate = RenewalTrigger::OnDate;
    const QDate noDate;
    const QTime t2(2, 0);
    const QString expiry = QStringLiteral("2026-12-31T00:00:00Z");

    QTest::newRow("29 days left, due") << true << days << 30 << noDate << t2 << "UTC" << expiry << ""
                                       << "" << 0ull << "2026-12-02T00:00:00Z" << true << "2026-12-01T00:00:00Z"
                                       << "29 days left, renew 30 days before expiry";
    QTest::newRow("31 days left, not due") << true << days << 30 << noDate << t2 << "UTC" << expiry << ""
                                           << "" << 0ull << "2026-11-30T00:00:00Z" << false << "2026-12-01T00:00:00Z"
                                           << "31 days left, renew 30 days before expiry";
    QTest::newRow("exactly 30 days left") << true << days << 30 << noDate << t2 << "UTC" << expiry << ""
                                          << "" << 0ull << "2026-12-01T00:00:00Z" << true << "2026-12-01T00:00:00Z"
                                          << "30 days left";
    QTest::newRow("one second early") << true << days << 30 << noDate << t2 << "UTC" << expiry << ""
                                      << "" << 0ull << "2026-11-30T23:59:59Z" << false << "2026-12-01T00:00:00Z"
                                      << "30 days left";
    QTest::newRow("already expired") << true << days << 30 << noDate << t2 << "UTC" << expiry << ""
                                     << "" << 0ull << "2027-01-02T00:00:00Z" << true << "2026-12-01T00:00:00Z"
                                     << "expired 2 days ago";
    QTest::newRow("renewal off") << false << days << 30 << noDate << t2 << "UTC" << expiry << ""
                                 << "" << 0ull << "2027-01-02T00:00:00Z" << false << ""
                                 << "renewal is off";

    // On a date: 2026-12-15 02:00 CET = 01:00Z.
    const QDate dec15(2026, 12, 15);
    QTest::newRow("on date, a minute early") << true << onDate << 30 << dec15 << t2 << "Europe/Berlin" << expiry << ""
                                             << "" << 0ull << "2026-12-15T00:59:00Z" << false << "2026-12-15T01:00:00Z"
                                             << "Renewal scheduled for 2026-12-15 02:00";
    QTest::newRow("on date reached") << true << onDate << 30 << dec15 << t2 << "Europe/Berlin" << expiry << ""
                                     << "" << 0ull << "2026-12-15T01:00:00Z" << true << "2026-12-15T01:00:00Z"
                                     << "Renewal date 2026-12-15 02:00 Europe/Berlin reached";
    QTest::newRow("on date in DST gap") << true << onDate << 30 << QDate(2026, 3, 29) << QTime(2, 30) << "Europe/Berlin"
                                        << expiry << ""
                                        << "" << 0ull << "2026-03-29T00:59:00Z" << false << "2026-03-29T01:00:00Z"
                                        << "2026-03-29 02:30";
    QTest::newRow("on date without date") << true << onDate << 30 << noDate << t2 << "UTC" << expiry << ""
                                          << "" << 0ull << "2026-12-15T01:00:00Z" << false << ""
                                          << "No renewal date";

    // A CA window wins. 90 days left at 2026-12-01T12:00Z: the 30-day rule alone would not be due.
    const QString later = QStringLiteral("2027-03-01T00:00:00Z");
    QTest::newRow("CA window start, seed 0")
        << true << days << 30 << noDate << t2 << "UTC" << later << "2026-12-01T00:00:00Z"
        << "2026-12-03T00:00:00Z" << 0ull << "2026-12-01T12:00:00Z" << true << "2026-12-01T00:00:00Z"
        << "The CA suggests renewing between 2026-12-01 00:00 UTC";
    QTest::newRow("CA window, seed one hour in")
        << true << days << 30 << noDate << t2 << "UTC" << later << "2026-12-01T00:00:00Z"
        << "2026-12-03T00:00:00Z" << 3600ull << "2026-12-01T00:30:00Z" << false << "2026-12-01T01:00:00Z"
        << "renewal planned for 2026-12-01 01:00 UTC";
    // 172860 s = window length (172800 s) + 60 s: wraps to one minute in.
    QTest::newRow("CA window, seed wraps")
        << true << days << 30 << noDate << t2 << "UTC" << later << "2026-12-01T00:00:00Z"
        << "2026-12-03T00:00:00Z" << 172860ull << "2026-12-01T00:01:00Z" << true << "2026-12-01T00:01:00Z"
        << "has been reached";
    // 19 days left: the 30-day rule says due, but the CA asks to wait until 2026-12-05.
    QTest::newRow("CA window in the future wins")
        << true << days << 30 << noDate << t2 << "UTC"
        << "2026-12-20T00:00:00Z"
        << "2026-12-05T00:00:00Z"
        << "2026-12-06T00:00:00Z" << 0ull << "2026-12-01T00:00:00Z" << false << "2026-12-05T00:00:00Z"
        << "renewal planned for 2026-12-05";
    QTest::newRow("CA window beats on-date")
        << true << onDate << 30 << dec15 << t2 << "Europe/Berlin" << later << "2026-12-05T00:00:00Z"
        << "2026-12-06T00:00:00Z" << 0ull << "2026-12-05T00:00:00Z" << true << "2026-12-05T00:00:00Z"
        << "The CA suggests";
}

void TestSchedulePlanner::renewalDue()
{
    QFETCH(bool, enabled);
    QFETCH(RenewalTrigger, trigger);
    QFETCH(int, days);
    QFETCH(QDate, date);
    QFETCH(QTime, time);
    QFETCH(QString, zone);
    QFETCH(QString, notAfter);
    QFETCH(QString, windowStart);
    QFETCH(QString, windowEnd);
    QFETCH(quint64, seed);
    QFETCH(QString, now);
    QFETCH(bool, due);
    QFETCH(QString, dueAt);
    QFETCH(QString, reason);

    ProvisioningSchedule schedule;
    schedule.renewalEnabled = enabled;
    schedule.renewalTrigger = trigger;
    schedule.renewWithinDays = days;
    schedule.renewalDate = date;
    schedule.renewalTime = time;
    schedule.renewalTimeZone = zone;
    std::optional<RenewalWindow> window;
    if (!windowStart.isEmpty()) {
        window = RenewalWindow{utc(windowStart), utc(windowEnd)};
    }

    const RenewalDecision decision = scheduling::renewalDue(schedule, utc(notAfter), window, utc(now), seed);
    QCOMPARE(decision.due, due);
    QCOMPARE(iso(decision.dueAt), dueAt);
    QVERIFY2(decision.reason.contains(reason, Qt::CaseInsensitive), qPrintable(decision.reason));
}

void TestSchedulePlanner::deploymentAt_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<DeploymentTrigger>("trigger");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QTime>("time");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("renewedAt");
    QTest::addColumn<QString>("expected");

    const auto immediately = DeploymentTrigger::ImmediatelyAfterRenewal;
    const auto onDate = DeploymentTrigger::OnDate;
    const QString renewed = QStringLiteral("2026-12-01T10:00:00Z");

    QTest::newRow("immediately") << true << immediately << QDate(2026, 12, 5) << QTime(3, 0) << "America/New_York"
                                 << renewed << renewed;
    // 2026-12-05 03:00 EST = 08:00Z.
    QTest::newRow("on date New York") << true << onDate << QDate(2026, 12, 5) << QTime(3, 0) << "America/New_York"
                                      << renewed << "2026-12-05T08:00:00Z";
    QTest::newRow("on date already past")
        << true << onDate << QDate(2026, 11, 20) << QTime(3, 0) << "America/New_York" << renewed << renewed;
    QTest::newRow("on date a minute before renewal")
        << true << onDate << QDate(2026, 12, 1) << QTime(9, 59) << "UTC" << renewed << renewed;
    // 2026-10-04 02:15 does not exist on Lord Howe: the clocks jump at 2026-10-03T15:30Z.
    QTest::newRow("on date in Lord Howe gap")
        << true << onDate << QDate(2026, 10, 4) << QTime(2, 15) << "Australia/Lord_Howe"
        << "2026-10-01T00:00:00Z"
        << "2026-10-03T15:30:00Z";
    QTest::newRow("on date without date") << true << onDate << QDate() << QTime(3, 0) << "UTC" << renewed << renewed;
    QTest::newRow("deployment off") << false << immediately << QDate() << QTime(3, 0) << "UTC" << renewed << "";
}

void TestSchedulePlanner::deploymentAt()
{
    QFETCH(bool, enabled);
    QFETCH(DeploymentTrigger, trigger);
    QFETCH(QDate, date);
    QFETCH(QTime, time);
    QFETCH(QString, zone);
    QFETCH(QString, renewedAt);
    QFETCH(QString, expected);

    ProvisioningSchedule schedule;
    schedule.deploymentEnabled = enabled;
    schedule.deploymentTrigger = trigger;
    schedule.deploymentDate = date;
    schedule.deploymentTime = time;
    schedule.deploymentTimeZone = zone;

    bool zoneOk = false;
    QCOMPARE(iso(scheduling::deploymentAt(schedule, utc(renewedAt), &zoneOk)), expected);
    QVERIFY(zoneOk);
}

QTEST_APPLESS_MAIN(TestSchedulePlanner)

#include "TestSchedulePlanner.moc"
