// The dashboard over a real temporary SQLite inventory, fed through the real LifecycleService.

#include "engine/crypto/Pkcs12.h"
#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"
#include "tests/gui/console/ConsoleFixture.h"
#include "tests/support/TestPki.h"
#include "ui/CertificateDetailsPane.h"
#include "ui/DashboardWidget.h"
#include "ui/DisplayNames.h"
#include "ui/MainWindow.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace certdeck;
using models::CertificateTableModel;

class TestDashboard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void importedCertificatesAppearWithTheirDetails();
    void pkcs12WithItsPasswordIsImported();
    void wrongPkcs12PasswordShowsTheEnginesMessageAndAddsNoRow();
    void searchBoxAndStatusComboFilterTheRows();
    void inventoryIsReadBackByANewWindow();
    void tableStaysFastOnLargeInventories();

private:
    int rowOf(const ui::MainWindow& window, const QString& commonName) const;
    QString cell(const ui::MainWindow& window, int proxyRow, int column) const;
    void waitForRefresh(ui::MainWindow& window);
    void closeErrorBoxes(ui::MainWindow& window);

    std::unique_ptr<test::ConsoleFixture> m_fixture;
    std::unique_ptr<test::TestPki> m_pki;
};

void TestDashboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_fixture = std::make_unique<test::ConsoleFixture>();
    QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
    m_pki = std::make_unique<test::TestPki>();
}

int TestDashboard::rowOf(const ui::MainWindow& window, const QString& commonName) const
{
    const auto* proxy = window.dashboard()->proxy();
    for (int row = 0; row < proxy->rowCount(); ++row) {
        if (proxy->index(row, CertificateTableModel::CommonName).data().toString() == commonName) {
            return row;
        }
    }
    return -1;
}

QString TestDashboard::cell(const ui::MainWindow& window, int proxyRow, int column) const
{
    return window.dashboard()->proxy()->index(proxyRow, column).data().toString();
}

void TestDashboard::waitForRefresh(ui::MainWindow& window)
{
    QSignalSpy refreshed(&window, &ui::MainWindow::refreshed);
    QVERIFY(refreshed.wait(20000));
}

void TestDashboard::closeErrorBoxes(ui::MainWindow& window)
{
    const auto boxes = window.findChildren<QMessageBox*>(QStringLiteral("errorBox"));
    for (QMessageBox* box : boxes) {
        box->close();
    }
}

void TestDashboard::importedCertificatesAppearWithTheirDetails()
{
    ui::MainWindow window(m_fixture->services());
    window.resize(1300, 800);
    window.show();
    waitForRefresh(window);

    const auto leaf = m_pki->issueLeaf({QStringLiteral("shop.example.org"), QStringLiteral("www.shop.example.org")});
    const auto files = test::writePemFiles(m_fixture->dir(), QStringLiteral("shop"), leaf);
    window.importCertificateFile(files.cert);

    QTRY_VERIFY_WITH_TIMEOUT(rowOf(window, QStringLiteral("shop.example.org")) >= 0, 20000);
    const int row = rowOf(window, QStringLiteral("shop.example.org"));
    QCOMPARE(cell(window, row, CertificateTableModel::Sans), QStringLiteral("shop.example.org, www.shop.example.org"));
    QCOMPARE(cell(window, row, CertificateTableModel::Issuer), m_pki->intermediate().cert.commonName());
    QCOMPARE(cell(window, row, CertificateTableModel::Status), QStringLiteral("Discovered"));
    const int daysLeft = cell(window, row, CertificateTableModel::DaysLeft).toInt();
    QVERIFY2(daysLeft == 29 || daysLeft == 30, qPrintable(QString::number(daysLeft))); // TestPki: now + 30 days
    QVERIFY(window.statusText().contains(QStringLiteral("shop.crt")));

    // The imported certificate is selected and its details are those of the file.
    QTRY_COMPARE_WITH_TIMEOUT(
        window.dashboard()->currentCertificateId(),
        window.dashboard()->proxy()->index(row, 0).data(CertificateTableModel::CertificateIdRole).toLongLong(), 10000);
    const ui::CertificateDetailsPane* details = window.detailsPane();
    QTRY_COMPARE_WITH_TIMEOUT(details->fieldText(QStringLiteral("fingerprint")),
                              ui::formatFingerprint(leaf.cert.fingerprintSha256()), 10000);
    QCOMPARE(details->fieldText(QStringLiteral("serial")), leaf.cert.serialHex().toUpper());
    QCOMPARE(details->fieldText(QStringLiteral("issuer")), leaf.cert.issuer());
    QVERIFY(details->fieldText(QStringLiteral("sans")).contains(QStringLiteral("www.shop.example.org")));
    QVERIFY(details->fieldText(QStringLiteral("key")).startsWith(QStringLiteral("EC")));
}

void TestDashboard::pkcs12WithItsPasswordIsImported()
{
    ui::MainWindow window(m_fixture->services());
    window.show();
    waitForRefresh(window);

    const auto leaf = m_pki->issueLeaf({QStringLiteral("vault.example.net")});
    const auto der = crypto::writePkcs12(leaf.key, leaf.cert, m_pki->caChain(), QByteArrayLiteral("p12-secret"));
    QVERIFY2(der.ok(), qPrintable(der.message()));
    const QString path = test::writeTestFile(m_fixture->dir(), QStringLiteral("vault.p12"), der.value());
    window.importCertificateFile(path, QByteArrayLiteral("p12-secret"));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(window, QStringLiteral("vault.example.net")) >= 0, 20000);
}

void TestDashboard::wrongPkcs12PasswordShowsTheEnginesMessageAndAddsNoRow()
{
    ui::MainWindow window(m_fixture->services());
    window.show();
    waitForRefresh(window);
    const int rowsBefore = window.dashboard()->model()->rowCount();

    const auto leaf = m_pki->issueLeaf({QStringLiteral("locked.example.net")});
    const auto der = crypto::writePkcs12(leaf.key, leaf.cert, {}, QByteArrayLiteral("right-password"));
    QVERIFY(der.ok());
    const QString path = test::writeTestFile(m_fixture->dir(), QStringLiteral("locked.p12"), der.value());

    QSignalSpy errors(&window, &ui::MainWindow::errorShown);
    window.importCertificateFile(path, QByteArrayLiteral("wrong-password"));
    QVERIFY(errors.wait(20000));
    const QString message = errors.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("locked.p12")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("password"), Qt::CaseInsensitive), qPrintable(message));
    QCOMPARE(window.statusText(), message);
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("errorBox"));
    QVERIFY(box && box->isVisible());
    QCOMPARE(box->text(), message);
    closeErrorBoxes(window);

    window.refresh();
    waitForRefresh(window);
    QCOMPARE(window.dashboard()->model()->rowCount(), rowsBefore);
    QCOMPARE(rowOf(window, QStringLiteral("locked.example.net")), -1);
}

void TestDashboard::searchBoxAndStatusComboFilterTheRows()
{
    ui::MainWindow window(m_fixture->services());
    window.show();
    waitForRefresh(window);
    QVERIFY(window.dashboard()->proxy()->rowCount() >= 2);

    auto* search = window.findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    QTest::keyClicks(search, QStringLiteral("www.shop"));
    QCOMPARE(window.dashboard()->proxy()->rowCount(), 1);
    QCOMPARE(cell(window, 0, CertificateTableModel::CommonName), QStringLiteral("shop.example.org"));
    search->clear();

    auto* status = window.findChild<QComboBox*>(QStringLiteral("statusFilter"));
    QVERIFY(status);
    status->setCurrentIndex(status->findText(QStringLiteral("Managed")));
    QCOMPARE(window.dashboard()->proxy()->rowCount(), 0);
    status->setCurrentIndex(status->findText(QStringLiteral("Discovered")));
    QCOMPARE(window.dashboard()->proxy()->rowCount(), window.dashboard()->model()->rowCount());
}

void TestDashboard::inventoryIsReadBackByANewWindow()
{
    // A window over the same inventory sees what earlier windows imported: it was stored, not just shown.
    ui::MainWindow window(m_fixture->services());
    window.show();
    waitForRefresh(window);
    QVERIFY(rowOf(window, QStringLiteral("shop.example.org")) >= 0);
    QVERIFY(rowOf(window, QStringLiteral("vault.example.net")) >= 0);
}

void TestDashboard::tableStaysFastOnLargeInventories()
{
    // Rows have a fixed height: a ResizeToContents vertical header measures every row of the inventory.
    ui::MainWindow window(m_fixture->services());
    window.show();
    waitForRefresh(window);
    QVERIFY(window.dashboard()->proxy()->rowCount() > 0);
    QCOMPARE(window.dashboard()->view()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
}

QTEST_MAIN(TestDashboard)
#include "TestDashboard.moc"
