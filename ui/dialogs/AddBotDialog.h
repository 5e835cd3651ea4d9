#pragma once

#include "engine/bots/BotService.h"

#include <QDialog>
#include <QSet>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace certdeck::ui {

class FieldMessage;

// Add SSH Bot… / Add Agentless Target…: name, host, port, user, authentication (key file + passphrase, or
// password), sudo, install path and role. Every field is checked where it is entered with a message that says what
// to enter; OK stays disabled until all are fine. The secrets go only into the SshBotRequest (for BotService, which
// stores them in the keychain); the dialog clears its secret fields once the request is taken.
class AddBotDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddBotDialog(BotRole role, QWidget* parent = nullptr);
    ~AddBotDialog() override;

    // The request as entered (reads the key file); error: what is wrong (the dialog shows it too).
    Result<bots::SshBotRequest> takeRequest();
    bool isInputValid() const { return m_valid; }
    // Shows every field's message, also of fields not edited yet.
    bool validateAll();
    QPushButton* okButton() const { return m_ok; }

private:
    bool revalidate();
    void chooseKeyFile();
    void clearSecrets();

    QLineEdit* m_name = nullptr;
    FieldMessage* m_nameMessage = nullptr;
    QLineEdit* m_host = nullptr;
    FieldMessage* m_hostMessage = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_user = nullptr;
    FieldMessage* m_userMessage = nullptr;
    QRadioButton* m_keyAuth = nullptr;
    QRadioButton* m_passwordAuth = nullptr;
    QLineEdit* m_keyFile = nullptr;
    QPushButton* m_browse = nullptr;
    FieldMessage* m_keyFileMessage = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QLineEdit* m_password = nullptr;
    FieldMessage* m_passwordMessage = nullptr;
    QCheckBox* m_sudo = nullptr;
    QLineEdit* m_installPath = nullptr;
    FieldMessage* m_installPathMessage = nullptr;
    QComboBox* m_role = nullptr;
    QPushButton* m_ok = nullptr;
    QSet<QObject*> m_touched; // fields the operator has edited: their messages show
    bool m_showAll = false;
    bool m_valid = false;
};

} // namespace certdeck::ui
