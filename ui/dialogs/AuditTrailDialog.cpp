#include "ui/dialogs/AuditTrailDialog.h"

#include "engine/audit/AuditExport.h"
#include "engine/store/Database.h"
#include "models/AuditTableModel.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace certdeck::ui {

AuditTrailDialog::AuditTrailDialog(std::shared_ptr<store::Database> db, QWidget* parent)
    : QDialog(parent)
    , m_db(std::move(db))
    , m_model(new models::AuditTableModel(this))
{
    setWindowTitle(tr("Audit Trail"));
    setObjectName(QStringLiteral("auditTrailDialog"));
    resize(1000, 560);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("auditFilter"));
    m_filter->setPlaceholderText(tr("Filter by actor, action, outcome or details"));
    m_filter->setClearButtonEnabled(true);
    m_certificate = new QLineEdit(this);
    m_certificate->setObjectName(QStringLiteral("auditCertificate"));
    m_certificate->setPlaceholderText(tr("Certificate id"));
    m_certificate->setMaximumWidth(120);
    m_useSince = new QCheckBox(tr("From"), this);
    m_since = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-30), this);
    m_since->setCalendarPopup(true);
    m_since->setEnabled(false);
    m_useUntil = new QCheckBox(tr("To"), this);
    m_until = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_until->setCalendarPopup(true);
    m_until->setEnabled(false);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(new QLabel(tr("Certificate:"), this));
    filters->addWidget(m_certificate);
    filters->addWidget(m_useSince);
    filters->addWidget(m_since);
    filters->addWidget(m_useUntil);
    filters->addWidget(m_until);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_status = new QLabel(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(QStringLiteral("auditExport"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, &AuditTrailDialog::chooseAndExport);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    // Typing reloads after a short pause (the query runs on a pool thread).
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(debounce, &QTimer::timeout, this, &AuditTrailDialog::reload);
    auto later = [debounce]() { debounce->start(); };
    connect(m_filter, &QLineEdit::textChanged, this, later);
    connect(m_certificate, &QLineEdit::textChanged, this, later);
    connect(m_since, &QDateTimeEdit::dateTimeChanged, this, later);
    connect(m_until, &QDateTimeEdit::dateTimeChanged, this, later);
    connect(m_useSince, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_useUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(m_useSince, &QCheckBox::toggled, this, later);
    connect(m_useUntil, &QCheckBox::toggled, this, later);
    reload();
}

store::AuditQuery AuditTrailDialog::currentQuery() const
{
    store::AuditQuery query;
    query.text = m_filter->text().trimmed();
    query.certificateId = m_certificate->text().trimmed().toLongLong();
    if (m_useSince->isChecked()) {
        query.since = m_since->dateTime().toUTC();
    }
    if (m_useUntil->isChecked()) {
        query.until = m_until->dateTime().toUTC();
    }
    query.newestFirst = true;
    query.limit = 100000;
    return query;
}

void AuditTrailDialog::reload()
{
    if (!m_db) {
        return;
    }
    const int generation = ++m_generation;
    m_status->setText(tr("Loading…"));
    const store::AuditQuery query = currentQuery();
    const std::shared_ptr<store::Database> db = m_db;
    QPointer<AuditTrailDialog> self(this);
    QtConcurrent::run([db, query]() {
        return store::AuditRepository(*db).query(query);
    }).then(this, [this, self, generation](Result<QList<AuditEvent>> events) {
        if (!self || generation != m_generation) {
            return; // a newer filter is loading
        }
        if (!events) {
            m_status->setText(events.message());
            return;
        }
        m_model->setEvents(std::move(*events));
        m_table->resizeColumnsToContents();
        m_status->setText(tr("%n event(s)", nullptr, int(m_model->rowCount())));
        Q_EMIT loaded(int(m_model->rowCount()));
    });
}

bool AuditTrailDialog::exportTo(const QString& path, QString* error)
{
    const auto format = path.endsWith(QLatin1String(".json")) || path.endsWith(QLatin1String(".jsonl"))
                            ? audit::ExportFormat::JsonLines
                            : audit::ExportFormat::Csv;
    // Oldest first in files.
    QList<AuditEvent> events = m_model->events();
    std::reverse(events.begin(), events.end());
    QSaveFile file(path);
    Status status;
    if (!file.open(QIODevice::WriteOnly)) {
        status = fail(tr("Could not create %1: %2").arg(path, file.errorString()));
    } else {
        status = audit::writeEvents(events, format, file, path);
        if (status && !file.commit()) {
            status = fail(tr("Could not write %1: %2").arg(path, file.errorString()));
        }
    }
    if (!status && error) {
        *error = status.message();
    }
    return status.ok();
}

void AuditTrailDialog::chooseAndExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Audit Trail"), QStringLiteral("audit.csv"),
                                                      tr("CSV (*.csv);;JSON lines (*.jsonl *.json)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!exportTo(path, &error)) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    m_status->setText(tr("Exported %n event(s) to %1", nullptr, int(m_model->rowCount())).arg(path));
}

} // namespace certdeck::ui
