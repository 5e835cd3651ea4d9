#include "ui/dialogs/CsrTemplateDialog.h"

#include "ui/dialogs/CsrTemplateStore.h"
#include "ui/widgets/FieldMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

const char* const kSubjectKeys[] = {"O", "OU", "L", "ST", "C"};

QStringList splitNames(const QString& text)
{
    QStringList out;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString& part : parts) {
        if (!part.trimmed().isEmpty()) {
            out.append(part.trimmed());
        }
    }
    return out;
}

} // namespace

CsrTemplateDialog::CsrTemplateDialog(std::shared_ptr<store::Database> db, const CsrTemplate& initial,
                                     const QStringList& existingNames, QWidget* parent)
    : QDialog(parent)
    , m_db(std::move(db))
    , m_existingNames(existingNames)
    , m_editing(!initial.name.isEmpty())
    , m_name(new QLineEdit(this))
    , m_nameMessage(new FieldMessage(QStringLiteral("templateNameMessage"), this))
    , m_description(new QLineEdit(this))
    , m_keyAlgorithm(new QComboBox(this))
    , m_keyAlgorithmMessage(new FieldMessage(QStringLiteral("templateKeyAlgorithmMessage"), this))
    , m_keySize(new QComboBox(this))
    , m_keySizeMessage(new FieldMessage(QStringLiteral("templateKeySizeMessage"), this))
    , m_signature(new QComboBox(this))
    , m_signatureMessage(new FieldMessage(QStringLiteral("templateSignatureMessage"), this))
    , m_subjectMessage(new FieldMessage(QStringLiteral("templateSubjectMessage"), this))
    , m_minimumRsa(new QComboBox(this))
    , m_minimumRsaMessage(new FieldMessage(QStringLiteral("templateMinimumRsaMessage"), this))
    , m_allowRsa(new QCheckBox(tr("RS&A"), this))
    , m_allowEc(new QCheckBox(tr("E&C"), this))
    , m_allowedAlgorithmsMessage(new FieldMessage(QStringLiteral("templateAllowedAlgorithmsMessage"), this))
    , m_allowedNames(new QLineEdit(this))
    , m_allowedNamesMessage(new FieldMessage(QStringLiteral("templateAllowedNamesMessage"), this))
    , m_maximumSans(new QSpinBox(this))
    , m_maximumSansMessage(new FieldMessage(QStringLiteral("templateMaximumSansMessage"), this))
    , m_saveMessage(new FieldMessage(QStringLiteral("templateSaveMessage"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("csrTemplateDialog"));
    setWindowTitle(m_editing ? tr("Edit CSR Template %1").arg(initial.name) : tr("New CSR Template"));

    m_name->setObjectName(QStringLiteral("templateName"));
    m_name->setPlaceholderText(tr("web-rsa-3072"));
    m_name->setText(initial.name);
    m_name->setReadOnly(m_editing);
    m_name->setToolTip(m_editing ? tr("The name of a stored template cannot change; create a new template instead.")
                                 : tr("How the template is listed in the wizard's CSR page."));
    m_description->setObjectName(QStringLiteral("templateDescription"));
    m_description->setText(initial.description);
    m_description->setPlaceholderText(tr("What the template is for"));

    m_keyAlgorithm->setObjectName(QStringLiteral("templateKeyAlgorithm"));
    m_keyAlgorithm->addItem(tr("RSA"), QStringLiteral("RSA"));
    m_keyAlgorithm->addItem(tr("EC"), QStringLiteral("EC"));
    m_keyAlgorithm->setCurrentIndex(std::max(0, m_keyAlgorithm->findData(initial.keyAlgorithm)));
    m_keySize->setObjectName(QStringLiteral("templateKeySize"));
    m_signature->setObjectName(QStringLiteral("templateSignatureAlgorithm"));
    updateKeyChoices();
    m_keySize->setCurrentIndex(std::max(0, m_keySize->findData(initial.keySize)));
    m_signature->setCurrentIndex(std::max(0, m_signature->findData(initial.signatureAlgorithm)));

    const QString subjectValues[] = {initial.organization, initial.organizationalUnit, initial.locality, initial.state,
                                     initial.country};
    const QString subjectHints[] = {tr("Example GmbH"), tr("Web Operations"), tr("Berlin"), tr("Berlin"), tr("DE")};
    for (int i = 0; i < 5; ++i) {
        auto* edit = new QLineEdit(this);
        const QString key = QString::fromLatin1(kSubjectKeys[i]);
        edit->setObjectName(QStringLiteral("subject") + key);
        edit->setText(subjectValues[i]);
        edit->setPlaceholderText(subjectHints[i]);
        m_subject.insert(key, edit);
    }
    m_subject.value(QStringLiteral("C"))->setMaxLength(2);
    m_subject.value(QStringLiteral("C"))->setToolTip(tr("Two-letter ISO 3166 country code, e.g. DE or US."));

    m_minimumRsa->setObjectName(QStringLiteral("minimumRsaKeySize"));
    for (int size : {1024, 2048, 3072, 4096}) {
        m_minimumRsa->addItem(tr("%1 bits").arg(size), size);
    }
    const int minimumIndex = m_minimumRsa->findData(initial.minimumRsaKeySize);
    if (minimumIndex < 0) {
        m_minimumRsa->addItem(tr("%1 bits").arg(initial.minimumRsaKeySize), initial.minimumRsaKeySize);
    }
    m_minimumRsa->setCurrentIndex(m_minimumRsa->findData(initial.minimumRsaKeySize));
    m_minimumRsa->setToolTip(tr("Requests made from this template with a smaller RSA key are refused."));
    m_allowRsa->setObjectName(QStringLiteral("allowRsa"));
    m_allowEc->setObjectName(QStringLiteral("allowEc"));
    m_allowRsa->setChecked(initial.allowedKeyAlgorithms.isEmpty() ||
                           initial.allowedKeyAlgorithms.contains(QStringLiteral("RSA")));
    m_allowEc->setChecked(initial.allowedKeyAlgorithms.isEmpty() ||
                          initial.allowedKeyAlgorithms.contains(QStringLiteral("EC")));
    m_allowedNames->setObjectName(QStringLiteral("allowedNames"));
    m_allowedNames->setText(initial.allowedNamePatterns.join(QStringLiteral(", ")));
    m_allowedNames->setPlaceholderText(tr("Any name; or e.g. example.com, *.example.com"));
    m_allowedNames->setToolTip(tr("The names certificates from this template may carry, separated by commas. "
                                  "\"*.example.com\" allows exactly one label in front of example.com."));
    m_maximumSans->setObjectName(QStringLiteral("maximumSans"));
    m_maximumSans->setRange(0, 1000);
    m_maximumSans->setValue(initial.maximumSans);
    m_maximumSans->setToolTip(tr("The most names (common name included) a certificate from this template may carry."));

    auto* general = new QFormLayout;
    general->addRow(tr("&Name:"), m_name);
    general->addRow(QString(), m_nameMessage);
    general->addRow(tr("&Description:"), m_description);

    auto* keyBox = new QGroupBox(tr("Key and signature"), this);
    auto* keyForm = new QFormLayout(keyBox);
    keyForm->addRow(tr("&Key algorithm:"), m_keyAlgorithm);
    keyForm->addRow(QString(), m_keyAlgorithmMessage);
    keyForm->addRow(tr("Key si&ze:"), m_keySize);
    keyForm->addRow(QString(), m_keySizeMessage);
    keyForm->addRow(tr("Si&gnature algorithm:"), m_signature);
    keyForm->addRow(QString(), m_signatureMessage);

    auto* subjectBox = new QGroupBox(tr("Subject"), this);
    auto* subjectForm = new QFormLayout(subjectBox);
    subjectForm->addRow(tr("&Organization (O):"), m_subject.value(QStringLiteral("O")));
    subjectForm->addRow(tr("Organizational &unit (OU):"), m_subject.value(QStringLiteral("OU")));
    subjectForm->addRow(tr("&Locality (L):"), m_subject.value(QStringLiteral("L")));
    subjectForm->addRow(tr("S&tate (ST):"), m_subject.value(QStringLiteral("ST")));
    subjectForm->addRow(tr("Countr&y (C):"), m_subject.value(QStringLiteral("C")));
    subjectForm->addRow(QString(), m_subjectMessage);

    auto* policyBox = new QGroupBox(tr("Policy"), this);
    auto* policyForm = new QFormLayout(policyBox);
    policyForm->addRow(tr("&Minimum RSA key size:"), m_minimumRsa);
    policyForm->addRow(QString(), m_minimumRsaMessage);
    auto* algorithms = new QHBoxLayout;
    algorithms->addWidget(m_allowRsa);
    algorithms->addWidget(m_allowEc);
    algorithms->addStretch(1);
    policyForm->addRow(tr("Allowed key algorithms:"), algorithms);
    policyForm->addRow(QString(), m_allowedAlgorithmsMessage);
    policyForm->addRow(tr("Allowed &names:"), m_allowedNames);
    policyForm->addRow(QString(), m_allowedNamesMessage);
    policyForm->addRow(tr("Maximum &SANs:"), m_maximumSans);
    policyForm->addRow(QString(), m_maximumSansMessage);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(general);
    layout->addWidget(keyBox);
    layout->addWidget(subjectBox);
    layout->addWidget(policyBox);
    layout->addWidget(m_saveMessage);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &CsrTemplateDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CsrTemplateDialog::reject);
    connect(m_keyAlgorithm, &QComboBox::currentIndexChanged, this, &CsrTemplateDialog::updateKeyChoices);
    for (QComboBox* combo : {m_keyAlgorithm, m_keySize, m_signature, m_minimumRsa}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &CsrTemplateDialog::revalidate);
    }
    for (QLineEdit* edit : {m_name, m_allowedNames}) {
        connect(edit, &QLineEdit::textChanged, this, &CsrTemplateDialog::revalidate);
    }
    for (QLineEdit* edit : std::as_const(m_subject)) {
        connect(edit, &QLineEdit::textChanged, this, &CsrTemplateDialog::revalidate);
    }
    connect(m_allowRsa, &QCheckBox::toggled, this, &CsrTemplateDialog::revalidate);
    connect(m_allowEc, &QCheckBox::toggled, this, &CsrTemplateDialog::revalidate);
    connect(m_maximumSans, &QSpinBox::valueChanged, this, &CsrTemplateDialog::revalidate);
    revalidate();
}

void CsrTemplateDialog::updateKeyChoices()
{
    const bool ec = m_keyAlgorithm->currentData().toString() == QLatin1String("EC");
    const int size = m_keySize->currentData().toInt();
    const QString signature = m_signature->currentData().toString();
    const QSignalBlocker sizeBlocker(m_keySize);
    const QSignalBlocker signatureBlocker(m_signature);
    m_keySize->clear();
    m_signature->clear();
    if (ec) {
        m_keySize->addItem(tr("P-256"), 256);
        m_keySize->addItem(tr("P-384"), 384);
        for (const char* name : {"SHA256WithECDSA", "SHA384WithECDSA"}) {
            m_signature->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
        }
    } else {
        for (int bits : {2048, 3072, 4096}) {
            m_keySize->addItem(tr("%1 bits").arg(bits), bits);
        }
        for (const char* name : {"SHA256WithRSA", "SHA384WithRSA", "SHA512WithRSA"}) {
            m_signature->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
        }
    }
    m_keySize->setCurrentIndex(std::max(0, m_keySize->findData(size)));
    m_signature->setCurrentIndex(std::max(0, m_signature->findData(signature)));
}

CsrTemplate CsrTemplateDialog::csrTemplate() const
{
    CsrTemplate t;
    t.name = m_name->text().trimmed();
    t.description = m_description->text().trimmed();
    t.keyAlgorithm = m_keyAlgorithm->currentData().toString();
    t.keySize = m_keySize->currentData().toInt();
    t.signatureAlgorithm = m_signature->currentData().toString();
    t.organization = m_subject.value(QStringLiteral("O"))->text().trimmed();
    t.organizationalUnit = m_subject.value(QStringLiteral("OU"))->text().trimmed();
    t.locality = m_subject.value(QStringLiteral("L"))->text().trimmed();
    t.state = m_subject.value(QStringLiteral("ST"))->text().trimmed();
    t.country = m_subject.value(QStringLiteral("C"))->text().trimmed();
    t.minimumRsaKeySize = m_minimumRsa->currentData().toInt();
    if (m_allowRsa->isChecked() != m_allowEc->isChecked()) { // both: any algorithm (stored as empty)
        t.allowedKeyAlgorithms = {m_allowRsa->isChecked() ? QStringLiteral("RSA") : QStringLiteral("EC")};
    }
    t.allowedNamePatterns = splitNames(m_allowedNames->text());
    t.maximumSans = m_maximumSans->value();
    return t;
}

bool CsrTemplateDialog::revalidate()
{
    const CsrTemplate current = csrTemplate();
    // CsrTemplate::validate names the field at the start of each message: show each under its field.
    const QList<QPair<QString, FieldMessage*>> routes{
        {QStringLiteral("Name:"), m_nameMessage},
        {QStringLiteral("Key algorithm:"), m_keyAlgorithmMessage},
        {QStringLiteral("Key size:"), m_keySizeMessage},
        {QStringLiteral("Signature algorithm:"), m_signatureMessage},
        {QStringLiteral("Minimum RSA key size:"), m_minimumRsaMessage},
        {QStringLiteral("Allowed key algorithms:"), m_allowedAlgorithmsMessage},
        {QStringLiteral("Allowed names:"), m_allowedNamesMessage},
        {QStringLiteral("Maximum SANs:"), m_maximumSansMessage},
    };
    QMap<FieldMessage*, QStringList> messages;
    const Status status = current.validate();
    if (!status.ok()) {
        const QStringList lines = status.message().split(QLatin1Char('\n'));
        for (const QString& line : lines) {
            FieldMessage* target = m_subjectMessage; // Country, Organization, ... and anything unrecognized
            for (const auto& [prefix, message] : routes) {
                if (line.startsWith(prefix)) {
                    target = message;
                    break;
                }
            }
            messages[target].append(line);
        }
    }
    if (!m_allowRsa->isChecked() && !m_allowEc->isChecked()) {
        messages[m_allowedAlgorithmsMessage].append(
            tr("Allowed key algorithms: allow at least one; check RSA, EC or both."));
    }
    if (!m_editing && !current.name.isEmpty() && m_existingNames.contains(current.name, Qt::CaseInsensitive)) {
        messages[m_nameMessage].append(tr("Name: a template named \"%1\" already exists. Choose another name, or "
                                          "edit that template instead.")
                                           .arg(current.name));
    }
    bool valid = true;
    for (FieldMessage* message :
         {m_nameMessage, m_keyAlgorithmMessage, m_keySizeMessage, m_signatureMessage, m_subjectMessage,
          m_minimumRsaMessage, m_allowedAlgorithmsMessage, m_allowedNamesMessage, m_maximumSansMessage}) {
        valid = message->setMessage(messages.value(message).join(QLatin1Char('\n'))) && valid;
    }
    m_valid = valid;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(valid && !m_saving);
    return valid;
}

QString CsrTemplateDialog::errorText() const
{
    return m_saveMessage->isHidden() ? QString() : m_saveMessage->text();
}

void CsrTemplateDialog::accept()
{
    if (m_saving || !revalidate()) {
        return;
    }
    m_saving = true;
    m_saveMessage->setMessage(QString());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    const CsrTemplate current = csrTemplate();
    csrtemplates::save(m_db, current, this, [this, name = current.name](Status status) {
        m_saving = false;
        if (!status.ok()) {
            m_saveMessage->setMessage(tr("The template could not be saved: %1").arg(status.message()));
            revalidate();
            return;
        }
        Q_EMIT saved(name);
        QDialog::accept();
    });
}

} // namespace certdeck::ui
