// A console or CLI killed mid-job leaves a "running" row behind. On the next start those jobs are marked
// failed (so the certificate is not blocked for good), and only those: live runners and other hosts' jobs stay.
#include "engine/jobs/JobRecovery.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestJobRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void deadRunnersJobsFailAndUnblockTheirCertificate();
    void liveRunnersAndOtherHostsAreLeftAlone();
    void unclaimedJobsFailOnlyAfterTheGracePeriod();

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

void TestJobRecovery::deadRunnersJobsFailAndUnblockTheirCertificate()
{
    const qint64 certificate = addCertificate(QStringLiteral("www.example.test"));
    const qint64 stale = addJob(certificate, QStringLiteral("deskhost:4242"));
    QVERIFY(stale != 0);
    // While the stale job is "running", the certificate is blocked.
    Job another;
    another.certificateId = certificate;
    QCOMPARE(store::JobRepository(*m_db).create(another).error().kind, QStringLiteral("busy"));

    auto marked = jobs::failInterruptedJobs(*m_db, QStringLiteral("deskhost"), [](qint64) { return false; });
    QVERIFY2(marked.ok(), qPrintable(marked.message()));
    QCOMPARE(marked.value(), 1);
    const Job failed = job(stale);
    QCOMPARE(failed.state, JobState::Failed);
    QVERIFY2(failed.message.contains(QStringLiteral("Interrupted")) &&
                 failed.message.contains(QStringLiteral("deploy")),
             qPrintable(failed.message));
    QVERIFY(failed.finishedAt.isValid());
    // The certificate can be acted on again, and the audit trail says why the job ended.
    Job retry;
    retry.certificateId = certificate;
    QVERIFY(store::JobRepository(*m_db).create(retry).ok());
    auto events = store::AuditRepository(*m_db).forCertificate(certificate);
    QVERIFY(events.ok() && !events->isEmpty());
    QCOMPARE(events->last().action, QStringLiteral("job.interrupted"));
}

void TestJobRecovery::liveRunnersAndOtherHostsAreLeftAlone()
{
    const qint64 live = addJob(addCertificate(QStringLiteral("a.example.test")), QStringLiteral("deskhost:100"));
    const qint64 elsewhere = addJob(addCertificate(QStringLiteral("b.example.test")), QStringLiteral("otherhost:200"));
    auto marked = jobs::failInterruptedJobs(*m_db, QStringLiteral("deskhost"), [](qint64 pid) { return pid == 100; });
    QVERIFY(marked.ok());
    QCOMPARE(marked.value(), 0);
    QCOMPARE(job(live).state, JobState::Running);
    QCOMPARE(job(elsewhere).state, JobState::Running);
    // The real process check: this test's own pid exists, a pid beyond pid_max does not.
    QVERIFY(jobs::processExists(QCoreApplication::applicationPid()));
    QVERIFY(!jobs::processExists(99999999));
}

void TestJobRecovery::unclaimedJobsFailOnlyAfterTheGracePeriod()
{
    const qint64 queued = addJob(addCertificate(QStringLiteral("c.example.test")), QString());
    auto marked = jobs::failInterruptedJobs(*m_db, QStringLiteral("deskhost"), [](qint64) { return false; });
    QVERIFY(marked.ok());
    QCOMPARE(marked.value(), 0); // may be between create and claim in a live runner
    QCOMPARE(job(queued).state, JobState::Queued);
    marked = jobs::failInterruptedJobs(
        *m_db, QStringLiteral("deskhost"), [](qint64) { return false; }, -1);
    QVERIFY(marked.ok());
    QCOMPARE(marked.value(), 1);
    QCOMPARE(job(queued).state, JobState::Failed);
}

QTEST_GUILESS_MAIN(TestJobRecovery)
#include "TestJobRecovery.moc"
