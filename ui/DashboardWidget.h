#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QCheckBox;
class QTableView;
class QAction;
class QHBoxLayout;

namespace certdeck::models {
class CertificateTableModel;
class CertificateFilterProxy;
} // namespace certdeck::models

namespace certdeck::ui {

// The certificate inventory table with its search box, status combo and "expiring within" filter.
class DashboardWidget : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardWidget(QWidget* parent = nullptr);

    models::CertificateTableModel* model() const { return m_model; }
    models::CertificateFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }

    // The row with the keyboard focus among the selected ones (the details pane shows it); 0 when none.
    qint64 currentCertificateId() const;
    // Every selected row (extended selection: Shift/Ctrl-click, Ctrl+A), in view order.
    QList<qint64> selectedCertificateIds() const;
    const CertificateRecord* currentRecord() const;
    void selectCertificate(qint64 certificateId);

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray& state);

    // A button in the bar below the table (Bulk Configure, Batch Configure...). The owner of `action` enables it.
    void addSelectionAction(QAction* action);

Q_SIGNALS:
    void currentCertificateChanged(qint64 certificateId);
    void activated(qint64 certificateId); // double click / Enter
    void selectionChanged(const QList<qint64>& certificateIds);

private:
    void applyExpiryFilter();

    models::CertificateTableModel* m_model = nullptr;
    models::CertificateFilterProxy* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QCheckBox* m_expiring = nullptr;
    QSpinBox* m_expiringDays = nullptr;
    QTableView* m_view = nullptr;
    QHBoxLayout* m_selectionBar = nullptr;
    qint64 m_lastEmitted = -1;
};

} // namespace certdeck::ui
