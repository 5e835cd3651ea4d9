#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace certdeck::jobs {
class BatchRun;
class LifecycleService;
struct BatchSummary;
} // namespace certdeck::jobs

namespace certdeck::ui {

class BatchItemModel;
class DashboardWidget;

// Batch Configure (spec "Batch Configure"): one lifecycle action over the selected certificates, in parallel with
// bounded concurrency, with per-certificate progress, Cancel, Retry Failed and a summary. Non-modal; the jobs run
// in the engine, so the console stays usable.
class BatchConfigureDialog : public QDialog
{
    Q_OBJECT
public:
    BatchConfigureDialog(jobs::LifecycleService* lifecycle, const QList<qint64>& certificateIds,
                         QWidget* parent = nullptr);
    ~BatchConfigureDialog() override;

    jobs::BatchRun* batch() const { return m_run; }

    // The "Batch Configure..." action (object name "actionBatchConfigure"): enabled while at least one certificate
    // is selected in `dashboard`, shown in the bar below its table and in `menu` (when given); it opens the dialog
    // for the selection.
    static QAction* install(QWidget* window, DashboardWidget* dashboard, QMenu* menu,
                            jobs::LifecycleService* lifecycle);

public Q_SLOTS:
    void start();
    void cancelBatch();
    void retryFailed();

protected:
    void closeEvent(QCloseEvent* event) override;
    void reject() override;

private:
    bool confirmClose();
    void updateControls();
    void showSummary(const jobs::BatchSummary& summary);
    void describeOperation();

    jobs::BatchRun* m_run = nullptr;
    BatchItemModel* m_model = nullptr;
    QComboBox* m_operation = nullptr;
    QSpinBox* m_concurrency = nullptr;
    QLabel* m_description = nullptr;
    QTableView* m_table = nullptr;
    QProgressBar* m_overall = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_retry = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace certdeck::ui
