#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QThread>

using namespace certdeck;
using namespace certdeck::store;

namespace {

QString pragma(const QSqlDatabase& db, const QString& name)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA ") + name) || !query.next()) {
        return QStringLiteral("<error>");
    }
    return query.value(0).toString();
}

int closedLoopbackPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort(); // closed again when `server` goes away
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsPrivateFoldersForTheFile()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("a/b"));
        auto db = Database::open(QStringLiteral("sqlite:") + folder + QStringLiteral("/inventory.db"));
        QVERIFY2(db, qPrintable(db.message()));
        QVERIFY(QFile::exists(folder + QStringLiteral("/inventory.db")));
        const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
        for (const QString& path : {dir.filePath(QStringLiteral("a")), folder}) {
            const auto permissions =
                QFile::permissions(path) &
                (ownerOnly | QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                 QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther);
            QCOMPARE(permissions, ownerOnly);
        }
        QCOMPARE((*db)->dialect(), QStringLiteral("sqlite"));
    }

    void sqliteSettingsOnEveryConnection()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        auto check = [&db]() {
            const QSqlDatabase connection = db->connection();
            return QStringList{
                pragma(connection, QStringLiteral("journal_mode")), pragma(connection, QStringLiteral("foreign_keys")),
                pragma(connection, QStringLiteral("synchronous")), pragma(connection, QStringLiteral("busy_timeout"))};
        };
        const QStringList expected{QStringLiteral("wal"), QStringLiteral("1"), QStringLiteral("2"),
                                   QStringLiteral("10000")};
        QCOMPARE(check(), expected);
        QStringList onWorker;
        std::unique_ptr<QThread> worker(QThread::create([&]() { onWorker = check(); }));
        worker->start();
        QVERIFY(worker->wait(30000));
        QCOMPARE(onWorker, expected);
    }

    void perThreadConnectionsShareMemoryDatabase()
    {
        auto db = Database::open(QStringLiteral("sqlite::memory:"));
        QVERIFY2(db, qPrintable(db.message()));
        const qint64 id = test::scenarios::addCertificate(**db, QStringLiteral("memory.example.com"));
        QVERIFY(id != 0);
        const QString mainName = (*db)->connection().connectionName();

        QString workerName;
        QString seen;
        std::unique_ptr<QThread> worker(QThread::create([&]() {
            workerName = (*db)->connection().connectionName();
            auto found = CertificateRepository(**db).find(id);
            if (found && found->has_value()) {
                seen = (*found)->commonName;
            }
        }));
        worker->start();
        QVERIFY(worker->wait(30000));
        QCOMPARE(seen, QStringLiteral("memory.example.com"));
        QVERIFY(!workerName.isEmpty());
        QVERIFY(workerName != mainName);
        // The worker's connection went away with its thread.
        QVERIFY(!QSqlDatabase::connectionNames().contains(workerName));
        QVERIFY(QSqlDatabase::connectionNames().contains(mainName));

        // Two memory inventories are separate.
        auto other = Database::open(QStringLiteral("sqlite::memory:"));
        QVERIFY(other);
        QCOMPARE(CertificateRepository(**other).count().value(), 0);
    }

    void closingRemovesConnections()
    {
        QString name;
        {
            auto db = Database::open(QStringLiteral("sqlite::memory:"));
            QVERIFY(db);
            name = (*db)->connection().connectionName();
            QVERIFY(QSqlDatabase::connectionNames().contains(name));
        }
        QVERIFY(!QSqlDatabase::connectionNames().contains(name));
    }

    void transactionCommitsOrRollsBack()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        CertificateRepository repo(*db);
        // Nested writes join the outer transaction; a failure anywhere undoes all of them.
        const Status failed = db->transaction([&]() -> Status {
            test::scenarios::addCertificate(*db, QStringLiteral("one.example.com"));
            return db->transaction([&]() -> Status {
                test::scenarios::addCertificate(*db, QStringLiteral("two.example.com"));
                return fail(QStringLiteral("deploy failed"));
            });
        });
        QVERIFY(!failed);
        QCOMPARE(failed.message(), QStringLiteral("deploy failed"));
        QCOMPARE(repo.count().value(), 0);

        QVERIFY(db->transaction([&]() -> Status {
            test::scenarios::addCertificate(*db, QStringLiteral("three.example.com"));
            return {};
        }));
        QCOMPARE(repo.count().value(), 1);
    }

    void rejectsBadUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addRow("unknown scheme") << QStringLiteral("mysql://root@localhost/certdeck");
        QTest::addRow("relative path") << QStringLiteral("sqlite:inventory.db");
        QTest::addRow("no database") << QStringLiteral("postgresql://certdeck@db.example.com:5432/");
        QTest::addRow("password in url") << QStringLiteral("postgresql://certdeck:hunter2@db.example.com/certdeck");
    }

    void rejectsBadUrls()
    {
        QFETCH(QString, url);
        auto db = Database::open(url);
        QVERIFY(!db);
        QCOMPARE(db.error().kind, QStringLiteral("invalidUrl"));
        QVERIFY2(!db.message().contains(QStringLiteral("hunter2")), "a password must never be echoed");
        QVERIFY(!db.message().isEmpty());
    }

    void unwritableLocationIsExplained()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        auto db = Database::open(QStringLiteral("sqlite:") + blocker.fileName() + QStringLiteral("/sub/inventory.db"));
        QVERIFY(!db);
        QVERIFY2(db.message().contains(blocker.fileName()), qPrintable(db.message()));
    }

    void unreachablePostgresIsExplained()
    {
        const int port = closedLoopbackPort();
        auto db = Database::open(QStringLiteral("postgresql://certdeck@127.0.0.1:%1/certdeck").arg(port));
        QVERIFY(!db);
        QCOMPARE(db.error().kind, QStringLiteral("unavailable"));
        QVERIFY2(db.message().contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(db.message()));
    }

    void defaultUrlIsInAppData()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("CertDeck"));
        QCoreApplication::setApplicationName(QStringLiteral("certdeck"));
        const QString url = Database::defaultUrl();
        QVERIFY2(url.startsWith(QStringLiteral("sqlite:/")), qPrintable(url));
        QVERIFY2(url.endsWith(QStringLiteral("/certdeck/inventory.db")), qPrintable(url));
        QCOMPARE(url.mid(7),
                 QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/inventory.db"));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
