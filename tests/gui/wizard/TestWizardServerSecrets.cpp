// The passwords a Java server needs (the key store password of the CSR step, Tomcat's manager password in
// Deployment Details) go to the real Secret Service, never to the inventory; the job side gets them back only under
// keys derived from the certificate, so a planted reference in a shared database reads nothing.
// Runs inside tests/support/with-keyring.sh.
#include "engine/deploy/DeployerSecrets.h"
#include "engine/jobs/LifecycleService.h"
#include "tests/gui/wizard/WizardDriver.h"
#include "tests/gui/wizard/WizardFixture.h"
#include "tests/support/WidgetLookup.h"
#include "ui/MainWindow.h"
#include "ui/wizard/CertificateAuthorityPage.h"
#include "ui/wizard/DeploymentDetailsPage.h"
#include "ui/wizard/ProvisioningWizard.h"

#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace certdeck;
using ui::ProvisioningWizard;
namespace drive = test::wizard;

namespace {

const QString kManagerPassword = QStringLiteral("mgr pass 9 ~ secret");
const QString kStorePassword = QStringLiteral("store-pass-of-tomcat");

} // namespace

class TestWizardServerSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_fixture.start(); }
    void tomcatPasswordsGoToTheKeychainOnly();
    void aPlantedMarkerReadsNothingOfAnotherCertificate();
    void jettyAsksForItsBaseAndReloadMethod();
    void managementApiServersAskForTheirAdminPassword_data();
    void managementApiServersAskForTheirAdminPassword();
    void sftpNeedsItsHostButNoEndpoint();

private:
    test::WizardFixture m_fixture;
    qint64 m_savedId = 0;
};

void TestWizardServerSecrets::tomcatPasswordsGoToTheKeychainOnly()
{
    ProvisioningWizard* wizard = drive::open(m_fixture.window(), 0);
    QVERIFY(wizard);
    ui::DeploymentDetailsPage* deployment = wizard->deploymentPage();
    QVERIFY(drive::setField(deployment, QStringLiteral("serverType"), QStringLiteral("tomcat")));
    QVERIFY(
        drive::setField(deployment, QStringLiteral("field_keyStoreFile"), QStringLiteral("/etc/tomcat10/shop.p12")));
    QVERIFY(drive::setField(deployment, QStringLiteral("field_managerUser"), QStringLiteral("certdeck")));
    // The key store type and password are the CSR step's: Deployment Details does not ask for them a second time.
    QVERIFY(!deployment->fieldEditor(deploy::kKeyStorePasswordField));
    QVERIFY(!deployment->fieldEditor(deploy::kKeyStoreTypeField));
    auto* manager = qobject_cast<QLineEdit*>(deployment->fieldEditor(QStringLiteral("managerPassword")));
    QVERIFY(manager);
    QCOMPARE(manager->echoMode(), QLineEdit::Password);
    QTest::keyClicks(manager, kManagerPassword);
    drive::screenshot(wizard, QStringLiteral("wizard-tomcat-deployment"));
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(deployment)));
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(wizard->caPage())));
    QWidget* csr = wizard->page(ProvisioningWizard::CsrPageId);
    QVERIFY(drive::setField(csr, QStringLiteral("csrFullOverride"), QStringLiteral("true")));
    QVERIFY(drive::setField(csr, QStringLiteral("commonName"), QStringLiteral("tomcat.example.com")));
    QVERIFY(drive::setField(csr, QStringLiteral("keyStoreType"), QStringLiteral("PKCS12")));
    QTest::keyClicks(test::child<QLineEdit>(csr, "keyStorePassword"), kStorePassword);
    QTest::keyClicks(test::child<QLineEdit>(csr, "keyStorePasswordConfirm"), kStorePassword);
    QString why;
    QVERIFY2(drive::goTo(wizard, ProvisioningWizard::SchedulePageId, &why), qPrintable(why));
    QSignalSpy saved(wizard, &ProvisioningWizard::saved);
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY2(saved.wait(30000), qPrintable(wizard->saveError()));
    const qint64 id = saved.first().first().toLongLong();
    m_savedId = id;

    const auto config = drive::loadConfig(*m_fixture.engine().lifecycle, id);
    QVERIFY2(config.ok(), qPrintable(config.message()));
    QCOMPARE(config->serverType, QStringLiteral("tomcat"));
    QCOMPARE(config->serverFields.value(QStringLiteral("managerPassword")).toString(), deploy::kStoredInKeychain);
    QVERIFY(!config->serverFields.contains(deploy::kKeyStorePasswordField));
    auto managerSecret =
        m_fixture.engine().secrets.readBlocking(deploy::deployerSecretKey(id, QStringLiteral("managerPassword")));
    QVERIFY2(managerSecret.ok(), qPrintable(managerSecret.message()));
    QCOMPARE(QString::fromUtf8(*managerSecret), kManagerPassword);

    // What a deployment job sends to the bot: both passwords, read back from the keychain.
    auto fields = deploy::withStoredSecrets(config->serverFields, id, !config->keyStorePasswordRef.isEmpty(),
                                            &m_fixture.engine().secrets);
    QVERIFY2(fields.ok(), qPrintable(fields.message()));
    QCOMPARE(fields->value(QStringLiteral("managerPassword")).toString(), kManagerPassword);
    QCOMPARE(fields->value(deploy::kKeyStorePasswordField).toString(), kStorePassword);

    // Neither password is anywhere in the inventory's files.
    const QDir dir(m_fixture.dir());
    for (const QString& name : dir.entryList({QStringLiteral("*.db*")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(kManagerPassword.toUtf8()), qPrintable(name));
        QVERIFY2(!bytes.contains(kStorePassword.toUtf8()), qPrintable(name));
    }
}

// Whoever writes the shared inventory can set the marker on any field of any certificate. The keychain key is
// derived from that certificate and field, so another certificate's password (or an SSH key) is never read.
void TestWizardServerSecrets::aPlantedMarkerReadsNothingOfAnotherCertificate()
{
    QVERIFY(m_savedId != 0);
    const QVariantMap planted{{QStringLiteral("managerPassword"), deploy::kStoredInKeychain},
                              {QStringLiteral("ssh/bot/1/key"), deploy::kStoredInKeychain}};
    auto fields = deploy::withStoredSecrets(planted, m_savedId + 1000, false, &m_fixture.engine().secrets);
    QVERIFY(!fields.ok());
    QVERIFY2(fields.message().contains(QLatin1String("keychain has no password")), qPrintable(fields.message()));
    // A value typed into the inventory instead of the marker is sent as it is, and no keychain entry is added to it.
    auto plain = deploy::withStoredSecrets({{QStringLiteral("managerPassword"), QStringLiteral("typed")}}, m_savedId,
                                           false, &m_fixture.engine().secrets);
    QVERIFY(plain.ok());
    QCOMPARE(plain->value(QStringLiteral("managerPassword")).toString(), QStringLiteral("typed"));
    QVERIFY(!plain->contains(deploy::kKeyStorePasswordField));
}

// Jetty's Deployment Details: jetty.base, the key store and how Jetty picks it up; the password is the CSR step's.
void TestWizardServerSecrets::jettyAsksForItsBaseAndReloadMethod()
{
    ProvisioningWizard* wizard = drive::open(m_fixture.window(), 0);
    QVERIFY(wizard);
    ui::DeploymentDetailsPage* deployment = wizard->deploymentPage();
    QVERIFY(drive::setField(deployment, QStringLiteral("serverType"), QStringLiteral("jetty")));
    for (const QString& field : {QStringLiteral("jettyBase"), QStringLiteral("keyStoreFile"),
                                 QStringLiteral("reloadMethod"), QStringLiteral("restartProgram")}) {
        QVERIFY2(deployment->fieldEditor(field), qPrintable(field));
    }
    QVERIFY(!deployment->fieldEditor(deploy::kKeyStorePasswordField));
    // Without a key store file the page names the field and stays.
    QVERIFY(!drive::next(wizard));
    QVERIFY2(drive::allMessages(deployment).contains(QLatin1String("Key store file")),
             qPrintable(drive::allMessages(deployment)));
    QVERIFY(drive::setField(deployment, QStringLiteral("field_keyStoreFile"),
                            QStringLiteral("/usr/share/jetty9/etc/keystore")));
    drive::screenshot(wizard, QStringLiteral("wizard-jetty-deployment"));
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(deployment)));
    wizard->reject();
}

// WildFly and WebLogic: the management API's password is a masked field of Deployment Details; the key store
// password is the CSR step's.
void TestWizardServerSecrets::managementApiServersAskForTheirAdminPassword_data()
{
    QTest::addColumn<QString>("serverType");
    QTest::addColumn<QString>("passwordField");
    QTest::newRow("wildfly") << QStringLiteral("jboss") << QStringLiteral("managementPassword");
    QTest::newRow("weblogic") << QStringLiteral("weblogic") << QStringLiteral("adminPassword");
}
void TestWizardServerSecrets::managementApiServersAskForTheirAdminPassword()
{
    QFETCH(QString, serverType);
    QFETCH(QString, passwordField);
    ProvisioningWizard* wizard = drive::open(m_fixture.window(), 0);
    QVERIFY(wizard);
    ui::DeploymentDetailsPage* deployment = wizard->deploymentPage();
    QVERIFY(drive::setField(deployment, QStringLiteral("serverType"), serverType));
    QVERIFY(!deployment->fieldEditor(deploy::kKeyStorePasswordField));
    auto* password = qobject_cast<QLineEdit*>(deployment->fieldEditor(passwordField));
    QVERIFY(password);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    drive::screenshot(wizard, QStringLiteral("wizard-%1-deployment").arg(serverType));
    wizard->reject();
}

// SFTP delivers files to the agentless server: that host is required, the endpoint is not (the untouched default
// 127.0.0.1 is cleared; the files are then proven by reading them back).
void TestWizardServerSecrets::sftpNeedsItsHostButNoEndpoint()
{
    ProvisioningWizard* wizard = drive::open(m_fixture.window(), 0);
    QVERIFY(wizard);
    ui::DeploymentDetailsPage* deployment = wizard->deploymentPage();
    QVERIFY(drive::setField(deployment, QStringLiteral("serverType"), QStringLiteral("sftp")));
    auto* endpoint = test::child<QLineEdit>(deployment, "endpointHost");
    QVERIFY(endpoint);
    QVERIFY(endpoint->text().isEmpty());
    QVERIFY(drive::setField(deployment, QStringLiteral("field_remoteDirectory"), QStringLiteral("/srv/certs")));
    QVERIFY(!drive::next(wizard));
    QVERIFY2(drive::allMessages(deployment).contains(QLatin1String("SFTP delivers the files to another host")),
             qPrintable(drive::allMessages(deployment)));
    QVERIFY(drive::setField(deployment, QStringLiteral("agentlessServer"), QStringLiteral("files01.example.com")));
    drive::screenshot(wizard, QStringLiteral("wizard-sftp-deployment"));
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(deployment)));
    wizard->reject();
}

QTEST_MAIN(TestWizardServerSecrets)
#include "TestWizardServerSecrets.moc"
