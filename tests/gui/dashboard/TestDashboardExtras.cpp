// The dashboard's extras over a real temporary inventory: issuer / server type / bot / expiring filters, the
// status summary and its clicks, the expiry chart's buckets (read from the QChart), the exact CSV of the current
// view for a hostile inventory, keyboard shortcuts, and the column layout surviving a restart of the window.

#include "engine/domain/ServerType.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"
#include "tests/gui/console/ConsoleFixture.h"
#include "ui/DashboardWidget.h"
#include "ui/MainWindow.h"
#include "ui/ViewActions.h"
#include "ui/widgets/ExpiryChart.h"
#include "ui/widgets/StatusSummary.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>

using namespace certdeck;
using models::CertificateTableModel;

namespace {

struct Inventory
{
    std::unique_ptr<test::ConsoleFixture> fixture;
    std::shared_ptr<store::Database> db;
    QHash<QString, qint64> bots; // name -> id

    ui::UiServices services() const
    {
        ui::UiServices s = fixture->services();
        s.database = db;
        return s;
    }
};

CertificateRecord makeRecord(const QString& cn, const QString& issuer, const QString& serverType, qint64 botId,
                             CertificateStatus status, int daysLeft)
{
    static int serial = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    CertificateRecord record;
    record.commonName = cn;
    record.sans = {cn};
    record.subject = QStringLiteral("CN=") + cn;
    record.issuer = issuer;
    record.serialHex = QString::number(++serial, 16);
    record.notBefore = now.addDays(-30);
    record.notAfter = now.addDays(daysLeft).addSecs(12 * 3600); // mid-day: no boundary while the test runs
    record.fingerprintSha256 = QString::fromLatin1(
        QCryptographicHash::hash(QByteArray(cn.toUtf8() + QByteArray::number(serial)), QCryptographicHash::Sha256)
            .toHex());
    record.status = status;
    record.serverType = serverType;
    record.host = QStringLiteral("10.0.0.%1").arg(serial);
    record.port = 443;
    record.botId = botId;
    return record;
}

} // namespace

class TestDashboardExtras : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void eachFilterGivesTheRightRows();
    void statusSummaryCountsAndClicks();
    void expiryChartBucketsByWeekAndStatus();
    void csvExportWritesExactlyTheViewSafely();
    void columnLayoutSurvivesARestart();
    void shortcutsFocusAndClearTheSearch();

private:
    static void openInventory(Inventory& inventory);
    static void insert(Inventory& inventory, CertificateRecord record, const QString& drift = {});
    static void waitForDashboard(ui::MainWindow& window, int rows);
    static QStringList shownNames(const ui::MainWindow& window);
    static int comboIndex(QComboBox* combo, const QString& text);

    QTemporaryDir m_settingsDir;
    Inventory m_main;
};

void TestDashboardExtras::openInventory(Inventory& inventory)
{
    inventory.fixture = std::make_unique<test::ConsoleFixture>();
    QVERIFY2(inventory.fixture->ok(), qPrintable(inventory.fixture->error()));
    auto db = store::Database::open(inventory.fixture->databaseUrl());
    QVERIFY2(db.ok(), qPrintable(db.message()));
    inventory.db = *db;
}

void TestDashboardExtras::insert(Inventory& inventory, CertificateRecord record, const QString& drift)
{
    const store::CertificateRepository repository(*inventory.db);
    auto id = repository.insert(record);
    QVERIFY2(id.ok(), qPrintable(id.message()));
    if (!drift.isEmpty()) {
        const Status probed =
            repository.setProbeResult(*id, QStringLiteral("ab").repeated(32), QDateTime::currentDateTimeUtc(), drift);
        QVERIFY2(probed.ok(), qPrintable(probed.message()));
    }
}

void TestDashboardExtras::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("CertDeckDashboardTest"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings().clear();

    openInventory(m_main);
    const store::BotRepository bots(*m_main.db);
    for (const QString& name : {QStringLiteral("edge-1"), QStringLiteral("edge-2")}) {
        Bot bot;
        bot.name = name;
        bot.transport = BotTransportKind::Ssh;
        bot.host = QStringLiteral("192.0.2.1");
        bot.port = 22;
        auto id = bots.insert(bot);
        QVERIFY2(id.ok(), qPrintable(id.message()));
        m_main.bots.insert(name, *id);
    }
    const QString alpha = QStringLiteral("CN=Alpha CA,O=Example");
    const QString beta = QStringLiteral("CN=Beta CA,O=Example");
    const qint64 edge1 = m_main.bots.value(QStringLiteral("edge-1"));
    const qint64 edge2 = m_main.bots.value(QStringLiteral("edge-2"));
    insert(m_main, makeRecord("a.example.com", alpha, "nginx", edge1, CertificateStatus::Deployed, 3));
    insert(m_main, makeRecord("b.example.com", alpha, "apache-http", edge2, CertificateStatus::Managed, 10));
    insert(m_main, makeRecord("c.example.com", beta, "nginx", 0, CertificateStatus::Discovered, 40));
    insert(m_main, makeRecord("d.example.com", beta, QString(), edge1, CertificateStatus::Failed, -5));
    insert(m_main, makeRecord("e.example.com", beta, "tomcat", edge2, CertificateStatus::Deployed, 12),
           QStringLiteral("the endpoint serves another certificate"));
    insert(m_main, makeRecord("f.example.com", alpha, "nginx", edge1, CertificateStatus::Deployed, 200));
}

void TestDashboardExtras::waitForDashboard(ui::MainWindow& window, int rows)
{
    QSignalSpy refreshed(&window, &ui::MainWindow::refreshed);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(window.dashboard()->model()->rowCount(), rows);
    // The summary and filter choices follow on a coalescing timer; the bot names load off the GUI thread.
    auto* bot = window.findChild<QComboBox*>(QStringLiteral("botFilter"));
    QVERIFY(QTest::qWaitFor([&] { return window.dashboard()->summary()->summary().total == rows; }, 10000));
    if (rows > 0 && window.dashboard()->model()->records().front().botId != 0) {
        QVERIFY(QTest::qWaitFor([&] { return comboIndex(bot, QStringLiteral("Bot #")) < 0; }, 10000));
    }
}

QStringList TestDashboardExtras::shownNames(const ui::MainWindow& window)
{
    const auto* proxy = window.dashboard()->proxy();
    QStringList names;
    for (int row = 0; row < proxy->rowCount(); ++row) {
        names.append(proxy->index(row, CertificateTableModel::CommonName).data().toString());
    }
    names.sort();
    return names;
}

int TestDashboardExtras::comboIndex(QComboBox* combo, const QString& text)
{
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemText(i).startsWith(text)) {
            return i;
        }
    }
    return -1;
}

void TestDashboardExtras::eachFilterGivesTheRightRows()
{
    ui::MainWindow window(m_main.services());
    window.show();
    waitForDashboard(window, 6);
    // The model and the proxy keep the item-model contract through every filter change below.
    QAbstractItemModelTester modelTester(window.dashboard()->model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(window.dashboard()->proxy(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QStringList all = {"a.example.com", "b.example.com", "c.example.com",
                             "d.example.com", "e.example.com", "f.example.com"};
    QCOMPARE(shownNames(window), all);

    auto* issuer = window.findChild<QComboBox*>(QStringLiteral("issuerFilter"));
    auto* serverType = window.findChild<QComboBox*>(QStringLiteral("serverTypeFilter"));
    auto* bot = window.findChild<QComboBox*>(QStringLiteral("botFilter"));
    auto* expiring = window.findChild<QCheckBox*>(QStringLiteral("expiringFilter"));
    auto* days = window.findChild<QSpinBox*>(QStringLiteral("expiringDays"));
    QVERIFY(issuer && serverType && bot && expiring && days);

    // Issuer: the short names of the inventory's issuers.
    QCOMPARE(issuer->count(), 3);
    issuer->setCurrentIndex(issuer->findText(QStringLiteral("Alpha CA")));
    QCOMPARE(shownNames(window), QStringList({"a.example.com", "b.example.com", "f.example.com"}));
    issuer->setCurrentIndex(issuer->findText(QStringLiteral("Beta CA")));
    QCOMPARE(shownNames(window), QStringList({"c.example.com", "d.example.com", "e.example.com"}));
    issuer->setCurrentIndex(0);
    QCOMPARE(shownNames(window), all);

    // Server type: display names, plus "(not set)".
    serverType->setCurrentIndex(serverType->findText(serverTypeDisplayName(ServerType::Nginx)));
    QCOMPARE(shownNames(window), QStringList({"a.example.com", "c.example.com", "f.example.com"}));
    serverType->setCurrentIndex(serverType->findText(serverTypeDisplayName(ServerType::Tomcat)));
    QCOMPARE(shownNames(window), QStringList({"e.example.com"}));
    serverType->setCurrentIndex(serverType->findText(QStringLiteral("(not set)")));
    QCOMPARE(shownNames(window), QStringList({"d.example.com"}));
    serverType->setCurrentIndex(0);

    // Bot: names from the bots table, plus "(no bot)".
    QVERIFY(bot->findText(QStringLiteral("edge-1")) > 0);
    bot->setCurrentIndex(bot->findText(QStringLiteral("edge-1")));
    QCOMPARE(shownNames(window), QStringList({"a.example.com", "d.example.com", "f.example.com"}));
    bot->setCurrentIndex(bot->findText(QStringLiteral("edge-2")));
    QCOMPARE(shownNames(window), QStringList({"b.example.com", "e.example.com"}));
    bot->setCurrentIndex(bot->findText(QStringLiteral("(no bot)")));
    QCOMPARE(shownNames(window), QStringList({"c.example.com"}));
    bot->setCurrentIndex(0);

    // Expiring within N days (expired ones included).
    days->setValue(14);
    expiring->setChecked(true);
    QCOMPARE(shownNames(window), QStringList({"a.example.com", "b.example.com", "d.example.com", "e.example.com"}));
    days->setValue(5);
    QCOMPARE(shownNames(window), QStringList({"a.example.com", "d.example.com"}));

    // Filters combine.
    days->setValue(14);
    issuer->setCurrentIndex(issuer->findText(QStringLiteral("Beta CA")));
    QCOMPARE(shownNames(window), QStringList({"d.example.com", "e.example.com"}));
    bot->setCurrentIndex(bot->findText(QStringLiteral("edge-2")));
    QCOMPARE(shownNames(window), QStringList({"e.example.com"}));

    // A reload keeps the choices (the combos are refilled from the new rows).
    window.refresh();
    QSignalSpy refreshed(&window, &ui::MainWindow::refreshed);
    QVERIFY(refreshed.wait(20000));
    QVERIFY(QTest::qWaitFor([&] { return shownNames(window) == QStringList({"e.example.com"}); }, 5000));
    QCOMPARE(bot->currentText(), QStringLiteral("edge-2"));
}

void TestDashboardExtras::statusSummaryCountsAndClicks()
{
    ui::MainWindow window(m_main.services());
    window.show();
    waitForDashboard(window, 6);
    ui::StatusSummary* summary = window.dashboard()->summary();
    const models::StatusSummary& counts = summary->summary();
    QCOMPARE(counts.total, 6);
    QCOMPARE(counts.count(CertificateStatus::Deployed), 3);
    QCOMPARE(counts.count(CertificateStatus::Managed), 1);
    QCOMPARE(counts.count(CertificateStatus::Discovered), 1);
    QCOMPARE(counts.count(CertificateStatus::Failed), 1);
    QCOMPARE(counts.count(CertificateStatus::Revoked), 0);
    QCOMPARE(counts.expiringSoon, 3); // a (3 days), b (10), e (12)
    QCOMPARE(counts.expired, 1);      // d
    QCOMPARE(counts.drift, 1);        // e

    // What the operator reads.
    QCOMPARE(summary->button(QStringLiteral("summary_deployed"))->text(), QStringLiteral("Deployed: 3"));
    QCOMPARE(summary->button(QStringLiteral("summaryExpired"))->text(), QStringLiteral("Expired: 1"));
    QCOMPARE(summary->button(QStringLiteral("summaryDrift"))->text(), QStringLiteral("Drift: 1"));
    QVERIFY(!summary->button(QStringLiteral("summary_revoked")));

    // Clicking a count filters the table to it.
    QTest::mouseClick(summary->button(QStringLiteral("summaryExpired")), Qt::LeftButton);
    QCOMPARE(shownNames(window), QStringList({"d.example.com"}));
    QVERIFY(window.findChild<QToolButton*>(QStringLiteral("rangeFilter"))->isVisible());
    QTest::mouseClick(summary->button(QStringLiteral("summaryDrift")), Qt::LeftButton);
    QCOMPARE(shownNames(window), QStringList({"e.example.com"}));
    QTest::mouseClick(summary->button(QStringLiteral("summaryExpiringSoon")), Qt::LeftButton);
    QCOMPARE(shownNames(window), QStringList({"a.example.com", "b.example.com", "d.example.com", "e.example.com"}));
    QTest::mouseClick(summary->button(QStringLiteral("summaryTotal")), Qt::LeftButton);
    QCOMPARE(shownNames(window).size(), 6);
    QTest::mouseClick(summary->button(QStringLiteral("summary_deployed")), Qt::LeftButton);
    QCOMPARE(shownNames(window), QStringList({"a.example.com", "e.example.com", "f.example.com"}));
    QCOMPARE(window.findChild<QComboBox*>(QStringLiteral("statusFilter"))->currentText(), QStringLiteral("Deployed"));
    // The range chip clears its own filter only.
    QTest::mouseClick(summary->button(QStringLiteral("summaryExpired")), Qt::LeftButton);
    QCOMPARE(shownNames(window), QStringList());
    QTest::mouseClick(window.findChild<QToolButton*>(QStringLiteral("rangeFilter")), Qt::LeftButton);
    QCOMPARE(shownNames(window), QStringList({"a.example.com", "e.example.com", "f.example.com"}));
}

void TestDashboardExtras::expiryChartBucketsByWeekAndStatus()
{
    ui::MainWindow window(m_main.services());
    window.show();
    waitForDashboard(window, 6);
    ui::ExpiryChart* chart = window.viewActions()->expiryChart();
    QVERIFY(chart);
    QVERIFY(QTest::qWaitFor([&] { return chart->buckets().total(0) > 0; }, 5000));
    QCOMPARE(chart->weeks(), 26);

    // Read what is drawn: the stacked series of the QChart, one bar set per status, one value per week.
    const auto series = chart->chart()->series();
    QCOMPARE(series.size(), 1);
    auto* stacked = qobject_cast<QStackedBarSeries*>(series.first());
    QVERIFY(stacked);
    QHash<QString, QList<qreal>> values;
    for (QBarSet* set : stacked->barSets()) {
        QList<qreal> perWeek;
        for (int week = 0; week < set->count(); ++week) {
            perWeek.append(set->at(week));
        }
        values.insert(set->label(), perWeek);
    }
    // a: 3 days, Deployed (week 0); b: 10 days, Managed and e: 12 days, Deployed (week 1); c: 40 days, Discovered
    // (week 5). d has expired and f (200 days) is beyond 26 weeks: neither is drawn. Failed has no bar set.
    QCOMPARE(values.keys().size(), 3);
    QList<qreal> deployed(26, 0), managed(26, 0), discovered(26, 0);
    deployed[0] = 1;
    deployed[1] = 1;
    managed[1] = 1;
    discovered[5] = 1;
    QCOMPARE(values.value(QStringLiteral("Deployed")), deployed);
    QCOMPARE(values.value(QStringLiteral("Managed")), managed);
    QCOMPARE(values.value(QStringLiteral("Discovered")), discovered);
    auto* axis = qobject_cast<QBarCategoryAxis*>(chart->chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(axis);
    QCOMPARE(axis->count(), 26);

    // Clicking week 1's bar shows that week's certificates.
    Q_EMIT stacked->clicked(1, stacked->barSets().first());
    QCOMPARE(shownNames(window), QStringList({"b.example.com", "e.example.com"}));

    // More weeks: f (200 days = week 28) appears.
    chart->setWeeks(30);
    QCOMPARE(chart->buckets().counts.value(CertificateStatus::Deployed).value(28), 1);

    // The chart follows the inventory: one more certificate expiring in week 2.
    insert(m_main, makeRecord("g.example.com", QStringLiteral("CN=Alpha CA,O=Example"), "nginx", 0,
                              CertificateStatus::Issued, 16));
    window.refresh();
    QVERIFY(
        QTest::qWaitFor([&] { return chart->buckets().counts.value(CertificateStatus::Issued).value(2) == 1; }, 10000));
    const models::ExpiryBuckets& buckets = chart->buckets();
    QCOMPARE(buckets.total(2), 1);
    QVERIFY(window.viewActions()->expiryOverviewAction());
    QCOMPARE(window.viewActions()->expiryOverviewAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
}

void TestDashboardExtras::csvExportWritesExactlyTheViewSafely()
{
    Inventory hostile;
    openInventory(hostile);
    const QString issuer = QStringLiteral("CN=Hostile CA,O=Example");
    insert(hostile,
           makeRecord(QStringLiteral("=cmd|' /C calc'!A0"), issuer, "nginx", 0, CertificateStatus::Discovered, 50));
    insert(hostile,
           makeRecord(QStringLiteral("comma, \"quoted\" name"), issuer, "", 0, CertificateStatus::Discovered, 50));
    insert(hostile, makeRecord(QStringLiteral("line1\nline2"), issuer, "", 0, CertificateStatus::Discovered, 50));
    insert(hostile, makeRecord(QStringLiteral("@SUM(A1)"), issuer, "", 0, CertificateStatus::Discovered, 50));
    insert(hostile, makeRecord(QStringLiteral("-2+3"), issuer, "", 0, CertificateStatus::Discovered, 50));
    insert(hostile, makeRecord(QStringLiteral("plain.example.com"), issuer, "", 0, CertificateStatus::Managed, 50));

    ui::MainWindow window(hostile.services());
    window.show();
    waitForDashboard(window, 6);
    QTableView* view = window.dashboard()->view();
    QHeaderView* header = view->horizontalHeader();
    // The current view: Discovered only, sorted by common name; Host moved first; only four columns shown.
    auto* status = window.findChild<QComboBox*>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findText(QStringLiteral("Discovered")));
    view->sortByColumn(CertificateTableModel::CommonName, Qt::AscendingOrder);
    for (int column : {CertificateTableModel::Sans, CertificateTableModel::Issuer, CertificateTableModel::Expires,
                       CertificateTableModel::DaysLeft}) {
        header->setSectionHidden(column, true);
    }
    header->moveSection(header->visualIndex(CertificateTableModel::Host), 0);

    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("view.csv"));
    QSignalSpy exported(window.viewActions(), &ui::ViewActions::viewExported);
    window.viewActions()->exportViewTo(path);
    QVERIFY(exported.wait(10000));
    QVERIFY2(exported.first().at(1).toBool(), qPrintable(exported.first().at(2).toString()));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto host = [&](const QString& cn) {
        const auto* model = window.dashboard()->model();
        for (const CertificateRecord& record : model->records()) {
            if (record.commonName == cn) {
                return QStringLiteral("%1:443").arg(record.host).toUtf8();
            }
        }
        return QByteArray();
    };
    const QByteArray nginx = serverTypeDisplayName(ServerType::Nginx).toUtf8();
    const QByteArray expected = "Host,Common name,Status,Server type\r\n" + host("-2+3") + ",'-2+3,Discovered,\r\n" +
                                host("=cmd|' /C calc'!A0") + ",'=cmd|' /C calc'!A0,Discovered," + nginx + "\r\n" +
                                host("@SUM(A1)") + ",'@SUM(A1),Discovered,\r\n" + host("comma, \"quoted\" name") +
                                ",\"comma, \"\"quoted\"\" name\",Discovered,\r\n" + host("line1\nline2") +
                                ",\"line1\nline2\",Discovered,\r\n";
    QCOMPARE(file.readAll(), expected);
    QCOMPARE(window.viewActions()->exportViewAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+E")));
}

void TestDashboardExtras::columnLayoutSurvivesARestart()
{
    {
        ui::MainWindow window(m_main.services());
        window.show();
        waitForDashboard(window, 7); // a-f and g from the chart test
        QHeaderView* header = window.dashboard()->view()->horizontalHeader();
        // Hide SANs through the header's context menu action, move Issuer first, widen Common name.
        QAction* showSans = nullptr;
        for (QAction* action : header->actions()) {
            if (action->objectName() == QStringLiteral("showColumn%1").arg(CertificateTableModel::Sans)) {
                showSans = action;
            }
        }
        QVERIFY(showSans);
        showSans->trigger();
        QVERIFY(header->isSectionHidden(CertificateTableModel::Sans));
        header->moveSection(header->visualIndex(CertificateTableModel::Issuer), 0);
        header->resizeSection(CertificateTableModel::CommonName, 321);
        window.dashboard()->view()->sortByColumn(CertificateTableModel::Host, Qt::DescendingOrder);
        window.close(); // writes the settings
    }
    ui::MainWindow window(m_main.services());
    window.show();
    waitForDashboard(window, 7);
    QHeaderView* header = window.dashboard()->view()->horizontalHeader();
    QVERIFY(header->isSectionHidden(CertificateTableModel::Sans));
    QCOMPARE(header->visualIndex(CertificateTableModel::Issuer), 0);
    QCOMPARE(header->sectionSize(CertificateTableModel::CommonName), 321);
    QCOMPARE(header->sortIndicatorSection(), int(CertificateTableModel::Host));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    for (QAction* action : header->actions()) {
        if (action->objectName() == QStringLiteral("showColumn%1").arg(CertificateTableModel::Sans)) {
            QVERIFY(!action->isChecked());
        }
    }
    QVERIFY(!window.dashboard()->visibleColumns().contains(CertificateTableModel::Sans));
    QCOMPARE(window.dashboard()->visibleColumns().first(), int(CertificateTableModel::Issuer));
    // Put it back for the other tests.
    QSettings().remove(QStringLiteral("dashboard/header"));
}

void TestDashboardExtras::shortcutsFocusAndClearTheSearch()
{
    ui::MainWindow window(m_main.services());
    window.show();
    waitForDashboard(window, 7);
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto* search = window.findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    window.dashboard()->view()->setFocus();
    QVERIFY(!search->hasFocus());
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("b.example"));
    QCOMPARE(shownNames(window), QStringList({"b.example.com"}));
    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QCOMPARE(shownNames(window).size(), 7);
}

QTEST_MAIN(TestDashboardExtras)
#include "TestDashboardExtras.moc"
