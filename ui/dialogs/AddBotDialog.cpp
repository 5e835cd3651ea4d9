#include "ui/dialogs/AddBotDialog.h"

#include "ui/widgets/FieldMessage.h"
#include "ui/wizard/InputRules.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

constexpr qint64 kMaxKeyFileBytes = 64 * 1024;

bool hasControlCharacters(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

QString checkName(const QString& name)
{
    if (name.trimmed().isEmpty()) {
        return AddBotDialog::tr("Name: enter a name for this entry, e.g. web01.");
    }
    if (name.size() > 64 || hasControlCharacters(name)) {
        return AddBotDialog::tr("Name: use at most 64 printable characters, e.g. web01.");
    }
    return {};
}

QString checkHost(const QString& host)
{
    if (host.isEmpty()) {
        return AddBotDialog::tr("Host: enter the SSH host name or IP address, e.g. web01.example.com or 192.0.2.10.");
    }
    if (host.startsWith(QLatin1String("*.")) || (!inputrules::isDnsName(host) && !inputrules::isIpAddress(host))) {
        return AddBotDialog::tr("Host: \"%1\" is not a host name or IP address. Enter one host, e.g. web01.example.com "
                                "or 192.0.2.10.")
            .arg(host);
    }
    return {};
}

QString checkUser(const QString& user)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]{0,31}$"));
    if (user.isEmpty()) {
        return AddBotDialog::tr("User: enter the account CertDeck logs in as on the host, e.g. deploy.");
    }
    if (!valid.match(user).hasMatch()) {
        return AddBotDialog::tr("User: \"%1\" is not a login name. Use letters, digits, '.', '-' and '_' (starting "
                                "with a letter or '_'), e.g. deploy.")
            .arg(user);
    }
    return {};
}

QString checkKeyFile(const QString& path)
{
    if (path.isEmpty()) {
        return AddBotDialog::tr("Key file: choose the private key CertDeck logs in with, e.g. ~/.ssh/id_ed25519.");
    }
    const QFileInfo info(QDir::fromNativeSeparators(path));
    if (!info.isAbsolute()) {
        return AddBotDialog::tr("Key file: enter the full path of the private key, e.g. /home/alice/.ssh/id_ed25519.");
    }
    if (!info.exists() || !info.isFile()) {
        return AddBotDialog::tr("Key file: %1 does not exist. Choose the private key file (Browse…).").arg(path);
    }
    if (!info.isReadable()) {
        return AddBotDialog::tr("Key file: %1 cannot be read (permission denied). Choose a key file you can read.")
            .arg(path);
    }
    if (info.size() == 0 || info.size() > kMaxKeyFileBytes) {
        return AddBotDialog::tr("Key file: %1 is not a private key (%2 bytes). Choose the private key, not the .pub "
                                "file.")
            .arg(path)
            .arg(info.size());
    }
    return {};
}

QString checkInstallPath(const QString& path)
{
    if (path.isEmpty()) {
        return {};
    }
    if (hasControlCharacters(path) || !(path.startsWith(QLatin1Char('/')) || path.startsWith(QLatin1String("~/"))) ||
        path.endsWith(QLatin1Char('/'))) {
        return AddBotDialog::tr("Install path: enter where certdeck-bot goes on the host, an absolute path or one "
                                "under ~/, e.g. ~/.local/bin/certdeck-bot; or leave it empty for that default.");
    }
    return {};
}

} // namespace

AddBotDialog::AddBotDialog(BotRole role, QWidget* parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_nameMessage(new FieldMessage(QStringLiteral("botNameMessage"), this))
    , m_host(new QLineEdit(this))
    , m_hostMessage(new FieldMessage(QStringLiteral("botHostMessage"), this))
    , m_port(new QSpinBox(this))
    , m_user(new QLineEdit(this))
    , m_userMessage(new FieldMessage(QStringLiteral("botUserMessage"), this))
    , m_keyAuth(new QRadioButton(tr("&Key file"), this))
    , m_passwordAuth(new QRadioButton(tr("Pass&word"), this))
    , m_keyFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_keyFileMessage(new FieldMessage(QStringLiteral("keyFileMessage"), this))
    , m_passphrase(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_passwordMessage(new FieldMessage(QStringLiteral("passwordMessage"), this))
    , m_sudo(new QCheckBox(tr("Run privileged steps with &sudo -n"), this))
    , m_installPath(new QLineEdit(this))
    , m_installPathMessage(new FieldMessage(QStringLiteral("installPathMessage"), this))
    , m_role(new QComboBox(this))
{
    setObjectName(QStringLiteral("addBotDialog"));
    setWindowTitle(role == BotRole::AgentlessTarget ? tr("Add Agentless Target") : tr("Add SSH Bot"));

    m_name->setObjectName(QStringLiteral("botName"));
    m_name->setPlaceholderText(QStringLiteral("web01"));
    m_host->setObjectName(QStringLiteral("botHost"));
    m_host->setPlaceholderText(QStringLiteral("web01.example.com"));
    m_port->setObjectName(QStringLiteral("botPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_user->setObjectName(QStringLiteral("botUser"));
    m_user->setPlaceholderText(QStringLiteral("deploy"));
    m_keyAuth->setObjectName(QStringLiteral("authKey"));
    m_passwordAuth->setObjectName(QStringLiteral("authPassword"));
    m_keyAuth->setChecked(true);
    auto* authGroup = new QButtonGroup(this);
    authGroup->addButton(m_keyAuth);
    authGroup->addButton(m_passwordAuth);
    m_keyFile->setObjectName(QStringLiteral("keyFile"));
    m_keyFile->setPlaceholderText(QDir::home().filePath(QStringLiteral(".ssh/id_ed25519")));
    m_browse->setObjectName(QStringLiteral("browseKeyFile"));
    m_passphrase->setObjectName(QStringLiteral("keyPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("Empty when the key has none"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_sudo->setObjectName(QStringLiteral("useSudo"));
    m_sudo->setToolTip(tr("Steps that need root (reloading a server, writing under /etc) run as `sudo -n`: the user "
                          "needs passwordless sudo for them."));
    m_installPath->setObjectName(QStringLiteral("installPath"));
    m_installPath->setPlaceholderText(QStringLiteral("~/.local/bin/certdeck-bot"));
    m_role->setObjectName(QStringLiteral("botRole"));
    m_role->addItem(tr("Bot (certdeck-bot installed on the host)"), botRoleId(BotRole::Bot));
    m_role->addItem(tr("Agentless target (a bot deploys to it over SSH)"), botRoleId(BotRole::AgentlessTarget));
    m_role->setCurrentIndex(role == BotRole::AgentlessTarget ? 1 : 0);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameMessage);
    form->addRow(tr("&Role:"), m_role);
    auto* hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:"), this));
    hostRow->addWidget(m_port);
    auto* hostLabel = new QLabel(tr("&Host:"), this);
    hostLabel->setBuddy(m_host);
    form->addRow(hostLabel, hostRow);
    form->addRow(QString(), m_hostMessage);
    form->addRow(tr("&User:"), m_user);
    form->addRow(QString(), m_userMessage);
    auto* authRow = new QHBoxLayout;
    authRow->addWidget(m_keyAuth);
    authRow->addWidget(m_passwordAuth);
    authRow->addStretch(1);
    form->addRow(tr("Authentication:"), authRow);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyFile, 1);
    keyRow->addWidget(m_browse);
    auto* keyLabel = new QLabel(tr("Private key &file:"), this);
    keyLabel->setBuddy(m_keyFile);
    form->addRow(keyLabel, keyRow);
    form->addRow(QString(), m_keyFileMessage);
    form->addRow(tr("Key &passphrase:"), m_passphrase);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_passwordMessage);
    form->addRow(QString(), m_sudo);
    form->addRow(tr("&Install path:"), m_installPath);
    form->addRow(QString(), m_installPathMessage);

    auto* note = new QLabel(tr("The key, passphrase or password is stored in the system keychain only. On first "
                               "contact CertDeck shows the host's key fingerprint for you to confirm."),
                            this);
    note->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(role == BotRole::AgentlessTarget ? tr("&Add Target") : tr("&Add Bot"));
    m_ok->setObjectName(QStringLiteral("okButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (validateAll()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch(1);
    layout->addWidget(buttons);

    for (QLineEdit* edit : {m_name, m_host, m_user, m_keyFile, m_password, m_installPath}) {
        connect(edit, &QLineEdit::textChanged, this, [this, edit] {
            m_touched.insert(edit);
            revalidate();
        });
    }
    for (QRadioButton* button : {m_keyAuth, m_passwordAuth}) {
        connect(button, &QRadioButton::toggled, this, &AddBotDialog::revalidate);
    }
    connect(m_role, &QComboBox::currentIndexChanged, this, &AddBotDialog::revalidate);
    connect(m_browse, &QPushButton::clicked, this, &AddBotDialog::chooseKeyFile);
    resize(620, sizeHint().height());
    revalidate();
}

AddBotDialog::~AddBotDialog()
{
    clearSecrets();
}

void AddBotDialog::chooseKeyFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Private Key for SSH"), QDir::home().filePath(QStringLiteral(".ssh")));
    if (!path.isEmpty()) {
        m_keyFile->setText(QDir::toNativeSeparators(path));
    }
}

bool AddBotDialog::revalidate()
{
    const bool key = m_keyAuth->isChecked();
    const bool agentless = m_role->currentData().toString() == botRoleId(BotRole::AgentlessTarget);
    m_keyFile->setEnabled(key);
    m_browse->setEnabled(key);
    m_passphrase->setEnabled(key);
    m_password->setEnabled(!key);
    m_installPath->setEnabled(!agentless);

    const auto show = [this](FieldMessage* message, QObject* field, const QString& text) {
        message->setMessage(m_showAll || m_touched.contains(field) ? text : QString());
        return text.isEmpty();
    };
    bool valid = show(m_nameMessage, m_name, checkName(m_name->text()));
    valid = show(m_hostMessage, m_host, checkHost(m_host->text().trimmed())) && valid;
    valid = show(m_userMessage, m_user, checkUser(m_user->text().trimmed())) && valid;
    valid = show(m_keyFileMessage, m_keyFile, key ? checkKeyFile(m_keyFile->text().trimmed()) : QString()) && valid;
    valid = show(m_passwordMessage, m_password,
                 !key && m_password->text().isEmpty()
                     ? tr("Password: enter the password of %1 on the host.")
                           .arg(m_user->text().trimmed().isEmpty() ? tr("the user") : m_user->text().trimmed())
                     : QString()) &&
            valid;
    valid = show(m_installPathMessage, m_installPath,
                 agentless ? QString() : checkInstallPath(m_installPath->text().trimmed())) &&
            valid;
    m_valid = valid;
    return valid;
}

bool AddBotDialog::validateAll()
{
    m_showAll = true;
    return revalidate();
}

Result<bots::SshBotRequest> AddBotDialog::takeRequest()
{
    if (!validateAll()) {
        return fail(tr("Some fields need attention: see the messages below them."), QStringLiteral("invalid"));
    }
    bots::SshBotRequest request;
    request.name = m_name->text().trimmed();
    request.endpoint.host = m_host->text().trimmed();
    request.endpoint.port = m_port->value();
    request.endpoint.user = m_user->text().trimmed();
    request.useSudo = m_sudo->isChecked();
    request.role = m_role->currentData().toString() == botRoleId(BotRole::AgentlessTarget) ? BotRole::AgentlessTarget
                                                                                           : BotRole::Bot;
    request.installPath = request.role == BotRole::Bot ? m_installPath->text().trimmed() : QString();
    if (m_keyAuth->isChecked()) {
        request.auth = SshAuthMethod::Key;
        const QString path = QDir::fromNativeSeparators(m_keyFile->text().trimmed());
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            const QString message = tr("Key file: %1 cannot be read (%2).").arg(path, file.errorString());
            m_keyFileMessage->setMessage(message);
            return fail(message, QStringLiteral("invalid"));
        }
        request.privateKey = file.read(kMaxKeyFileBytes + 1);
        request.passphrase = m_passphrase->text().toUtf8();
    } else {
        request.auth = SshAuthMethod::Password;
        request.password = m_password->text().toUtf8();
    }
    clearSecrets();
    return request;
}

void AddBotDialog::clearSecrets()
{
    // QLineEdit keeps no copy we could wipe; clearing drops the dialog's reference as early as possible.
    const QSignalBlocker passphrase(m_passphrase);
    const QSignalBlocker password(m_password);
    m_passphrase->clear();
    m_password->clear();
}

} // namespace certdeck::ui
