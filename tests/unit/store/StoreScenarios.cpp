#include "tests/unit/store/StoreScenarios.h"

#include "engine/store/AuditRepository.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/LocalCaRepository.h"
#include "engine/store/ProvisioningConfigRepository.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

namespace certdeck::test::scenarios {

using namespace certdeck::store;

namespace {

QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC);
}

CertificateStatus statusOf(const Database& db, qint64 id)
{
    auto found = CertificateRepository(db).find(id);
    if (!found || !found->has_value()) {
        return CertificateStatus::Failed;
    }
    return (*found)->status;
}

} // namespace

std::shared_ptr<Database> openTempSqlite(const QTemporaryDir& dir)
{
    if (!dir.isValid()) {
        QTest::qFail("no temporary directory", __FILE__, __LINE__);
        return nullptr;
    }
    auto db = Database::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inventory.db")));
    if (!db) {
        QTest::qFail(qPrintable(db.message()), __FILE__, __LINE__);
        return nullptr;
    }
    return *db;
}

CertificateRecord sampleCertificate(const QString& commonName, const QString& fingerprint)
{
    CertificateRecord r;
    r.commonName = commonName;
    r.sans = {commonName, QStringLiteral("www.") + commonName, QStringLiteral("192.0.2.7")};
    r.subject = QStringLiteral("CN=") + commonName + QStringLiteral(",O=Example Ltd\\, Branch");
    r.issuer = QStringLiteral("CN=Example Issuing CA,O=Example");
    r.serialHex = QStringLiteral("0a1b2c3d4e5f");
    r.notBefore = utc(2026, 1, 2, 3, 4, 5, 678);
    r.notAfter = utc(2027, 1, 2, 3, 4, 5);
    r.fingerprintSha256 = fingerprint;
    r.keyAlgorithm = QStringLiteral("EC");
    r.keyBits = 256;
    r.signatureAlgorithm = QStringLiteral("ecdsa-with-SHA256");
    r.status = CertificateStatus::Discovered;
    r.serverType = QStringLiteral("nginx");
    r.host = QStringLiteral("web1.example.com");
    r.port = 8443;
    r.keyId = QStringLiteral("staged-") + commonName;
    r.source = QStringLiteral("import:/tmp/") + commonName + QStringLiteral(".pem");
    // Binary-safe: a NUL and a high byte inside.
    r.chainPem = QByteArray("-----BEGIN CERTIFICATE-----\nMIIB") + char(0) + char(0xff) +
                 QByteArray("binary\n-----END CERTIFICATE-----\n");
    return r;
}

qint64 addCertificate(const Database& db, const QString& commonName, const QString& fingerprint)
{
    CertificateRecord record = sampleCertificate(commonName, fingerprint);
    auto id = CertificateRepository(db).insert(record);
    if (!id) {
        QTest::qFail(qPrintable(id.message()), __FILE__, __LINE__);
        return 0;
    }
    return *id;
}

ProvisioningConfig fullConfig(qint64 botId)
{
    ProvisioningConfig c;
    c.deploymentType = DeploymentType::Automatic;
    c.botId = botId;
    c.agentlessServer = QStringLiteral("10.0.0.5");
    c.serverType = QStringLiteral("apache");
    c.serverFields = {{QStringLiteral("certPath"), QStringLiteral("/etc/ssl/a b.pem")},
                      {QStringLiteral("reloadCommand"), QStringLiteral("apachectl graceful")},
                      {QStringLiteral("port"), 8443}};
    c.caType = QStringLiteral("acme");
    c.caConnectorName = QStringLiteral("Let's Encrypt staging");
    c.csrMode = CsrMode::PartialOverride;
    c.certificateType = CertificateType::OV;
    c.signatureAlgorithm = QStringLiteral("SHA384WithECDSA");
    c.keyAlgorithm = QStringLiteral("EC");
    c.keySize = 384;
    c.reuseExistingCsr = true;
    c.csrTemplate = QStringLiteral("web-server");
    c.keyStoreType = QStringLiteral("PKCS12");
    c.keyStorePasswordRef = QStringLiteral("keystore/42");
    c.sans = {QStringLiteral("a.example.com"), QStringLiteral("b.example.com")};
    c.commonName = QStringLiteral("a.example.com");
    c.dcvEnabled = true;
    c.dcvPath = QStringLiteral("/var/www/html/.well-known/acme-challenge");
    ProvisioningSchedule& s = c.schedule;
    s.rollbackOnFailure = false;
    s.renewalEnabled = true;
    s.renewalTrigger = RenewalTrigger::OnDate;
    s.renewWithinDays = 12;
    s.renewalDate = QDate(2027, 3, 4);
    s.renewalFrequency = Frequency::Weekly;
    s.renewalTime = QTime(23, 45);
    s.renewalTimeZone = QStringLiteral("Europe/Berlin");
    s.deploymentEnabled = true;
    s.deploymentTrigger = DeploymentTrigger::OnDate;
    s.deploymentDate = QDate(2027, 3, 5);
    s.deploymentTime = QTime(1, 15);
    s.deploymentTimeZone = QStringLiteral("America/New_York");
    s.deploymentFrequency = Frequency::Monthly;
    return c;
}

void compareConfigs(const ProvisioningConfig& a, const ProvisioningConfig& e)
{
    QCOMPARE(a.deploymentType, e.deploymentType);
    QCOMPARE(a.botId, e.botId);
    QCOMPARE(a.agentlessServer, e.agentlessServer);
    QCOMPARE(a.serverType, e.serverType);
    QCOMPARE(a.serverFields.value(QStringLiteral("certPath")), e.serverFields.value(QStringLiteral("certPath")));
    QCOMPARE(a.serverFields.value(QStringLiteral("port")).toInt(), 8443);
    QCOMPARE(a.serverFields.size(), e.serverFields.size());
    QCOMPARE(a.caType, e.caType);
    QCOMPARE(a.caConnectorName, e.caConnectorName);
    QCOMPARE(a.csrMode, e.csrMode);
    QCOMPARE(a.certificateType, e.certificateType);
    QCOMPARE(a.signatureAlgorithm, e.signatureAlgorithm);
    QCOMPARE(a.keyAlgorithm, e.keyAlgorithm);
    QCOMPARE(a.keySize, e.keySize);
    QCOMPARE(a.reuseExistingCsr, e.reuseExistingCsr);
    QCOMPARE(a.csrTemplate, e.csrTemplate);
    QCOMPARE(a.keyStoreType, e.keyStoreType);
    QCOMPARE(a.keyStorePasswordRef, e.keyStorePasswordRef);
    QCOMPARE(a.sans, e.sans);
    QCOMPARE(a.commonName, e.commonName);
    QCOMPARE(a.dcvEnabled, e.dcvEnabled);
    QCOMPARE(a.dcvPath, e.dcvPath);
    const ProvisioningSchedule& as = a.schedule;
    const ProvisioningSchedule& es = e.schedule;
    QCOMPARE(as.rollbackOnFailure, es.rollbackOnFailure);
    QCOMPARE(as.renewalEnabled, es.renewalEnabled);
    QCOMPARE(as.renewalTrigger, es.renewalTrigger);
    QCOMPARE(as.renewWithinDays, es.renewWithinDays);
    QCOMPARE(as.renewalDate, es.renewalDate);
    QCOMPARE(as.renewalFrequency, es.renewalFrequency);
    QCOMPARE(as.renewalTime, es.renewalTime);
    QCOMPARE(as.renewalTimeZone, es.renewalTimeZone);
    QCOMPARE(as.deploymentEnabled, es.deploymentEnabled);
    QCOMPARE(as.deploymentTrigger, es.deploymentTrigger);
    QCOMPARE(as.deploymentDate, es.deploymentDate);
    QCOMPARE(as.deploymentTime, es.deploymentTime);
    QCOMPARE(as.deploymentTimeZone, es.deploymentTimeZone);
    QCOMPARE(as.deploymentFrequency, es.deploymentFrequency);
    // Fields added to the domain type later are covered through its JSON form.
    QCOMPARE(a.toJson(), e.toJson());
}

void certificateRoundTrip(const Database& db)
{
    CertificateRepository repo(db);
    Bot bot;
    bot.name = QStringLiteral("cert-owner");
    auto botId = BotRepository(db).insert(bot);
    QVERIFY2(botId, qPrintable(botId.message()));

    CertificateRecord record =
        sampleCertificate(QStringLiteral("shop.example.com"), QStringLiteral("AB12") + QString(60, QLatin1Char('0')));
    record.botId = *botId;
    auto id = repo.insert(record);
    QVERIFY2(id, qPrintable(id.message()));
    QCOMPARE(record.id, *id);
    QVERIFY(record.updatedAt.isValid());

    auto found = repo.find(*id);
    QVERIFY2(found, qPrintable(found.message()));
    QVERIFY(found->has_value());
    const CertificateRecord& r = **found;
    QCOMPARE(r.id, *id);
    QCOMPARE(r.commonName, record.commonName);
    QCOMPARE(r.sans, record.sans);
    QCOMPARE(r.subject, record.subject);
    QCOMPARE(r.issuer, record.issuer);
    QCOMPARE(r.serialHex, record.serialHex);
    QCOMPARE(r.notBefore, record.notBefore);
    QCOMPARE(r.notBefore.timeSpec(), Qt::UTC);
    QCOMPARE(r.notAfter, record.notAfter);
    QCOMPARE(r.fingerprintSha256, record.fingerprintSha256.toLower()); // stored lowercase
    QCOMPARE(r.keyAlgorithm, record.keyAlgorithm);
    QCOMPARE(r.keyBits, record.keyBits);
    QCOMPARE(r.signatureAlgorithm, record.signatureAlgorithm);
    QCOMPARE(r.status, record.status);
    QCOMPARE(r.serverType, record.serverType);
    QCOMPARE(r.host, record.host);
    QCOMPARE(r.port, record.port);
    QCOMPARE(r.botId, *botId);
    QCOMPARE(r.keyId, record.keyId);
    QCOMPARE(r.source, record.source);
    QCOMPARE(r.chainPem, record.chainPem);
    QCOMPARE(r.updatedAt, record.updatedAt);

    // The same material again is refused, and the message names the existing row.
    CertificateRecord again =
        sampleCertificate(QStringLiteral("other.example.com"), record.fingerprintSha256.toUpper());
    auto duplicate = repo.insert(again);
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().kind, QStringLiteral("duplicate"));
    QVERIFY2(duplicate.message().contains(QStringLiteral("shop.example.com")), qPrintable(duplicate.message()));

    // "No material yet" (empty fingerprint) may occur any number of times.
    const qint64 pendingA = addCertificate(db, QStringLiteral("pending-a.example.com"));
    const qint64 pendingB = addCertificate(db, QStringLiteral("pending-b.example.com"));
    QVERIFY(pendingA != 0 && pendingB != 0 && pendingA != pendingB);
    auto byFingerprint = repo.findByFingerprint(record.fingerprintSha256.toUpper());
    QVERIFY2(byFingerprint && byFingerprint->has_value(), "lookup by fingerprint ignores case");
    QCOMPARE((*byFingerprint)->id, *id);

    // Update every mutable field.
    CertificateRecord changed = r;
    changed.commonName = QStringLiteral("shop2.example.com");
    changed.sans = {QStringLiteral("shop2.example.com")};
    changed.notAfter = utc(2028, 6, 7);
    changed.status = CertificateStatus::Deployed;
    changed.port = 443;
    changed.botId = 0;
    changed.chainPem = QByteArray("new chain");
    QVERIFY(repo.update(changed));
    auto reread = repo.find(*id);
    QVERIFY(reread && reread->has_value());
    QCOMPARE((*reread)->commonName, changed.commonName);
    QCOMPARE((*reread)->sans, changed.sans);
    QCOMPARE((*reread)->notAfter, changed.notAfter);
    QCOMPARE((*reread)->status, CertificateStatus::Deployed);
    QCOMPARE((*reread)->botId, qint64(0));
    QCOMPARE((*reread)->chainPem, QByteArray("new chain"));

    QVERIFY(repo.setStatus(*id, CertificateStatus::Revoked));
    QCOMPARE(statusOf(db, *id), CertificateStatus::Revoked);
    QCOMPARE(repo.setStatus(987654, CertificateStatus::Managed).error().kind, QStringLiteral("notFound"));

    auto rows = repo.all();
    QVERIFY(rows);
    QCOMPARE(rows->size(), 3);
    QVERIFY2(rows->first().chainPem.isEmpty(), "the dashboard's rows come without chains");
    auto withChains = repo.all(true);
    QVERIFY(withChains);
    QCOMPARE(withChains->first().chainPem, QByteArray("new chain"));
    QCOMPARE(repo.count().value(), 3);

    QVERIFY(repo.remove(pendingA));
    auto gone = repo.find(pendingA);
    QVERIFY(gone);
    QVERIFY(!gone->has_value());
    auto removeAgain = repo.remove(pendingA);
    QCOMPARE(removeAgain.error().kind, QStringLiteral("notFound"));
    QCOMPARE(repo.count().value(), 2);
}

void botRoundTrip(const Database& db)
{
    BotRepository repo(db);
    Bot bot;
    bot.name = QStringLiteral("web-1");
    bot.transport = BotTransportKind::Ssh;
    bot.host = QStringLiteral("web1.example.com");
    bot.port = 2222;
    bot.user = QStringLiteral("deploy");
    bot.hostKeyFingerprint = QStringLiteral("SHA256:abcdef");
    bot.protocolVersion = 3;
    bot.lastSeen = utc(2026, 11, 27, 4, 30, 0, 123);
    bot.scan = QJsonObject{{QStringLiteral("servers"), QJsonArray{QStringLiteral("nginx"), QStringLiteral("apache")}}};
    auto id = repo.insert(bot);
    QVERIFY2(id, qPrintable(id.message()));
    QCOMPARE(bot.id, *id);

    auto found = repo.find(*id);
    QVERIFY(found && found->has_value());
    const Bot& b = **found;
    QCOMPARE(b.name, bot.name);
    QCOMPARE(b.transport, BotTransportKind::Ssh);
    QCOMPARE(b.host, bot.host);
    QCOMPARE(b.port, 2222);
    QCOMPARE(b.user, bot.user);
    QCOMPARE(b.hostKeyFingerprint, bot.hostKeyFingerprint);
    QCOMPARE(b.protocolVersion, 3);
    QCOMPARE(b.lastSeen, bot.lastSeen);
    QCOMPARE(b.scan, bot.scan);

    Bot twin;
    twin.name = bot.name;
    auto duplicate = repo.insert(twin);
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().kind, QStringLiteral("duplicate"));
    QVERIFY2(duplicate.message().contains(bot.name), qPrintable(duplicate.message()));

    Bot changed = b;
    changed.hostKeyFingerprint = QStringLiteral("SHA256:pinned");
    changed.scan = QJsonObject{{QStringLiteral("servers"), QJsonArray{}}};
    QVERIFY(repo.update(changed));
    auto byName = repo.findByName(QStringLiteral("web-1"));
    QVERIFY(byName && byName->has_value());
    QCOMPARE((*byName)->hostKeyFingerprint, QStringLiteral("SHA256:pinned"));
    QCOMPARE((*byName)->scan, changed.scan);

    auto local = repo.ensureLocalBot();
    QVERIFY2(local, qPrintable(local.message()));
    QCOMPARE(local->name, QStringLiteral("local"));
    QCOMPARE(local->transport, BotTransportKind::Local);
    auto localAgain = repo.ensureLocalBot();
    QVERIFY(localAgain);
    QCOMPARE(localAgain->id, local->id);

    auto all = repo.all();
    QVERIFY(all);
    QCOMPARE(all->size(), 2);

    QVERIFY(repo.remove(*id));
    auto gone = repo.find(*id);
    QVERIFY(gone && !gone->has_value());
    QCOMPARE(repo.remove(*id).error().kind, QStringLiteral("notFound"));
}

void provisioningRoundTrip(const Database& db)
{
    Bot bot;
    bot.name = QStringLiteral("prov-bot");
    auto botId = BotRepository(db).insert(bot);
    QVERIFY(botId);
    const qint64 certId = addCertificate(db, QStringLiteral("prov.example.com"));
    QVERIFY(certId != 0);
    ProvisioningConfigRepository repo(db);

    auto none = repo.find(certId);
    QVERIFY(none && !none->has_value());

    const ProvisioningConfig config = fullConfig(*botId);
    QVERIFY(repo.save(certId, config));
    auto found = repo.find(certId);
    QVERIFY(found && found->has_value());
    compareConfigs(**found, config);
    if (QTest::currentTestFailed()) {
        return;
    }

    auto cert = CertificateRepository(db).find(certId);
    QVERIFY(cert && cert->has_value());
    QCOMPARE((*cert)->status, CertificateStatus::Managed);
    QCOMPARE((*cert)->botId, *botId);

    // Saving again replaces the configuration and leaves a later status alone.
    QVERIFY(CertificateRepository(db).setStatus(certId, CertificateStatus::Deployed));
    ProvisioningConfig changed = config;
    changed.commonName = QStringLiteral("changed.example.com");
    QVERIFY(repo.save(certId, changed));
    QCOMPARE((*repo.find(certId))->commonName, QStringLiteral("changed.example.com"));
    QCOMPARE(statusOf(db, certId), CertificateStatus::Deployed);

    auto missingCert = repo.save(999999, config);
    QVERIFY(!missingCert);
    QCOMPARE(missingCert.error().kind, QStringLiteral("notFound"));
    QVERIFY2(missingCert.message().contains(QStringLiteral("999999")), qPrintable(missingCert.message()));

    const qint64 other = addCertificate(db, QStringLiteral("nobot.example.com"));
    auto missingBot = repo.save(other, fullConfig(424242));
    QVERIFY(!missingBot);
    QVERIFY2(missingBot.message().contains(QStringLiteral("424242")), qPrintable(missingBot.message()));
    QCOMPARE(statusOf(db, other), CertificateStatus::Discovered);
}

void provisioningSaveMany(const Database& db, int count)
{
    Bot bot;
    bot.name = QStringLiteral("bulk-bot");
    auto botId = BotRepository(db).insert(bot);
    QVERIFY(botId);
    QList<qint64> ids;
    const Status created = db.transaction([&]() -> Status {
        for (int i = 0; i < count; ++i) {
            const qint64 id = addCertificate(db, QStringLiteral("bulk-%1.example.com").arg(i));
            if (id == 0) {
                return fail(QStringLiteral("insert failed"));
            }
            ids.append(id);
        }
        return {};
    });
    QVERIFY2(created, qPrintable(created.message()));

    // All or nothing: one missing certificate at the end leaves every other one untouched.
    QList<qint64> withMissing = ids;
    withMissing.append(ids.last() + 100000);
    const ProvisioningConfig config = fullConfig(*botId);
    ProvisioningConfigRepository repo(db);
    auto refused = repo.saveMany(withMissing, config);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, QStringLiteral("notFound"));
    QCOMPARE(statusOf(db, ids.first()), CertificateStatus::Discovered);
    QCOMPARE(statusOf(db, ids.last()), CertificateStatus::Discovered);
    QVERIFY(!repo.find(ids.first())->has_value());

    auto saved = repo.saveMany(ids, config);
    QVERIFY2(saved, qPrintable(saved.message()));
    auto rows = CertificateRepository(db).all();
    QVERIFY(rows);
    int managed = 0;
    for (const CertificateRecord& row : *rows) {
        if (ids.contains(row.id)) {
            QCOMPARE(row.status, CertificateStatus::Managed);
            QCOMPARE(row.botId, *botId);
            ++managed;
        }
    }
    QCOMPARE(managed, count);
    auto last = repo.find(ids.last());
    QVERIFY(last && last->has_value());
    compareConfigs(**last, config);
}

} // namespace certdeck::test::scenarios
