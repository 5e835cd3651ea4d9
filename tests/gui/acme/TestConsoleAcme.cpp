// The ACME parts wired into the console window over the real engine: CA > Add ACME Connector opens the dialog on the
// injected AcmeAdmin and reports the new connector in the status bar; without an AcmeAdmin the actions are off; and
// "Validation Done" in the details pane reaches the real LifecycleService, whose refusal is shown.
#include "engine/jobs/ManualValidation.h"
#include "tests/gui/acme/FakeAcmeAdmin.h"
#include "tests/gui/console/ConsoleFixture.h"
#include "ui/CertificateDetailsPane.h"
#include "ui/MainWindow.h"
#include "ui/ValidationPanel.h"
#include "ui/dialogs/AcmeConnectorDialog.h"
#include "ui/dialogs/AcmeConnectorsDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace certdeck;

class TestConsoleAcme : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void addAcmeConnectorReportsTheNewConnector();
    void withoutAcmeAdminTheActionsAreOff();
    void validationDoneReachesTheEngine();

private:
    std::unique_ptr<test::ConsoleFixture> m_fixture;
};

void TestConsoleAcme::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_fixture = std::make_unique<test::ConsoleFixture>();
    QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
}

void TestConsoleAcme::addAcmeConnectorReportsTheNewConnector()
{
    test::FakeAcmeAdmin admin;
    ui::UiServices services = m_fixture->services();
    services.acmeAdmin = &admin;
    ui::MainWindow window(services);
    window.show();
    QVERIFY(window.addAcmeConnectorAction()->isEnabled());
    QVERIFY(window.acmeConnectorsAction()->isEnabled());

    window.addAcmeConnectorAction()->trigger();
    ui::AcmeConnectorDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ui::AcmeConnectorDialog*>()) && dialog->isVisible());
    dialog->findChild<QCheckBox*>(QStringLiteral("acmeTermsAgreed"))->setChecked(true);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acmeCreate")), Qt::LeftButton);
    QTRY_VERIFY2(window.statusText().contains(QStringLiteral("ACME connector letsencrypt added")),
                 qPrintable(window.statusText()));
    QCOMPARE(admin.specs.size(), 1);
    QCOMPARE(admin.specs.first().directoryUrl, QStringLiteral("https://acme-v02.api.letsencrypt.org/directory"));

    window.acmeConnectorsAction()->trigger();
    ui::AcmeConnectorsDialog* list = nullptr;
    QTRY_VERIFY((list = window.findChild<ui::AcmeConnectorsDialog*>()) && list->isVisible());
    list->reject();
}

void TestConsoleAcme::withoutAcmeAdminTheActionsAreOff()
{
    ui::MainWindow window(m_fixture->services());
    QVERIFY(!window.addAcmeConnectorAction()->isEnabled());
    QVERIFY(!window.acmeConnectorsAction()->isEnabled());
    QVERIFY(window.addAcmeConnectorAction()->statusTip().contains(QStringLiteral("not available")));
}

void TestConsoleAcme::validationDoneReachesTheEngine()
{
    ui::MainWindow window(m_fixture->services());
    QSignalSpy refreshed(&window, &ui::MainWindow::refreshed);
    window.show();
    QTRY_VERIFY(!refreshed.isEmpty()); // the first inventory load would clear what is shown below
    CertificateRecord record;
    record.id = 4242;
    record.commonName = QStringLiteral("shop.example.test");
    window.detailsPane()->setCertificate(record);

    jobs::ManualValidation validation;
    validation.reason = QStringLiteral("DCV is off");
    validation.deadline = QDateTime::currentDateTimeUtc().addDays(1);
    jobs::ManualChallenge challenge;
    challenge.identifier = QStringLiteral("shop.example.test");
    challenge.type = QStringLiteral("dns-01");
    challenge.recordName = QStringLiteral("_acme-challenge.shop.example.test.");
    challenge.recordValue = QStringLiteral("value");
    validation.challenges = {challenge};
    Job job;
    job.id = 987654; // no such job runs in this engine: the engine refuses, and the panel says why
    job.certificateId = record.id;
    job.state = JobState::AwaitingValidation;
    job.result.insert(QStringLiteral("validation"), validation.toJson());
    window.detailsPane()->setJobs({job});
    ui::ValidationPanel* panel = window.detailsPane()->validationPanel();
    QVERIFY(panel->isVisible());

    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("validationDone")), Qt::LeftButton);
    QTRY_VERIFY2(panel->statusText().contains(QStringLiteral("Job #987654 is not waiting for validation")),
                 qPrintable(panel->statusText()));
}

QTEST_MAIN(TestConsoleAcme)
#include "TestConsoleAcme.moc"
