// Bulk Configure in the console: 500 certificates in a real SQLite inventory, selected on the dashboard,
// configured through the dialog, stored in one transaction or not at all.
#include "connectors/localca/LocalCaConnector.h"
#include "engine/ca/CaRegistry.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/CsrTemplateRepository.h"
#include "engine/store/Database.h"
#include "models/CertificateFilterProxy.h"
#include "tests/gui/console/ConsoleFixture.h"
#include "tests/support/WidgetLookup.h"
#include "tests/unit/bulk/BulkScenarios.h"
#include "tests/unit/store/StoreScenarios.h"
#include "ui/DashboardWidget.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/BulkConfigureDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

#include <memory>

using namespace certdeck;

namespace {

constexpr int kCertificates = 500;

// Fills the dialog with the spec's example: RSA 3072, renewal 30 days before expiry daily at 02:00
// Europe/Berlin, and the built-in CA's connector "Corporate".
void chooseExample(ui::BulkConfigureDialog& dialog)
{
    test::child<QGroupBox>(&dialog, "groupCsr")->setChecked(true);
    auto* algorithm = test::child<QComboBox>(&dialog, "bulkKeyAlgorithm");
    algorithm->setCurrentIndex(algorithm->findData(QStringLiteral("RSA")));
    test::child<QComboBox>(&dialog, "bulkKeySize")->setCurrentText(QStringLiteral("3072"));
    auto* signature = test::child<QComboBox>(&dialog, "bulkSignatureAlgorithm");
    signature->setCurrentIndex(signature->findText(QStringLiteral("SHA256WithRSA")));

    test::child<QGroupBox>(&dialog, "groupRenewal")->setChecked(true);
    test::child<QCheckBox>(&dialog, "bulkRenewalEnabled")->setChecked(true);
    test::child<QRadioButton>(&dialog, "bulkRenewDays")->setChecked(true);
    test::child<QSpinBox>(&dialog, "bulkRenewWithinDays")->setValue(30);
    auto* frequency = test::child<QComboBox>(&dialog, "bulkRenewalFrequency");
    frequency->setCurrentIndex(frequency->findData(static_cast<int>(Frequency::Daily)));
    test::child<QTimeEdit>(&dialog, "bulkRenewalTime")->setTime(QTime(2, 0));
    test::child<QComboBox>(&dialog, "bulkRenewalTimeZone")->setCurrentText(QStringLiteral("Europe/Berlin"));

    test::child<QGroupBox>(&dialog, "groupCa")->setChecked(true);
    auto* caType = test::child<QComboBox>(&dialog, "bulkCaType");
    caType->setCurrentIndex(caType->findData(QStringLiteral("localca")));
    auto* connector = test::child<QComboBox>(&dialog, "bulkCaConnector");
    connector->setCurrentIndex(connector->findText(QStringLiteral("Corporate")));
}

// The dialog refreshes its fields on a zero-interval timer after each change: let it run.
void runPendingUpdates()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
    }
}

QString previewOf(ui::BulkConfigureDialog& dialog)
{
    return test::child<QPlainTextEdit>(&dialog, "bulkPreview")->toPlainText();
}

} // namespace

class TestBulkConfigureDialog : public QObject
{
    Q_OBJECT

private:
    // A seeded SQLite inventory and the services the dialog needs (database, a CA registry with the built-in CA
    // connector "Corporate").
    struct Inventory
    {
        QTemporaryDir dir;
        std::shared_ptr<store::Database> db;
        ca::CaRegistry cas;
        QList<qint64> ids;
        ui::UiServices services;
    };

    std::unique_ptr<Inventory> openInventory()
    {
        auto inventory = std::make_unique<Inventory>();
        inventory->db = test::scenarios::openTempSqlite(inventory->dir);
        if (!inventory->db) {
            return nullptr;
        }
        inventory->ids = test::bulk::seedInventory(*inventory->db, kCertificates);
        inventory->cas.add(std::make_shared<localca::LocalCaConnector>(
            localca::LocalCaBackend{inventory->db, secrets::SecretStore(QStringLiteral("CertDeckBulkTest"))},
            QStringLiteral("Corporate")));
        inventory->services.database = inventory->db;
        inventory->services.cas = &inventory->cas;
        return inventory;
    }

    // Opens the dialog over all certificates and waits until it has read them.
    static std::unique_ptr<ui::BulkConfigureDialog> openDialog(const Inventory& inventory)
    {
        auto dialog = std::make_unique<ui::BulkConfigureDialog>(inventory.ids, inventory.services);
        dialog->show();
        const QDeadlineTimer deadline(30000);
        while (!dialog->isLoaded() && !deadline.hasExpired()) {
            QTest::qWait(20);
        }
        if (!dialog->isLoaded()) {
            QTest::qFail("the dialog did not read the selected certificates", __FILE__, __LINE__);
            return nullptr;
        }
        return dialog;
    }

private Q_SLOTS:
    void selectAllThenBulkConfigureStoresExactlyTheChosenValues()
    {
        test::ConsoleFixture fixture;
        QVERIFY2(fixture.ok(), qPrintable(fixture.error()));
        auto opened = store::Database::open(fixture.databaseUrl());
        QVERIFY2(opened.ok(), qPrintable(opened.message()));
        const std::shared_ptr<store::Database> db = opened.value();
        const QList<qint64> ids = test::bulk::seedInventory(*db, kCertificates);
        QCOMPARE(ids.size(), kCertificates);
        fixture.cas().add(std::make_shared<localca::LocalCaConnector>(
            localca::LocalCaBackend{db, secrets::SecretStore(QStringLiteral("CertDeckBulkTest"))},
            QStringLiteral("Corporate")));
        ui::UiServices services = fixture.services();
        services.database = db;

        ui::MainWindow window(services);
        window.resize(1300, 800);
        window.show();
        window.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboard()->proxy()->rowCount() == kCertificates, 30000);

        auto* action = window.findChild<QAction*>(QStringLiteral("actionBulkConfigure"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled()); // nothing selected yet
        bool inCertificateMenu = false;
        for (QAction* menuAction : window.menuBar()->actions()) {
            if (menuAction->menu() && menuAction->menu()->actions().contains(action)) {
                inCertificateMenu = menuAction->text().contains(QLatin1String("Certificate"));
            }
        }
        QVERIFY(inCertificateMenu);

        window.dashboard()->view()->setFocus();
        window.dashboard()->view()->selectAll();
        QTRY_COMPARE_WITH_TIMEOUT(window.dashboard()->selectedCertificateIds().size(), kCertificates, 10000);
        QVERIFY(action->isEnabled());
        action->trigger();
        ui::BulkConfigureDialog* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<ui::BulkConfigureDialog*>()) != nullptr, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);

        chooseExample(*dialog);
        QTRY_VERIFY_WITH_TIMEOUT(previewOf(*dialog).contains(QLatin1String("Renewal time zone")), 10000);
        const QString preview = previewOf(*dialog);
        QVERIFY2(preview.startsWith(QLatin1String("500 certificates selected: 500 change")), qPrintable(preview));
        // Every seventh configured certificate (and none of the unconfigured, which start from their 2048-bit key)
        // already has 3072 bits: 57 of the 400 configured ones.
        QVERIFY2(preview.contains(QLatin1String("Key size: 443 of 500 change (2048 -> 3072; 57 already 3072)")),
                 qPrintable(preview));
        QVERIFY2(preview.contains(QLatin1String("100 have no configuration yet")), qPrintable(preview));
        QVERIFY2(preview.contains(QLatin1String("CA connector: 500 of 500 change")), qPrintable(preview));
        QVERIFY(test::shownMessage(dialog, "bulkProblems").isEmpty());

        QSignalSpy saved(dialog, &ui::BulkConfigureDialog::saved);
        auto* save = test::child<QPushButton>(dialog, "bulkSave");
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 60000);
        QVERIFY2(saved.first().first().toString().contains(QLatin1String("500 certificates")),
                 qPrintable(saved.first().first().toString()));
        QVERIFY(test::shownMessage(dialog, "bulkResult").contains(QLatin1String("500 certificates")));
        QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains(QLatin1String("Bulk Configure saved")), 10000);

        test::bulk::verifyExampleApplied(*db, ids);
        // The preview now reads the stored state: nothing left to change.
        QTRY_VERIFY_WITH_TIMEOUT(previewOf(*dialog).contains(QLatin1String("selected: 0 change")), 30000);
        dialog->close();
    }

    void badValuesAreRefusedWithAMessageAndNothingIsStored()
    {
        auto inventory = openInventory();
        QVERIFY(inventory);
        const QMap<qint64, QString> before = test::bulk::inventorySnapshot(*inventory->db, inventory->ids);
        auto dialog = openDialog(*inventory);
        QVERIFY(dialog);
        chooseExample(*dialog);
        auto* save = test::child<QPushButton>(dialog.get(), "bulkSave");
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10000);

        test::child<QComboBox>(dialog.get(), "bulkKeySize")->setCurrentText(QStringLiteral("1000"));
        QTRY_VERIFY_WITH_TIMEOUT(test::shownMessage(dialog.get(), "bulkProblems").contains(QLatin1String("Key size")),
                                 10000);
        QVERIFY(!save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);

        test::child<QComboBox>(dialog.get(), "bulkKeySize")->setCurrentText(QStringLiteral("3072"));
        test::child<QComboBox>(dialog.get(), "bulkRenewalTimeZone")->setCurrentText(QStringLiteral("Mars/Olympus"));
        QTRY_VERIFY_WITH_TIMEOUT(
            test::shownMessage(dialog.get(), "bulkProblems").contains(QLatin1String("Renewal time zone")), 10000);
        QVERIFY(test::shownMessage(dialog.get(), "bulkProblems").contains(QLatin1String("Mars/Olympus")));
        QVERIFY(!test::shownMessage(dialog.get(), "bulkProblems").contains(QLatin1String("Key size")));
        QVERIFY(!save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QCoreApplication::processEvents();

        QCOMPARE(test::bulk::inventorySnapshot(*inventory->db, inventory->ids), before);
    }

    void templateIsChosenFromTheStoredTemplatesAndItsKeyRulesApply()
    {
        auto inventory = openInventory();
        QVERIFY(inventory);
        CsrTemplate strict;
        strict.name = QStringLiteral("strict-rsa");
        strict.keyAlgorithm = QStringLiteral("RSA");
        strict.keySize = 4096;
        strict.signatureAlgorithm = QStringLiteral("SHA384WithRSA");
        strict.minimumRsaKeySize = 4096;
        strict.allowedKeyAlgorithms = {QStringLiteral("RSA")};
        strict.organization = QStringLiteral("Example Corp");
        QVERIFY(store::CsrTemplateRepository(*inventory->db).save(strict).ok());
        auto dialog = openDialog(*inventory);
        QVERIFY(dialog);
        chooseExample(*dialog);

        // A list of the stored templates, not free text.
        auto* templates = test::child<QComboBox>(dialog.get(), "bulkCsrTemplate");
        QVERIFY(!templates->isEditable());
        QTRY_COMPARE_WITH_TIMEOUT(templates->count(), 2, 10000);
        QCOMPARE(templates->itemData(1).toString(), strict.name);

        // Choosing it takes over its key settings.
        templates->setCurrentIndex(1);
        Q_EMIT templates->activated(1);
        QCOMPARE(test::child<QComboBox>(dialog.get(), "bulkKeySize")->currentText(), QStringLiteral("4096"));
        QCOMPARE(test::child<QComboBox>(dialog.get(), "bulkSignatureAlgorithm")->currentText(),
                 QStringLiteral("SHA384WithRSA"));
        auto* save = test::child<QPushButton>(dialog.get(), "bulkSave");
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10000);
        QVERIFY2(previewOf(*dialog).contains(QLatin1String("strict-rsa")), qPrintable(previewOf(*dialog)));

        // A key its policy refuses is a problem that names the template; Save stays disabled.
        test::child<QComboBox>(dialog.get(), "bulkKeySize")->setCurrentText(QStringLiteral("3072"));
        QTRY_VERIFY_WITH_TIMEOUT(
            test::shownMessage(dialog.get(), "bulkProblems").contains(QLatin1String("\"strict-rsa\"")), 10000);
        QVERIFY(!save->isEnabled());

        // Only Full Override uses a template: with another CSR mode the list is greyed out.
        auto* mode = test::child<QComboBox>(dialog.get(), "bulkCsrMode");
        mode->setCurrentIndex(mode->findData(static_cast<int>(CsrMode::PartialOverride)));
        QTRY_VERIFY_WITH_TIMEOUT(!templates->isEnabled(), 10000);
    }

    void fieldsOfAnUncheckedGroupStayGreyedOut()
    {
        auto inventory = openInventory();
        QVERIFY(inventory);
        auto dialog = openDialog(*inventory);
        QVERIFY(dialog);
        auto* renewal = test::child<QGroupBox>(dialog.get(), "groupRenewal");
        auto* within = test::child<QSpinBox>(dialog.get(), "bulkRenewWithinDays");
        QVERIFY(!renewal->isChecked());
        // The dialog refreshes its fields after every change: the spin box must not come back to life.
        test::child<QComboBox>(dialog.get(), "bulkKeyAlgorithm")->setCurrentIndex(1);
        runPendingUpdates();
        QVERIFY(!within->isEnabled());

        renewal->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(within->isEnabled(), 10000);
        // On a date instead of days before expiry: the days are greyed, the date is not.
        test::child<QRadioButton>(dialog.get(), "bulkRenewOnDate")->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!within->isEnabled(), 10000);
        QVERIFY(dialog->findChild<QWidget*>(QStringLiteral("bulkRenewalDate"))->isEnabled());
        // Renewal switched off inside the group: nothing of it is editable.
        test::child<QRadioButton>(dialog.get(), "bulkRenewDays")->setChecked(true);
        test::child<QCheckBox>(dialog.get(), "bulkRenewalEnabled")->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(!within->isEnabled(), 10000);
        renewal->setChecked(false);
        test::child<QCheckBox>(dialog.get(), "bulkRenewalEnabled")->setChecked(true);
        runPendingUpdates();
        QVERIFY(!within->isEnabled());
    }

    void failureInTheMiddleOfTheTransactionLeavesAllUnchanged()
    {
        auto inventory = openInventory();
        QVERIFY(inventory);
        const QMap<qint64, QString> before = test::bulk::inventorySnapshot(*inventory->db, inventory->ids);
        auto dialog = openDialog(*inventory);
        QVERIFY(dialog);
        chooseExample(*dialog);
        auto* save = test::child<QPushButton>(dialog.get(), "bulkSave");
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10000);

        // The database refuses the write of the certificate in the middle of the selection.
        const qint64 refused = inventory->ids.at(kCertificates / 2 + 1);
        QVERIFY(test::bulk::failWritesOf(*inventory->db, refused));
        QSignalSpy failed(dialog.get(), &ui::BulkConfigureDialog::saveFailed);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
        const QString shown = test::shownMessage(dialog.get(), "bulkResult");
        QVERIFY2(shown.contains(QLatin1String("Nothing was saved")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("#%1").arg(refused)), qPrintable(shown));
        QCOMPARE(test::bulk::inventorySnapshot(*inventory->db, inventory->ids), before);
    }

    void certificateDeletedUnderneathLeavesAllUnchanged()
    {
        auto inventory = openInventory();
        QVERIFY(inventory);
        auto dialog = openDialog(*inventory);
        QVERIFY(dialog);
        chooseExample(*dialog);
        auto* save = test::child<QPushButton>(dialog.get(), "bulkSave");
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10000);

        // Someone removes a certificate after the preview was read (e.g. a second console on the inventory).
        const qint64 removed = inventory->ids.at(kCertificates - 3);
        QVERIFY(store::CertificateRepository(*inventory->db).remove(removed));
        QList<qint64> remaining = inventory->ids;
        remaining.removeAll(removed);
        const QMap<qint64, QString> before = test::bulk::inventorySnapshot(*inventory->db, remaining);

        QSignalSpy failed(dialog.get(), &ui::BulkConfigureDialog::saveFailed);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("#%1").arg(removed)),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(test::bulk::inventorySnapshot(*inventory->db, remaining), before);
    }

    // Not a check: with CERTDECK_BULK_SCREENSHOT=<file> the dialog stays up (under Xvfb) until <file> exists.
    void showForScreenshot()
    {
        const QString marker = qEnvironmentVariable("CERTDECK_BULK_SCREENSHOT");
        if (marker.isEmpty()) {
            QSKIP("Set CERTDECK_BULK_SCREENSHOT to keep the dialog up for a screenshot.");
        }
        auto inventory = openInventory();
        QVERIFY(inventory);
        auto dialog = openDialog(*inventory);
        QVERIFY(dialog);
        chooseExample(*dialog);
        QTRY_VERIFY_WITH_TIMEOUT(previewOf(*dialog).contains(QLatin1String("Renewal time zone")), 10000);
        dialog->move(0, 0);
        const QDeadlineTimer deadline(120000);
        while (!QFile::exists(marker) && !deadline.hasExpired()) {
            QTest::qWait(100);
        }
    }
};

QTEST_MAIN(TestBulkConfigureDialog)
#include "TestBulkConfigureDialog.moc"
