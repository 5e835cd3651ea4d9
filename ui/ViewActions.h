#pragma once

#include "engine/core/Result.h"
#include "engine/store/NotificationRepository.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QSystemTrayIcon;
class QToolBar;

namespace certdeck::store {
class Database;
}
namespace certdeck::notify {
class Notifier;
}
namespace certdeck::monitoring {
class DriftMonitor;
}

namespace certdeck::ui {

class AuditTrailDialog;
class DashboardWidget;
class ExpiryChart;
class NotificationBadge;

// The console's View menu (Audit Trail…, Keep Running in the Tray), its notification badge, the tray icon
// (Show / Quit) and desktop notifications for new notifications.
class ViewActions : public QObject
{
    Q_OBJECT

public:
    ViewActions(QMainWindow* window, std::shared_ptr<store::Database> db, notify::Notifier* notifier);

    // Adds the View menu before `before` (null: at the end) and the badge to the tool bar.
    void install(QMenu* before, QToolBar* toolBar);
    // The dashboard's extras: File > Export View as CSV… (inserted before `beforeInFile`), View > Expiry Overview
    // (a dock with the expiry chart, kept up to date with the inventory) and the bot names of its bot filter.
    // Call after install() and before the window restores its state (the dock is part of it).
    void installDashboard(DashboardWidget* dashboard, QMenu* fileMenu, QAction* beforeInFile);
    // Writes the dashboard's current view (rows, visible columns, order) as CSV off the GUI thread; the result
    // arrives as viewExported() and in the status bar.
    void exportViewTo(const QString& path);

    QAction* auditTrailAction() const { return m_auditTrail; }
    QAction* keepInTrayAction() const { return m_keepInTray; }
    QAction* recheckAllAction() const { return m_recheckAll; }
    QAction* exportViewAction() const { return m_exportView; }
    QAction* expiryOverviewAction() const; // null before installDashboard()
    QDockWidget* expiryDock() const { return m_expiryDock; }
    ExpiryChart* expiryChart() const { return m_expiryChart; }
    NotificationBadge* badge() const { return m_badge; }
    AuditTrailDialog* auditDialog() const; // null until opened
    QSystemTrayIcon* trayIcon() const { return m_tray; }

    // True when closing the window should only hide it (tray mode, tray available, not quitting).
    bool hideOnClose() const;
    // Quit for real (File > Quit, tray > Quit): closes the window even in tray mode.
    void quit();

    static QString keepInTraySettingsKey() { return QStringLiteral("ui/keepRunningInTray"); }

Q_SIGNALS:
    void statusMessage(const QString& message);
    void inventoryChanged(); // probe results were stored: reload the dashboard
    void viewExported(const QString& path, bool ok, const QString& message); // message: empty when ok

private:
    void openAuditTrail();
    void recheckAll();
    void onNotified(const certdeck::Notification& notification);
    void chooseAndExportView();
    void loadBotNames();

    QMainWindow* m_window;
    std::shared_ptr<store::Database> m_db;
    notify::Notifier* m_notifier;
    QAction* m_auditTrail = nullptr;
    QAction* m_keepInTray = nullptr;
    QAction* m_recheckAll = nullptr;
    monitoring::DriftMonitor* m_driftMonitor = nullptr;
    NotificationBadge* m_badge = nullptr;
    QPointer<AuditTrailDialog> m_auditDialog;
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_exportView = nullptr;
    DashboardWidget* m_dashboard = nullptr;
    QDockWidget* m_expiryDock = nullptr;
    ExpiryChart* m_expiryChart = nullptr;
    bool m_quitting = false;
};

} // namespace certdeck::ui
