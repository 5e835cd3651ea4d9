#include "ui/ValidationPanel.h"

#include "ui/widgets/FieldMessage.h"

#include <QClipboard>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

QString remainingText(qint64 seconds)
{
    if (seconds >= 2 * 86400) {
        return ValidationPanel::tr("%n day(s)", nullptr, static_cast<int>(seconds / 86400));
    }
    if (seconds >= 2 * 3600) {
        return ValidationPanel::tr("%n hour(s)", nullptr, static_cast<int>(seconds / 3600));
    }
    return ValidationPanel::tr("%n minute(s)", nullptr, static_cast<int>(qMax<qint64>(1, seconds / 60)));
}

} // namespace

ValidationPanel::ValidationPanel(QWidget* parent)
    : QGroupBox(tr("Awaiting domain validation"), parent)
    , m_reason(new QLabel(this))
    , m_challenges(new QWidget(this))
    , m_challengeLayout(new QVBoxLayout(m_challenges))
    , m_deadline(new QLabel(this))
    , m_done(new QPushButton(tr("&Validation Done"), this))
    , m_progress(new QLabel(this))
    , m_error(new FieldMessage(QStringLiteral("validationError"), this))
{
    setObjectName(QStringLiteral("validationPanel"));
    m_reason->setObjectName(QStringLiteral("validationReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_challengeLayout->setContentsMargins(0, 0, 0, 0);
    m_deadline->setObjectName(QStringLiteral("validationDeadline"));
    m_deadline->setWordWrap(true);
    m_deadline->setTextFormat(Qt::PlainText);
    m_done->setObjectName(QStringLiteral("validationDone"));
    m_done->setToolTip(tr("Tell the CA that everything above is published, so it validates and the order continues."));
    m_progress->setObjectName(QStringLiteral("validationProgress"));
    m_progress->setWordWrap(true);
    m_progress->setTextFormat(Qt::PlainText);
    m_progress->hide();
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_done, 0, Qt::AlignLeft);
    buttonRow->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addWidget(m_challenges);
    layout->addWidget(m_deadline);
    layout->addLayout(buttonRow);
    layout->addWidget(m_error);

    connect(m_done, &QPushButton::clicked, this, &ValidationPanel::confirm);
    hide();
}

void ValidationPanel::setConfirmHandler(ConfirmHandler handler)
{
    m_confirm = std::move(handler);
}

void ValidationPanel::setJob(const Job& job)
{
    const bool sameJob = job.id == m_job.id;
    const QJsonObject json = job.result.value(QStringLiteral("validation")).toObject();
    const bool waiting = job.state == JobState::AwaitingValidation && !json.isEmpty();
    const bool changed =
        !sameJob || json != m_job.result.value(QStringLiteral("validation")).toObject() || job.state != m_job.state;
    m_job = job;
    if (!waiting) {
        m_validation = {};
        m_confirming = false;
        hide();
        return;
    }
    if (changed) {
        if (!sameJob) {
            m_confirming = false;
            m_progress->hide();
            m_error->setMessage(QString());
        }
        m_validation = jobs::ManualValidation::fromJson(json);
        rebuild();
    }
    updateDeadline();
    show();
}

void ValidationPanel::updateJob(const certdeck::Job& job)
{
    if (m_job.id == 0) {
        return;
    }
    if (job.id == m_job.id || (job.certificateId == m_job.certificateId && job.id > m_job.id)) {
        setJob(job);
    }
}

void ValidationPanel::clear()
{
    setJob(Job{});
}

QString ValidationPanel::statusText() const
{
    if (!m_error->isHidden()) {
        return m_error->text();
    }
    return m_progress->isHidden() ? QString() : m_progress->text();
}

void ValidationPanel::rebuild()
{
    delete m_challenges;
    m_challenges = new QWidget(this);
    m_challengeLayout = new QVBoxLayout(m_challenges);
    m_challengeLayout->setContentsMargins(0, 0, 0, 0);
    static_cast<QVBoxLayout*>(layout())->insertWidget(1, m_challenges);

    m_reason->setText(m_validation.reason.isEmpty()
                          ? tr("The CA needs proof that you control these names. Publish the values below.")
                          : tr("Automatic validation was not possible: %1\nPublish the values below by hand.")
                                .arg(m_validation.reason));
    // One grid for all names, so that the values line up.
    auto* grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    m_challengeLayout->addLayout(grid);
    int index = 0;
    int row = 0;
    for (const jobs::ManualChallenge& challenge : std::as_const(m_validation.challenges)) {
        const QString prefix = QStringLiteral("challenge%1").arg(index++);
        auto* heading = new QLabel(m_challenges);
        heading->setTextFormat(Qt::PlainText);
        heading->setObjectName(prefix + QStringLiteral("Heading"));
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        grid->addWidget(heading, row++, 0, 1, 3);
        if (challenge.type == QLatin1String("dns-01")) {
            heading->setText(tr("%1: DNS TXT record").arg(challenge.identifier));
            addValue(m_challenges, grid, row++, tr("Name:"), challenge.recordName,
                     prefix + QStringLiteral("RecordName"), tr("Copy the TXT record name"));
            addValue(m_challenges, grid, row++, tr("Value:"), challenge.recordValue,
                     prefix + QStringLiteral("RecordValue"), tr("Copy the TXT record value"));
        } else {
            heading->setText(tr("%1: file on the web server").arg(challenge.identifier));
            if (!challenge.filePath.isEmpty()) {
                addValue(m_challenges, grid, row++, tr("File:"), challenge.filePath, prefix + QStringLiteral("File"),
                         tr("Copy the file path"));
            } else {
                addValue(m_challenges, grid, row++, tr("File name:"), challenge.fileName,
                         prefix + QStringLiteral("File"), tr("Copy the file name"));
            }
            addValue(m_challenges, grid, row++, tr("Served at:"), challenge.url, prefix + QStringLiteral("Url"),
                     tr("Copy the URL the CA fetches"));
            addValue(m_challenges, grid, row++, tr("Content:"), challenge.content, prefix + QStringLiteral("Content"),
                     tr("Copy the exact file content (no newline at the end)"));
        }
    }
    m_challenges->setToolTip(m_validation.instructions());
}

void ValidationPanel::addValue(QWidget* parent, QGridLayout* grid, int row, const QString& label, const QString& value,
                               const QString& name, const QString& copyTip)
{
    auto* edit = new QLineEdit(value, parent);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setCursorPosition(0);
    edit->setAccessibleName(label);
    auto* caption = new QLabel(label, parent);
    caption->setBuddy(edit);
    auto* copy = new QPushButton(tr("Copy"), parent);
    copy->setObjectName(name + QStringLiteral("Copy"));
    copy->setToolTip(copyTip);
    copy->setAccessibleName(copyTip);
    copy->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    connect(copy, &QPushButton::clicked, this, [this, value, label] {
        QGuiApplication::clipboard()->setText(value);
        Q_EMIT statusMessage(tr("Copied %1 to the clipboard.").arg(QString(label).remove(QLatin1Char(':'))));
    });
    grid->addWidget(caption, row, 0);
    grid->addWidget(edit, row, 1);
    grid->addWidget(copy, row, 2);
}

void ValidationPanel::updateDeadline()
{
    const QDateTime deadline = m_validation.deadline;
    if (!deadline.isValid()) {
        m_deadline->setText(tr("When everything is published, choose Validation Done."));
        m_done->setEnabled(!m_confirming);
        return;
    }
    const QString when = QLocale().toString(deadline.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(deadline);
    if (left <= 0) {
        m_deadline->setText(tr("The deadline (%1) has passed: the CA abandons this order. Issue the certificate again "
                               "to get new values.")
                                .arg(when));
        m_done->setEnabled(false);
        return;
    }
    m_deadline->setText(tr("Publish everything, then choose Validation Done before %1 (%2 left). After that the "
                           "order is abandoned.")
                            .arg(when, remainingText(left)));
    m_done->setEnabled(!m_confirming);
}

void ValidationPanel::confirm()
{
    if (m_confirming || m_job.id == 0) {
        return;
    }
    m_error->setMessage(QString());
    if (!m_confirm) {
        m_error->setMessage(tr("Validation Done is not available: the console has no engine connection."));
        return;
    }
    m_confirming = true;
    m_done->setEnabled(false);
    m_progress->setText(tr("Asking the CA to validate..."));
    m_progress->show();
    const qint64 jobId = m_job.id;
    m_confirm(jobId, this, [this, jobId](Status status) {
        if (m_job.id != jobId) {
            return; // another certificate is shown now
        }
        m_confirming = false;
        if (!status.ok()) {
            m_progress->hide();
            m_error->setMessage(tr("The order could not continue: %1").arg(status.message()));
            updateDeadline();
            return;
        }
        m_progress->setText(tr("The CA is validating; the job continues in the job history."));
        Q_EMIT confirmed(jobId);
    });
}

} // namespace certdeck::ui
