#include "ui/wizard/DcvPage.h"

#include "ui/widgets/FieldMessage.h"
#include "ui/wizard/InputRules.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace certdeck::ui {

DcvPage::DcvPage(QWidget* parent)
    : QWizardPage(parent)
    , m_enabled(new QCheckBox(tr("&Attempt DCV using filename at location"), this))
    , m_path(new QLineEdit(this))
    , m_message(new FieldMessage(QStringLiteral("dcvPathMessage"), this))
{
    setObjectName(QStringLiteral("dcvPage"));
    setTitle(tr("Domain Control Validation"));
    setSubTitle(tr("How domain ownership is verified before the CA issues the certificate."));
    m_enabled->setObjectName(QStringLiteral("dcvEnabled"));
    m_path->setObjectName(QStringLiteral("dcvPath"));
    m_path->setPlaceholderText(QStringLiteral("/var/www/html"));
    m_path->setToolTip(tr("A directory on the server that the bot can write and the domain serves publicly, "
                          "typically the web root."));
    auto* explanation = new QLabel(tr("The bot writes the CA's token file into this directory; the CA fetches it "
                                      "through the domain. Without automatic DCV, the CA's instructions must be "
                                      "followed manually."),
                                   this);
    explanation->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(m_enabled);
    form->addRow(tr("DCV &path:"), m_path);
    form->addRow(QString(), m_message);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(m_enabled, &QCheckBox::toggled, this, &DcvPage::revalidate);
    connect(m_path, &QLineEdit::textChanged, this, &DcvPage::revalidate);
    revalidate();
}

bool DcvPage::revalidate()
{
    m_path->setEnabled(m_enabled->isChecked());
    const QString message = m_enabled->isChecked() ? inputrules::checkAbsolutePath(tr("DCV path"), m_path->text(),
                                                                                   QStringLiteral("/var/www/html"))
                                                   : QString();
    const bool valid = m_message->setMessage(message);
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT completeChanged();
    }
    return valid;
}

bool DcvPage::isComplete() const
{
    return m_valid;
}

void DcvPage::load(const ProvisioningConfig& config)
{
    m_enabled->setChecked(config.dcvEnabled);
    m_path->setText(config.dcvPath);
    revalidate();
}

void DcvPage::store(ProvisioningConfig& config) const
{
    config.dcvEnabled = m_enabled->isChecked();
    config.dcvPath = m_path->text().trimmed();
}

} // namespace certdeck::ui
