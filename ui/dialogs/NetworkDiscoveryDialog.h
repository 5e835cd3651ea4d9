#pragma once

#include "engine/discovery/TlsScanner.h"

#include <QDialog>

#include <atomic>
#include <functional>
#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace certdeck::store {
class Database;
}

namespace certdeck::ui {

// "Discover Network": TLS handshakes with address ranges x ports (x SNI names). The scan runs off the GUI thread
// with a progress bar and Cancel; the endpoints that served a certificate fill the table, and "Add to inventory"
// stores them (certificates as Discovered, one endpoint row each), also off the GUI thread.
class NetworkDiscoveryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NetworkDiscoveryDialog(std::shared_ptr<store::Database> db, QWidget* parent = nullptr);
    ~NetworkDiscoveryDialog() override;

    // "Discover Network..." for a menu: opens (or raises) the dialog as a child of `window`; `stored` runs after
    // endpoints were added to the inventory. Disabled without a database.
    static QAction* createAction(std::shared_ptr<store::Database> db, QWidget* window, std::function<void()> stored);

    bool isScanning() const { return m_cancel != nullptr; }
    const discovery::ScanSummary& lastSummary() const { return m_summary; }

public Q_SLOTS:
    void startScan();
    void cancelScan();
    void addToInventory();

Q_SIGNALS:
    void scanFinished();
    void stored(const QString& summary);

private:
    void finishScan(discovery::ScanSummary summary);
    void showResults();
    void updateButtons();
    void reject() override;

    std::shared_ptr<store::Database> m_db;
    QLineEdit* m_ranges = nullptr;
    QLineEdit* m_ports = nullptr;
    QLineEdit* m_serverNames = nullptr;
    QSpinBox* m_concurrency = nullptr;
    QSpinBox* m_timeout = nullptr;
    QLabel* m_message = nullptr;
    QProgressBar* m_progress = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_add = nullptr;
    QTimer* m_progressTimer = nullptr;

    struct Progress
    {
        std::atomic<quint64> done{0};
        std::atomic<quint64> total{0};
    };
    std::shared_ptr<std::atomic_bool> m_cancel; // set while a scan runs
    std::shared_ptr<Progress> m_progressState;
    discovery::ScanSummary m_summary;
    bool m_storing = false;
};

} // namespace certdeck::ui
