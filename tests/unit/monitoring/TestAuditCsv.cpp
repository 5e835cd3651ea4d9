// CSV export of the audit trail: RFC 4180 quoting and spreadsheet formula injection.
#include "engine/audit/AuditExport.h"

#include <QJsonDocument>
#include <QTest>

using namespace certdeck;

class TestAuditCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << "cert.deploy"
                               << "cert.deploy";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline") << "line1\nline2"
                                 << "\"line1\nline2\"";
        QTest::newRow("cr") << "a\rb"
                            << "\"a\rb\"";
        QTest::newRow("formula =") << "=HYPERLINK(\"x\")"
                                   << "\"'=HYPERLINK(\"\"x\"\")\"";
        QTest::newRow("formula +") << "+1"
                                   << "'+1";
        QTest::newRow("formula -") << "-2+3"
                                   << "'-2+3";
        QTest::newRow("formula @") << "@SUM(A1)"
                                   << "'@SUM(A1)";
        QTest::newRow("tab") << "\t=1"
                             << "'\t=1";
        QTest::newRow("inner = is fine") << "a=b"
                                         << "a=b";
    }
    void quoting()
    {
        QFETCH(QString, value);
        QFETCH(QString, cell);
        QCOMPARE(audit::csvField(value), cell);
    }

    void lineHasSevenColumnsAndCrLf()
    {
        AuditEvent event;
        event.id = 4;
        event.at = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
        event.actor = QStringLiteral("operator:=cmd|' /C calc'!A0");
        event.certificateId = 9;
        event.action = QStringLiteral("cert.deploy");
        event.outcome = QStringLiteral("failed");
        event.details = QJsonObject{{QStringLiteral("message"), QStringLiteral("a, \"b\"\nc")}};
        const QByteArray line = audit::csvLine(event);
        QVERIFY(line.endsWith("\r\n"));
        QVERIFY2(line.startsWith("4,2026-01-02T03:04:05.000Z,operator:=cmd"), line.constData());
        QVERIFY2(line.contains(",9,cert.deploy,failed,\"{"), line.constData());

        const QByteArray all = audit::exportEvents({event, event}, audit::ExportFormat::Csv);
        QVERIFY(all.startsWith(audit::csvHeader()));
        QCOMPARE(all.count("\r\n"), 3);
    }

    void jsonLinesRoundTrip()
    {
        AuditEvent event;
        event.id = 1;
        event.at = QDateTime::currentDateTimeUtc();
        event.actor = QStringLiteral("scheduler");
        event.action = QStringLiteral("cert.renew");
        event.outcome = QStringLiteral("ok");
        event.details = QJsonObject{{QStringLiteral("note"), QStringLiteral("line\nbreak")}};
        const QByteArray data = audit::exportEvents({event}, audit::ExportFormat::JsonLines);
        QCOMPARE(data.count('\n'), 1);
        const QJsonObject object = QJsonDocument::fromJson(data).object();
        QCOMPARE(object.value(QStringLiteral("action")).toString(), event.action);
        QVERIFY(object.value(QStringLiteral("certificateId")).isNull());
        QCOMPARE(object.value(QStringLiteral("details")).toObject(), event.details);
    }
};

QTEST_GUILESS_MAIN(TestAuditCsv)
#include "TestAuditCsv.moc"
