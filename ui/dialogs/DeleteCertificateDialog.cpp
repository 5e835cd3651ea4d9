#include "ui/dialogs/DeleteCertificateDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace certdeck::ui {

DeleteCertificateDialog::DeleteCertificateDialog(const QString& certificateName, bool hasServer, QWidget* parent)
    : QDialog(parent)
    , m_removeFromServer(new QCheckBox(tr("Also remove the certificate and key files from the server"), this))
{
    setObjectName(QStringLiteral("deleteCertificateDialog"));
    setWindowTitle(tr("Delete Certificate"));
    auto* text = new QLabel(tr("<p>Delete <b>%1</b> from the inventory?</p>"
                               "<p>Only the inventory entry is removed: CertDeck stops tracking, renewing and "
                               "deploying it. The certificate stays valid and keeps being served where it is "
                               "installed, and its job history remains in the audit trail.</p>")
                                .arg(certificateName.toHtmlEscaped()),
                            this);
    text->setObjectName(QStringLiteral("deleteExplanation"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);

    m_removeFromServer->setObjectName(QStringLiteral("removeFromServer"));
    m_removeFromServer->setChecked(false);
    m_removeFromServer->setEnabled(hasServer);
    m_removeFromServer->setToolTip(
        hasServer ? tr("The bot deletes the deployed certificate and key files and reloads the server. Do this only "
                       "when nothing on the server uses them any more.")
                  : tr("This certificate has no deployment target, so there is nothing to remove from a server."));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_delete = buttons->addButton(tr("&Delete"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_delete->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    m_delete->setAutoDefault(false);
    QPushButton* cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setDefault(true);
    connect(m_delete, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32, 32));
    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_removeFromServer);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

bool DeleteCertificateDialog::removeFromServer() const
{
    return m_removeFromServer->isEnabled() && m_removeFromServer->isChecked();
}

} // namespace certdeck::ui
