#include "tests/unit/bulk/BulkScenarios.h"

#include "engine/store/AuditRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/ProvisioningConfigRepository.h"
#include "engine/store/SqlSupport.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace certdeck::test::bulk {

using namespace certdeck::store;

namespace {

bool configured(int index)
{
    return index % 5 != 0;
}

QString nameOf(int index)
{
    return QStringLiteral("host%1.example.com").arg(index);
}

QString certificatePathOf(int index)
{
    return QStringLiteral("/etc/nginx/certs/host%1.pem").arg(index);
}

int auditCount(const Database& db)
{
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM audit_events WHERE action = 'cert.bulk-configure'")) ||
        !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

} // namespace

QList<qint64> seedInventory(const Database& db, int count)
{
    QList<qint64> ids;
    const Status seeded = db.transaction([&]() -> Status {
        for (int i = 0; i < count; ++i) {
            CertificateRecord record;
            record.commonName = nameOf(i);
            record.sans = {nameOf(i), QStringLiteral("alt%1.example.net").arg(i)};
            record.subject = QStringLiteral("CN=") + nameOf(i);
            record.issuer = QStringLiteral("CN=Old Issuing CA");
            record.serialHex = QStringLiteral("%1").arg(i + 1, 8, 16, QLatin1Char('0'));
            record.notBefore = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
            record.notAfter = QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC).addDays(i % 300);
            record.fingerprintSha256 = QStringLiteral("%1").arg(i + 1, 64, 16, QLatin1Char('0'));
            record.keyAlgorithm = QStringLiteral("RSA");
            record.keyBits = 2048;
            record.status = CertificateStatus::Discovered;
            record.serverType = configured(i) ? QStringLiteral("nginx") : QStringLiteral("apache-http");
            record.host = nameOf(i);
            record.port = 8443;
            record.source = QStringLiteral("import:/tmp/bulk.pem");
            auto id = CertificateRepository(db).insert(record);
            if (!id.ok()) {
                return id.error();
            }
            ids.append(id.value());
            if (!configured(i)) {
                continue;
            }
            ProvisioningConfig config;
            config.commonName = record.commonName;
            config.sans = record.sans;
            config.serverType = QStringLiteral("nginx");
            config.serverFields = {{QStringLiteral("certificatePath"), certificatePathOf(i)},
                                   {QStringLiteral("serverName"), nameOf(i)}};
            config.endpointHost = QStringLiteral("127.0.0.1");
            config.endpointPort = 10000 + i;
            config.caType = QStringLiteral("acme");
            config.caConnectorName = QStringLiteral("Old ACME");
            config.keySize = i % 7 == 0 ? 3072 : 2048;
            config.dcvEnabled = true;
            config.dcvPath = QStringLiteral("/srv/www/host%1").arg(i);
            config.keyStoreType = QStringLiteral("PEM");
            if (Status saved = ProvisioningConfigRepository(db).save(id.value(), config); !saved.ok()) {
                return saved;
            }
        }
        return {};
    });
    if (!seeded.ok()) {
        QTest::qFail(qPrintable(seeded.message()), __FILE__, __LINE__);
        return {};
    }
    return ids;
}

jobs::BulkConfiguration exampleChange()
{
    jobs::BulkConfiguration change;
    change.csrProfile = true;
    change.values.keyAlgorithm = QStringLiteral("RSA");
    change.values.keySize = 3072;
    change.values.signatureAlgorithm = QStringLiteral("SHA256WithRSA");
    change.renewal = true;
    change.values.schedule.renewalEnabled = true;
    change.values.schedule.renewalTrigger = RenewalTrigger::DaysBeforeExpiry;
    change.values.schedule.renewWithinDays = 30;
    change.values.schedule.renewalFrequency = Frequency::Daily;
    change.values.schedule.renewalTime = QTime(2, 0);
    change.values.schedule.renewalTimeZone = QStringLiteral("Europe/Berlin");
    change.certificateAuthority = true;
    change.values.caType = QStringLiteral("localca");
    change.values.caConnectorName = QStringLiteral("Corporate");
    return change;
}

QMap<qint64, ProvisioningConfig> storedConfigs(const Database& db, const QList<qint64>& ids)
{
    QMap<qint64, ProvisioningConfig> out;
    for (const qint64 id : ids) {
        auto found = ProvisioningConfigRepository(db).find(id);
        if (found.ok() && found->has_value()) {
            out.insert(id, found->value());
        }
    }
    return out;
}

QMap<qint64, QString> inventorySnapshot(const Database& db, const QList<qint64>& ids)
{
    QMap<qint64, QString> out;
    for (const qint64 id : ids) {
        auto config = ProvisioningConfigRepository(db).find(id);
        auto record = CertificateRepository(db).find(id);
        QString text = config.ok() && config->has_value()
                           ? QString::fromUtf8(QJsonDocument((*config)->toJson()).toJson(QJsonDocument::Compact))
                           : QStringLiteral("<none>");
        text += record.ok() && record->has_value() ? QStringLiteral(" status=") + certificateStatusId((*record)->status)
                                                   : QStringLiteral(" <no certificate>");
        out.insert(id, text);
    }
    return out;
}

void verifyExampleApplied(const Database& db, const QList<qint64>& ids)
{
    const QMap<qint64, ProvisioningConfig> configs = storedConfigs(db, ids);
    QCOMPARE(configs.size(), ids.size());
    for (int i = 0; i < ids.size(); ++i) {
        const ProvisioningConfig& c = configs.value(ids[i]);
        // Exactly the chosen values.
        QCOMPARE(c.keyAlgorithm, QStringLiteral("RSA"));
        QCOMPARE(c.keySize, 3072);
        QCOMPARE(c.signatureAlgorithm, QStringLiteral("SHA256WithRSA"));
        QVERIFY(c.schedule.renewalEnabled);
        QCOMPARE(c.schedule.renewalTrigger, RenewalTrigger::DaysBeforeExpiry);
        QCOMPARE(c.schedule.renewWithinDays, 30);
        QCOMPARE(c.schedule.renewalFrequency, Frequency::Daily);
        QCOMPARE(c.schedule.renewalTime, QTime(2, 0));
        QCOMPARE(c.schedule.renewalTimeZone, QStringLiteral("Europe/Berlin"));
        QCOMPARE(c.caType, QStringLiteral("localca"));
        QCOMPARE(c.caConnectorName, QStringLiteral("Corporate"));
        // Its own settings kept.
        QCOMPARE(c.commonName, nameOf(i));
        QCOMPARE(c.sans, QStringList({nameOf(i), QStringLiteral("alt%1.example.net").arg(i)}));
        auto record = CertificateRepository(db).find(ids[i]);
        QVERIFY(record.ok() && record->has_value());
        if (configured(i)) {
            QCOMPARE(c.serverType, QStringLiteral("nginx"));
            QCOMPARE(c.serverFields.value(QStringLiteral("certificatePath")).toString(), certificatePathOf(i));
            QCOMPARE(c.endpointPort, 10000 + i);
            QVERIFY(c.dcvEnabled);
            QCOMPARE(c.dcvPath, QStringLiteral("/srv/www/host%1").arg(i));
            QCOMPARE((*record)->status, CertificateStatus::Managed);
        } else {
            // Defaults from its own record; without a bot it stays Discovered.
            QCOMPARE(c.serverType, QStringLiteral("apache-http"));
            QCOMPARE(c.endpointHost, nameOf(i));
            QCOMPARE(c.endpointPort, 8443);
            QVERIFY(c.serverFields.isEmpty());
            QCOMPARE((*record)->status, CertificateStatus::Discovered);
        }
    }
}

void savesEveryCertificateKeepingItsOwnSettings(const Database& db, int count)
{
    const QList<qint64> ids = seedInventory(db, count);
    QCOMPARE(ids.size(), count);

    auto targets = jobs::loadBulkTargets(db, ids);
    QVERIFY2(targets.ok(), qPrintable(targets.message()));
    const jobs::BulkPreview preview = jobs::previewBulk(exampleChange(), targets.value());
    QCOMPARE(preview.total, count);

    auto outcome = jobs::saveBulkConfiguration(db, ids, exampleChange(), QStringLiteral("operator:bulk-test"));
    QVERIFY2(outcome.ok(), qPrintable(outcome.message()));
    QCOMPARE(outcome->saved, count);
    QCOMPARE(outcome->changed, preview.changedCertificates);
    verifyExampleApplied(db, ids);
    QCOMPARE(auditCount(db), count);

    // Saving the same again changes nothing more.
    auto again = jobs::saveBulkConfiguration(db, ids, exampleChange(), QStringLiteral("operator:bulk-test"));
    QVERIFY2(again.ok(), qPrintable(again.message()));
    QCOMPARE(again->changed, 0);
}

void refusesBadValuesStoringNothing(const Database& db, int count)
{
    const QList<qint64> ids = seedInventory(db, count);
    const QMap<qint64, QString> before = inventorySnapshot(db, ids);

    jobs::BulkConfiguration badKey = exampleChange();
    badKey.values.keySize = 1000;
    auto refused = jobs::saveBulkConfiguration(db, ids, badKey, QStringLiteral("operator:bulk-test"));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message().contains(QLatin1String("Key size")), qPrintable(refused.message()));

    jobs::BulkConfiguration badZone = exampleChange();
    badZone.values.schedule.renewalTimeZone = QStringLiteral("Europe/Atlantis");
    refused = jobs::saveBulkConfiguration(db, ids, badZone, QStringLiteral("operator:bulk-test"));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message().contains(QLatin1String("Renewal time zone")), qPrintable(refused.message()));
    QVERIFY2(refused.message().contains(QLatin1String("Europe/Atlantis")), qPrintable(refused.message()));

    QCOMPARE(inventorySnapshot(db, ids), before);
    QCOMPARE(auditCount(db), 0);
}

void missingCertificateStoresNothing(const Database& db, int count)
{
    QList<qint64> ids = seedInventory(db, count);
    const QMap<qint64, QString> before = inventorySnapshot(db, ids);
    const qint64 removed = ids.at(count / 2);
    QVERIFY(CertificateRepository(db).remove(removed));

    auto outcome = jobs::saveBulkConfiguration(db, ids, exampleChange(), QStringLiteral("operator:bulk-test"));
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.message().contains(QStringLiteral("#%1").arg(removed)), qPrintable(outcome.message()));
    QVERIFY2(outcome.message().contains(QLatin1String("Nothing was saved")), qPrintable(outcome.message()));

    ids.removeAll(removed);
    QMap<qint64, QString> expected = before;
    expected.remove(removed);
    QCOMPARE(inventorySnapshot(db, ids), expected);
    QCOMPARE(auditCount(db), 0);
}

bool failWritesOf(const Database& db, qint64 certificateId)
{
    QSqlQuery query(db.connection());
    QStringList statements;
    if (db.dialect() == QLatin1String("postgresql")) {
        statements << QStringLiteral("CREATE FUNCTION bulk_test_fail() RETURNS trigger AS $$ BEGIN"
                                     " IF NEW.certificate_id = %1 THEN"
                                     " RAISE EXCEPTION 'bulk test: writes of certificate %1 are refused';"
                                     " END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
                          .arg(certificateId)
                   << QStringLiteral("CREATE TRIGGER bulk_test_fail BEFORE INSERT OR UPDATE ON provisioning_configs"
                                     " FOR EACH ROW EXECUTE FUNCTION bulk_test_fail()");
    } else {
        for (const char* event : {"INSERT", "UPDATE"}) {
            statements << QStringLiteral("CREATE TRIGGER bulk_test_fail_%1 BEFORE %1 ON provisioning_configs"
                                         " WHEN NEW.certificate_id = %2 BEGIN"
                                         " SELECT RAISE(ABORT, 'bulk test: writes of certificate %2 are refused');"
                                         " END")
                              .arg(QLatin1String(event))
                              .arg(certificateId);
        }
    }
    for (const QString& statement : statements) {
        if (!query.exec(statement)) {
            qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
            return false;
        }
    }
    return true;
}

void constraintInTheMiddleStoresNothing(const Database& db, int count)
{
    const QList<qint64> ids = seedInventory(db, count);
    const QMap<qint64, QString> before = inventorySnapshot(db, ids);
    const qint64 refused = ids.at(count / 2 + 1);
    QVERIFY(failWritesOf(db, refused));

    auto outcome = jobs::saveBulkConfiguration(db, ids, exampleChange(), QStringLiteral("operator:bulk-test"));
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.message().contains(QStringLiteral("#%1").arg(refused)), qPrintable(outcome.message()));

    QCOMPARE(inventorySnapshot(db, ids), before);
    QCOMPARE(auditCount(db), 0);
}

} // namespace certdeck::test::bulk
