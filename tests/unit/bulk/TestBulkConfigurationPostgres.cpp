// The same Bulk Configure scenarios against a real PostgreSQL cluster the test starts and stops itself.
#include "engine/store/Database.h"
#include "tests/integration/store/PostgresCluster.h"
#include "tests/unit/bulk/BulkScenarios.h"

#include <QTest>

#include <memory>

using namespace certdeck;

class TestBulkConfigurationPostgres : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::PostgresCluster> m_cluster;

    std::shared_ptr<store::Database> freshDatabase()
    {
        auto db = m_cluster->openFreshDatabase(QStringLiteral("certdeck_bulk"));
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
            QSKIP("PostgreSQL server binaries are not installed (Debian package postgresql): skipping.");
        }
        m_cluster = std::make_unique<test::PostgresCluster>();
        const Status started = m_cluster->start();
        QVERIFY2(started, qPrintable(started.message()));
    }

    void cleanupTestCase() { m_cluster.reset(); }

    void savesEveryCertificateKeepingItsOwnSettings()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        QCOMPARE(db->dialect(), QStringLiteral("postgresql"));
        test::bulk::savesEveryCertificateKeepingItsOwnSettings(*db, 500);
    }

    void refusesBadValuesStoringNothing()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::bulk::refusesBadValuesStoringNothing(*db, 50);
    }

    void missingCertificateStoresNothing()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::bulk::missingCertificateStoresNothing(*db, 50);
    }

    void constraintInTheMiddleStoresNothing()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::bulk::constraintInTheMiddleStoresNothing(*db, 500);
    }
};

QTEST_GUILESS_MAIN(TestBulkConfigurationPostgres)
#include "TestBulkConfigurationPostgres.moc"
