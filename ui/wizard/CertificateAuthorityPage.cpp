#include "ui/wizard/CertificateAuthorityPage.h"

#include "engine/ca/CaRegistry.h"
#include "ui/DisplayNames.h"
#include "ui/widgets/FieldMessage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

QString typeName(const QString& caType)
{
    if (caType == QLatin1String("acme")) {
        return CertificateAuthorityPage::tr("ACME (Let's Encrypt, ZeroSSL, Google, Buypass, SSL.com, private)");
    }
    return caTypeDisplayName(caType);
}

} // namespace

CertificateAuthorityPage::CertificateAuthorityPage(const ca::CaRegistry* cas, QWidget* parent)
    : QWizardPage(parent)
    , m_cas(cas)
    , m_caType(new QComboBox(this))
    , m_connector(new QComboBox(this))
    , m_message(new FieldMessage(QStringLiteral("caMessage"), this))
{
    setObjectName(QStringLiteral("certificateAuthorityPage"));
    setTitle(tr("Certificate Authority"));
    setSubTitle(tr("Which Certificate Authority issues the certificate, and through which connector."));
    m_caType->setObjectName(QStringLiteral("caType"));
    m_connector->setObjectName(QStringLiteral("caConnector"));
    m_connector->setToolTip(tr("The connector sends the CSR, retrieves the issued certificate and handles renewals."));

    auto* form = new QFormLayout;
    form->addRow(tr("&CA:"), m_caType);
    form->addRow(tr("CA &Connector Name:"), m_connector);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);

    connect(m_caType, &QComboBox::currentIndexChanged, this, &CertificateAuthorityPage::fillConnectors);
    connect(m_connector, &QComboBox::currentIndexChanged, this, &CertificateAuthorityPage::revalidate);
    fillTypes();
}

void CertificateAuthorityPage::initializePage()
{
    // Connectors can be added while the wizard is open (Create built-in CA, Add ACME connector).
    fillTypes();
}

void CertificateAuthorityPage::fillTypes()
{
    const QString current = m_caType->currentData().toString();
    const QString wanted = !m_wantedType.isEmpty() ? m_wantedType : current;
    const QSignalBlocker blocker(m_caType);
    m_caType->clear();
    const QStringList types = m_cas ? m_cas->caTypes() : QStringList();
    for (const QString& type : types) {
        m_caType->addItem(typeName(type), type);
    }
    int index = m_caType->findData(wanted);
    if (index < 0) {
        index = m_caType->findData(QStringLiteral("localca"));
    }
    m_caType->setCurrentIndex(index >= 0 ? index : 0);
    fillConnectors();
}

void CertificateAuthorityPage::fillConnectors()
{
    const QString wanted = !m_wantedConnector.isEmpty() ? m_wantedConnector : m_connector->currentText();
    const QSignalBlocker blocker(m_connector);
    m_connector->clear();
    const QString type = m_caType->currentData().toString();
    if (m_cas && !type.isEmpty()) {
        const auto connectors = m_cas->connectors(type);
        for (const auto& connector : connectors) {
            m_connector->addItem(connector->name());
        }
    }
    const int index = m_connector->findText(wanted);
    m_connector->setCurrentIndex(index >= 0 ? index : 0);
    revalidate();
}

bool CertificateAuthorityPage::revalidate()
{
    QString message;
    if (m_caType->count() == 0) {
        message = tr("CA: no Certificate Authority is configured. Close the wizard and create the built-in CA "
                     "(CA > Create Built-in CA...) or add an ACME connector (CA > Add ACME Connector...), then "
                     "provision again.");
    } else if (m_connector->currentText().isEmpty()) {
        message = tr("CA Connector Name: select the connector of %1 that issues this certificate.")
                      .arg(m_caType->currentText());
    }
    const bool valid = m_message->setMessage(message);
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT completeChanged();
    }
    return valid;
}

bool CertificateAuthorityPage::isComplete() const
{
    return m_valid;
}

bool CertificateAuthorityPage::validatePage()
{
    return revalidate();
}

void CertificateAuthorityPage::load(const ProvisioningConfig& config)
{
    m_wantedType = config.caType;
    m_wantedConnector = config.caConnectorName;
    fillTypes();
    m_wantedType.clear();
    m_wantedConnector.clear();
    revalidate();
}

void CertificateAuthorityPage::store(ProvisioningConfig& config) const
{
    config.caType = m_caType->currentData().toString();
    config.caConnectorName = m_connector->currentText();
}

} // namespace certdeck::ui
