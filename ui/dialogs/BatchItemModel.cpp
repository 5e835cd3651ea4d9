#include "ui/dialogs/BatchItemModel.h"

#include "engine/jobs/BatchRun.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace certdeck::ui {

using jobs::BatchItem;
using jobs::BatchItemState;

BatchItemModel::BatchItemModel(jobs::BatchRun* run, QObject* parent)
    : QAbstractTableModel(parent)
    , m_run(run)
{
    connect(m_run, &jobs::BatchRun::itemsChanged, this, &BatchItemModel::onItemsChanged);
}

int BatchItemModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_run->count();
}

int BatchItemModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchItemModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_run->count()) {
        return {};
    }
    const BatchItem& item = m_run->item(index.row());
    if (role == ProgressRole) {
        return item.progress;
    }
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        switch (item.state) {
        case BatchItemState::Failed:
            return QBrush(QColor(0xb0, 0x1c, 0x1c));
        case BatchItemState::Succeeded:
            return QBrush(QColor(0x1b, 0x7a, 0x2f));
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == DetailColumn) {
        return item.message;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case CertificateColumn:
        return item.commonName;
    case StatusColumn:
        return jobs::batchItemStateDisplayName(item.state);
    case ProgressColumn:
        return tr("%1%").arg(item.progress);
    case DetailColumn:
        if (item.state == BatchItemState::Running || item.state == BatchItemState::Checking) {
            const QString where = item.stage.isEmpty() ? item.step : tr("%1: %2").arg(item.stage, item.step);
            return item.waitingToRetry ? tr("%1 (%2)").arg(where, item.message) : where;
        }
        return item.message;
    case ExpiresColumn:
        return item.notAfter.isValid() ? QLocale().toString(item.notAfter.toLocalTime(), QLocale::ShortFormat)
                                       : QString();
    case FingerprintColumn:
        return item.fingerprintSha256.left(16);
    default:
        return {};
    }
}

QVariant BatchItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case CertificateColumn:
        return tr("Certificate");
    case StatusColumn:
        return tr("Status");
    case ProgressColumn:
        return tr("Progress");
    case DetailColumn:
        return tr("Step / Result");
    case ExpiresColumn:
        return tr("Expires");
    case FingerprintColumn:
        return tr("Fingerprint (SHA-256)");
    default:
        return {};
    }
}

void BatchItemModel::onItemsChanged(const QList<int>& rows)
{
    if (rows.isEmpty()) {
        return;
    }
    // One range: the view repaints only what is visible of it.
    const auto [low, high] = std::minmax_element(rows.cbegin(), rows.cend());
    Q_EMIT dataChanged(index(*low, 0), index(*high, ColumnCount - 1));
}

void BatchProgressDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = index.data(BatchItemModel::ProgressRole).toInt();
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    const QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

} // namespace certdeck::ui
