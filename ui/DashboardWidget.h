#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QCheckBox;
class QTableView;

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

    qint64 currentCertificateId() const; // 0 when nothing is selected
    const CertificateRecord* currentRecord() const;
    void selectCertificate(qint64 certificateId);

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray& state);

Q_SIGNALS:
    void currentCertificateChanged(qint64 certificateId);
    void activated(qint64 certificateId); // double click / Enter

private:
    void applyExpiryFilter();

    models::CertificateTableModel* m_model = nullptr;
    models::CertificateFilterProxy* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QCheckBox* m_expiring = nullptr;
    QSpinBox* m_expiringDays = nullptr;
    QTableView* m_view = nullptr;
    qint64 m_lastEmitted = -1;
};

} // namespace certdeck::ui
