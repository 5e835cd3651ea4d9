#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/EndpointRepository.h"
#include "tests/integration/netscan/NetscanNginx.h"
#include "tests/support/TestPki.h"
#include "tests/support/WidgetLookup.h"
#include "ui/dialogs/NetworkDiscoveryDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using certdeck::test::child;

// Driven by keyboard and buttons the way an operator does it; the scan runs off the GUI thread.
class TestNetworkDiscoveryDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void badInputNamesTheTokenAndDoesNotScan();
    void scanFillsTheTableAndAddsToTheInventory();
    void cancelStopsTheScan();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::IssuedCert> m_cert;
    std::unique_ptr<test::NetscanNginx> m_nginx;
    std::shared_ptr<store::Database> m_db;
};

void TestNetworkDiscoveryDialog::initTestCase()
{
    if (test::NetscanNginx::binary().isEmpty()) {
        QSKIP("nginx is not installed");
    }
    QVERIFY(m_dir.isValid());
    test::LeafOptions options;
    options.names = {QStringLiteral("dialog.example.test")};
    m_cert = std::make_unique<test::IssuedCert>(test::TestPki::makeSelfSigned(options));
    const auto files = test::writePemFiles(m_dir.path(), QStringLiteral("leaf"), *m_cert);
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("nginx"))));
    m_nginx = std::make_unique<test::NetscanNginx>(m_dir.filePath(QStringLiteral("nginx")));
    const Status started = m_nginx->start({QStringLiteral("127.0.4.1"), QStringLiteral("127.0.4.2")}, 3,
                                          {{QString(), files.cert, files.key, {}}});
    QVERIFY2(started, qPrintable(started.message()));
    auto db = store::Database::open(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db")));
    QVERIFY2(db, qPrintable(db.message()));
    m_db = *db;
}

void TestNetworkDiscoveryDialog::cleanupTestCase()
{
    if (m_nginx) {
        m_nginx->stop();
    }
}

void TestNetworkDiscoveryDialog::badInputNamesTheTokenAndDoesNotScan()
{
    ui::NetworkDiscoveryDialog dialog(m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* ranges = child<QLineEdit>(&dialog, "rangesEdit");
    auto* ports = child<QLineEdit>(&dialog, "portsEdit");
    QVERIFY(ranges && ports);
    ranges->setFocus();
    QTest::keyClicks(ranges, QStringLiteral("127.0.4.1"));
    ports->clear();
    QTest::keyClicks(ports, QStringLiteral("443,https"));
    QTest::keyClick(ports, Qt::Key_Return); // the default button: Start
    QVERIFY(!dialog.isScanning());
    QVERIFY2(child<QLabel>(&dialog, "messageLabel")->text().contains(QLatin1String("\"https\"")),
             qPrintable(child<QLabel>(&dialog, "messageLabel")->text()));
}

void TestNetworkDiscoveryDialog::scanFillsTheTableAndAddsToTheInventory()
{
    ui::NetworkDiscoveryDialog dialog(m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy finished(&dialog, &ui::NetworkDiscoveryDialog::scanFinished);
    child<QLineEdit>(&dialog, "rangesEdit")->setText(QStringLiteral("127.0.4.1-2"));
    child<QLineEdit>(&dialog, "portsEdit")->setText(m_nginx->portList());
    child<QSpinBox>(&dialog, "timeoutSpin")->setValue(20000);
    QTest::keyClick(child<QLineEdit>(&dialog, "portsEdit"), Qt::Key_Return);
    QVERIFY(dialog.isScanning());
    QVERIFY(!child<QPushButton>(&dialog, "startButton")->isEnabled());
    QVERIFY(child<QPushButton>(&dialog, "cancelButton")->isEnabled());
    QVERIFY(finished.wait(60000));
    auto* table = child<QTableWidget>(&dialog, "resultTable");
    QCOMPARE(table->rowCount(), 6);
    for (int row = 0; row < table->rowCount(); ++row) {
        QCOMPARE(table->item(row, 5)->text(), m_cert->cert.fingerprintSha256());
        QCOMPARE(table->item(row, 2)->text(), QStringLiteral("dialog.example.test"));
    }
    auto* add = child<QPushButton>(&dialog, "addToInventoryButton");
    QVERIFY(add->isEnabled());
    QSignalSpy stored(&dialog, &ui::NetworkDiscoveryDialog::stored);
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY2(stored.wait(60000), qPrintable(child<QLabel>(&dialog, "messageLabel")->text()));
    auto endpoints = store::EndpointRepository(*m_db).all();
    QVERIFY2(endpoints, qPrintable(endpoints.message()));
    QCOMPARE(endpoints->size(), 6);
    auto found = store::CertificateRepository(*m_db).findByFingerprint(m_cert->cert.fingerprintSha256());
    QVERIFY(found && found->has_value());
    QCOMPARE((*found)->status, CertificateStatus::Discovered);
}

void TestNetworkDiscoveryDialog::cancelStopsTheScan()
{
    ui::NetworkDiscoveryDialog dialog(m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy finished(&dialog, &ui::NetworkDiscoveryDialog::scanFinished);
    child<QLineEdit>(&dialog, "rangesEdit")->setText(QStringLiteral("127.1.0.0/16"));
    child<QLineEdit>(&dialog, "portsEdit")->setText(QString::number(m_nginx->basePort()));
    child<QSpinBox>(&dialog, "concurrencySpin")->setValue(1);
    QTest::mouseClick(child<QPushButton>(&dialog, "startButton"), Qt::LeftButton);
    QVERIFY(dialog.isScanning());
    QTest::mouseClick(child<QPushButton>(&dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY(dialog.lastSummary().cancelled);
    QVERIFY(dialog.lastSummary().scanned < dialog.lastSummary().total);
    QVERIFY2(child<QLabel>(&dialog, "messageLabel")->text().contains(QLatin1String("Cancelled")),
             qPrintable(child<QLabel>(&dialog, "messageLabel")->text()));
}

QTEST_MAIN(TestNetworkDiscoveryDialog)
#include "TestNetworkDiscoveryDialog.moc"
