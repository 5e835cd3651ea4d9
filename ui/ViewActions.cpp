#include "ui/ViewActions.h"

#include "engine/monitoring/DriftMonitor.h"
#include "engine/notify/Notifier.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "ui/dialogs/AuditTrailDialog.h"
#include "ui/widgets/NotificationBadge.h"

#include <QAction>
#include <QApplication>
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
