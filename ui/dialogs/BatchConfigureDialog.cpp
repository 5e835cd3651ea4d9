#include "ui/dialogs/BatchConfigureDialog.h"

#include "engine/jobs/BatchRun.h"
#include "engine/jobs/LifecycleService.h"
#include "ui/DashboardWidget.h"
#include "ui/dialogs/BatchItemModel.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace certdeck::ui {

using jobs::BatchOperation;
using jobs::BatchRun;

BatchConfigureDialog::BatchConfigureDialog(jobs::LifecycleService* lifecycle, const QList<qint64>& certificateIds,
                                           QWidget* parent)
    : QDialog(parent)
    , m_run(new BatchRun(lifecycle, BatchOperation::Renew, certificateIds, this))
{
    setObjectName(QStringLiteral("batchConfigureDialog"));
    setWindowTitle(tr("Batch Configure: %n certificate(s)", nullptr, m_run->count()));
    setModal(false);
    setSizeGripEnabled(true);
    resize(960, 560);

    m_operation = new QComboBox(this);
    m_operation->setObjectName(QStringLiteral("batchOperation"));
    for (const BatchOperation operation : jobs::batchOperations()) {
        m_operation->addItem(jobs::batchOperationDisplayName(operation), int(operation));
    }
    m_operation->setCurrentIndex(m_operation->findData(int(BatchOperation::Renew)));
    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("batchConcurrency"));
    m_concurrency->setRange(1, BatchRun::kMaxConcurrency);
    m_concurrency->setValue(BatchRun::kDefaultConcurrency);
    m_concurrency->setToolTip(
        tr("How many certificates are processed at the same time (1-%1).").arg(BatchRun::kMaxConcurrency));
    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("batchDescription"));
    m_description->setWordWrap(true);
    m_start = new QPushButton(tr("&Start"), this);
    m_start->setObjectName(QStringLiteral("batchStart"));
    m_start->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Action:"), m_operation);
    form->addRow(tr("&Parallel jobs:"), m_concurrency);
    auto* top = new QHBoxLayout;
    top->addLayout(form);
    top->addWidget(m_description, 1);
    top->addWidget(m_start, 0, Qt::AlignTop);

    m_model = new BatchItemModel(m_run, this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("batchItems"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(BatchItemModel::ProgressColumn, new BatchProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(BatchItemModel::DetailColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(BatchItemModel::CertificateColumn, 200);
    m_table->setColumnWidth(BatchItemModel::StatusColumn, 90);
    m_table->setColumnWidth(BatchItemModel::ProgressColumn, 110);
    m_table->setColumnWidth(BatchItemModel::ExpiresColumn, 130);
    m_table->setColumnWidth(BatchItemModel::FingerprintColumn, 150);

    m_overall = new QProgressBar(this);
    m_overall->setObjectName(QStringLiteral("batchOverall"));
    m_overall->setRange(0, std::max(1, m_run->count()));
    m_overall->setValue(0);
    m_overall->setFormat(tr("%v of %m done"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("batchSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_cancel = new QPushButton(tr("&Cancel Batch"), this);
    m_cancel->setObjectName(QStringLiteral("batchCancel"));
    m_cancel->setToolTip(tr("Certificates not started yet are not processed; running jobs finish their current step "
                            "and are reported."));
    m_retry = new QPushButton(tr("&Retry Failed"), this);
    m_retry->setObjectName(QStringLiteral("batchRetry"));
    m_retry->setToolTip(tr("Runs the action again for the failed certificates only."));
    m_close = new QPushButton(tr("C&lose"), this);
    m_close->setObjectName(QStringLiteral("batchClose"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_overall);
    layout->addLayout(buttons);

    connect(m_operation, &QComboBox::currentIndexChanged, this, &BatchConfigureDialog::describeOperation);
    connect(m_start, &QPushButton::clicked, this, &BatchConfigureDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &BatchConfigureDialog::cancelBatch);
    connect(m_retry, &QPushButton::clicked, this, &BatchConfigureDialog::retryFailed);
    connect(m_close, &QPushButton::clicked, this, &BatchConfigureDialog::close);
    connect(m_run, &BatchRun::summaryChanged, this, &BatchConfigureDialog::showSummary);
    connect(m_run, &BatchRun::runningChanged, this, &BatchConfigureDialog::updateControls);
    connect(m_run, &BatchRun::finished, this, [this](const jobs::BatchSummary& summary) {
        showSummary(summary);
        updateControls();
    });

    describeOperation();
    m_summary->setText(tr("%n certificate(s) selected. Choose the action and press Start.", nullptr, m_run->count()));
    m_run->loadRecords();
    updateControls();
}

BatchConfigureDialog::~BatchConfigureDialog() = default;

QAction* BatchConfigureDialog::install(QWidget* window, DashboardWidget* dashboard, QMenu* menu,
                                       jobs::LifecycleService* lifecycle)
{
    auto* action = new QAction(tr("&Batch Configure..."), window);
    action->setObjectName(QStringLiteral("actionBatchConfigure"));
    action->setStatusTip(tr("Run one lifecycle action (enroll, order, deploy, renew, rotate, rekey) on all selected "
                            "certificates"));
    action->setEnabled(!dashboard->selectedCertificateIds().isEmpty());
    QObject::connect(dashboard, &DashboardWidget::selectionChanged, action,
                     [action](const QList<qint64>& ids) { action->setEnabled(!ids.isEmpty()); });
    QObject::connect(action, &QAction::triggered, window, [window, dashboard, lifecycle] {
        const QList<qint64> ids = dashboard->selectedCertificateIds();
        if (ids.isEmpty()) {
            return;
        }
        auto* dialog = new BatchConfigureDialog(lifecycle, ids, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    dashboard->addSelectionAction(action);
    if (menu) {
        menu->addAction(action);
    }
    return action;
}

void BatchConfigureDialog::describeOperation()
{
    m_description->setText(jobs::batchOperationDescription(BatchOperation(m_operation->currentData().toInt())));
}

void BatchConfigureDialog::start()
{
    if (m_run->isRunning()) {
        return;
    }
    m_run->setOperation(BatchOperation(m_operation->currentData().toInt()));
    m_run->setConcurrency(m_concurrency->value());
    m_run->start();
    updateControls();
}

void BatchConfigureDialog::cancelBatch()
{
    m_run->cancel();
    updateControls();
}

void BatchConfigureDialog::retryFailed()
{
    m_run->setConcurrency(m_concurrency->value());
    m_run->retryFailed();
    updateControls();
}

void BatchConfigureDialog::updateControls()
{
    const bool running = m_run->isRunning();
    const jobs::BatchSummary summary = m_run->summary();
    m_operation->setEnabled(!running);
    m_concurrency->setEnabled(!running);
    m_start->setEnabled(!running && m_run->count() > 0);
    m_start->setText(summary.finished() > 0 && !running ? tr("&Start Again") : tr("&Start"));
    m_cancel->setEnabled(running && !m_run->isCancelling());
    m_retry->setEnabled(!running && summary.failed > 0);
}

void BatchConfigureDialog::showSummary(const jobs::BatchSummary& summary)
{
    m_overall->setValue(summary.finished());
    const QString text = summary.text();
    if (!m_run->isRunning() && summary.waiting == summary.total) {
        // Not started yet (the rows were only loaded for display).
        m_summary->setText(
            tr("%n certificate(s) selected. Choose the action and press Start.", nullptr, summary.total));
    } else if (m_run->isRunning()) {
        m_summary->setText(m_run->isCancelling() ? tr("Cancelling: %1").arg(text) : text);
    } else {
        m_summary->setText(tr("Done: %1").arg(text));
    }
    m_cancel->setEnabled(m_run->isRunning() && !m_run->isCancelling());
}

bool BatchConfigureDialog::confirmClose()
{
    if (!m_run->isRunning()) {
        return true;
    }
    QMessageBox question(QMessageBox::Question, tr("Batch Configure"),
                         tr("The batch is still running. Closing cancels the certificates that have not started; "
                            "jobs already running keep running in the engine and their results appear in each "
                            "certificate's history."),
                         QMessageBox::NoButton, this);
    question.setObjectName(QStringLiteral("batchCloseQuestion"));
    QPushButton* stop = question.addButton(tr("Cancel Batch and Close"), QMessageBox::DestructiveRole);
    question.addButton(tr("Keep Open"), QMessageBox::RejectRole);
    question.exec();
    if (question.clickedButton() != stop) {
        return false;
    }
    m_run->cancel();
    return true;
}

void BatchConfigureDialog::closeEvent(QCloseEvent* event)
{
    if (!confirmClose()) {
        event->ignore();
        return;
    }
    event->accept();
}

void BatchConfigureDialog::reject()
{
    // Escape: the same question as Close.
    if (confirmClose()) {
        QDialog::reject();
    }
}

} // namespace certdeck::ui
