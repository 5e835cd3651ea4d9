// The console's View > Audit Trail… dialog (events, filters, export), the notification badge (count follows
// new notifications, Mark All Seen) and the dashboard's drift indicator (tooltip and warning colour).
#include "engine/audit/AuditTrail.h"
#include "engine/notify/Notifier.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "models/AuditTableModel.h"
#include "models/CertificateTableModel.h"
#include "tests/gui/console/ConsoleFixture.h"
#include "ui/DashboardWidget.h"
#include "ui/MainWindow.h"
#include "ui/ViewActions.h"
#include "ui/dialogs/AuditTrailDialog.h"
#include "ui/widgets/NotificationBadge.h"

#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace certdeck;

class TestAuditAndNotifications : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void auditBadgeAndDrift()
    {
        test::ConsoleFixture fixture;
        QVERIFY2(fixture.ok(), qPrintable(fixture.error()));
        auto db = store::Database::open(fixture.databaseUrl());
        QVERIFY2(db, qPrintable(db.message()));
        notify::Notifier notifier(*db, QStringLiteral("operator:test"));

        // Inventory: two certificates, one of them drifted; three audit events.
        store::CertificateRepository certs(**db);
        CertificateRecord inSync;
        inSync.commonName = QStringLiteral("ok.example.test");
        inSync.fingerprintSha256 = QString(64, QLatin1Char('a'));
        inSync.notAfter = QDateTime::currentDateTimeUtc().addDays(60);
        CertificateRecord drifted = inSync;
        drifted.commonName = QStringLiteral("drift.example.test");
        drifted.fingerprintSha256 = QString(64, QLatin1Char('b'));
        QVERIFY(certs.insert(inSync));
        QVERIFY(certs.insert(drifted));
        const QString driftText = QStringLiteral("serves cc:cc:cc:cc:cc:cc:cc:cc issued to rogue by Evil CA, not this "
                                                 "certificate");
        QVERIFY(certs.setProbeResult(drifted.id, QString(64, QLatin1Char('c')), QDateTime::currentDateTimeUtc(),
                                     driftText));
        audit::AuditTrail trail(**db, QStringLiteral("operator:alice"));
        QVERIFY(trail.record(QStringLiteral("cert.import"), inSync.id, QStringLiteral("ok")));
        QVERIFY(trail.record(QStringLiteral("cert.deploy"), drifted.id, QStringLiteral("failed"),
                             {{QStringLiteral("message"), QStringLiteral("=HYPERLINK(\"x\") nginx -t failed")}}));
        QVERIFY(audit::AuditTrail(**db, QStringLiteral("scheduler"))
                    .record(QStringLiteral("cert.renew"), drifted.id, QStringLiteral("ok")));

        ui::UiServices services = fixture.services();
        services.database = *db;
        services.notifier = &notifier;
        ui::MainWindow window(services);
        QSignalSpy refreshed(&window, &ui::MainWindow::refreshed);
        window.show();
        QVERIFY(refreshed.wait(20000));

        // Drift: the status cell says so, its tooltip is the drift text, the row has a warning background.
        models::CertificateTableModel* model = window.dashboard()->model();
        int driftRow = -1;
        int okRow = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            const qint64 id = model->index(row, 0).data(models::CertificateTableModel::CertificateIdRole).toLongLong();
            (id == drifted.id ? driftRow : okRow) = row;
        }
        QVERIFY(driftRow >= 0 && okRow >= 0);
        const QModelIndex status = model->index(driftRow, models::CertificateTableModel::Status);
        QVERIFY2(status.data(Qt::ToolTipRole).toString().contains(driftText),
                 qPrintable(status.data(Qt::ToolTipRole).toString()));
        QVERIFY(status.data(Qt::DisplayRole).toString().contains(QStringLiteral("drift")));
        QVERIFY(model->index(driftRow, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model->index(okRow, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(model->index(okRow, models::CertificateTableModel::Status).data(Qt::ToolTipRole).toString().isEmpty());

        // Badge: follows new notifications; Mark All Seen clears it.
        ui::ViewActions* view = window.viewActions();
        QVERIFY(view);
        ui::NotificationBadge* badge = view->badge();
        QVERIFY(badge);
        QTRY_COMPARE_WITH_TIMEOUT(badge->unseenCount(), 0, 10000);
        QVERIFY(notifier.notify(
            {QStringLiteral("drift.found"), drifted.id, QStringLiteral("Drift on drift.example.test"), driftText, {}}));
        QTRY_COMPARE_WITH_TIMEOUT(badge->unseenCount(), 1, 10000);
        QVERIFY2(badge->text().contains(QStringLiteral("(1)")), qPrintable(badge->text()));
        QVERIFY(notifier.notify({QStringLiteral("job.failed"),
                                 drifted.id,
                                 QStringLiteral("Deploy failed"),
                                 QStringLiteral("nginx -t failed"),
                                 {}}));
        QTRY_COMPARE_WITH_TIMEOUT(badge->unseenCount(), 2, 10000);
        badge->markAllSeen();
        QTRY_COMPARE_WITH_TIMEOUT(badge->unseenCount(), 0, 10000);
        QVERIFY(!badge->text().contains(QLatin1Char('(')));

        // Audit Trail…: View menu, Ctrl+Shift+A; shows the events, filters by text and by certificate.
        QAction* auditAction = view->auditTrailAction();
        QCOMPARE(auditAction->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+A")));
        auditAction->trigger();
        ui::AuditTrailDialog* dialog = view->auditDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        models::AuditTableModel* events = dialog->model();
        QTRY_COMPARE_WITH_TIMEOUT(events->rowCount(), 3, 10000);
        // Newest first.
        QCOMPARE(events->index(0, models::AuditTableModel::Action).data().toString(), QStringLiteral("cert.renew"));

        dialog->filterEdit()->setText(QStringLiteral("HYPERLINK"));
        QTRY_COMPARE_WITH_TIMEOUT(events->rowCount(), 1, 10000);
        QCOMPARE(events->index(0, models::AuditTableModel::Action).data().toString(), QStringLiteral("cert.deploy"));
        dialog->filterEdit()->clear();
        dialog->certificateEdit()->setText(QString::number(drifted.id));
        QTRY_COMPARE_WITH_TIMEOUT(events->rowCount(), 2, 10000);
        dialog->filterEdit()->setText(QStringLiteral("scheduler"));
        QTRY_COMPARE_WITH_TIMEOUT(events->rowCount(), 1, 10000);

        // Export of what is shown.
        const QString path = fixture.dir() + QStringLiteral("/audit.csv");
        QString error;
        QVERIFY2(dialog->exportTo(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        QCOMPARE(csv.count("\r\n"), 2);
        QVERIFY(csv.contains("scheduler,") && csv.contains("cert.renew"));
    }
};

QTEST_MAIN(TestAuditAndNotifications)
#include "TestAuditAndNotifications.moc"
