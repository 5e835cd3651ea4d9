#pragma once

#include "engine/domain/CsrTemplate.h"
#include "engine/domain/ProvisioningConfig.h"
#include "ui/dialogs/CsrTemplateDialog.h"
#include "ui/dialogs/CsrTemplatesDialog.h"

#include <QPointer>
#include <QWizardPage>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace certdeck::store {
class Database;
}

namespace certdeck::ui {

class FieldMessage;

// Step 3: how the CSR is built (Use Existing / Partial Override / Full Override with a stored CSR template), the
// identity, the key and the key store. Choosing a template fills the key algorithm, size and signature algorithm
// and shows its subject; the page refuses a configuration outside the template's policy. The key store password is
// handed to the wizard (for the keychain), never stored here. Templates are read and written off the GUI thread.
class CsrPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CsrPage(std::shared_ptr<store::Database> db, QWidget* parent = nullptr);

    void load(const ProvisioningConfig& config);
    void store(ProvisioningConfig& config) const;
    // The password typed in this session; empty when unchanged.
    QByteArray keyStorePassword() const;
    void wipePassword();
    // False for a new certificate entry: there is no existing certificate to take a CSR from.
    void setHasExistingCertificate(bool hasExisting);

    bool isComplete() const override;
    bool validatePage() override;
    void initializePage() override;

    QList<CsrTemplate> templates() const { return m_templates; }
    std::optional<CsrTemplate> selectedTemplate() const;
    CsrTemplateDialog* templateEditor() const;   // the open New.../Edit... dialog, if any
    CsrTemplatesDialog* templateManager() const; // the open Manage templates... dialog, if any

public Q_SLOTS:
    void reloadTemplates();
    void newTemplate();
    void editTemplate();
    void manageTemplates();

Q_SIGNALS:
    void templatesLoaded();

private:
    void updateMode();
    void updateKeyChoices();
    void applySelectedTemplate();
    void fillTemplateCombo();
    void openEditor(const CsrTemplate& initial);
    bool revalidate();
    QString certificateTypeProblem() const;
    CsrMode mode() const;

    std::shared_ptr<store::Database> m_db;
    QRadioButton* m_useExisting = nullptr;
    QRadioButton* m_partial = nullptr;
    QRadioButton* m_full = nullptr;
    FieldMessage* m_modeMessage = nullptr;
    QLineEdit* m_commonName = nullptr;
    FieldMessage* m_commonNameMessage = nullptr;
    QLineEdit* m_sans = nullptr;
    FieldMessage* m_sansMessage = nullptr;
    QComboBox* m_certificateType = nullptr;
    FieldMessage* m_certificateTypeMessage = nullptr;
    QComboBox* m_existingOrNew = nullptr;
    QComboBox* m_template = nullptr;
    QPushButton* m_newTemplate = nullptr;
    QPushButton* m_editTemplate = nullptr;
    QPushButton* m_manageTemplates = nullptr;
    QLabel* m_templateSubject = nullptr;
    FieldMessage* m_templateMessage = nullptr;
    QComboBox* m_keyAlgorithm = nullptr;
    QComboBox* m_keySize = nullptr;
    FieldMessage* m_keySizeMessage = nullptr;
    QComboBox* m_signatureAlgorithm = nullptr;
    QComboBox* m_keyStoreType = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_confirm = nullptr;
    FieldMessage* m_passwordMessage = nullptr;
    QList<CsrTemplate> m_templates;
    QString m_wantedTemplate; // to select once the templates are loaded (from load() or a just-saved template)
    bool m_templatesReady = false;
    bool m_applyOnLoad = false; // a template was just saved from this page: fill its values once listed
    QString m_templatesError;
    QString m_loadedCommonName;
    bool m_hasExisting = true;
    bool m_hasStoredPassword = false;
    bool m_loading = false;
    bool m_valid = false;
    QPointer<CsrTemplateDialog> m_editor;
    QPointer<CsrTemplatesDialog> m_manager;
};

} // namespace certdeck::ui
