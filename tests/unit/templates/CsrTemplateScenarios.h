#pragma once

#include "engine/domain/CsrTemplate.h"

namespace certdeck::store {
class Database;
}

// CSR template repository round trips shared by the SQLite and the PostgreSQL tests. They use QVERIFY/QCOMPARE;
// callers check QTest::currentTestFailed() afterwards.
namespace certdeck::test::scenarios {

// A template with every field away from its default.
CsrTemplate fullTemplate(const QString& name);
void compareTemplates(const CsrTemplate& actual, const CsrTemplate& expected);

void csrTemplateRoundTrip(const store::Database& db);
void csrTemplateRefusesInvalid(const store::Database& db);

} // namespace certdeck::test::scenarios
