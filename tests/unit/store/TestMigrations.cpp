#include "engine/store/Database.h"
#include "engine/store/Migrations.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QSqlQuery>
#include <QTest>

using namespace certdeck;
using namespace certdeck::store;

class TestMigrations : public QObject
{
    Q_OBJECT

private:
    static QStringList tables(const Database& db)
    {
        QStringList names = db.connection().tables();
        names.sort();
        return names;
    }

private Q_SLOTS:
    void hasSeveralSteps() { QVERIFY2(Migrations::latestVersion() >= 2, "upgrades from earlier versions need steps"); }

    void fromEmptyToLatest()
    {
        QTemporaryDir dir;
        auto db = Database::openUnmigrated(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inv.db")));
        QVERIFY2(db, qPrintable(db.message()));
        QCOMPARE((*db)->schemaVersion(), 0);
        QSqlDatabase connection = (*db)->connection();
        auto migrated = Migrations::migrate(connection);
        QVERIFY2(migrated, qPrintable(migrated.message()));
        QCOMPARE((*db)->schemaVersion(), Migrations::latestVersion());
        const QStringList names = tables(**db);
        for (const char* table : {"certificates", "bots", "provisioning_configs", "jobs", "audit_events", "local_cas",
                                  "local_ca_issued", "local_ca_revocations", "schema_migrations"}) {
            QVERIFY2(names.contains(QLatin1String(table)), table);
        }
        // Each step is recorded once, with the time it was applied.
        QSqlQuery query(connection);
        QVERIFY(query.exec(QStringLiteral("SELECT version, applied_at FROM schema_migrations ORDER BY version")));
        int expected = 1;
        while (query.next()) {
            QCOMPARE(query.value(0).toInt(), expected++);
            QVERIFY(QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs).isValid());
        }
        QCOMPARE(expected, Migrations::latestVersion() + 1);

        // Migrating again changes nothing.
        QVERIFY(Migrations::migrate(connection));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")) && query.next());
        QCOMPARE(query.value(0).toInt(), Migrations::latestVersion());
    }

    void fromEachEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int version = 1; version < Migrations::latestVersion(); ++version) {
            QTest::addRow("v%d", version) << version;
        }
    }

    // Data written at an earlier version survives the upgrade and reads back through the repositories.
    void fromEachEarlierVersion()
    {
        QFETCH(int, version);
        QTemporaryDir dir;
        const QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("old.db"));
        {
            auto old = Database::openUnmigrated(url);
            QVERIFY2(old, qPrintable(old.message()));
            QSqlDatabase connection = (*old)->connection();
            QVERIFY(Migrations::migrate(connection, version));
            QCOMPARE((*old)->schemaVersion(), version);
            test::scenarios::seedVersion(**old, version);
            if (QTest::currentTestFailed()) {
                return;
            }
        }
        auto upgraded = Database::open(url); // open() migrates to the latest version
        QVERIFY2(upgraded, qPrintable(upgraded.message()));
        QCOMPARE((*upgraded)->schemaVersion(), Migrations::latestVersion());
        test::scenarios::verifySeeds(**upgraded, version);
        if (QTest::currentTestFailed()) {
            return;
        }
        // And the upgraded inventory takes new data of every kind.
        test::scenarios::localCaRoundTrip(**upgraded);
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("future.db"));
        {
            auto db = Database::open(url);
            QVERIFY(db);
            QSqlQuery query((*db)->connection());
            QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (%1, 'x')")
                                   .arg(Migrations::latestVersion() + 1)));
        }
        auto db = Database::open(url);
        QVERIFY(!db);
        QCOMPARE(db.error().kind, QStringLiteral("migration"));
        QVERIFY2(db.message().contains(QStringLiteral("Upgrade CertDeck")), qPrintable(db.message()));
    }

    void refusesUnknownTarget()
    {
        QTemporaryDir dir;
        auto db = Database::openUnmigrated(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("x.db")));
        QVERIFY(db);
        QSqlDatabase connection = (*db)->connection();
        QVERIFY(!Migrations::migrate(connection, Migrations::latestVersion() + 1));
        QCOMPARE((*db)->schemaVersion(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
