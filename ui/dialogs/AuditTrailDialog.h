#pragma once

#include "engine/store/AuditRepository.h"

#include <QDialog>

#include <memory>

class QDateTimeEdit;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace certdeck::store {
class Database;
}
namespace certdeck::models {
class AuditTableModel;
}

namespace certdeck::ui {

// View > Audit Trail…: the audit trail as a table, filtered by text, certificate and time range, exported to
// CSV or JSON lines. Loads off the GUI thread.
class AuditTrailDialog : public QDialog
{
    Q_OBJECT

public:
    AuditTrailDialog(std::shared_ptr<store::Database> db, QWidget* parent = nullptr);

    models::AuditTableModel* model() const { return m_model; }
    QLineEdit* filterEdit() const { return m_filter; }
    QLineEdit* certificateEdit() const { return m_certificate; }
    store::AuditQuery currentQuery() const;

    void reload();
    // Writes what the table shows (format from the suffix: .json/.jsonl -> JSON lines, else CSV).
    bool exportTo(const QString& path, QString* error = nullptr);

Q_SIGNALS:
    void loaded(int count);

private:
    void chooseAndExport();

    std::shared_ptr<store::Database> m_db;
    models::AuditTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QLineEdit* m_certificate = nullptr;
    QCheckBox* m_useSince = nullptr;
    QDateTimeEdit* m_since = nullptr;
    QCheckBox* m_useUntil = nullptr;
    QDateTimeEdit* m_until = nullptr;
    QLabel* m_status = nullptr;
    int m_generation = 0;
};

} // namespace certdeck::ui
