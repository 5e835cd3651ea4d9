#pragma once

#include "engine/deploy/DeployerField.h"
#include "engine/domain/Bot.h"
#include "engine/domain/ProvisioningConfig.h"

#include <QMap>
#include <QWizardPage>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QRadioButton;

namespace certdeck::deploy {
class DeployerRegistry;
}

namespace certdeck::ui {

class FieldMessage;

// Step 1: deployment type, provision bot, agentless server, server type and the server's own fields,
// rendered from the deployer's DeployerField schema and checked with deploy::validateFieldValues.
class DeploymentDetailsPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DeploymentDetailsPage(const deploy::DeployerRegistry* deployers, QWidget* parent = nullptr);

    void load(const ProvisioningConfig& config);
    void store(ProvisioningConfig& config) const;

    bool isComplete() const override;
    bool validatePage() override;

    // The registered bots (from the inventory); the local bot stays first. error: why they could not be read.
    void setBots(const QList<Bot>& bots, const QString& error = {});

    QComboBox* serverTypeCombo() const { return m_serverType; }
    QWidget* fieldEditor(const QString& fieldId) const { return m_editors.value(fieldId); }
    QVariantMap fieldValues() const;

private:
    void rebuildFields();
    bool revalidate();

    const deploy::DeployerRegistry* m_deployers = nullptr;
    QRadioButton* m_automatic = nullptr;
    QRadioButton* m_manual = nullptr;
    QLabel* m_automaticHint = nullptr;
    QComboBox* m_bot = nullptr;
    FieldMessage* m_botMessage = nullptr;
    QLineEdit* m_agentless = nullptr;
    FieldMessage* m_agentlessMessage = nullptr;
    QLineEdit* m_endpointHost = nullptr;
    QSpinBox* m_endpointPort = nullptr;
    FieldMessage* m_endpointMessage = nullptr;
    QComboBox* m_serverType = nullptr;
    FieldMessage* m_serverTypeMessage = nullptr;
    QGroupBox* m_fieldsBox = nullptr;
    QFormLayout* m_fieldsForm = nullptr;
    FieldMessage* m_fieldsMessage = nullptr;
    QList<deploy::DeployerField> m_schema;
    QMap<QString, QWidget*> m_editors;
    qint64 m_wantedBot = 0; // the configuration's bot, selected once the bots are listed
    bool m_botsListed = false;
    QVariantMap m_pendingValues; // loaded values applied when their server type's fields are built
    bool m_valid = false;
};

} // namespace certdeck::ui
