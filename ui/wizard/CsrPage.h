#pragma once

#include "engine/domain/ProvisioningConfig.h"

#include <QWizardPage>

class QComboBox;
class QLineEdit;
class QRadioButton;

namespace certdeck::ui {

class FieldMessage;

// Step 3: how the CSR is built (Use Existing / Partial Override / Full Override), the identity, the key
// and the key store. The key store password is handed to the wizard (for the keychain), never stored here.
class CsrPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CsrPage(QWidget* parent = nullptr);

    void load(const ProvisioningConfig& config);
    void store(ProvisioningConfig& config) const;
    // The password typed in this session; empty when unchanged.
    QByteArray keyStorePassword() const;
    void wipePassword();

    bool isComplete() const override;
    bool validatePage() override;

private:
    void updateMode();
    void updateKeyChoices();
    bool revalidate();
    CsrMode mode() const;

    QRadioButton* m_useExisting = nullptr;
    QRadioButton* m_partial = nullptr;
    QRadioButton* m_full = nullptr;
    QLineEdit* m_commonName = nullptr;
    FieldMessage* m_commonNameMessage = nullptr;
    QLineEdit* m_sans = nullptr;
    FieldMessage* m_sansMessage = nullptr;
    QComboBox* m_certificateType = nullptr;
    QComboBox* m_existingOrNew = nullptr;
    QLineEdit* m_template = nullptr;
    QComboBox* m_keyAlgorithm = nullptr;
    QComboBox* m_keySize = nullptr;
    QComboBox* m_signatureAlgorithm = nullptr;
    QComboBox* m_keyStoreType = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_confirm = nullptr;
    FieldMessage* m_passwordMessage = nullptr;
    bool m_hasStoredPassword = false;
    bool m_valid = false;
};

} // namespace certdeck::ui
