#include "ui/ViewActions.h"

#include "engine/core/Async.h"
#include "engine/monitoring/DriftMonitor.h"
#include "engine/notify/Notifier.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"
#include "models/ViewExport.h"
#include "ui/DashboardWidget.h"
#include "ui/dialogs/AuditTrailDialog.h"
#include "ui/widgets/ExpiryChart.h"
#include "ui/widgets/NotificationBadge.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QtConcurrent>

namespace certdeck::ui {

ViewActions::ViewActions(QMainWindow* window, std::shared_ptr<store::Database> db, notify::Notifier* notifier)
    : QObject(window)
    , m_window(window)
    , m_db(std::move(db))
    , m_notifier(notifier)
{
    m_auditTrail = new QAction(tr("&Audit Trail…"), this);
    m_auditTrail->setObjectName(QStringLiteral("actionAuditTrail"));
    m_auditTrail->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_auditTrail->setStatusTip(tr("Show, filter and export who did what to which certificate"));
    m_auditTrail->setEnabled(m_db != nullptr);
    connect(m_auditTrail, &QAction::triggered, this, &ViewActions::openAuditTrail);

    m_recheckAll = new QAction(tr("&Re-check All Endpoints"), this);
    m_recheckAll->setObjectName(QStringLiteral("actionRecheckAll"));
    m_recheckAll->setStatusTip(tr("Connect to every certificate's endpoint and compare what it serves (drift)"));
    m_recheckAll->setEnabled(m_db != nullptr);
    connect(m_recheckAll, &QAction::triggered, this, &ViewActions::recheckAll);

    m_keepInTray = new QAction(tr("&Keep Running in the Tray When the Window Is Closed"), this);
    m_keepInTray->setObjectName(QStringLiteral("actionKeepInTray"));
    m_keepInTray->setCheckable(true);
    m_keepInTray->setChecked(QSettings().value(keepInTraySettingsKey(), false).toBool());
    connect(m_keepInTray, &QAction::toggled, this, [](bool on) { QSettings().setValue(keepInTraySettingsKey(), on); });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(window->style()->standardIcon(QStyle::SP_DriveNetIcon), this);
        m_tray->setToolTip(tr("CertDeck"));
        auto* menu = new QMenu(window);
        QAction* show = menu->addAction(tr("&Show CertDeck"));
        connect(show, &QAction::triggered, this, [this]() {
            m_window->showNormal();
            m_window->raise();
            m_window->activateWindow();
        });
        QAction* quitAction = menu->addAction(tr("&Quit"));
        connect(quitAction, &QAction::triggered, this, &ViewActions::quit);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger) {
                m_window->setVisible(!m_window->isVisible());
            }
        });
        m_tray->show();
    } else {
        m_keepInTray->setEnabled(false);
        m_keepInTray->setToolTip(tr("No system tray is available on this desktop"));
    }
    if (m_notifier) {
        connect(m_notifier, &notify::Notifier::notified, this, &ViewActions::onNotified);
    }
}

void ViewActions::install(QMenu* before, QToolBar* toolBar)
{
    auto* view = new QMenu(tr("&View"), m_window);
    m_viewMenu = view;
    view->setObjectName(QStringLiteral("menuView"));
    view->addAction(m_auditTrail);
    view->addAction(m_recheckAll);
    view->addSeparator();
    view->addAction(m_keepInTray);
    if (before) {
        m_window->menuBar()->insertMenu(before->menuAction(), view);
    } else {
        m_window->menuBar()->addMenu(view);
    }
    if (m_db && toolBar) {
        m_badge = new NotificationBadge(m_db, m_notifier, toolBar);
        toolBar->addSeparator();
        toolBar->addWidget(m_badge);
    }
}

void ViewActions::installDashboard(DashboardWidget* dashboard, QMenu* fileMenu, QAction* beforeInFile)
{
    m_dashboard = dashboard;

    m_exportView = new QAction(tr("&Export View as CSV…"), this);
    m_exportView->setObjectName(QStringLiteral("actionExportView"));
    m_exportView->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_exportView->setStatusTip(tr("Save the rows and columns the dashboard shows now, in its order, as a CSV file"));
    connect(m_exportView, &QAction::triggered, this, &ViewActions::chooseAndExportView);
    if (fileMenu) {
        fileMenu->insertAction(beforeInFile, m_exportView);
        fileMenu->insertSeparator(beforeInFile);
    }

    m_expiryChart = new ExpiryChart;
    m_expiryDock = new QDockWidget(tr("Expiry Overview"), m_window);
    m_expiryDock->setObjectName(QStringLiteral("expiryDock"));
    m_expiryDock->setWidget(m_expiryChart);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_expiryDock);
    QAction* overview = m_expiryDock->toggleViewAction();
    overview->setObjectName(QStringLiteral("actionExpiryOverview"));
    overview->setText(tr("&Expiry Overview"));
    overview->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    overview->setStatusTip(tr("Show or hide the chart of certificates expiring per week, by status"));
    if (m_viewMenu) {
        m_viewMenu->insertAction(m_viewMenu->actions().value(0), overview);
    }

    const auto updateChart = [this] {
        m_expiryChart->setRecords(m_dashboard->model()->records(), m_dashboard->model()->now());
    };
    connect(dashboard, &DashboardWidget::inventoryUpdated, this, updateChart);
    connect(m_expiryChart, &ExpiryChart::weekClicked, this, [this](int week, int firstDay, int lastDay) {
        const QDate start = m_expiryChart->buckets().weekStart(week);
        m_dashboard->showDaysLeftRange(firstDay, lastDay,
                                       tr("Expiring %1 – %2")
                                           .arg(QLocale().toString(start, QLocale::ShortFormat),
                                                QLocale().toString(start.addDays(6), QLocale::ShortFormat)));
    });
    connect(dashboard->model(), &QAbstractItemModel::modelReset, this, &ViewActions::loadBotNames);
}

QAction* ViewActions::expiryOverviewAction() const
{
    return m_expiryDock ? m_expiryDock->toggleViewAction() : nullptr;
}

void ViewActions::loadBotNames()
{
    if (!m_db || !m_dashboard) {
        return;
    }
    const std::shared_ptr<store::Database> db = m_db;
    runInBackground<Result<QList<Bot>>>(
        this, [db] { return store::BotRepository(*db).all(); },
        [this](Result<QList<Bot>> bots) {
            if (!bots) {
                Q_EMIT statusMessage(tr("The bot names could not be loaded: %1").arg(bots.message()));
                return;
            }
            QHash<qint64, QString> names;
            for (const Bot& bot : *bots) {
                names.insert(bot.id, bot.name);
            }
            m_dashboard->setBotNames(names);
        });
}

void ViewActions::chooseAndExportView()
{
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export View as CSV"), tr("certificates.csv"),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty()) {
        exportViewTo(path);
    }
}

void ViewActions::exportViewTo(const QString& path)
{
    if (!m_dashboard) {
        return;
    }
    const models::ViewSnapshot snapshot = models::snapshotView(*m_dashboard->proxy(), m_dashboard->visibleColumns());
    const int rows = static_cast<int>(snapshot.rows.size());
    m_exportView->setEnabled(false);
    Q_EMIT statusMessage(tr("Exporting %n certificate(s)…", nullptr, rows));
    runInBackground<Status>(
        this, [snapshot, path] { return models::writeViewCsv(snapshot, path); },
        [this, path, rows](Status written) {
            m_exportView->setEnabled(true);
            Q_EMIT statusMessage(written ? tr("Exported %n certificate(s) to %1.", nullptr, rows).arg(path)
                                         : written.message());
            Q_EMIT viewExported(path, written.ok(), written ? QString() : written.message());
        });
}

AuditTrailDialog* ViewActions::auditDialog() const
{
    return m_auditDialog.data();
}

bool ViewActions::hideOnClose() const
{
    return !m_quitting && m_tray && m_tray->isVisible() && m_keepInTray->isChecked();
}

void ViewActions::quit()
{
    m_quitting = true;
    if (m_window->isVisible()) {
        m_window->close(); // the last window closes: the application ends
    } else {
        QApplication::quit(); // hidden in the tray: closing it would not end the application
    }
}

void ViewActions::openAuditTrail()
{
    if (!m_auditDialog) {
        m_auditDialog = new AuditTrailDialog(m_db, m_window);
        m_auditDialog->setAttribute(Qt::WA_DeleteOnClose);
    } else {
        m_auditDialog->reload();
    }
    m_auditDialog->show();
    m_auditDialog->raise();
    m_auditDialog->activateWindow();
}

void ViewActions::recheckAll()
{
    if (!m_driftMonitor) {
        m_driftMonitor = new monitoring::DriftMonitor(m_db, this);
        connect(m_driftMonitor, &monitoring::DriftMonitor::driftFound, this,
                [this](qint64 certificateId, const QString& drift) {
                    if (m_notifier) {
                        m_notifier->post({QStringLiteral("drift.found"),
                                          certificateId,
                                          tr("Drift on certificate #%1").arg(certificateId),
                                          drift,
                                          {}});
                    }
                });
        connect(
            m_driftMonitor, &monitoring::DriftMonitor::finished, this, [this](int checked, int drifted, int errors) {
                m_recheckAll->setEnabled(true);
                Q_EMIT statusMessage(
                    tr("Checked %1 endpoint(s): %2 with drift, %3 unreachable").arg(checked).arg(drifted).arg(errors));
                Q_EMIT inventoryChanged();
            });
    }
    m_recheckAll->setEnabled(false);
    Q_EMIT statusMessage(tr("Checking endpoints…"));
    const std::shared_ptr<store::Database> db = m_db;
    QPointer<ViewActions> self(this);
    QtConcurrent::run([db]() {
        return store::CertificateRepository(*db).all();
    }).then(this, [this, self](Result<QList<CertificateRecord>> records) {
        if (!self) {
            return;
        }
        if (!records) {
            m_recheckAll->setEnabled(true);
            Q_EMIT statusMessage(records.message());
            return;
        }
        QList<CertificateRecord> withEndpoint;
        for (const CertificateRecord& record : *records) {
            if (!record.host.isEmpty() && record.port > 0) {
                withEndpoint.append(record);
            }
        }
        m_driftMonitor->checkAll(withEndpoint);
    });
}

void ViewActions::onNotified(const Notification& notification)
{
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages()) {
        const auto icon =
            notification.kind == QLatin1String("drift.found") || notification.kind == QLatin1String("job.failed")
                ? QSystemTrayIcon::Warning
                : QSystemTrayIcon::Information;
        m_tray->showMessage(notification.title, notification.message, icon);
    }
}

} // namespace certdeck::ui
