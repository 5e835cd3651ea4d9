// The store against a real PostgreSQL 15 cluster that the test starts and stops itself.
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/Migrations.h"
#include "tests/integration/store/PostgresCluster.h"
#include "tests/unit/store/EndpointScenarios.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace certdeck;
using namespace certdeck::store;

class TestPostgresStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::PostgresCluster> m_cluster;

    // A fresh, migrated database for one test.
    std::shared_ptr<Database> freshDatabase(bool migrated = true)
    {
        auto db = m_cluster->openFreshDatabase(QStringLiteral("certdeck"), migrated);
        if (!db) {
            QTest::qFail(qPrintable(db.message()), __FILE__, __LINE__);
            return nullptr;
        }
        return *db;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (test::PostgresCluster::binDir().isEmpty()) {
            QSKIP("PostgreSQL server binaries are not installed (Debian package postgresql): skipping the "
                  "PostgreSQL store tests.");
        }
        m_cluster = std::make_unique<test::PostgresCluster>();
        const Status started = m_cluster->start();
        QVERIFY2(started, qPrintable(started.message()));
    }

    void cleanupTestCase() { m_cluster.reset(); }

    void migratesFromEmpty()
    {
        auto db = freshDatabase(false);
        QVERIFY(db);
        QCOMPARE(db->dialect(), QStringLiteral("postgresql"));
        QCOMPARE(db->schemaVersion(), 0);
        QSqlDatabase connection = db->connection();
        auto migrated = Migrations::migrate(connection);
        QVERIFY2(migrated, qPrintable(migrated.message()));
        QCOMPARE(db->schemaVersion(), Migrations::latestVersion());
        QVERIFY(Migrations::migrate(connection));
        QCOMPARE(db->schemaVersion(), Migrations::latestVersion());
    }

    void migratesFromEachEarlierVersionKeepingData()
    {
        for (int version = 1; version < Migrations::latestVersion(); ++version) {
            auto old = freshDatabase(false);
            QVERIFY(old);
            QSqlDatabase connection = old->connection();
            QVERIFY(Migrations::migrate(connection, version));
            test::scenarios::seedVersion(*old, version);
            if (QTest::currentTestFailed()) {
                return;
            }
            QVERIFY(Migrations::migrate(connection));
            QCOMPARE(old->schemaVersion(), Migrations::latestVersion());
            test::scenarios::verifySeeds(*old, version);
            if (QTest::currentTestFailed()) {
                return;
            }
        }
    }

    void certificates()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::certificateRoundTrip(*db);
    }

    void bots()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::botRoundTrip(*db);
    }

    void endpoints()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::endpointRoundTrip(*db);
    }

    void provisioningConfigs()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::provisioningRoundTrip(*db);
        if (QTest::currentTestFailed()) {
            return;
        }
        test::scenarios::provisioningSaveMany(*db, 500);
    }

    void jobs()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::jobRoundTrip(*db);
    }

    void runnersWithTheSameHostNameNeverShareAJob()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::runnersWithTheSameHostNameNeverShareAJob(*db);
    }

    void expiredLeaseIsTakenOverAndTheStaleRunnerIsRefused()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::expiredLeaseIsTakenOverAndTheStaleRunnerIsRefused(*db);
    }

    // READ COMMITTED lets two transactions both see "no unfinished job"; the partial unique index decides.
    void concurrentJobCreatesAdmitOne()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        const qint64 certId = test::scenarios::addCertificate(*db, QStringLiteral("race.example.com"));
        QVERIFY(certId != 0);
        std::atomic<int> created{0};
        std::atomic<int> busy{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back(QThread::create([&]() {
                Job job;
                job.certificateId = certId;
                auto id = JobRepository(*db).create(job);
                if (id) {
                    ++created;
                } else if (id.error().kind == QLatin1String("busy")) {
                    ++busy;
                } else {
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
        QCOMPARE(created.load(), 1);
        QCOMPARE(busy.load(), 3);
    }

    void auditTrailIsAppendOnly()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::auditRoundTrip(*db);
        if (QTest::currentTestFailed()) {
            return;
        }
        QSqlQuery query(db->connection());
        QVERIFY2(!query.exec(QStringLiteral("TRUNCATE audit_events")), "TRUNCATE must be refused too");
    }

    void localCas()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::localCaRoundTrip(*db);
    }
};

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "TestPostgresStore.moc"
