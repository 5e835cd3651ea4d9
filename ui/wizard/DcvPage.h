#pragma once

#include "engine/domain/ProvisioningConfig.h"

#include <QWizardPage>

class QCheckBox;
class QLineEdit;

namespace certdeck::ui {

class FieldMessage;

// Step 4: file-based Domain Control Validation by the bot, into a directory the domain serves.
class DcvPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DcvPage(QWidget* parent = nullptr);

    void load(const ProvisioningConfig& config);
    void store(ProvisioningConfig& config) const;
    bool isComplete() const override;

private:
    bool revalidate();

    QCheckBox* m_enabled = nullptr;
    QLineEdit* m_path = nullptr;
    FieldMessage* m_message = nullptr;
    bool m_valid = true;
};

} // namespace certdeck::ui
