#include "ui/wizard/DeploymentDetailsPage.h"

#include "engine/deploy/DeployerRegistry.h"
#include "engine/domain/ServerType.h"
#include "ui/widgets/FieldMessage.h"
#include "ui/wizard/InputRules.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace certdeck::ui {

using deploy::DeployerField;

DeploymentDetailsPage::DeploymentDetailsPage(const deploy::DeployerRegistry* deployers, QWidget* parent)
    : QWizardPage(parent)
    , m_deployers(deployers)
    , m_automatic(new QRadioButton(tr("&Automatic"), this))
    , m_manual(new QRadioButton(tr("&Manual"), this))
    , m_automaticHint(new QLabel(this))
    , m_bot(new QComboBox(this))
    , m_botMessage(new FieldMessage(QStringLiteral("provisionBotMessage"), this))
    , m_agentless(new QLineEdit(this))
    , m_agentlessMessage(new FieldMessage(QStringLiteral("agentlessServerMessage"), this))
    , m_endpointHost(new QLineEdit(this))
    , m_endpointPort(new QSpinBox(this))
    , m_endpointMessage(new FieldMessage(QStringLiteral("endpointMessage"), this))
    , m_serverType(new QComboBox(this))
    , m_serverTypeMessage(new FieldMessage(QStringLiteral("serverTypeMessage"), this))
    , m_fieldsBox(new QGroupBox(this))
    , m_fieldsForm(new QFormLayout(m_fieldsBox))
    , m_fieldsMessage(new FieldMessage(QStringLiteral("serverFieldsMessage"), this))
{
    setObjectName(QStringLiteral("deploymentDetailsPage"));
    setTitle(tr("Deployment Details"));
    setSubTitle(tr("Where the certificate is deployed and which bot deploys it."));

    m_automatic->setObjectName(QStringLiteral("deploymentAutomatic"));
    m_manual->setObjectName(QStringLiteral("deploymentManual"));
    m_manual->setChecked(true);
    auto* typeGroup = new QButtonGroup(this);
    typeGroup->addButton(m_automatic);
    typeGroup->addButton(m_manual);
    m_automatic->setToolTip(tr("Use the deployment mapping detected by the bot's system scan."));
    m_manual->setToolTip(tr("Select the server and enter its values yourself."));
    m_automaticHint->setWordWrap(true);
    m_automaticHint->setText(tr("No deployment mapping has been detected for this certificate yet: the values "
                                "below are suggestions; check them before saving."));
    m_automaticHint->setVisible(false);

    m_bot->setObjectName(QStringLiteral("provisionBot"));
    m_bot->addItem(tr("Local bot (this computer)"), 0);
    m_bot->setToolTip(tr("The bot that runs the provisioning workflow. It must be able to reach the target."));
    m_agentless->setObjectName(QStringLiteral("agentlessServer"));
    m_agentless->setPlaceholderText(tr("Empty for agent-based; host name or address for an agentless target"));
    m_agentless->setToolTip(tr("A remote endpoint provisioned by the selected bot without installing a bot there."));

    m_endpointHost->setObjectName(QStringLiteral("endpointHost"));
    m_endpointHost->setText(QStringLiteral("127.0.0.1"));
    m_endpointHost->setToolTip(tr("Where the server serves this certificate: after a deployment CertDeck connects "
                                  "here (with the common name as SNI) and checks that the new certificate is served."));
    m_endpointPort->setObjectName(QStringLiteral("endpointPort"));
    m_endpointPort->setRange(1, 65535);
    m_endpointPort->setValue(443);

    m_serverType->setObjectName(QStringLiteral("serverType"));
    auto* typeModel = new QStandardItemModel(this);
    auto* placeholder = new QStandardItem(tr("Select a server type"));
    placeholder->setData(QString(), Qt::UserRole);
    typeModel->appendRow(placeholder);
    for (ServerType type : allServerTypes()) {
        auto* item = new QStandardItem(serverTypeDisplayName(type));
        item->setData(serverTypeId(type), Qt::UserRole);
        if (!m_deployers || !m_deployers->has(type)) {
            item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
            item->setToolTip(tr("The %1 deployer is not available yet.").arg(serverTypeDisplayName(type)));
        }
        typeModel->appendRow(item);
    }
    m_serverType->setModel(typeModel);

    m_fieldsBox->setTitle(tr("Server settings"));
    m_fieldsBox->setObjectName(QStringLiteral("serverFields"));

    auto* typeRow = new QHBoxLayout;
    typeRow->addWidget(m_automatic);
    typeRow->addWidget(m_manual);
    typeRow->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("Deployment type:"), typeRow);
    form->addRow(QString(), m_automaticHint);
    form->addRow(tr("Provision &Bot:"), m_bot);
    form->addRow(QString(), m_botMessage);
    form->addRow(tr("A&gentless server:"), m_agentless);
    form->addRow(QString(), m_agentlessMessage);
    auto* endpointRow = new QHBoxLayout;
    endpointRow->addWidget(m_endpointHost, 1);
    endpointRow->addWidget(new QLabel(tr("Port:"), this));
    endpointRow->addWidget(m_endpointPort);
    auto* endpointLabel = new QLabel(tr("&Endpoint (verified after deploy):"), this);
    endpointLabel->setBuddy(m_endpointHost);
    form->addRow(endpointLabel, endpointRow);
    form->addRow(QString(), m_endpointMessage);
    form->addRow(tr("&Server type:"), m_serverType);
    form->addRow(QString(), m_serverTypeMessage);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_fieldsBox);
    layout->addWidget(m_fieldsMessage);
    layout->addStretch(1);

    connect(m_automatic, &QRadioButton::toggled, m_automaticHint, &QLabel::setVisible);
    connect(m_serverType, &QComboBox::currentIndexChanged, this, &DeploymentDetailsPage::rebuildFields);
    connect(m_endpointHost, &QLineEdit::textChanged, this, &DeploymentDetailsPage::revalidate);
    connect(m_agentless, &QLineEdit::textChanged, this, &DeploymentDetailsPage::revalidate);
    connect(m_bot, &QComboBox::currentIndexChanged, this, &DeploymentDetailsPage::revalidate);
    rebuildFields();
}

void DeploymentDetailsPage::rebuildFields()
{
    for (QWidget* editor : std::as_const(m_editors)) {
        m_fieldsForm->removeRow(editor);
    }
    m_editors.clear();
    m_schema.clear();

    const QString typeId = m_serverType->currentData(Qt::UserRole).toString();
    ServerType type;
    if (!typeId.isEmpty() && serverTypeFromId(typeId, &type) && m_deployers) {
        m_schema = m_deployers->fields(type);
        m_fieldsBox->setTitle(tr("%1 settings").arg(serverTypeDisplayName(type)));
    } else {
        m_fieldsBox->setTitle(tr("Server settings"));
    }

    for (const DeployerField& field : std::as_const(m_schema)) {
        QWidget* editor = nullptr;
        const QVariant pending = m_pendingValues.value(field.id);
        switch (field.kind) {
        case DeployerField::Kind::Flag: {
            auto* box = new QCheckBox(m_fieldsBox);
            box->setChecked(pending.isValid() ? pending.toBool() : field.defaultValue == QLatin1String("true"));
            connect(box, &QCheckBox::toggled, this, &DeploymentDetailsPage::revalidate);
            editor = box;
            break;
        }
        case DeployerField::Kind::Choice: {
            auto* combo = new QComboBox(m_fieldsBox);
            combo->addItems(field.choices);
            const QString value = pending.isValid() ? pending.toString() : field.defaultValue;
            if (!value.isEmpty()) {
                combo->setCurrentIndex(combo->findText(value));
            }
            connect(combo, &QComboBox::currentIndexChanged, this, &DeploymentDetailsPage::revalidate);
            editor = combo;
            break;
        }
        default: {
            auto* line = new QLineEdit(m_fieldsBox);
            line->setPlaceholderText(field.placeholder);
            line->setText(pending.isValid() ? pending.toString() : field.defaultValue);
            if (field.kind == DeployerField::Kind::Secret) {
                line->setEchoMode(QLineEdit::Password);
            }
            connect(line, &QLineEdit::textChanged, this, &DeploymentDetailsPage::revalidate);
            editor = line;
            break;
        }
        }
        editor->setObjectName(QStringLiteral("field_") + field.id);
        editor->setToolTip(field.help);
        const QString label = field.required ? tr("%1 *:").arg(field.label) : tr("%1:").arg(field.label);
        auto* labelWidget = new QLabel(label, m_fieldsBox);
        labelWidget->setBuddy(editor);
        m_fieldsForm->addRow(labelWidget, editor);
        labelWidget->show(); // the page may already be visible: show now, not on a queued event
        editor->show();
        m_editors.insert(field.id, editor);
    }
    m_fieldsBox->setVisible(!m_schema.isEmpty());
    m_fieldsBox->updateGeometry();
    revalidate();
}

QVariantMap DeploymentDetailsPage::fieldValues() const
{
    QVariantMap values;
    for (const DeployerField& field : m_schema) {
        QWidget* editor = m_editors.value(field.id);
        if (auto* box = qobject_cast<QCheckBox*>(editor)) {
            values.insert(field.id, box->isChecked());
        } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
            values.insert(field.id, combo->currentText());
        } else if (auto* line = qobject_cast<QLineEdit*>(editor)) {
            const QString text = line->text().trimmed();
            if (!text.isEmpty()) {
                values.insert(field.id, text);
            }
        }
    }
    return values;
}

bool DeploymentDetailsPage::revalidate()
{
    bool valid = true;
    const QString host = m_endpointHost->text().trimmed();
    if (host.isEmpty() || host.contains(QLatin1Char(' ')) || host.contains(QLatin1Char('/'))) {
        valid = m_endpointMessage->setMessage(
            tr("Endpoint: enter the host name or address the server listens on (e.g. 127.0.0.1 or www.example.com)."));
    } else {
        m_endpointMessage->setMessage(QString());
    }
    QString botMessage;
    if (m_bot->currentData(Qt::UserRole + 1).toBool()) {
        botMessage = tr("Provision Bot: bot #%1 of this configuration is no longer registered. Choose the bot that "
                        "can reach the server.")
                         .arg(m_bot->currentData().toLongLong());
    }
    valid = m_botMessage->setMessage(botMessage) && valid;
    const QString agentless = m_agentless->text().trimmed();
    QString agentlessMessage;
    if (!agentless.isEmpty() && !inputrules::isDnsName(agentless) && !inputrules::isIpAddress(agentless)) {
        agentlessMessage = tr("Agentless server: \"%1\" is not a host name or IP address. Enter the remote host, e.g. "
                              "web01.example.com or 192.0.2.20, or leave it empty for an agent-based target.")
                               .arg(agentless);
    } else if (agentless.startsWith(QLatin1String("*."))) {
        agentlessMessage = tr("Agentless server: a wildcard is not a host. Enter one host, e.g. web01.example.com.");
    }
    valid = m_agentlessMessage->setMessage(agentlessMessage) && valid;
    if (m_serverType->currentData(Qt::UserRole).toString().isEmpty()) {
        valid = m_serverTypeMessage->setMessage(
            tr("Server type: select the platform the certificate is deployed to (e.g. Nginx)."));
        m_fieldsMessage->setMessage(QString());
    } else {
        m_serverTypeMessage->setMessage(QString());
        const Status status = deploy::validateFieldValues(m_schema, fieldValues());
        valid = m_fieldsMessage->setMessage(status.ok() ? QString() : status.message()) && valid;
    }
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT completeChanged();
    }
    return valid;
}

bool DeploymentDetailsPage::isComplete() const
{
    return m_valid;
}

bool DeploymentDetailsPage::validatePage()
{
    return revalidate();
}

void DeploymentDetailsPage::load(const ProvisioningConfig& config)
{
    (config.deploymentType == DeploymentType::Automatic ? m_automatic : m_manual)->setChecked(true);
    m_wantedBot = config.botId;
    const int bot = m_bot->findData(config.botId);
    m_bot->setCurrentIndex(bot >= 0 ? bot : 0);
    m_agentless->setText(config.agentlessServer);
    m_endpointHost->setText(config.endpointHost);
    m_endpointPort->setValue(config.endpointPort);
    m_pendingValues = config.serverFields;
    const int index = m_serverType->findData(config.serverType, Qt::UserRole);
    if (index > 0 && index != m_serverType->currentIndex()) {
        m_serverType->setCurrentIndex(index); // rebuilds the fields with the pending values
    } else {
        rebuildFields();
    }
    m_pendingValues.clear();
}

void DeploymentDetailsPage::setBots(const QList<Bot>& bots, const QString& error)
{
    const qint64 wanted = m_botsListed ? m_bot->currentData().toLongLong() : m_wantedBot;
    {
        const QSignalBlocker blocker(m_bot);
        m_bot->clear();
        m_bot->addItem(tr("Local bot (this computer)"), 0);
        for (const Bot& bot : bots) {
            if (bot.transport == BotTransportKind::Local) {
                m_bot->setItemData(0, bot.id); // the local bot's row: the same entry
                continue;
            }
            m_bot->addItem(tr("%1 (%2, SSH)").arg(bot.name, bot.host), bot.id);
        }
        int index = wanted == 0 ? 0 : m_bot->findData(wanted);
        if (index < 0 && error.isEmpty()) {
            m_bot->addItem(tr("Bot #%1 (no longer registered)").arg(wanted), wanted);
            index = m_bot->count() - 1;
            m_bot->setItemData(index, true, Qt::UserRole + 1);
        } else if (index < 0) {
            index = 0;
        }
        m_bot->setCurrentIndex(index);
    }
    m_botsListed = true;
    m_bot->setToolTip(error.isEmpty()
                          ? tr("The bot that runs the provisioning workflow. It must be able to reach the target.")
                          : tr("The registered bots could not be read (%1); only the local bot is listed.").arg(error));
    revalidate();
}

void DeploymentDetailsPage::store(ProvisioningConfig& config) const
{
    config.deploymentType = m_automatic->isChecked() ? DeploymentType::Automatic : DeploymentType::Manual;
    config.botId = m_bot->currentData().toLongLong();
    config.agentlessServer = m_agentless->text().trimmed();
    config.endpointHost = m_endpointHost->text().trimmed();
    config.endpointPort = m_endpointPort->value();
    config.serverType = m_serverType->currentData(Qt::UserRole).toString();
    config.serverFields = fieldValues();
}

} // namespace certdeck::ui
