#include "ui/DashboardWidget.h"

#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace certdeck::ui {

using models::CertificateTableModel;

DashboardWidget::DashboardWidget(QWidget* parent)
    : QWidget(parent)
    , m_model(new CertificateTableModel(this))
    , m_proxy(new models::CertificateFilterProxy(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_expiring(new QCheckBox(tr("Expiring within"), this))
    , m_expiringDays(new QSpinBox(this))
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);

    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search common name, SANs, issuer or host"));
    m_search->setClearButtonEnabled(true);
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

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    auto* statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_status);
    filters->addWidget(statusLabel);
    filters->addWidget(m_status);
    filters->addWidget(m_expiring);
    filters->addWidget(m_expiringDays);

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

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    m_selectionBar = new QHBoxLayout;
    m_selectionBar->addStretch(1);
    layout->addLayout(m_selectionBar);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &models::CertificateFilterProxy::setSearchText);
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

void DashboardWidget::applyExpiryFilter()
{
    m_expiringDays->setEnabled(m_expiring->isChecked());
    m_proxy->setExpiringWithinDays(m_expiring->isChecked() ? m_expiringDays->value() : -1);
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
    if (!state.isEmpty()) {
        m_view->horizontalHeader()->restoreState(state);
    }
}

} // namespace certdeck::ui
