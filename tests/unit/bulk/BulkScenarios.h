#pragma once

#include "engine/domain/ProvisioningConfig.h"
#include "engine/jobs/BulkConfiguration.h"

#include <QList>
#include <QMap>

namespace certdeck::store {
class Database;
}

// Bulk Configure against a real inventory, shared by the SQLite unit test, the PostgreSQL integration test and
// the GUI test. Each function uses QVERIFY/QCOMPARE; callers check QTest::currentTestFailed() afterwards.
namespace certdeck::test::bulk {

// `count` certificates, each with its own name, SANs, endpoint and server fields. Every fifth has no
// configuration (and stays Discovered); the others are Managed with a configuration whose key size is 2048,
// except every seventh with 3072 already. Returns the ids in insertion order.
QList<qint64> seedInventory(const store::Database& db, int count);

// The change of the spec's example: RSA 3072, renewal 30 days before expiry daily at 02:00 Europe/Berlin, and
// the CA connector "Corporate" of the built-in CA.
jobs::BulkConfiguration exampleChange();

// Every stored configuration by certificate id (certificates without one are left out).
QMap<qint64, ProvisioningConfig> storedConfigs(const store::Database& db, const QList<qint64>& ids);
// The configurations as JSON text plus each certificate's status: equal before and after means nothing changed.
QMap<qint64, QString> inventorySnapshot(const store::Database& db, const QList<qint64>& ids);

// Every one of `ids` has exactly the values of exampleChange() and kept its own identity, SANs, endpoint and
// server fields (as seedInventory made them).
void verifyExampleApplied(const store::Database& db, const QList<qint64>& ids);

// The scenarios.
void savesEveryCertificateKeepingItsOwnSettings(const store::Database& db, int count);
void refusesBadValuesStoringNothing(const store::Database& db, int count);
void missingCertificateStoresNothing(const store::Database& db, int count);
// A database constraint fails at the certificate in the middle of the selection (a trigger aborts its write).
void constraintInTheMiddleStoresNothing(const store::Database& db, int count);
// Installs that trigger for one certificate id (SQLite or PostgreSQL).
bool failWritesOf(const store::Database& db, qint64 certificateId);

} // namespace certdeck::test::bulk
