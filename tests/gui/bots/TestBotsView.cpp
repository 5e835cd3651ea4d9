// The Bots view over the real engine (BotService on a temporary SQLite inventory): bots and agentless targets with
// stored scans are listed with their state; running and installed-only servers are shown as such; Remove asks,
// naming the bot, and removes it. The Add SSH Bot dialog's field messages and the host key dialog's texts.

#include "app/common/Engine.h"
#include "engine/bots/BotService.h"
#include "engine/discovery/DiscoveryTypes.h"
#include "engine/store/BotRepository.h"
#include "tests/gui/wizard/WizardDriver.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WidgetLookup.h"
#include "ui/BotsView.h"
#include "ui/dialogs/AddBotDialog.h"
#include "ui/dialogs/HostKeyDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace certdeck;

namespace {

discovery::SystemScan webScan()
{
    discovery::SystemScan scan;
    scan.hostname = QStringLiteral("web01");
    scan.addresses = {QStringLiteral("192.0.2.10")};
    scan.os = QStringLiteral("Debian GNU/Linux 12 (bookworm)");
    scan.scannedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);

    discovery::DetectedServer nginx;
    nginx.serverType = QStringLiteral("nginx");
    nginx.running = true;
    nginx.binary = QStringLiteral("/usr/sbin/nginx");
    nginx.version = QStringLiteral("1.22.1");
    nginx.configRoot = QStringLiteral("/etc/nginx/nginx.conf");
    nginx.listeningPorts = {80, 443};
    discovery::ConfiguredEndpoint www;
    www.address = QStringLiteral("*");
    www.port = 443;
    www.names = {QStringLiteral("www.example.com")};
    www.certificatePath = QStringLiteral("/etc/nginx/tls/www.pem");
    www.keyPath = QStringLiteral("/etc/nginx/tls/www.key");
    www.webRoot = QStringLiteral("/srv/www");
    www.source = QStringLiteral("/etc/nginx/sites-enabled/www:3");
    nginx.config.endpoints = {www};

    discovery::DetectedServer jetty;
    jetty.serverType = QStringLiteral("jetty");
    jetty.running = false;
    jetty.binary = QStringLiteral("/usr/share/jetty9/bin/jetty.sh");
    jetty.version = QStringLiteral("9.4.50");
    jetty.configRoot = QStringLiteral("/etc/jetty9");

    scan.servers = {nginx, jetty};
    return scan;
}

} // namespace

class TestBotsView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<app::Engine> m_engine;
    qint64 m_web01 = 0;
    qint64 m_target = 0;

    Bot insertBot(const QString& name, BotRole role, const QString& host, bool pinned, const QJsonObject& scan)
    {
        Bot bot;
        bot.name = name;
        bot.transport = BotTransportKind::Ssh;
        bot.host = host;
        bot.port = 2222;
        bot.user = QStringLiteral("deploy");
        bot.auth = SshAuthMethod::Key;
        bot.role = role;
        bot.hostKeyFingerprint =
            pinned ? QStringLiteral("SHA256:AAAAbbbbCCCCddddEEEEffffGGGGhhhhIIIIjjjjKKK") : QString();
        bot.scan = scan;
        bot.scannedAt = scan.isEmpty() ? QDateTime() : QDateTime::currentDateTimeUtc().addSecs(-3600);
        bot.botVersion = scan.isEmpty() ? QString() : QStringLiteral("0.8.0");
        const Result<qint64> id = store::BotRepository(*m_engine->database).insert(bot);
        if (!id.ok()) {
            qWarning("%s", qPrintable(id.message()));
        }
        return bot;
    }

    int rowOf(ui::BotsView& view, const QString& name)
    {
        for (int row = 0; row < view.table()->model()->rowCount(); ++row) {
            if (view.table()->model()->index(row, 0).data().toString() == name) {
                return row;
            }
        }
        return -1;
    }

    QString cell(ui::BotsView& view, const QString& name, int column)
    {
        const int row = rowOf(view, name);
        return row < 0 ? QString() : view.table()->model()->index(row, column).data().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        app::EngineOptions options;
        options.databaseUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
        options.actor = QStringLiteral("operator:bots-view-test");
        options.botBinary = test::botBinary();
        options.botArguments = {QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("bot-state"))};
        options.secretService = QStringLiteral("CertDeckBotsViewTest");
        auto engine = app::openEngine(options);
        QVERIFY2(engine.ok(), qPrintable(engine.message()));
        m_engine = std::move(engine.value());
        QVERIFY(m_engine->bots);
        m_web01 = insertBot(QStringLiteral("web01"), BotRole::Bot, QStringLiteral("web01.example.com"), true,
                            webScan().toJson())
                      .id;
        m_target = insertBot(QStringLiteral("db02 (agentless)"), BotRole::AgentlessTarget, QStringLiteral("192.0.2.30"),
                             false, {})
                       .id;
        QVERIFY(m_web01 > 0 && m_target > 0);
    }

    void listsBotsWithStateAndDetectedServers()
    {
        ui::BotsView view(m_engine->bots.get());
        view.resize(1200, 500);
        view.show();
        view.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(view, QStringLiteral("web01")) >= 0, 20000);
        QVERIFY(rowOf(view, QStringLiteral("db02 (agentless)")) >= 0);

        QCOMPARE(cell(view, QStringLiteral("web01"), 1), QStringLiteral("Bot"));
        QCOMPARE(cell(view, QStringLiteral("web01"), 2), QStringLiteral("SSH"));
        QCOMPARE(cell(view, QStringLiteral("web01"), 3), QStringLiteral("web01.example.com:2222"));
        QCOMPARE(cell(view, QStringLiteral("web01"), 4), QStringLiteral("deploy"));
        QCOMPARE(cell(view, QStringLiteral("web01"), 5), QStringLiteral("0.8.0"));
        QCOMPARE(cell(view, QStringLiteral("web01"), 8), QStringLiteral("1")); // nginx runs, jetty does not
        QCOMPARE(cell(view, QStringLiteral("db02 (agentless)"), 1), QStringLiteral("Agentless target"));
        QCOMPARE(cell(view, QStringLiteral("db02 (agentless)"), 6), QStringLiteral("Host key not confirmed"));
        QCOMPARE(cell(view, QStringLiteral("db02 (agentless)"), 7), QStringLiteral("not scanned"));

        view.selectBot(m_web01);
        QTreeWidget* servers = view.serverTree();
        QCOMPARE(servers->topLevelItemCount(), 2);
        QTreeWidgetItem* nginx = servers->topLevelItem(0);
        QTreeWidgetItem* jetty = servers->topLevelItem(1);
        QCOMPARE(nginx->text(0), QStringLiteral("nginx"));
        QCOMPARE(nginx->text(1), QStringLiteral("running"));
        QCOMPARE(nginx->text(2), QStringLiteral("1.22.1"));
        QCOMPARE(nginx->text(4), QStringLiteral("/etc/nginx/nginx.conf"));
        QCOMPARE(nginx->text(5), QStringLiteral("80, 443"));
        QCOMPARE(jetty->text(0), QStringLiteral("jetty"));
        QVERIFY2(jetty->text(1).contains(QStringLiteral("not a target: not running")), qPrintable(jetty->text(1)));
        QVERIFY(jetty->foreground(0).color() != nginx->foreground(0).color()); // greyed
        QCOMPARE(jetty->foreground(0).color(), view.palette().color(QPalette::Disabled, QPalette::Text));

        // The running server's endpoint with its paths and the suggested DCV path.
        servers->setCurrentItem(nginx);
        QCOMPARE(view.endpointTree()->topLevelItemCount(), 1);
        QTreeWidgetItem* endpoint = view.endpointTree()->topLevelItem(0);
        QCOMPARE(endpoint->text(0), QStringLiteral("*:443"));
        QCOMPARE(endpoint->text(1), QStringLiteral("www.example.com"));
        QCOMPARE(endpoint->text(2), QStringLiteral("/etc/nginx/tls/www.pem"));
        QCOMPARE(endpoint->text(3), QStringLiteral("/etc/nginx/tls/www.key"));
        QCOMPARE(endpoint->text(4), QStringLiteral("/srv/www/.well-known/pki-validation"));

        // Actions follow the selection: an agentless target is neither installed nor scanned.
        QVERIFY(view.installAction()->isEnabled());
        QVERIFY(view.rescanAction()->isEnabled());
        view.selectBot(m_target);
        QVERIFY(!view.installAction()->isEnabled());
        QVERIFY(!view.rescanAction()->isEnabled());
        QVERIFY(view.testAction()->isEnabled());
        QVERIFY(view.removeAction()->isEnabled());
        test::wizard::screenshot(&view, QStringLiteral("s8-bots-view"));
    }

    void addSshBotDialogSaysWhatToEnter()
    {
        ui::AddBotDialog dialog(BotRole::Bot);
        dialog.show();
        QVERIFY(!dialog.isInputValid());
        QCOMPARE(test::child<QSpinBox>(&dialog, "botPort")->value(), 22);
        // Nothing edited yet: no message shouts; OK shows all of them.
        QVERIFY(test::shownMessage(&dialog, "botHostMessage").isEmpty());
        QVERIFY(!dialog.validateAll());
        QVERIFY2(test::shownMessage(&dialog, "botNameMessage").contains(QStringLiteral("Name: enter a name")),
                 qPrintable(test::shownMessage(&dialog, "botNameMessage")));
        QVERIFY(test::shownMessage(&dialog, "botUserMessage").contains(QStringLiteral("e.g. deploy")));
        QVERIFY(test::shownMessage(&dialog, "keyFileMessage").contains(QStringLiteral("Key file: choose")));

        test::child<QLineEdit>(&dialog, "botName")->setText(QStringLiteral("web01"));
        test::child<QLineEdit>(&dialog, "botHost")->setText(QStringLiteral("web 01;$(reboot)"));
        QVERIFY2(test::shownMessage(&dialog, "botHostMessage").contains(QStringLiteral("is not a host name or IP")),
                 qPrintable(test::shownMessage(&dialog, "botHostMessage")));
        test::child<QLineEdit>(&dialog, "botHost")->setText(QStringLiteral("*.example.com"));
        QVERIFY(!test::shownMessage(&dialog, "botHostMessage").isEmpty());
        test::child<QLineEdit>(&dialog, "botHost")->setText(QStringLiteral("192.0.2.10"));
        QVERIFY(test::shownMessage(&dialog, "botHostMessage").isEmpty());
        test::child<QLineEdit>(&dialog, "botUser")->setText(QStringLiteral("root`id`"));
        QVERIFY2(test::shownMessage(&dialog, "botUserMessage").contains(QStringLiteral("is not a login name")),
                 qPrintable(test::shownMessage(&dialog, "botUserMessage")));
        test::child<QLineEdit>(&dialog, "botUser")->setText(QStringLiteral("deploy"));
        const QString missing = m_dir.filePath(QStringLiteral("no-such-key"));
        test::child<QLineEdit>(&dialog, "keyFile")->setText(missing);
        QVERIFY2(test::shownMessage(&dialog, "keyFileMessage").contains(missing + QStringLiteral(" does not exist")),
                 qPrintable(test::shownMessage(&dialog, "keyFileMessage")));
        test::child<QLineEdit>(&dialog, "installPath")->setText(QStringLiteral("bin/certdeck-bot"));
        QVERIFY(
            test::shownMessage(&dialog, "installPathMessage").contains(QStringLiteral("~/.local/bin/certdeck-bot")));
        test::child<QLineEdit>(&dialog, "installPath")->clear();

        // Password authentication: the key file no longer matters, an empty password does.
        test::child<QRadioButton>(&dialog, "authPassword")->setChecked(true);
        QVERIFY(test::shownMessage(&dialog, "keyFileMessage").isEmpty());
        QVERIFY2(test::shownMessage(&dialog, "passwordMessage").contains(QStringLiteral("password of deploy")),
                 qPrintable(test::shownMessage(&dialog, "passwordMessage")));
        test::child<QLineEdit>(&dialog, "password")->setText(QStringLiteral("s3cret pass"));
        QVERIFY(dialog.isInputValid());

        const Result<bots::SshBotRequest> request = dialog.takeRequest();
        QVERIFY2(request.ok(), qPrintable(request.message()));
        QCOMPARE(request->name, QStringLiteral("web01"));
        QCOMPARE(request->endpoint.host, QStringLiteral("192.0.2.10"));
        QCOMPARE(request->endpoint.port, 22);
        QCOMPARE(request->endpoint.user, QStringLiteral("deploy"));
        QCOMPARE(request->auth, SshAuthMethod::Password);
        QCOMPARE(request->password, QByteArray("s3cret pass"));
        QVERIFY(request->privateKey.isEmpty());
        // The secret is not kept in the dialog once taken.
        QVERIFY(test::child<QLineEdit>(&dialog, "password")->text().isEmpty());
    }

    void hostKeyDialogFirstContactAndChangedKey()
    {
        const QString offered = QStringLiteral("SHA256:n3wK3yF1ngerpr1ntXXXXXXXXXXXXXXXXXXXXXXXXXX");
        const QString pinned = QStringLiteral("SHA256:0ldK3yF1ngerpr1ntYYYYYYYYYYYYYYYYYYYYYYYYYY");
        ui::HostKeyDialog first(QStringLiteral("web01"), QStringLiteral("deploy@web01:22"),
                                QStringLiteral("ssh-ed25519"), offered);
        first.show();
        QVERIFY(!first.isChangedKey());
        QVERIFY2(first.text().contains(offered), qPrintable(first.text()));
        QVERIFY(first.text().contains(QStringLiteral("ssh-ed25519")));
        QVERIFY(first.text().contains(QStringLiteral("deploy@web01:22")));
        QVERIFY(first.text().contains(QStringLiteral("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub")));
        QCOMPARE(first.trustButton()->text().remove(QLatin1Char('&')), QStringLiteral("Trust This Key"));
        QVERIFY(first.trustButton()->isEnabled());
        QVERIFY(!first.trustButton()->isDefault());
        QVERIFY(test::child<QPushButton>(&first, "cancelButton")->isDefault());
        QTest::keyClick(&first, Qt::Key_Return); // Enter cancels
        QCOMPARE(first.result(), int(QDialog::Rejected));
        QCOMPARE(ui::HostKeyDialog::hostKeyFile(QStringLiteral("ecdsa-sha2-nistp256")),
                 QStringLiteral("/etc/ssh/ssh_host_ecdsa_key.pub"));

        ui::HostKeyDialog changed(QStringLiteral("web01"), QStringLiteral("deploy@web01:22"),
                                  QStringLiteral("ssh-ed25519"), offered, pinned);
        changed.show();
        QVERIFY(changed.isChangedKey());
        QVERIFY(changed.text().contains(offered));
        QVERIFY(changed.text().contains(pinned));
        QVERIFY2(changed.text().contains(QStringLiteral("CHANGED")), qPrintable(changed.text()));
        QVERIFY(!changed.trustButton()->isEnabled()); // no one-click trust
        QVERIFY(changed.verifiedCheck());
        QVERIFY(changed.verifiedCheck()
                    ->text()
                    .remove(QLatin1Char('&'))
                    .contains(QStringLiteral("I have verified the new key")));
        changed.verifiedCheck()->setChecked(true);
        QVERIFY(changed.trustButton()->isEnabled());
        QVERIFY(!changed.trustButton()->isDefault());
    }

    void removeAsksNamingTheBotThenRemoves()
    {
        ui::BotsView view(m_engine->bots.get());
        view.resize(1000, 400);
        view.show();
        view.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(view, QStringLiteral("db02 (agentless)")) >= 0, 20000);
        view.selectBot(m_target);
        view.table()->setFocus();

        const auto confirmation = [&view]() -> QMessageBox* {
            return view.findChild<QMessageBox*>(QStringLiteral("removeBotConfirmation"));
        };
        // Delete on the table asks; Cancel keeps the entry.
        QTest::keyClick(view.table(), Qt::Key_Delete);
        QTRY_VERIFY(confirmation() && confirmation()->isVisible());
        QVERIFY2(confirmation()->text().contains(QStringLiteral("\"db02 (agentless)\"")) &&
                     confirmation()->text().contains(QStringLiteral("deploy@192.0.2.30:2222")),
                 qPrintable(confirmation()->text()));
        QVERIFY(confirmation()->defaultButton() !=
                confirmation()->findChild<QPushButton*>(QStringLiteral("confirmRemoveButton")));
        confirmation()->defaultButton()->click();
        QTRY_VERIFY(!confirmation());
        auto kept = store::BotRepository(*m_engine->database).find(m_target);
        QVERIFY(kept.ok() && kept.value().has_value());

        // Remove… and confirm: gone from the view and the inventory.
        QSignalSpy refreshed(&view, &ui::BotsView::refreshed);
        view.removeAction()->trigger();
        QTRY_VERIFY(confirmation() && confirmation()->isVisible());
        confirmation()->findChild<QPushButton*>(QStringLiteral("confirmRemoveButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(view, QStringLiteral("db02 (agentless)")) < 0, 20000);
        QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
        const auto gone = store::BotRepository(*m_engine->database).find(m_target);
        QVERIFY(gone.ok() && !gone.value().has_value());
        QVERIFY(rowOf(view, QStringLiteral("web01")) >= 0);
    }

    // View > Bots brings the Bots tab to the front of the dock tab group it shares with Expiry Overview.
    void viewMenuBringsTheBotsTabToTheFront()
    {
        QMainWindow window;
        window.setCentralWidget(new QWidget(&window));
        auto* expiry = new QDockWidget(QStringLiteral("Expiry Overview"), &window);
        expiry->setObjectName(QStringLiteral("expiryDock"));
        expiry->setWidget(new QWidget(expiry));
        window.addDockWidget(Qt::BottomDockWidgetArea, expiry);
        QMenu viewMenu;
        ui::BotsView* view = ui::BotsView::install(&window, m_engine->bots.get(), &viewMenu);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("botsDock"));
        QVERIFY(dock && view);
        QVERIFY(!dock->isVisible());
        QAction* toggle = window.findChild<QAction*>(QStringLiteral("actionBotsView"));
        QVERIFY(toggle);
        toggle->trigger();
        QTRY_VERIFY(!view->visibleRegion().isEmpty()); // its tab is the current one, not hidden behind the chart
        QVERIFY(expiry->widget()->visibleRegion().isEmpty());
    }

    void cleanupTestCase() { m_engine.reset(); }
};

QTEST_MAIN(TestBotsView)
#include "TestBotsView.moc"
