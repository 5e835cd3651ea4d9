#include "ui/wizard/ProvisioningWizard.h"

#include "engine/core/Async.h"
#include "engine/deploy/DeployerSecrets.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/BotRepository.h"
#include "ui/wizard/CertificateAuthorityPage.h"
#include "ui/wizard/CsrPage.h"
#include "ui/wizard/DcvPage.h"
#include "ui/wizard/DeploymentDetailsPage.h"
#include "ui/wizard/SchedulePage.h"

#include <QAbstractButton>
#include <QLabel>
#include <QLayout>

#include <openssl/crypto.h>

namespace certdeck::ui {
namespace {

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty()) {
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    }
    secret.clear();
}

} // namespace

ProvisioningWizard::ProvisioningWizard(const UiServices& services, qint64 certificateId,
                                       const ProvisioningConfig& initial, QWidget* parent)
    : QWizard(parent)
    , m_services(services)
    , m_certificateId(certificateId)
    , m_initial(initial)
    , m_deployment(new DeploymentDetailsPage(services.deployers, this))
    , m_ca(new CertificateAuthorityPage(services.cas, this))
    , m_csr(new CsrPage(services.database, this))
    , m_dcv(new DcvPage(this))
    , m_schedule(new SchedulePage(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("provisioningWizard"));
    setWindowTitle(certificateId == 0 ? tr("Provision New Certificate") : tr("Provision %1").arg(initial.commonName));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("&Save"));
    setPage(DeploymentPage, m_deployment);
    setPage(CaPage, m_ca);
    setPage(CsrPageId, m_csr);
    setPage(DcvPageId, m_dcv);
    setPage(SchedulePageId, m_schedule);

    m_status->setObjectName(QStringLiteral("saveStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->hide();

    m_deployment->load(initial);
    m_ca->load(initial);
    m_csr->setHasExistingCertificate(certificateId != 0);
    m_csr->load(initial);
    m_dcv->load(initial);
    m_schedule->load(initial.schedule);
    loadBots();
    resize(760, 680);
}

ProvisioningWizard::~ProvisioningWizard()
{
    wipe(m_password);
}

ProvisioningConfig ProvisioningWizard::config() const
{
    ProvisioningConfig config = m_initial;
    m_deployment->store(config);
    m_ca->store(config);
    m_csr->store(config);
    m_dcv->store(config);
    m_schedule->store(config.schedule);
    return config;
}

QString ProvisioningWizard::saveError() const
{
    return m_status->isVisible() ? m_status->text() : QString();
}

void ProvisioningWizard::loadBots()
{
    if (!m_services.database) {
        return; // only the local bot
    }
    runInBackground<Result<QList<Bot>>>(
        this, [db = m_services.database] { return store::BotRepository(*db).all(); },
        [this](Result<QList<Bot>> bots) {
            m_deployment->setBots(bots.ok() ? bots.value() : QList<Bot>(), bots.ok() ? QString() : bots.message());
        });
}

void ProvisioningWizard::accept()
{
    if (m_saving || !validateCurrentPage()) {
        return;
    }
    if (!m_services.lifecycle) {
        finishSaving(tr("Saving failed: the console has no engine connection."));
        return;
    }
    m_saving = true;
    m_status->hide();
    button(QWizard::FinishButton)->setEnabled(false);
    button(QWizard::BackButton)->setEnabled(false);
    setCursor(Qt::BusyCursor);

    wipe(m_password);
    m_password = m_csr->keyStorePassword();
    m_csr->wipePassword();
    m_fieldSecrets = m_deployment->secretValues();
    const ProvisioningConfig current = config();

    const auto save = [this, current] {
        if (m_certificateId != 0) {
            storePasswordThenSave(m_certificateId, current, false);
            return;
        }
        m_services.lifecycle->createCertificateEntry(current, this, [this, current](Result<qint64> created) {
            if (!created.ok()) {
                finishSaving(tr("The certificate entry could not be created: %1").arg(created.message()));
                return;
            }
            m_certificateId = created.value();
            if (m_password.isEmpty() && m_fieldSecrets.isEmpty()) {
                Q_EMIT saved(m_certificateId);
                finishSaving(QString());
                return;
            }
            storePasswordThenSave(m_certificateId, current, true);
        });
    };

    // dns-01: the TSIG secret goes to the keychain first; the configuration keeps only the key name.
    QByteArray tsigSecret = m_dcv->tsigSecret();
    if (tsigSecret.isEmpty()) {
        save();
        return;
    }
    if (!m_services.secrets) {
        wipe(tsigSecret);
        finishSaving(tr("The TSIG secret could not be stored: no keychain is available. %1")
                         .arg(secrets::SecretStore::unavailableHelp()));
        return;
    }
    m_services.secrets->write(m_dcv->tsigSecretKey(), tsigSecret, this, [this, save](Status status) {
        if (!status.ok()) {
            finishSaving(tr("The TSIG secret could not be stored in the keychain: %1").arg(status.message()));
            return;
        }
        m_dcv->wipeSecret();
        save();
    });
    wipe(tsigSecret);
}

void ProvisioningWizard::storePasswordThenSave(qint64 certificateId, ProvisioningConfig config, bool created)
{
    if (m_password.isEmpty()) {
        storeFieldSecretsThenSave(certificateId, config, created);
        return;
    }
    if (!m_services.secrets) {
        finishSaving(tr("The key store password could not be stored: no keychain is available. %1")
                         .arg(secrets::SecretStore::unavailableHelp()));
        return;
    }
    const QString key = QStringLiteral("keystore/%1").arg(certificateId);
    m_services.secrets->write(
        key, m_password, this, [this, certificateId, config, created, key](Status status) mutable {
            wipe(m_password);
            if (!status.ok()) {
                finishSaving(
                    tr("The key store password could not be stored in the keychain: %1").arg(status.message()));
                return;
            }
            config.keyStorePasswordRef = key;
            storeFieldSecretsThenSave(certificateId, config, created);
        });
}

void ProvisioningWizard::storeFieldSecretsThenSave(qint64 certificateId, ProvisioningConfig config, bool created)
{
    if (m_fieldSecrets.isEmpty()) {
        saveConfig(certificateId, config, created);
        return;
    }
    if (!m_services.secrets) {
        m_fieldSecrets.clear();
        finishSaving(tr("The server's password could not be stored: no keychain is available. %1")
                         .arg(secrets::SecretStore::unavailableHelp()));
        return;
    }
    const QString field = m_fieldSecrets.firstKey();
    QString value = m_fieldSecrets.take(field);
    QByteArray secret = value.toUtf8();
    value.fill(QLatin1Char('\0'));
    m_services.secrets->write(
        deploy::deployerSecretKey(certificateId, field), secret, this,
        [this, certificateId, config, created, field](Status status) {
            if (!status.ok()) {
                m_fieldSecrets.clear();
                finishSaving(
                    tr("The password of \"%1\" could not be stored in the keychain: %2").arg(field, status.message()));
                return;
            }
            storeFieldSecretsThenSave(certificateId, config, created);
        });
    wipe(secret);
}

void ProvisioningWizard::saveConfig(qint64 certificateId, const ProvisioningConfig& config, bool created)
{
    m_services.lifecycle->saveProvisioningConfig(
        certificateId, config, this, [this, certificateId, created](Status status) {
            if (!status.ok()) {
                finishSaving(created
                                 ? tr("The certificate entry was created, but its configuration could not be saved: %1")
                                       .arg(status.message())
                                 : tr("The provisioning configuration could not be saved: %1").arg(status.message()));
                return;
            }
            Q_EMIT saved(certificateId);
            finishSaving(QString());
        });
}

void ProvisioningWizard::finishSaving(const QString& error)
{
    m_saving = false;
    unsetCursor();
    button(QWizard::FinishButton)->setEnabled(true);
    button(QWizard::BackButton)->setEnabled(true);
    if (error.isEmpty()) {
        QWizard::accept();
        return;
    }
    // Show the engine's message on the current page, where the operator is looking.
    if (QWizardPage* page = currentPage()) {
        if (m_status->parentWidget() != page) {
            m_status->setParent(page);
            if (auto* layout = page->layout()) {
                layout->addWidget(m_status);
            }
        }
    }
    m_status->setText(error);
    m_status->show();
}

} // namespace certdeck::ui
