// CsrTemplateRepository against a real PostgreSQL cluster that the test starts and stops itself
// (skipped when the Debian package postgresql is not installed).
#include "engine/store/Database.h"
#include "tests/integration/store/PostgresCluster.h"
#include "tests/unit/templates/CsrTemplateScenarios.h"

#include <QTest>

#include <memory>

using namespace certdeck;

class TestCsrTemplateRepositoryPostgres : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::PostgresCluster> m_cluster;

    std::shared_ptr<store::Database> freshDatabase()
    {
        auto db = m_cluster->openFreshDatabase(QStringLiteral("certdeck_templates"));
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

    void roundTrip()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        QCOMPARE(db->dialect(), QStringLiteral("postgresql"));
        test::scenarios::csrTemplateRoundTrip(*db);
    }

    void refusesInvalidTemplates()
    {
        auto db = freshDatabase();
        QVERIFY(db);
        test::scenarios::csrTemplateRefusesInvalid(*db);
    }
};

QTEST_GUILESS_MAIN(TestCsrTemplateRepositoryPostgres)
#include "TestCsrTemplateRepositoryPostgres.moc"
