#include "ui/dialogs/BulkConfigureDialog.h"

#include "ui/dialogs/CsrTemplateStore.h"

#include "ui/widgets/TimeZoneCombo.h"

#include "engine/audit/AuditTrail.h"
#include "engine/ca/CaRegistry.h"
#include "engine/domain/ServerType.h"
#include "ui/DashboardWidget.h"
#include "ui/DisplayNames.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTimeEdit>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace certdeck::ui {
namespace {

QComboBox* frequencyCombo(const char* name, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(QLatin1String(name));
    combo->addItem(BulkConfigureDialog::tr("Daily"), static_cast<int>(Frequency::Daily));
    combo->addItem(BulkConfigureDialog::tr("Weekly"), static_cast<int>(Frequency::Weekly));
    combo->addItem(BulkConfigureDialog::tr("Monthly"), static_cast<int>(Frequency::Monthly));
    return combo;
}

QComboBox* timeZoneCombo(const char* name, QWidget* parent)
{
    QComboBox* combo = makeTimeZoneCombo(parent, QLatin1String(name));
    combo->setCurrentText(QStringLiteral("UTC"));
    return combo;
}

QDateEdit* dateEdit(const char* name, QWidget* parent)
{
    auto* edit = new QDateEdit(QDate::currentDate().addDays(1), parent);
    edit->setObjectName(QLatin1String(name));
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    return edit;
}

QTimeEdit* timeEdit(const char* name, QTime time, QWidget* parent)
{
    auto* edit = new QTimeEdit(time, parent);
    edit->setObjectName(QLatin1String(name));
    edit->setDisplayFormat(QStringLiteral("HH:mm"));
    return edit;
}

} // namespace

BulkConfigureDialog::BulkConfigureDialog(const QList<qint64>& certificateIds, const UiServices& services,
                                         QWidget* parent)
    : QDialog(parent)
    , m_ids(certificateIds)
    , m_services(services)
    , m_updateTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("bulkConfigureDialog"));
    setWindowTitle(tr("Bulk Configure %n Certificate(s)", nullptr, static_cast<int>(m_ids.size())));
    m_configurator = new jobs::BulkConfigurator(m_services.database,
                                                audit::AuditTrail::currentUserActor(QStringLiteral("operator")), this);
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setInterval(0);
    connect(m_updateTimer, &QTimer::timeout, this, &BulkConfigureDialog::updatePreview);

    auto* intro = new QLabel(tr("Choose the settings every selected certificate gets. Only the checked groups are "
                                "applied; everything else of each certificate's configuration (names, SANs, server "
                                "fields, key store) stays as it is. Nothing runs: the settings are used by the next "
                                "issuance, renewal or deployment."),
                             this);
    intro->setWordWrap(true);

    auto* groups = new QWidget;
    auto* groupsLayout = new QVBoxLayout(groups);
    for (QWidget* group : {buildCsrGroup(), buildCaGroup(), buildDcvGroup(), buildRenewalGroup(),
                           buildDeploymentGroup(), buildRollbackGroup(), buildTargetGroup()}) {
        groupsLayout->addWidget(group);
    }
    groupsLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(groups);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* previewBox = new QGroupBox(tr("Preview: what will change"), this);
    m_preview = new QPlainTextEdit(previewBox);
    m_preview->setObjectName(QStringLiteral("bulkPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_preview->setPlainText(tr("Reading the %n selected certificate(s)...", nullptr, static_cast<int>(m_ids.size())));
    m_problems = new QLabel(previewBox);
    m_problems->setObjectName(QStringLiteral("bulkProblems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problems->hide();
    m_result = new QLabel(previewBox);
    m_result->setObjectName(QStringLiteral("bulkResult"));
    m_result->setWordWrap(true);
    m_result->hide();
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview, 1);
    previewLayout->addWidget(m_problems);
    previewLayout->addWidget(m_result);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(scroll);
    splitter->addWidget(previewBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("bulkSave"));
    m_save->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("bulkCancel"));
    connect(m_save, &QPushButton::clicked, this, &BulkConfigureDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_buttons);
    resize(1100, 760);
    splitter->setSizes({620, 480});

    // Every field change re-runs the checks and the preview (coalesced into one update per event loop turn).
    for (QComboBox* combo : findChildren<QComboBox*>()) {
        connect(combo, &QComboBox::currentTextChanged, this, &BulkConfigureDialog::scheduleUpdate);
    }
    connect(m_dcvPath, &QLineEdit::textChanged, this, &BulkConfigureDialog::scheduleUpdate);
    for (QAbstractButton* button : findChildren<QAbstractButton*>()) {
        if (button->isCheckable()) {
            connect(button, &QAbstractButton::toggled, this, &BulkConfigureDialog::scheduleUpdate);
        }
    }
    for (QGroupBox* group : findChildren<QGroupBox*>()) {
        connect(group, &QGroupBox::toggled, this, &BulkConfigureDialog::scheduleUpdate);
    }
    connect(m_renewWithin, &QSpinBox::valueChanged, this, &BulkConfigureDialog::scheduleUpdate);
    for (QDateTimeEdit* edit : findChildren<QDateTimeEdit*>()) {
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &BulkConfigureDialog::scheduleUpdate);
    }
    load();
}

BulkConfigureDialog::~BulkConfigureDialog() = default;

QGroupBox* BulkConfigureDialog::makeGroup(const char* name, const QString& title, const QString& tip)
{
    auto* group = new QGroupBox(title);
    group->setObjectName(QLatin1String(name));
    group->setCheckable(true);
    group->setChecked(false); // a group is applied only when chosen
    group->setToolTip(tip);
    return group;
}

QWidget* BulkConfigureDialog::buildCsrGroup()
{
    m_csrGroup = makeGroup("groupCsr", tr("Certificate &profile and CSR"),
                           tr("Certificate type, CSR mode, key algorithm and size, signature algorithm, template"));
    m_certificateType = new QComboBox(m_csrGroup);
    m_certificateType->setObjectName(QStringLiteral("bulkCertificateType"));
    m_certificateType->addItem(tr("DV (domain validation)"), static_cast<int>(CertificateType::DV));
    m_certificateType->addItem(tr("OV (organization validation)"), static_cast<int>(CertificateType::OV));
    m_certificateType->addItem(tr("EV (extended validation)"), static_cast<int>(CertificateType::EV));
    m_certificateType->addItem(tr("Existing"), static_cast<int>(CertificateType::Existing));
    m_certificateType->addItem(tr("Others"), static_cast<int>(CertificateType::Others));
    m_csrMode = new QComboBox(m_csrGroup);
    m_csrMode->setObjectName(QStringLiteral("bulkCsrMode"));
    m_csrMode->addItem(tr("Full override (new key pair)"), static_cast<int>(CsrMode::FullOverride));
    m_csrMode->addItem(tr("Partial override"), static_cast<int>(CsrMode::PartialOverride));
    m_csrMode->addItem(tr("Use existing certificate CSR"), static_cast<int>(CsrMode::UseExisting));
    m_keyAlgorithm = new QComboBox(m_csrGroup);
    m_keyAlgorithm->setObjectName(QStringLiteral("bulkKeyAlgorithm"));
    m_keyAlgorithm->addItem(tr("RSA"), QStringLiteral("RSA"));
    m_keyAlgorithm->addItem(tr("EC"), QStringLiteral("EC"));
    m_keySize = new QComboBox(m_csrGroup);
    m_keySize->setObjectName(QStringLiteral("bulkKeySize"));
    m_keySize->setEditable(true);
    m_keySize->setInsertPolicy(QComboBox::NoInsert);
    m_keySize->setValidator(new QIntValidator(0, 65536, m_keySize));
    m_keySize->setToolTip(tr("RSA: 2048, 3072 or 4096 bits. EC: 256 (P-256) or 384 (P-384)."));
    m_signatureAlgorithm = new QComboBox(m_csrGroup);
    m_signatureAlgorithm->setObjectName(QStringLiteral("bulkSignatureAlgorithm"));
    m_csrTemplate = new QComboBox(m_csrGroup);
    m_csrTemplate->setObjectName(QStringLiteral("bulkCsrTemplate"));
    m_csrTemplate->addItem(tr("(no template)"), QString());
    m_csrTemplate->setToolTip(tr("Full override only: the CSR template whose subject and key rules the certificates "
                                 "follow. Templates are managed under Certificate > CSR Templates."));
    auto* form = new QFormLayout(m_csrGroup);
    form->addRow(tr("Certificate &type:"), m_certificateType);
    form->addRow(tr("CSR &mode:"), m_csrMode);
    form->addRow(tr("&Key algorithm:"), m_keyAlgorithm);
    form->addRow(tr("Key si&ze:"), m_keySize);
    form->addRow(tr("Si&gnature algorithm:"), m_signatureAlgorithm);
    form->addRow(tr("CSR te&mplate:"), m_csrTemplate);
    updateKeyChoices();
    connect(m_keyAlgorithm, &QComboBox::currentIndexChanged, this, &BulkConfigureDialog::updateKeyChoices);
    connect(m_csrTemplate, &QComboBox::activated, this, &BulkConfigureDialog::applyTemplateKey);
    return m_csrGroup;
}

void BulkConfigureDialog::applyTemplateKey()
{
    // Choosing a template fills in its key and signature settings, as the wizard's CSR step does.
    if (!m_csrTemplates) {
        return;
    }
    const QString name = m_csrTemplate->currentData().toString();
    for (const CsrTemplate& csrTemplate : std::as_const(*m_csrTemplates)) {
        if (csrTemplate.name != name) {
            continue;
        }
        m_keyAlgorithm->setCurrentIndex(std::max(0, m_keyAlgorithm->findData(csrTemplate.keyAlgorithm)));
        updateKeyChoices();
        m_keySize->setCurrentText(QString::number(csrTemplate.keySize));
        const int signature = m_signatureAlgorithm->findText(csrTemplate.signatureAlgorithm, Qt::MatchFixedString);
        if (signature >= 0) {
            m_signatureAlgorithm->setCurrentIndex(signature);
        }
        scheduleUpdate();
        return;
    }
}

void BulkConfigureDialog::updateKeyChoices()
{
    const bool ec = m_keyAlgorithm->currentData().toString() == QLatin1String("EC");
    m_keySize->clear();
    m_signatureAlgorithm->clear();
    const QStringList sizes = ec ? QStringList{QStringLiteral("256"), QStringLiteral("384")}
                                 : QStringList{QStringLiteral("2048"), QStringLiteral("3072"), QStringLiteral("4096")};
    m_keySize->addItems(sizes);
    const QStringList signatures =
        ec ? QStringList{QStringLiteral("SHA256WithECDSA"), QStringLiteral("SHA384WithECDSA")}
           : QStringList{QStringLiteral("SHA256WithRSA"), QStringLiteral("SHA384WithRSA"),
                         QStringLiteral("SHA512WithRSA")};
    m_signatureAlgorithm->addItems(signatures);
}

QWidget* BulkConfigureDialog::buildCaGroup()
{
    m_caGroup = makeGroup("groupCa", tr("Certificate &Authority"), tr("The CA and the connector that issues"));
    m_caType = new QComboBox(m_caGroup);
    m_caType->setObjectName(QStringLiteral("bulkCaType"));
    m_connector = new QComboBox(m_caGroup);
    m_connector->setObjectName(QStringLiteral("bulkCaConnector"));
    if (m_services.cas) {
        const QStringList types = m_services.cas->caTypes();
        for (const QString& type : types) {
            m_caType->addItem(caTypeDisplayName(type), type);
        }
    }
    auto* form = new QFormLayout(m_caGroup);
    form->addRow(tr("&CA:"), m_caType);
    form->addRow(tr("CA &Connector Name:"), m_connector);
    updateConnectors();
    connect(m_caType, &QComboBox::currentIndexChanged, this, &BulkConfigureDialog::updateConnectors);
    return m_caGroup;
}

void BulkConfigureDialog::updateConnectors()
{
    m_connector->clear();
    if (!m_services.cas) {
        return;
    }
    const auto connectors = m_services.cas->connectors(m_caType->currentData().toString());
    for (const auto& connector : connectors) {
        m_connector->addItem(connector->name());
    }
}

QWidget* BulkConfigureDialog::buildDcvGroup()
{
    m_dcvGroup = makeGroup("groupDcv", tr("&Domain control validation"), tr("How domain ownership is verified"));
    m_dcvEnabled = new QCheckBox(tr("Attempt DCV using filename at location"), m_dcvGroup);
    m_dcvEnabled->setObjectName(QStringLiteral("bulkDcvEnabled"));
    m_dcvMethod = new QComboBox(m_dcvGroup);
    m_dcvMethod->setObjectName(QStringLiteral("bulkDcvMethod"));
    m_dcvMethod->addItem(tr("File on the web server (http-01)"), QStringLiteral("http-01"));
    m_dcvMethod->addItem(tr("DNS TXT record via RFC 2136 (dns-01)"), QStringLiteral("dns-01"));
    m_dcvPath = new QLineEdit(m_dcvGroup);
    m_dcvPath->setObjectName(QStringLiteral("bulkDcvPath"));
    m_dcvPath->setPlaceholderText(QStringLiteral("/var/www/html"));
    auto* form = new QFormLayout(m_dcvGroup);
    form->addRow(QString(), m_dcvEnabled);
    form->addRow(tr("DCV m&ethod:"), m_dcvMethod);
    form->addRow(tr("DCV &path:"), m_dcvPath);
    return m_dcvGroup;
}

QWidget* BulkConfigureDialog::buildRenewalGroup()
{
    m_renewalGroup = makeGroup("groupRenewal", tr("&Renewal rules"), tr("When the certificates are renewed"));
    m_renewalEnabled = new QCheckBox(tr("Enable renewal"), m_renewalGroup);
    m_renewalEnabled->setObjectName(QStringLiteral("bulkRenewalEnabled"));
    m_renewalEnabled->setChecked(true);
    m_renewDays = new QRadioButton(tr("Days before expiry"), m_renewalGroup);
    m_renewDays->setObjectName(QStringLiteral("bulkRenewDays"));
    m_renewDays->setChecked(true);
    m_renewOnDate = new QRadioButton(tr("On a specific date"), m_renewalGroup);
    m_renewOnDate->setObjectName(QStringLiteral("bulkRenewOnDate"));
    auto* trigger = new QButtonGroup(m_renewalGroup);
    trigger->addButton(m_renewDays);
    trigger->addButton(m_renewOnDate);
    m_renewWithin = new QSpinBox(m_renewalGroup);
    m_renewWithin->setObjectName(QStringLiteral("bulkRenewWithinDays"));
    m_renewWithin->setRange(0, 9999); // the engine says what is allowed, with the field's name
    m_renewWithin->setValue(30);
    m_renewWithin->setSuffix(tr(" days"));
    m_renewalDate = dateEdit("bulkRenewalDate", m_renewalGroup);
    m_renewalFrequency = frequencyCombo("bulkRenewalFrequency", m_renewalGroup);
    m_renewalTime = timeEdit("bulkRenewalTime", QTime(2, 0), m_renewalGroup);
    m_renewalZone = timeZoneCombo("bulkRenewalTimeZone", m_renewalGroup);
    auto* triggerRow = new QHBoxLayout;
    triggerRow->addWidget(m_renewDays);
    triggerRow->addWidget(m_renewOnDate);
    triggerRow->addStretch(1);
    auto* form = new QFormLayout(m_renewalGroup);
    form->addRow(QString(), m_renewalEnabled);
    form->addRow(tr("Trigger:"), triggerRow);
    form->addRow(tr("Renew when &within:"), m_renewWithin);
    form->addRow(tr("Renewal d&ate:"), m_renewalDate);
    form->addRow(tr("&Frequency:"), m_renewalFrequency);
    form->addRow(tr("&Time:"), m_renewalTime);
    form->addRow(tr("Time &zone:"), m_renewalZone);
    return m_renewalGroup;
}

QWidget* BulkConfigureDialog::buildDeploymentGroup()
{
    m_deploymentGroup =
        makeGroup("groupDeployment", tr("D&eployment rules"), tr("When renewed certificates are deployed"));
    m_deploymentEnabled = new QCheckBox(tr("Enable deployment"), m_deploymentGroup);
    m_deploymentEnabled->setObjectName(QStringLiteral("bulkDeploymentEnabled"));
    m_deploymentEnabled->setChecked(true);
    m_deployImmediately = new QRadioButton(tr("Immediately after successful renewal"), m_deploymentGroup);
    m_deployImmediately->setObjectName(QStringLiteral("bulkDeployImmediately"));
    m_deployImmediately->setChecked(true);
    m_deployOnDate = new QRadioButton(tr("On a specific date"), m_deploymentGroup);
    m_deployOnDate->setObjectName(QStringLiteral("bulkDeployOnDate"));
    auto* trigger = new QButtonGroup(m_deploymentGroup);
    trigger->addButton(m_deployImmediately);
    trigger->addButton(m_deployOnDate);
    m_deploymentDate = dateEdit("bulkDeploymentDate", m_deploymentGroup);
    m_deploymentTime = timeEdit("bulkDeploymentTime", QTime(3, 0), m_deploymentGroup);
    m_deploymentZone = timeZoneCombo("bulkDeploymentTimeZone", m_deploymentGroup);
    m_deploymentFrequency = frequencyCombo("bulkDeploymentFrequency", m_deploymentGroup);
    auto* triggerRow = new QHBoxLayout;
    triggerRow->addWidget(m_deployImmediately);
    triggerRow->addWidget(m_deployOnDate);
    triggerRow->addStretch(1);
    auto* form = new QFormLayout(m_deploymentGroup);
    form->addRow(QString(), m_deploymentEnabled);
    form->addRow(tr("When:"), triggerRow);
    form->addRow(tr("Deployment da&te:"), m_deploymentDate);
    form->addRow(tr("Deployment t&ime:"), m_deploymentTime);
    form->addRow(tr("Deployment time z&one:"), m_deploymentZone);
    form->addRow(tr("Deployment fre&quency:"), m_deploymentFrequency);
    return m_deploymentGroup;
}

QWidget* BulkConfigureDialog::buildRollbackGroup()
{
    m_rollbackGroup = makeGroup("groupRollback", tr("R&ollback"), tr("What happens when a deployment fails"));
    m_rollback = new QCheckBox(tr("Enable roll back if provisioning fails"), m_rollbackGroup);
    m_rollback->setObjectName(QStringLiteral("bulkRollback"));
    m_rollback->setChecked(true);
    auto* layout = new QVBoxLayout(m_rollbackGroup);
    layout->addWidget(m_rollback);
    return m_rollbackGroup;
}

QWidget* BulkConfigureDialog::buildTargetGroup()
{
    m_targetGroup = makeGroup("groupTarget", tr("Provision &bot and server type"),
                              tr("Maps the bot; Discovered certificates become Managed"));
    m_bot = new QComboBox(m_targetGroup);
    m_bot->setObjectName(QStringLiteral("bulkBot"));
    m_serverType = new QComboBox(m_targetGroup);
    m_serverType->setObjectName(QStringLiteral("bulkServerType"));
    for (const ServerType type : allServerTypes()) {
        m_serverType->addItem(serverTypeDisplayName(type), serverTypeId(type));
    }
    m_serverType->setCurrentIndex(std::max(0, m_serverType->findData(serverTypeId(ServerType::Nginx))));
    auto* note = new QLabel(tr("Server-specific fields are kept where the server type stays the same; complete "
                               "them in the provisioning wizard otherwise."),
                            m_targetGroup);
    note->setWordWrap(true);
    auto* form = new QFormLayout(m_targetGroup);
    form->addRow(tr("Provision Bot:"), m_bot);
    form->addRow(tr("Server T&ype:"), m_serverType);
    form->addRow(note);
    return m_targetGroup;
}

jobs::BulkConfiguration BulkConfigureDialog::configuration() const
{
    jobs::BulkConfiguration change;
    ProvisioningConfig& v = change.values;
    change.csrProfile = m_csrGroup->isChecked();
    v.certificateType = static_cast<CertificateType>(m_certificateType->currentData().toInt());
    v.csrMode = static_cast<CsrMode>(m_csrMode->currentData().toInt());
    v.keyAlgorithm = m_keyAlgorithm->currentData().toString();
    v.keySize = m_keySize->currentText().trimmed().toInt();
    v.signatureAlgorithm = m_signatureAlgorithm->currentText();
    v.csrTemplate = m_csrTemplate->currentData().toString();

    change.certificateAuthority = m_caGroup->isChecked();
    v.caType = m_caType->currentData().toString();
    v.caConnectorName = m_connector->currentText();

    change.dcv = m_dcvGroup->isChecked();
    v.dcvEnabled = m_dcvEnabled->isChecked();
    v.dcvMethod = m_dcvMethod->currentData().toString();
    v.dcvPath = m_dcvPath->text().trimmed();

    ProvisioningSchedule& s = v.schedule;
    change.renewal = m_renewalGroup->isChecked();
    s.renewalEnabled = m_renewalEnabled->isChecked();
    s.renewalTrigger = m_renewOnDate->isChecked() ? RenewalTrigger::OnDate : RenewalTrigger::DaysBeforeExpiry;
    s.renewWithinDays = m_renewWithin->value();
    s.renewalDate = m_renewOnDate->isChecked() ? m_renewalDate->date() : QDate();
    s.renewalFrequency = static_cast<Frequency>(m_renewalFrequency->currentData().toInt());
    s.renewalTime = m_renewalTime->time();
    s.renewalTimeZone = m_renewalZone->currentText().trimmed();

    change.deployment = m_deploymentGroup->isChecked();
    s.deploymentEnabled = m_deploymentEnabled->isChecked();
    s.deploymentTrigger =
        m_deployOnDate->isChecked() ? DeploymentTrigger::OnDate : DeploymentTrigger::ImmediatelyAfterRenewal;
    s.deploymentDate = m_deployOnDate->isChecked() ? m_deploymentDate->date() : QDate();
    s.deploymentTime = m_deploymentTime->time();
    s.deploymentTimeZone = m_deploymentZone->currentText().trimmed();
    s.deploymentFrequency = static_cast<Frequency>(m_deploymentFrequency->currentData().toInt());

    change.rollback = m_rollbackGroup->isChecked();
    s.rollbackOnFailure = m_rollback->isChecked();

    change.deploymentTarget = m_targetGroup->isChecked();
    v.botId = m_bot->currentData().toLongLong();
    v.serverType = m_serverType->currentData().toString();
    return change;
}

jobs::BulkCheckContext BulkConfigureDialog::checkContext() const
{
    jobs::BulkCheckContext context;
    if (m_services.cas) {
        const auto connectors = m_services.cas->connectors();
        for (const auto& connector : connectors) {
            context.connectors.append({connector->caType(), connector->name()});
        }
    }
    context.botIds = m_botIds;
    context.csrTemplates = m_csrTemplates;
    return context;
}

QStringList BulkConfigureDialog::problems() const
{
    return jobs::bulkProblems(configuration(), checkContext());
}

QString BulkConfigureDialog::previewText() const
{
    return m_preview->toPlainText();
}

void BulkConfigureDialog::scheduleUpdate()
{
    m_updateTimer->start();
}

void BulkConfigureDialog::updatePreview()
{
    // A field inside an unchecked group stays greyed out like the rest of its group (QGroupBox disables its
    // children; enabling one of them here would undo that).
    const bool renewal = m_renewalGroup->isChecked() && m_renewalEnabled->isChecked();
    for (QWidget* field : {static_cast<QWidget*>(m_renewDays), static_cast<QWidget*>(m_renewOnDate),
                           static_cast<QWidget*>(m_renewalFrequency), static_cast<QWidget*>(m_renewalTime),
                           static_cast<QWidget*>(m_renewalZone)}) {
        field->setEnabled(renewal);
    }
    m_renewWithin->setEnabled(renewal && m_renewDays->isChecked());
    m_renewalDate->setEnabled(renewal && m_renewOnDate->isChecked());
    m_deploymentDate->setEnabled(m_deploymentGroup->isChecked() && m_deployOnDate->isChecked());
    m_dcvPath->setEnabled(m_dcvGroup->isChecked() && m_dcvMethod->currentData().toString() == QLatin1String("http-01"));
    m_csrTemplate->setEnabled(m_csrGroup->isChecked() &&
                              static_cast<CsrMode>(m_csrMode->currentData().toInt()) == CsrMode::FullOverride);
    const QStringList found = problems();
    m_problems->setText(found.join(QLatin1Char('\n')));
    m_problems->setVisible(!found.isEmpty());
    m_save->setEnabled(m_loaded && !m_saving && found.isEmpty());
    if (!m_loaded) {
        return;
    }
    const jobs::BulkConfiguration change = configuration();
    if (!change.any()) {
        m_preview->setPlainText(tr("%n certificate(s) selected. Check a group of settings to see what changes.",
                                   nullptr, static_cast<int>(m_targets.size())));
        return;
    }
    m_preview->setPlainText(jobs::previewBulk(change, m_targets).lines().join(QLatin1Char('\n')));
}

void BulkConfigureDialog::load()
{
    if (!m_services.database) {
        showResult(tr("Bulk Configure needs the inventory database, which this console was started without."), true);
        return;
    }
    m_configurator->loadBots(this, [this](Result<QList<Bot>> bots) {
        if (!bots.ok()) {
            showResult(tr("Could not read the bots: %1").arg(bots.message()), true);
            return;
        }
        const qint64 current = m_bot->currentData().toLongLong();
        m_bot->clear();
        m_botIds.clear();
        for (const Bot& bot : bots.value()) {
            m_bot->addItem(bot.host.isEmpty() ? bot.name : QStringLiteral("%1 (%2)").arg(bot.name, bot.host), bot.id);
            m_botIds.append(bot.id);
        }
        m_bot->setCurrentIndex(std::max(0, m_bot->findData(current)));
        scheduleUpdate();
    });
    csrtemplates::load(m_services.database, this, [this](Result<QList<CsrTemplate>> templates) {
        if (!templates.ok()) {
            showResult(tr("Could not read the CSR templates: %1").arg(templates.message()), true);
            return;
        }
        const QString current = m_csrTemplate->currentData().toString();
        {
            const QSignalBlocker blocker(m_csrTemplate);
            m_csrTemplate->clear();
            m_csrTemplate->addItem(tr("(no template)"), QString());
            for (const CsrTemplate& csrTemplate : templates.value()) {
                m_csrTemplate->addItem(csrTemplate.name, csrTemplate.name);
            }
            m_csrTemplate->setCurrentIndex(std::max(0, m_csrTemplate->findData(current)));
        }
        m_csrTemplates = templates.value();
        scheduleUpdate();
    });
    m_configurator->loadTargets(m_ids, this, [this](Result<QList<jobs::BulkTarget>> targets) {
        if (!targets.ok()) {
            m_preview->setPlainText(targets.message());
            showResult(targets.message(), true);
            return;
        }
        m_targets = std::move(targets.value());
        const bool first = !m_loaded;
        m_loaded = true;
        updatePreview();
        if (first) {
            Q_EMIT loaded();
        }
    });
}

void BulkConfigureDialog::save()
{
    const QStringList found = problems();
    if (!found.isEmpty() || !m_loaded || m_saving) {
        updatePreview();
        return;
    }
    m_saving = true;
    m_save->setEnabled(false);
    showResult(tr("Saving %n configuration(s) in one transaction...", nullptr, static_cast<int>(m_ids.size())), false);
    m_configurator->save(m_ids, configuration(), checkContext(), this, [this](Result<jobs::BulkOutcome> outcome) {
        m_saving = false;
        if (!outcome.ok()) {
            showResult(tr("Nothing was saved. %1").arg(outcome.message()), true);
            updatePreview();
            Q_EMIT saveFailed(outcome.message());
            return;
        }
        const QString summary = outcome->summary();
        showResult(summary, false);
        m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
        Q_EMIT saved(summary);
        // Show the stored state: saving again would change nothing.
        m_loaded = false;
        load();
    });
}

void BulkConfigureDialog::showResult(const QString& text, bool error)
{
    m_result->setText(text);
    m_result->setStyleSheet(error ? QStringLiteral("color: #b00020; font-weight: bold;")
                                  : QStringLiteral("color: #1b5e20; font-weight: bold;"));
    m_result->setVisible(!text.isEmpty());
}

QAction* BulkConfigureDialog::createAction(DashboardWidget* dashboard, const UiServices& services, QWidget* window,
                                           std::function<void(const QString&)> saved)
{
    auto* action = new QAction(tr("&Bulk Configure..."), window);
    action->setObjectName(QStringLiteral("actionBulkConfigure"));
    action->setStatusTip(tr("Apply the same provisioning settings to the selected certificates"));
    action->setToolTip(tr("Bulk Configure: select two or more certificates, then apply the same settings to all"));
    action->setEnabled(false);
    const bool available = services.database != nullptr;
    QObject::connect(
        dashboard, &DashboardWidget::selectionChanged, action,
        [action, available](const QList<qint64>& ids) { action->setEnabled(available && ids.size() >= 2); });
    QObject::connect(action, &QAction::triggered, window, [dashboard, services, window, saved] {
        const QList<qint64> ids = dashboard->selectedCertificateIds();
        if (ids.isEmpty()) {
            return;
        }
        auto* dialog = new BulkConfigureDialog(ids, services, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &BulkConfigureDialog::saved, window, saved);
        dialog->open();
    });
    dashboard->addSelectionAction(action);
    return action;
}

} // namespace certdeck::ui
