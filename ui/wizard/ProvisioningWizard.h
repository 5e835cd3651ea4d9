#pragma once

#include "engine/domain/ProvisioningConfig.h"
#include "ui/UiServices.h"

#include <QWizard>

class QLabel;

namespace certdeck::ui {

class CertificateAuthorityPage;
class CsrPage;
class DcvPage;
class DeploymentDetailsPage;
class SchedulePage;

// The five-step provisioning configuration of the spec. Finish saves through the LifecycleService
// (createCertificateEntry for a new certificate, saveProvisioningConfig for an existing one); the key
// store password goes to the keychain under "keystore/<certId>" and only that reference is stored.
// The wizard stays open, with the engine's message, when saving fails.
class ProvisioningWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { DeploymentPage, CaPage, CsrPageId, DcvPageId, SchedulePageId };

    // certificateId 0: a new certificate entry.
    ProvisioningWizard(const UiServices& services, qint64 certificateId, const ProvisioningConfig& initial,
                       QWidget* parent = nullptr);
    ~ProvisioningWizard() override;

    qint64 certificateId() const { return m_certificateId; }
    ProvisioningConfig config() const; // what the pages hold now (without a new password reference)
    bool isSaving() const { return m_saving; }
    QString saveError() const;

    DeploymentDetailsPage* deploymentPage() const { return m_deployment; }
    CertificateAuthorityPage* caPage() const { return m_ca; }
    CsrPage* csrPage() const { return m_csr; }
    DcvPage* dcvPage() const { return m_dcv; }
    SchedulePage* schedulePage() const { return m_schedule; }

    void accept() override;

Q_SIGNALS:
    void saved(qint64 certificateId);

private:
    void loadBots();
    void storePasswordThenSave(qint64 certificateId, ProvisioningConfig config, bool created);
    // Deployment Details' Secret fields into the keychain (deploy::deployerSecretKey), one after another, then save.
    void storeFieldSecretsThenSave(qint64 certificateId, ProvisioningConfig config, bool created);
    void saveConfig(qint64 certificateId, const ProvisioningConfig& config, bool created);
    void finishSaving(const QString& error);

    UiServices m_services;
    qint64 m_certificateId = 0;
    ProvisioningConfig m_initial;
    DeploymentDetailsPage* m_deployment = nullptr;
    CertificateAuthorityPage* m_ca = nullptr;
    CsrPage* m_csr = nullptr;
    DcvPage* m_dcv = nullptr;
    SchedulePage* m_schedule = nullptr;
    QLabel* m_status = nullptr;
    bool m_saving = false;
    QByteArray m_password;
    QMap<QString, QString> m_fieldSecrets; // Deployment Details' passwords, on their way to the keychain
};

} // namespace certdeck::ui
