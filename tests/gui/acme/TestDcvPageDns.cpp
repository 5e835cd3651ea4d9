// The DCV step's dns-01 choice: the RFC 2136 fields go into the ProvisioningConfig, the TSIG secret does not (it is
// handed out for the keychain), each field says what to enter, and wildcard names get their note.
#include "tests/support/WidgetLookup.h"
#include "ui/wizard/DcvPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTest>

using namespace certdeck;
using ui::DcvPage;

namespace {

using test::child;

QString message(QWidget* parent, const char* name)
{
    return test::shownMessage(parent, name);
}

const QString kSecret = QStringLiteral("3q2+7wAAAAD+7d6tvu/erb7v3q2+7wAAAAD+7d6tvu8=");

void fillDns(DcvPage& page)
{
    child<QRadioButton>(&page, "dcvMethodDns")->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(&page, "dnsServer"), QStringLiteral("ns1.example.com"));
    child<QSpinBox>(&page, "dnsPort")->setValue(5353);
    QTest::keyClicks(child<QLineEdit>(&page, "dnsZone"), QStringLiteral("example.com."));
    QTest::keyClicks(child<QLineEdit>(&page, "dnsKeyName"), QStringLiteral("certdeck-key"));
    auto* algorithm = child<QComboBox>(&page, "dnsKeyAlgorithm");
    algorithm->setCurrentIndex(algorithm->findData(QStringLiteral("hmac-sha512")));
    QTest::keyClicks(child<QLineEdit>(&page, "dnsSecret"), kSecret);
}

} // namespace

class TestDcvPageDns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storesTheDnsFieldsButNotTheSecret();
    void dnsFieldsSayWhatToEnter();
    void storedSecretIsNotAskedAgainForTheSameKey();
    void httpStaysAsItWas();
    void wildcardNamesGetANote();
};

void TestDcvPageDns::storesTheDnsFieldsButNotTheSecret()
{
    DcvPage page;
    page.load(ProvisioningConfig{});
    page.show();
    fillDns(page);
    QVERIFY(page.isComplete());
    QVERIFY(!child<QLineEdit>(&page, "dcvPath")->isEnabled()); // the http-01 block is off while dns-01 is chosen

    ProvisioningConfig config;
    page.store(config);
    QCOMPARE(config.dcvMethod, QStringLiteral("dns-01"));
    QCOMPARE(config.dnsServer, QStringLiteral("ns1.example.com"));
    QCOMPARE(config.dnsPort, 5353);
    QCOMPARE(config.dnsZone, QStringLiteral("example.com."));
    QCOMPARE(config.dnsKeyName, QStringLiteral("certdeck-key"));
    QCOMPARE(config.dnsKeyAlgorithm, QStringLiteral("hmac-sha512"));
    QCOMPARE(page.tsigSecret(), kSecret.toLatin1());
    QCOMPARE(page.tsigSecretKey(), QStringLiteral("tsig/certdeck-key"));
    QCOMPARE(child<QLineEdit>(&page, "dnsSecret")->echoMode(), QLineEdit::Password);
    // What goes to the inventory does not hold the secret.
    const QByteArray json = QJsonDocument(config.toJson()).toJson();
    QVERIFY(!json.contains(kSecret.toLatin1()));
    QVERIFY(!json.contains(QByteArray::fromBase64(kSecret.toLatin1())));

    // And it reads back.
    DcvPage again;
    again.load(ProvisioningConfig::fromJson(config.toJson()));
    QVERIFY(child<QRadioButton>(&again, "dcvMethodDns")->isChecked());
    QCOMPARE(child<QLineEdit>(&again, "dnsServer")->text(), QStringLiteral("ns1.example.com"));
    QCOMPARE(child<QSpinBox>(&again, "dnsPort")->value(), 5353);
    QCOMPARE(child<QComboBox>(&again, "dnsKeyAlgorithm")->currentData().toString(), QStringLiteral("hmac-sha512"));
    QVERIFY(again.tsigSecret().isEmpty());

    // Back to http-01: no secret is handed out.
    child<QRadioButton>(&page, "dcvMethodHttp")->setChecked(true);
    QVERIFY(page.tsigSecret().isEmpty());
    page.store(config);
    QCOMPARE(config.dcvMethod, QStringLiteral("http-01"));
}

void TestDcvPageDns::dnsFieldsSayWhatToEnter()
{
    DcvPage page;
    page.load(ProvisioningConfig{});
    page.show();
    QVERIFY(page.isComplete());
    child<QRadioButton>(&page, "dcvMethodDns")->setChecked(true);
    QVERIFY(!page.isComplete());
    QVERIFY2(message(&page, "dnsServerMessage").contains(QStringLiteral("DNS server: enter the host name or IP")),
             qPrintable(message(&page, "dnsServerMessage")));
    QVERIFY(message(&page, "dnsZoneMessage").contains(QStringLiteral("Zone: enter the DNS zone")));
    QVERIFY(message(&page, "dnsKeyNameMessage").contains(QStringLiteral("TSIG key name: enter")));
    QVERIFY(message(&page, "dnsSecretMessage").contains(QStringLiteral("TSIG secret: enter")));

    auto* server = child<QLineEdit>(&page, "dnsServer");
    server->setText(QStringLiteral("ns1 example com"));
    QVERIFY2(
        message(&page, "dnsServerMessage").contains(QStringLiteral("\"ns1 example com\" is not a host name or IP")),
        qPrintable(message(&page, "dnsServerMessage")));
    server->setText(QStringLiteral("192.0.2.53:53"));
    QVERIFY(message(&page, "dnsServerMessage").contains(QStringLiteral("is not a host name or IP")));
    server->setText(QStringLiteral("2001:db8::53"));
    QCOMPARE(message(&page, "dnsServerMessage"), QString());
    QCOMPARE(child<QSpinBox>(&page, "dnsPort")->minimum(), 1);
    QCOMPARE(child<QSpinBox>(&page, "dnsPort")->maximum(), 65535);

    auto* zone = child<QLineEdit>(&page, "dnsZone");
    zone->setText(QStringLiteral("*.example.com"));
    QVERIFY2(message(&page, "dnsZoneMessage").contains(QStringLiteral("\"*.example.com\" is not a zone name")),
             qPrintable(message(&page, "dnsZoneMessage")));
    zone->setText(QStringLiteral("example.com"));
    QCOMPARE(message(&page, "dnsZoneMessage"), QString());

    auto* key = child<QLineEdit>(&page, "dnsKeyName");
    key->setText(QStringLiteral("my key"));
    QVERIFY(message(&page, "dnsKeyNameMessage").contains(QStringLiteral("\"my key\" is not a key name")));
    key->setText(QStringLiteral("acme-update.example.com."));
    QCOMPARE(message(&page, "dnsKeyNameMessage"), QString());

    auto* secret = child<QLineEdit>(&page, "dnsSecret");
    secret->setText(QStringLiteral("not-base64!"));
    QVERIFY2(message(&page, "dnsSecretMessage").contains(QStringLiteral("TSIG secret: this is not base64")),
             qPrintable(message(&page, "dnsSecretMessage")));
    QVERIFY(!page.isComplete());
    secret->setText(kSecret);
    QCOMPARE(message(&page, "dnsSecretMessage"), QString());
    QVERIFY(page.isComplete());
}

void TestDcvPageDns::storedSecretIsNotAskedAgainForTheSameKey()
{
    ProvisioningConfig config;
    config.dcvMethod = QStringLiteral("dns-01");
    config.dnsServer = QStringLiteral("127.0.0.1");
    config.dnsZone = QStringLiteral("example.test");
    config.dnsKeyName = QStringLiteral("k1");
    DcvPage page;
    page.load(config);
    page.show();
    QVERIFY(page.isComplete());
    QVERIFY(child<QLineEdit>(&page, "dnsSecret")->placeholderText().contains(QStringLiteral("keychain")));
    QVERIFY(page.tsigSecret().isEmpty());
    // Another key has no secret in the keychain yet.
    child<QLineEdit>(&page, "dnsKeyName")->setText(QStringLiteral("k2"));
    QVERIFY(!page.isComplete());
    QVERIFY(message(&page, "dnsSecretMessage").contains(QStringLiteral("TSIG secret: enter")));
}

void TestDcvPageDns::httpStaysAsItWas()
{
    DcvPage page;
    page.load(ProvisioningConfig{});
    page.show();
    QVERIFY(child<QRadioButton>(&page, "dcvMethodHttp")->isChecked());
    child<QCheckBox>(&page, "dcvEnabled")->setChecked(true);
    QVERIFY(message(&page, "dcvPathMessage").contains(QStringLiteral("DCV path: enter")));
    QCOMPARE(message(&page, "dnsServerMessage"), QString()); // dns-01 fields are not checked while unused
    child<QLineEdit>(&page, "dcvPath")->setText(QStringLiteral("/var/www/html"));
    QVERIFY(page.isComplete());
    ProvisioningConfig config;
    page.store(config);
    QCOMPARE(config.dcvMethod, QStringLiteral("http-01"));
    QVERIFY(config.dcvEnabled);
    QCOMPARE(config.dcvPath, QStringLiteral("/var/www/html"));
}

void TestDcvPageDns::wildcardNamesGetANote()
{
    DcvPage page;
    page.load(ProvisioningConfig{});
    page.show();
    auto* note = child<QLabel>(&page, "dcvWildcardNote");
    QVERIFY(note->isHidden());
    page.setIdentities(QStringLiteral("example.com"), {QStringLiteral("www.example.com")});
    QVERIFY(note->isHidden());
    page.setIdentities(QStringLiteral("example.com"), {QStringLiteral("*.example.com")});
    QVERIFY(!note->isHidden());
    QVERIFY2(note->text().contains(QStringLiteral("*.example.com: CAs validate wildcard names only with a DNS TXT "
                                                  "record (dns-01)")),
             qPrintable(note->text()));
    child<QRadioButton>(&page, "dcvMethodDns")->setChecked(true);
    QVERIFY(note->text().contains(QStringLiteral("as chosen")));
}

QTEST_MAIN(TestDcvPageDns)
#include "TestDcvPageDns.moc"
