// CsrTemplateRepository on a real SQLite inventory (the PostgreSQL twin is TestCsrTemplateRepositoryPostgres).
#include "engine/store/CsrTemplateRepository.h"
#include "engine/store/Database.h"
#include "tests/unit/store/StoreScenarios.h"
#include "tests/unit/templates/CsrTemplateScenarios.h"

#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestCsrTemplateRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::csrTemplateRoundTrip(*db);
    }

    void refusesInvalidTemplates()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::csrTemplateRefusesInvalid(*db);
    }

    void survivesReopening()
    {
        QTemporaryDir dir;
        {
            auto db = test::scenarios::openTempSqlite(dir);
            QVERIFY(db);
            QVERIFY(store::CsrTemplateRepository(*db).save(test::scenarios::fullTemplate(QStringLiteral("kept"))));
        }
        auto reopened = test::scenarios::openTempSqlite(dir);
        QVERIFY(reopened);
        auto found = store::CsrTemplateRepository(*reopened).find(QStringLiteral("kept"));
        QVERIFY2(found.ok(), qPrintable(found.message()));
        QVERIFY(found->has_value());
        test::scenarios::compareTemplates(**found, test::scenarios::fullTemplate(QStringLiteral("kept")));
    }
};

QTEST_GUILESS_MAIN(TestCsrTemplateRepository)
#include "TestCsrTemplateRepository.moc"
