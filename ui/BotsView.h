#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Bot.h"

#include <QList>
#include <QSet>
#include <QWidget>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QMainWindow;
class QMenu;
class QProgressBar;
class QStandardItemModel;
class QTableView;
class QTreeWidget;

namespace certdeck::bots {
class BotService;
}

namespace certdeck::ui {

// The Bots view: the registered bots and agentless targets (name, role, transport, host:port, user, version,
// state, last scan, running servers), the selected entry's detected servers (running, or installed only and
// greyed: not a target) and their TLS endpoints, and the actions Add SSH Bot…, Add Agentless Target…,
// Install / Upgrade, Re-scan, Test Connection and Remove… — all through bots::BotService, asynchronously, with
// progress in the view and errors shown in it (non-modal). SSH host keys are confirmed in a HostKeyDialog before
// they are pinned; a changed key is never trusted with one click.
class BotsView : public QWidget
{
    Q_OBJECT
public:
    explicit BotsView(bots::BotService* service, QWidget* parent = nullptr);

    // View > Bots (Ctrl+Shift+B): a dock with this view, tabbed with the window's bottom docks. Call before the
    // window restores its state. service null: the view says bot management is unavailable.
    static BotsView* install(QMainWindow* window, bots::BotService* service, QMenu* viewMenu);

    QTableView* table() const { return m_table; }
    QTreeWidget* serverTree() const { return m_servers; }
    QTreeWidget* endpointTree() const { return m_endpoints; }
    QAction* addSshBotAction() const { return m_addSsh; }
    QAction* addAgentlessAction() const { return m_addAgentless; }
    QAction* installAction() const { return m_install; }
    QAction* rescanAction() const { return m_rescan; }
    QAction* testAction() const { return m_test; }
    QAction* removeAction() const { return m_remove; }
    const QList<Bot>& bots() const { return m_bots; }
    qint64 currentBotId() const;
    void selectBot(qint64 botId);
    QString errorText() const;    // the error shown in the view, empty when none
    QString activityText() const; // what is running, or the last outcome

public Q_SLOTS:
    void refresh();
    void addBot(certdeck::BotRole role); // opens the Add dialog
    void installSelected();
    void rescanSelected();
    void testSelected();
    void removeSelected(); // asks first, naming the entry

Q_SIGNALS:
    void statusMessage(const QString& message);
    void refreshed();
    void failed(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void populate();
    void showDetails();
    void showEndpoints();
    void updateActions();
    void showError(const QString& message);
    void setActivity(const QString& text, int percent = -1);
    void finishActivity(qint64 botId, const QString& text);
    // Runs `step` for the bot; when it fails because the host key is unconfirmed or changed, asks the operator
    // (HostKeyDialog), pins the key and runs it once more.
    void withHostKey(const Bot& bot, const QString& what, std::function<void(std::function<void(Status)>)> step,
                     bool retried = false);
    void confirmHostKey(const Bot& bot, bool changed, std::function<void(bool pinned)> done);
    const Bot* botById(qint64 botId) const;

    bots::BotService* m_service = nullptr;
    QList<Bot> m_bots;
    QSet<qint64> m_busy;
    qint64 m_selectAfterRefresh = 0;
    QStandardItemModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_servers = nullptr;
    QTreeWidget* m_endpoints = nullptr;
    QLabel* m_activity = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_error = nullptr;
    QAction* m_addSsh = nullptr;
    QAction* m_addAgentless = nullptr;
    QAction* m_install = nullptr;
    QAction* m_rescan = nullptr;
    QAction* m_test = nullptr;
    QAction* m_remove = nullptr;
    QAction* m_refresh = nullptr;
};

} // namespace certdeck::ui
