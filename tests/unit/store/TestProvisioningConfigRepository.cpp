#include "engine/store/Database.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QTest>

using namespace certdeck;

class TestProvisioningConfigRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every field round-trips; Discovered -> Managed with the bot mapped; missing certificate or bot refused.
    void roundTrip()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::provisioningRoundTrip(*db);
    }

    // Bulk Configure: 500 certificates in one transaction, all or nothing.
    void saveManyFiveHundred()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::provisioningSaveMany(*db, 500);
    }
};

QTEST_GUILESS_MAIN(TestProvisioningConfigRepository)
#include "TestProvisioningConfigRepository.moc"
