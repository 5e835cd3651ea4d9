// Rows written with plain SQL as each schema version had them, to check that upgrades keep data (StoreScenarios.h).
#include "tests/unit/store/StoreScenarios.h"

#include "engine/store/AuditRepository.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/LocalCaRepository.h"
#include "engine/store/ProvisioningConfigRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace certdeck::test::scenarios {

using namespace certdeck::store;

namespace {

const QString kSeedFingerprint = QStringLiteral("5eed") + QString(60, QLatin1Char('1'));
const QByteArray kSeedChain = QByteArray("seed chain ") + char(0) + char(0x80);
const QByteArray kSeedKey = QByteArray("seed key ") + char(0) + char(0xfe);

bool exec(const Database& db, const QString& statement, const QVariantList& params = {})
{
    QSqlQuery query(db.connection());
    if (!query.prepare(statement)) {
        QTest::qFail(qPrintable(QStringLiteral("prepare failed: ") + query.lastError().text()), __FILE__, __LINE__);
        return false;
    }
    for (const QVariant& value : params) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        QTest::qFail(qPrintable(statement + QStringLiteral(": ") + query.lastError().text()), __FILE__, __LINE__);
        return false;
    }
    return true;
}

QString configJson()
{
    ProvisioningConfig config = fullConfig(0);
    return QString::fromUtf8(QJsonDocument(config.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace

void seedVersion(const Database& db, int version)
{
    if (version >= 1) {
        QVERIFY(exec(db,
                     QStringLiteral("INSERT INTO bots (name, transport, host, port, user_name, host_key_fingerprint,"
                                    " protocol_version, last_seen, scan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {QStringLiteral("seed-bot"), QStringLiteral("ssh"), QStringLiteral("seed.example.net"), 22,
                      QStringLiteral("deploy"), QStringLiteral("SHA256:seed"), 1,
                      QStringLiteral("2026-01-01T00:00:00.000Z"), QStringLiteral("{\"servers\":[\"nginx\"]}")}));
        QVERIFY(exec(db,
                     QStringLiteral("INSERT INTO certificates (common_name, sans, subject, issuer, serial_hex,"
                                    " not_before, not_after, fingerprint_sha256, key_algorithm, key_bits,"
                                    " signature_algorithm, status, server_type, host, port, bot_id, key_id, source,"
                                    " chain_pem, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                    " (SELECT id FROM bots WHERE name = 'seed-bot'), ?, ?, ?, ?)"),
                     {QStringLiteral("seed.example.com"), QStringLiteral("[\"seed.example.com\",\"10.1.2.3\"]"),
                      QStringLiteral("CN=seed.example.com"), QStringLiteral("CN=Seed CA"), QStringLiteral("01ab"),
                      QStringLiteral("2026-01-01T00:00:00.000Z"), QStringLiteral("2027-01-01T00:00:00.000Z"),
                      kSeedFingerprint, QStringLiteral("RSA"), 2048, QStringLiteral("sha256WithRSAEncryption"),
                      QStringLiteral("managed"), QStringLiteral("nginx"), QStringLiteral("seed.example.com"), 443,
                      QStringLiteral("key-1"), QStringLiteral("import:/seed.pem"), kSeedChain,
                      QStringLiteral("2026-02-03T04:05:06.007Z")}));
        QVERIFY(exec(db,
                     QStringLiteral("INSERT INTO provisioning_configs (certificate_id, config, updated_at) VALUES"
                                    " ((SELECT id FROM certificates WHERE common_name = 'seed.example.com'), ?, ?)"),
                     {configJson(), QStringLiteral("2026-02-03T04:05:06.007Z")}));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO jobs (certificate_id, action, state, step, progress, message,"
                                        " attempts, params, result, claimed_by, created_at) VALUES"
                                        " ((SELECT id FROM certificates WHERE common_name = 'seed.example.com'),"
                                        " 'deploy', 'queued', 'deploy', 40, 'half way', 1, '{\"x\":1}', '{}', '',"
                                        " '2026-02-03T04:05:06.007Z')")));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO audit_events (at, actor, certificate_id, action, outcome, details)"
                                        " VALUES ('2026-02-03T04:05:06.007Z', 'operator:seed',"
                                        " (SELECT id FROM certificates WHERE common_name = 'seed.example.com'),"
                                        " 'cert.import', 'ok', '{\"path\":\"/seed.pem\"}')")));
    }
    if (version >= 2) {
        QVERIFY(exec(db,
                     QStringLiteral("INSERT INTO local_cas (name, parent_id, certificate_pem, encrypted_key_pem,"
                                    " crl_number, created_at) VALUES ('Seed CA', NULL, ?, ?, 7,"
                                    " '2026-01-01T00:00:00.000Z')"),
                     {QByteArray("seed ca cert"), kSeedKey}));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO local_ca_issued (ca_id, serial_hex, not_after) VALUES"
                                        " ((SELECT id FROM local_cas WHERE name = 'Seed CA'), 'beef',"
                                        " '2027-01-01T00:00:00.000Z')")));
        QVERIFY(
            exec(db, QStringLiteral("INSERT INTO local_ca_revocations (ca_id, serial_hex, reason, state, revoked_at)"
                                    " VALUES ((SELECT id FROM local_cas WHERE name = 'Seed CA'), 'beef', 6,"
                                    " 'on-hold', '2026-06-01T00:00:00.000Z')")));
    }
}

void verifySeeds(const Database& db, int version)
{
    if (version >= 1) {
        auto bot = BotRepository(db).findByName(QStringLiteral("seed-bot"));
        QVERIFY2(bot, qPrintable(bot.message()));
        QVERIFY(bot->has_value());
        QCOMPARE((*bot)->transport, BotTransportKind::Ssh);
        QCOMPARE((*bot)->scan.value(QStringLiteral("servers")).toArray().size(), 1);

        auto cert = CertificateRepository(db).findByFingerprint(kSeedFingerprint);
        QVERIFY2(cert, qPrintable(cert.message()));
        QVERIFY(cert->has_value());
        const CertificateRecord& r = **cert;
        QCOMPARE(r.commonName, QStringLiteral("seed.example.com"));
        QCOMPARE(r.sans, QStringList({QStringLiteral("seed.example.com"), QStringLiteral("10.1.2.3")}));
        QCOMPARE(r.status, CertificateStatus::Managed);
        QCOMPARE(r.botId, (*bot)->id);
        QCOMPARE(r.chainPem, kSeedChain);
        QCOMPARE(r.notAfter, QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(r.updatedAt, QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6, 7), Qt::UTC));

        auto config = ProvisioningConfigRepository(db).find(r.id);
        QVERIFY(config && config->has_value());
        compareConfigs(**config, fullConfig(0));
        if (QTest::currentTestFailed()) {
            return;
        }

        auto jobs = JobRepository(db).unfinished();
        QVERIFY(jobs);
        QCOMPARE(jobs->size(), 1);
        QCOMPARE(jobs->first().certificateId, r.id);
        QCOMPARE(jobs->first().progress, 40);
        QCOMPARE(jobs->first().params.value(QStringLiteral("x")).toInt(), 1);

        auto events = AuditRepository(db).forCertificate(r.id);
        QVERIFY(events);
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().actor, QStringLiteral("operator:seed"));
    }
    if (version >= 2) {
        LocalCaRepository cas(db);
        auto ca = cas.findByName(QStringLiteral("Seed CA"));
        QVERIFY(ca && ca->has_value());
        QCOMPARE((*ca)->encryptedKeyPem, kSeedKey);
        QCOMPARE((*ca)->crlNumber, qint64(7));
        QVERIFY(cas.hasIssued((*ca)->id, QStringLiteral("BEEF")).value());
        auto revocations = cas.revocations((*ca)->id);
        QVERIFY(revocations);
        QCOMPARE(revocations->size(), 1);
        QCOMPARE(revocations->first().state, RevocationState::OnHold);
    }
}

} // namespace certdeck::test::scenarios
