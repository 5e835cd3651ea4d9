#include "ui/wizard/CsrPage.h"

#include "ui/widgets/FieldMessage.h"
#include "ui/wizard/InputRules.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace certdeck::ui {
CsrPage::CsrPage(QWidget* parent)
    : QWizardPage(parent)
    , m_useExisting(new QRadioButton(tr("Use &existing certificate CSR"), this))
    , m_partial(new QRadioButton(tr("&Partial override"), this))
    , m_full(new QRadioButton(tr("&Full override"), this))
    , m_commonName(new QLineEdit(this))
    , m_commonNameMessage(new FieldMessage(QStringLiteral("commonNameMessage"), this))
    , m_sans(new QLineEdit(this))
    , m_sansMessage(new FieldMessage(QStringLiteral("sansMessage"), this))
    , m_certificateType(new QComboBox(this))
    , m_existingOrNew(new QComboBox(this))
    , m_template(new QLineEdit(this))
    , m_keyAlgorithm(new QComboBox(this))
    , m_keySize(new QComboBox(this))
    , m_signatureAlgorithm(new QComboBox(this))
    , m_keyStoreType(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_confirm(new QLineEdit(this))
    , m_passwordMessage(new FieldMessage(QStringLiteral("passwordMessage"), this))
{
    setObjectName(QStringLiteral("csrPage"));
    setTitle(tr("Certificate Signing Request"));
    setSubTitle(tr("The identity and cryptographic details of the certificate request."));

    m_useExisting->setObjectName(QStringLiteral("csrUseExisting"));
    m_useExisting->setToolTip(
        tr("Renew or replace without changing the identity: details come from the existing certificate."));
    m_partial->setObjectName(QStringLiteral("csrPartialOverride"));
    m_partial->setToolTip(tr("Keep the base identity, change type, SANs, key or signature algorithm."));
    m_full->setObjectName(QStringLiteral("csrFullOverride"));
    m_full->setToolTip(tr("A completely new request with a new key pair."));
    m_full->setChecked(true);
    auto* modes = new QButtonGroup(this);
    for (auto* button : {m_useExisting, m_partial, m_full}) {
        modes->addButton(button);
    }

    m_commonName->setObjectName(QStringLiteral("commonName"));
    m_commonName->setPlaceholderText(tr("shop.example.com"));
    m_sans->setObjectName(QStringLiteral("sans"));
    m_sans->setPlaceholderText(tr("www.example.com, api.example.com"));
    m_certificateType->setObjectName(QStringLiteral("certificateType"));
    m_certificateType->addItem(tr("DV (domain validation)"), static_cast<int>(CertificateType::DV));
    m_certificateType->addItem(tr("OV (organization validation)"), static_cast<int>(CertificateType::OV));
    m_certificateType->addItem(tr("EV (extended validation)"), static_cast<int>(CertificateType::EV));
    m_certificateType->addItem(tr("Existing"), static_cast<int>(CertificateType::Existing));
    m_certificateType->addItem(tr("Others"), static_cast<int>(CertificateType::Others));
    m_existingOrNew->setObjectName(QStringLiteral("existingOrNewCsr"));
    m_existingOrNew->addItem(tr("New CSR"), false);
    m_existingOrNew->addItem(tr("Existing CSR"), true);
    m_template->setObjectName(QStringLiteral("csrTemplate"));
    m_template->setPlaceholderText(tr("Optional template name"));
    m_keyAlgorithm->setObjectName(QStringLiteral("keyAlgorithm"));
    m_keyAlgorithm->addItem(tr("RSA"), QStringLiteral("RSA"));
    m_keyAlgorithm->addItem(tr("EC"), QStringLiteral("EC"));
    m_keySize->setObjectName(QStringLiteral("keySize"));
    m_signatureAlgorithm->setObjectName(QStringLiteral("signatureAlgorithm"));
    m_keyStoreType->setObjectName(QStringLiteral("keyStoreType"));
    m_keyStoreType->addItem(tr("PEM files"), QStringLiteral("PEM"));
    m_keyStoreType->addItem(tr("PKCS12"), QStringLiteral("PKCS12"));
    m_keyStoreType->addItem(tr("JKS"), QStringLiteral("JKS"));
    m_password->setObjectName(QStringLiteral("keyStorePassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_confirm->setObjectName(QStringLiteral("keyStorePasswordConfirm"));
    m_confirm->setEchoMode(QLineEdit::Password);

    auto* modeRow = new QHBoxLayout;
    modeRow->addWidget(m_useExisting);
    modeRow->addWidget(m_partial);
    modeRow->addWidget(m_full);
    modeRow->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("CSR mode:"), modeRow);
    form->addRow(tr("Common &Name:"), m_commonName);
    form->addRow(QString(), m_commonNameMessage);
    form->addRow(tr("SA&Ns (comma separated):"), m_sans);
    form->addRow(QString(), m_sansMessage);
    form->addRow(tr("Certificate &type:"), m_certificateType);
    form->addRow(tr("Existing or new CSR:"), m_existingOrNew);
    form->addRow(tr("CSR te&mplate:"), m_template);
    form->addRow(tr("&Key algorithm:"), m_keyAlgorithm);
    form->addRow(tr("Key si&ze:"), m_keySize);
    form->addRow(tr("Si&gnature algorithm:"), m_signatureAlgorithm);
    form->addRow(tr("Key store t&ype:"), m_keyStoreType);
    form->addRow(tr("Key store &password:"), m_password);
    form->addRow(tr("Confirm pass&word:"), m_confirm);
    form->addRow(QString(), m_passwordMessage);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);

    updateKeyChoices();
    updateMode();
    connect(m_useExisting, &QRadioButton::toggled, this, &CsrPage::updateMode);
    connect(m_partial, &QRadioButton::toggled, this, &CsrPage::updateMode);
    connect(m_keyAlgorithm, &QComboBox::currentIndexChanged, this, &CsrPage::updateKeyChoices);
    for (QLineEdit* edit : {m_commonName, m_sans, m_password, m_confirm}) {
        connect(edit, &QLineEdit::textChanged, this, &CsrPage::revalidate);
    }
    connect(m_keyStoreType, &QComboBox::currentIndexChanged, this, &CsrPage::revalidate);
    revalidate();
}

CsrMode CsrPage::mode() const
{
    if (m_useExisting->isChecked()) {
        return CsrMode::UseExisting;
    }
    return m_partial->isChecked() ? CsrMode::PartialOverride : CsrMode::FullOverride;
}

void CsrPage::updateMode()
{
    const CsrMode current = mode();
    const bool crypto = current != CsrMode::UseExisting;
    m_certificateType->setEnabled(crypto);
    m_keyAlgorithm->setEnabled(crypto);
    m_keySize->setEnabled(crypto);
    m_signatureAlgorithm->setEnabled(crypto);
    m_existingOrNew->setEnabled(current == CsrMode::FullOverride);
    m_template->setEnabled(current == CsrMode::FullOverride);
    m_sans->setToolTip(current == CsrMode::UseExisting
                           ? tr("Additional domains; leave empty to reuse the existing SANs.")
                           : tr("All domains the certificate covers, separated by commas."));
    revalidate();
}

void CsrPage::updateKeyChoices()
{
    const bool ec = m_keyAlgorithm->currentData().toString() == QLatin1String("EC");
    const int size = m_keySize->currentData().toInt();
    const QString signature = m_signatureAlgorithm->currentData().toString();
    m_keySize->clear();
    m_signatureAlgorithm->clear();
    if (ec) {
        m_keySize->addItem(tr("P-256"), 256);
        m_keySize->addItem(tr("P-384"), 384);
        m_signatureAlgorithm->addItem(QStringLiteral("SHA256WithECDSA"), QStringLiteral("SHA256WithECDSA"));
        m_signatureAlgorithm->addItem(QStringLiteral("SHA384WithECDSA"), QStringLiteral("SHA384WithECDSA"));
    } else {
        m_keySize->addItem(tr("2048 bits"), 2048);
        m_keySize->addItem(tr("3072 bits"), 3072);
        m_keySize->addItem(tr("4096 bits"), 4096);
        m_signatureAlgorithm->addItem(QStringLiteral("SHA256WithRSA"), QStringLiteral("SHA256WithRSA"));
        m_signatureAlgorithm->addItem(QStringLiteral("SHA384WithRSA"), QStringLiteral("SHA384WithRSA"));
        m_signatureAlgorithm->addItem(QStringLiteral("SHA512WithRSA"), QStringLiteral("SHA512WithRSA"));
    }
    const int sizeIndex = m_keySize->findData(size);
    m_keySize->setCurrentIndex(sizeIndex >= 0 ? sizeIndex : 0);
    const int signatureIndex = m_signatureAlgorithm->findData(signature);
    m_signatureAlgorithm->setCurrentIndex(signatureIndex >= 0 ? signatureIndex : 0);
}

bool CsrPage::revalidate()
{
    bool valid = m_commonNameMessage->setMessage(inputrules::checkCommonName(m_commonName->text()));
    valid = m_sansMessage->setMessage(inputrules::checkSans(m_sans->text())) && valid;

    QString passwordMessage;
    const bool needsPassword = m_keyStoreType->currentData().toString() != QLatin1String("PEM");
    if (m_password->text() != m_confirm->text()) {
        passwordMessage = tr("Key store password: the two passwords differ; type the same password in both fields.");
    } else if (needsPassword && m_password->text().isEmpty() && !m_hasStoredPassword) {
        passwordMessage = tr("Key store password: enter the password that protects the %1 key store "
                             "(at least 8 characters).")
                              .arg(m_keyStoreType->currentText());
    } else if (!m_password->text().isEmpty() && m_password->text().size() < 8) {
        passwordMessage = tr("Key store password: enter at least 8 characters.");
    }
    valid = m_passwordMessage->setMessage(passwordMessage) && valid;
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT completeChanged();
    }
    return valid;
}

bool CsrPage::isComplete() const
{
    return m_valid;
}

bool CsrPage::validatePage()
{
    return revalidate();
}

void CsrPage::load(const ProvisioningConfig& config)
{
    switch (config.csrMode) {
    case CsrMode::UseExisting:
        m_useExisting->setChecked(true);
        break;
    case CsrMode::PartialOverride:
        m_partial->setChecked(true);
        break;
    case CsrMode::FullOverride:
        m_full->setChecked(true);
        break;
    }
    m_commonName->setText(config.commonName);
    QStringList sans = config.sans;
    sans.removeAll(config.commonName); // the CN is always included; show only the additional names
    m_sans->setText(sans.join(QStringLiteral(", ")));
    m_certificateType->setCurrentIndex(m_certificateType->findData(static_cast<int>(config.certificateType)));
    m_existingOrNew->setCurrentIndex(config.reuseExistingCsr ? 1 : 0);
    m_template->setText(config.csrTemplate);
    m_keyAlgorithm->setCurrentIndex(std::max(0, m_keyAlgorithm->findData(config.keyAlgorithm)));
    updateKeyChoices();
    m_keySize->setCurrentIndex(std::max(0, m_keySize->findData(config.keySize)));
    m_signatureAlgorithm->setCurrentIndex(std::max(0, m_signatureAlgorithm->findData(config.signatureAlgorithm)));
    m_keyStoreType->setCurrentIndex(std::max(0, m_keyStoreType->findData(config.keyStoreType)));
    m_hasStoredPassword = !config.keyStorePasswordRef.isEmpty();
    m_password->setPlaceholderText(m_hasStoredPassword ? tr("Stored in the keychain; leave empty to keep it")
                                                       : QString());
    updateMode();
}

void CsrPage::store(ProvisioningConfig& config) const
{
    config.csrMode = mode();
    config.commonName = m_commonName->text().trimmed();
    QStringList sans{config.commonName};
    const QStringList extra = inputrules::splitSans(m_sans->text());
    for (const QString& san : extra) {
        if (!sans.contains(san, Qt::CaseInsensitive)) {
            sans.append(san);
        }
    }
    config.sans = sans;
    config.certificateType = static_cast<CertificateType>(m_certificateType->currentData().toInt());
    config.reuseExistingCsr = m_existingOrNew->currentData().toBool();
    config.csrTemplate = m_template->text().trimmed();
    config.keyAlgorithm = m_keyAlgorithm->currentData().toString();
    config.keySize = m_keySize->currentData().toInt();
    config.signatureAlgorithm = m_signatureAlgorithm->currentData().toString();
    config.keyStoreType = m_keyStoreType->currentData().toString();
    // keyStorePasswordRef is set by the wizard once the password is in the keychain.
}

QByteArray CsrPage::keyStorePassword() const
{
    return m_password->text().toUtf8();
}

void CsrPage::wipePassword()
{
    m_password->clear();
    m_confirm->clear();
}

} // namespace certdeck::ui
