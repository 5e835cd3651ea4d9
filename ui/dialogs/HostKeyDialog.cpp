#include "ui/dialogs/HostKeyDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace certdeck::ui {

QString HostKeyDialog::hostKeyFile(const QString& keyType)
{
    QString kind = QStringLiteral("ed25519");
    if (keyType.contains(QLatin1String("ecdsa"))) {
        kind = QStringLiteral("ecdsa");
    } else if (keyType.contains(QLatin1String("rsa"))) {
        kind = QStringLiteral("rsa");
    }
    return QStringLiteral("/etc/ssh/ssh_host_%1_key.pub").arg(kind);
}

HostKeyDialog::HostKeyDialog(const QString& botName, const QString& hostDescription, const QString& keyType,
                             const QString& offeredFingerprint, const QString& pinnedFingerprint, QWidget* parent)
    : QDialog(parent)
    , m_offered(offeredFingerprint)
    , m_pinned(pinnedFingerprint)
    , m_message(new QLabel(this))
    , m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("hostKeyDialog"));
    const bool changed = isChangedKey();
    setWindowTitle(changed ? tr("Host Key Changed: %1").arg(botName) : tr("Confirm Host Key: %1").arg(botName));

    auto* icon = new QLabel(this);
    icon->setPixmap(
        style()->standardIcon(changed ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxQuestion).pixmap(48, 48));
    icon->setAlignment(Qt::AlignTop);

    m_message->setObjectName(QStringLiteral("hostKeyMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_details->setObjectName(QStringLiteral("hostKeyDetails"));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QString command = QStringLiteral("ssh-keygen -lf %1").arg(hostKeyFile(keyType));

    if (changed) {
        m_message->setText(
            tr("WARNING: the SSH host key of %1 has CHANGED since it was pinned. CertDeck refuses to connect.\n\n"
               "This happens when the host was reinstalled or its keys were regenerated, but it is also what an "
               "attacker intercepting the connection looks like. Do not trust the new key unless you have verified "
               "it on the host itself (its console, or a channel you trust) with:\n  %2\n\nTo trust it, tick \"I "
               "have verified the new key\"; the old pin is then replaced.")
                .arg(botName, command));
        m_details->setText(
            tr("Host:              %1\nKey type:          %2\nPinned (trusted):  %3\nOffered now:       %4")
                .arg(hostDescription, keyType, pinnedFingerprint, offeredFingerprint));
        m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else {
        m_message->setText(tr("First connection to %1. Before CertDeck pins this host key, compare its fingerprint "
                              "with the output of\n  %2\nrun on the host itself (its console, or a channel you "
                              "trust). Trust it only when both are identical.")
                               .arg(botName, command));
        m_details->setText(tr("Host:         %1\nKey type:     %2\nFingerprint:  %3")
                               .arg(hostDescription, keyType, offeredFingerprint));
    }

    auto* buttons = new QDialogButtonBox(this);
    m_trust = buttons->addButton(changed ? tr("Trust &New Key") : tr("&Trust This Key"), QDialogButtonBox::AcceptRole);
    m_trust->setObjectName(QStringLiteral("trustButton"));
    m_trust->setAutoDefault(false);
    m_trust->setDefault(false);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setDefault(true); // Enter never trusts a key
    cancel->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* text = new QVBoxLayout;
    text->addWidget(m_message);
    text->addWidget(m_details);
    if (changed) {
        m_verified = new QCheckBox(tr("I have &verified the new key on the host"), this);
        m_verified->setObjectName(QStringLiteral("verifiedCheck"));
        m_trust->setEnabled(false);
        connect(m_verified, &QCheckBox::toggled, m_trust, &QPushButton::setEnabled);
        text->addWidget(m_verified);
    }
    auto* row = new QHBoxLayout;
    row->addWidget(icon);
    row->addLayout(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

QString HostKeyDialog::text() const
{
    return m_message->text() + QLatin1Char('\n') + m_details->text();
}

} // namespace certdeck::ui
