#pragma once

#include "engine/deploy/DeployerField.h"
#include "engine/discovery/AutomaticDeployment.h"
#include "engine/domain/Bot.h"
#include "engine/domain/ProvisioningConfig.h"

#include <QMap>
#include <QSet>
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
// Automatic lists what the bots' stored scans found for the certificate's endpoint host and names
// (discovery::suggestDeployments); choosing a suggestion fills bot, server type and fields, which stay read-only
// until Manual is chosen. Without a suggestion Automatic is not selectable and says why.
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
    // The certificate's names (Automatic matches them against the scanned endpoints' names).
    void setCertificateNames(const QString& commonName, const QStringList& sans);

    QComboBox* suggestionCombo() const { return m_suggestion; }
    const QList<discovery::DeploymentSuggestion>& suggestions() const { return m_suggestions; }
    // Why Automatic is not available (empty when it is, or while the bots are not listed yet).
    QString automaticUnavailableReason() const { return m_whyNoSuggestion; }

    QComboBox* serverTypeCombo() const { return m_serverType; }
    QWidget* fieldEditor(const QString& fieldId) const { return m_editors.value(fieldId); }
    // The values saved in the configuration: a Secret field holds deploy::kStoredInKeychain, never its value.
    QVariantMap fieldValues() const;
    // The Secret fields typed in this session (field id -> value), for the keychain.
    QMap<QString, QString> secretValues() const;

private:
    void rebuildFields();
    bool revalidate();
    void resolveEndpointHost();
    void updateSuggestions();
    void applySuggestion(int index);
    void updateMode();

    const deploy::DeployerRegistry* m_deployers = nullptr;
    QRadioButton* m_automatic = nullptr;
    QRadioButton* m_manual = nullptr;
    QLabel* m_automaticHint = nullptr;
    QComboBox* m_suggestion = nullptr;
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
    bool m_endpointOptional = false; // files delivered over SFTP/FTP: a handshake only when an endpoint is given
    QMap<QString, QWidget*> m_editors;
    qint64 m_wantedBot = 0; // the configuration's bot, selected once the bots are listed
    bool m_botsListed = false;
    QVariantMap m_pendingValues;   // loaded values applied when their server type's fields are built
    QSet<QString> m_storedSecrets; // Secret fields whose value the keychain already holds
    bool m_valid = false;
    QList<Bot> m_bots;
    QString m_commonName;
    QStringList m_sans;
    QString m_resolvedHost; // the endpoint host m_resolvedAddresses belong to
    QStringList m_resolvedAddresses;
    int m_lookupId = -1;
    QList<discovery::DeploymentSuggestion> m_suggestions;
    QString m_whyNoSuggestion;
    bool m_applying = false;
};

} // namespace certdeck::ui
