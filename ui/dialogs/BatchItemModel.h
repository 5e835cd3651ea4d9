#pragma once

#include <QAbstractTableModel>
#include <QStyledItemDelegate>

namespace certdeck::jobs {
class BatchRun;
}

namespace certdeck::ui {

// The rows of a BatchRun for the Batch Configure table. It repaints on the run's coalesced itemsChanged (one
// dataChanged per interval, never one per job step).
class BatchItemModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        CertificateColumn,
        StatusColumn,
        ProgressColumn,
        DetailColumn,
        ExpiresColumn,
        FingerprintColumn,
        ColumnCount
    };
    static constexpr int ProgressRole = Qt::UserRole + 1; // 0-100

    explicit BatchItemModel(jobs::BatchRun* run, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onItemsChanged(const QList<int>& rows);

    jobs::BatchRun* m_run;
};

// Paints a progress bar from BatchItemModel::ProgressRole.
class BatchProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace certdeck::ui
