#pragma once

#include "engine/domain/CertificateRecord.h"
#include "engine/domain/ProvisioningConfig.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace certdeck::store {
class Database;
}

// Repository round trips shared by the SQLite unit tests and the PostgreSQL integration test. Each function
// uses QVERIFY/QCOMPARE; callers check QTest::currentTestFailed() afterwards.
namespace certdeck::test::scenarios {

// A migrated SQLite inventory in `dir` (test fails and returns null when it cannot be opened).
std::shared_ptr<store::Database> openTempSqlite(const QTemporaryDir& dir);

CertificateRecord sampleCertificate(const QString& commonName, const QString& fingerprint);
// Inserts a Discovered certificate and returns its id (0 on failure, with the test marked failed).
qint64 addCertificate(const store::Database& db, const QString& commonName, const QString& fingerprint = {});
// A configuration with every field away from its default.
ProvisioningConfig fullConfig(qint64 botId);
void compareConfigs(const ProvisioningConfig& actual, const ProvisioningConfig& expected);

void certificateRoundTrip(const store::Database& db);
void botRoundTrip(const store::Database& db);
void provisioningRoundTrip(const store::Database& db);
void provisioningSaveMany(const store::Database& db, int count);
void jobRoundTrip(const store::Database& db);
void auditRoundTrip(const store::Database& db);
void localCaRoundTrip(const store::Database& db);

// Job runners' leases (LeaseScenarios.cpp): two runners with one host name never hold one job; a runner whose
// lease expired loses its job to another runner, which resumes it, and the stale runner's updates are refused.
void runnersWithTheSameHostNameNeverShareAJob(const store::Database& db);
void expiredLeaseIsTakenOverAndTheStaleRunnerIsRefused(const store::Database& db);

// Rows written with plain SQL as schema version `version` had them, and their check after an upgrade.
void seedVersion(const store::Database& db, int version);
void verifySeeds(const store::Database& db, int version);

} // namespace certdeck::test::scenarios
