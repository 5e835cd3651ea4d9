#pragma once

#include "engine/domain/ActionAvailability.h"
#include "engine/domain/CertificateRecord.h"
#include "engine/domain/Job.h"
#include "ui/UiServices.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>

class QAction;
class QMenu;
class QPoint;
class QToolButton;
class QWidget;

namespace certdeck::ui {

class DashboardWidget;

// The dashboard's per-certificate "Select Action" menu (the spec's lifecycle actions [1]-[8]): one QAction per entry
// of dashboardActions(), enabled from actionState() for the current certificate. What the record alone does not tell
// (is it configured, is a job running, can its CA suspend) is loaded asynchronously and cached per certificate.
// Destructive actions ask first; every action runs as a job through LifecycleService and reports its result.
class LifecycleActions : public QObject
{
    Q_OBJECT
public:
    LifecycleActions(const UiServices& services, DashboardWidget* dashboard, QWidget* window);
    ~LifecycleActions() override;

    const QList<QAction*>& actions() const { return m_actionList; }
    QAction* action(JobAction action) const { return m_actions.value(action); }
    QMenu* menu() const { return m_menu; } // the "Action" menu (toolbar button and the table's context menu)
    QToolButton* createToolButton(QWidget* parent) const; // "Action" drop-down for a toolbar

    // What decides the current certificate's actions besides its record; `known` is false while it is loading.
    ActionContext contextFor(qint64 certificateId, bool* known = nullptr) const;

public Q_SLOTS:
    // The action as the operator triggers it: asks first when it is destructive, then runs.
    void trigger(certdeck::JobAction action, qint64 certificateId);
    // Runs without asking (the confirmation was given, or there is nothing to confirm).
    void run(certdeck::JobAction action, qint64 certificateId, const QJsonObject& params = {});
    // Re-reads what the actions depend on (configuration, running jobs) for this certificate.
    void refreshContext(qint64 certificateId);
    void updateActions();

Q_SIGNALS:
    void statusMessage(const QString& message);
    void failed(const QString& message);       // also shown in a non-modal message box
    void finished(const certdeck::Job& job);   // the job reached its final state (any state)
    void contextChanged(qint64 certificateId); // the cached context of this certificate was (re)loaded
    void started(certdeck::JobAction action, qint64 certificateId);

private:
    struct Entry
    {
        int configGeneration = 0; // answers of older loads are dropped
        int jobsGeneration = 0;
        bool configKnown = false;
        bool jobsKnown = false;
        bool configured = false;
        bool jobRunning = false;
        QString caType; // configured CA, for the suspension capability
        QString caConnectorName;
    };

    void createActions();
    void onCurrentChanged(qint64 certificateId);
    void onJobChanged(const certdeck::Job& job);
    void showContextMenu(const QPoint& position);
    void confirmDelete(qint64 certificateId, const QString& name);
    void confirmRevoke(qint64 certificateId, const QString& name);
    void confirmOther(JobAction action, qint64 certificateId, const QString& name);
    void showFailure(const QString& title, const QString& message);
    bool caCanSuspend(const CertificateRecord& record, const Entry& entry) const;
    QString nameOf(qint64 certificateId) const;

    UiServices m_services;
    DashboardWidget* m_dashboard = nullptr;
    QWidget* m_window = nullptr;
    QMenu* m_menu = nullptr;
    QMap<JobAction, QAction*> m_actions;
    QList<QAction*> m_actionList;
    QHash<qint64, Entry> m_cache;
};

} // namespace certdeck::ui
