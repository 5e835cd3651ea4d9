// The dashboard's lifecycle actions ([1]-[8] of the spec) in the console, over the real engine: a temporary SQLite
// inventory, the real LifecycleService, the local certdeck-bot and a real built-in CA.

#include "engine/domain/ActionAvailability.h"
#include "engine/domain/Bot.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/ProvisioningConfigRepository.h"
#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"
#include "tests/gui/console/ConsoleFixture.h"
#include "tests/support/WaitFor.h"
#include "ui/CertificateDetailsPane.h"
#include "ui/DashboardWidget.h"
#include "ui/DisplayNames.h"
#include "ui/LifecycleActions.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/DeleteCertificateDialog.h"
#include "ui/dialogs/RevokeCertificateDialog.h"

#include <QCheckBox>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace certdeck;
using models::CertificateTableModel;

namespace {

const QString kCaName = QStringLiteral("actions-ca");

// Every dashboard action by its object name, in the menu's order.
const QStringList kActionNames{QStringLiteral("actionInitiate"),       QStringLiteral("actionOrder"),
                               QStringLiteral("actionDeploy"),         QStringLiteral("actionDelete"),
                               QStringLiteral("actionRecheckPinning"), QStringLiteral("actionRotate"),
                               QStringLiteral("actionRekey"),          QStringLiteral("actionRevoke"),
                               QStringLiteral("actionSuspend"),        QStringLiteral("actionResume")};

} // namespace

class TestConsoleActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void actionsAreInTheMenusToolbarAndContextMenu();
    void shortcutsDoNotClash();
    void eachActionIsEnabledOnlyWhereItFits_data();
    void eachActionIsEnabledOnlyWhereItFits();
    void cancellingAConfirmationRunsNothing();
    void deleteRemovesOnlyTheInventoryEntry();
    void orderIssuesFromTheBuiltInCaAndRevokeRevokes();

private:
    struct Seed
    {
        QString commonName;
        CertificateStatus status = CertificateStatus::Discovered;
        bool configured = false;
        bool material = false;
        int daysLeft = 200;
        QString source = QStringLiteral("import:/tmp/seed.pem");
        bool runningJob = false;
    };
    qint64 seed(const Seed& seed);
    std::unique_ptr<ui::MainWindow> openWindow();
    // Selects the certificate and waits until the actions know its configuration and jobs.
    bool selectAndSettle(ui::MainWindow& window, qint64 certificateId);
    QAction* action(ui::MainWindow& window, const QString& name);
    QString statusCell(ui::MainWindow& window, qint64 certificateId);
    template <typename T>
    T* waitForDialog(ui::MainWindow& window, const QString& name);

    std::unique_ptr<test::ConsoleFixture> m_fixture;
    std::shared_ptr<store::Database> m_db; // the test's own connection to the console's inventory (seeding)
    QHash<QString, qint64> m_seeded;
};

void TestConsoleActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_fixture = std::make_unique<test::ConsoleFixture>();
    QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
    auto db = store::Database::open(m_fixture->databaseUrl());
    QVERIFY2(db.ok(), qPrintable(db.message()));
    m_db = db.value();

    // The built-in CA, created the way the operator does it (CA > Create Built-in CA).
    auto window = openWindow();
    ca::LocalCaSpec spec;
    spec.name = kCaName;
    spec.commonName = QStringLiteral("Actions Test Root CA");
    spec.keyAlgorithm = QStringLiteral("EC");
    spec.keySize = 256;
    QSignalSpy errors(window.get(), &ui::MainWindow::errorShown);
    window->createLocalCa(spec);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || m_fixture->cas().find(QStringLiteral("localca"), kCaName), 60000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().first().toString()));

    // One certificate per state the dashboard distinguishes.
    const QString issuedHere = QStringLiteral("localca:") + kCaName;
    m_seeded.insert(QStringLiteral("discovered"),
                    seed({QStringLiteral("discovered.actions.test"), CertificateStatus::Discovered, false, true}));
    m_seeded.insert(QStringLiteral("managed"),
                    seed({QStringLiteral("managed.actions.test"), CertificateStatus::Managed, true, false}));
    m_seeded.insert(QStringLiteral("issued"), seed({QStringLiteral("issued.actions.test"), CertificateStatus::Issued,
                                                    true, true, 200, issuedHere}));
    m_seeded.insert(QStringLiteral("deployed"), seed({QStringLiteral("deployed.actions.test"),
                                                      CertificateStatus::Deployed, true, true, 200, issuedHere}));
    m_seeded.insert(QStringLiteral("revoked"), seed({QStringLiteral("revoked.actions.test"), CertificateStatus::Revoked,
                                                     true, true, 200, issuedHere}));
    m_seeded.insert(QStringLiteral("suspended"), seed({QStringLiteral("suspended.actions.test"),
                                                       CertificateStatus::Suspended, true, true, 200, issuedHere}));
    m_seeded.insert(QStringLiteral("expired"), seed({QStringLiteral("expired.actions.test"),
                                                     CertificateStatus::Deployed, true, true, -3, issuedHere}));
    m_seeded.insert(QStringLiteral("running"), seed({QStringLiteral("running.actions.test"), CertificateStatus::Issued,
                                                     true, true, 200, issuedHere, true}));
    for (auto it = m_seeded.cbegin(); it != m_seeded.cend(); ++it) {
        QVERIFY2(it.value() > 0, qPrintable(it.key()));
    }
}

qint64 TestConsoleActions::seed(const Seed& seed)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    CertificateRecord record;
    record.commonName = seed.commonName;
    record.sans = {seed.commonName};
    record.subject = QStringLiteral("CN=") + seed.commonName;
    record.status = seed.status;
    record.source = seed.source;
    record.updatedAt = now;
    if (seed.material) {
        record.issuer = QStringLiteral("CN=Actions Test Issuing CA");
        record.fingerprintSha256 =
            QString::fromLatin1(QCryptographicHash::hash(seed.commonName.toUtf8(), QCryptographicHash::Sha256).toHex());
        record.serialHex = record.fingerprintSha256.left(16);
        record.notBefore = now.addDays(-30);
        record.notAfter = now.addDays(seed.daysLeft);
        record.keyAlgorithm = QStringLiteral("EC");
        record.keyBits = 256;
        record.signatureAlgorithm = QStringLiteral("ecdsa-with-SHA256");
        record.keyId = QStringLiteral("key-") + record.serialHex;
    }
    auto id = store::CertificateRepository(*m_db).insert(record);
    if (!id.ok()) {
        qWarning("seeding %s: %s", qPrintable(seed.commonName), qPrintable(id.message()));
        return 0;
    }
    if (seed.configured) {
        auto bot = store::BotRepository(*m_db).ensureLocalBot();
        if (!bot.ok()) {
            qWarning("local bot: %s", qPrintable(bot.message()));
            return 0;
        }
        ProvisioningConfig config;
        config.botId = bot->id;
        config.commonName = seed.commonName;
        config.sans = {seed.commonName};
        config.caType = QStringLiteral("localca");
        config.caConnectorName = kCaName;
        config.keyAlgorithm = QStringLiteral("EC");
        config.keySize = 256;
        config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
        if (auto saved = store::ProvisioningConfigRepository(*m_db).save(id.value(), config); !saved.ok()) {
            qWarning("config of %s: %s", qPrintable(seed.commonName), qPrintable(saved.message()));
            return 0;
        }
        // Saving moved a Discovered certificate to Managed; the seed's status is what the test needs.
        (void)store::CertificateRepository(*m_db).setStatus(id.value(), seed.status);
    }
    if (seed.runningJob) {
        // A deployment waiting to be retried tomorrow: unfinished, so nothing else may start meanwhile.
        Job job;
        job.certificateId = id.value();
        job.action = JobAction::Deploy;
        job.state = JobState::Queued;
        job.startedBy = QStringLiteral("operator:gui-test");
        job.notBefore = now.addDays(1);
        job.createdAt = now;
        if (auto created = store::JobRepository(*m_db).create(job); !created.ok()) {
            qWarning("job of %s: %s", qPrintable(seed.commonName), qPrintable(created.message()));
            return 0;
        }
    }
    return id.value();
}

std::unique_ptr<ui::MainWindow> TestConsoleActions::openWindow()
{
    auto window = std::make_unique<ui::MainWindow>(m_fixture->services());
    window->resize(1300, 800);
    QSignalSpy refreshed(window.get(), &ui::MainWindow::refreshed);
    window->show();
    if (!refreshed.wait(30000)) {
        qWarning("the inventory was not shown");
    }
    return window;
}

bool TestConsoleActions::selectAndSettle(ui::MainWindow& window, qint64 certificateId)
{
    window.dashboard()->selectCertificate(certificateId);
    if (window.dashboard()->currentCertificateId() != certificateId) {
        qWarning("certificate %lld is not in the table", certificateId);
        return false;
    }
    return QTest::qWaitFor(
        [&] {
            bool known = false;
            window.lifecycleActions()->contextFor(certificateId, &known);
            return known;
        },
        30000);
}

QAction* TestConsoleActions::action(ui::MainWindow& window, const QString& name)
{
    auto* found = window.findChild<QAction*>(name);
    if (!found) {
        qWarning("no action %s", qPrintable(name));
    }
    return found;
}

QString TestConsoleActions::statusCell(ui::MainWindow& window, qint64 certificateId)
{
    auto* model = window.dashboard()->model();
    const int row = model->rowOf(certificateId);
    return row < 0 ? QString() : model->index(row, CertificateTableModel::Status).data().toString();
}

template <typename T>
T* TestConsoleActions::waitForDialog(ui::MainWindow& window, const QString& name)
{
    T* dialog = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            dialog = window.findChild<T*>(name);
            return dialog && dialog->isVisible();
        },
        10000);
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

void TestConsoleActions::actionsAreInTheMenusToolbarAndContextMenu()
{
    auto window = openWindow();
    // Certificate menu: every action, in the spec's order.
    QMenu* certificateMenu = nullptr;
    for (QAction* top : window->menuBar()->actions()) {
        if (top->menu() && top->text().remove(QLatin1Char('&')) == QStringLiteral("Certificate")) {
            certificateMenu = top->menu();
        }
    }
    QVERIFY(certificateMenu);
    QStringList inCertificateMenu;
    for (QAction* entry : certificateMenu->actions()) {
        if (kActionNames.contains(entry->objectName())) {
            inCertificateMenu.append(entry->objectName());
        }
    }
    QCOMPARE(inCertificateMenu, kActionNames);
    QVERIFY(!window->findChild<QAction*>(QStringLiteral("actionIssue"))); // replaced by Order

    // The toolbar's "Action" drop-down opens the same menu.
    auto* button = window->findChild<QToolButton*>(QStringLiteral("actionMenuButton"));
    QVERIFY(button && button->isVisible());
    QCOMPARE(button->menu(), window->lifecycleActions()->menu());
    QStringList inMenu;
    for (QAction* entry : button->menu()->actions()) {
        if (!entry->isSeparator()) {
            inMenu.append(entry->objectName());
        }
    }
    QCOMPARE(inMenu, kActionNames);

    // Right click on a row selects it and opens the Action menu for it.
    const qint64 managed = m_seeded.value(QStringLiteral("managed"));
    QTableView* view = window->dashboard()->view();
    const QModelIndex source = window->dashboard()->model()->index(window->dashboard()->model()->rowOf(managed), 0);
    const QModelIndex index = window->dashboard()->proxy()->mapFromSource(source);
    QVERIFY(index.isValid());
    view->scrollTo(index);
    const QPoint at = view->visualRect(index).center();
    QVERIFY(view->contextMenuPolicy() == Qt::CustomContextMenu);
    Q_EMIT view->customContextMenuRequested(at);
    QCOMPARE(window->dashboard()->currentCertificateId(), managed);
    QTRY_VERIFY(window->lifecycleActions()->menu()->isVisible());
    // CERTDECK_ACTIONS_SHOT=<file>: keep the menu open (up to a minute) until <file> exists, for a screenshot of
    // the running test under Xvfb (import -window root), then go on.
    if (const QString shot = qEnvironmentVariable("CERTDECK_ACTIONS_SHOT"); !shot.isEmpty()) {
        (void)QTest::qWaitFor([&] { return QFile::exists(shot); }, 60000);
    }
    window->lifecycleActions()->menu()->close();
}

void TestConsoleActions::shortcutsDoNotClash()
{
    auto window = openWindow();
    const QList<QAction*> all = window->findChildren<QAction*>();
    const QStringList withShortcut{QStringLiteral("actionInitiate"),       QStringLiteral("actionOrder"),
                                   QStringLiteral("actionDeploy"),         QStringLiteral("actionDelete"),
                                   QStringLiteral("actionRecheckPinning"), QStringLiteral("actionRotate"),
                                   QStringLiteral("actionRekey")};
    for (const QString& name : withShortcut) {
        QAction* mine = action(*window, name);
        QVERIFY(mine);
        QVERIFY2(!mine->shortcut().isEmpty(), qPrintable(name));
        for (QAction* other : all) {
            if (other == mine) {
                continue;
            }
            for (const QKeySequence& sequence : other->shortcuts()) {
                QVERIFY2(!mine->shortcuts().contains(sequence),
                         qPrintable(
                             QStringLiteral("%1 and %2 share %3").arg(name, other->objectName(), sequence.toString())));
            }
        }
    }
    QCOMPARE(action(*window, QStringLiteral("actionOrder"))->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+O")));
    QCOMPARE(action(*window, QStringLiteral("actionDeploy"))->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+D")));
    QCOMPARE(action(*window, QStringLiteral("actionDelete"))->shortcut(), QKeySequence(QKeySequence::Delete));
}

void TestConsoleActions::eachActionIsEnabledOnlyWhereItFits_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QStringList>("enabled");
    // What the operator may do in each state (the rest is disabled, with the reason as its tooltip).
    const auto on = [](std::initializer_list<const char*> names) {
        QStringList list;
        for (const char* name : names) {
            list.append(QStringLiteral("action") + QLatin1String(name));
        }
        return list;
    };
    QTest::newRow("Discovered, not configured") << QStringLiteral("discovered") << on({"Delete"});
    QTest::newRow("Managed") << QStringLiteral("managed") << on({"Initiate", "Order", "Delete"});
    QTest::newRow("Issued") << QStringLiteral("issued")
                            << on({"Order", "Deploy", "Delete", "RecheckPinning", "Rotate", "Rekey", "Revoke",
                                   "Suspend"});
    QTest::newRow("Deployed") << QStringLiteral("deployed")
                              << on({"Order", "Deploy", "Delete", "RecheckPinning", "Rotate", "Rekey", "Revoke",
                                     "Suspend"});
    QTest::newRow("Revoked") << QStringLiteral("revoked")
                             << on({"Order", "Delete", "RecheckPinning", "Rotate", "Rekey"});
    QTest::newRow("Suspended") << QStringLiteral("suspended")
                               << on({"Order", "Delete", "RecheckPinning", "Rotate", "Rekey", "Revoke", "Resume"});
    QTest::newRow("expired") << QStringLiteral("expired")
                             << on({"Order", "Delete", "RecheckPinning", "Rotate", "Rekey", "Revoke", "Suspend"});
    QTest::newRow("job running") << QStringLiteral("running") << on({"RecheckPinning"});
}

void TestConsoleActions::eachActionIsEnabledOnlyWhereItFits()
{
    QFETCH(QString, certificate);
    QFETCH(QStringList, enabled);
    auto window = openWindow();
    const qint64 id = m_seeded.value(certificate);
    QVERIFY(selectAndSettle(*window, id));
    for (const QString& name : kActionNames) {
        QAction* entry = action(*window, name);
        QVERIFY(entry);
        const bool expected = enabled.contains(name);
        QVERIFY2(entry->isEnabled() == expected, qPrintable(QStringLiteral("%1 for %2: enabled %3, tooltip \"%4\"")
                                                                .arg(name, certificate)
                                                                .arg(entry->isEnabled())
                                                                .arg(entry->toolTip())));
        // A disabled action says why, in its tooltip and in the status bar tip.
        if (!expected) {
            QVERIFY2(!entry->statusTip().isEmpty() && entry->toolTip().startsWith(entry->statusTip()),
                     qPrintable(name));
        }
    }
    if (certificate == QLatin1String("discovered")) {
        QVERIFY2(action(*window, QStringLiteral("actionOrder"))->toolTip().contains(QStringLiteral("Configure")),
                 qPrintable(action(*window, QStringLiteral("actionOrder"))->toolTip()));
    }
    if (certificate == QLatin1String("running")) {
        QVERIFY2(action(*window, QStringLiteral("actionRotate"))->toolTip().contains(QStringLiteral("running")),
                 qPrintable(action(*window, QStringLiteral("actionRotate"))->toolTip()));
    }
}

void TestConsoleActions::cancellingAConfirmationRunsNothing()
{
    auto window = openWindow();
    const qint64 issued = m_seeded.value(QStringLiteral("issued"));
    QVERIFY(selectAndSettle(*window, issued));
    QSignalSpy started(window->lifecycleActions(), &ui::LifecycleActions::started);

    // Rotate: a confirmation naming the certificate; "Cancel" runs nothing.
    action(*window, QStringLiteral("actionRotate"))->trigger();
    auto* box = waitForDialog<QMessageBox>(*window, QStringLiteral("confirmActionBox"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("issued.actions.test")), qPrintable(box->text()));
    QCOMPARE(box->defaultButton()->objectName(), QStringLiteral("cancelButton"));
    box->findChild<QPushButton*>(QStringLiteral("cancelButton"))->click();
    QTRY_VERIFY(!window->findChild<QMessageBox*>(QStringLiteral("confirmActionBox")));

    // Rekey and Suspend: Escape cancels.
    for (const QString& name : {QStringLiteral("actionRekey"), QStringLiteral("actionSuspend")}) {
        QVERIFY2(action(*window, name)->isEnabled(), qPrintable(name));
        action(*window, name)->trigger();
        box = waitForDialog<QMessageBox>(*window, QStringLiteral("confirmActionBox"));
        QVERIFY2(box, qPrintable(name));
        QTest::keyClick(box, Qt::Key_Escape);
        QTRY_VERIFY(!window->findChild<QMessageBox*>(QStringLiteral("confirmActionBox")));
    }

    // Revoke: the reason dialog; Escape cancels.
    action(*window, QStringLiteral("actionRevoke"))->trigger();
    auto* revoke = waitForDialog<ui::RevokeCertificateDialog>(*window, QStringLiteral("revokeCertificateDialog"));
    QVERIFY(revoke);
    QTest::keyClick(revoke, Qt::Key_Escape);
    QTRY_VERIFY(!window->findChild<ui::RevokeCertificateDialog*>());

    // Delete: "Cancel" keeps the row.
    action(*window, QStringLiteral("actionDelete"))->trigger();
    auto* remove = waitForDialog<ui::DeleteCertificateDialog>(*window, QStringLiteral("deleteCertificateDialog"));
    QVERIFY(remove);
    remove->findChild<QPushButton*>(QStringLiteral("cancelButton"))->click();
    QTRY_VERIFY(!window->findChild<ui::DeleteCertificateDialog*>());

    QCOMPARE(started.count(), 0);
    // Nothing ran: no job in the history and the record is unchanged.
    auto jobs = test::waitFor<Result<QList<Job>>>(
        [&](QObject* context, auto done) { m_fixture->lifecycle().loadJobs(issued, context, done); });
    QVERIFY(jobs && jobs->ok());
    QVERIFY(jobs->value().isEmpty());
    window->refresh();
    QTRY_COMPARE(statusCell(*window, issued), QStringLiteral("Issued"));
}

void TestConsoleActions::deleteRemovesOnlyTheInventoryEntry()
{
    auto window = openWindow();
    const qint64 discovered = m_seeded.value(QStringLiteral("discovered"));
    QVERIFY(selectAndSettle(*window, discovered));
    QAction* deleteAction = action(*window, QStringLiteral("actionDelete"));
    QVERIFY(deleteAction->isEnabled());

    deleteAction->trigger();
    auto* dialog = waitForDialog<ui::DeleteCertificateDialog>(*window, QStringLiteral("deleteCertificateDialog"));
    QVERIFY(dialog);
    auto* explanation = dialog->findChild<QLabel*>(QStringLiteral("deleteExplanation"));
    QVERIFY(explanation && explanation->text().contains(QStringLiteral("Only the inventory entry is removed")));
    auto* removeFromServer = dialog->findChild<QCheckBox*>(QStringLiteral("removeFromServer"));
    QVERIFY(removeFromServer);
    QVERIFY(!removeFromServer->isChecked());
    QVERIFY(!removeFromServer->isEnabled()); // no deployment target: nothing to remove from a server
    QVERIFY(!dialog->removeFromServer());

    QSignalSpy finished(window->lifecycleActions(), &ui::LifecycleActions::finished);
    dialog->deleteButton()->click();
    QVERIFY(finished.wait(60000));
    const Job job = finished.first().first().value<Job>();
    QCOMPARE(job.action, JobAction::Delete);
    QVERIFY(!job.params.value(QStringLiteral("removeFromServer")).toBool());
    if (job.state == JobState::Failed && job.message.contains(QStringLiteral("not available"))) {
        // The engine's Delete is not there yet: the console shows the engine's answer and keeps the row.
        QTRY_VERIFY(window->findChild<QMessageBox*>(QStringLiteral("errorBox")));
        QVERIFY(window->statusText().contains(QStringLiteral("not available")));
        QVERIFY(window->dashboard()->model()->rowOf(discovered) >= 0);
        QSKIP("The engine does not implement Delete yet (JobRun answers \"not available\").");
    }
    QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.message));
    QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->model()->rowOf(discovered) < 0, 20000);
    // Read back: gone from the inventory, not only from the table.
    auto loaded = test::waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_fixture->lifecycle().loadCertificate(discovered, context, done); });
    QVERIFY(loaded);
    QVERIFY(!loaded->ok());
    m_seeded.remove(QStringLiteral("discovered"));
}

void TestConsoleActions::orderIssuesFromTheBuiltInCaAndRevokeRevokes()
{
    // A new certificate configured for the built-in CA: Managed, no material yet.
    ProvisioningConfig config;
    config.commonName = QStringLiteral("order.actions.test");
    config.sans = {QStringLiteral("order.actions.test"), QStringLiteral("www.order.actions.test")};
    config.caType = QStringLiteral("localca");
    config.caConnectorName = kCaName;
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
    auto created = test::waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_fixture->lifecycle().createCertificateEntry(config, context, done); });
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->message()));
    const qint64 id = created->value();

    auto window = openWindow();
    QVERIFY(selectAndSettle(*window, id));
    QCOMPARE(statusCell(*window, id), QStringLiteral("Managed"));
    QAction* order = action(*window, QStringLiteral("actionOrder"));
    QVERIFY2(order->isEnabled(), qPrintable(order->toolTip()));

    // Order through the action (no confirmation: nothing is replaced): a real job through the local bot and CA.
    QSignalSpy finished(window->lifecycleActions(), &ui::LifecycleActions::finished);
    QStringList progress; // what the status bar said at each step of the job
    connect(&m_fixture->lifecycle(), &jobs::LifecycleService::jobChanged, window.get(), [&](const Job& changed) {
        if (changed.certificateId == id && !isFinal(changed.state)) {
            progress.append(window->statusText());
        }
    });
    order->trigger();
    QVERIFY(!window->findChild<QMessageBox*>(QStringLiteral("confirmActionBox")));
    QVERIFY(finished.wait(180000));
    Job job = finished.first().first().value<Job>();
    QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.message));
    QVERIFY2(window->statusText().contains(QStringLiteral("succeeded")), qPrintable(window->statusText()));
    QVERIFY(!progress.isEmpty());
    QVERIFY2(progress.last().contains(QStringLiteral("order.actions.test")) &&
                 progress.last().contains(QLatin1Char('%')),
             qPrintable(progress.join(QStringLiteral(" / "))));

    // The row shows Issued and the new certificate's expiry; the details list the job.
    QTRY_COMPARE_WITH_TIMEOUT(statusCell(*window, id), QStringLiteral("Issued"), 20000);
    auto* model = window->dashboard()->model();
    const CertificateRecord* record = model->recordAt(model->rowOf(id));
    QVERIFY(record && record->notAfter.isValid());
    QVERIFY(record->notAfter > QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY(record->source.startsWith(QStringLiteral("localca:")));
    const int row = model->rowOf(id);
    QVERIFY(!model->index(row, CertificateTableModel::Expires).data().toString().isEmpty());
    QCOMPARE(model->index(row, CertificateTableModel::DaysLeft).data().toInt(),
             record->daysLeft(QDateTime::currentDateTimeUtc()));
    QTreeWidget* history = window->detailsPane()->jobHistory();
    QTRY_VERIFY_WITH_TIMEOUT(history->topLevelItemCount() >= 1 &&
                                 history->topLevelItem(0)->text(0) == ui::jobActionDisplayName(JobAction::Order) &&
                                 history->topLevelItem(0)->text(1) == ui::jobStateDisplayName(JobState::Succeeded),
                             20000);

    // A failing action shows its reason in a non-modal message and in the history: Deploy has no target here.
    QTRY_VERIFY_WITH_TIMEOUT(window->lifecycleActions()->contextFor(id).jobRunning == false, 20000);
    QVERIFY(selectAndSettle(*window, id));
    QAction* deploy = action(*window, QStringLiteral("actionDeploy"));
    QVERIFY2(deploy->isEnabled(), qPrintable(deploy->toolTip()));
    finished.clear();
    QSignalSpy failed(window->lifecycleActions(), &ui::LifecycleActions::failed);
    deploy->trigger();
    QVERIFY(finished.wait(180000));
    job = finished.first().first().value<Job>();
    QVERIFY2(job.state != JobState::Succeeded, "a deployment without a server must not succeed");
    QVERIFY(!job.message.isEmpty());
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.first().first().toString().contains(job.message), qPrintable(failed.first().first().toString()));
    auto* error = window->findChild<QMessageBox*>(QStringLiteral("errorBox"));
    QVERIFY(error && error->isVisible());
    QVERIFY(!error->isModal());
    QCOMPARE(error->windowModality(), Qt::NonModal);
    QVERIFY(error->text().contains(job.message));
    error->close();
    QTRY_VERIFY_WITH_TIMEOUT(history->topLevelItemCount() >= 2 &&
                                 history->topLevelItem(0)->text(0) == ui::jobActionDisplayName(JobAction::Deploy) &&
                                 history->topLevelItem(0)->text(3) == job.message,
                             20000);

    // Revoke with a reason through the CA that issued it.
    QTRY_VERIFY_WITH_TIMEOUT(window->lifecycleActions()->contextFor(id).jobRunning == false, 20000);
    QVERIFY(selectAndSettle(*window, id));
    QAction* revoke = action(*window, QStringLiteral("actionRevoke"));
    QVERIFY2(revoke->isEnabled(), qPrintable(revoke->toolTip()));
    finished.clear();
    revoke->trigger();
    auto* dialog = waitForDialog<ui::RevokeCertificateDialog>(*window, QStringLiteral("revokeCertificateDialog"));
    QVERIFY(dialog);
    dialog->setReasonCode(1); // key compromise
    dialog->revokeButton()->click();
    QVERIFY(finished.wait(120000));
    job = finished.first().first().value<Job>();
    QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.message));
    QCOMPARE(job.params.value(QStringLiteral("reason")).toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(statusCell(*window, id), QStringLiteral("Revoked"), 20000);
    QVERIFY(selectAndSettle(*window, id));
    QTRY_VERIFY(!action(*window, QStringLiteral("actionRevoke"))->isEnabled());
}

QTEST_MAIN(TestConsoleActions)
#include "TestConsoleActions.moc"
