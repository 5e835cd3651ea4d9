#include "ui/wizard/CsrPage.h"

#include "ui/dialogs/CsrTemplateDialog.h"
#include "ui/dialogs/CsrTemplateStore.h"
#include "ui/dialogs/CsrTemplatesDialog.h"
#include "ui/widgets/FieldMessage.h"
#include "ui/wizard/InputRules.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

constexpr int kMissingRole = Qt::UserRole + 1; // a template the configuration names but the store no longer has

QString subjectText(const CsrTemplate& t)
{
    QStringList parts;
    const QList<QPair<const char*, QString>> fields{
        {"O", t.organization}, {"OU", t.organizationalUnit}, {"L", t.locality}, {"ST", t.state}, {"C", t.country}};
    for (const auto& [key, value] : fields) {
        if (!value.isEmpty()) {
            parts << QStringLiteral("%1=%2").arg(QLatin1String(key), value);
        }
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

CsrPage::CsrPage(std::shared_ptr<store::Database> db, QWidget* parent)
    : QWizardPage(parent)
    , m_db(std::move(db))
    , m_useExisting(new QRadioButton(tr("Use &existing certificate CSR"), this))
    , m_partial(new QRadioButton(tr("&Partial override"), this))
    , m_full(new QRadioButton(tr("&Full override"), this))
    , m_modeMessage(new FieldMessage(QStringLiteral("csrModeMessage"), this))
    , m_commonName(new QLineEdit(this))
    , m_commonNameMessage(new FieldMessage(QStringLiteral("commonNameMessage"), this))
    , m_sans(new QLineEdit(this))
    , m_sansMessage(new FieldMessage(QStringLiteral("sansMessage"), this))
    , m_certificateType(new QComboBox(this))
    , m_certificateTypeMessage(new FieldMessage(QStringLiteral("certificateTypeMessage"), this))
    , m_existingOrNew(new QComboBox(this))
    , m_template(new QComboBox(this))
    , m_newTemplate(new QPushButton(tr("Ne&w..."), this))
    , m_editTemplate(new QPushButton(tr("E&dit..."), this))
    , m_manageTemplates(new QPushButton(tr("Manage &templates..."), this))
    , m_templateSubject(new QLabel(this))
    , m_templateMessage(new FieldMessage(QStringLiteral("templateMessage"), this))
    , m_keyAlgorithm(new QComboBox(this))
    , m_keySize(new QComboBox(this))
    , m_keySizeMessage(new FieldMessage(QStringLiteral("keySizeMessage"), this))
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
    m_full->setToolTip(tr("A completely new request with a new key pair, optionally from a CSR template."));
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
    m_existingOrNew->setToolTip(tr("Existing reuses the request the template and the current key describe; New "
                                   "generates a fresh request."));
    m_template->setObjectName(QStringLiteral("csrTemplate"));
    m_template->setToolTip(tr("A stored CSR template: key type and size, subject and policy."));
    m_template->setMinimumContentsLength(24);
    m_newTemplate->setObjectName(QStringLiteral("newCsrTemplate"));
    m_editTemplate->setObjectName(QStringLiteral("editCsrTemplate"));
    m_manageTemplates->setObjectName(QStringLiteral("manageCsrTemplates"));
    m_templateSubject->setObjectName(QStringLiteral("templateSubject"));
    m_templateSubject->setTextFormat(Qt::PlainText);
    m_templateSubject->setWordWrap(true);
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
    m_password->setToolTip(tr("Protects the key store and its private key; kept in the system keychain."));
    m_confirm->setObjectName(QStringLiteral("keyStorePasswordConfirm"));
    m_confirm->setEchoMode(QLineEdit::Password);

    auto* modeRow = new QHBoxLayout;
    modeRow->addWidget(m_useExisting);
    modeRow->addWidget(m_partial);
    modeRow->addWidget(m_full);
    modeRow->addStretch(1);
    auto* templateRow = new QHBoxLayout;
    templateRow->addWidget(m_template, 1);
    templateRow->addWidget(m_newTemplate);
    templateRow->addWidget(m_editTemplate);
    templateRow->addWidget(m_manageTemplates);
    auto* form = new QFormLayout;
    form->addRow(tr("CSR mode:"), modeRow);
    form->addRow(QString(), m_modeMessage);
    form->addRow(tr("Common &Name:"), m_commonName);
    form->addRow(QString(), m_commonNameMessage);
    form->addRow(tr("SA&Ns (comma separated):"), m_sans);
    form->addRow(QString(), m_sansMessage);
    form->addRow(tr("Certificate &type:"), m_certificateType);
    form->addRow(QString(), m_certificateTypeMessage);
    form->addRow(tr("Existing or new CSR:"), m_existingOrNew);
    auto* templateLabel = new QLabel(tr("CSR te&mplate:"), this);
    templateLabel->setBuddy(m_template);
    form->addRow(templateLabel, templateRow);
    form->addRow(QString(), m_templateSubject);
    form->addRow(QString(), m_templateMessage);
    form->addRow(tr("&Key algorithm:"), m_keyAlgorithm);
    form->addRow(tr("Key si&ze:"), m_keySize);
    form->addRow(QString(), m_keySizeMessage);
    form->addRow(tr("Si&gnature algorithm:"), m_signatureAlgorithm);
    form->addRow(tr("Key store t&ype:"), m_keyStoreType);
    form->addRow(tr("Key store &password:"), m_password);
    form->addRow(tr("Confirm pass&word:"), m_confirm);
    form->addRow(QString(), m_passwordMessage);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);

    fillTemplateCombo();
    updateKeyChoices();
    updateMode();
    connect(m_useExisting, &QRadioButton::toggled, this, &CsrPage::updateMode);
    connect(m_partial, &QRadioButton::toggled, this, &CsrPage::updateMode);
    connect(m_keyAlgorithm, &QComboBox::currentIndexChanged, this, &CsrPage::updateKeyChoices);
    connect(m_template, &QComboBox::currentIndexChanged, this, &CsrPage::applySelectedTemplate);
    connect(m_newTemplate, &QPushButton::clicked, this, &CsrPage::newTemplate);
    connect(m_editTemplate, &QPushButton::clicked, this, &CsrPage::editTemplate);
    connect(m_manageTemplates, &QPushButton::clicked, this, &CsrPage::manageTemplates);
    for (QLineEdit* edit : {m_commonName, m_sans, m_password, m_confirm}) {
        connect(edit, &QLineEdit::textChanged, this, &CsrPage::revalidate);
    }
    for (QComboBox* combo : {m_keyStoreType, m_certificateType, m_keySize, m_signatureAlgorithm}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &CsrPage::revalidate);
    }
    revalidate();
    reloadTemplates();
}

CsrMode CsrPage::mode() const
{
    if (m_useExisting->isChecked()) {
        return CsrMode::UseExisting;
    }
    return m_partial->isChecked() ? CsrMode::PartialOverride : CsrMode::FullOverride;
}

void CsrPage::setHasExistingCertificate(bool hasExisting)
{
    m_hasExisting = hasExisting;
    revalidate();
}

void CsrPage::initializePage()
{
    reloadTemplates(); // templates may have changed in another window
}

void CsrPage::updateMode()
{
    const CsrMode current = mode();
    const bool crypto = current != CsrMode::UseExisting;
    const bool full = current == CsrMode::FullOverride;
    m_certificateType->setEnabled(crypto);
    m_keyAlgorithm->setEnabled(crypto);
    m_keySize->setEnabled(crypto);
    m_signatureAlgorithm->setEnabled(crypto);
    m_existingOrNew->setEnabled(full);
    m_template->setEnabled(full && m_templatesReady);
    m_newTemplate->setEnabled(full && m_db != nullptr);
    m_editTemplate->setEnabled(full && selectedTemplate().has_value());
    m_manageTemplates->setEnabled(m_db != nullptr);
    m_templateSubject->setVisible(full && !m_templateSubject->text().isEmpty());
    // The spec's type lists: Partial Override offers "Existing", Full Override "Others".
    if (auto* model = qobject_cast<QStandardItemModel*>(m_certificateType->model())) {
        const auto setAvailable = [&](CertificateType type, bool available, const QString& tip) {
            QStandardItem* item = model->item(m_certificateType->findData(static_cast<int>(type)));
            item->setEnabled(available);
            item->setToolTip(available ? QString() : tip);
        };
        setAvailable(CertificateType::Existing, current != CsrMode::FullOverride,
                     tr("Full Override creates a new request: choose DV, OV, EV or Others."));
        setAvailable(CertificateType::Others, current != CsrMode::PartialOverride,
                     tr("Partial Override keeps the existing type family: choose DV, OV, EV or Existing."));
    }
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
    const QSignalBlocker sizeBlocker(m_keySize);
    const QSignalBlocker signatureBlocker(m_signatureAlgorithm);
    m_keySize->clear();
    m_signatureAlgorithm->clear();
    if (ec) {
        m_keySize->addItem(tr("P-256"), 256);
        m_keySize->addItem(tr("P-384"), 384);
        m_signatureAlgorithm->addItem(QStringLiteral("SHA256WithECDSA"), QStringLiteral("SHA256WithECDSA"));
        m_signatureAlgorithm->addItem(QStringLiteral("SHA384WithECDSA"), QStringLiteral("SHA384WithECDSA"));
    } else {
        // 1024 is listed so that legacy certificates load as they are; it is refused below.
        m_keySize->addItem(tr("1024 bits (weak)"), 1024);
        m_keySize->addItem(tr("2048 bits"), 2048);
        m_keySize->addItem(tr("3072 bits"), 3072);
        m_keySize->addItem(tr("4096 bits"), 4096);
        m_signatureAlgorithm->addItem(QStringLiteral("SHA256WithRSA"), QStringLiteral("SHA256WithRSA"));
        m_signatureAlgorithm->addItem(QStringLiteral("SHA384WithRSA"), QStringLiteral("SHA384WithRSA"));
        m_signatureAlgorithm->addItem(QStringLiteral("SHA512WithRSA"), QStringLiteral("SHA512WithRSA"));
    }
    const int sizeIndex = m_keySize->findData(size);
    m_keySize->setCurrentIndex(sizeIndex >= 0 ? sizeIndex : m_keySize->findData(ec ? 256 : 2048));
    const int signatureIndex = m_signatureAlgorithm->findData(signature);
    m_signatureAlgorithm->setCurrentIndex(signatureIndex >= 0 ? signatureIndex : 0);
    revalidate();
}

// ---- CSR templates

std::optional<CsrTemplate> CsrPage::selectedTemplate() const
{
    const QString name = m_template->currentData().toString();
    if (name.isEmpty()) {
        return std::nullopt;
    }
    for (const CsrTemplate& t : m_templates) {
        if (t.name == name) {
            return t;
        }
    }
    return std::nullopt;
}

CsrTemplateDialog* CsrPage::templateEditor() const
{
    return m_editor;
}

CsrTemplatesDialog* CsrPage::templateManager() const
{
    return m_manager;
}

void CsrPage::reloadTemplates()
{
    if (!m_wantedTemplate.isEmpty() || !m_templatesReady) {
        // keep what load() or a just-saved template asked for
    } else {
        m_wantedTemplate = m_template->currentData().toString();
    }
    csrtemplates::load(m_db, this, [this](Result<QList<CsrTemplate>> loaded) {
        m_templatesReady = true;
        m_templatesError = loaded.ok() ? QString() : loaded.message();
        m_templates = loaded.ok() ? loaded.value() : QList<CsrTemplate>();
        fillTemplateCombo();
        updateMode();
        Q_EMIT templatesLoaded();
    });
}

void CsrPage::fillTemplateCombo()
{
    const QString wanted = !m_wantedTemplate.isEmpty() ? m_wantedTemplate : m_template->currentData().toString();
    const bool applyWanted =
        m_templatesReady && !m_loading && (m_applyOnLoad || wanted != m_template->currentData().toString());
    {
        const QSignalBlocker blocker(m_template);
        m_template->clear();
        m_template->addItem(m_templatesReady ? tr("(no template)") : tr("Loading templates..."), QString());
        for (const CsrTemplate& t : std::as_const(m_templates)) {
            m_template->addItem(t.description.isEmpty() ? t.name : tr("%1 - %2").arg(t.name, t.description), t.name);
        }
        int index = m_template->findData(wanted);
        if (index < 0 && !wanted.isEmpty()) {
            // Named by the configuration but not stored (deleted, or not loaded yet): keep it visible.
            m_template->addItem(m_templatesReady ? tr("%1 (no longer stored)").arg(wanted) : wanted, wanted);
            index = m_template->count() - 1;
            m_template->setItemData(index, m_templatesReady, kMissingRole);
        }
        m_template->setCurrentIndex(std::max(0, index));
    }
    if (m_templatesReady) {
        m_wantedTemplate.clear();
        m_applyOnLoad = false;
    }
    // A template chosen through New... is applied like one picked from the list; one from load() is not (the
    // loaded configuration already holds its values).
    const std::optional<CsrTemplate> current = selectedTemplate();
    m_templateSubject->setText(
        current ? tr("Subject: %1")
                      .arg(subjectText(*current).isEmpty() ? tr("(only the common name)") : subjectText(*current))
                : QString());
    if (applyWanted && current) {
        applySelectedTemplate();
    }
    revalidate();
}

void CsrPage::applySelectedTemplate()
{
    const std::optional<CsrTemplate> current = selectedTemplate();
    m_templateSubject->setText(
        current ? tr("Subject: %1")
                      .arg(subjectText(*current).isEmpty() ? tr("(only the common name)") : subjectText(*current))
                : QString());
    if (current && !m_loading) {
        m_keyAlgorithm->setCurrentIndex(std::max(0, m_keyAlgorithm->findData(current->keyAlgorithm)));
        updateKeyChoices();
        m_keySize->setCurrentIndex(std::max(0, m_keySize->findData(current->keySize)));
        m_signatureAlgorithm->setCurrentIndex(std::max(0, m_signatureAlgorithm->findData(current->signatureAlgorithm)));
    }
    updateMode();
}

void CsrPage::openEditor(const CsrTemplate& initial)
{
    if (m_editor) {
        m_editor->raise();
        return;
    }
    QStringList names;
    for (const CsrTemplate& t : std::as_const(m_templates)) {
        names << t.name;
    }
    m_editor = new CsrTemplateDialog(m_db, initial, names, this);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editor, &CsrTemplateDialog::saved, this, [this](const QString& name) {
        m_wantedTemplate = name;
        m_applyOnLoad = true; // fill the saved template's values once it is listed
        reloadTemplates();
    });
    m_editor->open();
}

void CsrPage::newTemplate()
{
    CsrTemplate fresh;
    fresh.name.clear();
    // Start from what the page holds now.
    fresh.keyAlgorithm = m_keyAlgorithm->currentData().toString();
    fresh.keySize = std::max(m_keySize->currentData().toInt(), fresh.keyAlgorithm == QLatin1String("EC") ? 256 : 2048);
    fresh.signatureAlgorithm = m_signatureAlgorithm->currentData().toString();
    openEditor(fresh);
}

void CsrPage::editTemplate()
{
    if (const std::optional<CsrTemplate> current = selectedTemplate()) {
        openEditor(*current);
    }
}

void CsrPage::manageTemplates()
{
    if (m_manager) {
        m_manager->raise();
        return;
    }
    m_manager = new CsrTemplatesDialog(m_db, this);
    m_manager->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_manager, &CsrTemplatesDialog::changed, this, &CsrPage::reloadTemplates);
    m_manager->open();
}

// ---- validation

QString CsrPage::certificateTypeProblem() const
{
    const auto type = static_cast<CertificateType>(m_certificateType->currentData().toInt());
    if (mode() == CsrMode::FullOverride && type == CertificateType::Existing) {
        return tr("Certificate type: \"Existing\" is not available with Full Override, which creates a new request. "
                  "Choose DV, OV, EV or Others.");
    }
    if (mode() == CsrMode::PartialOverride && type == CertificateType::Others) {
        return tr("Certificate type: \"Others\" is not available with Partial Override. Choose DV, OV, EV or "
                  "Existing, or use Full Override.");
    }
    return {};
}

bool CsrPage::revalidate()
{
    if (!m_passwordMessage) {
        return false; // still constructing
    }
    const CsrMode current = mode();
    QString modeMessage;
    if (current == CsrMode::UseExisting && !m_hasExisting) {
        modeMessage = tr("CSR mode: a new certificate entry has no existing certificate to take the CSR from. Choose "
                         "Partial Override or Full Override.");
    }
    bool valid = m_modeMessage->setMessage(modeMessage);

    QString commonNameMessage = inputrules::checkCommonName(m_commonName->text());
    if (commonNameMessage.isEmpty() && current == CsrMode::UseExisting && !m_loadedCommonName.isEmpty() &&
        m_commonName->text().trimmed().compare(m_loadedCommonName, Qt::CaseInsensitive) != 0) {
        commonNameMessage =
            tr("Common Name: Use Existing Certificate CSR keeps the existing identity \"%1\". Enter %1, "
               "or choose Partial or Full Override to change the name.")
                .arg(m_loadedCommonName);
    }
    valid = m_commonNameMessage->setMessage(commonNameMessage) && valid;
    valid = m_sansMessage->setMessage(inputrules::checkSans(m_sans->text())) && valid;
    valid =
        m_certificateTypeMessage->setMessage(current == CsrMode::UseExisting ? QString() : certificateTypeProblem()) &&
        valid;

    // The CSR template (Full Override): it must exist, and the configuration must obey its policy.
    QString templateMessage;
    const std::optional<CsrTemplate> chosen = selectedTemplate();
    const bool useTemplate = current == CsrMode::FullOverride;
    if (useTemplate && !m_templatesError.isEmpty() && !m_template->currentData().toString().isEmpty()) {
        templateMessage = tr("CSR template: the templates could not be read (%1). Choose \"(no template)\" or try "
                             "again later.")
                              .arg(m_templatesError);
    } else if (useTemplate && m_template->currentData(kMissingRole).toBool()) {
        templateMessage = tr("CSR template: \"%1\" is no longer stored. Choose another template, create it again "
                             "with New..., or choose \"(no template)\".")
                              .arg(m_template->currentData().toString());
    } else if (useTemplate && chosen) {
        ProvisioningConfig candidate;
        store(candidate);
        const Status policy = chosen->check(candidate);
        if (!policy.ok()) {
            templateMessage = policy.message();
        }
    }
    valid = m_templateMessage->setMessage(templateMessage) && valid;

    // Without a template policy the general rule applies: RSA keys below 2048 bits are refused by CAs.
    QString keySizeMessage;
    const bool rsa = m_keyAlgorithm->currentData().toString() == QLatin1String("RSA");
    if (current != CsrMode::UseExisting && rsa && m_keySize->currentData().toInt() < 2048 && !(useTemplate && chosen)) {
        keySizeMessage = tr("Key size: RSA %1 bits is too weak; CAs refuse it. Choose 2048 bits or more.")
                             .arg(m_keySize->currentData().toInt());
    }
    valid = m_keySizeMessage->setMessage(keySizeMessage) && valid;

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
    } else if (!needsPassword && !m_password->text().isEmpty()) {
        passwordMessage = tr("Key store password: PEM files are not password protected. Clear the password, or "
                             "choose PKCS12 or JKS as the key store type.");
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

// ---- load / store

void CsrPage::load(const ProvisioningConfig& config)
{
    m_loading = true;
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
    m_loadedCommonName = config.commonName.trimmed();
    m_commonName->setText(config.commonName);
    QStringList sans = config.sans;
    sans.removeAll(config.commonName); // the CN is always included; show only the additional names
    m_sans->setText(sans.join(QStringLiteral(", ")));
    m_certificateType->setCurrentIndex(m_certificateType->findData(static_cast<int>(config.certificateType)));
    m_existingOrNew->setCurrentIndex(config.reuseExistingCsr ? 1 : 0);
    m_wantedTemplate = config.csrTemplate;
    fillTemplateCombo();
    m_keyAlgorithm->setCurrentIndex(std::max(0, m_keyAlgorithm->findData(config.keyAlgorithm)));
    updateKeyChoices();
    m_keySize->setCurrentIndex(std::max(0, m_keySize->findData(config.keySize)));
    m_signatureAlgorithm->setCurrentIndex(std::max(0, m_signatureAlgorithm->findData(config.signatureAlgorithm)));
    m_keyStoreType->setCurrentIndex(std::max(0, m_keyStoreType->findData(config.keyStoreType)));
    m_hasStoredPassword = !config.keyStorePasswordRef.isEmpty();
    m_password->setPlaceholderText(m_hasStoredPassword ? tr("Stored in the keychain; leave empty to keep it")
                                                       : QString());
    m_loading = false;
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
    config.csrTemplate = config.csrMode == CsrMode::FullOverride ? m_template->currentData().toString() : QString();
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
