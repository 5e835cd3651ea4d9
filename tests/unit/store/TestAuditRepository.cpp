#include "engine/audit/AuditTrail.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/Database.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace certdeck;

class TestAuditRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Append and read back; UPDATE and DELETE are refused by the schema itself.
    void appendOnly()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::auditRoundTrip(*db);
    }

    void trailStampsActorAndUtcTime()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        audit::AuditTrail trail(*db, QStringLiteral("operator:alice"));
        QVERIFY(trail.record(QStringLiteral("cert.deploy"), 5, QStringLiteral("failed"),
                             QJsonObject{{QStringLiteral("reason"), QStringLiteral("nginx -t failed")}}));
        auto events = store::AuditRepository(*db).forCertificate(5);
        QVERIFY(events);
        QCOMPARE(events->size(), 1);
        const AuditEvent& event = events->first();
        QCOMPARE(event.actor, QStringLiteral("operator:alice"));
        QCOMPARE(event.action, QStringLiteral("cert.deploy"));
        QCOMPARE(event.outcome, QStringLiteral("failed"));
        QCOMPARE(event.details.value(QStringLiteral("reason")).toString(), QStringLiteral("nginx -t failed"));
        QCOMPARE(event.at.timeSpec(), Qt::UTC);
        QVERIFY(event.at >= before);
        QVERIFY(event.at <= QDateTime::currentDateTimeUtc());
    }

    void currentUserActorUsesLoginName()
    {
        const passwd* entry = ::getpwuid(::geteuid());
        QVERIFY(entry);
        const QByteArray saved = qgetenv("USER");
        qunsetenv("USER");
        QCOMPARE(audit::AuditTrail::currentUserActor(QStringLiteral("certdeckctl")),
                 QStringLiteral("certdeckctl:") + QString::fromLocal8Bit(entry->pw_name));
        qputenv("USER", "alice");
        QCOMPARE(audit::AuditTrail::currentUserActor(QStringLiteral("operator")), QStringLiteral("operator:alice"));
        if (saved.isNull()) {
            qunsetenv("USER");
        } else {
            qputenv("USER", saved);
        }
    }
};

QTEST_GUILESS_MAIN(TestAuditRepository)
#include "TestAuditRepository.moc"
