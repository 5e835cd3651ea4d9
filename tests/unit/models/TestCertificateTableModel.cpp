#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"
#include "tests/unit/models/ModelTestData.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using namespace certdeck;
using certdeck::models::CertificateTableModel;

class TestCertificateTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsOneRowPerCertificateWithItsColumns();
    void daysLeftFollowsTheInjectedClock();
    void upsertReplacesTheRowWithTheSameIdAndAppendsNewOnes();
    void removeDropsTheRow();
    void appendRecordsAddsTheRestInOneInsertionBehindASortedFirstPage();
    void upsertManyReplacesAndAddsInOneUpdateEach();
    void sortRoleOrdersExpiryNaturally();
    void shortIssuerTakesTheCommonName();
    void unprovenServingIsNotCalledDrift();
};

void TestCertificateTableModel::showsOneRowPerCertificateWithItsColumns()
{
    CertificateTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock(test::fixedNow);
    auto record = test::makeRecord(7, QStringLiteral("shop.example.org"), 45, CertificateStatus::Deployed,
                                   QStringLiteral("10.0.0.5"));
    record.port = 8443;
    model.setRecords({record, test::makeRecord(8, QStringLiteral("b.example.org"), 3, CertificateStatus::Discovered)});

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(CertificateTableModel::ColumnCount));
    auto cell = [&](int column) { return model.index(0, column).data().toString(); };
    QCOMPARE(cell(CertificateTableModel::CommonName), QStringLiteral("shop.example.org"));
    QCOMPARE(cell(CertificateTableModel::Sans), QStringLiteral("shop.example.org, www.shop.example.org"));
    QCOMPARE(cell(CertificateTableModel::Issuer), QStringLiteral("Test CA"));
    QCOMPARE(cell(CertificateTableModel::DaysLeft), QStringLiteral("45"));
    QCOMPARE(cell(CertificateTableModel::Status), QStringLiteral("Deployed"));
    QCOMPARE(cell(CertificateTableModel::ServerType), QStringLiteral("Nginx"));
    QCOMPARE(cell(CertificateTableModel::Host), QStringLiteral("10.0.0.5:8443"));
    QVERIFY(!cell(CertificateTableModel::Expires).isEmpty());
    QCOMPARE(model.index(1, 0).data(CertificateTableModel::CertificateIdRole).toLongLong(), 8);
    QCOMPARE(model.headerData(CertificateTableModel::DaysLeft, Qt::Horizontal).toString(), QStringLiteral("Days left"));
}

void TestCertificateTableModel::daysLeftFollowsTheInjectedClock()
{
    CertificateTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QDateTime now = test::fixedNow();
    model.setClock([&now] { return now; });
    model.setRecords({test::makeRecord(1, QStringLiteral("a.example.org"), 10, CertificateStatus::Managed)});
    const QModelIndex days = model.index(0, CertificateTableModel::DaysLeft);
    QCOMPARE(days.data(CertificateTableModel::DaysLeftRole).toInt(), 10);

    QSignalSpy changed(&model, &CertificateTableModel::dataChanged);
    now = now.addDays(12);
    model.setClock([&now] { return now; });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(days.data(CertificateTableModel::DaysLeftRole).toInt(), -2);
    QVERIFY(days.data(Qt::ForegroundRole).isValid()); // expired rows are coloured
}

void TestCertificateTableModel::upsertReplacesTheRowWithTheSameIdAndAppendsNewOnes()
{
    CertificateTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock(test::fixedNow);
    model.setRecords({test::makeRecord(1, QStringLiteral("a.example.org"), 10, CertificateStatus::Managed)});

    auto changed = test::makeRecord(1, QStringLiteral("a.example.org"), 10, CertificateStatus::Issued);
    QSignalSpy dataChanged(&model, &CertificateTableModel::dataChanged);
    model.upsert(changed);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(dataChanged.count(), 1);
    QCOMPARE(model.index(0, CertificateTableModel::Status).data().toString(), QStringLiteral("Issued"));

    QSignalSpy inserted(&model, &CertificateTableModel::rowsInserted);
    model.upsert(test::makeRecord(2, QStringLiteral("b.example.org"), 10, CertificateStatus::Managed));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(2), 1);
}

void TestCertificateTableModel::appendRecordsAddsTheRestInOneInsertionBehindASortedFirstPage()
{
    CertificateTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock(test::fixedNow);
    models::CertificateFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(CertificateTableModel::DaysLeft, Qt::AscendingOrder);

    // The first page: the soonest expiries, as the dashboard shows them first.
    model.setRecords({test::makeRecord(7, QStringLiteral("soon.example.org"), 2, CertificateStatus::Deployed),
                      test::makeRecord(3, QStringLiteral("next.example.org"), 5, CertificateStatus::Managed)});
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("soon.example.org"));

    // The rest, with one row that is already shown (it changed meanwhile: the shown row stays).
    QList<CertificateRecord> rest;
    for (int i = 0; i < 50; ++i) {
        rest.append(test::makeRecord(100 + i, QStringLiteral("host%1.example.org").arg(i), 10 + (i * 7) % 40,
                                     CertificateStatus::Discovered));
    }
    rest.append(test::makeRecord(3, QStringLiteral("stale.example.org"), 5, CertificateStatus::Managed));
    rest.append(test::makeRecord(1, QStringLiteral("expired.example.org"), -3, CertificateStatus::Failed));
    QSignalSpy inserted(&model, &CertificateTableModel::rowsInserted);
    model.appendRecords(rest);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 53);
    QCOMPARE(model.recordAt(model.rowOf(3))->commonName, QStringLiteral("next.example.org"));
    QCOMPARE(model.rowOf(149), 51);

    // The proxy keeps its sort over all rows; the expired one is first now.
    QCOMPARE(proxy.rowCount(), 53);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("expired.example.org"));
    int previous = std::numeric_limits<int>::min();
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const int days = proxy.index(row, 0).data(CertificateTableModel::DaysLeftRole).toInt();
        QVERIFY2(days >= previous, qPrintable(QStringLiteral("row %1: %2 after %3").arg(row).arg(days).arg(previous)));
        previous = days;
    }
    // Searching finds appended rows (their search keys were not built with the first page).
    proxy.setSearchText(QStringLiteral("host49."));
    QCOMPARE(proxy.rowCount(), 1);
}

void TestCertificateTableModel::upsertManyReplacesAndAddsInOneUpdateEach()
{
    CertificateTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock(test::fixedNow);
    QList<CertificateRecord> records;
    for (int i = 1; i <= 10; ++i) {
        records.append(test::makeRecord(i, QStringLiteral("c%1.example.org").arg(i), 30, CertificateStatus::Managed));
    }
    model.setRecords(records);
    QSignalSpy changed(&model, &CertificateTableModel::dataChanged);
    QSignalSpy inserted(&model, &CertificateTableModel::rowsInserted);
    model.upsertMany({test::makeRecord(3, QStringLiteral("c3.example.org"), 400, CertificateStatus::Issued),
                      test::makeRecord(8, QStringLiteral("c8.example.org"), 400, CertificateStatus::Issued),
                      test::makeRecord(11, QStringLiteral("c11.example.org"), 90, CertificateStatus::Managed)});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 11);
    QCOMPARE(model.index(model.rowOf(3), CertificateTableModel::Status).data().toString(), QStringLiteral("Issued"));
    QCOMPARE(
        model.index(model.rowOf(8), CertificateTableModel::DaysLeft).data(CertificateTableModel::DaysLeftRole).toInt(),
        400);
    QCOMPARE(model.index(model.rowOf(5), CertificateTableModel::Status).data().toString(), QStringLiteral("Managed"));
}

void TestCertificateTableModel::removeDropsTheRow()
{
    CertificateTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecords({test::makeRecord(1, QStringLiteral("a.example.org"), 10, CertificateStatus::Managed),
                      test::makeRecord(2, QStringLiteral("b.example.org"), 10, CertificateStatus::Managed)});
    QVERIFY(model.remove(1));
    QVERIFY(!model.remove(1));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("b.example.org"));
}

void TestCertificateTableModel::sortRoleOrdersExpiryNaturally()
{
    CertificateTableModel model;
    model.setClock(test::fixedNow);
    CertificateRecord noValidity;
    noValidity.id = 3;
    noValidity.commonName = QStringLiteral("pending.example.org");
    model.setRecords({test::makeRecord(1, QStringLiteral("a"), 100, CertificateStatus::Managed),
                      test::makeRecord(2, QStringLiteral("b"), 9, CertificateStatus::Managed), noValidity});
    const auto days = [&](int row) {
        return model.index(row, CertificateTableModel::DaysLeft).data(CertificateTableModel::SortRole).toInt();
    };
    QVERIFY(days(1) < days(0)); // 9 < 100 numerically, not "9" > "100" as text
    QVERIFY(days(0) < days(2)); // no validity sorts last
    QCOMPARE(model.index(2, CertificateTableModel::DaysLeft).data().toString(), QString());
}

void TestCertificateTableModel::shortIssuerTakesTheCommonName()
{
    QCOMPARE(CertificateTableModel::shortIssuer(QStringLiteral("CN=Example Root,O=Example")),
             QStringLiteral("Example Root"));
    QCOMPARE(CertificateTableModel::shortIssuer(QStringLiteral("O=Example,CN=Issuing CA 2")),
             QStringLiteral("Issuing CA 2"));
    QCOMPARE(CertificateTableModel::shortIssuer(QStringLiteral("O=No Name")), QStringLiteral("O=No Name"));
}

// A rollback whose handshake failed leaves no served fingerprint: the row says "unproven", not "drift", and the
// tooltip says what happened.
void TestCertificateTableModel::unprovenServingIsNotCalledDrift()
{
    CertificateTableModel model;
    model.setClock(test::fixedNow);
    auto unproven = test::makeRecord(1, QStringLiteral("a.example.org"), 30, CertificateStatus::Failed);
    unproven.drift = QStringLiteral("serving unproven: the previous files were restored");
    auto drifted = test::makeRecord(2, QStringLiteral("b.example.org"), 30, CertificateStatus::Deployed);
    drifted.drift = QStringLiteral("serves another certificate");
    drifted.servedFingerprint = QStringLiteral("ab12");
    model.setRecords({unproven, drifted});
    QCOMPARE(model.index(0, CertificateTableModel::Status).data().toString(), QStringLiteral("Failed \u26a0 unproven"));
    QCOMPARE(model.index(0, CertificateTableModel::Status).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Drift: serving unproven: the previous files were restored"));
    QCOMPARE(model.index(1, CertificateTableModel::Status).data().toString(), QStringLiteral("Deployed \u26a0 drift"));
}

QTEST_GUILESS_MAIN(TestCertificateTableModel)
#include "TestCertificateTableModel.moc"
