#include "engine/store/Database.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QTest>

using namespace certdeck;

class TestLocalCaRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // CAs, CRL numbers, issued serials, hold / revoke / resume rules.
    void roundTrip()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::localCaRoundTrip(*db);
    }
};

QTEST_GUILESS_MAIN(TestLocalCaRepository)
#include "TestLocalCaRepository.moc"
