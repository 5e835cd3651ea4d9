// The provisioning wizard against the real engine: walk the five pages for nginx with the built-in CA,
// check what the inventory stored, and that every field says what to enter when it is wrong.
// Runs inside tests/support/with-keyring.sh (a real Secret Service for the CA passphrase and key store password).

#include "engine/domain/ServerType.h"
#include "engine/jobs/LifecycleService.h"
#include "models/CertificateTableModel.h"
#include "tests/gui/console/ConsoleFixture.h"
#include "tests/support/TestPki.h"
#include "tests/support/WidgetLookup.h"
#include "ui/DashboardWidget.h"
#include "ui/MainWindow.h"
#include "ui/wizard/CertificateAuthorityPage.h"
#include "ui/wizard/DeploymentDetailsPage.h"
#include "ui/wizard/ProvisioningWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTest>
#include <QTimeEdit>

using namespace certdeck;
using ui::ProvisioningWizard;

namespace {

using test::child;

QString message(QWidget* parent, const char* name)
{
    return test::shownMessage(parent, name);
}

} // namespace

class TestProvisioningWizard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void serverTypeListsAllSixteenAndDisablesThoseWithoutDeployer();
    void walksFivePagesForNginxWithTheBuiltInCaAndStoresEverything();
    void existingCertificateIsPrefilledAndBecomesManaged();
    void deploymentFieldsSayWhatToEnter();
    void csrFieldsSayWhatToEnter();
    void dcvAndScheduleSayWhatToEnter();

private:
    ProvisioningWizard* openWizard(ui::MainWindow& window, qint64 certificateId);
    void fillNginxPage(ProvisioningWizard* wizard);
    bool next(ProvisioningWizard* wizard);
    Result<ProvisioningConfig> loadConfig(qint64 certificateId);

    std::unique_ptr<test::ConsoleFixture> m_fixture;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TestProvisioningWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_fixture = std::make_unique<test::ConsoleFixture>();
    QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
    m_window = std::make_unique<ui::MainWindow>(m_fixture->services());
    m_window->show();

    // The built-in CA, created the way the operator does it (CA > Create Built-in CA).
    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("office-ca");
    spec.commonName = QStringLiteral("GUI Test Root CA");
    spec.keyAlgorithm = QStringLiteral("EC");
    spec.keySize = 256;
    QSignalSpy errors(m_window.get(), &ui::MainWindow::errorShown);
    m_window->createLocalCa(spec);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || m_fixture->cas().find(QStringLiteral("localca"), spec.name), 30000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().first().toString()));
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("office-ca")));
}

ProvisioningWizard* TestProvisioningWizard::openWizard(ui::MainWindow& window, qint64 certificateId)
{
    window.openProvisioningWizard(certificateId);
    (void)QTest::qWaitFor([&] { return window.openWizard() != nullptr; }, 10000);
    return window.openWizard();
}

bool TestProvisioningWizard::next(ProvisioningWizard* wizard)
{
    const int before = wizard->currentId();
    // CERTDECK_GUI_SHOTS=<dir>: keep a picture of each page as filled, for looking at the layout.
    if (const QString shots = qEnvironmentVariable("CERTDECK_GUI_SHOTS"); !shots.isEmpty()) {
        wizard->grab().save(QStringLiteral("%1/%2-page%3.png")
                                .arg(shots, QString::fromLatin1(QTest::currentTestFunction()))
                                .arg(before));
    }
    wizard->button(QWizard::NextButton)->click(); // does nothing while the page is incomplete
    return wizard->currentId() != before;
}

Result<ProvisioningConfig> TestProvisioningWizard::loadConfig(qint64 certificateId)
{
    std::optional<Result<ProvisioningConfig>> loaded;
    QObject context;
    m_fixture->lifecycle().loadProvisioningConfig(
        certificateId, &context, [&](Result<ProvisioningConfig> result) { loaded = std::move(result); });
    (void)QTest::qWaitFor([&] { return loaded.has_value(); }, 20000);
    return loaded ? *loaded : Result<ProvisioningConfig>(fail(QStringLiteral("timed out loading the configuration")));
}

void TestProvisioningWizard::fillNginxPage(ProvisioningWizard* wizard)
{
    auto* page = wizard->deploymentPage();
    auto* type = child<QComboBox>(page, "serverType");
    type->setCurrentIndex(type->findData(QStringLiteral("nginx"), Qt::UserRole));
    const QMap<QString, QString> values = {
        {QStringLiteral("certificateFile"), QStringLiteral("/etc/nginx/tls/shop.pem")},
        {QStringLiteral("keyFile"), QStringLiteral("/etc/nginx/tls/shop.key")},
        {QStringLiteral("configFile"), QStringLiteral("/etc/nginx/nginx.conf")},
    };
    for (auto it = values.begin(); it != values.end(); ++it) {
        auto* edit = qobject_cast<QLineEdit*>(page->fieldEditor(it.key()));
        QVERIFY2(edit, qPrintable(it.key()));
        edit->clear();
        QTest::keyClicks(edit, it.value());
    }
    auto* host = child<QLineEdit>(page, "endpointHost");
    host->clear();
    QTest::keyClicks(host, QStringLiteral("shop.example.test"));
    child<QSpinBox>(page, "endpointPort")->setValue(8443);
}

void TestProvisioningWizard::serverTypeListsAllSixteenAndDisablesThoseWithoutDeployer()
{
    ProvisioningWizard* wizard = openWizard(*m_window, 0);
    QVERIFY(wizard);
    auto* type = child<QComboBox>(wizard->deploymentPage(), "serverType");
    auto* model = qobject_cast<QStandardItemModel*>(type->model());
    QVERIFY(model);
    QStringList listed;
    for (int row = 1; row < model->rowCount(); ++row) {
        listed << model->item(row)->text();
    }
    QStringList expected;
    for (ServerType serverType : allServerTypes()) {
        expected << serverTypeDisplayName(serverType);
    }
    QCOMPARE(listed.size(), 16);
    QCOMPARE(listed, expected);

    const QStandardItem* nginx = model->item(type->findData(QStringLiteral("nginx"), Qt::UserRole));
    QVERIFY(nginx->isEnabled());
    const QStandardItem* tomcat = model->item(type->findData(QStringLiteral("tomcat"), Qt::UserRole));
    QVERIFY(tomcat->isEnabled());
    for (const QString& javaServer : {QStringLiteral("jboss"), QStringLiteral("weblogic")}) {
        const QStandardItem* item = model->item(type->findData(javaServer, Qt::UserRole));
        QVERIFY2(item->isEnabled(), qPrintable(javaServer));
        QVERIFY(item->toolTip().isEmpty());
    }
    const QStandardItem* jetty = model->item(type->findData(QStringLiteral("jetty"), Qt::UserRole));
    QVERIFY(jetty->isEnabled());
    const QStandardItem* iis = model->item(type->findData(QStringLiteral("iis"), Qt::UserRole));
    QVERIFY(!iis->isEnabled());
    QCOMPARE(iis->toolTip(), QStringLiteral("The IIS deployer is not available yet."));
    wizard->reject();
    QTRY_VERIFY(!m_window->openWizard());
}

void TestProvisioningWizard::walksFivePagesForNginxWithTheBuiltInCaAndStoresEverything()
{
    ProvisioningWizard* wizard = openWizard(*m_window, 0);
    QVERIFY(wizard);
    QCOMPARE(wizard->currentId(), int(ProvisioningWizard::DeploymentPage));
    QVERIFY(!next(wizard)); // no server type yet
    fillNginxPage(wizard);
    QVERIFY2(next(wizard), qPrintable(message(wizard->deploymentPage(), "serverFieldsMessage")));

    // 2: the built-in CA created in initTestCase
    auto* caType = child<QComboBox>(wizard->caPage(), "caType");
    auto* connector = child<QComboBox>(wizard->caPage(), "caConnector");
    QCOMPARE(caType->currentData().toString(), QStringLiteral("localca"));
    QCOMPARE(connector->currentText(), QStringLiteral("office-ca"));
    QVERIFY(next(wizard));

    // 3: Full Override
    QWidget* csr = wizard->page(ProvisioningWizard::CsrPageId);
    QVERIFY(child<QRadioButton>(csr, "csrFullOverride")->isChecked());
    QTest::keyClicks(child<QLineEdit>(csr, "commonName"), QStringLiteral("shop.example.com"));
    QTest::keyClicks(child<QLineEdit>(csr, "sans"), QStringLiteral("www.shop.example.com, 192.0.2.10"));
    auto* certificateType = child<QComboBox>(csr, "certificateType");
    certificateType->setCurrentIndex(certificateType->findData(static_cast<int>(CertificateType::OV)));
    auto* keyAlgorithm = child<QComboBox>(csr, "keyAlgorithm");
    keyAlgorithm->setCurrentIndex(keyAlgorithm->findData(QStringLiteral("EC")));
    auto* keySize = child<QComboBox>(csr, "keySize");
    keySize->setCurrentIndex(keySize->findData(384));
    auto* signature = child<QComboBox>(csr, "signatureAlgorithm");
    signature->setCurrentIndex(signature->findData(QStringLiteral("SHA384WithECDSA")));
    auto* keyStoreType = child<QComboBox>(csr, "keyStoreType");
    keyStoreType->setCurrentIndex(keyStoreType->findData(QStringLiteral("PKCS12")));
    const QString password = QStringLiteral("Keystore-Pass-4711");
    QTest::keyClicks(child<QLineEdit>(csr, "keyStorePassword"), password);
    QTest::keyClicks(child<QLineEdit>(csr, "keyStorePasswordConfirm"), password);
    QVERIFY2(next(wizard), qPrintable(message(csr, "commonNameMessage") + message(csr, "sansMessage") +
                                      message(csr, "passwordMessage")));

    // 4: DCV
    QWidget* dcv = wizard->page(ProvisioningWizard::DcvPageId);
    child<QCheckBox>(dcv, "dcvEnabled")->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(dcv, "dcvPath"), QStringLiteral("/var/www/shop"));
    QVERIFY(next(wizard));

    // 5: schedule
    QWidget* schedule = wizard->page(ProvisioningWizard::SchedulePageId);
    child<QCheckBox>(schedule, "rollbackOnFailure")->setChecked(true);
    child<QGroupBox>(schedule, "renewalEnabled")->setChecked(true);
    child<QSpinBox>(schedule, "renewWithinDays")->setValue(21);
    auto* renewalFrequency = child<QComboBox>(schedule, "renewalFrequency");
    renewalFrequency->setCurrentIndex(renewalFrequency->findData(static_cast<int>(Frequency::Weekly)));
    child<QTimeEdit>(schedule, "renewalTime")->setTime(QTime(4, 30));
    auto* renewalZone = child<QComboBox>(schedule, "renewalTimeZone");
    renewalZone->setCurrentIndex(renewalZone->findText(QStringLiteral("Europe/Berlin")));
    child<QGroupBox>(schedule, "deploymentEnabled")->setChecked(true);
    child<QRadioButton>(schedule, "deployOnDate")->setChecked(true);
    const QDate deployDate = QDate::currentDate().addDays(3);
    child<QDateEdit>(schedule, "deploymentDate")->setDate(deployDate);
    child<QTimeEdit>(schedule, "deploymentTime")->setTime(QTime(5, 15));
    auto* deploymentZone = child<QComboBox>(schedule, "deploymentTimeZone");
    deploymentZone->setCurrentIndex(deploymentZone->findText(QStringLiteral("America/New_York")));
    auto* deploymentFrequency = child<QComboBox>(schedule, "deploymentFrequency");
    deploymentFrequency->setCurrentIndex(deploymentFrequency->findData(static_cast<int>(Frequency::Monthly)));

    QSignalSpy saved(wizard, &ProvisioningWizard::saved);
    QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY2(saved.wait(30000), qPrintable(wizard->saveError()));
    const qint64 id = saved.first().first().toLongLong();
    QVERIFY(id > 0);
    QTRY_VERIFY(!m_window->openWizard()); // closed after saving

    const auto stored = loadConfig(id);
    QVERIFY2(stored.ok(), qPrintable(stored.message()));
    const ProvisioningConfig& config = stored.value();
    QCOMPARE(config.serverType, QStringLiteral("nginx"));
    QCOMPARE(config.endpointHost, QStringLiteral("shop.example.test"));
    QCOMPARE(config.endpointPort, 8443);
    QCOMPARE(config.deploymentType, DeploymentType::Manual);
    QCOMPARE(config.serverFields.value(QStringLiteral("certificateFile")).toString(),
             QStringLiteral("/etc/nginx/tls/shop.pem"));
    QCOMPARE(config.serverFields.value(QStringLiteral("keyFile")).toString(),
             QStringLiteral("/etc/nginx/tls/shop.key"));
    QCOMPARE(config.serverFields.value(QStringLiteral("configFile")).toString(),
             QStringLiteral("/etc/nginx/nginx.conf"));
    QCOMPARE(config.caType, QStringLiteral("localca"));
    QCOMPARE(config.caConnectorName, QStringLiteral("office-ca"));
    QCOMPARE(config.csrMode, CsrMode::FullOverride);
    QCOMPARE(config.commonName, QStringLiteral("shop.example.com"));
    QCOMPARE(config.sans, (QStringList{QStringLiteral("shop.example.com"), QStringLiteral("www.shop.example.com"),
                                       QStringLiteral("192.0.2.10")}));
    QCOMPARE(config.certificateType, CertificateType::OV);
    QCOMPARE(config.keyAlgorithm, QStringLiteral("EC"));
    QCOMPARE(config.keySize, 384);
    QCOMPARE(config.signatureAlgorithm, QStringLiteral("SHA384WithECDSA"));
    QCOMPARE(config.keyStoreType, QStringLiteral("PKCS12"));
    QCOMPARE(config.keyStorePasswordRef, QStringLiteral("keystore/%1").arg(id));
    QVERIFY(config.dcvEnabled);
    QCOMPARE(config.dcvPath, QStringLiteral("/var/www/shop"));
    QVERIFY(config.schedule.rollbackOnFailure);
    QVERIFY(config.schedule.renewalEnabled);
    QCOMPARE(config.schedule.renewalTrigger, RenewalTrigger::DaysBeforeExpiry);
    QCOMPARE(config.schedule.renewWithinDays, 21);
    QCOMPARE(config.schedule.renewalFrequency, Frequency::Weekly);
    QCOMPARE(config.schedule.renewalTime, QTime(4, 30));
    QCOMPARE(config.schedule.renewalTimeZone, QStringLiteral("Europe/Berlin"));
    QVERIFY(config.schedule.deploymentEnabled);
    QCOMPARE(config.schedule.deploymentTrigger, DeploymentTrigger::OnDate);
    QCOMPARE(config.schedule.deploymentDate, deployDate);
    QCOMPARE(config.schedule.deploymentTime, QTime(5, 15));
    QCOMPARE(config.schedule.deploymentTimeZone, QStringLiteral("America/New_York"));
    QCOMPARE(config.schedule.deploymentFrequency, Frequency::Monthly);

    // The password is in the keychain, never in the stored configuration.
    QVERIFY(!QJsonDocument(config.toJson()).toJson().contains(password.toUtf8()));
    std::optional<Result<QByteArray>> secret;
    QObject context;
    m_fixture->secrets().read(config.keyStorePasswordRef, &context, [&](Result<QByteArray> read) { secret = read; });
    QTRY_VERIFY_WITH_TIMEOUT(secret.has_value(), 20000);
    QVERIFY2(secret->ok(), qPrintable(secret->message()));
    QCOMPARE(secret->value(), password.toUtf8());

    // The new entry is on the dashboard, managed.
    const auto* model = m_window->dashboard()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(id) >= 0, 10000);
    QCOMPARE(model->recordAt(model->rowOf(id))->commonName, QStringLiteral("shop.example.com"));
    QCOMPARE(model->recordAt(model->rowOf(id))->status, CertificateStatus::Managed);
}

void TestProvisioningWizard::existingCertificateIsPrefilledAndBecomesManaged()
{
    test::TestPki pki;
    const auto leaf = pki.issueLeaf({QStringLiteral("legacy.example.org"), QStringLiteral("old.example.org")});
    const auto files = test::writePemFiles(m_fixture->dir(), QStringLiteral("legacy"), leaf);
    m_window->importCertificateFile(files.cert);
    const auto* model = m_window->dashboard()->model();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dashboard()->currentRecord() &&
                                 m_window->dashboard()->currentRecord()->commonName ==
                                     QStringLiteral("legacy.example.org"),
                             20000);
    const qint64 id = m_window->dashboard()->currentCertificateId();
    QCOMPARE(model->recordAt(model->rowOf(id))->status, CertificateStatus::Discovered);

    m_window->provisionAction()->trigger(); // the selected certificate
    QTRY_VERIFY_WITH_TIMEOUT(m_window->openWizard(), 10000);
    ProvisioningWizard* wizard = m_window->openWizard();
    QCOMPARE(wizard->certificateId(), id);
    QWidget* csr = wizard->page(ProvisioningWizard::CsrPageId);
    QCOMPARE(child<QLineEdit>(csr, "commonName")->text(), QStringLiteral("legacy.example.org"));
    QCOMPARE(child<QLineEdit>(csr, "sans")->text(), QStringLiteral("old.example.org"));
    QCOMPARE(child<QComboBox>(csr, "keyAlgorithm")->currentData().toString(), QStringLiteral("EC"));

    fillNginxPage(wizard);
    QVERIFY(next(wizard));
    QVERIFY(next(wizard));
    QVERIFY2(next(wizard), qPrintable(message(csr, "passwordMessage"))); // PEM key store: no password needed
    QVERIFY(next(wizard));
    QSignalSpy saved(wizard, &ProvisioningWizard::saved);
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY2(saved.wait(30000), qPrintable(wizard->saveError()));
    QCOMPARE(saved.first().first().toLongLong(), id);

    const auto stored = loadConfig(id);
    QVERIFY2(stored.ok(), qPrintable(stored.message()));
    QCOMPARE(stored->commonName, QStringLiteral("legacy.example.org"));
    QVERIFY(stored->keyStorePasswordRef.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(model->recordAt(model->rowOf(id))->status, CertificateStatus::Managed, 10000);
}

void TestProvisioningWizard::deploymentFieldsSayWhatToEnter()
{
    ProvisioningWizard* wizard = openWizard(*m_window, 0);
    QVERIFY(wizard);
    auto* page = wizard->deploymentPage();
    QVERIFY(message(page, "serverTypeMessage").contains(QStringLiteral("Server type")));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());

    fillNginxPage(wizard);
    QCOMPARE(message(page, "serverTypeMessage"), QString());
    QCOMPARE(message(page, "serverFieldsMessage"), QString());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());

    auto* host = child<QLineEdit>(page, "endpointHost");
    host->setText(QStringLiteral("shop example"));
    QVERIFY2(message(page, "endpointMessage").startsWith(QStringLiteral("Endpoint")),
             qPrintable(message(page, "endpointMessage")));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    host->setText(QStringLiteral("shop.example.test"));
    QCOMPARE(message(page, "endpointMessage"), QString());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());

    auto* certificateFile = qobject_cast<QLineEdit*>(page->fieldEditor(QStringLiteral("certificateFile")));
    QVERIFY(certificateFile->isVisibleTo(wizard)); // the deployer's fields are on screen, not only created
    QVERIFY(certificateFile->height() > 0);
    certificateFile->setText(QStringLiteral("tls/shop.pem"));
    QString text = message(page, "serverFieldsMessage");
    QVERIFY2(text.startsWith(QStringLiteral("Certificate file")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("/etc/nginx/tls/site.pem")), qPrintable(text)); // an example of what to enter
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    certificateFile->clear();
    text = message(page, "serverFieldsMessage");
    QVERIFY2(text.startsWith(QStringLiteral("Certificate file")), qPrintable(text));
    wizard->reject();
    QTRY_VERIFY(!m_window->openWizard());
}

void TestProvisioningWizard::csrFieldsSayWhatToEnter()
{
    ProvisioningWizard* wizard = openWizard(*m_window, 0);
    QVERIFY(wizard);
    QWidget* csr = wizard->page(ProvisioningWizard::CsrPageId);
    auto* commonName = child<QLineEdit>(csr, "commonName");
    auto* sans = child<QLineEdit>(csr, "sans");

    QVERIFY(message(csr, "commonNameMessage").contains(QStringLiteral("enter the primary domain name")));
    commonName->setText(QStringLiteral("shop_example com"));
    QString text = message(csr, "commonNameMessage");
    QVERIFY2(text.contains(QStringLiteral("\"shop_example com\" is not a DNS name")), qPrintable(text));
    commonName->setText(QStringLiteral("*.example.com"));
    QCOMPARE(message(csr, "commonNameMessage"), QString());

    sans->setText(QStringLiteral("www.example.com, bad name, 192.0.2.7, 300.1.1.1.1, -x.example.com"));
    text = message(csr, "sansMessage");
    QVERIFY2(text.contains(QStringLiteral("\"bad name\"")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\"300.1.1.1.1\"")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\"-x.example.com\"")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("www.example.com\"")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("192.0.2.7")), qPrintable(text));
    sans->setText(QStringLiteral("www.example.com, 192.0.2.7, 2001:db8::1"));
    QCOMPARE(message(csr, "sansMessage"), QString());

    auto* keyStoreType = child<QComboBox>(csr, "keyStoreType");
    keyStoreType->setCurrentIndex(keyStoreType->findData(QStringLiteral("PKCS12")));
    QVERIFY(message(csr, "passwordMessage").contains(QStringLiteral("enter the password")));
    child<QLineEdit>(csr, "keyStorePassword")->setText(QStringLiteral("first-password"));
    child<QLineEdit>(csr, "keyStorePasswordConfirm")->setText(QStringLiteral("other-password"));
    QVERIFY(message(csr, "passwordMessage").contains(QStringLiteral("differ")));
    child<QLineEdit>(csr, "keyStorePassword")->setText(QStringLiteral("short"));
    child<QLineEdit>(csr, "keyStorePasswordConfirm")->setText(QStringLiteral("short"));
    QVERIFY(message(csr, "passwordMessage").contains(QStringLiteral("at least 8")));
    child<QLineEdit>(csr, "keyStorePassword")->setText(QStringLiteral("long-enough"));
    child<QLineEdit>(csr, "keyStorePasswordConfirm")->setText(QStringLiteral("long-enough"));
    QCOMPARE(message(csr, "passwordMessage"), QString());
    QVERIFY(static_cast<QWizardPage*>(csr)->isComplete());

    // Key sizes and signatures follow the key algorithm.
    auto* keyAlgorithm = child<QComboBox>(csr, "keyAlgorithm");
    keyAlgorithm->setCurrentIndex(keyAlgorithm->findData(QStringLiteral("EC")));
    QCOMPARE(child<QComboBox>(csr, "keySize")->findData(2048), -1);
    QVERIFY(child<QComboBox>(csr, "signatureAlgorithm")->currentText().contains(QStringLiteral("ECDSA")));
    wizard->reject();
    QTRY_VERIFY(!m_window->openWizard());
}

void TestProvisioningWizard::dcvAndScheduleSayWhatToEnter()
{
    ProvisioningWizard* wizard = openWizard(*m_window, 0);
    QVERIFY(wizard);
    QWidget* dcv = wizard->page(ProvisioningWizard::DcvPageId);
    child<QCheckBox>(dcv, "dcvEnabled")->setChecked(true);
    QVERIFY(message(dcv, "dcvPathMessage").contains(QStringLiteral("DCV path: enter")));
    child<QLineEdit>(dcv, "dcvPath")->setText(QStringLiteral("www/html"));
    QVERIFY(message(dcv, "dcvPathMessage").contains(QStringLiteral("\"www/html\" is not an absolute path")));
    QVERIFY(!static_cast<QWizardPage*>(dcv)->isComplete());
    child<QLineEdit>(dcv, "dcvPath")->setText(QStringLiteral("/var/www/html"));
    QVERIFY(static_cast<QWizardPage*>(dcv)->isComplete());

    QWidget* schedule = wizard->page(ProvisioningWizard::SchedulePageId);
    child<QGroupBox>(schedule, "renewalEnabled")->setChecked(true);
    child<QRadioButton>(schedule, "renewOnDate")->setChecked(true);
    const QDate past = QDate::currentDate().addDays(-2);
    child<QDateEdit>(schedule, "renewalDate")->setDate(past);
    QVERIFY2(
        message(schedule, "renewalMessage").contains(past.toString(Qt::ISODate) + QStringLiteral(" is in the past")),
        qPrintable(message(schedule, "renewalMessage")));
    child<QDateEdit>(schedule, "renewalDate")->setDate(QDate::currentDate().addDays(5));
    child<QComboBox>(schedule, "renewalTimeZone")->setEditText(QStringLiteral("Mars/Olympus"));
    QVERIFY(message(schedule, "renewalMessage").contains(QStringLiteral("\"Mars/Olympus\" is not a known time zone")));
    child<QComboBox>(schedule, "renewalTimeZone")->setEditText(QStringLiteral("Asia/Tokyo"));
    QCOMPARE(message(schedule, "renewalMessage"), QString());

    child<QGroupBox>(schedule, "deploymentEnabled")->setChecked(true);
    child<QRadioButton>(schedule, "deployOnDate")->setChecked(true);
    child<QDateEdit>(schedule, "deploymentDate")->setDate(past);
    QVERIFY(message(schedule, "deploymentMessage").contains(QStringLiteral("Deployment date")));
    QVERIFY(!static_cast<QWizardPage*>(schedule)->isComplete());
    child<QRadioButton>(schedule, "deployImmediately")->setChecked(true);
    QCOMPARE(message(schedule, "deploymentMessage"), QString());
    QVERIFY(static_cast<QWizardPage*>(schedule)->isComplete());
    wizard->reject();
    QTRY_VERIFY(!m_window->openWizard());
}

QTEST_MAIN(TestProvisioningWizard)
#include "TestProvisioningWizard.moc"
