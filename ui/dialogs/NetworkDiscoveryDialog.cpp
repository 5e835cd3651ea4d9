#include "ui/dialogs/NetworkDiscoveryDialog.h"

#include "engine/core/Async.h"
#include "engine/crypto/Certificate.h"
#include "engine/discovery/InventoryImport.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace certdeck::ui {

namespace {

QStringList splitNames(const QString& text)
{
    return text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
}

} // namespace

NetworkDiscoveryDialog::NetworkDiscoveryDialog(std::shared_ptr<store::Database> db, QWidget* parent)
    : QDialog(parent)
    , m_db(std::move(db))
{
    setObjectName(QStringLiteral("networkDiscoveryDialog"));
    setWindowTitle(tr("Discover Network"));
    resize(820, 560);

    m_ranges = new QLineEdit(this);
    m_ranges->setObjectName(QStringLiteral("rangesEdit"));
    m_ranges->setPlaceholderText(tr("10.0.0.0/24, 192.168.1.10-40, fd00::/120, www.example.com"));
    m_ports = new QLineEdit(QStringLiteral("443"), this);
    m_ports->setObjectName(QStringLiteral("portsEdit"));
    m_ports->setPlaceholderText(tr("443,8443,10000-10010"));
    m_serverNames = new QLineEdit(this);
    m_serverNames->setObjectName(QStringLiteral("serverNamesEdit"));
    m_serverNames->setPlaceholderText(tr("optional: www.example.com, mail.example.com"));
    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("concurrencySpin"));
    m_concurrency->setRange(1, 4096);
    m_concurrency->setValue(512);
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setRange(100, 60000);
    m_timeout->setSingleStep(500);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setValue(3000);

    auto* form = new QFormLayout;
    form->addRow(tr("Address &ranges:"), m_ranges);
    form->addRow(tr("&Ports:"), m_ports);
    form->addRow(tr("&Server names (SNI):"), m_serverNames);
    form->addRow(tr("&Concurrent handshakes:"), m_concurrency);
    form->addRow(tr("&Timeout per endpoint:"), m_timeout);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);

    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("resultTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Endpoint"), tr("Server name"), tr("Subject"), tr("Expires"), tr("Protocol"), tr("SHA-256")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);

    m_start = new QPushButton(tr("&Start"), this);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setDefault(true);
    m_cancelButton = new QPushButton(tr("C&ancel Scan"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_add = new QPushButton(tr("A&dd to Inventory"), this);
    m_add->setObjectName(QStringLiteral("addToInventoryButton"));
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_add);
    buttons->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        if (m_progressState) {
            const quint64 total = qMax<quint64>(1, m_progressState->total.load());
            const quint64 done = m_progressState->done.load();
            // QProgressBar takes ints: per mille of the total.
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(done * 1000 / total));
            m_progress->setFormat(tr("%1 of %2 endpoints").arg(done).arg(total));
        }
    });
    connect(m_start, &QPushButton::clicked, this, &NetworkDiscoveryDialog::startScan);
    connect(m_cancelButton, &QPushButton::clicked, this, &NetworkDiscoveryDialog::cancelScan);
    connect(m_add, &QPushButton::clicked, this, &NetworkDiscoveryDialog::addToInventory);
    connect(close, &QDialogButtonBox::rejected, this, &NetworkDiscoveryDialog::reject);
    connect(m_ranges, &QLineEdit::textChanged, this, &NetworkDiscoveryDialog::updateButtons);
    updateButtons();
}

NetworkDiscoveryDialog::~NetworkDiscoveryDialog()
{
    if (m_cancel) {
        *m_cancel = true; // the scan stops soon; its result goes nowhere
    }
}

QAction* NetworkDiscoveryDialog::createAction(std::shared_ptr<store::Database> db, QWidget* window,
                                              std::function<void()> stored)
{
    auto* action = new QAction(tr("&Discover Network..."), window);
    action->setObjectName(QStringLiteral("discoverNetworkAction"));
    action->setStatusTip(tr("Find TLS endpoints and their certificates by scanning address ranges and ports."));
    action->setEnabled(db != nullptr);
    QObject::connect(action, &QAction::triggered, window, [db, window, stored] {
        if (auto* open = window->findChild<NetworkDiscoveryDialog*>(QString(), Qt::FindDirectChildrenOnly)) {
            open->raise();
            open->activateWindow();
            return;
        }
        auto* dialog = new NetworkDiscoveryDialog(db, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (stored) {
            QObject::connect(dialog, &NetworkDiscoveryDialog::stored, window, [stored] { stored(); });
        }
        dialog->show();
    });
    return action;
}

void NetworkDiscoveryDialog::startScan()
{
    if (isScanning()) {
        return;
    }
    auto plan =
        discovery::ScanPlan::make(splitNames(m_ranges->text()), m_ports->text(), splitNames(m_serverNames->text()));
    if (!plan) {
        m_message->setText(plan.message());
        return;
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progressState = std::make_shared<Progress>();
    m_progressState->total = plan->total();
    auto options = std::make_shared<discovery::ScanOptions>();
    options->concurrency = m_concurrency->value();
    options->timeoutMs = m_timeout->value();
    options->keep = discovery::ScanOptions::Keep::ReachedAndErrors;
    options->cancel = m_cancel.get();
    options->progress = [state = m_progressState](quint64 done, quint64 total) {
        state->done = done;
        state->total = total;
    };
    m_summary = {};
    m_table->setRowCount(0);
    m_message->setText(tr("Scanning %1 endpoints...").arg(plan->total()));
    m_progressTimer->start();
    updateButtons();
    auto sharedPlan = std::make_shared<discovery::ScanPlan>(std::move(plan).value());
    runInBackground<discovery::ScanSummary>(
        this,
        [sharedPlan, options, cancel = m_cancel] {
            Q_UNUSED(cancel) // keeps the flag alive as long as the scan reads it
            return discovery::TlsScanner::scan(*sharedPlan, *options);
        },
        [this](discovery::ScanSummary summary) { finishScan(std::move(summary)); });
}

void NetworkDiscoveryDialog::cancelScan()
{
    if (m_cancel) {
        *m_cancel = true;
        m_message->setText(tr("Cancelling..."));
    }
}

void NetworkDiscoveryDialog::finishScan(discovery::ScanSummary summary)
{
    m_cancel.reset();
    m_progressTimer->stop();
    m_summary = std::move(summary);
    m_progress->setRange(0, 1000);
    m_progress->setValue(m_summary.total ? int(m_summary.scanned * 1000 / m_summary.total) : 1000);
    m_progress->setFormat(tr("%1 of %2 endpoints").arg(m_summary.scanned).arg(m_summary.total));
    showResults();
    QString text = tr("%1 of %2 endpoints scanned in %3 s: %4 served a certificate, %5 refused, %6 timed out, %7 "
                      "not TLS, %8 other errors.")
                       .arg(m_summary.scanned)
                       .arg(m_summary.total)
                       .arg(double(m_summary.elapsedMs) / 1000.0, 0, 'f', 1)
                       .arg(m_summary.tlsFound)
                       .arg(m_summary.refused)
                       .arg(m_summary.timedOut)
                       .arg(m_summary.notTls)
                       .arg(m_summary.otherErrors);
    if (m_summary.cancelled) {
        text += QLatin1Char(' ') + tr("Cancelled before the end.");
    }
    m_message->setText(text);
    updateButtons();
    Q_EMIT scanFinished();
}

void NetworkDiscoveryDialog::showResults()
{
    m_table->setSortingEnabled(false);
    int row = 0;
    m_table->setRowCount(int(m_summary.tlsFound));
    for (const discovery::ScanResult& result : m_summary.results) {
        if (!result.reached) {
            continue;
        }
        QString subject;
        QString expires;
        if (!result.chainDer.isEmpty()) {
            if (auto leaf = crypto::Certificate::fromDer(result.chainDer.first())) {
                subject = leaf->commonName().isEmpty() ? leaf->subject() : leaf->commonName();
                expires = leaf->notAfter().toString(QStringLiteral("yyyy-MM-dd"));
            }
        }
        const QStringList cells{QStringLiteral("%1:%2").arg(result.host).arg(result.port),
                                result.serverName,
                                subject,
                                expires,
                                result.protocol,
                                result.fingerprintSha256};
        for (int column = 0; column < cells.size(); ++column) {
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        }
        ++row;
    }
    m_table->setRowCount(row);
    m_table->setSortingEnabled(true);
}

void NetworkDiscoveryDialog::addToInventory()
{
    const QList<discovery::SeenEndpoint> seen = discovery::toSeenEndpoints(m_summary.results);
    if (seen.isEmpty() || !m_db || m_storing) {
        return;
    }
    m_storing = true;
    updateButtons();
    m_message->setText(tr("Adding %1 endpoints to the inventory...").arg(seen.size()));
    runInBackground<Result<discovery::ImportSummary>>(
        this,
        [db = m_db, seen] { return discovery::InventoryImport(*db).importEndpoints(seen, QStringLiteral("network")); },
        [this](Result<discovery::ImportSummary> imported) {
            m_storing = false;
            updateButtons();
            if (!imported) {
                m_message->setText(tr("The endpoints could not be stored: %1").arg(imported.message()));
                return;
            }
            const QString text = tr("Added to the inventory: %1 new certificates (Discovered), %2 already known, %3 "
                                    "endpoints.")
                                     .arg(imported->newCertificates)
                                     .arg(imported->knownCertificates)
                                     .arg(imported->endpoints);
            m_message->setText(imported->problems.isEmpty()
                                   ? text
                                   : text + QLatin1Char('\n') + imported->problems.join(QLatin1Char('\n')));
            Q_EMIT stored(text);
        });
}

void NetworkDiscoveryDialog::updateButtons()
{
    const bool scanning = isScanning();
    m_start->setEnabled(!scanning && !m_storing && !m_ranges->text().trimmed().isEmpty());
    m_cancelButton->setEnabled(scanning);
    m_add->setEnabled(!scanning && !m_storing && m_db && m_summary.tlsFound > 0);
    for (QWidget* input :
         {static_cast<QWidget*>(m_ranges), static_cast<QWidget*>(m_ports), static_cast<QWidget*>(m_serverNames),
          static_cast<QWidget*>(m_concurrency), static_cast<QWidget*>(m_timeout)}) {
        input->setEnabled(!scanning);
    }
}

void NetworkDiscoveryDialog::reject()
{
    cancelScan(); // Escape or Close: stop the scan too
    QDialog::reject();
}

} // namespace certdeck::ui
