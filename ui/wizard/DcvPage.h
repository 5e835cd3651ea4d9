#pragma once

#include "engine/domain/ProvisioningConfig.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QWidget;

namespace certdeck::ui {

class FieldMessage;

// Step 4: Domain Control Validation. Either the bot writes the CA's token file into a directory the domain serves
// (http-01, the spec's "Attempt DCV using filename at location"), or the engine publishes the TXT record with an
// RFC 2136 dynamic update signed with a TSIG key (dns-01; the only way for wildcard names). The TSIG secret is
// handed to the wizard for the keychain ("tsig/<key name>"), never stored in the configuration.
class DcvPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DcvPage(QWidget* parent = nullptr);

    void load(const ProvisioningConfig& config);
    void store(ProvisioningConfig& config) const;
    // The TSIG secret typed in this session (base64 text); empty when unchanged or when dns-01 is not chosen.
    QByteArray tsigSecret() const;
    // The keychain entry the secret belongs in: "tsig/<key name>".
    QString tsigSecretKey() const;
    void wipeSecret();
    // The names the certificate will carry (from the CSR page): wildcards get a note that they need dns-01.
    void setIdentities(const QString& commonName, const QStringList& sans);

    bool isComplete() const override;
    bool validatePage() override;
    void initializePage() override;

private:
    bool revalidate();
    bool dns() const;

    QRadioButton* m_http = nullptr;
    QRadioButton* m_dns = nullptr;
    QWidget* m_httpBox = nullptr;
    QCheckBox* m_enabled = nullptr;
    QLineEdit* m_path = nullptr;
    FieldMessage* m_message = nullptr;
    QWidget* m_dnsBox = nullptr;
    QLineEdit* m_dnsServer = nullptr;
    QSpinBox* m_dnsPort = nullptr;
    FieldMessage* m_dnsServerMessage = nullptr;
    QLineEdit* m_dnsZone = nullptr;
    FieldMessage* m_dnsZoneMessage = nullptr;
    QLineEdit* m_keyName = nullptr;
    QComboBox* m_keyAlgorithm = nullptr;
    FieldMessage* m_keyNameMessage = nullptr;
    QLineEdit* m_secret = nullptr;
    FieldMessage* m_secretMessage = nullptr;
    QLabel* m_wildcardNote = nullptr;
    QStringList m_wildcards;
    QString m_storedKeyName; // the key whose secret is already in the keychain (from the loaded configuration)
    bool m_valid = true;
};

} // namespace certdeck::ui
