#include "ui/CertificateDetailsPane.h"

#include "engine/domain/ServerType.h"
#include "ui/DisplayNames.h"
#include "ui/ValidationPanel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

QString dateTimeText(const QDateTime& when)
{
    return when.isValid() ? QLocale().toString(when.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QString();
}

} // namespace

CertificateDetailsPane::CertificateDetailsPane(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_form(new QWidget(this))
    , m_jobs(new QTreeWidget(this))
    , m_validation(new ValidationPanel(this))
{
    setObjectName(QStringLiteral("certificateDetails"));
    auto* empty = new QLabel(tr("Select a certificate to see its details."), this);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);

    auto* form = new QFormLayout(m_form);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    const auto field = [this, form](const QString& name, const QString& label) {
        auto* value = new QLabel(m_form);
        value->setObjectName(name);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        value->setTextFormat(Qt::PlainText);
        value->setMinimumWidth(120);
        form->addRow(label, value);
        m_values.append(value);
    };
    field(QStringLiteral("commonName"), tr("Common name:"));
    field(QStringLiteral("subject"), tr("Subject:"));
    field(QStringLiteral("issuer"), tr("Issuer:"));
    field(QStringLiteral("serial"), tr("Serial number:"));
    field(QStringLiteral("notBefore"), tr("Valid from:"));
    field(QStringLiteral("notAfter"), tr("Valid until:"));
    field(QStringLiteral("key"), tr("Key:"));
    field(QStringLiteral("signatureAlgorithm"), tr("Signature algorithm:"));
    field(QStringLiteral("fingerprint"), tr("SHA-256 fingerprint:"));
    field(QStringLiteral("sans"), tr("SANs:"));
    field(QStringLiteral("status"), tr("Status:"));
    field(QStringLiteral("target"), tr("Target:"));
    field(QStringLiteral("source"), tr("Source:"));

    m_jobs->setObjectName(QStringLiteral("jobHistory"));
    m_jobs->setRootIsDecorated(false);
    m_jobs->setUniformRowHeights(true);
    m_jobs->setHeaderLabels({tr("Action"), tr("State"), tr("Step"), tr("Message"), tr("Started"), tr("Finished")});
    m_jobs->header()->setStretchLastSection(false);
    m_jobs->header()->setSectionResizeMode(3, QHeaderView::Stretch);

    auto* formScroll = new QScrollArea(this);
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);

    auto* page = new QWidget(this);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_validation);
    pageLayout->addWidget(formScroll, 3);
    pageLayout->addWidget(new QLabel(tr("Job history"), page));
    pageLayout->addWidget(m_jobs, 2);

    m_stack->addWidget(empty);
    m_stack->addWidget(page);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void CertificateDetailsPane::setCertificate(const CertificateRecord& record)
{
    if (record.id != m_certificateId) {
        m_jobs->clear();
        m_validation->clear();
    }
    m_certificateId = record.id;
    const auto set = [this](const char* name, const QString& text) {
        if (auto* label = m_form->findChild<QLabel*>(QLatin1String(name))) {
            label->setText(text.isEmpty() ? tr("—") : text);
        }
    };
    set("commonName", record.commonName);
    set("subject", record.subject);
    set("issuer", record.issuer);
    set("serial", record.serialHex.toUpper());
    set("notBefore", dateTimeText(record.notBefore));
    set("notAfter", dateTimeText(record.notAfter));
    set("key",
        record.keyAlgorithm.isEmpty() ? QString() : tr("%1, %2 bits").arg(record.keyAlgorithm).arg(record.keyBits));
    set("signatureAlgorithm", record.signatureAlgorithm);
    set("fingerprint", formatFingerprint(record.fingerprintSha256));
    set("sans", record.sans.join(QLatin1Char('\n')));
    set("status", certificateStatusDisplayName(record.status));
    QString target = record.host;
    if (!target.isEmpty() && record.port > 0) {
        target += QStringLiteral(":%1").arg(record.port);
    }
    ServerType type;
    if (serverTypeFromId(record.serverType, &type)) {
        target =
            target.isEmpty() ? serverTypeDisplayName(type) : tr("%1 on %2").arg(serverTypeDisplayName(type), target);
    }
    set("target", target);
    set("source", record.source);
    m_stack->setCurrentIndex(1);
}

void CertificateDetailsPane::setJobs(const QList<Job>& jobs)
{
    m_validation->setJob(jobs.isEmpty() ? Job{} : jobs.first()); // newest first
    m_jobs->clear();
    for (const Job& job : jobs) {
        auto* item = new QTreeWidgetItem(m_jobs);
        item->setText(0, jobActionDisplayName(job.action));
        // A job that is still moving shows how far it got; the pane is reloaded at each of its steps.
        item->setText(1, isFinal(job.state) ? jobStateDisplayName(job.state)
                                            : tr("%1 (%2%)").arg(jobStateDisplayName(job.state)).arg(job.progress));
        item->setData(0, Qt::UserRole, job.id);
        item->setText(2, job.step);
        item->setText(3, job.message);
        item->setToolTip(3, job.message);
        item->setText(4, dateTimeText(job.startedAt.isValid() ? job.startedAt : job.createdAt));
        item->setText(5, dateTimeText(job.finishedAt));
    }
    for (int column = 0; column < m_jobs->columnCount(); ++column) {
        if (column != 3) {
            m_jobs->resizeColumnToContents(column);
        }
    }
}

void CertificateDetailsPane::setJobsMessage(const QString& message)
{
    m_jobs->clear();
    auto* item = new QTreeWidgetItem(m_jobs);
    item->setText(3, message);
    item->setToolTip(3, message);
}

void CertificateDetailsPane::clear()
{
    m_certificateId = 0;
    for (QLabel* label : std::as_const(m_values)) {
        label->clear();
    }
    m_jobs->clear();
    m_validation->clear();
    m_stack->setCurrentIndex(0);
}

QString CertificateDetailsPane::fieldText(const QString& field) const
{
    const auto* label = m_form->findChild<QLabel*>(field);
    return label ? label->text() : QString();
}

} // namespace certdeck::ui
