// Notifications: dedupe of unseen ones per kind and certificate, unseen count, mark seen; settings key/value.
#include "engine/store/Database.h"
#include "engine/store/NotificationRepository.h"
#include "engine/store/SettingsRepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::store;

class TestNotificationRepository : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;

    Notification make(const QString& kind, qint64 certificateId)
    {
        Notification n;
        n.kind = kind;
        n.certificateId = certificateId;
        n.title = QStringLiteral("title ") + kind;
        n.message = QStringLiteral("message");
        n.details = QJsonObject{{QStringLiteral("k"), 1}};
        return n;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto db = Database::open(QStringLiteral("sqlite:") +
                                 m_dir.filePath(QStringLiteral("inv-%1.db").arg(QTest::currentTestFunction())));
        QVERIFY2(db, qPrintable(db.message()));
        m_db = *db;
    }

    void dedupeUnseenSameKindAndCertificate()
    {
        NotificationRepository repo(*m_db);
        auto first = make(QStringLiteral("drift.found"), 5);
        auto added = repo.add(first);
        QVERIFY2(added, qPrintable(added.message()));
        QVERIFY(*added);
        QVERIFY(first.id != 0);

        auto again = make(QStringLiteral("drift.found"), 5);
        added = repo.add(again);
        QVERIFY(added);
        QVERIFY(!*added);
        QCOMPARE(again.id, first.id);
        QCOMPARE(*repo.unseenCount(), 1);

        // Another certificate, another kind, and "no certificate" are different notifications.
        auto other = make(QStringLiteral("drift.found"), 6);
        QVERIFY(*repo.add(other));
        auto kind = make(QStringLiteral("job.failed"), 5);
        QVERIFY(*repo.add(kind));
        auto none = make(QStringLiteral("job.failed"), 0);
        QVERIFY(*repo.add(none));
        auto none2 = make(QStringLiteral("job.failed"), 0);
        QVERIFY(!*repo.add(none2));
        QCOMPARE(*repo.unseenCount(), 4);

        // Once seen, the same kind for the same certificate is new again.
        QVERIFY(repo.markSeen(first.id));
        QCOMPARE(*repo.unseenCount(), 3);
        auto after = make(QStringLiteral("drift.found"), 5);
        QVERIFY(*repo.add(after));
        QVERIFY(after.id != first.id);

        auto recent = repo.recent(10);
        QVERIFY(recent);
        QCOMPARE(recent->size(), 5);
        QCOMPARE(recent->first().id, after.id);
        QCOMPARE(recent->first().details, after.details);
        QCOMPARE(recent->last().seen, true);

        QVERIFY(repo.markAllSeen());
        QCOMPARE(*repo.unseenCount(), 0);
        QVERIFY(!repo.markSeen(999999));
    }

    void settingsKeyValue()
    {
        SettingsRepository settings(*m_db);
        QCOMPARE(*settings.value(QStringLiteral("eventHook.program"), QStringLiteral("none")), QStringLiteral("none"));
        QVERIFY(settings.setValue(QStringLiteral("eventHook.program"), QStringLiteral("/bin/a")));
        QVERIFY(settings.setValue(QStringLiteral("eventHook.program"), QStringLiteral("/bin/b")));
        QCOMPARE(*settings.value(QStringLiteral("eventHook.program")), QStringLiteral("/bin/b"));
        QVERIFY(settings.remove(QStringLiteral("eventHook.program")));
        QCOMPARE(*settings.value(QStringLiteral("eventHook.program")), QString());
    }
};

QTEST_GUILESS_MAIN(TestNotificationRepository)
#include "TestNotificationRepository.moc"
