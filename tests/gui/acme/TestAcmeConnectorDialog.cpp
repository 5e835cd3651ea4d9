// "Add ACME Connector": every field says what to enter, EAB fields appear where the CA needs them, Create hands the
// entered specification to the AcmeAdmin and waits for it without blocking, a failure keeps the dialog and the values,
// and the connector list removes only after confirmation.
#include "tests/gui/acme/FakeAcmeAdmin.h"
#include "tests/support/WidgetLookup.h"
#include "ui/dialogs/AcmeConnectorDialog.h"
#include "ui/dialogs/AcmeConnectorsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace certdeck;
using ui::AcmeConnectorDialog;

namespace {

using test::child;

QString message(QWidget* dialog)
{
    return test::shownMessage(dialog, "acmeMessage");
}

QPushButton* createButton(QWidget* dialog)
{
    return child<QPushButton>(dialog, "acmeCreate");
}

void choosePreset(QWidget* dialog, const char* id)
{
    auto* preset = child<QComboBox>(dialog, "acmePreset");
    preset->setCurrentIndex(preset->findData(QLatin1String(id)));
}

} // namespace

class TestAcmeConnectorDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fieldsSayWhatToEnter();
    void eabFieldsAppearOnlyWhereTheCaNeedsThem();
    void createSendsTheEnteredSpecAndCloses();
    void failureShowsTheMessageAndKeepsTheValues();
    void connectorListRemovesAfterConfirmation();

private:
    std::unique_ptr<AcmeConnectorDialog> openDialog(test::FakeAcmeAdmin& admin);
};

std::unique_ptr<AcmeConnectorDialog> TestAcmeConnectorDialog::openDialog(test::FakeAcmeAdmin& admin)
{
    auto dialog = std::make_unique<AcmeConnectorDialog>(&admin, nullptr);
    dialog->show();
    return dialog;
}

void TestAcmeConnectorDialog::fieldsSayWhatToEnter()
{
    test::FakeAcmeAdmin admin;
    ca::AcmeConnectorInfo taken;
    taken.name = QStringLiteral("taken");
    admin.existing = {taken};
    auto dialog = openDialog(admin);
    QWidget* d = dialog.get();

    // Let's Encrypt is first: its name and URL are filled in, only the terms are missing.
    QCOMPARE(child<QLineEdit>(d, "acmeName")->text(), QStringLiteral("letsencrypt"));
    QCOMPARE(child<QLineEdit>(d, "acmeDirectoryUrl")->text(),
             QStringLiteral("https://acme-v02.api.letsencrypt.org/directory"));
    QVERIFY(child<QLineEdit>(d, "acmeDirectoryUrl")->isReadOnly());
    QVERIFY2(message(d).contains(QStringLiteral("Terms of service")), qPrintable(message(d)));
    QVERIFY(!createButton(d)->isEnabled());
    child<QCheckBox>(d, "acmeTermsAgreed")->setChecked(true);
    QCOMPARE(message(d), QString());
    QVERIFY(createButton(d)->isEnabled());

    auto* name = child<QLineEdit>(d, "acmeName");
    name->setText(QString());
    QVERIFY(message(d).contains(QStringLiteral("Connector name: enter")));
    name->setText(QStringLiteral("le prod!"));
    QVERIFY2(message(d).contains(QStringLiteral("\"le prod!\" has characters that are not allowed")),
             qPrintable(message(d)));
    QVERIFY(!createButton(d)->isEnabled());
    name->setText(QStringLiteral("taken")); // from the admin's list, which answers asynchronously
    QTRY_VERIFY2(message(d).contains(QStringLiteral("\"taken\" is already used")), qPrintable(message(d)));
    name->setText(QStringLiteral("le-prod"));
    QCOMPARE(message(d), QString());

    auto* email = child<QLineEdit>(d, "acmeEmail");
    email->setText(QStringLiteral("admin.example.com"));
    QVERIFY2(message(d).contains(QStringLiteral("\"admin.example.com\" is not an e-mail address")),
             qPrintable(message(d)));
    email->setText(QStringLiteral("admin@example.com"));
    QCOMPARE(message(d), QString());

    choosePreset(d, "custom");
    auto* url = child<QLineEdit>(d, "acmeDirectoryUrl");
    QVERIFY(!url->isReadOnly());
    QCOMPARE(url->text(), QString());
    QVERIFY2(message(d).contains(QStringLiteral("Directory URL: enter")), qPrintable(message(d)));
    url->setText(QStringLiteral("http://acme.internal/directory"));
    QVERIFY2(message(d).contains(QStringLiteral("is not an https:// address")), qPrintable(message(d)));
    url->setText(QStringLiteral("https://acme.internal:14000/dir"));
    QCOMPARE(message(d), QString());
    auto* bundle = child<QLineEdit>(d, "acmeTrustBundle");
    QVERIFY(bundle->isVisibleTo(d));
    bundle->setText(QStringLiteral("/nonexistent/roots.pem"));
    QVERIFY2(message(d).contains(QStringLiteral("Trust bundle: /nonexistent/roots.pem does not exist")),
             qPrintable(message(d)));
    QVERIFY(!createButton(d)->isEnabled());
    bundle->clear();
    QVERIFY(createButton(d)->isEnabled());

    // Back to a preset: its URL again, and the custom URL comes back when custom is chosen again.
    choosePreset(d, "letsencrypt");
    QCOMPARE(url->text(), QStringLiteral("https://acme-v02.api.letsencrypt.org/directory"));
    QVERIFY(!bundle->isVisibleTo(d));
    choosePreset(d, "custom");
    QCOMPARE(url->text(), QStringLiteral("https://acme.internal:14000/dir"));
}

void TestAcmeConnectorDialog::eabFieldsAppearOnlyWhereTheCaNeedsThem()
{
    test::FakeAcmeAdmin admin;
    auto dialog = openDialog(admin);
    QWidget* d = dialog.get();
    auto* keyId = child<QLineEdit>(d, "acmeEabKeyId");
    auto* hmac = child<QLineEdit>(d, "acmeEabHmacKey");
    auto* help = child<QLabel>(d, "acmeEabHelp");
    child<QCheckBox>(d, "acmeTermsAgreed")->setChecked(true);

    QVERIFY(!keyId->isVisibleTo(d));
    QVERIFY(!hmac->isVisibleTo(d));
    QVERIFY(!help->isVisibleTo(d));

    choosePreset(d, "zerossl");
    QVERIFY(keyId->isVisibleTo(d));
    QVERIFY(hmac->isVisibleTo(d));
    QCOMPARE(hmac->echoMode(), QLineEdit::Password);
    QCOMPARE(help->text(), QStringLiteral("ZeroSSL: Developer > EAB Credentials for ACME Clients > Generate."));
    QCOMPARE(child<QLineEdit>(d, "acmeName")->text(), QStringLiteral("zerossl"));
    QVERIFY2(message(d).contains(QStringLiteral("EAB key ID: ZeroSSL requires External Account Binding")),
             qPrintable(message(d)));
    keyId->setText(QStringLiteral("kid-123"));
    QVERIFY2(message(d).contains(QStringLiteral("EAB HMAC key: enter the HMAC key that belongs to key ID kid-123")),
             qPrintable(message(d)));
    hmac->setText(QStringLiteral("not base64url!"));
    QVERIFY2(message(d).contains(QStringLiteral("base64url")), qPrintable(message(d)));
    hmac->setText(QStringLiteral("c2VjcmV0LWhtYWMta2V5LWJ5dGVz_-"));
    QCOMPARE(message(d), QString());

    // Custom: shown, but optional unless one of the two is entered.
    choosePreset(d, "custom");
    child<QLineEdit>(d, "acmeDirectoryUrl")->setText(QStringLiteral("https://acme.internal/dir"));
    keyId->clear();
    hmac->clear();
    QVERIFY(keyId->isVisibleTo(d));
    QVERIFY(help->text().startsWith(QStringLiteral("Optional")));
    QCOMPARE(message(d), QString());
    keyId->setText(QStringLiteral("kid-9"));
    QVERIFY(message(d).contains(QStringLiteral("EAB HMAC key")));

    choosePreset(d, "letsencrypt");
    QVERIFY(!keyId->isVisibleTo(d));
    QCOMPARE(message(d), QString());
    QVERIFY(dialog->spec().eabKeyId.isEmpty()); // hidden fields are not sent
}

void TestAcmeConnectorDialog::createSendsTheEnteredSpecAndCloses()
{
    QTemporaryDir dir;
    const QString bundlePath = dir.filePath(QStringLiteral("roots.pem"));
    {
        QFile file(bundlePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-----BEGIN CERTIFICATE-----\n");
    }
    test::FakeAcmeAdmin admin;
    auto dialog = openDialog(admin);
    QWidget* d = dialog.get();
    choosePreset(d, "custom");
    QTest::keyClicks(child<QLineEdit>(d, "acmeDirectoryUrl"), QStringLiteral("https://127.0.0.1:14000/dir"));
    auto* name = child<QLineEdit>(d, "acmeName");
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("pebble"));
    QTest::keyClicks(child<QLineEdit>(d, "acmeEmail"), QStringLiteral("ops@example.com"));
    child<QCheckBox>(d, "acmeTermsAgreed")->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(d, "acmeEabKeyId"), QStringLiteral("kid-1"));
    QTest::keyClicks(child<QLineEdit>(d, "acmeEabHmacKey"),
                     QStringLiteral("zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W"));
    QTest::keyClicks(child<QLineEdit>(d, "acmePreferredChain"), QStringLiteral("Pebble Root CA"));
    child<QLineEdit>(d, "acmeTrustBundle")->setText(bundlePath);
    child<QSpinBox>(d, "acmeHttpPort")->setValue(5002);
    QCOMPARE(message(d), QString());

    QTest::mouseClick(createButton(d), Qt::LeftButton);
    // Waiting for the CA: nothing can be changed or pressed twice, and the dialog cannot be closed under the call.
    QVERIFY(dialog->isCreating());
    QVERIFY(!createButton(d)->isEnabled());
    QVERIFY(!child<QDialogButtonBox>(d, "")->button(QDialogButtonBox::Cancel)->isEnabled());
    QVERIFY(!name->isEnabled());
    dialog->reject();
    QVERIFY(dialog->isVisible());
    QCOMPARE(admin.specs.size(), 1);

    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    const ca::AcmeConnectorSpec& spec = admin.specs.first();
    QCOMPARE(spec.name, QStringLiteral("pebble"));
    QCOMPARE(spec.presetId, QStringLiteral("custom"));
    QCOMPARE(spec.directoryUrl, QStringLiteral("https://127.0.0.1:14000/dir"));
    QCOMPARE(spec.contactEmail, QStringLiteral("ops@example.com"));
    QVERIFY(spec.termsAgreed);
    QCOMPARE(spec.eabKeyId, QStringLiteral("kid-1"));
    QCOMPARE(spec.eabHmacKey, QByteArray("zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W"));
    QCOMPARE(spec.preferredChain, QStringLiteral("Pebble Root CA"));
    QCOMPARE(spec.trustBundlePath, bundlePath);
    QCOMPARE(spec.httpValidationPort, 5002);
    QCOMPARE(dialog->created().name, QStringLiteral("pebble"));
}

void TestAcmeConnectorDialog::failureShowsTheMessageAndKeepsTheValues()
{
    test::FakeAcmeAdmin admin;
    admin.failWith = QStringLiteral("Let's Encrypt refused the account: too many registrations from this IP; retry "
                                    "after 2026-11-27 10:00 UTC.");
    auto dialog = openDialog(admin);
    QWidget* d = dialog.get();
    child<QLineEdit>(d, "acmeEmail")->setText(QStringLiteral("ops@example.com"));
    child<QCheckBox>(d, "acmeTermsAgreed")->setChecked(true);
    QTest::keyClick(d, Qt::Key_Return); // Create is the default button
    QCOMPARE(admin.specs.size(), 1);
    QTRY_VERIFY(!dialog->isCreating());
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("The ACME connector letsencrypt could not be created")),
             qPrintable(dialog->errorText()));
    QVERIFY(dialog->errorText().contains(QStringLiteral("retry after 2026-11-27 10:00 UTC")));
    QCOMPARE(child<QLineEdit>(d, "acmeName")->text(), QStringLiteral("letsencrypt"));
    QCOMPARE(child<QLineEdit>(d, "acmeEmail")->text(), QStringLiteral("ops@example.com"));
    QVERIFY(child<QCheckBox>(d, "acmeTermsAgreed")->isChecked());
    QVERIFY(createButton(d)->isEnabled());
    QVERIFY(child<QLineEdit>(d, "acmeName")->isEnabled());

    // A second try that works clears the message and closes.
    admin.failWith.clear();
    QTest::mouseClick(createButton(d), Qt::LeftButton);
    QVERIFY(dialog->errorText().isEmpty());
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(admin.specs.size(), 2);
}

void TestAcmeConnectorDialog::connectorListRemovesAfterConfirmation()
{
    test::FakeAcmeAdmin admin;
    for (const char* name : {"letsencrypt", "zerossl"}) {
        ca::AcmeConnectorInfo info;
        info.name = QLatin1String(name);
        info.directoryUrl = QStringLiteral("https://%1.example/dir").arg(info.name);
        admin.existing.append(info);
    }
    ui::AcmeConnectorsDialog dialog(&admin, nullptr);
    dialog.show();
    QTRY_COMPARE(dialog.list()->topLevelItemCount(), 2);
    dialog.list()->setCurrentItem(dialog.list()->topLevelItem(1));
    auto* remove = child<QPushButton>(&dialog, "acmeRemove");
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = dialog.findChild<QMessageBox*>(QStringLiteral("confirmRemoveBox"))));
    QVERIFY(box->text().contains(QStringLiteral("zerossl")));
    box->button(QMessageBox::Cancel)->click();
    QVERIFY(admin.removed.isEmpty());

    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_VERIFY((box = dialog.findChild<QMessageBox*>(QStringLiteral("confirmRemoveBox"))) && box->isVisible());
    for (QAbstractButton* button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole) {
            button->click();
        }
    }
    QCOMPARE(admin.removed, QStringList{QStringLiteral("zerossl")});
    QTRY_COMPARE(dialog.list()->topLevelItemCount(), 1);
    QCOMPARE(dialog.list()->topLevelItem(0)->text(0), QStringLiteral("letsencrypt"));
}

QTEST_MAIN(TestAcmeConnectorDialog)
#include "TestAcmeConnectorDialog.moc"
