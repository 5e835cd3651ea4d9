// The whole provisioning wizard for a discovered nginx certificate with the built-in CA: every field of the spec's
// five steps is set through the UI (the CSR template created with the CSR page's New... button), Save stores every
// value, puts the key store password into the keychain, maps the local bot to the certificate and makes it Managed.
// Runs inside tests/support/with-keyring.sh (a real Secret Service).

#include "engine/jobs/LifecycleService.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CsrTemplateRepository.h"
#include "models/CertificateTableModel.h"
#include "tests/gui/wizard/WizardDriver.h"
#include "tests/gui/wizard/WizardFixture.h"
#include "tests/support/TestPki.h"
#include "tests/support/WidgetLookup.h"
#include "ui/DashboardWidget.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/CsrTemplateDialog.h"
#include "ui/wizard/CertificateAuthorityPage.h"
#include "ui/wizard/CsrPage.h"
#include "ui/wizard/DcvPage.h"
#include "ui/wizard/DeploymentDetailsPage.h"
#include "ui/wizard/ProvisioningWizard.h"
#include "ui/wizard/SchedulePage.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimeEdit>

using namespace certdeck;
using ui::ProvisioningWizard;
namespace drive = test::wizard;

class TestWizardWalkthrough : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_fixture.start(); }
    void walksAllFiveStepsForADiscoveredNginxCertificate();

private:
    Result<CertificateRecord> loadRecord(qint64 id);
    test::WizardFixture m_fixture;
};

Result<CertificateRecord> TestWizardWalkthrough::loadRecord(qint64 id)
{
    std::optional<Result<CertificateRecord>> loaded;
    QObject context;
    m_fixture.engine().lifecycle->loadCertificate(
        id, &context, [&](Result<CertificateRecord> record) { loaded = std::move(record); });
    (void)QTest::qWaitFor([&] { return loaded.has_value(); }, 20000);
    return loaded ? *loaded : Result<CertificateRecord>(fail(QStringLiteral("timed out loading the certificate")));
}

void TestWizardWalkthrough::walksAllFiveStepsForADiscoveredNginxCertificate()
{
    ui::MainWindow& window = m_fixture.window();
    // A certificate found on a server: Discovered, no bot.
    test::TestPki pki;
    const auto leaf = pki.issueLeaf({QStringLiteral("shop.example.com"), QStringLiteral("www.shop.example.com")});
    const auto files = test::writePemFiles(m_fixture.dir(), QStringLiteral("shop"), leaf);
    window.importCertificateFile(files.cert);
    QTRY_VERIFY_WITH_TIMEOUT(window.dashboard()->currentRecord() &&
                                 window.dashboard()->currentRecord()->commonName == QStringLiteral("shop.example.com"),
                             20000);
    const qint64 id = window.dashboard()->currentCertificateId();
    {
        const auto before = loadRecord(id);
        QVERIFY2(before.ok(), qPrintable(before.message()));
        QCOMPARE(before->status, CertificateStatus::Discovered);
        QCOMPARE(before->botId, qint64(0));
    }

    ProvisioningWizard* wizard = drive::open(window, id);
    QVERIFY(wizard);
    QCOMPARE(wizard->certificateId(), id);

    // Step 1: deployment details
    QWidget* deployment = wizard->deploymentPage();
    QVERIFY(drive::setField(deployment, QStringLiteral("deploymentManual"), QStringLiteral("true")));
    auto* bot = test::child<QComboBox>(deployment, "provisionBot");
    QTRY_VERIFY(bot->count() >= 1);
    QCOMPARE(bot->currentIndex(), 0); // the local bot
    QVERIFY(drive::setField(deployment, QStringLiteral("agentlessServer"), QStringLiteral("web01.example.test")));
    drive::fillNginx(wizard);
    QVERIFY(drive::setField(deployment, QStringLiteral("field_prefix"), QStringLiteral("/srv/nginx")));
    QVERIFY(drive::setField(deployment, QStringLiteral("field_nginxBinary"), QStringLiteral("/usr/sbin/nginx")));
    QVERIFY(drive::setField(deployment, QStringLiteral("endpointHost"), QStringLiteral("shop.example.test")));
    QVERIFY(drive::setField(deployment, QStringLiteral("endpointPort"), QStringLiteral("8443")));
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(deployment)));

    // Step 2: the built-in CA
    QWidget* ca = wizard->caPage();
    QCOMPARE(test::child<QComboBox>(ca, "caType")->currentData().toString(), QStringLiteral("localca"));
    QCOMPARE(test::child<QComboBox>(ca, "caConnector")->currentText(), QStringLiteral("office-ca"));
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(ca)));

    // Step 3: Full Override with a template made right here (New...)
    auto* csr = wizard->csrPage();
    QVERIFY(drive::setField(csr, QStringLiteral("csrFullOverride"), QStringLiteral("true")));
    QCOMPARE(test::child<QLineEdit>(csr, "commonName")->text(), QStringLiteral("shop.example.com")); // prefilled
    test::child<QPushButton>(csr, "newCsrTemplate")->click();
    QTRY_VERIFY(csr->templateEditor() && csr->templateEditor()->isVisible());
    ui::CsrTemplateDialog* editor = csr->templateEditor();
    const QList<QPair<QString, QString>> templateFields{
        {QStringLiteral("templateName"), QStringLiteral("shop-web")},
        {QStringLiteral("templateDescription"), QStringLiteral("Shop web servers")},
        {QStringLiteral("templateKeyAlgorithm"), QStringLiteral("RSA")},
        {QStringLiteral("templateKeySize"), QStringLiteral("3072")},
        {QStringLiteral("templateSignatureAlgorithm"), QStringLiteral("SHA384WithRSA")},
        {QStringLiteral("subjectO"), QStringLiteral("Example GmbH")},
        {QStringLiteral("subjectOU"), QStringLiteral("Web Operations")},
        {QStringLiteral("subjectL"), QStringLiteral("Berlin")},
        {QStringLiteral("subjectST"), QStringLiteral("Berlin")},
        {QStringLiteral("subjectC"), QStringLiteral("DE")},
        {QStringLiteral("minimumRsaKeySize"), QStringLiteral("3072")},
        {QStringLiteral("allowEc"), QStringLiteral("false")},
        {QStringLiteral("allowedNames"), QStringLiteral("shop.example.com, *.shop.example.com")},
        {QStringLiteral("maximumSans"), QStringLiteral("5")},
    };
    for (const auto& [name, value] : templateFields) {
        QVERIFY2(drive::setField(editor, name, value), qPrintable(name));
    }
    QPushButton* save = editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
    QVERIFY(save);
    QVERIFY2(save->isEnabled(), qPrintable(drive::allMessages(editor)));
    save->click();
    QTRY_COMPARE_WITH_TIMEOUT(test::child<QComboBox>(csr, "csrTemplate")->currentData().toString(),
                              QStringLiteral("shop-web"), 20000);
    QTRY_VERIFY(!csr->templateEditor());
    // The template filled the key and signature and shows its subject.
    QCOMPARE(test::child<QComboBox>(csr, "keyAlgorithm")->currentData().toString(), QStringLiteral("RSA"));
    QCOMPARE(test::child<QComboBox>(csr, "keySize")->currentData().toInt(), 3072);
    QCOMPARE(test::child<QComboBox>(csr, "signatureAlgorithm")->currentData().toString(),
             QStringLiteral("SHA384WithRSA"));
    const QString subject = test::child<QLabel>(csr, "templateSubject")->text();
    QVERIFY2(subject.contains(QStringLiteral("O=Example GmbH")) && subject.contains(QStringLiteral("C=DE")),
             qPrintable(subject));

    QVERIFY(drive::setField(csr, QStringLiteral("sans"), QStringLiteral("www.shop.example.com, api.shop.example.com")));
    QVERIFY(drive::setField(csr, QStringLiteral("certificateType"), QString::number(int(CertificateType::EV))));
    test::child<QComboBox>(csr, "existingOrNewCsr")->setCurrentIndex(1); // Existing CSR
    QVERIFY(drive::setField(csr, QStringLiteral("keyStoreType"), QStringLiteral("JKS")));
    const QString password = QStringLiteral("Jks-Store-Pass-0815");
    QTest::keyClicks(test::child<QLineEdit>(csr, "keyStorePassword"), password);
    QTest::keyClicks(test::child<QLineEdit>(csr, "keyStorePasswordConfirm"), password);
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(csr)));

    // Step 4: DCV
    QWidget* dcv = wizard->dcvPage();
    QVERIFY(drive::setField(dcv, QStringLiteral("dcvEnabled"), QStringLiteral("true")));
    QVERIFY(drive::setField(dcv, QStringLiteral("dcvPath"), QStringLiteral("/var/www/shop")));
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(dcv)));

    // Step 5: schedule, every field away from its default
    QWidget* schedule = wizard->schedulePage();
    const QDate renewalDate = QDate::currentDate().addDays(10);
    const QDate deploymentDate = QDate::currentDate().addDays(12);
    const QList<QPair<QString, QString>> scheduleFields{
        {QStringLiteral("rollbackOnFailure"), QStringLiteral("false")},
        {QStringLiteral("renewalEnabled"), QStringLiteral("true")},
        {QStringLiteral("renewOnDate"), QStringLiteral("true")},
        {QStringLiteral("renewalDate"), renewalDate.toString(Qt::ISODate)},
        {QStringLiteral("renewalFrequency"), QString::number(int(Frequency::Monthly))},
        {QStringLiteral("renewalTimeZone"), QStringLiteral("Asia/Tokyo")},
        {QStringLiteral("deploymentEnabled"), QStringLiteral("true")},
        {QStringLiteral("deployOnDate"), QStringLiteral("true")},
        {QStringLiteral("deploymentDate"), deploymentDate.toString(Qt::ISODate)},
        {QStringLiteral("deploymentTimeZone"), QStringLiteral("Europe/Berlin")},
        {QStringLiteral("deploymentFrequency"), QString::number(int(Frequency::Weekly))},
    };
    for (const auto& [name, value] : scheduleFields) {
        QVERIFY2(drive::setField(schedule, name, value), qPrintable(name));
    }
    test::child<QTimeEdit>(schedule, "renewalTime")->setTime(QTime(1, 45));
    test::child<QTimeEdit>(schedule, "deploymentTime")->setTime(QTime(6, 30));

    QSignalSpy saved(wizard, &ProvisioningWizard::saved);
    QVERIFY2(wizard->button(QWizard::FinishButton)->isEnabled(), qPrintable(drive::allMessages(schedule)));
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY2(saved.wait(30000), qPrintable(wizard->saveError()));
    QCOMPARE(saved.first().first().toLongLong(), id);
    QTRY_VERIFY(!window.openWizard());

    // Every value the operator entered is what the inventory holds.
    const auto stored = drive::loadConfig(*m_fixture.engine().lifecycle, id);
    QVERIFY2(stored.ok(), qPrintable(stored.message()));
    const ProvisioningConfig& c = stored.value();
    QCOMPARE(c.deploymentType, DeploymentType::Manual);
    QCOMPARE(c.agentlessServer, QStringLiteral("web01.example.test"));
    QCOMPARE(c.serverType, QStringLiteral("nginx"));
    QCOMPARE(c.serverFields.value(QStringLiteral("certificateFile")).toString(),
             QStringLiteral("/etc/nginx/tls/shop.pem"));
    QCOMPARE(c.serverFields.value(QStringLiteral("keyFile")).toString(), QStringLiteral("/etc/nginx/tls/shop.key"));
    QCOMPARE(c.serverFields.value(QStringLiteral("configFile")).toString(), QStringLiteral("/etc/nginx/nginx.conf"));
    QCOMPARE(c.serverFields.value(QStringLiteral("prefix")).toString(), QStringLiteral("/srv/nginx"));
    QCOMPARE(c.serverFields.value(QStringLiteral("nginxBinary")).toString(), QStringLiteral("/usr/sbin/nginx"));
    QCOMPARE(c.endpointHost, QStringLiteral("shop.example.test"));
    QCOMPARE(c.endpointPort, 8443);
    QCOMPARE(c.caType, QStringLiteral("localca"));
    QCOMPARE(c.caConnectorName, QStringLiteral("office-ca"));
    QCOMPARE(c.csrMode, CsrMode::FullOverride);
    QCOMPARE(c.csrTemplate, QStringLiteral("shop-web"));
    QCOMPARE(c.certificateType, CertificateType::EV);
    QVERIFY(c.reuseExistingCsr);
    QCOMPARE(c.keyAlgorithm, QStringLiteral("RSA"));
    QCOMPARE(c.keySize, 3072);
    QCOMPARE(c.signatureAlgorithm, QStringLiteral("SHA384WithRSA"));
    QCOMPARE(c.keyStoreType, QStringLiteral("JKS"));
    QCOMPARE(c.keyStorePasswordRef, QStringLiteral("keystore/%1").arg(id));
    QCOMPARE(c.commonName, QStringLiteral("shop.example.com"));
    QCOMPARE(c.sans, (QStringList{QStringLiteral("shop.example.com"), QStringLiteral("www.shop.example.com"),
                                  QStringLiteral("api.shop.example.com")}));
    QVERIFY(c.dcvEnabled);
    QCOMPARE(c.dcvMethod, QStringLiteral("http-01"));
    QCOMPARE(c.dcvPath, QStringLiteral("/var/www/shop"));
    QVERIFY(!c.schedule.rollbackOnFailure);
    QVERIFY(c.schedule.renewalEnabled);
    QCOMPARE(c.schedule.renewalTrigger, RenewalTrigger::OnDate);
    QCOMPARE(c.schedule.renewalDate, renewalDate);
    QCOMPARE(c.schedule.renewalFrequency, Frequency::Monthly);
    QCOMPARE(c.schedule.renewalTime, QTime(1, 45));
    QCOMPARE(c.schedule.renewalTimeZone, QStringLiteral("Asia/Tokyo"));
    QVERIFY(c.schedule.deploymentEnabled);
    QCOMPARE(c.schedule.deploymentTrigger, DeploymentTrigger::OnDate);
    QCOMPARE(c.schedule.deploymentDate, deploymentDate);
    QCOMPARE(c.schedule.deploymentTime, QTime(6, 30));
    QCOMPARE(c.schedule.deploymentTimeZone, QStringLiteral("Europe/Berlin"));
    QCOMPARE(c.schedule.deploymentFrequency, Frequency::Weekly);

    // The bot is mapped to the certificate, which is now Managed.
    const auto localBot = store::BotRepository(*m_fixture.engine().database).ensureLocalBot();
    QVERIFY2(localBot.ok(), qPrintable(localBot.message()));
    QCOMPARE(c.botId, localBot->id);
    const auto record = loadRecord(id);
    QVERIFY2(record.ok(), qPrintable(record.message()));
    QCOMPARE(record->status, CertificateStatus::Managed);
    QCOMPARE(record->botId, localBot->id);
    const auto* model = window.dashboard()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->recordAt(model->rowOf(id))->status, CertificateStatus::Managed, 10000);

    // The template is stored; the password only in the keychain.
    auto storedTemplate = store::CsrTemplateRepository(*m_fixture.engine().database).find(QStringLiteral("shop-web"));
    QVERIFY(storedTemplate.ok() && storedTemplate->has_value());
    QCOMPARE((*storedTemplate)->organization, QStringLiteral("Example GmbH"));
    QCOMPARE((*storedTemplate)->allowedKeyAlgorithms, QStringList{QStringLiteral("RSA")});
    QCOMPARE((*storedTemplate)->allowedNamePatterns,
             (QStringList{QStringLiteral("shop.example.com"), QStringLiteral("*.shop.example.com")}));
    QVERIFY(!QJsonDocument(c.toJson()).toJson().contains(password.toUtf8()));
    std::optional<Result<QByteArray>> secret;
    QObject context;
    m_fixture.engine().secrets.read(c.keyStorePasswordRef, &context, [&](Result<QByteArray> read) { secret = read; });
    QTRY_VERIFY_WITH_TIMEOUT(secret.has_value(), 20000);
    QVERIFY2(secret->ok(), qPrintable(secret->message()));
    QCOMPARE(secret->value(), password.toUtf8());

    // Opening the wizard again shows what was stored, template selected.
    ProvisioningWizard* again = drive::open(window, id);
    QVERIFY(again);
    QTRY_COMPARE(test::child<QComboBox>(again->csrPage(), "csrTemplate")->currentData().toString(),
                 QStringLiteral("shop-web"));
    QCOMPARE(test::child<QComboBox>(again->csrPage(), "keySize")->currentData().toInt(), 3072);
    QCOMPARE(test::child<QLineEdit>(again->deploymentPage(), "agentlessServer")->text(),
             QStringLiteral("web01.example.test"));
    again->reject();
    QTRY_VERIFY(!window.openWizard());
}

QTEST_MAIN(TestWizardWalkthrough)
#include "TestWizardWalkthrough.moc"
