// Saving the provisioning wizard with dns-01 against the real engine and a real Secret Service: the TSIG secret
// ends up in the keychain under "tsig/<key name>", the inventory holds the server, zone and key name but never the
// secret, and without a keychain the wizard stays open and says so.
// Runs inside tests/support/with-keyring.sh.
#include "engine/jobs/LifecycleService.h"
#include "engine/secrets/SecretStore.h"
#include "tests/gui/console/ConsoleFixture.h"
#include "ui/wizard/DcvPage.h"
#include "ui/wizard/ProvisioningWizard.h"

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace certdeck;
using ui::ProvisioningWizard;

namespace {

const QByteArray kSecret = "c2VjcmV0IFRTSUcga2V5IGZvciBDZXJ0RGVjayB0ZXN0cyE=";

ProvisioningConfig wildcardConfig()
{
    ProvisioningConfig config;
    config.commonName = QStringLiteral("*.shop.example.test");
    config.sans = {QStringLiteral("shop.example.test")};
    config.serverType = QStringLiteral("nginx");
    config.caType = QStringLiteral("acme");
    config.caConnectorName = QStringLiteral("pebble");
    return config;
}

void fillDns(ProvisioningWizard* wizard, const QString& keyName)
{
    QWidget* page = wizard->dcvPage();
    page->findChild<QRadioButton*>(QStringLiteral("dcvMethodDns"))->setChecked(true);
    page->findChild<QLineEdit*>(QStringLiteral("dnsServer"))->setText(QStringLiteral("127.0.0.1"));
    page->findChild<QLineEdit*>(QStringLiteral("dnsZone"))->setText(QStringLiteral("example.test"));
    page->findChild<QLineEdit*>(QStringLiteral("dnsKeyName"))->setText(keyName);
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("dnsSecret")), QString::fromLatin1(kSecret));
}

} // namespace

class TestWizardTsigSecret : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void secretGoesToTheKeychainAndOnlyTheKeyNameToTheInventory();
    void withoutKeychainTheWizardStaysOpenAndSaysSo();

private:
    std::unique_ptr<test::ConsoleFixture> m_fixture;
};

void TestWizardTsigSecret::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_fixture = std::make_unique<test::ConsoleFixture>();
    QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
}

void TestWizardTsigSecret::secretGoesToTheKeychainAndOnlyTheKeyNameToTheInventory()
{
    ProvisioningWizard wizard(m_fixture->services(), 0, wildcardConfig());
    wizard.setStartId(ProvisioningWizard::DcvPageId);
    wizard.show();
    QCOMPARE(wizard.currentId(), int(ProvisioningWizard::DcvPageId));
    fillDns(&wizard, QStringLiteral("certdeck-update"));
    QVERIFY(wizard.dcvPage()->isComplete());
    QSignalSpy saved(&wizard, &ProvisioningWizard::saved);
    wizard.accept();
    QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty() || !wizard.saveError().isEmpty(), 20000);
    QVERIFY2(wizard.saveError().isEmpty(), qPrintable(wizard.saveError()));
    const qint64 id = saved.first().first().toLongLong();

    // The keychain holds the secret under the key's name.
    const Result<QByteArray> secret = m_fixture->secrets().readBlocking(QStringLiteral("tsig/certdeck-update"));
    QVERIFY2(secret.ok(), qPrintable(secret.message()));
    QCOMPARE(secret.value(), kSecret);

    // The inventory holds where and how to update, not the secret.
    std::optional<Result<ProvisioningConfig>> loaded;
    QObject context;
    m_fixture->lifecycle().loadProvisioningConfig(id, &context,
                                                  [&](Result<ProvisioningConfig> result) { loaded = result; });
    QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), 20000);
    QVERIFY2(loaded->ok(), qPrintable(loaded->message()));
    QCOMPARE(loaded->value().dcvMethod, QStringLiteral("dns-01"));
    QCOMPARE(loaded->value().dnsServer, QStringLiteral("127.0.0.1"));
    QCOMPARE(loaded->value().dnsZone, QStringLiteral("example.test"));
    QCOMPARE(loaded->value().dnsKeyName, QStringLiteral("certdeck-update"));
    QDir dir(m_fixture->dir());
    for (const QString& name : dir.entryList({QStringLiteral("inventory.db*")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(kSecret), qPrintable(name));
        QVERIFY2(!bytes.contains(QByteArray::fromBase64(kSecret)), qPrintable(name));
    }
}

void TestWizardTsigSecret::withoutKeychainTheWizardStaysOpenAndSaysSo()
{
    ui::UiServices services = m_fixture->services();
    services.secrets = nullptr;
    ProvisioningWizard wizard(services, 0, wildcardConfig());
    wizard.setStartId(ProvisioningWizard::DcvPageId);
    wizard.show();
    fillDns(&wizard, QStringLiteral("other-key"));
    QSignalSpy saved(&wizard, &ProvisioningWizard::saved);
    wizard.accept();
    QTRY_VERIFY(!wizard.saveError().isEmpty());
    QVERIFY2(wizard.saveError().contains(QStringLiteral("The TSIG secret could not be stored: no keychain")),
             qPrintable(wizard.saveError()));
    QVERIFY(wizard.isVisible());
    QVERIFY(saved.isEmpty());
}

QTEST_MAIN(TestWizardTsigSecret)
#include "TestWizardTsigSecret.moc"
