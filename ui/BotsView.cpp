#include "ui/BotsView.h"

#include "ui/BotPolicyText.h"

#include "engine/bots/BotService.h"
#include "engine/discovery/DiscoveryTypes.h"
#include "ui/dialogs/AddBotDialog.h"
#include "ui/dialogs/HostKeyDialog.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

enum Column {
    NameColumn,
    RoleColumn,
    TransportColumn,
    HostColumn,
    UserColumn,
    VersionColumn,
    StateColumn,
    ScanColumn,
    RunningColumn,
    ColumnCount
};
constexpr int kBotIdRole = Qt::UserRole + 1;

QString timeText(const QDateTime& time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : BotsView::tr("never");
}

QString roleText(const Bot& bot)
{
    return bot.role == BotRole::AgentlessTarget ? BotsView::tr("Agentless target") : BotsView::tr("Bot");
}

QString hostText(const Bot& bot)
{
    if (bot.transport == BotTransportKind::Local) {
        return bot.host.isEmpty() ? QStringLiteral("localhost") : bot.host;
    }
    return QStringLiteral("%1:%2").arg(bot.host).arg(bot.port > 0 ? bot.port : 22);
}

QString describe(const Bot& bot)
{
    return bot.transport == BotTransportKind::Local ? BotsView::tr("this computer")
                                                    : QStringLiteral("%1@%2").arg(bot.user, hostText(bot));
}

// Connected / last error / host key not confirmed.
QString stateText(const Bot& bot)
{
    if (!bot.lastError.isEmpty()) {
        return BotsView::tr("Error: %1").arg(bot.lastError);
    }
    if (bot.transport == BotTransportKind::Ssh && bot.hostKeyFingerprint.isEmpty()) {
        return BotsView::tr("Host key not confirmed");
    }
    if (bot.lastSeen.isValid()) {
        return BotsView::tr("Connected (last contact %1)").arg(timeText(bot.lastSeen));
    }
    return BotsView::tr("Not contacted yet");
}

QStringList portsText(const QList<int>& ports)
{
    QStringList texts;
    for (int port : ports) {
        texts << QString::number(port);
    }
    return texts;
}

} // namespace

BotsView::BotsView(bots::BotService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_servers(new QTreeWidget(this))
    , m_endpoints(new QTreeWidget(this))
    , m_activity(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("botsView"));
    m_model->setHorizontalHeaderLabels({tr("Name"), tr("Role"), tr("Transport"), tr("Host"), tr("User"), tr("Version"),
                                        tr("State"), tr("Last scan"), tr("Running servers")});

    const auto make = [this](const char* name, const QString& text, const QString& tip) {
        auto* action = new QAction(text, this);
        action->setObjectName(QLatin1String(name));
        action->setStatusTip(tip);
        action->setToolTip(tip);
        return action;
    };
    m_addSsh = make("actionAddSshBot", tr("Add SSH &Bot…"),
                    tr("Register a host reached over SSH where certdeck-bot is installed and runs the scan"));
    m_addAgentless = make("actionAddAgentlessTarget", tr("Add &Agentless Target…"),
                          tr("Register an SSH host that a bot deploys to without installing anything there"));
    m_install = make("actionInstallBot", tr("&Install / Upgrade"),
                     tr("Copy certdeck-bot to the host (or upgrade it) and run the installation scan"));
    m_rescan = make("actionRescanBot", tr("Re-&scan"), tr("Run the bot's system scan again and store what it finds"));
    m_test = make("actionTestBot", tr("&Test Connection"), tr("Log in with the stored credentials and run `true`"));
    m_remove = make("actionRemoveBot", tr("&Remove…"),
                    tr("Remove the entry, its keychain secrets and endpoints (certificates stay)"));
    m_refresh = make("actionRefreshBots", tr("Re&fresh"), tr("Reload the bots from the inventory"));
    connect(m_addSsh, &QAction::triggered, this, [this] { addBot(BotRole::Bot); });
    connect(m_addAgentless, &QAction::triggered, this, [this] { addBot(BotRole::AgentlessTarget); });
    connect(m_install, &QAction::triggered, this, &BotsView::installSelected);
    connect(m_rescan, &QAction::triggered, this, &BotsView::rescanSelected);
    connect(m_test, &QAction::triggered, this, &BotsView::testSelected);
    connect(m_remove, &QAction::triggered, this, &BotsView::removeSelected);
    connect(m_refresh, &QAction::triggered, this, &BotsView::refresh);

    auto* toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("botsToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addActions({m_addSsh, m_addAgentless});
    toolBar->addSeparator();
    toolBar->addActions({m_install, m_rescan, m_test});
    toolBar->addSeparator();
    toolBar->addActions({m_remove, m_refresh});

    m_table->setObjectName(QStringLiteral("botsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->installEventFilter(this);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_install, m_rescan, m_test, m_remove});

    m_summary->setObjectName(QStringLiteral("botSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_servers->setObjectName(QStringLiteral("detectedServers"));
    m_servers->setRootIsDecorated(false);
    m_servers->setHeaderLabels(
        {tr("Server"), tr("State"), tr("Version"), tr("Binary"), tr("Configuration"), tr("Listening ports")});
    m_endpoints->setObjectName(QStringLiteral("serverEndpoints"));
    m_endpoints->setRootIsDecorated(false);
    m_endpoints->setHeaderLabels({tr("Endpoint"), tr("Names"), tr("Certificate / keystore"), tr("Key"),
                                  tr("Suggested DCV path"), tr("Declared in")});

    m_activity->setObjectName(QStringLiteral("botActivity"));
    m_activity->setTextFormat(Qt::PlainText);
    m_activity->setWordWrap(true); // outcomes are sentences: they wrap instead of widening the window
    m_progress->setObjectName(QStringLiteral("botProgress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    m_error->setObjectName(QStringLiteral("botError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto* details = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_summary);
    auto* serversAndEndpoints = new QSplitter(Qt::Vertical, details);
    serversAndEndpoints->addWidget(m_servers);
    serversAndEndpoints->addWidget(m_endpoints);
    detailsLayout->addWidget(serversAndEndpoints, 1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("botsSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_activity, 1);
    statusRow->addWidget(m_progress);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(toolBar);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);
    layout->addLayout(statusRow);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showDetails();
        updateActions();
    });
    connect(m_table, &QTableView::activated, this, [this] {
        showDetails(); // Enter / double-click: into the details
        m_servers->setFocus();
        if (m_servers->topLevelItemCount() > 0 && !m_servers->currentItem()) {
            m_servers->setCurrentItem(m_servers->topLevelItem(0));
        }
    });
    connect(m_servers, &QTreeWidget::currentItemChanged, this, &BotsView::showEndpoints);
    if (m_service) {
        connect(m_service, &bots::BotService::botsChanged, this, &BotsView::refresh);
    } else {
        showError(tr("Bot management is not available in this console (no bot service)."));
    }
    updateActions();
}

BotsView* BotsView::install(QMainWindow* window, bots::BotService* service, QMenu* viewMenu)
{
    auto* dock = new QDockWidget(tr("Bots"), window);
    dock->setObjectName(QStringLiteral("botsDock"));
    auto* view = new BotsView(service, dock);
    dock->setWidget(view);
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    if (auto* expiry = window->findChild<QDockWidget*>(QStringLiteral("expiryDock"))) {
        window->tabifyDockWidget(expiry, dock);
    }
    dock->hide();
    QAction* toggle = dock->toggleViewAction();
    toggle->setObjectName(QStringLiteral("actionBotsView"));
    toggle->setText(tr("&Bots"));
    toggle->setShortcut(QKeySequence(tr("Ctrl+Shift+B")));
    toggle->setStatusTip(tr("Show or hide the bots, their detected servers and the actions to add, install, scan "
                            "and remove them"));
    if (viewMenu) {
        viewMenu->insertAction(viewMenu->actions().value(0), toggle);
    }
    // Shown from the menu or its shortcut: bring its tab to the front (it shares a tab group with Expiry Overview).
    connect(toggle, &QAction::triggered, dock, [dock](bool checked) {
        if (checked) {
            dock->raise();
        }
    });
    connect(dock, &QDockWidget::visibilityChanged, view, [view, dock](bool visible) {
        if (visible) {
            dock->raise();
            view->refresh();
        }
    });
    return view;
}

qint64 BotsView::currentBotId() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? m_model->index(index.row(), NameColumn).data(kBotIdRole).toLongLong() : 0;
}

const Bot* BotsView::botById(qint64 botId) const
{
    for (const Bot& bot : m_bots) {
        if (bot.id == botId) {
            return &bot;
        }
    }
    return nullptr;
}

void BotsView::selectBot(qint64 botId)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, NameColumn).data(kBotIdRole).toLongLong() == botId) {
            m_table->setCurrentIndex(m_model->index(row, NameColumn));
            return;
        }
    }
}

QString BotsView::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString BotsView::activityText() const
{
    return m_activity->text();
}

void BotsView::refresh()
{
    if (!m_service) {
        return;
    }
    m_service->list(this, [this](Result<QList<Bot>> listed) {
        if (!listed.ok()) {
            showError(tr("The bots could not be read from the inventory: %1").arg(listed.message()));
            return;
        }
        m_bots = listed.value();
        populate();
        Q_EMIT refreshed();
    });
}

void BotsView::populate()
{
    const qint64 keep = m_selectAfterRefresh != 0 ? m_selectAfterRefresh : currentBotId();
    m_selectAfterRefresh = 0;
    m_model->removeRows(0, m_model->rowCount());
    for (const Bot& bot : std::as_const(m_bots)) {
        const discovery::SystemScan scan = discovery::SystemScan::fromJson(bot.scan);
        const QString version = bot.botVersion.isEmpty()
                                    ? (bot.protocolVersion > 0 ? tr("protocol %1").arg(bot.protocolVersion) : QString())
                                    : bot.botVersion;
        QList<QStandardItem*> row;
        row << new QStandardItem(bot.name) << new QStandardItem(roleText(bot))
            << new QStandardItem(bot.transport == BotTransportKind::Local ? tr("Local") : tr("SSH"))
            << new QStandardItem(hostText(bot))
            << new QStandardItem(bot.transport == BotTransportKind::Local ? QString() : bot.user)
            << new QStandardItem(version) << new QStandardItem(stateText(bot))
            << new QStandardItem(bot.scan.isEmpty()
                                     ? tr("not scanned")
                                     : timeText(bot.scannedAt.isValid() ? bot.scannedAt : scan.scannedAt))
            << new QStandardItem(bot.scan.isEmpty() ? QString() : QString::number(scan.runningServers().size()));
        row.first()->setData(bot.id, kBotIdRole);
        row.at(StateColumn)->setToolTip(stateText(bot));
        if (!bot.lastError.isEmpty() || (bot.transport == BotTransportKind::Ssh && bot.hostKeyFingerprint.isEmpty())) {
            row.at(StateColumn)->setForeground(QColor(0xb0, 0x00, 0x20));
        }
        if (m_busy.contains(bot.id)) {
            row.at(StateColumn)->setText(tr("Working…"));
        }
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    if (keep != 0) {
        selectBot(keep);
    }
    if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0) {
        m_table->setCurrentIndex(m_model->index(0, NameColumn));
    }
    showDetails();
    updateActions();
}

void BotsView::showDetails()
{
    m_servers->clear();
    m_endpoints->clear();
    const Bot* bot = botById(currentBotId());
    if (!bot) {
        m_summary->setText(m_bots.isEmpty() ? tr("No bots yet: add one with Add SSH Bot… or Add Agentless Target….")
                                            : QString());
        return;
    }
    QStringList lines;
    lines << tr("%1 (%2, %3)").arg(bot->name, roleText(*bot), describe(*bot));
    if (bot->transport == BotTransportKind::Ssh) {
        lines << (bot->hostKeyFingerprint.isEmpty() ? tr("Host key: not confirmed yet")
                                                    : tr("Host key: %1").arg(bot->hostKeyFingerprint));
    }
    if (!bot->lastError.isEmpty()) {
        lines << tr("Last error: %1").arg(bot->lastError);
    }
    if (bot->scan.isEmpty()) {
        lines << (bot->role == BotRole::AgentlessTarget
                      ? tr("Not scanned: an agentless target has no bot of its own.")
                      : tr("Not scanned yet: Install / Upgrade runs the installation scan, Re-scan runs it again."));
        m_summary->setText(lines.join(QLatin1Char('\n')));
        return;
    }
    const discovery::SystemScan scan = discovery::SystemScan::fromJson(bot->scan);
    lines << tr("Host %1 (%2), %3; scanned %4")
                 .arg(scan.hostname, scan.addresses.join(QStringLiteral(", ")), scan.os,
                      timeText(bot->scannedAt.isValid() ? bot->scannedAt : scan.scannedAt));
    lines << tr("%n server(s) detected, %1 running", nullptr, static_cast<int>(scan.servers.size()))
                 .arg(scan.runningServers().size());
    for (const QString& warning : scan.warnings) {
        lines << tr("Warning: %1").arg(warning);
    }
    if (bot->role != BotRole::AgentlessTarget) {
        lines << botPolicyLines(scan.policy);
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));

    const QColor grey = palette().color(QPalette::Disabled, QPalette::Text);
    for (int i = 0; i < scan.servers.size(); ++i) {
        const discovery::DetectedServer& server = scan.servers.at(i);
        auto* item = new QTreeWidgetItem(m_servers);
        item->setText(0, server.serverType);
        item->setText(1, server.running ? tr("running") : tr("installed only — not a target: not running"));
        item->setText(2, server.version);
        item->setText(3, server.binary);
        item->setText(4, server.configRoot);
        item->setText(5, portsText(server.listeningPorts).join(QStringLiteral(", ")));
        item->setData(0, Qt::UserRole, i);
        item->setToolTip(0, server.evidence);
        item->setToolTip(1, server.running ? tr("Offered as a deployment target (Automatic deployment)")
                                           : tr("Installed but not running: never offered as a deployment target"));
        if (!server.running) {
            for (int column = 0; column < m_servers->columnCount(); ++column) {
                item->setForeground(column, grey);
            }
        }
    }
    for (int column = 0; column < m_servers->columnCount(); ++column) {
        m_servers->resizeColumnToContents(column);
    }
    if (m_servers->topLevelItemCount() > 0) {
        m_servers->setCurrentItem(m_servers->topLevelItem(0));
    }
}

void BotsView::showEndpoints()
{
    m_endpoints->clear();
    const Bot* bot = botById(currentBotId());
    QTreeWidgetItem* current = m_servers->currentItem();
    if (!bot || !current) {
        return;
    }
    const discovery::SystemScan scan = discovery::SystemScan::fromJson(bot->scan);
    const int index = current->data(0, Qt::UserRole).toInt();
    if (index < 0 || index >= scan.servers.size()) {
        return;
    }
    const discovery::DetectedServer& server = scan.servers.at(index);
    const QColor grey = palette().color(QPalette::Disabled, QPalette::Text);
    for (const discovery::ConfiguredEndpoint& endpoint : server.config.endpoints) {
        auto* item = new QTreeWidgetItem(m_endpoints);
        const QString address = endpoint.address.isEmpty() ? QStringLiteral("*") : endpoint.address;
        item->setText(0, QStringLiteral("%1:%2").arg(address).arg(endpoint.port));
        item->setText(1, endpoint.names.join(QStringLiteral(" ")));
        item->setText(2, endpoint.certificatePath.isEmpty()
                             ? (endpoint.keystorePath.isEmpty()
                                    ? QString()
                                    : tr("%1 (%2)").arg(endpoint.keystorePath, endpoint.keystoreType))
                             : endpoint.certificatePath);
        item->setText(3, endpoint.keyPath.isEmpty() && !endpoint.keyAlias.isEmpty()
                             ? tr("alias %1").arg(endpoint.keyAlias)
                             : endpoint.keyPath);
        item->setText(4, endpoint.dcvPath());
        item->setText(5, endpoint.source);
        if (!server.running) {
            for (int column = 0; column < m_endpoints->columnCount(); ++column) {
                item->setForeground(column, grey);
            }
        }
    }
    for (int column = 0; column < m_endpoints->columnCount(); ++column) {
        m_endpoints->resizeColumnToContents(column);
    }
}

void BotsView::updateActions()
{
    const Bot* bot = botById(currentBotId());
    const bool available = m_service != nullptr;
    const bool idle = bot && !m_busy.contains(bot->id);
    const bool ssh = bot && bot->transport == BotTransportKind::Ssh;
    const bool isBot = bot && bot->role == BotRole::Bot;
    m_addSsh->setEnabled(available);
    m_addAgentless->setEnabled(available);
    m_refresh->setEnabled(available);
    m_install->setEnabled(available && idle && ssh && isBot);
    m_rescan->setEnabled(available && idle && isBot);
    m_test->setEnabled(available && idle && ssh);
    m_remove->setEnabled(available && idle && bot->transport != BotTransportKind::Local);
    m_install->setText(bot && !bot->botVersion.isEmpty() ? tr("Up&grade") : tr("&Install / Upgrade"));
}

void BotsView::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        Q_EMIT failed(message);
        Q_EMIT statusMessage(message);
    }
}

void BotsView::setActivity(const QString& text, int percent)
{
    m_activity->setText(text);
    m_progress->setVisible(percent >= 0);
    if (percent >= 0) {
        m_progress->setValue(percent);
    }
    Q_EMIT statusMessage(text);
}

void BotsView::finishActivity(qint64 botId, const QString& text)
{
    m_busy.remove(botId);
    m_progress->hide();
    m_activity->setText(text);
    if (!text.isEmpty()) {
        Q_EMIT statusMessage(text);
    }
    m_selectAfterRefresh = currentBotId();
    refresh();
}

void BotsView::addBot(BotRole role)
{
    if (!m_service) {
        return;
    }
    auto* dialog = new AddBotDialog(role, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Result<bots::SshBotRequest> request = dialog->takeRequest();
        if (!request.ok()) {
            showError(request.message());
            return;
        }
        const QString name = request.value().name;
        showError(QString());
        setActivity(tr("Adding %1…").arg(name), 0);
        m_service->addSshBot(std::move(request.value()), this, [this, name](Result<Bot> added) {
            m_progress->hide();
            if (!added.ok()) {
                m_activity->setText(QString());
                showError(tr("%1 could not be added: %2").arg(name, added.message()));
                return;
            }
            const Bot bot = added.value();
            m_selectAfterRefresh = bot.id;
            setActivity(tr("%1 added. Confirm its host key to connect.").arg(bot.name));
            refresh();
            confirmHostKey(bot, false, [this, bot](bool pinned) {
                if (pinned) {
                    setActivity(bot.role == BotRole::Bot
                                    ? tr("%1: host key pinned. Install / Upgrade copies certdeck-bot there and runs "
                                         "the scan.")
                                          .arg(bot.name)
                                    : tr("%1: host key pinned. Test Connection checks the login.").arg(bot.name));
                }
            });
        });
    });
    dialog->open();
}

void BotsView::confirmHostKey(const Bot& bot, bool changed, std::function<void(bool pinned)> done)
{
    setActivity(tr("Reading the host key of %1…").arg(bot.name), 0);
    m_service->fetchHostKey(bot.id, this, [this, bot, changed, done](Result<bots::SshHostKey> key) {
        m_progress->hide();
        if (!key.ok()) {
            showError(tr("The host key of %1 could not be read: %2").arg(bot.name, key.message()));
            done(false);
            return;
        }
        const QString pinned = changed ? bot.hostKeyFingerprint : QString();
        if (changed && pinned == key.value().fingerprintSha256) {
            done(true); // pinned meanwhile
            return;
        }
        auto* dialog =
            new HostKeyDialog(bot.name, describe(bot), key.value().type, key.value().fingerprintSha256, pinned, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        const QString fingerprint = key.value().fingerprintSha256;
        connect(dialog, &QDialog::finished, this, [this, bot, fingerprint, done](int result) {
            if (result != QDialog::Accepted) {
                setActivity(
                    tr("%1: host key not trusted; nothing connects to it until it is confirmed.").arg(bot.name));
                done(false);
                return;
            }
            m_service->confirmHostKey(bot.id, fingerprint, this, [this, bot, done](Status status) {
                if (!status.ok()) {
                    showError(tr("The host key of %1 could not be pinned: %2").arg(bot.name, status.message()));
                    done(false);
                    return;
                }
                showError(QString());
                m_selectAfterRefresh = bot.id;
                refresh();
                done(true);
            });
        });
        dialog->open();
    });
}

void BotsView::withHostKey(const Bot& bot, const QString& what, std::function<void(std::function<void(Status)>)> step,
                           bool retried)
{
    m_busy.insert(bot.id);
    updateActions();
    showError(QString());
    step([this, bot, what, step, retried](Status status) {
        const QString kind = status.ok() ? QString() : status.error().kind;
        if (!retried && (kind == QLatin1String("hostKeyUnconfirmed") || kind == QLatin1String("hostKeyChanged"))) {
            m_busy.remove(bot.id);
            if (kind == QLatin1String("hostKeyChanged")) {
                showError(status.message());
            }
            confirmHostKey(bot, kind == QLatin1String("hostKeyChanged"), [this, bot, what, step](bool pinned) {
                if (pinned) {
                    withHostKey(bot, what, step, true);
                } else {
                    finishActivity(bot.id, QString());
                }
            });
            return;
        }
        if (!status.ok()) {
            showError(tr("%1 failed for %2: %3").arg(what, bot.name, status.message()));
            finishActivity(bot.id, QString());
            return;
        }
        finishActivity(bot.id, m_activity->text());
    });
}

void BotsView::installSelected()
{
    const Bot* selected = botById(currentBotId());
    if (!m_service || !selected) {
        return;
    }
    const Bot bot = *selected;
    setActivity(tr("Installing certdeck-bot on %1…").arg(bot.name), 0);
    withHostKey(bot, tr("Install / Upgrade"), [this, bot](std::function<void(Status)> finished) {
        m_service->install(
            bot.id, this,
            [this, bot, finished](Result<bots::InstallOutcome> outcome) {
                if (outcome.ok()) {
                    m_activity->setText(tr("%1: certdeck-bot %2 %3 (protocol %4); scan stored. %5")
                                            .arg(bot.name, outcome.value().version, outcome.value().action)
                                            .arg(outcome.value().protocolVersion)
                                            .arg(outcome.value().policy));
                    finished(Status());
                } else {
                    finished(outcome.error());
                }
            },
            [this, bot](int percent, const QString& step) { setActivity(tr("%1: %2").arg(bot.name, step), percent); });
    });
}

void BotsView::rescanSelected()
{
    const Bot* selected = botById(currentBotId());
    if (!m_service || !selected) {
        return;
    }
    const Bot bot = *selected;
    setActivity(tr("Scanning %1…").arg(bot.name), 0);
    withHostKey(bot, tr("Re-scan"), [this, bot](std::function<void(Status)> finished) {
        m_service->rescan(
            bot.id, this,
            [this, bot, finished](Result<discovery::SystemScan> scan) {
                if (scan.ok()) {
                    m_activity->setText(tr("%1 scanned: %n server(s) running.", nullptr,
                                           static_cast<int>(scan.value().runningServers().size()))
                                            .arg(bot.name));
                    finished(Status());
                } else {
                    finished(scan.error());
                }
            },
            [this, bot](int percent, const QString& step) { setActivity(tr("%1: %2").arg(bot.name, step), percent); });
    });
}

void BotsView::testSelected()
{
    const Bot* selected = botById(currentBotId());
    if (!m_service || !selected) {
        return;
    }
    const Bot bot = *selected;
    setActivity(tr("Testing the connection to %1…").arg(bot.name), 0);
    withHostKey(bot, tr("Test Connection"), [this, bot](std::function<void(Status)> finished) {
        m_service->testConnection(bot.id, this, [this, bot, finished](Status status) {
            if (status.ok()) {
                m_activity->setText(tr("%1: connection works (%2).").arg(bot.name, describe(bot)));
            }
            finished(status);
        });
    });
}

void BotsView::removeSelected()
{
    const Bot* selected = botById(currentBotId());
    if (!m_service || !selected || selected->transport == BotTransportKind::Local || m_busy.contains(selected->id)) {
        return;
    }
    const Bot bot = *selected;
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Remove %1").arg(bot.name),
        tr("Remove %1 \"%2\" (%3)?\n\nIts keychain secrets and discovered endpoints are "
           "removed; certificates stay in the inventory, no longer linked to it. Nothing is "
           "uninstalled from the host.")
            .arg(bot.role == BotRole::AgentlessTarget ? tr("agentless target") : tr("bot"), bot.name, describe(bot)),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeBotConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* remove = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmRemoveButton"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, bot, remove](QAbstractButton* clicked) {
        if (clicked != remove) {
            return;
        }
        m_busy.insert(bot.id);
        updateActions();
        setActivity(tr("Removing %1…").arg(bot.name), 0);
        m_service->remove(bot.id, this, [this, bot](Status status) {
            if (!status.ok()) {
                showError(tr("%1 could not be removed: %2").arg(bot.name, status.message()));
                finishActivity(bot.id, QString());
                return;
            }
            showError(QString());
            finishActivity(bot.id, tr("%1 removed.").arg(bot.name));
        });
    });
    box->open();
}

bool BotsView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            // The table's Delete removes the selected bot (confirmed), not the dashboard's certificate.
            event->accept();
            if (event->type() == QEvent::KeyPress) {
                removeSelected();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace certdeck::ui
