#pragma once

namespace certdeck::store {
class Database;
}

// The endpoints table's round trip, shared by the SQLite unit test and the PostgreSQL integration test. Uses
// QVERIFY/QCOMPARE; callers check QTest::currentTestFailed() afterwards.
namespace certdeck::test::scenarios {

void endpointRoundTrip(const store::Database& db);

} // namespace certdeck::test::scenarios
