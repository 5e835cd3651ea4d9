// The pure part of Bulk Configure: which groups are applied, what the preview counts, which values are refused.
#include "engine/jobs/BulkConfiguration.h"

#include <QTest>

using namespace certdeck;
using namespace certdeck::jobs;

namespace {

BulkTarget target(qint64 id, std::optional<ProvisioningConfig> config,
                  CertificateStatus status = CertificateStatus::Managed)
{
    BulkTarget t;
    t.record.id = id;
    t.record.commonName = QStringLiteral("c%1.example.com").arg(id);
    t.record.sans = {t.record.commonName};
    t.record.keyAlgorithm = QStringLiteral("RSA");
    t.record.keyBits = 2048;
    t.record.serverType = QStringLiteral("apache-http");
    t.record.status = status;
    t.config = std::move(config);
    return t;
}

ProvisioningConfig configWithKey(int keySize)
{
    ProvisioningConfig config;
    config.keySize = keySize;
    config.commonName = QStringLiteral("own.example.com");
    config.sans = {QStringLiteral("own.example.com"), QStringLiteral("alt.example.com")};
    config.serverType = QStringLiteral("nginx");
    config.serverFields = {{QStringLiteral("certificatePath"), QStringLiteral("/etc/nginx/own.pem")}};
    config.caType = QStringLiteral("acme");
    config.caConnectorName = QStringLiteral("Old");
    return config;
}

BulkConfiguration keySizeChange(int keySize)
{
    BulkConfiguration change;
    change.csrProfile = true;
    change.values.keySize = keySize;
    return change;
}

const BulkSettingChange* settingOf(const BulkPreview& preview, const QString& name)
{
    for (const BulkSettingChange& setting : preview.settings) {
        if (setting.setting == name) {
            return &setting;
        }
    }
    return nullptr;
}

} // namespace

class TestBulkPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appliesOnlyTheChosenGroups()
    {
        BulkConfiguration change = keySizeChange(3072);
        change.values.caConnectorName = QStringLiteral("Ignored"); // CA group not chosen
        change.values.schedule.renewalEnabled = true;              // renewal group not chosen
        const ProvisioningConfig before = configWithKey(2048);
        const ProvisioningConfig after = change.applyTo(before);
        QCOMPARE(after.keySize, 3072);
        QCOMPARE(after.caConnectorName, QStringLiteral("Old"));
        QCOMPARE(after.schedule.renewalEnabled, false);
        QCOMPARE(after.sans, before.sans);
        QCOMPARE(after.commonName, before.commonName);
        QCOMPARE(after.serverFields, before.serverFields);
        QCOMPARE(after.serverType, before.serverType);
    }

    void serverFieldsStayForTheSameServerType()
    {
        BulkConfiguration change;
        change.deploymentTarget = true;
        change.values.botId = 4;
        change.values.serverType = QStringLiteral("nginx");
        ProvisioningConfig after = change.applyTo(configWithKey(2048));
        QCOMPARE(after.botId, 4);
        QCOMPARE(after.serverFields.value(QStringLiteral("certificatePath")).toString(),
                 QStringLiteral("/etc/nginx/own.pem"));
        change.values.serverType = QStringLiteral("apache-http");
        after = change.applyTo(configWithKey(2048));
        QCOMPARE(after.serverType, QStringLiteral("apache-http"));
        QVERIFY(after.serverFields.isEmpty()); // another deployer's fields do not apply
    }

    void previewCountsWhatChangesFromWhatToWhat()
    {
        QList<BulkTarget> targets;
        qint64 id = 1;
        for (int i = 0; i < 412; ++i) {
            targets.append(target(id++, configWithKey(2048)));
        }
        for (int i = 0; i < 88; ++i) {
            targets.append(target(id++, configWithKey(3072)));
        }
        const BulkPreview preview = previewBulk(keySizeChange(3072), targets);
        QCOMPARE(preview.total, 500);
        QCOMPARE(preview.unconfigured, 0);
        QCOMPARE(preview.changedCertificates, 412);
        const BulkSettingChange* keySize = settingOf(preview, QStringLiteral("Key size"));
        QVERIFY(keySize);
        QCOMPARE(keySize->changing, 412);
        QCOMPARE(keySize->already, 88);
        QCOMPARE(keySize->text(), QStringLiteral("Key size: 412 of 500 change (2048 -> 3072; 88 already 3072)"));
        const BulkSettingChange* algorithm = settingOf(preview, QStringLiteral("Key algorithm"));
        QVERIFY(algorithm);
        QCOMPARE(algorithm->text(), QStringLiteral("Key algorithm: none of 500 change (all already RSA)"));
        QVERIFY(preview.lines().first().startsWith(QLatin1String("500 certificates selected: 412 change")));
    }

    void previewListsSeveralOldValuesMostCommonFirst()
    {
        QList<BulkTarget> targets{target(1, configWithKey(4096)), target(2, configWithKey(2048)),
                                  target(3, configWithKey(2048)), target(4, configWithKey(3072))};
        const BulkPreview preview = previewBulk(keySizeChange(3072), targets);
        const BulkSettingChange* keySize = settingOf(preview, QStringLiteral("Key size"));
        QVERIFY(keySize);
        QCOMPARE(keySize->text(),
                 QStringLiteral("Key size: 3 of 4 change (2048 -> 3072 for 2, 4096 -> 3072 for 1; 1 already 3072)"));
    }

    void unconfiguredCertificatesGetDefaultsFromTheirRecord()
    {
        QList<BulkTarget> targets{target(1, std::nullopt, CertificateStatus::Discovered),
                                  target(2, configWithKey(2048))};
        BulkConfiguration change = keySizeChange(3072);
        BulkPreview preview = previewBulk(change, targets);
        QCOMPARE(preview.unconfigured, 1);
        QCOMPARE(preview.becomeManaged, 0); // no bot mapped: it stays Discovered
        QCOMPARE(preview.changedCertificates, 2);
        QVERIFY(preview.lines().first().contains(QLatin1String("1 have no configuration yet")));

        const ProvisioningConfig defaults = defaultConfigFor(targets.first().record);
        QCOMPARE(defaults.commonName, QStringLiteral("c1.example.com"));
        QCOMPARE(defaults.serverType, QStringLiteral("apache-http"));
        QCOMPARE(defaults.keySize, 2048);

        change.deploymentTarget = true;
        change.values.botId = 3;
        change.values.serverType = QStringLiteral("nginx");
        preview = previewBulk(change, targets);
        QCOMPARE(preview.becomeManaged, 1);
        QVERIFY(preview.lines().first().contains(QLatin1String("1 become Managed")));
    }

    void refusesBadValuesNamingTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("rsa 1000") << QStringLiteral("keySize1000") << QStringLiteral("Key size");
        QTest::newRow("ec 521") << QStringLiteral("ec521") << QStringLiteral("Key size");
        QTest::newRow("algorithm") << QStringLiteral("dsa") << QStringLiteral("Key algorithm");
        QTest::newRow("sha1") << QStringLiteral("sha1") << QStringLiteral("Signature algorithm");
        QTest::newRow("ec with rsa signature") << QStringLiteral("ecRsa") << QStringLiteral("Signature algorithm");
        QTest::newRow("zone") << QStringLiteral("zone") << QStringLiteral("Renewal time zone");
        QTest::newRow("days") << QStringLiteral("days") << QStringLiteral("Renew when within");
        QTest::newRow("deployment zone") << QStringLiteral("deploymentZone") << QStringLiteral("Deployment time zone");
        QTest::newRow("connector") << QStringLiteral("connector") << QStringLiteral("CA Connector Name");
        QTest::newRow("dcv path") << QStringLiteral("dcvPath") << QStringLiteral("DCV path");
        QTest::newRow("server type") << QStringLiteral("serverType") << QStringLiteral("Server Type");
        QTest::newRow("bot") << QStringLiteral("bot") << QStringLiteral("Provision Bot");
        QTest::newRow("nothing chosen") << QStringLiteral("none") << QStringLiteral("at least one group");
    }

    void refusesBadValuesNamingTheField()
    {
        QFETCH(QString, field);
        QFETCH(QString, message);
        BulkConfiguration change = keySizeChange(3072);
        BulkCheckContext context;
        context.connectors = {{QStringLiteral("localca"), QStringLiteral("Corporate")}};
        context.botIds = {1, 2};
        ProvisioningConfig& v = change.values;
        if (field == QLatin1String("keySize1000")) {
            v.keySize = 1000;
        } else if (field == QLatin1String("ec521")) {
            v.keyAlgorithm = QStringLiteral("EC");
            v.keySize = 521;
            v.signatureAlgorithm = QStringLiteral("SHA256WithECDSA");
        } else if (field == QLatin1String("dsa")) {
            v.keyAlgorithm = QStringLiteral("DSA");
        } else if (field == QLatin1String("sha1")) {
            v.signatureAlgorithm = QStringLiteral("SHA1WithRSA");
        } else if (field == QLatin1String("ecRsa")) {
            v.keyAlgorithm = QStringLiteral("EC");
            v.keySize = 256;
        } else if (field == QLatin1String("zone") || field == QLatin1String("days")) {
            change.renewal = true;
            v.schedule.renewalEnabled = true;
            v.schedule.renewalTimeZone =
                field == QLatin1String("zone") ? QStringLiteral("Mars/Olympus") : QStringLiteral("UTC");
            v.schedule.renewWithinDays = field == QLatin1String("days") ? 0 : 30;
        } else if (field == QLatin1String("deploymentZone")) {
            change.deployment = true;
            v.schedule.deploymentEnabled = true;
            v.schedule.deploymentTrigger = DeploymentTrigger::OnDate;
            v.schedule.deploymentDate = QDate::currentDate().addDays(3);
            v.schedule.deploymentTimeZone = QStringLiteral("Nowhere/Town");
        } else if (field == QLatin1String("connector")) {
            change.certificateAuthority = true;
            v.caType = QStringLiteral("localca");
            v.caConnectorName = QStringLiteral("Unknown");
        } else if (field == QLatin1String("dcvPath")) {
            change.dcv = true;
            v.dcvEnabled = true;
            v.dcvPath = QStringLiteral("relative/dir");
        } else if (field == QLatin1String("serverType") || field == QLatin1String("bot")) {
            change.deploymentTarget = true;
            v.botId = field == QLatin1String("bot") ? 9 : 1;
            v.serverType = field == QLatin1String("serverType") ? QStringLiteral("gopher") : QStringLiteral("nginx");
        } else if (field == QLatin1String("none")) {
            change.csrProfile = false;
        }
        const QStringList problems = bulkProblems(change, context);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(message), qPrintable(problems.first()));
        const Status status = validateBulk(change, context);
        QVERIFY(!status.ok());
        QVERIFY(status.message().contains(QLatin1String("Nothing was saved")));
    }

    void acceptsGoodValues()
    {
        BulkConfiguration change = keySizeChange(3072);
        change.renewal = true;
        change.values.schedule.renewalEnabled = true;
        change.values.schedule.renewalTimeZone = QStringLiteral("Europe/Berlin");
        change.certificateAuthority = true;
        change.values.caType = QStringLiteral("localca");
        change.values.caConnectorName = QStringLiteral("Corporate");
        change.dcv = true;
        change.values.dcvEnabled = true;
        change.values.dcvPath = QStringLiteral("/var/www/html");
        const QStringList problems =
            bulkProblems(change, BulkCheckContext{{{QStringLiteral("localca"), QStringLiteral("Corporate")}}, {}});
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestBulkPreview)
#include "TestBulkPreview.moc"
