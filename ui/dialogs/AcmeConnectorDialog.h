#pragma once

#include "engine/ca/AcmeAdmin.h"

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace certdeck::ca {
class CaRegistry;
}

namespace certdeck::ui {

class ActivityIndicator;
class FieldMessage;

// "Add ACME Connector": the CA (preset or custom directory URL), the connector name, the account's contact and
// terms agreement, External Account Binding where the CA needs it, and the connector's options. Create registers
// the account through AcmeAdmin (asynchronously); on failure the dialog stays open with the CA's message and
// everything entered, on success it closes and created() holds the new connector.
class AcmeConnectorDialog : public QDialog
{
    Q_OBJECT
public:
    // cas: for the names already taken (may be null); admin must outlive the dialog.
    AcmeConnectorDialog(ca::AcmeAdmin* admin, const ca::CaRegistry* cas, QWidget* parent = nullptr);

    ca::AcmeConnectorSpec spec() const;
    void setSpec(const ca::AcmeConnectorSpec& spec); // the EAB HMAC key is not shown back
    // Names that are taken besides those in the registry (the admin's list is added when it answers).
    void setExistingNames(const QStringList& names);

    bool isCreating() const { return m_creating; }
    QString errorText() const; // the last failure, empty when none is shown
    const ca::AcmeConnectorInfo& created() const { return m_created; }

    void accept() override; // validates, then creates
    void reject() override; // refused while creating

private:
    ca::AcmePreset currentPreset() const;
    void presetChanged();
    void suggestName();
    bool validate();
    QString firstProblem() const;
    void setCreating(bool creating);
    void chooseTrustBundle();

    ca::AcmeAdmin* m_admin = nullptr;
    QList<ca::AcmePreset> m_presets;
    QStringList m_takenNames;
    QComboBox* m_preset = nullptr;
    QLineEdit* m_directoryUrl = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_email = nullptr;
    QCheckBox* m_terms = nullptr;
    QLabel* m_eabHelp = nullptr;
    QLineEdit* m_eabKeyId = nullptr;
    QLineEdit* m_eabHmacKey = nullptr;
    QLineEdit* m_preferredChain = nullptr;
    QLineEdit* m_trustBundle = nullptr;
    QPushButton* m_browse = nullptr;
    QSpinBox* m_httpPort = nullptr;
    QFormLayout* m_form = nullptr;
    QWidget* m_fields = nullptr;
    FieldMessage* m_message = nullptr;
    FieldMessage* m_error = nullptr;
    ActivityIndicator* m_activity = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QString m_customUrl; // what was typed for "custom", kept while a preset is shown
    QString m_autoName;  // the name filled in from the preset, replaced when the preset changes
    bool m_creating = false;
    ca::AcmeConnectorInfo m_created;
};

} // namespace certdeck::ui
