// A console or CLI killed mid-job leaves a "running" row behind. On the next start those jobs go back to the queue
// with their checkpoint (so they resume instead of blocking the certificate for good), and only those: live
// runners and other hosts' jobs stay. A job interrupted again and again fails for good.
#include "engine/jobs/JobRecovery.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestJobRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void deadRunnersJobsAreRequeuedWithTheirCheckpoint();
    void liveRunnersAndOtherHostsAreLeftAlone();
    void queuedJobsAreLeftForTheQueueRunner();
    void aJobInterruptedTooOftenFailsForGood();

private:
    qint64 addCertificate(const QString& name);
    qint64 addJob(qint64 certificateId, const QString& runner, const QString& step = QStringLiteral("deploy"));
    Job job(qint64 id);

    QTemporaryDir m_dir;
    std::shared_ptr<store::Database> m_db;
    int m_counter = 0;
};

void TestJobRecovery::init()
{
    QVERIFY(m_dir.isValid());
    auto db = store::Database::open(QStringLiteral("sqlite:") +
                                    m_dir.filePath(QStringLiteral("inventory-%1.db").arg(++m_counter)));
    QVERIFY2(db.ok(), qPrintable(db.message()));
    m_db = db.value();
}

qint64 TestJobRecovery::addCertificate(const QString& name)
{
    CertificateRecord record;
    record.commonName = name;
    record.status = CertificateStatus::Managed;
    auto id = store::CertificateRepository(*m_db).insert(record);
    return id.ok() ? id.value() : 0;
}

qint64 TestJobRecovery::addJob(qint64 certificateId, const QString& runner, const QString& step)
{
    Job job;
    job.certificateId = certificateId;
    job.action = JobAction::Deploy;
    job.createdAt = QDateTime::currentDateTimeUtc();
    const store::JobRepository jobs(*m_db);
    auto id = jobs.create(job);
    if (!id.ok()) {
        return 0;
    }
    if (!runner.isEmpty()) {
        (void)jobs.claim(id.value(), runner);
        auto claimed = jobs.find(id.value());
        Job running = claimed->value();
        running.step = step;
        (void)jobs.update(running);
    }
    return id.value();
}

Job TestJobRecovery::job(qint64 id)
{
    auto found = store::JobRepository(*m_db).find(id);
    return found.ok() && found->has_value() ? found->value() : Job{};
}

void TestJobRecovery::deadRunnersJobsAreRequeuedWithTheirCheckpoint()
{
    const qint64 certificate = addCertificate(QStringLiteral("www.example.test"));
    const qint64 stale = addJob(certificate, QStringLiteral("deskhost:4242"), QStringLiteral("issue"));
    QVERIFY(stale != 0);
    Job withCheckpoint = job(stale);
    withCheckpoint.checkpoint = QJsonObject{
        {QStringLiteral("keyId"), QStringLiteral("abc123")},
        {QStringLiteral("ca"), QJsonObject{{QStringLiteral("orderUrl"), QStringLiteral("https://ca/o/1")}}}};
    QVERIFY(store::JobRepository(*m_db).update(withCheckpoint).ok());

    auto recovered = jobs::requeueInterruptedJobs(*m_db, QStringLiteral("deskhost"), [](qint64) { return false; });
    QVERIFY2(recovered.ok(), qPrintable(recovered.message()));
    QCOMPARE(recovered->requeued, 1);
    QCOMPARE(recovered->failed, 0);
    const Job requeued = job(stale);
    QCOMPARE(requeued.state, JobState::Queued);
    QVERIFY(requeued.claimedBy.isEmpty());
    QCOMPARE(requeued.message, QStringLiteral("Interrupted at step issue; resuming."));
    // What the resumed run needs is still there.
    QCOMPARE(requeued.checkpoint.value(QStringLiteral("keyId")).toString(), QStringLiteral("abc123"));
    QCOMPARE(requeued.checkpoint.value(QStringLiteral("ca")).toObject().value(QStringLiteral("orderUrl")).toString(),
             QStringLiteral("https://ca/o/1"));
    // A queue runner can claim it, and the audit trail says why it was queued again.
    QVERIFY(store::JobRepository(*m_db).claim(stale, QStringLiteral("deskhost:5000")).value());
    auto events = store::AuditRepository(*m_db).forCertificate(certificate);
    QVERIFY(events.ok() && !events->isEmpty());
    QCOMPARE(events->last().action, QStringLiteral("job.interrupted"));
    QCOMPARE(events->last().outcome, QStringLiteral("requeued"));
}

void TestJobRecovery::liveRunnersAndOtherHostsAreLeftAlone()
{
    const qint64 live = addJob(addCertificate(QStringLiteral("a.example.test")), QStringLiteral("deskhost:100"));
    const qint64 elsewhere = addJob(addCertificate(QStringLiteral("b.example.test")), QStringLiteral("otherhost:200"));
    auto recovered =
        jobs::requeueInterruptedJobs(*m_db, QStringLiteral("deskhost"), [](qint64 pid) { return pid == 100; });
    QVERIFY(recovered.ok());
    QCOMPARE(recovered->requeued, 0);
    QCOMPARE(job(live).state, JobState::Running);
    QCOMPARE(job(elsewhere).state, JobState::Running);
    // The real process check: this test's own pid exists, a pid beyond pid_max does not.
    QVERIFY(jobs::processExists(QCoreApplication::applicationPid()));
    QVERIFY(!jobs::processExists(99999999));
}

void TestJobRecovery::queuedJobsAreLeftForTheQueueRunner()
{
    const qint64 queued = addJob(addCertificate(QStringLiteral("c.example.test")), QString());
    auto recovered = jobs::requeueInterruptedJobs(*m_db, QStringLiteral("deskhost"), [](qint64) { return false; });
    QVERIFY(recovered.ok());
    QCOMPARE(recovered->requeued + recovered->failed, 0);
    QCOMPARE(job(queued).state, JobState::Queued);
}

void TestJobRecovery::aJobInterruptedTooOftenFailsForGood()
{
    const qint64 certificate = addCertificate(QStringLiteral("d.example.test"));
    const qint64 id = addJob(certificate, QStringLiteral("deskhost:4242"), QStringLiteral("deploy"));
    const store::JobRepository jobs(*m_db);
    for (int crash = 1; crash <= jobs::kMaxInterruptions; ++crash) {
        auto recovered = jobs::requeueInterruptedJobs(*m_db, QStringLiteral("deskhost"), [](qint64) { return false; });
        QVERIFY(recovered.ok());
        QCOMPARE(recovered->requeued, 1);
        QCOMPARE(job(id).state, JobState::Queued);
        QVERIFY(jobs.claim(id, QStringLiteral("deskhost:%1").arg(5000 + crash)).value()); // and it dies again
    }
    auto recovered = jobs::requeueInterruptedJobs(*m_db, QStringLiteral("deskhost"), [](qint64) { return false; });
    QVERIFY(recovered.ok());
    QCOMPARE(recovered->failed, 1);
    const Job failed = job(id);
    QCOMPARE(failed.state, JobState::Failed);
    QVERIFY(failed.finishedAt.isValid());
    QVERIFY2(failed.message.contains(QStringLiteral("Interrupted 4 times")) &&
                 failed.message.contains(QStringLiteral("deploy")),
             qPrintable(failed.message));
    // The certificate is free again.
    Job next;
    next.certificateId = certificate;
    QVERIFY(jobs.create(next).ok());
}

QTEST_GUILESS_MAIN(TestJobRecovery)
#include "TestJobRecovery.moc"
