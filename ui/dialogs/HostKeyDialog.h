#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;

namespace certdeck::ui {

// Asks the operator to confirm an SSH host key before CertDeck pins it. First contact: shows host, key type and
// SHA256 fingerprint with the command to compare it with on the host; "Trust This Key" or Cancel (the default).
// Changed key: shows the pinned and the offered fingerprint, warns, and offers no one-click trust: the operator
// must tick "I have verified the new key" before "Trust New Key" is enabled.
class HostKeyDialog : public QDialog
{
    Q_OBJECT
public:
    // pinnedFingerprint empty: first contact; otherwise the key changed from this one.
    HostKeyDialog(const QString& botName, const QString& hostDescription, const QString& keyType,
                  const QString& offeredFingerprint, const QString& pinnedFingerprint = {}, QWidget* parent = nullptr);

    bool isChangedKey() const { return !m_pinned.isEmpty(); }
    QString offeredFingerprint() const { return m_offered; }
    QString text() const; // everything the dialog says, for tests and screen readers
    QPushButton* trustButton() const { return m_trust; }
    QCheckBox* verifiedCheck() const { return m_verified; }

    // The file whose `ssh-keygen -lf` output the operator compares ("/etc/ssh/ssh_host_ed25519_key.pub").
    static QString hostKeyFile(const QString& keyType);

private:
    QString m_offered;
    QString m_pinned;
    QLabel* m_message = nullptr;
    QLabel* m_details = nullptr;
    QCheckBox* m_verified = nullptr;
    QPushButton* m_trust = nullptr;
};

} // namespace certdeck::ui
