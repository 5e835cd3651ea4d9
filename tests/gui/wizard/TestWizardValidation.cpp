// Each field of the provisioning wizard says what is wrong and what to enter, and its page refuses to go on:
// one data row per field and bad value. Every other field holds a valid value, so the row's field is the only
// reason the page refuses.

#include "tests/gui/wizard/WizardDriver.h"
#include "tests/gui/wizard/WizardFixture.h"
#include "ui/MainWindow.h"
#include "ui/wizard/DcvPage.h"
#include "ui/wizard/ProvisioningWizard.h"
#include "ui/wizard/SchedulePage.h"

#include <QAbstractButton>
#include <QTest>
#include <QTimeEdit>

using namespace certdeck;
using ui::ProvisioningWizard;
namespace drive = test::wizard;

class TestWizardValidation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_fixture.start(); }
    void baselinePassesEveryPage();
    void fieldSaysWhatToEnter_data();
    void fieldSaysWhatToEnter();

private:
    ProvisioningWizard* openWithValidValues();
    test::WizardFixture m_fixture;
};

ProvisioningWizard* TestWizardValidation::openWithValidValues()
{
    ProvisioningWizard* wizard = drive::open(m_fixture.window(), 0);
    if (!wizard) {
        return nullptr;
    }
    drive::fillValid(wizard);
    QWidget* dcv = wizard->dcvPage();
    drive::setField(dcv, QStringLiteral("dcvEnabled"), QStringLiteral("true"));
    drive::setField(dcv, QStringLiteral("dcvPath"), QStringLiteral("/var/www/html"));
    QWidget* schedule = wizard->schedulePage();
    for (const char* name : {"renewalEnabled", "renewOnDate", "deploymentEnabled", "deployOnDate"}) {
        drive::setField(schedule, QLatin1String(name), QStringLiteral("true"));
    }
    drive::setField(schedule, QStringLiteral("renewalDate"), QStringLiteral("+5"));
    drive::setField(schedule, QStringLiteral("deploymentDate"), QStringLiteral("+6"));
    return wizard;
}

void TestWizardValidation::baselinePassesEveryPage()
{
    ProvisioningWizard* wizard = openWithValidValues();
    QVERIFY(wizard);
    QString why;
    QVERIFY2(drive::goTo(wizard, ProvisioningWizard::SchedulePageId, &why), qPrintable(why));
    QVERIFY2(wizard->button(QWizard::FinishButton)->isEnabled(), qPrintable(drive::allMessages(wizard->currentPage())));
    wizard->reject();
    QTRY_VERIFY(!m_fixture.window().openWizard());
}

void TestWizardValidation::fieldSaysWhatToEnter_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("messageName");
    QTest::addColumn<QString>("expected");

    const int deployment = ProvisioningWizard::DeploymentPage;
    QTest::newRow("server type none") << deployment << "serverType"
                                      << ""
                                      << "serverTypeMessage"
                                      << "Server type: select the platform";
    QTest::newRow("endpoint host") << deployment << "endpointHost"
                                   << "shop example"
                                   << "endpointMessage"
                                   << "Endpoint: enter the host name or address";
    QTest::newRow("agentless server") << deployment << "agentlessServer"
                                      << "web 01!"
                                      << "agentlessServerMessage"
                                      << "Agentless server: \"web 01!\" is not a host name or IP address";
    QTest::newRow("agentless wildcard") << deployment << "agentlessServer"
                                        << "*.example.com"
                                        << "agentlessServerMessage"
                                        << "a wildcard is not a host";
    QTest::newRow("nginx certificate file relative") << deployment << "field_certificateFile"
                                                     << "tls/shop.pem"
                                                     << "serverFieldsMessage"
                                                     << "Certificate file";
    QTest::newRow("nginx key file missing") << deployment << "field_keyFile"
                                            << ""
                                            << "serverFieldsMessage"
                                            << "Key file";
    QTest::newRow("nginx config relative") << deployment << "field_configFile"
                                           << "nginx.conf"
                                           << "serverFieldsMessage"
                                           << "nginx configuration file";

    const int ca = ProvisioningWizard::CaPage;
    QTest::newRow("ca connector none") << ca << "caConnector"
                                       << ""
                                       << "caMessage"
                                       << "CA Connector Name: select the connector";

    const int csr = ProvisioningWizard::CsrPageId;
    QTest::newRow("common name empty") << csr << "commonName"
                                       << ""
                                       << "commonNameMessage"
                                       << "Common Name: enter the primary domain name";
    QTest::newRow("common name not dns") << csr << "commonName"
                                         << "shop_example com"
                                         << "commonNameMessage"
                                         << "\"shop_example com\" is not a DNS name";
    QTest::newRow("sans") << csr << "sans"
                          << "www.example.com, bad name"
                          << "sansMessage"
                          << "SANs: \"bad name\" is not a DNS name or IP address";
    QTest::newRow("use existing for a new entry") << csr << "csrUseExisting"
                                                  << "true"
                                                  << "csrModeMessage"
                                                  << "no existing certificate to take the CSR from";
    QTest::newRow("certificate type Existing in full override") << csr << "certificateType"
                                                                << "Existing"
                                                                << "certificateTypeMessage"
                                                                << "\"Existing\" is not available with Full Override";
    QTest::newRow("rsa 1024") << csr << "keySize"
                              << "1024"
                              << "keySizeMessage"
                              << "Key size: RSA 1024 bits is too weak";
    QTest::newRow("pkcs12 without password") << csr << "keyStoreType"
                                             << "PKCS12"
                                             << "passwordMessage"
                                             << "enter the password that protects the PKCS12 key store";
    QTest::newRow("passwords differ") << csr << "keyStorePasswordConfirm"
                                      << "other-password"
                                      << "passwordMessage"
                                      << "the two passwords differ";
    QTest::newRow("password short") << csr << "keyStorePassword+Confirm"
                                    << "short"
                                    << "passwordMessage"
                                    << "enter at least 8 characters";
    QTest::newRow("password for PEM") << csr << "keyStorePassword+Confirm"
                                      << "long-enough-pass"
                                      << "passwordMessage"
                                      << "PEM files are not password protected";

    const int dcv = ProvisioningWizard::DcvPageId;
    QTest::newRow("dcv path empty") << dcv << "dcvPath"
                                    << ""
                                    << "dcvPathMessage"
                                    << "DCV path: enter";
    QTest::newRow("dcv path relative") << dcv << "dcvPath"
                                       << "www/html"
                                       << "dcvPathMessage"
                                       << "\"www/html\" is not an absolute path";

    const int schedule = ProvisioningWizard::SchedulePageId;
    QTest::newRow("renewal date past") << schedule << "renewalDate"
                                       << "-2"
                                       << "renewalMessage"
                                       << "is in the past";
    QTest::newRow("renewal zone") << schedule << "renewalTimeZone"
                                  << "Mars/Olympus"
                                  << "renewalMessage"
                                  << "\"Mars/Olympus\" is not a known time zone";
    QTest::newRow("deployment date past") << schedule << "deploymentDate"
                                          << "-1"
                                          << "deploymentMessage"
                                          << "Deployment date:";
    QTest::newRow("deployment today, time passed") << schedule << "deploymentToday00:00"
                                                   << ""
                                                   << "deploymentMessage"
                                                   << "00:00 (UTC) has already passed";
    QTest::newRow("deployment zone") << schedule << "deploymentTimeZone"
                                     << "Nowhere/Town"
                                     << "deploymentMessage"
                                     << "Deployment time zone: \"Nowhere/Town\"";
}

void TestWizardValidation::fieldSaysWhatToEnter()
{
    QFETCH(int, page);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, messageName);
    QFETCH(QString, expected);

    ProvisioningWizard* wizard = openWithValidValues();
    QVERIFY(wizard);
    QString why;
    QVERIFY2(drive::goTo(wizard, page, &why), qPrintable(why));
    QWizardPage* current = wizard->currentPage();
    QCOMPARE(drive::message(current, messageName), QString()); // fine before the bad value

    if (field == QLatin1String("keyStorePassword+Confirm")) {
        QVERIFY(drive::setField(current, QStringLiteral("keyStorePassword"), value));
        QVERIFY(drive::setField(current, QStringLiteral("keyStorePasswordConfirm"), value));
    } else if (field == QLatin1String("deploymentToday00:00")) {
        QVERIFY(drive::setField(current, QStringLiteral("deploymentTimeZone"), QStringLiteral("UTC")));
        QVERIFY(drive::setField(current, QStringLiteral("deploymentDate"), QDate::currentDate().toString(Qt::ISODate)));
        current->findChild<QTimeEdit*>(QStringLiteral("deploymentTime"))->setTime(QTime(0, 0));
    } else {
        QVERIFY(drive::setField(current, field, value));
    }
    const QString shown = drive::message(current, messageName);
    QVERIFY2(shown.contains(expected), qPrintable(QStringLiteral("shown: \"%1\"").arg(shown)));
    QVERIFY(!current->isComplete());
    const auto proceed = page == ProvisioningWizard::SchedulePageId ? QWizard::FinishButton : QWizard::NextButton;
    QVERIFY(!wizard->button(proceed)->isEnabled());
    QVERIFY(!current->validatePage());
    if (proceed == QWizard::NextButton) {
        QVERIFY(!drive::next(wizard));
    }
    wizard->reject();
    QTRY_VERIFY(!m_fixture.window().openWizard());
}

QTEST_MAIN(TestWizardValidation)
#include "TestWizardValidation.moc"
