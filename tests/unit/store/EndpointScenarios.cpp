#include "tests/unit/store/EndpointScenarios.h"

#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/EndpointRepository.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QJsonArray>
#include <QTest>

namespace certdeck::test::scenarios {

void endpointRoundTrip(const store::Database& db)
{
    Bot bot;
    bot.name = QStringLiteral("web1");
    bot.transport = BotTransportKind::Ssh;
    bot.host = QStringLiteral("web1.example.test");
    auto botId = store::BotRepository(db).insert(bot);
    QVERIFY2(botId.ok(), qPrintable(botId.message()));
    const QString fingerprint = QStringLiteral("ab").repeated(32);
    const qint64 certificateId = addCertificate(db, QStringLiteral("www.example.test"), fingerprint);
    QVERIFY(certificateId != 0);

    const QDateTime seen = QDateTime(QDate(2026, 11, 27), QTime(10, 30, 0, 123), Qt::UTC);
    QList<store::EndpointRecord> rows(2);
    rows[0].host = QStringLiteral("10.0.0.5");
    rows[0].port = 8443;
    rows[0].serverName = QStringLiteral("www.example.test");
    rows[0].botId = bot.id;
    rows[0].certificateId = certificateId;
    rows[0].fingerprint = fingerprint.toUpper();
    rows[0].serverType = QStringLiteral("nginx");
    rows[0].source = QStringLiteral("scan:web1");
    rows[0].details = QJsonObject{{QStringLiteral("webRoot"), QStringLiteral("/srv/www \"quoted\" $(x)")},
                                  {QStringLiteral("names"), QJsonArray{QStringLiteral("www.example.test")}}};
    rows[0].seenAt = seen;
    rows[1].host = QStringLiteral("10.0.0.6");
    rows[1].port = 443;
    rows[1].source = QStringLiteral("network");
    rows[1].error = QStringLiteral("connection refused");
    const store::EndpointRepository repository(db);
    const Status saved = repository.upsertAll(rows);
    QVERIFY2(saved.ok(), qPrintable(saved.message()));
    QVERIFY(rows[0].id != 0 && rows[1].id != 0 && rows[0].id != rows[1].id);
    QVERIFY(rows[1].seenAt.isValid());

    auto all = repository.all();
    QVERIFY2(all.ok(), qPrintable(all.message()));
    QCOMPARE(all->size(), 2);
    const store::EndpointRecord& first = all->at(0);
    QCOMPARE(first.id, rows[0].id);
    QCOMPARE(first.host, QStringLiteral("10.0.0.5"));
    QCOMPARE(first.port, 8443);
    QCOMPARE(first.serverName, QStringLiteral("www.example.test"));
    QCOMPARE(first.botId, bot.id);
    QCOMPARE(first.certificateId, certificateId);
    QCOMPARE(first.fingerprint, fingerprint); // stored lowercase
    QCOMPARE(first.serverType, QStringLiteral("nginx"));
    QCOMPARE(first.source, QStringLiteral("scan:web1"));
    QCOMPARE(first.details, rows[0].details);
    QCOMPARE(first.seenAt, seen);
    QCOMPARE(all->at(1).botId, 0);
    QCOMPARE(all->at(1).certificateId, 0);
    QCOMPARE(all->at(1).error, QStringLiteral("connection refused"));

    // The same (host, port, name) again from a network discovery: the same row, what the scan knew stays.
    QList<store::EndpointRecord> again(1);
    again[0].host = QStringLiteral("10.0.0.5");
    again[0].port = 8443;
    again[0].serverName = QStringLiteral("www.example.test");
    again[0].certificateId = certificateId;
    again[0].fingerprint = fingerprint;
    again[0].source = QStringLiteral("network");
    QVERIFY(repository.upsertAll(again).ok());
    QCOMPARE(again[0].id, rows[0].id);
    auto forBot = repository.forBot(bot.id);
    QVERIFY2(forBot.ok(), qPrintable(forBot.message()));
    QCOMPARE(forBot->size(), 1);
    QCOMPARE(forBot->at(0).source, QStringLiteral("network"));
    QCOMPARE(forBot->at(0).serverType, QStringLiteral("nginx"));
    QCOMPARE(forBot->at(0).details, rows[0].details);
    QCOMPARE(repository.all()->size(), 2);

    auto forCertificate = repository.forCertificate(certificateId);
    QVERIFY2(forCertificate.ok(), qPrintable(forCertificate.message()));
    QCOMPARE(forCertificate->size(), 1);
    QCOMPARE(forCertificate->at(0).id, rows[0].id);

    // A certificate leaving the inventory unlinks its endpoints; removing the bot's endpoints leaves the others.
    QVERIFY(store::CertificateRepository(db).remove(certificateId).ok());
    QCOMPARE(repository.forCertificate(certificateId)->size(), 0);
    QCOMPARE(repository.forBot(bot.id)->at(0).certificateId, 0);
    QVERIFY(repository.removeForBot(bot.id).ok());
    auto rest = repository.all();
    QVERIFY(rest.ok());
    QCOMPARE(rest->size(), 1);
    QCOMPARE(rest->at(0).host, QStringLiteral("10.0.0.6"));
}

} // namespace certdeck::test::scenarios
