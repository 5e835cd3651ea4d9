#pragma once

#include "engine/domain/ProvisioningConfig.h"

#include <QWizardPage>

class QComboBox;

namespace certdeck::ca {
class CaRegistry;
}

namespace certdeck::ui {

class FieldMessage;

// Step 2: the CA type and the named connector instance that issues the certificate.
class CertificateAuthorityPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CertificateAuthorityPage(const ca::CaRegistry* cas, QWidget* parent = nullptr);

    void load(const ProvisioningConfig& config);
    void store(ProvisioningConfig& config) const;
    bool isComplete() const override;
    bool validatePage() override;
    void initializePage() override;

private:
    void fillTypes();
    void fillConnectors();
    bool revalidate();

    const ca::CaRegistry* m_cas = nullptr;
    QComboBox* m_caType = nullptr;
    QComboBox* m_connector = nullptr;
    FieldMessage* m_message = nullptr;
    QString m_wantedType;
    QString m_wantedConnector;
    bool m_valid = false;
};

} // namespace certdeck::ui
