#include "ui/dialogs/AcmeConnectorDialog.h"

#include "engine/ca/CaRegistry.h"
#include "ui/widgets/ActivityIndicator.h"
#include "ui/widgets/FieldMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

#include <openssl/crypto.h>

#include <iterator>

namespace certdeck::ui {
namespace {

const QString kCustom = QStringLiteral("custom");
constexpr int kTrustBundleRow = 9; // the row of the file field and its Browse button

bool isEmailAddress(const QString& text)
{
    static const QRegularExpression rule(QStringLiteral("^[^@\\s]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                                                        "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"));
    return rule.match(text).hasMatch();
}

bool isBase64Url(const QString& text)
{
    static const QRegularExpression rule(QStringLiteral("^[A-Za-z0-9_-]+={0,2}$"));
    return rule.match(text).hasMatch();
}

} // namespace

AcmeConnectorDialog::AcmeConnectorDialog(ca::AcmeAdmin* admin, const ca::CaRegistry* cas, QWidget* parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_preset(new QComboBox(this))
    , m_directoryUrl(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_terms(new QCheckBox(tr("I a&gree to the CA's terms of service"), this))
    , m_eabHelp(new QLabel(this))
    , m_eabKeyId(new QLineEdit(this))
    , m_eabHmacKey(new QLineEdit(this))
    , m_preferredChain(new QLineEdit(this))
    , m_trustBundle(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse..."), this))
    , m_httpPort(new QSpinBox(this))
    , m_fields(new QWidget(this))
    , m_message(new FieldMessage(QStringLiteral("acmeMessage"), this))
    , m_error(new FieldMessage(QStringLiteral("acmeError"), this))
    , m_activity(new ActivityIndicator(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("acmeConnectorDialog"));
    setWindowTitle(tr("Add ACME Connector"));
    m_preset->setObjectName(QStringLiteral("acmePreset"));
    m_preset->setToolTip(tr("The ACME Certificate Authority. Choose \"Custom ACME URL\" for a private ACME server."));
    m_directoryUrl->setObjectName(QStringLiteral("acmeDirectoryUrl"));
    m_directoryUrl->setPlaceholderText(QStringLiteral("https://acme.example.com/directory"));
    m_name->setObjectName(QStringLiteral("acmeName"));
    m_name->setToolTip(tr("The CA Connector Name chosen in the provisioning wizard: letters, digits, '-', '_' and "
                          "'.'."));
    m_email->setObjectName(QStringLiteral("acmeEmail"));
    m_email->setPlaceholderText(tr("admin@example.com (optional)"));
    m_email->setToolTip(tr("The CA sends expiry and problem notices to this address."));
    m_terms->setObjectName(QStringLiteral("acmeTermsAgreed"));
    m_eabHelp->setObjectName(QStringLiteral("acmeEabHelp"));
    m_eabHelp->setWordWrap(true);
    m_eabHelp->setTextFormat(Qt::PlainText);
    m_eabKeyId->setObjectName(QStringLiteral("acmeEabKeyId"));
    m_eabHmacKey->setObjectName(QStringLiteral("acmeEabHmacKey"));
    m_eabHmacKey->setEchoMode(QLineEdit::Password);
    m_eabHmacKey->setToolTip(tr("Kept in the keychain only."));
    m_preferredChain->setObjectName(QStringLiteral("acmePreferredChain"));
    m_preferredChain->setPlaceholderText(tr("Issuer common name (optional)"));
    m_preferredChain->setToolTip(tr("When the CA offers alternate chains, use the one whose top certificate is issued "
                                    "by this name. Empty: the CA's default chain."));
    m_trustBundle->setObjectName(QStringLiteral("acmeTrustBundle"));
    m_trustBundle->setPlaceholderText(tr("PEM file (optional)"));
    m_trustBundle->setToolTip(tr("Root certificates that the private ACME server's HTTPS certificate chains to. "
                                 "Empty: the system's trusted roots."));
    m_browse->setObjectName(QStringLiteral("acmeTrustBundleBrowse"));
    m_httpPort->setObjectName(QStringLiteral("acmeHttpPort"));
    m_httpPort->setRange(1, 65535);
    m_httpPort->setValue(80);
    m_httpPort->setToolTip(tr("The port where the CA fetches http-01 validation files: 80 for public CAs."));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Create"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("acmeCreate"));
    m_buttons->button(QDialogButtonBox::Ok)->setDefault(true);

    auto* bundleRow = new QHBoxLayout;
    bundleRow->setContentsMargins(0, 0, 0, 0);
    bundleRow->addWidget(m_trustBundle, 1);
    bundleRow->addWidget(m_browse);

    m_form = new QFormLayout(m_fields);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(tr("Certificate &Authority:"), m_preset);
    m_form->addRow(tr("&Directory URL:"), m_directoryUrl);
    m_form->addRow(tr("Connector &name:"), m_name);
    m_form->addRow(tr("Contact &e-mail:"), m_email);
    m_form->addRow(QString(), m_terms);
    m_form->addRow(QString(), m_eabHelp);
    m_form->addRow(tr("EAB &key ID:"), m_eabKeyId);
    m_form->addRow(tr("EAB &HMAC key:"), m_eabHmacKey);
    m_form->addRow(tr("Pre&ferred chain:"), m_preferredChain);
    auto* bundleLabel = new QLabel(tr("&Trust bundle:"), m_fields);
    bundleLabel->setBuddy(m_trustBundle);
    m_form->addRow(bundleLabel, bundleRow);
    m_form->addRow(tr("HTTP validation &port:"), m_httpPort);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_activity);
    bottom->addStretch(1);
    bottom->addWidget(m_buttons);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_fields);
    layout->addWidget(m_message);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addLayout(bottom);

    QWidget* order[] = {m_preset,     m_directoryUrl,   m_name,        m_email,  m_terms,    m_eabKeyId,
                        m_eabHmacKey, m_preferredChain, m_trustBundle, m_browse, m_httpPort, m_buttons};
    for (size_t i = 1; i < std::size(order); ++i) {
        setTabOrder(order[i - 1], order[i]);
    }

    if (cas) {
        for (const auto& connector : cas->connectors()) {
            m_takenNames.append(connector->name());
        }
    }
    if (m_admin) {
        m_presets = m_admin->presets();
        m_admin->list(this, [this](Result<QList<ca::AcmeConnectorInfo>> listed) {
            if (listed.ok()) {
                for (const auto& info : listed.value()) {
                    m_takenNames.append(info.name);
                }
                if (m_name->text().trimmed() == m_autoName) {
                    suggestName(); // the suggestion is taken now that the list is known
                }
                validate();
            }
        });
    }
    for (const ca::AcmePreset& preset : std::as_const(m_presets)) {
        const QString text = preset.id == kCustom ? tr("Custom ACME URL")
                             : preset.eabRequired ? tr("%1 (needs External Account Binding)").arg(preset.displayName)
                                                  : preset.displayName;
        m_preset->addItem(text, preset.id);
    }

    connect(m_preset, &QComboBox::currentIndexChanged, this, &AcmeConnectorDialog::presetChanged);
    for (QLineEdit* edit : {m_directoryUrl, m_name, m_email, m_eabKeyId, m_eabHmacKey, m_trustBundle}) {
        connect(edit, &QLineEdit::textChanged, this, &AcmeConnectorDialog::validate);
    }
    connect(m_terms, &QCheckBox::toggled, this, &AcmeConnectorDialog::validate);
    connect(m_browse, &QPushButton::clicked, this, &AcmeConnectorDialog::chooseTrustBundle);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AcmeConnectorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AcmeConnectorDialog::reject);
    presetChanged();
    setMinimumWidth(560);
}

ca::AcmePreset AcmeConnectorDialog::currentPreset() const
{
    const QString id = m_preset->currentData().toString();
    for (const ca::AcmePreset& preset : m_presets) {
        if (preset.id == id) {
            return preset;
        }
    }
    ca::AcmePreset custom;
    custom.id = kCustom;
    return custom;
}

void AcmeConnectorDialog::presetChanged()
{
    const ca::AcmePreset preset = currentPreset();
    const bool custom = preset.id == kCustom;
    m_directoryUrl->setReadOnly(!custom);
    if (!custom) {
        m_directoryUrl->setText(preset.directoryUrl);
    } else {
        m_directoryUrl->setText(m_customUrl);
    }
    // The name follows the preset until the operator types one.
    const QString name = m_name->text().trimmed();
    if (name.isEmpty() || name == m_autoName) {
        suggestName();
    }
    const bool showEab = preset.eabRequired || custom;
    m_eabHelp->setText(preset.eabRequired
                           ? (preset.eabHelp.isEmpty()
                                  ? tr("%1 requires External Account Binding: enter the key ID and HMAC key from your "
                                       "account at the CA.")
                                        .arg(preset.displayName)
                                  : preset.eabHelp)
                           : tr("Optional: the key ID and HMAC key, if your ACME server requires External Account "
                                "Binding."));
    m_form->setRowVisible(m_eabHelp, showEab);
    m_form->setRowVisible(m_eabKeyId, showEab);
    m_form->setRowVisible(m_eabHmacKey, showEab);
    m_form->setRowVisible(kTrustBundleRow, custom);
    validate();
    adjustSize();
}

void AcmeConnectorDialog::suggestName()
{
    const QString base = currentPreset().id;
    QString suggestion = base;
    for (int n = 2; m_takenNames.contains(suggestion); ++n) {
        suggestion = QStringLiteral("%1-%2").arg(base).arg(n);
    }
    m_autoName = suggestion;
    m_name->setText(suggestion);
}

QString AcmeConnectorDialog::firstProblem() const
{
    static const QRegularExpression nameRule(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    const ca::AcmePreset preset = currentPreset();
    const bool custom = preset.id == kCustom;
    if (m_presets.isEmpty()) {
        return tr("No ACME CA is available in this build.");
    }
    if (custom) {
        const QUrl url(m_directoryUrl->text().trimmed(), QUrl::StrictMode);
        if (m_directoryUrl->text().trimmed().isEmpty()) {
            return tr("Directory URL: enter the address of the ACME server's directory, "
                      "e.g. https://acme.example.com/directory.");
        }
        if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
            return tr("Directory URL: \"%1\" is not an https:// address. ACME servers are reached over HTTPS; enter "
                      "e.g. https://acme.example.com/directory.")
                .arg(m_directoryUrl->text().trimmed());
        }
    }
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        return tr("Connector name: enter a name for this connector, e.g. letsencrypt.");
    }
    if (!nameRule.match(name).hasMatch()) {
        return tr("Connector name: \"%1\" has characters that are not allowed. Use 1-64 letters, digits, '-', '_' or "
                  "'.', starting with a letter or digit, e.g. letsencrypt-prod.")
            .arg(name);
    }
    if (m_takenNames.contains(name)) {
        return tr("Connector name: \"%1\" is already used by another CA connector. Choose another name.").arg(name);
    }
    const QString email = m_email->text().trimmed();
    if (!email.isEmpty() && !isEmailAddress(email)) {
        return tr("Contact e-mail: \"%1\" is not an e-mail address. Enter one such as admin@example.com, or leave "
                  "it empty.")
            .arg(email);
    }
    if (!m_terms->isChecked()) {
        return tr("Terms of service: tick \"I agree to the CA's terms of service\"; the CA registers no account "
                  "without it.");
    }
    const QString keyId = m_eabKeyId->text().trimmed();
    const QString hmac = m_eabHmacKey->text().trimmed();
    if (preset.eabRequired || (custom && (!keyId.isEmpty() || !hmac.isEmpty()))) {
        if (keyId.isEmpty()) {
            return tr("EAB key ID: %1 requires External Account Binding. Enter the key ID from your account at the "
                      "CA.")
                .arg(custom ? tr("this server") : preset.displayName);
        }
        if (hmac.isEmpty()) {
            return tr("EAB HMAC key: enter the HMAC key that belongs to key ID %1.").arg(keyId);
        }
        if (!isBase64Url(hmac)) {
            return tr("EAB HMAC key: enter it exactly as the CA shows it (base64url: letters, digits, '-' and '_').");
        }
    }
    const QString bundle = m_trustBundle->text().trimmed();
    if (custom && !bundle.isEmpty()) {
        const QFileInfo info(bundle);
        if (!info.isFile() || !info.isReadable()) {
            return tr("Trust bundle: %1 does not exist or cannot be read. Choose a PEM file with the ACME server's "
                      "root certificates, or leave it empty.")
                .arg(bundle);
        }
    }
    return {};
}

bool AcmeConnectorDialog::validate()
{
    if (!m_directoryUrl->isReadOnly()) {
        m_customUrl = m_directoryUrl->text();
    }
    const QString message = firstProblem();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty() && !m_creating);
    return m_message->setMessage(message);
}

void AcmeConnectorDialog::setExistingNames(const QStringList& names)
{
    m_takenNames.append(names);
    validate();
}

ca::AcmeConnectorSpec AcmeConnectorDialog::spec() const
{
    const ca::AcmePreset preset = currentPreset();
    const bool custom = preset.id == kCustom;
    const bool eab = preset.eabRequired || custom;
    ca::AcmeConnectorSpec spec;
    spec.name = m_name->text().trimmed();
    spec.presetId = preset.id;
    spec.directoryUrl = custom ? m_directoryUrl->text().trimmed() : preset.directoryUrl;
    spec.contactEmail = m_email->text().trimmed();
    spec.termsAgreed = m_terms->isChecked();
    spec.eabKeyId = eab ? m_eabKeyId->text().trimmed() : QString();
    spec.eabHmacKey = eab ? m_eabHmacKey->text().trimmed().toUtf8() : QByteArray();
    spec.preferredChain = m_preferredChain->text().trimmed();
    spec.trustBundlePath = custom ? m_trustBundle->text().trimmed() : QString();
    spec.httpValidationPort = m_httpPort->value();
    return spec;
}

void AcmeConnectorDialog::setSpec(const ca::AcmeConnectorSpec& spec)
{
    const int index = m_preset->findData(spec.presetId);
    if (index >= 0) {
        m_preset->setCurrentIndex(index);
    }
    if (spec.presetId == kCustom) {
        m_directoryUrl->setText(spec.directoryUrl);
    }
    m_name->setText(spec.name);
    m_email->setText(spec.contactEmail);
    m_terms->setChecked(spec.termsAgreed);
    m_eabKeyId->setText(spec.eabKeyId);
    m_preferredChain->setText(spec.preferredChain);
    m_trustBundle->setText(spec.trustBundlePath);
    m_httpPort->setValue(spec.httpValidationPort);
    validate();
}

QString AcmeConnectorDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AcmeConnectorDialog::chooseTrustBundle()
{
    auto* chooser = new QFileDialog(this, tr("Trust Bundle"), QFileInfo(m_trustBundle->text()).path(),
                                    tr("PEM certificates (*.pem *.crt);;All files (*)"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString& path) { m_trustBundle->setText(path); });
    chooser->open();
}

void AcmeConnectorDialog::setCreating(bool creating)
{
    m_creating = creating;
    m_fields->setEnabled(!creating);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!creating);
    if (creating) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
        validate();
    }
}

void AcmeConnectorDialog::accept()
{
    if (m_creating || !validate()) {
        return;
    }
    if (!m_admin) {
        m_error->setMessage(tr("ACME connectors are not available in this build."));
        return;
    }
    m_error->setMessage(QString());
    ca::AcmeConnectorSpec request = spec();
    const ca::AcmePreset preset = currentPreset();
    const QString caName = preset.id == kCustom ? QUrl(request.directoryUrl).host() : preset.displayName;
    setCreating(true);
    const int token = m_activity->beginBusy(tr("Registering an account with %1...").arg(caName));
    m_admin->create(request, this, [this, token, name = request.name](Result<ca::AcmeConnectorInfo> created) {
        m_activity->endBusy(token);
        setCreating(false);
        if (!created.ok()) {
            m_error->setMessage(tr("The ACME connector %1 could not be created: %2").arg(name, created.message()));
            return;
        }
        m_created = created.value();
        QDialog::accept();
    });
    if (!request.eabHmacKey.isEmpty()) {
        OPENSSL_cleanse(request.eabHmacKey.data(), static_cast<size_t>(request.eabHmacKey.size()));
    }
}

void AcmeConnectorDialog::reject()
{
    if (m_creating) {
        return; // the CA is answering; the callback needs this dialog
    }
    QDialog::reject();
}

} // namespace certdeck::ui
