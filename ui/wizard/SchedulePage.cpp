#include "ui/wizard/SchedulePage.h"

#include "ui/widgets/FieldMessage.h"
#include "ui/widgets/TimeZoneCombo.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeEdit>
#include <QTimeZone>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

void selectZone(QComboBox* combo, const QString& zone)
{
    const int index = combo->findText(zone);
    combo->setCurrentIndex(index >= 0 ? index : combo->findText(QStringLiteral("UTC")));
}

} // namespace

QComboBox* SchedulePage::makeFrequencyCombo(QWidget* parent, const QString& objectName)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->addItem(tr("Daily"), static_cast<int>(Frequency::Daily));
    combo->addItem(tr("Weekly"), static_cast<int>(Frequency::Weekly));
    combo->addItem(tr("Monthly"), static_cast<int>(Frequency::Monthly));
    return combo;
}

SchedulePage::SchedulePage(QWidget* parent)
    : QWizardPage(parent)
    , m_clock([] { return QDateTime::currentDateTime(); })
    , m_rollback(new QCheckBox(tr("Enable &roll back if provisioning fails"), this))
    , m_renewal(new QGroupBox(tr("Enable r&enewal"), this))
    , m_renewDays(new QRadioButton(tr("Days before expiry"), m_renewal))
    , m_renewOnDate(new QRadioButton(tr("On a specific date"), m_renewal))
    , m_renewWithin(new QSpinBox(m_renewal))
    , m_renewalDate(new QDateEdit(m_renewal))
    , m_renewalFrequency(makeFrequencyCombo(m_renewal, QStringLiteral("renewalFrequency")))
    , m_renewalTime(new QTimeEdit(m_renewal))
    , m_renewalZone(makeTimeZoneCombo(m_renewal, QStringLiteral("renewalTimeZone")))
    , m_renewalMessage(new FieldMessage(QStringLiteral("renewalMessage"), m_renewal))
    , m_deployment(new QGroupBox(tr("Enable &deployment"), this))
    , m_deployImmediately(new QRadioButton(tr("Immediately after successful renewal"), m_deployment))
    , m_deployOnDate(new QRadioButton(tr("On a specific date"), m_deployment))
    , m_deploymentDate(new QDateEdit(m_deployment))
    , m_deploymentTime(new QTimeEdit(m_deployment))
    , m_deploymentZone(makeTimeZoneCombo(m_deployment, QStringLiteral("deploymentTimeZone")))
    , m_deploymentFrequency(makeFrequencyCombo(m_deployment, QStringLiteral("deploymentFrequency")))
    , m_deploymentMessage(new FieldMessage(QStringLiteral("deploymentMessage"), m_deployment))
{
    setObjectName(QStringLiteral("schedulePage"));
    setTitle(tr("Provisioning Schedule"));
    setSubTitle(tr("Failure handling, when the certificate is renewed and when it is deployed."));

    m_rollback->setObjectName(QStringLiteral("rollbackOnFailure"));
    m_rollback->setChecked(true);
    m_rollback->setToolTip(tr("Restore the previously served certificate when a deployment fails."));

    m_renewal->setObjectName(QStringLiteral("renewalEnabled"));
    m_renewal->setCheckable(true);
    m_renewal->setChecked(false);
    m_renewDays->setObjectName(QStringLiteral("renewDaysBeforeExpiry"));
    m_renewOnDate->setObjectName(QStringLiteral("renewOnDate"));
    m_renewDays->setChecked(true);
    auto* renewGroup = new QButtonGroup(this);
    renewGroup->addButton(m_renewDays);
    renewGroup->addButton(m_renewOnDate);
    m_renewWithin->setObjectName(QStringLiteral("renewWithinDays"));
    m_renewWithin->setRange(1, 825);
    m_renewWithin->setValue(30);
    m_renewWithin->setSuffix(tr(" days"));
    m_renewalDate->setObjectName(QStringLiteral("renewalDate"));
    m_renewalDate->setCalendarPopup(true);
    m_renewalDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_renewalTime->setObjectName(QStringLiteral("renewalTime"));
    m_renewalTime->setDisplayFormat(QStringLiteral("HH:mm"));

    auto* renewTrigger = new QHBoxLayout;
    renewTrigger->addWidget(m_renewDays);
    renewTrigger->addWidget(m_renewOnDate);
    renewTrigger->addStretch(1);
    auto* renewForm = new QFormLayout(m_renewal);
    renewForm->addRow(tr("How to trigger renewal:"), renewTrigger);
    renewForm->addRow(tr("Renew when &within:"), m_renewWithin);
    renewForm->addRow(tr("Renewal d&ate:"), m_renewalDate);
    renewForm->addRow(tr("Renewal &frequency:"), m_renewalFrequency);
    renewForm->addRow(tr("&Time:"), m_renewalTime);
    renewForm->addRow(tr("Time &zone:"), m_renewalZone);
    renewForm->addRow(QString(), m_renewalMessage);

    m_deployment->setObjectName(QStringLiteral("deploymentEnabled"));
    m_deployment->setCheckable(true);
    m_deployment->setChecked(false);
    m_deployImmediately->setObjectName(QStringLiteral("deployImmediately"));
    m_deployOnDate->setObjectName(QStringLiteral("deployOnDate"));
    m_deployImmediately->setChecked(true);
    auto* deployGroup = new QButtonGroup(this);
    deployGroup->addButton(m_deployImmediately);
    deployGroup->addButton(m_deployOnDate);
    m_deploymentDate->setObjectName(QStringLiteral("deploymentDate"));
    m_deploymentDate->setCalendarPopup(true);
    m_deploymentDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_deploymentTime->setObjectName(QStringLiteral("deploymentTime"));
    m_deploymentTime->setDisplayFormat(QStringLiteral("HH:mm"));

    auto* deployTrigger = new QHBoxLayout;
    deployTrigger->addWidget(m_deployImmediately);
    deployTrigger->addWidget(m_deployOnDate);
    deployTrigger->addStretch(1);
    auto* deployForm = new QFormLayout(m_deployment);
    deployForm->addRow(tr("When to deploy:"), deployTrigger);
    deployForm->addRow(tr("Deployment da&te:"), m_deploymentDate);
    deployForm->addRow(tr("Deployment t&ime:"), m_deploymentTime);
    deployForm->addRow(tr("Deployment time z&one:"), m_deploymentZone);
    deployForm->addRow(tr("Deployment fre&quency:"), m_deploymentFrequency);
    deployForm->addRow(QString(), m_deploymentMessage);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_rollback);
    layout->addWidget(m_renewal);
    layout->addWidget(m_deployment);
    layout->addStretch(1);

    load(ProvisioningSchedule{});
    for (QRadioButton* button : {m_renewDays, m_renewOnDate, m_deployImmediately, m_deployOnDate}) {
        connect(button, &QRadioButton::toggled, this, &SchedulePage::revalidate);
    }
    connect(m_renewal, &QGroupBox::toggled, this, &SchedulePage::revalidate);
    connect(m_deployment, &QGroupBox::toggled, this, &SchedulePage::revalidate);
    connect(m_renewalDate, &QDateEdit::dateChanged, this, &SchedulePage::revalidate);
    connect(m_deploymentDate, &QDateEdit::dateChanged, this, &SchedulePage::revalidate);
    connect(m_renewalZone, &QComboBox::currentTextChanged, this, &SchedulePage::revalidate);
    connect(m_renewalTime, &QTimeEdit::timeChanged, this, &SchedulePage::revalidate);
    connect(m_deploymentTime, &QTimeEdit::timeChanged, this, &SchedulePage::revalidate);
    connect(m_deploymentZone, &QComboBox::currentTextChanged, this, &SchedulePage::revalidate);
    revalidate();
}

void SchedulePage::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    revalidate();
}

bool SchedulePage::revalidate()
{
    const QDate today = m_clock().date();
    m_renewWithin->setEnabled(m_renewDays->isChecked());
    m_renewalDate->setEnabled(m_renewOnDate->isChecked());
    m_deploymentDate->setEnabled(m_deployOnDate->isChecked());
    m_deploymentTime->setEnabled(m_deployOnDate->isChecked());
    m_deploymentZone->setEnabled(m_deployOnDate->isChecked());

    QString renewal;
    if (m_renewal->isChecked()) {
        if (m_renewOnDate->isChecked() && m_renewalDate->date() < today) {
            renewal = tr("Renewal date: %1 is in the past; choose today or a later date.")
                          .arg(m_renewalDate->date().toString(Qt::ISODate));
        } else if (!QTimeZone(m_renewalZone->currentText().toUtf8()).isValid()) {
            renewal = tr("Time zone: \"%1\" is not a known time zone; choose one from the list, e.g. Europe/Berlin.")
                          .arg(m_renewalZone->currentText());
        } else if (m_renewOnDate->isChecked() &&
                   QDateTime(m_renewalDate->date(), m_renewalTime->time(),
                             QTimeZone(m_renewalZone->currentText().toUtf8())) < m_clock()) {
            renewal = tr("Renewal date and time: %1 %2 (%3) has already passed; choose a later time or date.")
                          .arg(m_renewalDate->date().toString(Qt::ISODate),
                               m_renewalTime->time().toString(QStringLiteral("HH:mm")), m_renewalZone->currentText());
        }
    }
    QString deployment;
    if (m_deployment->isChecked() && m_deployOnDate->isChecked()) {
        if (m_deploymentDate->date() < today) {
            deployment = tr("Deployment date: %1 is in the past; choose today or a later date.")
                             .arg(m_deploymentDate->date().toString(Qt::ISODate));
        } else if (!QTimeZone(m_deploymentZone->currentText().toUtf8()).isValid()) {
            deployment = tr("Deployment time zone: \"%1\" is not a known time zone; choose one from the list, "
                            "e.g. Europe/Berlin.")
                             .arg(m_deploymentZone->currentText());
        } else if (QDateTime(m_deploymentDate->date(), m_deploymentTime->time(),
                             QTimeZone(m_deploymentZone->currentText().toUtf8())) < m_clock()) {
            deployment =
                tr("Deployment date and time: %1 %2 (%3) has already passed; choose a later time or date.")
                    .arg(m_deploymentDate->date().toString(Qt::ISODate),
                         m_deploymentTime->time().toString(QStringLiteral("HH:mm")), m_deploymentZone->currentText());
        }
    }
    bool valid = m_renewalMessage->setMessage(renewal);
    valid = m_deploymentMessage->setMessage(deployment) && valid;
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT completeChanged();
    }
    return valid;
}

bool SchedulePage::validatePage()
{
    return revalidate();
}

bool SchedulePage::isComplete() const
{
    return m_valid;
}

void SchedulePage::load(const ProvisioningSchedule& schedule)
{
    const QDate today = m_clock().date();
    m_rollback->setChecked(schedule.rollbackOnFailure);
    m_renewal->setChecked(schedule.renewalEnabled);
    (schedule.renewalTrigger == RenewalTrigger::OnDate ? m_renewOnDate : m_renewDays)->setChecked(true);
    m_renewWithin->setValue(schedule.renewWithinDays);
    m_renewalDate->setDate(schedule.renewalDate.isValid() ? schedule.renewalDate : today.addDays(1));
    m_renewalFrequency->setCurrentIndex(m_renewalFrequency->findData(static_cast<int>(schedule.renewalFrequency)));
    m_renewalTime->setTime(schedule.renewalTime);
    selectZone(m_renewalZone, schedule.renewalTimeZone);
    m_deployment->setChecked(schedule.deploymentEnabled);
    (schedule.deploymentTrigger == DeploymentTrigger::OnDate ? m_deployOnDate : m_deployImmediately)->setChecked(true);
    m_deploymentDate->setDate(schedule.deploymentDate.isValid() ? schedule.deploymentDate : today.addDays(1));
    m_deploymentTime->setTime(schedule.deploymentTime);
    selectZone(m_deploymentZone, schedule.deploymentTimeZone);
    m_deploymentFrequency->setCurrentIndex(
        m_deploymentFrequency->findData(static_cast<int>(schedule.deploymentFrequency)));
    revalidate();
}

void SchedulePage::store(ProvisioningSchedule& schedule) const
{
    schedule.rollbackOnFailure = m_rollback->isChecked();
    schedule.renewalEnabled = m_renewal->isChecked();
    schedule.renewalTrigger = m_renewOnDate->isChecked() ? RenewalTrigger::OnDate : RenewalTrigger::DaysBeforeExpiry;
    schedule.renewWithinDays = m_renewWithin->value();
    schedule.renewalDate = m_renewOnDate->isChecked() ? m_renewalDate->date() : QDate();
    schedule.renewalFrequency = static_cast<Frequency>(m_renewalFrequency->currentData().toInt());
    schedule.renewalTime = m_renewalTime->time();
    schedule.renewalTimeZone = m_renewalZone->currentText();
    schedule.deploymentEnabled = m_deployment->isChecked();
    schedule.deploymentTrigger =
        m_deployOnDate->isChecked() ? DeploymentTrigger::OnDate : DeploymentTrigger::ImmediatelyAfterRenewal;
    schedule.deploymentDate = m_deployOnDate->isChecked() ? m_deploymentDate->date() : QDate();
    schedule.deploymentTime = m_deploymentTime->time();
    schedule.deploymentTimeZone = m_deploymentZone->currentText();
    schedule.deploymentFrequency = static_cast<Frequency>(m_deploymentFrequency->currentData().toInt());
}

} // namespace certdeck::ui
