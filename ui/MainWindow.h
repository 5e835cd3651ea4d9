#pragma once

#include "engine/ca/LocalCaAdmin.h"
#include "engine/domain/Job.h"
#include "ui/UiServices.h"

#include <QMainWindow>
#include <QPointer>
#include <QSet>

class QAction;
class QLabel;
class QTimer;

namespace certdeck::ui {

class ActivityIndicator;
class CaActions;
class CertificateDetailsPane;
class DashboardWidget;
class LifecycleActions;
class ProvisioningWizard;
class ViewActions;

// The console: the certificate dashboard, the details of the selected certificate and the lifecycle
// actions. Every engine call is asynchronous with this window as context; nothing blocks the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const UiServices& services, QWidget* parent = nullptr);
    ~MainWindow() override;

    DashboardWidget* dashboard() const { return m_dashboard; }
    CertificateDetailsPane* detailsPane() const { return m_details; }
    ActivityIndicator* activity() const { return m_activity; }
    QString statusText() const;
    ProvisioningWizard* openWizard() const; // null when none is open

    QAction* importAction() const { return m_import; }
    QAction* createCaAction() const { return m_createCa; }
    QAction* provisionAction() const { return m_provision; }
    QAction* newCertificateAction() const { return m_newCertificate; }
    QAction* issueAction() const;                                             // the lifecycle actions' Order
    QAction* deployAction() const;                                            // the lifecycle actions' Deploy
    LifecycleActions* lifecycleActions() const { return m_lifecycleActions; } // the spec's actions [1]-[8]
    QAction* refreshAction() const { return m_refresh; }
    QAction* addAcmeConnectorAction() const;
    QAction* acmeConnectorsAction() const;
    ViewActions* viewActions() const { return m_viewActions; } // View menu, notification badge, tray

public Q_SLOTS:
    void refresh();
    // The steps behind the actions, without their dialogs (the actions ask, then call these).
    void importCertificateFile(const QString& path, const QByteArray& pkcs12Password = {});
    void createLocalCa(const ca::LocalCaSpec& spec);
    void openProvisioningWizard(qint64 certificateId); // 0: a new certificate
    void runAction(certdeck::JobAction action, qint64 certificateId);

Q_SIGNALS:
    void refreshed(); // the dashboard shows the inventory as loaded
    void errorShown(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void updateActions();
    void showCurrentDetails();
    void loadJobs(qint64 certificateId);
    void loadInventoryPaged(int token, quint64 generation);
    void reloadCertificate(qint64 certificateId);
    void reloadChangedCertificates(); // every certificate a job changed since the last reload
    void onJobChanged(const certdeck::Job& job);
    void chooseAndImport();
    void chooseAndCreateCa();
    void showError(const QString& title, const QString& message);
    void showStatus(const QString& message);
    void readSettings();
    void writeSettings() const;

    UiServices m_services;
    DashboardWidget* m_dashboard = nullptr;
    CertificateDetailsPane* m_details = nullptr;
    ActivityIndicator* m_activity = nullptr;
    QLabel* m_statusLabel = nullptr; // the last message (what happened, or what failed)
    QLabel* m_countLabel = nullptr;  // how many certificates the inventory holds
    CaActions* m_caActions = nullptr;
    QPointer<ProvisioningWizard> m_wizard;
    qint64 m_selectAfterRefresh = 0;
    quint64 m_refreshGeneration = 0; // the latest refresh(); older answers are dropped
    QTimer* m_reloadTimer = nullptr; // coalesces certificateChanged
    QSet<qint64> m_changedCertificates;

    QAction* m_import = nullptr;
    QAction* m_createCa = nullptr;
    QAction* m_provision = nullptr;
    QAction* m_newCertificate = nullptr;
    LifecycleActions* m_lifecycleActions = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_about = nullptr;
    ViewActions* m_viewActions = nullptr;
};

} // namespace certdeck::ui
