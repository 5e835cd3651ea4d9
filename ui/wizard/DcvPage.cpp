#include "ui/wizard/DcvPage.h"

#include "ui/widgets/FieldMessage.h"
#include "ui/wizard/CsrPage.h"
#include "ui/wizard/InputRules.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QWizard>

namespace certdeck::ui {
namespace {

const QString kDns01 = QStringLiteral("dns-01");
const QString kHttp01 = QStringLiteral("http-01");

bool isZoneName(const QString& zone)
{
    QString name = zone;
    if (name.endsWith(QLatin1Char('.'))) {
        name.chop(1);
    }
    return !name.startsWith(QLatin1String("*.")) && inputrules::isDnsName(name);
}

bool isKeyName(const QString& name)
{
    static const QRegularExpression rule(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,252}\\.?$"));
    return rule.match(name).hasMatch();
}

bool isBase64(const QString& text)
{
    static const QRegularExpression rule(QStringLiteral("^[A-Za-z0-9+/]+={0,2}$"));
    if (!rule.match(text).hasMatch() || text.size() % 4 == 1) {
        return false;
    }
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok && !decoded.decoded.isEmpty();
}

// A block of fields indented below its radio button.
QFormLayout* indentedForm(QWidget* box)
{
    auto* form = new QFormLayout(box);
    form->setContentsMargins(24, 0, 0, 6);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

} // namespace

DcvPage::DcvPage(QWidget* parent)
    : QWizardPage(parent)
    , m_http(new QRadioButton(tr("&File on the web server (http-01)"), this))
    , m_dns(new QRadioButton(tr("DNS TXT record via RFC 2136 (&dns-01)"), this))
    , m_httpBox(new QWidget(this))
    , m_enabled(new QCheckBox(tr("&Attempt DCV using filename at location"), m_httpBox))
    , m_path(new QLineEdit(m_httpBox))
    , m_message(new FieldMessage(QStringLiteral("dcvPathMessage"), m_httpBox))
    , m_dnsBox(new QWidget(this))
    , m_dnsServer(new QLineEdit(m_dnsBox))
    , m_dnsPort(new QSpinBox(m_dnsBox))
    , m_dnsServerMessage(new FieldMessage(QStringLiteral("dnsServerMessage"), m_dnsBox))
    , m_dnsZone(new QLineEdit(m_dnsBox))
    , m_dnsZoneMessage(new FieldMessage(QStringLiteral("dnsZoneMessage"), m_dnsBox))
    , m_keyName(new QLineEdit(m_dnsBox))
    , m_keyAlgorithm(new QComboBox(m_dnsBox))
    , m_keyNameMessage(new FieldMessage(QStringLiteral("dnsKeyNameMessage"), m_dnsBox))
    , m_secret(new QLineEdit(m_dnsBox))
    , m_secretMessage(new FieldMessage(QStringLiteral("dnsSecretMessage"), m_dnsBox))
    , m_wildcardNote(new QLabel(this))
{
    setObjectName(QStringLiteral("dcvPage"));
    setTitle(tr("Domain Control Validation"));
    setSubTitle(tr("How domain ownership is verified before the CA issues the certificate."));
    m_http->setObjectName(QStringLiteral("dcvMethodHttp"));
    m_http->setChecked(true);
    m_dns->setObjectName(QStringLiteral("dcvMethodDns"));
    auto* methods = new QButtonGroup(this);
    methods->addButton(m_http);
    methods->addButton(m_dns);

    m_enabled->setObjectName(QStringLiteral("dcvEnabled"));
    m_path->setObjectName(QStringLiteral("dcvPath"));
    m_path->setPlaceholderText(QStringLiteral("/var/www/html"));
    m_path->setToolTip(tr("A directory on the server that the bot can write and the domain serves publicly, "
                          "typically the web root."));

    m_dnsServer->setObjectName(QStringLiteral("dnsServer"));
    m_dnsServer->setPlaceholderText(QStringLiteral("ns1.example.com"));
    m_dnsServer->setToolTip(tr("The authoritative DNS server that accepts dynamic updates (RFC 2136) for the zone."));
    m_dnsPort->setObjectName(QStringLiteral("dnsPort"));
    m_dnsPort->setRange(1, 65535);
    m_dnsPort->setValue(53);
    m_dnsZone->setObjectName(QStringLiteral("dnsZone"));
    m_dnsZone->setPlaceholderText(QStringLiteral("example.com"));
    m_dnsZone->setToolTip(tr("The zone that holds the _acme-challenge records of the certificate's names."));
    m_keyName->setObjectName(QStringLiteral("dnsKeyName"));
    m_keyName->setPlaceholderText(QStringLiteral("certdeck-key"));
    m_keyName->setToolTip(tr("The name of the TSIG key as configured on the DNS server (key \"...\" { ... };)."));
    m_keyAlgorithm->setObjectName(QStringLiteral("dnsKeyAlgorithm"));
    for (const char* algorithm : {"hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224", "hmac-sha1"}) {
        m_keyAlgorithm->addItem(QLatin1String(algorithm), QLatin1String(algorithm));
    }
    m_secret->setObjectName(QStringLiteral("dnsSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setToolTip(tr("The key's secret in base64, as in the server's key file (secret \"...\";). It is kept "
                            "in the keychain only."));
    m_wildcardNote->setObjectName(QStringLiteral("dcvWildcardNote"));
    m_wildcardNote->setWordWrap(true);
    m_wildcardNote->setTextFormat(Qt::PlainText);
    m_wildcardNote->hide();

    auto* explanation = new QLabel(tr("The CA checks that you control each name. Automatically, either the bot writes "
                                      "the CA's token file into a directory the domain serves, or CertDeck publishes "
                                      "a DNS TXT record through a dynamic update. Otherwise the job waits and shows "
                                      "what to publish by hand."),
                                   this);
    explanation->setWordWrap(true);

    QFormLayout* httpForm = indentedForm(m_httpBox);
    httpForm->addRow(m_enabled);
    httpForm->addRow(tr("DCV &path:"), m_path);
    httpForm->addRow(QString(), m_message);

    auto* serverRow = new QHBoxLayout;
    serverRow->addWidget(m_dnsServer, 1);
    auto* portLabel = new QLabel(tr("P&ort:"), m_dnsBox);
    portLabel->setBuddy(m_dnsPort);
    serverRow->addWidget(portLabel);
    serverRow->addWidget(m_dnsPort);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyName, 1);
    auto* algorithmLabel = new QLabel(tr("Al&gorithm:"), m_dnsBox);
    algorithmLabel->setBuddy(m_keyAlgorithm);
    keyRow->addWidget(algorithmLabel);
    keyRow->addWidget(m_keyAlgorithm);
    QFormLayout* dnsForm = indentedForm(m_dnsBox);
    auto* serverLabel = new QLabel(tr("DNS se&rver:"), m_dnsBox);
    serverLabel->setBuddy(m_dnsServer);
    dnsForm->addRow(serverLabel, serverRow);
    dnsForm->addRow(QString(), m_dnsServerMessage);
    dnsForm->addRow(tr("&Zone:"), m_dnsZone);
    dnsForm->addRow(QString(), m_dnsZoneMessage);
    auto* keyLabel = new QLabel(tr("TSIG &key name:"), m_dnsBox);
    keyLabel->setBuddy(m_keyName);
    dnsForm->addRow(keyLabel, keyRow);
    dnsForm->addRow(QString(), m_keyNameMessage);
    dnsForm->addRow(tr("TSIG s&ecret:"), m_secret);
    dnsForm->addRow(QString(), m_secretMessage);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addSpacing(6);
    layout->addWidget(m_http);
    layout->addWidget(m_httpBox);
    layout->addWidget(m_dns);
    layout->addWidget(m_dnsBox);
    layout->addWidget(m_wildcardNote);
    layout->addStretch(1);

    QWidget* order[] = {m_http,    m_enabled, m_path,    m_dns,          m_dnsServer,
                        m_dnsPort, m_dnsZone, m_keyName, m_keyAlgorithm, m_secret};
    for (size_t i = 1; i < sizeof(order) / sizeof(order[0]); ++i) {
        setTabOrder(order[i - 1], order[i]);
    }

    connect(m_http, &QRadioButton::toggled, this, &DcvPage::revalidate);
    connect(m_enabled, &QCheckBox::toggled, this, &DcvPage::revalidate);
    for (QLineEdit* edit : {m_path, m_dnsServer, m_dnsZone, m_keyName, m_secret}) {
        connect(edit, &QLineEdit::textChanged, this, &DcvPage::revalidate);
    }
    revalidate();
}

bool DcvPage::dns() const
{
    return m_dns->isChecked();
}

void DcvPage::initializePage()
{
    // The names come from the CSR page, which the operator may have changed since this page was built.
    if (QWizard* owner = wizard()) {
        for (int id : owner->pageIds()) {
            if (auto* csr = qobject_cast<CsrPage*>(owner->page(id))) {
                ProvisioningConfig names;
                csr->store(names);
                setIdentities(names.commonName, names.sans);
            }
        }
    }
}

void DcvPage::setIdentities(const QString& commonName, const QStringList& sans)
{
    m_wildcards.clear();
    for (const QString& name : QStringList{commonName} + sans) {
        const QString trimmed = name.trimmed();
        if (trimmed.startsWith(QLatin1String("*.")) && !m_wildcards.contains(trimmed)) {
            m_wildcards.append(trimmed);
        }
    }
    revalidate();
}

bool DcvPage::revalidate()
{
    const bool dnsMethod = dns();
    m_httpBox->setEnabled(!dnsMethod);
    m_dnsBox->setEnabled(dnsMethod);
    m_path->setEnabled(m_enabled->isChecked());

    bool valid = true;
    const QString pathMessage =
        !dnsMethod && m_enabled->isChecked()
            ? inputrules::checkAbsolutePath(tr("DCV path"), m_path->text(), QStringLiteral("/var/www/html"))
            : QString();
    valid &= m_message->setMessage(pathMessage);

    QString serverMessage;
    QString zoneMessage;
    QString keyMessage;
    QString secretMessage;
    if (dnsMethod) {
        const QString server = m_dnsServer->text().trimmed();
        if (server.isEmpty()) {
            serverMessage = tr("DNS server: enter the host name or IP address of the authoritative DNS server that "
                               "accepts dynamic updates, e.g. ns1.example.com or 192.0.2.53.");
        } else if (server.startsWith(QLatin1String("*.")) ||
                   (!inputrules::isDnsName(server) && !inputrules::isIpAddress(server))) {
            serverMessage = tr("DNS server: \"%1\" is not a host name or IP address. Enter e.g. ns1.example.com or "
                               "192.0.2.53 (the port goes into the Port field).")
                                .arg(server);
        }
        const QString zone = m_dnsZone->text().trimmed();
        if (zone.isEmpty()) {
            zoneMessage = tr("Zone: enter the DNS zone that holds the names, e.g. example.com.");
        } else if (!isZoneName(zone)) {
            zoneMessage = tr("Zone: \"%1\" is not a zone name. Enter a domain such as example.com (no wildcard, no "
                             "spaces).")
                              .arg(zone);
        }
        const QString keyName = m_keyName->text().trimmed();
        if (keyName.isEmpty()) {
            keyMessage = tr("TSIG key name: enter the name of the key the DNS server accepts updates with, "
                            "e.g. certdeck-key.");
        } else if (!isKeyName(keyName)) {
            keyMessage = tr("TSIG key name: \"%1\" is not a key name. Use letters, digits, '-', '_' and '.', "
                            "as in the server's key statement.")
                             .arg(keyName);
        }
        const QString secret = m_secret->text().trimmed();
        const bool stored = !m_storedKeyName.isEmpty() && keyName == m_storedKeyName;
        if (secret.isEmpty() && !stored) {
            secretMessage = tr("TSIG secret: enter the key's secret in base64, as in the server's key file "
                               "(secret \"...\";).");
        } else if (!secret.isEmpty() && !isBase64(secret)) {
            secretMessage = tr("TSIG secret: this is not base64. Copy the secret exactly as the key file shows it, "
                               "e.g. the output of tsig-keygen.");
        }
        m_secret->setPlaceholderText(stored ? tr("Stored in the keychain; leave empty to keep it") : QString());
    }
    valid &= m_dnsServerMessage->setMessage(serverMessage);
    valid &= m_dnsZoneMessage->setMessage(zoneMessage);
    valid &= m_keyNameMessage->setMessage(keyMessage);
    valid &= m_secretMessage->setMessage(secretMessage);

    if (m_wildcards.isEmpty()) {
        m_wildcardNote->hide();
    } else {
        const QString names = m_wildcards.join(QStringLiteral(", "));
        m_wildcardNote->setText(
            dnsMethod ? tr("%1: wildcard names are validated with the DNS TXT record, as chosen.").arg(names)
                      : tr("%1: CAs validate wildcard names only with a DNS TXT record (dns-01). Choose dns-01 "
                           "above, or the job will wait for you to publish the TXT record by hand.")
                            .arg(names));
        m_wildcardNote->setStyleSheet(dnsMethod ? QString() : QStringLiteral("color: #8a5a00;"));
        m_wildcardNote->show();
    }

    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT completeChanged();
    }
    return valid;
}

bool DcvPage::validatePage()
{
    return revalidate();
}

bool DcvPage::isComplete() const
{
    return m_valid;
}

void DcvPage::load(const ProvisioningConfig& config)
{
    const bool dnsMethod = config.dcvMethod == kDns01;
    (dnsMethod ? m_dns : m_http)->setChecked(true);
    m_enabled->setChecked(config.dcvEnabled);
    m_path->setText(config.dcvPath);
    m_dnsServer->setText(config.dnsServer);
    m_dnsPort->setValue(config.dnsPort > 0 ? config.dnsPort : 53);
    m_dnsZone->setText(config.dnsZone);
    m_keyName->setText(config.dnsKeyName);
    const int algorithm = m_keyAlgorithm->findData(config.dnsKeyAlgorithm);
    m_keyAlgorithm->setCurrentIndex(algorithm >= 0 ? algorithm : 0);
    m_secret->clear();
    m_storedKeyName = dnsMethod ? config.dnsKeyName : QString();
    setIdentities(config.commonName, config.sans);
}

void DcvPage::store(ProvisioningConfig& config) const
{
    config.dcvMethod = dns() ? kDns01 : kHttp01;
    config.dcvEnabled = m_enabled->isChecked();
    config.dcvPath = m_path->text().trimmed();
    config.dnsServer = m_dnsServer->text().trimmed();
    config.dnsPort = m_dnsPort->value();
    config.dnsZone = m_dnsZone->text().trimmed();
    config.dnsKeyName = m_keyName->text().trimmed();
    config.dnsKeyAlgorithm = m_keyAlgorithm->currentData().toString();
}

QByteArray DcvPage::tsigSecret() const
{
    return dns() ? m_secret->text().trimmed().toLatin1() : QByteArray();
}

QString DcvPage::tsigSecretKey() const
{
    return QStringLiteral("tsig/") + m_keyName->text().trimmed();
}

void DcvPage::wipeSecret()
{
    // The secret is in the keychain now; the field no longer needs it.
    m_storedKeyName = m_keyName->text().trimmed();
    m_secret->clear();
    revalidate();
}

} // namespace certdeck::ui
