#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace certdeck;
using namespace certdeck::store;

class TestJobRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // One unfinished job per certificate, claim, update, history order.
    void roundTrip()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::jobRoundTrip(*db);
    }

    // Two threads (each with its own connection) start a job for one certificate at once: exactly one wins.
    void concurrentCreatesAdmitOne()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        const qint64 certId = test::scenarios::addCertificate(*db, QStringLiteral("race.example.com"));
        QVERIFY(certId != 0);

        constexpr int kThreads = 4;
        std::atomic<int> created{0};
        std::atomic<int> busy{0};
        std::atomic<int> other{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back(QThread::create([&]() {
                Job job;
                job.certificateId = certId;
                job.action = JobAction::Issue;
                auto id = JobRepository(*db).create(job);
                if (id) {
                    ++created;
                } else if (id.error().kind == QLatin1String("busy")) {
                    ++busy;
                } else {
                    ++other;
                    qWarning("unexpected failure: %s", qPrintable(id.message()));
                }
            }));
        }
        for (auto& thread : threads) {
            thread->start();
        }
        for (auto& thread : threads) {
            QVERIFY(thread->wait(60000));
        }
        QCOMPARE(other.load(), 0);
        QCOMPARE(created.load(), 1);
        QCOMPARE(busy.load(), kThreads - 1);
        QCOMPARE(JobRepository(*db).unfinished().value().size(), 1);
    }

    // Many runners race to claim one queued job: exactly one gets it.
    void concurrentClaimsAdmitOne()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        const qint64 certId = test::scenarios::addCertificate(*db, QStringLiteral("claim.example.com"));
        Job job;
        job.certificateId = certId;
        auto id = JobRepository(*db).create(job);
        QVERIFY(id);

        std::atomic<int> wins{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back(QThread::create([&, i]() {
                auto claimed = JobRepository(*db).claim(*id, QStringLiteral("runner-%1").arg(i));
                if (claimed && *claimed) {
                    ++wins;
                }
            }));
        }
        for (auto& thread : threads) {
            thread->start();
        }
        for (auto& thread : threads) {
            QVERIFY(thread->wait(60000));
        }
        QCOMPARE(wins.load(), 1);
        QVERIFY((*JobRepository(*db).find(*id))->claimedBy.startsWith(QStringLiteral("runner-")));
    }
};

QTEST_GUILESS_MAIN(TestJobRepository)
#include "TestJobRepository.moc"
