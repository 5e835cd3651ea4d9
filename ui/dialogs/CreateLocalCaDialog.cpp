#include "ui/dialogs/CreateLocalCaDialog.h"

#include "ui/widgets/FieldMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace certdeck::ui {

CreateLocalCaDialog::CreateLocalCaDialog(QWidget* parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_commonName(new QLineEdit(this))
    , m_organization(new QLineEdit(this))
    , m_keyAlgorithm(new QComboBox(this))
    , m_keySize(new QComboBox(this))
    , m_rootDays(new QSpinBox(this))
    , m_intermediate(new QCheckBox(tr("Issue certificates from an intermediate CA"), this))
    , m_intermediateDays(new QSpinBox(this))
    , m_message(new FieldMessage(QStringLiteral("caMessage"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Create Built-in CA"));
    m_name->setObjectName(QStringLiteral("caName"));
    m_name->setText(QStringLiteral("office-ca"));
    m_name->setToolTip(tr("The connector name chosen in the provisioning wizard: letters, digits, '-', '_' and '.'."));
    m_commonName->setObjectName(QStringLiteral("caCommonName"));
    m_commonName->setText(tr("CertDeck Office Root CA"));
    m_organization->setObjectName(QStringLiteral("caOrganization"));
    m_keyAlgorithm->setObjectName(QStringLiteral("caKeyAlgorithm"));
    m_keyAlgorithm->addItem(tr("EC"), QStringLiteral("EC"));
    m_keyAlgorithm->addItem(tr("RSA"), QStringLiteral("RSA"));
    m_keySize->setObjectName(QStringLiteral("caKeySize"));
    m_rootDays->setRange(30, 36500);
    m_rootDays->setValue(3650);
    m_rootDays->setSuffix(tr(" days"));
    m_intermediate->setChecked(true);
    m_intermediateDays->setRange(30, 36500);
    m_intermediateDays->setValue(1825);
    m_intermediateDays->setSuffix(tr(" days"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));

    auto* form = new QFormLayout;
    form->addRow(tr("Connector &name:"), m_name);
    form->addRow(tr("Root &common name:"), m_commonName);
    form->addRow(tr("&Organization:"), m_organization);
    form->addRow(tr("&Key algorithm:"), m_keyAlgorithm);
    form->addRow(tr("Key &size:"), m_keySize);
    form->addRow(tr("&Root validity:"), m_rootDays);
    form->addRow(QString(), m_intermediate);
    form->addRow(tr("&Intermediate validity:"), m_intermediateDays);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    updateKeySizes();
    connect(m_keyAlgorithm, &QComboBox::currentIndexChanged, this, &CreateLocalCaDialog::updateKeySizes);
    connect(m_intermediate, &QCheckBox::toggled, m_intermediateDays, &QSpinBox::setEnabled);
    connect(m_name, &QLineEdit::textChanged, this, &CreateLocalCaDialog::validate);
    connect(m_commonName, &QLineEdit::textChanged, this, &CreateLocalCaDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (validate()) {
            accept();
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void CreateLocalCaDialog::updateKeySizes()
{
    const bool ec = m_keyAlgorithm->currentData().toString() == QLatin1String("EC");
    m_keySize->clear();
    if (ec) {
        m_keySize->addItem(tr("P-256"), 256);
        m_keySize->addItem(tr("P-384"), 384);
        m_keySize->setCurrentIndex(1);
    } else {
        m_keySize->addItem(tr("2048 bits"), 2048);
        m_keySize->addItem(tr("3072 bits"), 3072);
        m_keySize->addItem(tr("4096 bits"), 4096);
        m_keySize->setCurrentIndex(1);
    }
}

bool CreateLocalCaDialog::validate()
{
    static const QRegularExpression nameRule(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    QString message;
    if (!nameRule.match(m_name->text()).hasMatch()) {
        message = tr("Connector name: enter 1-64 letters, digits, '-', '_' or '.', e.g. office-ca.");
    } else if (m_commonName->text().trimmed().isEmpty()) {
        message = tr("Root common name: enter the name the CA certificate shows, e.g. Example Office Root CA.");
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
    return m_message->setMessage(message);
}

ca::LocalCaSpec CreateLocalCaDialog::spec() const
{
    ca::LocalCaSpec spec;
    spec.name = m_name->text().trimmed();
    spec.commonName = m_commonName->text().trimmed();
    spec.organization = m_organization->text().trimmed();
    spec.keyAlgorithm = m_keyAlgorithm->currentData().toString();
    spec.keySize = m_keySize->currentData().toInt();
    spec.rootValidityDays = m_rootDays->value();
    spec.withIntermediate = m_intermediate->isChecked();
    spec.intermediateValidityDays = m_intermediateDays->value();
    return spec;
}

void CreateLocalCaDialog::setSpec(const ca::LocalCaSpec& spec)
{
    m_name->setText(spec.name);
    m_commonName->setText(spec.commonName);
    m_organization->setText(spec.organization);
    m_keyAlgorithm->setCurrentIndex(m_keyAlgorithm->findData(spec.keyAlgorithm));
    m_keySize->setCurrentIndex(m_keySize->findData(spec.keySize));
    m_rootDays->setValue(spec.rootValidityDays);
    m_intermediate->setChecked(spec.withIntermediate);
    m_intermediateDays->setValue(spec.intermediateValidityDays);
}

} // namespace certdeck::ui
