#include "ui/wizard/DeploymentDetailsPage.h"

#include "engine/deploy/DeployerRegistry.h"
#include "engine/deploy/DeployerSecrets.h"
#include "engine/domain/ServerType.h"
#include "ui/widgets/FieldMessage.h"
#include "ui/wizard/InputRules.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QHostInfo>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <QWizard>

namespace certdeck::ui {

using deploy::DeployerField;

DeploymentDetailsPage::DeploymentDetailsPage(const deploy::DeployerRegistry* deployers, QWidget* parent)
    : QWizardPage(parent)
    , m_deployers(deployers)
    , m_automatic(new QRadioButton(tr("&Automatic"), this))
    , m_manual(new QRadioButton(tr("&Manual"), this))
    , m_automaticHint(new QLabel(this))
    , m_suggestion(new QComboBox(this))
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
    m_automaticHint->setObjectName(QStringLiteral("automaticHint"));
    m_automaticHint->setWordWrap(true);
    m_automaticHint->setTextFormat(Qt::PlainText);
    m_automaticHint->setText(tr("Looking for servers the bots' scans detected…"));
    m_suggestion->setObjectName(QStringLiteral("automaticSuggestion"));
    m_suggestion->setToolTip(tr("Detected by the bots' system scans: a running server on the endpoint host that "
                                "serves the certificate's names. Choosing one fills the bot, server type and paths."));
    m_suggestion->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_suggestion->setMinimumContentsLength(40);

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
    form->addRow(tr("Detected &target:"), m_suggestion);
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

    // Server types with many settings (file delivery, Java key stores) scroll instead of squeezing their rows.
    auto* fieldsArea = new QScrollArea(this);
    fieldsArea->setObjectName(QStringLiteral("serverFieldsArea"));
    fieldsArea->setWidgetResizable(true);
    fieldsArea->setFrameShape(QFrame::NoFrame);
    fieldsArea->setWidget(m_fieldsBox);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(fieldsArea, 1);
    layout->addWidget(m_fieldsMessage);

    connect(m_automatic, &QRadioButton::toggled, this, [this](bool automatic) {
        if (automatic && !m_applying) {
            updateSuggestions(); // applies the chosen (or best) detected target
        } else {
            updateMode();
        }
    });
    connect(m_suggestion, &QComboBox::activated, this, &DeploymentDetailsPage::applySuggestion);
    connect(m_endpointHost, &QLineEdit::textChanged, this, &DeploymentDetailsPage::resolveEndpointHost);
    connect(m_endpointPort, &QSpinBox::valueChanged, this, &DeploymentDetailsPage::updateSuggestions);
    connect(m_serverType, &QComboBox::currentIndexChanged, this, &DeploymentDetailsPage::rebuildFields);
    connect(m_endpointHost, &QLineEdit::textChanged, this, &DeploymentDetailsPage::revalidate);
    connect(m_agentless, &QLineEdit::textChanged, this, &DeploymentDetailsPage::revalidate);
    connect(m_bot, &QComboBox::currentIndexChanged, this, &DeploymentDetailsPage::revalidate);
    rebuildFields();
    updateMode();
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
        m_endpointOptional = m_deployers->endpointOptional(type);
        m_fieldsBox->setTitle(tr("%1 settings").arg(serverTypeDisplayName(type)));
    } else {
        m_endpointOptional = false;
        m_fieldsBox->setTitle(tr("Server settings"));
    }
    if (m_endpointOptional && m_endpointHost->text().trimmed() == QLatin1String("127.0.0.1")) {
        m_endpointHost->clear(); // the untouched default: files delivered for another server have no endpoint yet
    }
    m_endpointHost->setPlaceholderText(m_endpointOptional
                                           ? tr("Optional: where a server serves the delivered files (checked by a "
                                                "TLS handshake); empty: the files are checked by reading them back")
                                           : QString());

    m_storedSecrets.clear();
    for (const DeployerField& field : std::as_const(m_schema)) {
        if (field.id == deploy::kKeyStorePasswordField || field.id == deploy::kKeyStoreTypeField) {
            continue; // the CSR step's Key Store Type and Password
        }
        QWidget* editor = nullptr;
        QVariant pending = m_pendingValues.value(field.id);
        if (field.kind == DeployerField::Kind::Secret) {
            if (pending.toString() == deploy::kStoredInKeychain) {
                m_storedSecrets.insert(field.id);
            }
            pending = QVariant(); // a secret is never shown, nor taken from the inventory
        }
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
                line->setPlaceholderText(m_storedSecrets.contains(field.id)
                                             ? tr("Stored in the keychain; type to replace it")
                                             : tr("Kept in the system keychain"));
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
            if (field.kind == DeployerField::Kind::Secret) {
                if (!line->text().isEmpty() || m_storedSecrets.contains(field.id)) {
                    values.insert(field.id, deploy::kStoredInKeychain);
                }
                continue;
            }
            const QString text = line->text().trimmed();
            if (!text.isEmpty()) {
                values.insert(field.id, text);
            }
        }
    }
    return values;
}

QMap<QString, QString> DeploymentDetailsPage::secretValues() const
{
    QMap<QString, QString> secrets;
    for (const DeployerField& field : m_schema) {
        auto* line = qobject_cast<QLineEdit*>(m_editors.value(field.id));
        if (field.kind == DeployerField::Kind::Secret && line && !line->text().isEmpty()) {
            secrets.insert(field.id, line->text());
        }
    }
    return secrets;
}

bool DeploymentDetailsPage::revalidate()
{
    bool valid = true;
    const QString host = m_endpointHost->text().trimmed();
    if ((host.isEmpty() && !m_endpointOptional) || host.contains(QLatin1Char(' ')) || host.contains(QLatin1Char('/'))) {
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
    } else if (agentless.isEmpty() &&
               m_serverType->currentData(Qt::UserRole).toString() == serverTypeId(ServerType::Sftp)) {
        agentlessMessage = tr("Agentless server: SFTP delivers the files to another host. Enter that host (its SSH "
                              "user and pinned host key are set in the Bots view).");
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
    m_commonName = config.commonName;
    m_sans = config.sans;
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
    updateSuggestions();
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
            if (bot.role == BotRole::AgentlessTarget) {
                continue; // a host a bot deploys to, not a bot: named under Agentless server
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
    m_bots = bots;
    updateSuggestions();
    m_bot->setToolTip(error.isEmpty()
                          ? tr("The bot that runs the provisioning workflow. It must be able to reach the target.")
                          : tr("The registered bots could not be read (%1); only the local bot is listed.").arg(error));
    revalidate();
}

void DeploymentDetailsPage::setCertificateNames(const QString& commonName, const QStringList& sans)
{
    m_commonName = commonName;
    m_sans = sans;
    updateSuggestions();
}

void DeploymentDetailsPage::resolveEndpointHost()
{
    updateSuggestions(); // literal comparison now; by address once the name is resolved
    QString host = m_endpointHost->text().trimmed();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (host.isEmpty() || host == m_resolvedHost ||
        !QHostAddress(host.remove(QLatin1Char('[')).remove(QLatin1Char(']'))).isNull()) {
        return;
    }
    m_lookupId = QHostInfo::lookupHost(host, this, [this, host](const QHostInfo& info) {
        m_lookupId = -1;
        if (m_endpointHost->text().trimmed() != host) {
            return;
        }
        m_resolvedHost = host;
        m_resolvedAddresses.clear();
        for (const QHostAddress& address : info.addresses()) {
            m_resolvedAddresses << address.toString();
        }
        updateSuggestions();
    });
}

namespace {

// The Provision Bot row a suggestion selects: the local bot's row for the local bot and for an agentless target
// (the local bot deploys to it), else the SSH bot's row; -1 when that bot is not listed.
int botRowFor(const QComboBox* bots, const discovery::DeploymentSuggestion& suggestion)
{
    if (suggestion.localBot || suggestion.role == BotRole::AgentlessTarget) {
        return 0;
    }
    return bots->findData(suggestion.botId);
}

} // namespace

void DeploymentDetailsPage::updateSuggestions()
{
    if (!m_botsListed || m_applying) {
        updateMode();
        return;
    }
    discovery::CertificateTarget target;
    target.commonName = m_commonName;
    target.sans = m_sans;
    target.host = m_endpointHost->text().trimmed();
    target.port = m_endpointPort->value();
    if (m_resolvedHost == target.host) {
        target.hostAddresses = m_resolvedAddresses;
    }
    const discovery::AutomaticDeploymentResult result = discovery::suggestDeployments(target, m_bots);
    m_suggestions = result.suggestions;
    m_whyNoSuggestion = result.whyNone;

    int firstUsable = -1;
    QList<bool> usable;
    {
        const QSignalBlocker blocker(m_suggestion);
        m_suggestion->clear();
        auto* model = qobject_cast<QStandardItemModel*>(m_suggestion->model());
        for (int i = 0; i < m_suggestions.size(); ++i) {
            const discovery::DeploymentSuggestion& suggestion = m_suggestions.at(i);
            m_suggestion->addItem(suggestion.label(), i);
            QString tip = tr("%1 %2, configured in %3\nHost matched by %4\nCertificate: %5\nKey: %6")
                              .arg(suggestion.serverType, suggestion.serverVersion, suggestion.endpoint.source,
                                   suggestion.hostMatch,
                                   suggestion.endpoint.certificatePath.isEmpty() ? suggestion.endpoint.keystorePath
                                                                                 : suggestion.endpoint.certificatePath,
                                   suggestion.endpoint.keyPath);
            if (!suggestion.dcvPath.isEmpty()) {
                tip += tr("\nDCV path: %1").arg(suggestion.dcvPath);
            }
            ServerType type;
            const bool deployable = serverTypeFromId(suggestion.serverType, &type) && m_deployers &&
                                    m_deployers->has(type) && botRowFor(m_bot, suggestion) >= 0;
            usable << deployable;
            if (!deployable && model) {
                QStandardItem* item = model->item(i);
                item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
                tip += tr("\nNot selectable: there is no %1 deployer, or its bot is not registered.")
                           .arg(suggestion.serverType);
            } else if (firstUsable < 0) {
                firstUsable = i;
            }
            m_suggestion->setItemData(i, tip, Qt::ToolTipRole);
        }
        if (firstUsable < 0) {
            if (m_whyNoSuggestion.isEmpty()) {
                m_whyNoSuggestion = tr("The detected servers cannot be deployed to from this console yet (no deployer "
                                       "for their type); use Manual.");
            }
            m_suggestions.clear();
            m_suggestion->clear();
            m_suggestion->addItem(tr("No detected target"));
        }
    }
    m_automatic->setEnabled(firstUsable >= 0);
    m_automatic->setToolTip(firstUsable >= 0 ? tr("Use the deployment mapping detected by the bot's system scan.")
                                             : tr("Automatic is not available: %1").arg(m_whyNoSuggestion));
    if (firstUsable < 0) {
        if (m_automatic->isChecked()) {
            m_manual->setChecked(true); // falls back to Manual; the hint says why
        }
        updateMode();
        return;
    }
    if (m_automatic->isChecked()) {
        // Keep the configuration's own choice when it is still among the suggestions, else take the best.
        int keep = -1;
        const QVariantMap current = fieldValues();
        for (int i = 0; i < m_suggestions.size() && keep < 0; ++i) {
            const discovery::DeploymentSuggestion& suggestion = m_suggestions.at(i);
            if (!usable.value(i)) {
                continue;
            }
            if (botRowFor(m_bot, suggestion) == m_bot->currentIndex() &&
                suggestion.serverType == m_serverType->currentData(Qt::UserRole).toString() &&
                suggestion.fields.value(QStringLiteral("certificateFile")) ==
                    current.value(QStringLiteral("certificateFile")) &&
                suggestion.endpoint.port == m_endpointPort->value()) {
                keep = i;
            }
        }
        if (keep >= 0) {
            const QSignalBlocker blocker(m_suggestion);
            m_suggestion->setCurrentIndex(keep);
        } else {
            applySuggestion(firstUsable);
        }
    }
    updateMode();
}

void DeploymentDetailsPage::applySuggestion(int index)
{
    if (index < 0 || index >= m_suggestions.size() || m_applying) {
        return;
    }
    const discovery::DeploymentSuggestion suggestion = m_suggestions.at(index);
    const int row = botRowFor(m_bot, suggestion);
    if (row < 0) {
        return;
    }
    m_applying = true;
    {
        const QSignalBlocker blocker(m_suggestion);
        m_suggestion->setCurrentIndex(index);
    }
    m_bot->setCurrentIndex(row);
    m_agentless->setText(suggestion.agentlessServer);
    if (suggestion.endpoint.port > 0) {
        m_endpointPort->setValue(suggestion.endpoint.port);
    }
    m_pendingValues = suggestion.fields;
    const int type = m_serverType->findData(suggestion.serverType, Qt::UserRole);
    if (type > 0 && type != m_serverType->currentIndex()) {
        m_serverType->setCurrentIndex(type); // rebuilds the fields with the detected values
    } else {
        rebuildFields();
    }
    m_pendingValues.clear();
    // The DCV step's directory is the web root the bot writes the validation file under.
    if (!suggestion.endpoint.webRoot.isEmpty() && wizard()) {
        if (auto* dcvPath = wizard()->findChild<QLineEdit*>(QStringLiteral("dcvPath"));
            dcvPath && dcvPath->text().trimmed().isEmpty()) {
            dcvPath->setText(suggestion.endpoint.webRoot);
        }
    }
    m_applying = false;
    revalidate();
    updateMode();
}

void DeploymentDetailsPage::updateMode()
{
    const bool automatic = m_automatic->isChecked();
    const bool haveSuggestions = !m_suggestions.isEmpty();
    m_suggestion->setEnabled(automatic && haveSuggestions);
    // Automatic: the detected values, read-only. Manual overrides everything.
    m_bot->setEnabled(!automatic);
    m_agentless->setEnabled(!automatic);
    m_serverType->setEnabled(!automatic);
    m_fieldsBox->setEnabled(!automatic);
    QString hint;
    if (!m_botsListed) {
        hint = tr("Looking for servers the bots' scans detected…");
    } else if (!haveSuggestions) {
        hint = tr("Automatic is not available: %1").arg(m_whyNoSuggestion);
    } else if (automatic) {
        const int index = m_suggestion->currentIndex();
        const discovery::DeploymentSuggestion& chosen = m_suggestions.value(index < 0 ? 0 : index);
        hint = tr("Detected by the scan of %1 (host matched by %2). The values below are read-only; choose Manual to "
                  "change them.")
                   .arg(chosen.botName, chosen.hostMatch);
    } else {
        hint = tr("%n detected target(s) available: choose Automatic to use one.", nullptr,
                  static_cast<int>(m_suggestions.size()));
    }
    m_automaticHint->setText(hint);
    m_automaticHint->setVisible(!hint.isEmpty());
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
