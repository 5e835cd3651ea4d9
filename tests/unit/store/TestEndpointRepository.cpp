#include "engine/store/BotRepository.h"
#include "engine/store/Database.h"
#include "engine/store/EndpointRepository.h"
#include "tests/unit/store/EndpointScenarios.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QTest>

using namespace certdeck;

class TestEndpointRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::endpointRoundTrip(*db);
    }

    void invalidEndpointStoresNothing()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        QList<store::EndpointRecord> rows(2);
        rows[0].host = QStringLiteral("10.0.0.1");
        rows[0].port = 443;
        rows[1].host = QStringLiteral("10.0.0.2");
        rows[1].port = 70000;
        const store::EndpointRepository repository(*db);
        const Status saved = repository.upsertAll(rows);
        QVERIFY(!saved.ok());
        QVERIFY2(saved.message().contains(QStringLiteral("10.0.0.2:70000")), qPrintable(saved.message()));
        auto all = repository.all();
        QVERIFY2(all.ok(), qPrintable(all.message()));
        QVERIFY2(all->isEmpty(), "the valid first row must not stay behind: one transaction");
    }

    void removingTheBotRemovesItsEndpoints()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        Bot bot;
        bot.name = QStringLiteral("web1");
        bot.transport = BotTransportKind::Ssh;
        bot.host = QStringLiteral("web1.example.test");
        auto botId = store::BotRepository(*db).insert(bot);
        QVERIFY2(botId.ok(), qPrintable(botId.message()));
        QList<store::EndpointRecord> rows(1);
        rows[0].host = bot.host;
        rows[0].port = 443;
        rows[0].botId = bot.id;
        const store::EndpointRepository repository(*db);
        QVERIFY(repository.upsertAll(rows).ok());
        QCOMPARE(repository.forBot(bot.id)->size(), 1);
        QVERIFY(repository.removeForBot(bot.id).ok());
        QCOMPARE(repository.forBot(bot.id)->size(), 0);
        QCOMPARE(repository.all()->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEndpointRepository)
#include "TestEndpointRepository.moc"
