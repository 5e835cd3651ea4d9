// Job runners and their leases against a real database (see StoreScenarios.h): what decides who holds a job is the
// runner's random id and its lease, never its host name.
#include "tests/unit/store/StoreScenarios.h"

#include "engine/jobs/JobQueue.h"
#include "engine/jobs/JobRecovery.h"
#include "engine/jobs/JobRunner.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/ProvisioningConfigRepository.h"

#include <QSet>
#include <QSysInfo>
#include <QTest>
#include <QThread>

#include <memory>
#include <mutex>
#include <vector>

namespace certdeck::test::scenarios {

using namespace certdeck::store;
using namespace std::chrono_literals;

namespace {

const QString kActor = QStringLiteral("scheduler:test");

// A certificate with a configuration (mapped to the local bot) and a queued Deploy job for it.
qint64 queueJob(const Database& db, const QString& commonName)
{
    const qint64 certId = addCertificate(db, commonName);
    if (certId == 0) {
        return 0;
    }
    ProvisioningConfig config;
    config.commonName = commonName;
    if (Status saved = ProvisioningConfigRepository(db).save(certId, config); !saved) {
        QTest::qFail(qPrintable(saved.message()), __FILE__, __LINE__);
        return 0;
    }
    Job job;
    job.certificateId = certId;
    job.action = JobAction::Deploy;
    auto id = JobRepository(db).create(job);
    if (!id) {
        QTest::qFail(qPrintable(id.message()), __FILE__, __LINE__);
        return 0;
    }
    return *id;
}

Job jobRow(const Database& db, qint64 id)
{
    auto found = JobRepository(db).find(id);
    return found && found->has_value() ? found->value() : Job{};
}

QList<qint64> idsOf(const jobs::DueJobs& due)
{
    QList<qint64> ids;
    for (const jobs::JobStart& start : due.claimed) {
        ids.append(start.job.id);
    }
    return ids;
}

// A runner on another machine with the same host name as this one: its pid (none such here) means nothing here.
jobs::JobRunner runnerOnAnotherHostNamedLikeThisOne(std::chrono::milliseconds lease)
{
    jobs::JobRunner runner = jobs::JobRunner::create(QSysInfo::machineHostName() + QStringLiteral(":99999999"), lease);
    runner.process = QStringLiteral("0d0e0a0d-0000-4000-8000-000000000000:pid:[4026531836]:99999999");
    return runner;
}

} // namespace

void runnersWithTheSameHostNameNeverShareAJob(const Database& db)
{
    const qint64 first = queueJob(db, QStringLiteral("lease-a.example.com"));
    const qint64 second = queueJob(db, QStringLiteral("lease-b.example.com"));
    QVERIFY(first != 0 && second != 0);

    // Runner A works on another host that has the same name as this one; it claims both jobs.
    const jobs::JobRunner a = runnerOnAnotherHostNamedLikeThisOne(60s);
    auto claimedByA = jobs::claimDueJobs(db, a, QDateTime::currentDateTimeUtc(), kActor);
    QVERIFY2(claimedByA, qPrintable(claimedByA.message()));
    QCOMPARE(idsOf(*claimedByA), (QList<qint64>{first, second}));
    QCOMPARE(jobRow(db, first).runnerId, a.id);
    QCOMPARE(jobRow(db, first).claimedBy, a.name);

    // Runner B starts here, named exactly like A. Its crash recovery and its queue leave A's jobs alone: A's lease
    // runs, and A's pid (which does not exist on this machine) says nothing about A.
    const jobs::JobRunner b = jobs::JobRunner::create(a.name, 60s);
    QCOMPARE(b.name, a.name);
    QVERIFY(b.id != a.id);
    auto recovered = jobs::requeueInterruptedJobs(db, QSysInfo::machineHostName(), jobs::processExists);
    QVERIFY2(recovered, qPrintable(recovered.message()));
    QCOMPARE(recovered->requeued + recovered->failed, 0);
    auto claimedByB = jobs::claimDueJobs(db, b, QDateTime::currentDateTimeUtc(), kActor);
    QVERIFY2(claimedByB, qPrintable(claimedByB.message()));
    QVERIFY2(claimedByB->claimed.isEmpty() && claimedByB->failed.isEmpty(), "B took a job that A runs");
    for (const qint64 id : {first, second}) {
        const Job row = jobRow(db, id);
        QCOMPARE(row.state, JobState::Running);
        QCOMPARE(row.runnerId, a.id);
        QCOMPARE(row.checkpoint.value(QStringLiteral("interruptions")).toInt(), 0);
    }
    // A goes on recording its steps.
    Job step = claimedByA->claimed.constFirst().job;
    step.step = QStringLiteral("deploy");
    QVERIFY2(JobRepository(db).updateAsRunner(step), "A lost a job it holds");

    // Two runners of the same name claiming the same queue at the same time: every job runs exactly once.
    QList<qint64> queued;
    for (int i = 0; i < 12; ++i) {
        queued.append(queueJob(db, QStringLiteral("race-%1.example.com").arg(i)));
        QVERIFY(queued.last() != 0);
    }
    std::mutex mutex;
    QList<qint64> ran;
    QStringList errors;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 2; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            const jobs::JobRunner runner = jobs::JobRunner::create(a.name, 60s);
            for (int round = 0; round < 6; ++round) {
                auto due = jobs::claimDueJobs(db, runner, QDateTime::currentDateTimeUtc(), kActor);
                std::lock_guard lock(mutex);
                if (!due) {
                    errors.append(QStringLiteral("runner %1: %2").arg(t).arg(due.message()));
                    return;
                }
                for (const jobs::JobStart& start : due->claimed) {
                    ran.append(start.job.id);
                    if (jobRow(db, start.job.id).runnerId != runner.id) {
                        errors.append(
                            QStringLiteral("job #%1 is not held by the runner that claimed it").arg(start.job.id));
                    }
                }
            }
        }));
    }
    for (auto& thread : threads) {
        thread->start();
    }
    for (auto& thread : threads) {
        QVERIFY(thread->wait(120000));
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(ran.size(), queued.size());
    QCOMPARE(QSet<qint64>(ran.begin(), ran.end()), QSet<qint64>(queued.begin(), queued.end()));
}

void expiredLeaseIsTakenOverAndTheStaleRunnerIsRefused(const Database& db)
{
    const qint64 id = queueJob(db, QStringLiteral("lease-expiry.example.com"));
    QVERIFY(id != 0);
    const jobs::JobRunner a = runnerOnAnotherHostNamedLikeThisOne(400ms);
    auto claimedByA = jobs::claimDueJobs(db, a, QDateTime::currentDateTimeUtc(), kActor);
    QVERIFY2(claimedByA, qPrintable(claimedByA.message()));
    QCOMPARE(idsOf(*claimedByA), QList<qint64>{id});
    // A commits its checkpoint (the staged key), then dies: it renews nothing any more.
    Job held = claimedByA->claimed.constFirst().job;
    held.step = QStringLiteral("csr.create");
    held.checkpoint.insert(QStringLiteral("keyId"), QStringLiteral("staged-key-1"));
    QVERIFY(JobRepository(db).updateAsRunner(held));

    const jobs::JobRunner b = jobs::JobRunner::create(a.name, 400ms);
    auto tooEarly = jobs::claimDueJobs(db, b, QDateTime::currentDateTimeUtc(), kActor);
    QVERIFY2(tooEarly, qPrintable(tooEarly.message()));
    QVERIFY2(tooEarly->claimed.isEmpty(), "the job was taken over before its lease expired");

    // Once A's lease has passed, B takes the job over and resumes it from A's checkpoint.
    QTest::qWait(500);
    auto taken = jobs::claimDueJobs(db, b, QDateTime::currentDateTimeUtc(), kActor);
    QVERIFY2(taken, qPrintable(taken.message()));
    QCOMPARE(idsOf(*taken), QList<qint64>{id});
    const Job resumed = taken->claimed.constFirst().job;
    QCOMPARE(resumed.runnerId, b.id);
    QCOMPARE(resumed.checkpoint.value(QStringLiteral("keyId")).toString(), QStringLiteral("staged-key-1"));
    QCOMPARE(resumed.checkpoint.value(QStringLiteral("interruptions")).toInt(), 1);
    const Job row = jobRow(db, id);
    QCOMPARE(row.state, JobState::Running);
    QCOMPARE(row.runnerId, b.id);
    QVERIFY(row.leaseUntil > QDateTime::currentDateTimeUtc());
    auto events = AuditRepository(db).forCertificate(row.certificateId);
    QVERIFY(events && !events->isEmpty());
    QCOMPARE(events->last().action, QStringLiteral("job.interrupted"));
    QCOMPARE(events->last().details.value(QStringLiteral("reason")).toString(), QStringLiteral("lease expired"));

    // A wakes up late: its renewal finds nothing to renew, and neither its step nor its "succeeded" is recorded.
    auto renewedByA = JobRepository(db).renewLeases(a.id, a.leaseUntil(QDateTime::currentDateTimeUtc()));
    QVERIFY(renewedByA);
    QVERIFY(renewedByA->isEmpty());
    Job late = held;
    late.state = JobState::Succeeded;
    late.message = QStringLiteral("Deployed (by a runner that lost its lease)");
    late.finishedAt = QDateTime::currentDateTimeUtc();
    const Status refused = JobRepository(db).updateAsRunner(late);
    QVERIFY2(!refused, "a stale runner's update was recorded");
    QCOMPARE(refused.error().kind, QStringLiteral("leaseLost"));
    QVERIFY2(refused.message().contains(b.id), qPrintable(refused.message()));
    const Job after = jobRow(db, id);
    QCOMPARE(after.state, JobState::Running);
    QCOMPARE(after.runnerId, b.id);
    QVERIFY(after.message != late.message);
    // B's own updates are recorded, and its renewals keep the job.
    auto renewedByB = JobRepository(db).renewLeases(b.id, b.leaseUntil(QDateTime::currentDateTimeUtc()));
    QVERIFY(renewedByB);
    QCOMPARE(*renewedByB, QList<qint64>{id});
    Job done = resumed;
    done.state = JobState::Succeeded;
    done.finishedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(JobRepository(db).updateAsRunner(done));
    const Job finished = jobRow(db, id);
    QCOMPARE(finished.state, JobState::Succeeded);
    QVERIFY2(finished.runnerId.isEmpty() && !finished.leaseUntil.isValid(), "a finished job keeps no lease");
}

} // namespace certdeck::test::scenarios
