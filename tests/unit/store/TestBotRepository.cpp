#include "engine/store/Database.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QTest>

using namespace certdeck;

class TestBotRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::botRoundTrip(*db);
    }
};

QTEST_GUILESS_MAIN(TestBotRepository)
#include "TestBotRepository.moc"
