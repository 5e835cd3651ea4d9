// `certdeckctl scheduler run` against real parts: the built-in CA, the local bot, a real nginx per site, one
// SQLite inventory per test. The clock is fixed with --now relative to the issued certificate's notAfter.
#include "engine/store/ScheduleStateRepository.h"
#include "tests/integration/scheduling/SchedulerCtlFixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace certdeck;
using test::CtlRun;
using test::SchedulerCtlFixture;

namespace {

// A day of notAfter - `days`, at noon UTC: well after that day's 02:00 check and before the next one.
QDateTime dayBeforeExpiry(const QDateTime& notAfter, int days)
{
    return QDateTime(notAfter.addDays(-days).toUTC().date(), QTime(12, 0), Qt::UTC);
}

void renewThirtyDaysBefore(ProvisioningSchedule& schedule)
{
    schedule.renewalEnabled = true;
    schedule.renewalTrigger = RenewalTrigger::DaysBeforeExpiry;
    schedule.renewWithinDays = 30;
    schedule.renewalFrequency = Frequency::Daily;
    schedule.renewalTime = QTime(2, 0);
    schedule.renewalTimeZone = QStringLiteral("UTC");
    schedule.deploymentEnabled = true;
    schedule.deploymentTrigger = DeploymentTrigger::ImmediatelyAfterRenewal;
}

} // namespace

class TestSchedulerCtl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void renewsAndDeploysWithinThirtyDays();
    void deploysOnTheConfiguredDate();
    void failedConfigTestIsRolledBack();
    void twoSchedulersRenewEachCertificateOnce();
    void daemonStopsOnSigterm();

private:
    CtlRun scheduler(const QDateTime& now, const QStringList& extra = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SchedulerCtlFixture> m_fixture;
    int m_counter = 0;
};

void TestSchedulerCtl::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("CERTDECKCTL_BINARY"));
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
}

void TestSchedulerCtl::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_fixture = std::make_unique<SchedulerCtlFixture>(m_dir->path(), QString::number(++m_counter));
    QString error;
    QVERIFY2(m_fixture->prepare(&error), qPrintable(error));
}

void TestSchedulerCtl::cleanup()
{
    m_fixture.reset();
    m_dir.reset();
}

CtlRun TestSchedulerCtl::scheduler(const QDateTime& now, const QStringList& extra)
{
    return m_fixture->ctl(QStringList{QStringLiteral("scheduler"), QStringLiteral("run"), QStringLiteral("--now"),
                                      SchedulerCtlFixture::iso(now)} +
                          extra);
}

// (a) 31 days before expiry nothing happens; 29 days before, one run renews and deploys.
void TestSchedulerCtl::renewsAndDeploysWithinThirtyDays()
{
    test::ManagedSite site;
    QString error;
    QVERIFY2(m_fixture->deployedSite(QStringLiteral("a.example.test"), &site, &error), qPrintable(error));
    QVERIFY2(m_fixture->editSchedule(site.id, renewThirtyDaysBefore, &error), qPrintable(error));
    const CertificateRecord before = m_fixture->record(site.id);
    QCOMPARE(before.status, CertificateStatus::Deployed);
    QCOMPARE(SchedulerCtlFixture::served(site.nginx->port(), site.site.serverName), before.fingerprintSha256);

    const CtlRun dry = scheduler(dayBeforeExpiry(before.notAfter, 29), {QStringLiteral("--dry-run")});
    QVERIFY2(dry.exitCode == 0, qPrintable(dry.all()));
    QVERIFY2(dry.out.contains(QStringLiteral("renew would-run")), qPrintable(dry.out));
    QCOMPARE(m_fixture->countJobs(site.id, JobAction::Issue), 1); // a dry run runs nothing

    const CtlRun early = scheduler(dayBeforeExpiry(before.notAfter, 31));
    QVERIFY2(early.exitCode == 0, qPrintable(early.all()));
    QVERIFY2(early.out.contains(QStringLiteral("not-due")), qPrintable(early.out));
    QCOMPARE(m_fixture->countJobs(site.id, JobAction::Issue), 1);
    QCOMPARE(m_fixture->countJobs(site.id, JobAction::Deploy), 1);
    QCOMPARE(m_fixture->record(site.id).fingerprintSha256, before.fingerprintSha256);

    const CtlRun due = scheduler(dayBeforeExpiry(before.notAfter, 29));
    QVERIFY2(due.exitCode == 0, qPrintable(due.all()));
    const CertificateRecord after = m_fixture->record(site.id);
    QVERIFY2(after.fingerprintSha256 != before.fingerprintSha256, qPrintable(due.out));
    QVERIFY(after.serialHex != before.serialHex);
    QVERIFY(after.notAfter >= before.notAfter);
    QCOMPARE(after.status, CertificateStatus::Deployed);
    QCOMPARE(SchedulerCtlFixture::served(site.nginx->port(), site.site.serverName), after.fingerprintSha256);
    QCOMPARE(m_fixture->countJobs(site.id, JobAction::Issue), 2);
    QCOMPARE(m_fixture->countJobs(site.id, JobAction::Deploy), 2);
    const Job renewal = m_fixture->jobs(site.id).first().action == JobAction::Deploy ? m_fixture->jobs(site.id).at(1)
                                                                                     : m_fixture->jobs(site.id).first();
    QCOMPARE(renewal.params.value(QStringLiteral("trigger")).toString(), QStringLiteral("scheduler"));

    // The same instant again: this occurrence was claimed, nothing runs twice.
    const CtlRun again = scheduler(dayBeforeExpiry(before.notAfter, 29));
    QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
    QCOMPARE(m_fixture->countJobs(site.id, JobAction::Issue), 2);
}

// (b) Deployment on a date: issued before it (the old certificate stays served), deployed by the first run after.
void TestSchedulerCtl::deploysOnTheConfiguredDate()
{
    test::ManagedSite site;
    QString error;
    QVERIFY2(m_fixture->deployedSite(QStringLiteral("b.example.test"), &site, &error), qPrintable(error));
    const CertificateRecord before = m_fixture->record(site.id);
    const QDateTime renewAt = dayBeforeExpiry(before.notAfter, 29);
    // The next day at 01:00 UTC, before that day's 02:00 renewal check.
    const QDateTime deployAt(renewAt.date().addDays(1), QTime(1, 0), Qt::UTC);
    QVERIFY2(m_fixture->editSchedule(
                 site.id,
                 [&](ProvisioningSchedule& schedule) {
                     renewThirtyDaysBefore(schedule);
                     schedule.deploymentTrigger = DeploymentTrigger::OnDate;
                     schedule.deploymentDate = deployAt.date();
                     schedule.deploymentTime = deployAt.time();
                 },
                 &error),
             qPrintable(error));

    const CtlRun renewed = scheduler(renewAt);
    QVERIFY2(renewed.exitCode == 0, qPrintable(renewed.all()));
    QVERIFY2(renewed.out.contains(QStringLiteral("deploy pending")), qPrintable(renewed.out));
    const CertificateRecord issued = m_fixture->record(site.id);
    QVERIFY(issued.fingerprintSha256 != before.fingerprintSha256);
    QCOMPARE(issued.status, CertificateStatus::Issued);
    QCOMPARE(SchedulerCtlFixture::served(site.nginx->port(), site.site.serverName), before.fingerprintSha256);
    auto state = store::ScheduleStateRepository(*m_fixture->database()).find(site.id);
    QVERIFY(state.ok() && state->has_value());
    QCOMPARE(state->value().pendingDeployAt, deployAt);

    const CtlRun stillWaiting = scheduler(deployAt.addSecs(-60));
    QVERIFY2(stillWaiting.exitCode == 0, qPrintable(stillWaiting.all()));
    QCOMPARE(SchedulerCtlFixture::served(site.nginx->port(), site.site.serverName), before.fingerprintSha256);

    const CtlRun deployed = scheduler(deployAt.addSecs(30 * 60));
    QVERIFY2(deployed.exitCode == 0, qPrintable(deployed.all()));
    QCOMPARE(SchedulerCtlFixture::served(site.nginx->port(), site.site.serverName), issued.fingerprintSha256);
    QCOMPARE(m_fixture->record(site.id).status, CertificateStatus::Deployed);
    QCOMPARE(m_fixture->countJobs(site.id, JobAction::Issue), 2);
    state = store::ScheduleStateRepository(*m_fixture->database()).find(site.id);
    QVERIFY(state.ok() && state->has_value());
    QVERIFY(!state->value().pendingDeployAt.isValid());
}

// (c) The renewed certificate fails nginx's config test: rolled back, the old one is still served, exit code 4.
void TestSchedulerCtl::failedConfigTestIsRolledBack()
{
    test::ManagedSite site;
    QString error;
    QVERIFY2(m_fixture->deployedSite(QStringLiteral("c.example.test"), &site, &error), qPrintable(error));
    QVERIFY2(m_fixture->editSchedule(site.id, renewThirtyDaysBefore, &error), qPrintable(error));
    const CertificateRecord before = m_fixture->record(site.id);
    const QByteArray certificateBefore = test::readAll(site.site.certificateFile);

    const QByteArray goodConfig = test::readAll(site.nginx->configFile());
    {
        QFile config(site.nginx->configFile());
        QVERIFY(config.open(QIODevice::Append));
        config.write("\nthis_is_not_a_directive;\n");
    }
    const CtlRun run = scheduler(dayBeforeExpiry(before.notAfter, 29));
    {
        QFile config(site.nginx->configFile());
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(goodConfig);
    }
    QVERIFY2(run.exitCode == 4, qPrintable(QStringLiteral("exit %1: ").arg(run.exitCode) + run.all()));
    QVERIFY2(run.out.contains(QStringLiteral("deploy rolled-back")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("rolled back")), qPrintable(run.out)); // the job says why
    QVERIFY2(run.out.contains(QStringLiteral("Next attempt at")), qPrintable(run.out));
    QCOMPARE(test::readAll(site.site.certificateFile), certificateBefore);
    QCOMPARE(SchedulerCtlFixture::served(site.nginx->port(), site.site.serverName), before.fingerprintSha256);
    const QList<Job> jobs = m_fixture->jobs(site.id);
    QVERIFY(!jobs.isEmpty());
    QCOMPARE(jobs.first().action, JobAction::Deploy);
    QCOMPARE(jobs.first().state, JobState::RolledBack);
    // The deployment is retried at the next deployment check (daily, 03:00 UTC by default).
    auto state = store::ScheduleStateRepository(*m_fixture->database()).find(site.id);
    QVERIFY(state.ok() && state->has_value());
    QVERIFY(state->value().pendingDeployAt > dayBeforeExpiry(before.notAfter, 29));
}

// (d) Two schedulers started together on one inventory with 8 certificates due for their first enrollment.
void TestSchedulerCtl::twoSchedulersRenewEachCertificateOnce()
{
    QString error;
    test::InitialSite placeholder;
    QVERIFY2(test::makeInitialSite(m_dir->filePath(QStringLiteral("placeholder")), QStringLiteral("d.example.test"),
                                   &placeholder, &error),
             qPrintable(error));
    QList<qint64> ids;
    for (int i = 0; i < 8; ++i) {
        const qint64 id =
            m_fixture->addCertificate(QStringLiteral("d%1.example.test").arg(i), placeholder, nullptr, &error);
        QVERIFY2(id != 0, qPrintable(error));
        QVERIFY2(m_fixture->editSchedule(
                     id,
                     [](ProvisioningSchedule& schedule) {
                         renewThirtyDaysBefore(schedule);
                         schedule.deploymentEnabled = false;
                     },
                     &error),
                 qPrintable(error));
        ids.append(id);
    }
    const int issuedBefore = m_fixture->countRows(QStringLiteral("local_ca_issued"));
    const QStringList arguments{QStringLiteral("scheduler"), QStringLiteral("run"), QStringLiteral("--now"),
                                SchedulerCtlFixture::iso(QDateTime::currentDateTimeUtc())};
    // Different paces, so the two are not in lockstep: the slow one still holds its early view of the inventory
    // when the fast one has finished certificates the slow one has not reached yet.
    std::unique_ptr<QProcess> first(
        m_fixture->startCtl(arguments + QStringList{QStringLiteral("--max-jobs"), QStringLiteral("1")}));
    std::unique_ptr<QProcess> second(
        m_fixture->startCtl(arguments + QStringList{QStringLiteral("--max-jobs"), QStringLiteral("8")}));
    QVERIFY(first->waitForFinished(300000));
    QVERIFY(second->waitForFinished(300000));
    const QString output = QString::fromUtf8(first->readAll() + first->readAllStandardError() + "\n---\n" +
                                             second->readAll() + second->readAllStandardError());
    QVERIFY2(first->exitCode() == 0 && second->exitCode() == 0, qPrintable(output));
    for (qint64 id : ids) {
        QVERIFY2(m_fixture->countJobs(id, JobAction::Issue) == 1,
                 qPrintable(QStringLiteral("certificate #%1: %2 issue jobs\n")
                                .arg(id)
                                .arg(m_fixture->countJobs(id, JobAction::Issue)) +
                            output));
        QCOMPARE(m_fixture->record(id).status, CertificateStatus::Issued);
    }
    QCOMPARE(m_fixture->countRows(QStringLiteral("local_ca_issued")), issuedBefore + 8);
}

// --daemon: passes until SIGTERM, then exit 0 (the handler only wakes the event loop).
void TestSchedulerCtl::daemonStopsOnSigterm()
{
    std::unique_ptr<QProcess> daemon(
        m_fixture->startCtl({QStringLiteral("scheduler"), QStringLiteral("run"), QStringLiteral("--daemon")}));
    QVERIFY(daemon->waitForStarted(10000));
    QString output;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     output += QString::fromUtf8(daemon->readAllStandardOutput());
                     return output.contains(QStringLiteral("Scheduler pass at")) ||
                            daemon->state() != QProcess::Running;
                 },
                 60000),
             qPrintable(output));
    QCOMPARE(daemon->state(), QProcess::Running);
    daemon->terminate();
    QVERIFY(daemon->waitForFinished(60000));
    QCOMPARE(daemon->exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon->exitCode(), 0);
    QVERIFY2(daemon->readAllStandardOutput().contains("Stopping"), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestSchedulerCtl)
#include "TestSchedulerCtl.moc"
