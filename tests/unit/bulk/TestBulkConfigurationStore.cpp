// Bulk Configure against a real SQLite inventory: one transaction, everything or nothing.
#include "engine/store/Database.h"
#include "tests/unit/bulk/BulkScenarios.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestBulkConfigurationStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savesEveryCertificateKeepingItsOwnSettings()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::bulk::savesEveryCertificateKeepingItsOwnSettings(*db, 500);
    }

    void refusesBadValuesStoringNothing()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::bulk::refusesBadValuesStoringNothing(*db, 50);
    }

    void missingCertificateStoresNothing()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::bulk::missingCertificateStoresNothing(*db, 50);
    }

    void constraintInTheMiddleStoresNothing()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::bulk::constraintInTheMiddleStoresNothing(*db, 500);
    }
};

QTEST_GUILESS_MAIN(TestBulkConfigurationStore)
#include "TestBulkConfigurationStore.moc"
