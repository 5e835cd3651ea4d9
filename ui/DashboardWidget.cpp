#include "ui/DashboardWidget.h"

#include "engine/core/Async.h"
#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"
#include "models/InventoryStatistics.h"
#include "ui/widgets/StatusSummary.h"

#include "engine/domain/ServerType.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QSet>
#include <QShortcut>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace certdeck::ui {

using models::CertificateTableModel;

namespace {

// Typing filters at once on small inventories; on large ones keystrokes are coalesced for this long.
constexpr int searchDebounceMs = 40;
constexpr int debounceAboveRows = 20000;
// The summary strip, the filter choices and the expiry chart follow changes at most this often.
constexpr int inventoryUpdateIntervalMs = 100;

// Esc in the search box clears it (and keeps the focus there).
class ClearOnEscape : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            if (auto* edit = qobject_cast<QLineEdit*>(watched); edit && !edit->text().isEmpty()) {
                edit->clear();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

// Refills `combo` with "any" first and `items` (text, data) after it, keeping the current choice when it is
// still offered, without emitting a change. Returns false when the current choice is no longer offered (the
// combo then shows "any" and the caller clears that filter).
bool refillCombo(QComboBox* combo, const QString& any, const QList<QPair<QString, QVariant>>& items)
{
    const QVariant current = combo->currentData();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(any, QVariant());
    for (const auto& item : items) {
        combo->addItem(item.first, item.second);
    }
    const int index = current.isValid() ? combo->findData(current) : 0;
    combo->setCurrentIndex(std::max(0, index));
    return index >= 0;
}

} // namespace

DashboardWidget::DashboardWidget(QWidget* parent)
    : QWidget(parent)
    , m_model(new CertificateTableModel(this))
    , m_proxy(new models::CertificateFilterProxy(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_expiring(new QCheckBox(tr("Expiring within"), this))
    , m_expiringDays(new QSpinBox(this))
    , m_issuer(new QComboBox(this))
    , m_serverType(new QComboBox(this))
    , m_bot(new QComboBox(this))
    , m_rangeFilter(new QToolButton(this))
    , m_summary(new StatusSummary(this))
    , m_searchTimer(new QTimer(this))
    , m_inventoryTimer(new QTimer(this))
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);

    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search common name, SANs, issuer or host (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    // The filter bar has many combo boxes: keep the search box wide enough to read what is typed.
    m_search->setMinimumWidth(m_search->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28);
    m_search->installEventFilter(new ClearOnEscape(m_search));
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchDebounceMs);
    m_inventoryTimer->setSingleShot(true);
    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setObjectName(QStringLiteral("findShortcut"));
    connect(find, &QShortcut::activated, this, &DashboardWidget::focusSearch);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("All statuses"), -1);
    for (auto status : {CertificateStatus::Discovered, CertificateStatus::Managed, CertificateStatus::Pending,
                        CertificateStatus::Issued, CertificateStatus::Deployed, CertificateStatus::Failed,
                        CertificateStatus::Revoked, CertificateStatus::Suspended}) {
        m_status->addItem(certificateStatusDisplayName(status), static_cast<int>(status));
    }
    m_expiring->setObjectName(QStringLiteral("expiringFilter"));
    m_expiringDays->setObjectName(QStringLiteral("expiringDays"));
    m_expiringDays->setRange(0, 3650);
    m_expiringDays->setValue(30);
    m_expiringDays->setSuffix(tr(" days"));
    m_expiringDays->setEnabled(false);
    m_issuer->setObjectName(QStringLiteral("issuerFilter"));
    m_issuer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_issuer->addItem(tr("All issuers"));
    m_serverType->setObjectName(QStringLiteral("serverTypeFilter"));
    m_serverType->addItem(tr("All server types"));
    m_bot->setObjectName(QStringLiteral("botFilter"));
    m_bot->addItem(tr("All bots"));
    m_rangeFilter->setObjectName(QStringLiteral("rangeFilter"));
    m_rangeFilter->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_rangeFilter->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_rangeFilter->setToolTip(tr("Click to remove this filter"));
    m_rangeFilter->hide();

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    auto* statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_status);
    filters->addWidget(statusLabel);
    filters->addWidget(m_status);
    filters->addWidget(m_expiring);
    filters->addWidget(m_expiringDays);
    auto* issuerLabel = new QLabel(tr("&Issuer:"), this);
    issuerLabel->setBuddy(m_issuer);
    filters->addWidget(issuerLabel);
    filters->addWidget(m_issuer);
    auto* serverTypeLabel = new QLabel(tr("Ser&ver:"), this);
    serverTypeLabel->setBuddy(m_serverType);
    filters->addWidget(serverTypeLabel);
    filters->addWidget(m_serverType);
    auto* botLabel = new QLabel(tr("&Bot:"), this);
    botLabel->setBuddy(m_bot);
    filters->addWidget(botLabel);
    filters->addWidget(m_bot);
    filters->addWidget(m_rangeFilter);

    m_view->setObjectName(QStringLiteral("certificateTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CertificateTableModel::DaysLeft, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // ResizeToContents on the vertical header costs seconds on large inventories: keep rows fixed.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->setColumnWidth(CertificateTableModel::CommonName, 200);
    m_view->setColumnWidth(CertificateTableModel::Sans, 220);
    m_view->setColumnWidth(CertificateTableModel::Issuer, 150);
    m_view->setColumnWidth(CertificateTableModel::Expires, 95);
    m_view->setColumnWidth(CertificateTableModel::DaysLeft, 75);
    m_view->setColumnWidth(CertificateTableModel::Status, 90);
    m_view->setColumnWidth(CertificateTableModel::ServerType, 100);
    // Right-click on the header: show or hide columns (remembered with the rest of the header state).
    QHeaderView* header = m_view->horizontalHeader();
    header->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (int column = 0; column < CertificateTableModel::ColumnCount; ++column) {
        auto* toggle = new QAction(CertificateTableModel::columnTitle(column), header);
        toggle->setObjectName(QStringLiteral("showColumn%1").arg(column));
        toggle->setCheckable(true);
        toggle->setChecked(true);
        connect(toggle, &QAction::toggled, this, [this, column](bool on) {
            if (!on && visibleColumns().size() <= 1) {
                return; // keep at least one column
            }
            m_view->horizontalHeader()->setSectionHidden(column, !on);
        });
        header->addAction(toggle);
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    m_selectionBar = new QHBoxLayout;
    m_selectionBar->addStretch(1);
    layout->addLayout(m_selectionBar);

    connect(m_search, &QLineEdit::textChanged, this, [this] {
        if (m_model->rowCount() > debounceAboveRows) {
            m_searchTimer->start();
        } else {
            applySearch();
        }
    });
    connect(m_searchTimer, &QTimer::timeout, this, &DashboardWidget::applySearch);
    connect(m_issuer, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setIssuerFilter(m_issuer->currentData().toString()); });
    connect(m_serverType, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setServerTypeFilter(m_serverType->currentData().toString()); });
    connect(m_bot, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant bot = m_bot->currentData();
        m_proxy->setBotFilter(bot.isValid() ? std::optional<qint64>(bot.toLongLong()) : std::nullopt);
    });
    connect(m_rangeFilter, &QToolButton::clicked, this, &DashboardWidget::clearRangeFilter);
    connect(m_summary, &StatusSummary::allClicked, this, &DashboardWidget::clearFilters);
    connect(m_summary, &StatusSummary::statusClicked, this, [this](CertificateStatus status) { showStatus(status); });
    connect(m_summary, &StatusSummary::expiringSoonClicked, this,
            [this] { showExpiringWithin(m_summary->soonDays()); });
    connect(m_summary, &StatusSummary::expiredClicked, this,
            [this] { showDaysLeftRange(std::nullopt, -1, tr("Expired")); });
    connect(m_summary, &StatusSummary::driftClicked, this, &DashboardWidget::showDriftOnly);
    connect(m_inventoryTimer, &QTimer::timeout, this, &DashboardWidget::updateInventoryFigures);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DashboardWidget::scheduleInventoryUpdate);
    // The search keys of a newly loaded inventory (or of the rest appended after its first page) are built off the
    // GUI thread (the first keystroke then finds them).
    connect(m_model, &QAbstractItemModel::modelReset, this, &DashboardWidget::buildSearchKeys);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int last) {
        if (last - first >= 1000) {
            buildSearchKeys();
        }
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DashboardWidget::scheduleInventoryUpdate);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DashboardWidget::scheduleInventoryUpdate);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DashboardWidget::scheduleInventoryUpdate);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const int value = m_status->currentData().toInt();
        m_proxy->setStatusFilter(value < 0 ? std::nullopt
                                           : std::optional<CertificateStatus>(static_cast<CertificateStatus>(value)));
    });
    connect(m_expiring, &QCheckBox::toggled, this, &DashboardWidget::applyExpiryFilter);
    connect(m_expiringDays, &QSpinBox::valueChanged, this, &DashboardWidget::applyExpiryFilter);

    const auto emitCurrent = [this] {
        const qint64 id = currentCertificateId();
        if (id != m_lastEmitted) {
            m_lastEmitted = id;
            Q_EMIT currentCertificateChanged(id);
        }
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, emitCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, emitCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT selectionChanged(selectedCertificateIds()); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, emitCurrent);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, emitCurrent);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT activated(index.data(CertificateTableModel::CertificateIdRole).toLongLong());
    });
}

void DashboardWidget::buildSearchKeys()
{
    const quint64 generation = m_model->generation();
    const QList<CertificateRecord> records = m_model->records();
    runInBackground<QList<QString>>(
        this, [records] { return CertificateTableModel::buildSearchKeys(records); },
        [this, generation](QList<QString> keys) { m_model->adoptSearchKeys(std::move(keys), generation); });
}

void DashboardWidget::applyExpiryFilter()
{
    m_expiringDays->setEnabled(m_expiring->isChecked());
    if (m_expiring->isChecked()) {
        m_rangeFilter->hide(); // "expiring within" replaces an expired / chart-week window
    }
    if (m_expiring->isChecked() || !m_rangeFilter->isVisible()) {
        m_proxy->setExpiringWithinDays(m_expiring->isChecked() ? m_expiringDays->value() : -1);
    }
}

void DashboardWidget::applySearch()
{
    m_searchTimer->stop();
    m_proxy->setSearchText(m_search->text());
}

void DashboardWidget::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void DashboardWidget::clearFilters()
{
    m_search->clear();
    applySearch();
    m_status->setCurrentIndex(0);
    m_expiring->setChecked(false);
    m_issuer->setCurrentIndex(0);
    m_serverType->setCurrentIndex(0);
    m_bot->setCurrentIndex(0);
    clearRangeFilter();
}

void DashboardWidget::clearRangeFilter()
{
    m_rangeFilter->hide();
    m_proxy->setDriftOnly(false);
    if (!m_expiring->isChecked()) {
        m_proxy->setDaysLeftRange(std::nullopt, std::nullopt);
    }
}

void DashboardWidget::showStatus(std::optional<CertificateStatus> status)
{
    const int index = status ? m_status->findData(static_cast<int>(*status)) : 0;
    m_status->setCurrentIndex(std::max(0, index));
}

void DashboardWidget::showExpiringWithin(int days)
{
    clearRangeFilter();
    m_expiringDays->setValue(days);
    m_expiring->setChecked(true);
    applyExpiryFilter();
}

void DashboardWidget::showDaysLeftRange(std::optional<int> minDays, std::optional<int> maxDays, const QString& label)
{
    {
        const QSignalBlocker blocker(m_expiring);
        m_expiring->setChecked(false);
        m_expiringDays->setEnabled(false);
    }
    m_proxy->setDriftOnly(false);
    m_proxy->setDaysLeftRange(minDays, maxDays);
    m_rangeFilter->setText(label);
    m_rangeFilter->show();
}

void DashboardWidget::showDriftOnly()
{
    clearRangeFilter();
    m_proxy->setDriftOnly(true);
    m_rangeFilter->setText(tr("With drift"));
    m_rangeFilter->show();
}

void DashboardWidget::setBotNames(const QHash<qint64, QString>& names)
{
    m_botNames = names;
    updateFilterChoices();
}

void DashboardWidget::scheduleInventoryUpdate()
{
    if (m_inventoryTimer->isActive()) {
        return; // already coming: one update for a burst of changes
    }
    // At most one update per interval while rows keep changing (a batch over hundreds of certificates), and on large
    // inventories the first screen of rows paints before they are counted.
    const bool large = m_model->rowCount() > debounceAboveRows;
    const qint64 sinceLast = m_inventoryClock.isValid() ? m_inventoryClock.elapsed() : inventoryUpdateIntervalMs;
    m_inventoryTimer->start(large ? inventoryUpdateIntervalMs
                                  : static_cast<int>(std::max<qint64>(0, inventoryUpdateIntervalMs - sinceLast)));
}

void DashboardWidget::updateInventoryFigures()
{
    m_inventoryClock.start();
    const QList<CertificateRecord> records = m_model->records(); // shared, not copied
    const QDateTime now = m_model->now();
    const int soonDays = m_summary->soonDays();
    const auto compute = [records, now, soonDays] {
        return InventoryFigures{models::summarize(records, now, soonDays), models::filterChoices(records)};
    };
    if (records.size() <= debounceAboveRows) {
        applyInventoryFigures(compute());
        return;
    }
    // Large inventories: counted off the GUI thread; a newer count that finishes first wins.
    const quint64 request = ++m_figuresRequest;
    runInBackground<InventoryFigures>(this, compute, [this, request](InventoryFigures figures) {
        if (request == m_figuresRequest) {
            applyInventoryFigures(figures);
        }
    });
}

void DashboardWidget::applyInventoryFigures(const InventoryFigures& figures)
{
    m_choices = figures.choices;
    updateFilterChoices();
    m_summary->setSummary(figures.summary);
    Q_EMIT inventoryUpdated();
}

void DashboardWidget::updateFilterChoices()
{
    const QSet<QString>& serverTypes = m_choices.serverTypes;
    const QSet<qint64>& bots = m_choices.bots;
    QList<QPair<QString, QVariant>> issuerItems;
    for (const QString& issuer : std::as_const(m_choices.issuers)) {
        issuerItems.append({issuer, issuer});
    }
    if (!refillCombo(m_issuer, tr("All issuers"), issuerItems)) {
        m_proxy->setIssuerFilter({});
    }

    QMap<QString, QString> typeNames; // display name -> id
    for (const QString& id : std::as_const(serverTypes)) {
        ServerType type;
        if (id.isEmpty()) {
            continue;
        }
        typeNames.insert(serverTypeFromId(id, &type) ? serverTypeDisplayName(type) : id, id);
    }
    QList<QPair<QString, QVariant>> typeItems;
    for (auto it = typeNames.constBegin(); it != typeNames.constEnd(); ++it) {
        typeItems.append({it.key(), it.value()});
    }
    if (serverTypes.contains(QString())) {
        typeItems.append({tr("(not set)"), models::CertificateFilterProxy::noServerTypeId()});
    }
    if (!refillCombo(m_serverType, tr("All server types"), typeItems)) {
        m_proxy->setServerTypeFilter({});
    }

    QMap<QString, qint64> botNames; // name -> id
    for (qint64 id : std::as_const(bots)) {
        if (id != 0) {
            botNames.insert(m_botNames.value(id, tr("Bot #%1").arg(id)), id);
        }
    }
    QList<QPair<QString, QVariant>> botItems;
    for (auto it = botNames.constBegin(); it != botNames.constEnd(); ++it) {
        botItems.append({it.key(), it.value()});
    }
    if (bots.contains(0)) {
        botItems.append({tr("(no bot)"), qint64(0)});
    }
    if (!refillCombo(m_bot, tr("All bots"), botItems)) {
        m_proxy->setBotFilter(std::nullopt);
    }
}

QList<int> DashboardWidget::visibleColumns() const
{
    const QHeaderView* header = m_view->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical)) {
            columns.append(logical);
        }
    }
    return columns;
}

qint64 DashboardWidget::currentCertificateId() const
{
    const QItemSelectionModel* selection = m_view->selectionModel();
    const QModelIndex current = selection->currentIndex();
    if (current.isValid() && selection->isRowSelected(current.row(), current.parent())) {
        return current.data(CertificateTableModel::CertificateIdRole).toLongLong();
    }
    const QModelIndexList rows = selection->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(CertificateTableModel::CertificateIdRole).toLongLong();
}

QList<qint64> DashboardWidget::selectedCertificateIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex& row : rows) {
        ids.append(row.data(CertificateTableModel::CertificateIdRole).toLongLong());
    }
    return ids;
}

void DashboardWidget::addSelectionAction(QAction* action)
{
    auto* button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_selectionBar->addWidget(button);
}

const CertificateRecord* DashboardWidget::currentRecord() const
{
    const qint64 id = currentCertificateId();
    return id == 0 ? nullptr : m_model->recordAt(m_model->rowOf(id));
}

void DashboardWidget::selectCertificate(qint64 certificateId)
{
    const int sourceRow = m_model->rowOf(certificateId);
    if (sourceRow < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid()) {
        return; // filtered out
    }
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

QByteArray DashboardWidget::saveHeaderState() const
{
    return m_view->horizontalHeader()->saveState();
}

void DashboardWidget::restoreHeaderState(const QByteArray& state)
{
    if (!state.isEmpty() && m_view->horizontalHeader()->restoreState(state)) {
        // restoreState() moves the sort indicator without sorting the rows.
        m_view->sortByColumn(m_view->horizontalHeader()->sortIndicatorSection(),
                             m_view->horizontalHeader()->sortIndicatorOrder());
    }
    const auto toggles = m_view->horizontalHeader()->actions();
    for (int column = 0; column < toggles.size(); ++column) {
        const QSignalBlocker blocker(toggles[column]);
        toggles[column]->setChecked(!m_view->horizontalHeader()->isSectionHidden(column));
    }
}

} // namespace certdeck::ui
