// CSR templates in the console: the manager (Certificate > CSR Templates...) creates, edits and deletes them (delete
// asks first); the editor says under each field what is wrong; and in the wizard's CSR page a template's policy
// refuses a 1024-bit RSA key and a SAN outside its allowed names.

#include "engine/store/CsrTemplateRepository.h"
#include "tests/gui/wizard/WizardDriver.h"
#include "tests/gui/wizard/WizardFixture.h"
#include "tests/support/WidgetLookup.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/CsrTemplateDialog.h"
#include "ui/dialogs/CsrTemplatesDialog.h"
#include "ui/wizard/CsrPage.h"
#include "ui/wizard/ProvisioningWizard.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <optional>

using namespace certdeck;
using ui::ProvisioningWizard;
namespace drive = test::wizard;

namespace {

QPushButton* saveButton(QDialog* dialog)
{
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
}

QStringList listedNames(QTreeWidget* list)
{
    QStringList names;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        names << list->topLevelItem(i)->text(0);
    }
    return names;
}

} // namespace

class TestCsrTemplatesGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_fixture.start(); }
    void managerCreatesEditsAndDeletesTemplates();
    void editorFieldSaysWhatToEnter_data();
    void editorFieldSaysWhatToEnter();
    void templatePolicyRefusesWeakKeyAndForeignSan();

private:
    std::optional<CsrTemplate> stored(const QString& name);
    test::WizardFixture m_fixture;
};

std::optional<CsrTemplate> TestCsrTemplatesGui::stored(const QString& name)
{
    auto found = store::CsrTemplateRepository(*m_fixture.engine().database).find(name);
    return found.ok() ? *found : std::nullopt;
}

void TestCsrTemplatesGui::managerCreatesEditsAndDeletesTemplates()
{
    ui::MainWindow& window = m_fixture.window();
    auto* action = window.findChild<QAction*>(QStringLiteral("csrTemplatesAction"));
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    action->trigger();
    QTRY_VERIFY(window.findChild<ui::CsrTemplatesDialog*>());
    auto* manager = window.findChild<ui::CsrTemplatesDialog*>();
    QTRY_VERIFY(manager->isVisible());
    QTreeWidget* list = manager->list();
    QVERIFY(!test::child<QPushButton>(manager, "editTemplate")->isEnabled()); // nothing selected

    // New
    test::child<QPushButton>(manager, "newTemplate")->click();
    QTRY_VERIFY(manager->editor());
    ui::CsrTemplateDialog* editor = manager->editor();
    QVERIFY(!saveButton(editor)->isEnabled()); // no name yet
    QVERIFY(drive::message(editor, QStringLiteral("templateNameMessage")).contains(QStringLiteral("Name: enter")));
    drive::setField(editor, QStringLiteral("templateName"), QStringLiteral("api-ec"));
    drive::setField(editor, QStringLiteral("templateKeyAlgorithm"), QStringLiteral("EC"));
    drive::setField(editor, QStringLiteral("templateKeySize"), QStringLiteral("384"));
    drive::setField(editor, QStringLiteral("templateSignatureAlgorithm"), QStringLiteral("SHA384WithECDSA"));
    drive::setField(editor, QStringLiteral("subjectO"), QStringLiteral("Example Inc"));
    drive::setField(editor, QStringLiteral("allowedNames"), QStringLiteral("*.api.example.com"));
    drive::setField(editor, QStringLiteral("templateDescription"), QStringLiteral("API gateways, EC P-384"));
    drive::setField(editor, QStringLiteral("subjectC"), QStringLiteral("us"));
    drive::screenshot(editor, QStringLiteral("h3-template-dialog-invalid"));
    drive::setField(editor, QStringLiteral("subjectC"), QStringLiteral("US"));
    drive::screenshot(editor, QStringLiteral("h3-template-dialog"));
    QVERIFY2(saveButton(editor)->isEnabled(), qPrintable(drive::allMessages(editor)));
    saveButton(editor)->click();
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(list), QStringList{QStringLiteral("api-ec")}, 20000);
    auto created = stored(QStringLiteral("api-ec"));
    QVERIFY(created);
    QCOMPARE(created->keyAlgorithm, QStringLiteral("EC"));
    QCOMPARE(created->keySize, 384);
    QCOMPARE(created->organization, QStringLiteral("Example Inc"));
    QCOMPARE(created->allowedNamePatterns, QStringList{QStringLiteral("*.api.example.com")});

    // A second template of the same name is refused in the editor.
    test::child<QPushButton>(manager, "newTemplate")->click();
    QTRY_VERIFY(manager->editor());
    drive::setField(manager->editor(), QStringLiteral("templateName"), QStringLiteral("api-ec"));
    QVERIFY(drive::message(manager->editor(), QStringLiteral("templateNameMessage"))
                .contains(QStringLiteral("\"api-ec\" already exists")));
    QVERIFY(!saveButton(manager->editor())->isEnabled());
    manager->editor()->reject();
    QTRY_VERIFY(!manager->editor());

    // Edit: the name is fixed, the rest changes.
    list->setCurrentItem(list->topLevelItem(0));
    QVERIFY(test::child<QPushButton>(manager, "editTemplate")->isEnabled());
    test::child<QPushButton>(manager, "editTemplate")->click();
    QTRY_VERIFY(manager->editor());
    editor = manager->editor();
    QVERIFY(test::child<QLineEdit>(editor, "templateName")->isReadOnly());
    QCOMPARE(test::child<QComboBox>(editor, "templateKeySize")->currentData().toInt(), 384);
    drive::setField(editor, QStringLiteral("templateKeySize"), QStringLiteral("256"));
    drive::setField(editor, QStringLiteral("templateSignatureAlgorithm"), QStringLiteral("SHA256WithECDSA"));
    drive::setField(editor, QStringLiteral("maximumSans"), QStringLiteral("4"));
    QVERIFY2(saveButton(editor)->isEnabled(), qPrintable(drive::allMessages(editor)));
    saveButton(editor)->click();
    QTRY_VERIFY_WITH_TIMEOUT(stored(QStringLiteral("api-ec")) && stored(QStringLiteral("api-ec"))->keySize == 256,
                             20000);
    QCOMPARE(stored(QStringLiteral("api-ec"))->maximumSans, 4);
    QCOMPARE(stored(QStringLiteral("api-ec"))->organization, QStringLiteral("Example Inc")); // kept
    QTRY_VERIFY(list->topLevelItemCount() == 1 && list->topLevelItem(0)->text(1) == QStringLiteral("EC P-256"));

    // Delete asks; Cancel keeps the template, Delete removes it.
    list->setCurrentItem(list->topLevelItem(0));
    test::child<QPushButton>(manager, "deleteTemplate")->click();
    QTRY_VERIFY(manager->confirmation());
    QVERIFY(manager->confirmation()->text().contains(QStringLiteral("\"api-ec\"")));
    manager->confirmation()->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!manager->confirmation());
    QVERIFY(stored(QStringLiteral("api-ec")));
    list->setCurrentItem(list->topLevelItem(0));
    test::child<QPushButton>(manager, "deleteTemplate")->click();
    QTRY_VERIFY(manager->confirmation());
    QAbstractButton* remove = nullptr;
    for (QAbstractButton* button : manager->confirmation()->buttons()) {
        if (manager->confirmation()->buttonRole(button) == QMessageBox::DestructiveRole) {
            remove = button;
        }
    }
    QVERIFY(remove);
    remove->click();
    QTRY_VERIFY_WITH_TIMEOUT(list->topLevelItemCount() == 0, 20000);
    QVERIFY(!stored(QStringLiteral("api-ec")));
    manager->close();
}

void TestCsrTemplatesGui::editorFieldSaysWhatToEnter_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("messageName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("name empty") << "templateName"
                                << ""
                                << "templateNameMessage"
                                << "Name: enter a name";
    QTest::newRow("name chars") << "templateName"
                                << "web/rsa"
                                << "templateNameMessage"
                                << "\"web/rsa\" is not a template name";
    QTest::newRow("name taken") << "templateName"
                                << "taken"
                                << "templateNameMessage"
                                << "already exists";
    QTest::newRow("country") << "subjectC"
                             << "de"
                             << "templateSubjectMessage"
                             << "Country: \"de\" is not a two-letter ISO 3166 code";
    QTest::newRow("organization long") << "subjectO" << QString(70, QLatin1Char('o')) << "templateSubjectMessage"
                                       << "Organization: 70 characters is too long";
    QTest::newRow("own key below minimum") << "minimumRsaKeySize"
                                           << "4096"
                                           << "templateKeySizeMessage"
                                           << "below the template's own minimum RSA key size of 4096";
    QTest::newRow("allowed names") << "allowedNames"
                                   << "example.com, bad name"
                                   << "templateAllowedNamesMessage"
                                   << "Allowed names: \"bad name\" is not a domain name";
    QTest::newRow("maximum sans") << "maximumSans"
                                  << "0"
                                  << "templateMaximumSansMessage"
                                  << "Maximum SANs: 0 is out of range";
    QTest::newRow("own algorithm not allowed") << "allowRsa"
                                               << "false"
                                               << "templateKeyAlgorithmMessage"
                                               << "own RSA key is not among its allowed key algorithms";
}

void TestCsrTemplatesGui::editorFieldSaysWhatToEnter()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, messageName);
    QFETCH(QString, expected);
    CsrTemplate start;
    start.name.clear();
    ui::CsrTemplateDialog editor(m_fixture.engine().database, start, {QStringLiteral("taken")});
    drive::setField(&editor, QStringLiteral("templateName"), QStringLiteral("fine-name"));
    drive::setField(&editor, QStringLiteral("templateKeySize"), QStringLiteral("3072"));
    QVERIFY2(saveButton(&editor)->isEnabled(), qPrintable(drive::allMessages(&editor)));
    QVERIFY(drive::setField(&editor, field, value));
    const QString shown = drive::message(&editor, messageName);
    QVERIFY2(shown.contains(expected),
             qPrintable(QStringLiteral("shown: \"%1\"; all: %2").arg(shown, drive::allMessages(&editor))));
    QVERIFY(!saveButton(&editor)->isEnabled());
    QVERIFY(!editor.isValid());
}

void TestCsrTemplatesGui::templatePolicyRefusesWeakKeyAndForeignSan()
{
    CsrTemplate policy;
    policy.name = QStringLiteral("shop-policy");
    policy.keyAlgorithm = QStringLiteral("RSA");
    policy.keySize = 3072;
    policy.signatureAlgorithm = QStringLiteral("SHA256WithRSA");
    policy.organization = QStringLiteral("Example GmbH");
    policy.country = QStringLiteral("DE");
    policy.minimumRsaKeySize = 2048;
    policy.allowedNamePatterns = {QStringLiteral("shop.example.com"), QStringLiteral("*.shop.example.com")};
    const Status saved = store::CsrTemplateRepository(*m_fixture.engine().database).save(policy);
    QVERIFY2(saved.ok(), qPrintable(saved.message()));

    ProvisioningWizard* wizard = drive::open(m_fixture.window(), 0);
    QVERIFY(wizard);
    drive::fillValid(wizard);
    QString why;
    QVERIFY2(drive::goTo(wizard, ProvisioningWizard::CsrPageId, &why), qPrintable(why));
    ui::CsrPage* csr = wizard->csrPage();
    auto* templates = test::child<QComboBox>(csr, "csrTemplate");
    QTRY_VERIFY_WITH_TIMEOUT(templates->findData(QStringLiteral("shop-policy")) > 0, 20000);

    // Choosing the template fills the key and signature and shows its subject.
    drive::setField(csr, QStringLiteral("keyAlgorithm"), QStringLiteral("EC"));
    templates->setCurrentIndex(templates->findData(QStringLiteral("shop-policy")));
    QCOMPARE(test::child<QComboBox>(csr, "keyAlgorithm")->currentData().toString(), QStringLiteral("RSA"));
    QCOMPARE(test::child<QComboBox>(csr, "keySize")->currentData().toInt(), 3072);
    QCOMPARE(test::child<QComboBox>(csr, "signatureAlgorithm")->currentData().toString(),
             QStringLiteral("SHA256WithRSA"));
    QVERIFY(test::child<QLabel>(csr, "templateSubject")->text().contains(QStringLiteral("O=Example GmbH, C=DE")));
    QVERIFY2(csr->isComplete(), qPrintable(drive::allMessages(csr)));

    // 1024-bit RSA: below the template's minimum.
    drive::setField(csr, QStringLiteral("keySize"), QStringLiteral("1024"));
    QString shown = drive::message(csr, QStringLiteral("templateMessage"));
    QVERIFY2(shown.contains(QStringLiteral("Key size: RSA 1024 bits is below the minimum of 2048 bits set by the CSR "
                                           "template \"shop-policy\". Choose 2048 bits or more.")),
             qPrintable(shown));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!csr->validatePage());
    QVERIFY(!drive::next(wizard));
    drive::screenshot(wizard, QStringLiteral("h3-csr-page-policy"));
    drive::setField(csr, QStringLiteral("keySize"), QStringLiteral("4096"));
    QCOMPARE(drive::message(csr, QStringLiteral("templateMessage")), QString());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());

    // A SAN outside the allowed names.
    drive::setField(csr, QStringLiteral("sans"), QStringLiteral("www.shop.example.com, shop.example.org"));
    shown = drive::message(csr, QStringLiteral("templateMessage"));
    QVERIFY2(shown.contains(QStringLiteral("\"shop.example.org\" is outside the names the CSR template "
                                           "\"shop-policy\" allows (shop.example.com, *.shop.example.com)")),
             qPrintable(shown));
    QVERIFY(!shown.contains(QStringLiteral("\"www.shop.example.com\"")));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!drive::next(wizard));
    drive::setField(csr, QStringLiteral("sans"), QStringLiteral("www.shop.example.com, a.b.shop.example.com"));
    QVERIFY(
        drive::message(csr, QStringLiteral("templateMessage")).contains(QStringLiteral("\"a.b.shop.example.com\"")));
    drive::setField(csr, QStringLiteral("sans"), QStringLiteral("www.shop.example.com"));
    drive::screenshot(wizard, QStringLiteral("h3-csr-page"));
    QVERIFY2(drive::next(wizard), qPrintable(drive::allMessages(csr)));

    // Without the template the same SAN is fine (the policy belongs to the template).
    wizard->back();
    templates->setCurrentIndex(0);
    drive::setField(csr, QStringLiteral("sans"), QStringLiteral("shop.example.org"));
    QCOMPARE(drive::message(csr, QStringLiteral("templateMessage")), QString());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->reject();
    QTRY_VERIFY(!m_fixture.window().openWizard());
}

QTEST_MAIN(TestCsrTemplatesGui)
#include "TestCsrTemplatesGui.moc"
