// Job runners hold their jobs by a random id and a lease (SQLite here; PostgreSQL in TestPostgresStore): runners
// with the same host name never share a job, a runner that stops renewing loses its job to another runner after
// the lease, and a runner that lost its lease cannot record anything about that job.
#include "engine/jobs/JobLeaseKeeper.h"
#include "engine/jobs/JobQueue.h"
#include "engine/jobs/JobRunner.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/ProvisioningConfigRepository.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace std::chrono_literals;

class TestJobLeases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void runnersWithTheSameHostNameNeverShareAJob();
    void expiredLeaseIsTakenOverAndTheStaleRunnerIsRefused();
    void aRunnerThatRenewsKeepsItsJobAndOneThatStopsLosesIt();
    void runnerIdsAreRandomAndProcessesAreCheckable();
    void claimsStopAtTheRunnersFreePlaces();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<store::Database> m_db;
};

void TestJobLeases::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = test::scenarios::openTempSqlite(*m_dir);
    QVERIFY(m_db);
}

void TestJobLeases::runnersWithTheSameHostNameNeverShareAJob()
{
    test::scenarios::runnersWithTheSameHostNameNeverShareAJob(*m_db);
}

void TestJobLeases::expiredLeaseIsTakenOverAndTheStaleRunnerIsRefused()
{
    test::scenarios::expiredLeaseIsTakenOverAndTheStaleRunnerIsRefused(*m_db);
}

void TestJobLeases::aRunnerThatRenewsKeepsItsJobAndOneThatStopsLosesIt()
{
    const qint64 certId = test::scenarios::addCertificate(*m_db, QStringLiteral("keeper.example.com"));
    QVERIFY(certId != 0);
    ProvisioningConfig config;
    config.commonName = QStringLiteral("keeper.example.com");
    QVERIFY(store::ProvisioningConfigRepository(*m_db).save(certId, config));
    Job job;
    job.certificateId = certId;
    job.action = JobAction::Issue;
    auto id = store::JobRepository(*m_db).create(job);
    QVERIFY2(id, qPrintable(id.message()));

    // Runner A (lease 300 ms, renewed every 100 ms) claims the job; runner B, named the same, polls the queue.
    const auto a = jobs::JobRunner::create(QStringLiteral("deskhost:100"), 300ms);
    const auto b = jobs::JobRunner::create(QStringLiteral("deskhost:100"), 300ms);
    jobs::JobLeaseKeeper keeperA(m_db, a);
    QSignalSpy renewed(&keeperA, &jobs::JobLeaseKeeper::renewed);
    auto claimed = jobs::claimDueJobs(*m_db, a, QDateTime::currentDateTimeUtc(), QStringLiteral("test"));
    QVERIFY2(claimed, qPrintable(claimed.message()));
    QCOMPARE(claimed->claimed.size(), 1);
    keeperA.start();
    QElapsedTimer alive;
    alive.start();
    while (alive.elapsed() < 1500) { // five leases
        QTest::qWait(100);
        auto due = jobs::claimDueJobs(*m_db, b, QDateTime::currentDateTimeUtc(), QStringLiteral("test"));
        QVERIFY2(due, qPrintable(due.message()));
        QVERIFY2(due->claimed.isEmpty(), "B took a job whose runner keeps renewing its lease");
    }
    QVERIFY2(renewed.size() >= 5, qPrintable(QString::number(renewed.size())));
    QCOMPARE(renewed.last().first().value<QList<qint64>>(), QList<qint64>{*id});

    // A dies (stops renewing). B's keeper puts the job back in the queue after the lease; B claims and resumes it.
    keeperA.stop();
    const QDateTime stoppedAt = QDateTime::currentDateTimeUtc();
    jobs::JobLeaseKeeper keeperB(m_db, b);
    QSignalSpy reclaimed(&keeperB, &jobs::JobLeaseKeeper::jobsReclaimed);
    keeperB.start();
    QTRY_VERIFY_WITH_TIMEOUT(reclaimed.size() == 1, 3000);
    QVERIFY2(stoppedAt.msecsTo(QDateTime::currentDateTimeUtc()) >= 200, "reclaimed before A's lease could pass");
    auto resumed = jobs::claimDueJobs(*m_db, b, QDateTime::currentDateTimeUtc(), QStringLiteral("test"));
    QVERIFY2(resumed, qPrintable(resumed.message()));
    QCOMPARE(resumed->claimed.size(), 1);
    QCOMPARE(resumed->claimed.constFirst().job.runnerId, b.id);

    // A's last word is refused.
    Job late = claimed->claimed.constFirst().job;
    late.state = JobState::Failed;
    late.message = QStringLiteral("stale");
    const Status refused = store::JobRepository(*m_db).updateAsRunner(late);
    QCOMPARE(refused.error().kind, QStringLiteral("leaseLost"));
    QCOMPARE((*store::JobRepository(*m_db).find(*id))->state, JobState::Running);
}

void TestJobLeases::runnerIdsAreRandomAndProcessesAreCheckable()
{
    const auto one = jobs::JobRunner::create(QStringLiteral("deskhost:1"), 1s);
    const auto two = jobs::JobRunner::create(QStringLiteral("deskhost:1"), 1s);
    QVERIFY(one.id != two.id);
    QVERIFY(one.id.size() >= 32);
    // This process's pid can be checked from here; the same pid string from another boot cannot.
    QCOMPARE(jobs::localPidOf(one.process), QCoreApplication::applicationPid());
    QString elsewhere = one.process;
    elsewhere.replace(0, 8, QStringLiteral("ffffffff"));
    QCOMPARE(jobs::localPidOf(elsewhere), 0);
}

void TestJobLeases::claimsStopAtTheRunnersFreePlaces()
{
    QList<qint64> queued;
    for (int i = 0; i < 5; ++i) {
        const QString name = QStringLiteral("bounded-%1.example.com").arg(i);
        const qint64 certId = test::scenarios::addCertificate(*m_db, name);
        QVERIFY(certId != 0);
        ProvisioningConfig config;
        config.commonName = name;
        QVERIFY(store::ProvisioningConfigRepository(*m_db).save(certId, config));
        Job job;
        job.certificateId = certId;
        job.action = JobAction::Deploy;
        auto id = store::JobRepository(*m_db).create(job);
        QVERIFY2(id, qPrintable(id.message()));
        queued.append(*id);
    }
    const auto runner = jobs::JobRunner::create(QStringLiteral("deskhost:1"), 60s);
    QList<qint64> claimed;
    for (const auto& [expected, more] : {std::pair{2, true}, std::pair{2, true}, std::pair{1, false}}) {
        auto due = jobs::claimDueJobs(*m_db, runner, QDateTime::currentDateTimeUtc(), QStringLiteral("test"), 2);
        QVERIFY2(due, qPrintable(due.message()));
        QCOMPARE(int(due->claimed.size()), expected);
        QCOMPARE(due->more, more);
        for (const jobs::JobStart& start : due->claimed) {
            claimed.append(start.job.id);
        }
        auto unfinished = store::JobRepository(*m_db).unfinished();
        QVERIFY(unfinished);
        int stillQueued = 0;
        for (const Job& job : *unfinished) {
            stillQueued += job.state == JobState::Queued ? 1 : 0;
        }
        QCOMPARE(stillQueued, int(queued.size() - claimed.size())); // the rest waits in the queue, unclaimed
    }
    QCOMPARE(claimed, queued);
}

QTEST_GUILESS_MAIN(TestJobLeases)
#include "TestJobLeases.moc"
