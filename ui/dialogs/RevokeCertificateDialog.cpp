#include "ui/dialogs/RevokeCertificateDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace certdeck::ui {

RevokeCertificateDialog::RevokeCertificateDialog(const QString& certificateName, QWidget* parent)
    : QDialog(parent)
    , m_reason(new QComboBox(this))
{
    setObjectName(QStringLiteral("revokeCertificateDialog"));
    setWindowTitle(tr("Revoke Certificate"));
    auto* text = new QLabel(tr("<p>Revoke <b>%1</b>?</p><p>The issuing CA publishes the revocation; clients that "
                               "check revocation stop trusting the certificate. This cannot be undone: order a new "
                               "certificate to replace it.</p>")
                                .arg(certificateName.toHtmlEscaped()),
                            this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);

    m_reason->setObjectName(QStringLiteral("revocationReason"));
    m_reason->addItem(tr("Unspecified"), 0);
    m_reason->addItem(tr("Key compromise"), 1);
    m_reason->addItem(tr("CA compromise"), 2);
    m_reason->addItem(tr("Affiliation changed"), 3);
    m_reason->addItem(tr("Superseded"), 4);
    m_reason->addItem(tr("Cessation of operation"), 5);
    m_reason->setToolTip(tr("The RFC 5280 reason code the CA records in its CRL. To put a certificate on hold, use "
                            "Suspend instead."));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_revoke = buttons->addButton(tr("&Revoke"), QDialogButtonBox::DestructiveRole);
    m_revoke->setObjectName(QStringLiteral("revokeButton"));
    m_revoke->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(m_revoke, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("Reason (RFC 5280):"), m_reason);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

int RevokeCertificateDialog::reasonCode() const
{
    return m_reason->currentData().toInt();
}

void RevokeCertificateDialog::setReasonCode(int code)
{
    const int index = m_reason->findData(code);
    if (index >= 0) {
        m_reason->setCurrentIndex(index);
    }
}

} // namespace certdeck::ui
