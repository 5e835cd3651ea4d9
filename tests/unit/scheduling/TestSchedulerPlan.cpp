// The decisions of one scheduler pass (planPass, decideRenewal) with literal instants: which certificates get a
// renewal check, a deployment, a drift re-check or an "unattended expiry" warning.
#include "engine/scheduling/SchedulerPlan.h"

#include <QTest>

using namespace certdeck;
using namespace certdeck::scheduling;

namespace {

const QDateTime kNow(QDate(2027, 3, 10), QTime(12, 0), Qt::UTC);
constexpr int kUnset = -100000; // "no value" for the hour offsets below

QDateTime offset(int hours)
{
    return hours == kUnset ? QDateTime() : kNow.addSecs(qint64(hours) * 3600);
}

ScheduleCandidate candidate(CertificateStatus status, bool managed, bool renewal, int daysLeft, int nextCheckHours,
                            int pendingHours, int driftHours)
{
    ScheduleCandidate c;
    c.record.id = 7;
    c.record.commonName = QStringLiteral("www.example.test");
    c.record.status = status;
    c.record.serialHex = QStringLiteral("01ab");
    if (daysLeft != kUnset) {
        c.record.fingerprintSha256 = QStringLiteral("ab").repeated(32);
        c.record.notBefore = kNow.addDays(daysLeft - 90);
        c.record.notAfter = kNow.addDays(daysLeft).addSecs(3600);
    }
    if (managed) {
        ProvisioningConfig config;
        config.schedule.renewalEnabled = renewal;
        config.schedule.renewWithinDays = 30;
        config.schedule.deploymentEnabled = true;
        c.config = config;
    }
    if (nextCheckHours != kUnset || pendingHours != kUnset || driftHours != kUnset) {
        store::ScheduleState state;
        state.certificateId = 7;
        state.nextRenewalCheckAt = offset(nextCheckHours);
        state.pendingDeployAt = offset(pendingHours);
        state.nextDriftCheckAt = offset(driftHours);
        c.state = state;
    }
    return c;
}

} // namespace

class TestSchedulerPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void planOfOnePass_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("managed");
        QTest::addColumn<bool>("renewal");
        QTest::addColumn<int>("daysLeft");
        QTest::addColumn<int>("nextCheck"); // hours from now, kUnset: never checked
        QTest::addColumn<int>("pending");
        QTest::addColumn<int>("drift");
        // expectations
        QTest::addColumn<bool>("renewalCheck");
        QTest::addColumn<bool>("deployment");
        QTest::addColumn<bool>("driftCheck");
        QTest::addColumn<int>("unattendedDays"); // -1000: no warning
        QTest::addColumn<bool>("skipped");

        const int deployed = int(CertificateStatus::Deployed);
        const int issued = int(CertificateStatus::Issued);
        const int managed = int(CertificateStatus::Managed);
        // clang-format off
        QTest::newRow("never checked: check now")
            << issued << true << true << 60 << kUnset << kUnset << kUnset << true << false << false << -1000 << false;
        QTest::newRow("check instant passed")
            << issued << true << true << 60 << -1 << kUnset << kUnset << true << false << false << -1000 << false;
        QTest::newRow("check instant is exactly now")
            << issued << true << true << 60 << 0 << kUnset << kUnset << true << false << false << -1000 << false;
        QTest::newRow("next check tomorrow: nothing")
            << issued << true << true << 10 << 14 << kUnset << kUnset << false << false << false << -1000 << false;
        QTest::newRow("first enrollment (no material)")
            << managed << true << true << kUnset << kUnset << kUnset << kUnset << true << false << false << -1000 << false;
        QTest::newRow("renewal off, 20 days left: warn")
            << issued << true << false << 20 << kUnset << kUnset << kUnset << false << false << false << 20 << false;
        QTest::newRow("renewal off, 45 days left: quiet")
            << issued << true << false << 45 << kUnset << kUnset << kUnset << false << false << false << -1000 << false;
        QTest::newRow("not managed, 5 days left: warn")
            << int(CertificateStatus::Discovered) << false << false << 5 << kUnset << kUnset << kUnset
            << false << false << false << 5 << false;
        QTest::newRow("pending deployment due")
            << issued << true << true << 60 << 5 << -2 << kUnset << false << true << false << -1000 << false;
        QTest::newRow("pending deployment later")
            << issued << true << true << 60 << 5 << 3 << kUnset << false << false << false << -1000 << false;
        QTest::newRow("renewal check and pending deployment together")
            << issued << true << true << 60 << -1 << -1 << kUnset << true << true << false << -1000 << false;
        QTest::newRow("deployed: drift re-check")
            << deployed << true << true << 60 << 5 << kUnset << kUnset << false << false << true << -1000 << false;
        QTest::newRow("deployed: drift re-check later")
            << deployed << true << true << 60 << 5 << kUnset << 2 << false << false << false << -1000 << false;
        QTest::newRow("deployed, renewal off: drift re-check, and warn")
            << deployed << true << false << 12 << kUnset << kUnset << -3 << false << false << true << 12 << false;
        QTest::newRow("revoked: left alone")
            << int(CertificateStatus::Revoked) << true << true << 60 << kUnset << kUnset << kUnset
            << false << false << false << -1000 << true;
        // clang-format on
    }

    void planOfOnePass()
    {
        QFETCH(int, status);
        QFETCH(bool, managed);
        QFETCH(bool, renewal);
        QFETCH(int, daysLeft);
        QFETCH(int, nextCheck);
        QFETCH(int, pending);
        QFETCH(int, drift);
        QFETCH(bool, renewalCheck);
        QFETCH(bool, deployment);
        QFETCH(bool, driftCheck);
        QFETCH(int, unattendedDays);
        QFETCH(bool, skipped);

        const ScheduleCandidate c =
            candidate(CertificateStatus(status), managed, renewal, daysLeft, nextCheck, pending, drift);
        const SchedulePlan plan = planPass({c}, kNow);
        const bool planned = renewalCheck || deployment || driftCheck;
        QCOMPARE(plan.certificates.size(), planned ? 1 : 0);
        if (planned) {
            const CertificatePlan& p = plan.certificates.first();
            QCOMPARE(p.certificateId, qint64(7));
            QCOMPARE(p.renewalCheck.has_value(), renewalCheck);
            QCOMPARE(p.deployment.has_value(), deployment);
            QCOMPARE(p.driftCheck.has_value(), driftCheck);
            if (p.renewalCheck) {
                // The claim expects what the pass read and moves the check to the next daily 02:00 UTC.
                QCOMPARE(p.renewalCheck->expected, offset(nextCheck));
                QCOMPARE(p.renewalCheck->next, QDateTime(kNow.date().addDays(1), QTime(2, 0), Qt::UTC));
            }
            if (p.deployment) {
                QCOMPARE(p.deployment->expected, offset(pending));
            }
            if (p.driftCheck) {
                QVERIFY(p.driftCheck->next > kNow);
            }
        }
        QCOMPARE(plan.unattended.size(), unattendedDays == -1000 ? 0 : 1);
        if (unattendedDays != -1000) {
            QCOMPARE(plan.unattended.first().daysLeft, unattendedDays);
            QCOMPARE(plan.unattended.first().commonName, QStringLiteral("www.example.test"));
        }
        QCOMPARE(plan.skipped.size(), skipped ? 1 : 0);
    }

    void renewalDecision_data()
    {
        QTest::addColumn<int>("daysLeft");
        QTest::addColumn<bool>("withWindow");
        QTest::addColumn<bool>("due");
        QTest::newRow("29 days left, renew 30 days before") << 29 << false << true;
        QTest::newRow("31 days left, renew 30 days before") << 31 << false << false;
        QTest::newRow("first enrollment") << kUnset << false << true;
        QTest::newRow("60 days left, CA window open now") << 60 << true << true;
        QTest::newRow("10 days left but the CA window is later") << 10 << true << false;
    }

    void renewalDecision()
    {
        QFETCH(int, daysLeft);
        QFETCH(bool, withWindow);
        QFETCH(bool, due);
        const ScheduleCandidate c =
            candidate(CertificateStatus::Deployed, true, true, daysLeft, kUnset, kUnset, kUnset);
        std::optional<RenewalWindow> window;
        if (withWindow) {
            // Open (the seed lands inside a window that closes a second after now) or entirely in the future.
            window = daysLeft > 30 ? RenewalWindow{kNow.addDays(-1), kNow.addSecs(-1)}
                                   : RenewalWindow{kNow.addDays(2), kNow.addDays(3)};
        }
        const RenewalDecision decision = decideRenewal(c.record, c.config->schedule, window, kNow);
        QCOMPARE(decision.due, due);
        QVERIFY(!decision.reason.isEmpty());
    }

    // "Renew on a date" renews once: before the date nothing, after it once; the certificate issued on or after
    // the date is the renewal and is not renewed again at the next check.
    void renewalOnDateRenewsOnce_data()
    {
        QTest::addColumn<int>("dateOffsetDays"); // renewal date relative to now
        QTest::addColumn<int>("issuedDaysAgo");  // notBefore of the current certificate
        QTest::addColumn<bool>("due");
        QTest::newRow("date tomorrow") << 1 << 100 << false;
        QTest::newRow("date yesterday, certificate older") << -1 << 100 << true;
        QTest::newRow("date yesterday, renewed today") << -1 << 0 << false;
        QTest::newRow("date 10 days ago, renewed 5 days ago") << -10 << 5 << false;
    }

    void renewalOnDateRenewsOnce()
    {
        QFETCH(int, dateOffsetDays);
        QFETCH(int, issuedDaysAgo);
        QFETCH(bool, due);
        ScheduleCandidate c = candidate(CertificateStatus::Deployed, true, true, 200, kUnset, kUnset, kUnset);
        c.record.notBefore = kNow.addDays(-issuedDaysAgo);
        ProvisioningSchedule schedule = c.config->schedule;
        schedule.renewalTrigger = RenewalTrigger::OnDate;
        schedule.renewalDate = kNow.date().addDays(dateOffsetDays);
        schedule.renewalTime = kNow.time();
        schedule.renewalTimeZone = QStringLiteral("UTC");
        const RenewalDecision decision = decideRenewal(c.record, schedule, std::nullopt, kNow);
        QCOMPARE(decision.due, due);
        QVERIFY(!decision.reason.isEmpty());
    }

    void seedIsStablePerSerial()
    {
        QCOMPARE(renewalSeed(QStringLiteral("01AB")), renewalSeed(QStringLiteral("01ab")));
        QVERIFY(renewalSeed(QStringLiteral("01ab")) != renewalSeed(QStringLiteral("01ac")));
    }
};

QTEST_GUILESS_MAIN(TestSchedulerPlan)
#include "TestSchedulerPlan.moc"
