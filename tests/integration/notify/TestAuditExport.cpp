// Audit trail queries and export from a real SQLite inventory: filters by time, certificate, actor, action,
// outcome and text; the exported CSV and JSON lines hold exactly the filtered events, hostile text made inert.
#include "engine/audit/AuditExport.h"
#include "engine/audit/AuditTrail.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/Database.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestAuditExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filterAndExport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto db = store::Database::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inventory.db")));
        QVERIFY2(db, qPrintable(db.message()));
        store::AuditRepository repo(**db);
        const QDateTime t0 = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
        auto add = [&](int minutes, const QString& actor, qint64 cert, const QString& action, const QString& outcome,
                       const QJsonObject& details) {
            AuditEvent e;
            e.at = t0.addSecs(minutes * 60);
            e.actor = actor;
            e.certificateId = cert;
            e.action = action;
            e.outcome = outcome;
            e.details = details;
            auto id = repo.append(e);
            QVERIFY2(id, qPrintable(id.message()));
        };
        add(0, QStringLiteral("operator:alice"), 1, QStringLiteral("cert.import"), QStringLiteral("ok"), {});
        add(10, QStringLiteral("scheduler"), 1, QStringLiteral("cert.renew"), QStringLiteral("failed"),
            {{QStringLiteral("message"), QStringLiteral("=cmd|' /C calc'!A0, \"quoted\"\nnext")}});
        add(20, QStringLiteral("scheduler"), 2, QStringLiteral("cert.deploy"), QStringLiteral("ok"), {});
        add(30, QStringLiteral("certdeckctl:bob"), 0, QStringLiteral("hook.failed"), QStringLiteral("failed"),
            {{QStringLiteral("program"), QStringLiteral("/usr/local/bin/Notify-Pager")}});

        store::AuditQuery q;
        QCOMPARE(repo.query(q)->size(), 4);
        q.since = t0.addSecs(10 * 60);
        QCOMPARE(repo.query(q)->size(), 3);
        q.until = t0.addSecs(30 * 60);
        QCOMPARE(repo.query(q)->size(), 2);
        q = {};
        q.certificateId = 1;
        QCOMPARE(repo.query(q)->size(), 2);
        q = {};
        q.actor = QStringLiteral("scheduler");
        QCOMPARE(repo.query(q)->size(), 2);
        q = {};
        q.action = QStringLiteral("cert.");
        QCOMPARE(repo.query(q)->size(), 3);
        q.outcome = QStringLiteral("failed");
        QCOMPARE(repo.query(q)->size(), 1);
        q = {};
        q.text = QStringLiteral("notify-pager");
        const auto found = repo.query(q);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().action, QStringLiteral("hook.failed"));
        q = {};
        q.text = QStringLiteral("%"); // no LIKE wildcard semantics
        QCOMPARE(repo.query(q)->size(), 0);

        // Export the certificate's events as CSV to a file, parse it back.
        q = {};
        q.certificateId = 1;
        const QString csvPath = dir.filePath(QStringLiteral("audit.csv"));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        QVERIFY(audit::writeEvents(*repo.query(q), audit::ExportFormat::Csv, csv, csvPath));
        csv.close();
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray data = csv.readAll();
        QVERIFY(data.startsWith("id,at,actor,certificate_id,action,outcome,details\r\n"));
        QVERIFY2(data.contains(",1,cert.renew,failed,\"{"), data.constData());
        QVERIFY2(!data.contains("\n=") && !data.contains(",="), "a cell starts with a formula");
        QVERIFY(!data.contains("deploy"));

        q = {};
        q.outcome = QStringLiteral("failed");
        const QByteArray lines = audit::exportEvents(*repo.query(q), audit::ExportFormat::JsonLines);
        const QList<QByteArray> split = lines.trimmed().split('\n');
        QCOMPARE(split.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(split.first()).object();
        QCOMPARE(first.value(QStringLiteral("details")).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("=cmd|' /C calc'!A0, \"quoted\"\nnext"));
        QCOMPARE(first.value(QStringLiteral("at")).toString(), QStringLiteral("2026-03-01T10:10:00.000Z"));
    }
};

QTEST_GUILESS_MAIN(TestAuditExport)
#include "TestAuditExport.moc"
