#pragma once

#include "engine/domain/CertificateRecord.h"
#include "models/InventoryStatistics.h"

#include <QElapsedTimer>
#include <QHash>
#include <QWidget>

#include <optional>

class QComboBox;
class QTimer;
class QToolButton;
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

class StatusSummary;

// The certificate inventory table with its filter bar (search box, status, "expiring within", issuer, server
// type, bot), the status summary strip above the table and the selection bar below it.
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

    // Filter bar (Ctrl+F focuses the search box, Esc in it clears it).
    StatusSummary* summary() const { return m_summary; }
    void focusSearch();
    void clearFilters();
    void showStatus(std::optional<CertificateStatus> status);
    void showExpiringWithin(int days);
    // A days-left window with its own label in the filter bar (expired, one week of the expiry chart).
    void showDaysLeftRange(std::optional<int> minDays, std::optional<int> maxDays, const QString& label);
    void showDriftOnly();
    // Names for the bot filter (bot id -> name); ids without a name show as "Bot #id".
    void setBotNames(const QHash<qint64, QString>& names);
    // The columns as shown: visual order, hidden ones left out (what "Export View as CSV" writes).
    QList<int> visibleColumns() const;

    // A button in the bar below the table (Bulk Configure, Batch Configure...). The owner of `action` enables it.
    void addSelectionAction(QAction* action);

Q_SIGNALS:
    void currentCertificateChanged(qint64 certificateId);
    void activated(qint64 certificateId); // double click / Enter
    void selectionChanged(const QList<qint64>& certificateIds);
    // The inventory shown changed (rows loaded, added, removed or updated); coalesced.
    void inventoryUpdated();

private:
    void applyExpiryFilter();
    void buildSearchKeys(); // off the GUI thread, adopted when the rows did not change meanwhile
    void applySearch();
    struct InventoryFigures
    {
        models::StatusSummary summary;
        models::FilterChoices choices;
    };
    void scheduleInventoryUpdate();
    void updateInventoryFigures();
    void applyInventoryFigures(const InventoryFigures& figures);
    void updateFilterChoices();
    void clearRangeFilter();

    models::CertificateTableModel* m_model = nullptr;
    models::CertificateFilterProxy* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QCheckBox* m_expiring = nullptr;
    QSpinBox* m_expiringDays = nullptr;
    QComboBox* m_issuer = nullptr;
    QComboBox* m_serverType = nullptr;
    QComboBox* m_bot = nullptr;
    QToolButton* m_rangeFilter = nullptr; // the active special filter (expired, a chart week, drift); click clears
    StatusSummary* m_summary = nullptr;
    QTimer* m_searchTimer = nullptr;    // debounces typing on large inventories
    QTimer* m_inventoryTimer = nullptr; // coalesces summary and filter-choice updates
    QElapsedTimer m_inventoryClock;     // since the last update
    quint64 m_figuresRequest = 0;       // the latest background count
    models::FilterChoices m_choices;    // of the last update
    QHash<qint64, QString> m_botNames;
    QTableView* m_view = nullptr;
    QHBoxLayout* m_selectionBar = nullptr;
    qint64 m_lastEmitted = -1;
};

} // namespace certdeck::ui
