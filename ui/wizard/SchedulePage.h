#pragma once

#include "engine/domain/ProvisioningConfig.h"

#include <QDateTime>
#include <QWizardPage>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QGroupBox;
class QRadioButton;
class QSpinBox;
class QTimeEdit;

namespace certdeck::ui {

class FieldMessage;

// Step 5: rollback on failure, renewal trigger and check schedule, deployment trigger and schedule.
class SchedulePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SchedulePage(QWidget* parent = nullptr);

    void setClock(std::function<QDateTime()> clock); // for "date in the past" checks
    void load(const ProvisioningSchedule& schedule);
    void store(ProvisioningSchedule& schedule) const;
    bool isComplete() const override;
    bool validatePage() override;

private:
    bool revalidate();
    static QComboBox* makeFrequencyCombo(QWidget* parent, const QString& objectName);

    std::function<QDateTime()> m_clock;
    QCheckBox* m_rollback = nullptr;
    QGroupBox* m_renewal = nullptr;
    QRadioButton* m_renewDays = nullptr;
    QRadioButton* m_renewOnDate = nullptr;
    QSpinBox* m_renewWithin = nullptr;
    QDateEdit* m_renewalDate = nullptr;
    QComboBox* m_renewalFrequency = nullptr;
    QTimeEdit* m_renewalTime = nullptr;
    QComboBox* m_renewalZone = nullptr;
    FieldMessage* m_renewalMessage = nullptr;
    QGroupBox* m_deployment = nullptr;
    QRadioButton* m_deployImmediately = nullptr;
    QRadioButton* m_deployOnDate = nullptr;
    QDateEdit* m_deploymentDate = nullptr;
    QTimeEdit* m_deploymentTime = nullptr;
    QComboBox* m_deploymentZone = nullptr;
    QComboBox* m_deploymentFrequency = nullptr;
    FieldMessage* m_deploymentMessage = nullptr;
    bool m_valid = true;
};

} // namespace certdeck::ui
