// The wizard's Deployment Type Automatic over the real console (temporary SQLite inventory): the local bot's
// stored scan found nginx serving shop.example.com; Automatic lists it, fills bot, server type, paths and the DCV
// directory; installed-only servers are never offered; no match makes Automatic unavailable with the reason;
// Manual overrides everything.

#include "engine/discovery/DiscoveryTypes.h"
#include "engine/store/BotRepository.h"
#include "tests/gui/wizard/WizardDriver.h"
#include "tests/gui/wizard/WizardFixture.h"
#include "tests/support/WidgetLookup.h"
#include "ui/MainWindow.h"
#include "ui/wizard/DeploymentDetailsPage.h"
#include "ui/wizard/ProvisioningWizard.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLineEdit>
#include <QMenu>
#include <QRadioButton>
#include <QSpinBox>
#include <QTest>

using namespace certdeck;

namespace {

discovery::SystemScan localScan()
{
    discovery::SystemScan scan;
    scan.hostname = QStringLiteral("desk");
    scan.addresses = {QStringLiteral("127.0.0.1"), QStringLiteral("192.0.2.99")};
    scan.scannedAt = QDateTime::currentDateTimeUtc();

    discovery::DetectedServer nginx;
    nginx.serverType = QStringLiteral("nginx");
    nginx.running = true;
    nginx.binary = QStringLiteral("/usr/sbin/nginx");
    nginx.configRoot = QStringLiteral("/etc/nginx/nginx.conf");
    discovery::ConfiguredEndpoint shop;
    shop.address = QStringLiteral("*");
    shop.port = 8443;
    shop.names = {QStringLiteral("shop.example.com"), QStringLiteral("www.shop.example.com")};
    shop.certificatePath = QStringLiteral("/etc/nginx/tls/shop.pem");
    shop.keyPath = QStringLiteral("/etc/nginx/tls/shop.key");
    shop.webRoot = QStringLiteral("/srv/shop");
    shop.source = QStringLiteral("/etc/nginx/sites-enabled/shop:4");
    nginx.config.endpoints = {shop};

    // Installed, configured for the same name, but not running: never a target.
    discovery::DetectedServer apache;
    apache.serverType = QStringLiteral("apache-http");
    apache.running = false;
    apache.configRoot = QStringLiteral("/etc/apache2/apache2.conf");
    discovery::ConfiguredEndpoint vhost = shop;
    vhost.port = 443;
    vhost.certificatePath = QStringLiteral("/etc/ssl/certs/shop.pem");
    apache.config.endpoints = {vhost};

    scan.servers = {apache, nginx};
    return scan;
}

template <typename T>
T* field(ui::ProvisioningWizard* wizard, const char* name)
{
    return test::child<T>(wizard->deploymentPage(), name);
}

QString text(ui::ProvisioningWizard* wizard, const char* name)
{
    auto* edit = field<QLineEdit>(wizard, name);
    return edit ? edit->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
}

} // namespace

class TestWizardAutomatic : public QObject
{
    Q_OBJECT

private:
    test::WizardFixture m_fixture;

    ui::ProvisioningWizard* openWithNames(const QString& commonName)
    {
        ui::ProvisioningWizard* wizard = test::wizard::open(m_fixture.window(), 0);
        if (!wizard) {
            return nullptr;
        }
        wizard->deploymentPage()->setCertificateNames(commonName, {});
        // The bots (with their scans) are read off the GUI thread.
        if (!QTest::qWaitFor(
                [wizard] {
                    return !wizard->deploymentPage()->automaticUnavailableReason().isEmpty() ||
                           !wizard->deploymentPage()->suggestions().isEmpty();
                },
                20000)) {
            qWarning("the wizard never listed the bots");
        }
        return wizard;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture.start();
        store::BotRepository bots(*m_fixture.engine().database);
        Result<Bot> local = bots.ensureLocalBot();
        QVERIFY2(local.ok(), qPrintable(local.message()));
        Bot bot = local.value();
        bot.scan = localScan().toJson();
        bot.scannedAt = QDateTime::currentDateTimeUtc();
        const Status updated = bots.update(bot);
        QVERIFY2(updated.ok(), qPrintable(updated.message()));
    }

    void automaticFillsBotTypeAndPathsFromTheScan()
    {
        ui::ProvisioningWizard* wizard = openWithNames(QStringLiteral("shop.example.com"));
        QVERIFY(wizard);
        ui::DeploymentDetailsPage* page = wizard->deploymentPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->suggestions().size(), 1, 20000); // nginx only: apache is not running
        auto* automatic = field<QRadioButton>(wizard, "deploymentAutomatic");
        QVERIFY(automatic->isEnabled());
        QVERIFY(!automatic->isChecked()); // a new configuration starts Manual
        QComboBox* suggestion = page->suggestionCombo();
        QVERIFY2(suggestion->itemText(0).contains(QStringLiteral("nginx on")) &&
                     suggestion->itemText(0).contains(QStringLiteral("(local bot)")) &&
                     suggestion->itemText(0).contains(QStringLiteral("/etc/nginx/tls/shop.pem")) &&
                     suggestion->itemText(0).contains(QStringLiteral(":8443")),
                 qPrintable(suggestion->itemText(0)));

        automatic->setChecked(true);
        QCOMPARE(field<QComboBox>(wizard, "serverType")->currentData().toString(), QStringLiteral("nginx"));
        QCOMPARE(field<QComboBox>(wizard, "provisionBot")->currentIndex(), 0); // the local bot
        QCOMPARE(text(wizard, "field_certificateFile"), QStringLiteral("/etc/nginx/tls/shop.pem"));
        QCOMPARE(text(wizard, "field_keyFile"), QStringLiteral("/etc/nginx/tls/shop.key"));
        QCOMPARE(text(wizard, "field_configFile"), QStringLiteral("/etc/nginx/nginx.conf"));
        QCOMPARE(text(wizard, "field_nginxBinary"), QStringLiteral("/usr/sbin/nginx"));
        QCOMPARE(field<QSpinBox>(wizard, "endpointPort")->value(), 8443);
        QCOMPARE(test::child<QLineEdit>(wizard, "dcvPath")->text(), QStringLiteral("/srv/shop"));
        // Detected values are read-only under Automatic.
        QVERIFY(!field<QComboBox>(wizard, "serverType")->isEnabled());
        QVERIFY(!field<QGroupBox>(wizard, "serverFields")->isEnabled());
        QVERIFY(page->isComplete());
        ProvisioningConfig config = wizard->config();
        QCOMPARE(config.deploymentType, DeploymentType::Automatic);
        QCOMPARE(config.serverType, QStringLiteral("nginx"));
        QCOMPARE(config.serverFields.value(QStringLiteral("certificateFile")).toString(),
                 QStringLiteral("/etc/nginx/tls/shop.pem"));
        test::wizard::screenshot(wizard, QStringLiteral("s8-wizard-automatic"));

        // Manual overrides everything.
        field<QRadioButton>(wizard, "deploymentManual")->setChecked(true);
        QVERIFY(field<QGroupBox>(wizard, "serverFields")->isEnabled());
        QVERIFY(test::wizard::setField(page, QStringLiteral("field_certificateFile"),
                                       QStringLiteral("/etc/nginx/tls/other.pem")));
        config = wizard->config();
        QCOMPARE(config.deploymentType, DeploymentType::Manual);
        QCOMPARE(config.serverFields.value(QStringLiteral("certificateFile")).toString(),
                 QStringLiteral("/etc/nginx/tls/other.pem"));
        wizard->reject();
    }

    void noSuggestionMakesAutomaticUnavailableAndSaysWhy()
    {
        ui::ProvisioningWizard* wizard = openWithNames(QStringLiteral("other.example.org"));
        QVERIFY(wizard);
        ui::DeploymentDetailsPage* page = wizard->deploymentPage();
        QTRY_VERIFY_WITH_TIMEOUT(!page->automaticUnavailableReason().isEmpty(), 20000);
        QVERIFY(page->suggestions().isEmpty());
        QVERIFY(!field<QRadioButton>(wizard, "deploymentAutomatic")->isEnabled());
        QVERIFY(field<QRadioButton>(wizard, "deploymentManual")->isChecked());
        const QString hint = test::shownMessage(page, "automaticHint");
        QVERIFY2(hint.contains(QStringLiteral("No bot's scan found a running server for other.example.org")) &&
                     hint.contains(QStringLiteral("use Manual")) && hint.contains(QStringLiteral("apache-http on")),
                 qPrintable(hint));
        test::wizard::screenshot(wizard, QStringLiteral("s8-wizard-automatic-none"));
        wizard->reject();
    }

    void viewMenuOpensTheBotsDock()
    {
        auto* action = m_fixture.window().findChild<QAction*>(QStringLiteral("actionBotsView"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+B")));
        auto* view = m_fixture.window().findChild<QMenu*>(QStringLiteral("menuView"));
        QVERIFY(view && view->actions().contains(action));
        auto* dock = m_fixture.window().findChild<QDockWidget*>(QStringLiteral("botsDock"));
        QVERIFY(dock);
        QVERIFY(!dock->isVisible());
        action->trigger();
        QTRY_VERIFY(dock->isVisible());
        // No other action of the window uses the shortcut.
        int users = 0;
        for (QAction* other : m_fixture.window().findChildren<QAction*>()) {
            users += other->shortcuts().contains(action->shortcut()) ? 1 : 0;
        }
        QCOMPARE(users, 1);
        test::wizard::screenshot(&m_fixture.window(), QStringLiteral("s8-main-bots-dock"));
        action->trigger();
        QTRY_VERIFY(!dock->isVisible());
    }

    void cleanupTestCase() {}
};

QTEST_MAIN(TestWizardAutomatic)
#include "TestWizardAutomatic.moc"
