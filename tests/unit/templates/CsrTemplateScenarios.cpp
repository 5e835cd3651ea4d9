#include "tests/unit/templates/CsrTemplateScenarios.h"

#include "engine/store/CsrTemplateRepository.h"
#include "engine/store/Database.h"

#include <QTest>

namespace certdeck::test::scenarios {

CsrTemplate fullTemplate(const QString& name)
{
    CsrTemplate t;
    t.name = name;
    t.description = QStringLiteral("Web servers of the shop, RSA 3072");
    t.keyAlgorithm = QStringLiteral("RSA");
    t.keySize = 3072;
    t.signatureAlgorithm = QStringLiteral("SHA384WithRSA");
    t.organization = QStringLiteral("Example GmbH");
    t.organizationalUnit = QStringLiteral("Web Operations");
    t.locality = QStringLiteral("Berlin");
    t.state = QStringLiteral("Berlin");
    t.country = QStringLiteral("DE");
    t.minimumRsaKeySize = 3072;
    t.allowedKeyAlgorithms = {QStringLiteral("RSA")};
    t.allowedNamePatterns = {QStringLiteral("*.shop.example.com"), QStringLiteral("shop.example.com")};
    t.maximumSans = 7;
    return t;
}

void compareTemplates(const CsrTemplate& actual, const CsrTemplate& expected)
{
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.description, expected.description);
    QCOMPARE(actual.keyAlgorithm, expected.keyAlgorithm);
    QCOMPARE(actual.keySize, expected.keySize);
    QCOMPARE(actual.signatureAlgorithm, expected.signatureAlgorithm);
    QCOMPARE(actual.organization, expected.organization);
    QCOMPARE(actual.organizationalUnit, expected.organizationalUnit);
    QCOMPARE(actual.locality, expected.locality);
    QCOMPARE(actual.state, expected.state);
    QCOMPARE(actual.country, expected.country);
    QCOMPARE(actual.minimumRsaKeySize, expected.minimumRsaKeySize);
    QCOMPARE(actual.allowedKeyAlgorithms, expected.allowedKeyAlgorithms);
    QCOMPARE(actual.allowedNamePatterns, expected.allowedNamePatterns);
    QCOMPARE(actual.maximumSans, expected.maximumSans);
}

void csrTemplateRoundTrip(const store::Database& db)
{
    const store::CsrTemplateRepository repository(db);
    auto empty = repository.list();
    QVERIFY2(empty.ok(), qPrintable(empty.message()));
    QVERIFY(empty->isEmpty());

    const CsrTemplate web = fullTemplate(QStringLiteral("web-rsa-3072"));
    CsrTemplate ec;
    ec.name = QStringLiteral("api-ec");
    ec.keyAlgorithm = QStringLiteral("EC");
    ec.keySize = 256;
    ec.signatureAlgorithm = QStringLiteral("SHA256WithECDSA");
    QVERIFY2(repository.save(web).ok(), qPrintable(repository.save(web).message()));
    QVERIFY(repository.save(ec).ok());

    auto listed = repository.list();
    QVERIFY2(listed.ok(), qPrintable(listed.message()));
    QCOMPARE(listed->size(), 2);
    QCOMPARE(listed->at(0).name, QStringLiteral("api-ec")); // by name
    compareTemplates(listed->at(1), web);
    if (QTest::currentTestFailed()) {
        return;
    }

    // Saving under the same name replaces the definition, it does not add a row.
    CsrTemplate changed = web;
    changed.keySize = 4096;
    changed.allowedNamePatterns = {QStringLiteral("*.example.org")};
    changed.description = QStringLiteral("now 4096");
    const Status replaced = repository.save(changed);
    QVERIFY2(replaced.ok(), qPrintable(replaced.message()));
    auto found = repository.find(web.name);
    QVERIFY2(found.ok(), qPrintable(found.message()));
    QVERIFY(found->has_value());
    compareTemplates(**found, changed);
    QCOMPARE(repository.list()->size(), 2);

    auto missing = repository.find(QStringLiteral("no-such-template"));
    QVERIFY(missing.ok());
    QVERIFY(!missing->has_value());

    QVERIFY(repository.remove(ec.name).ok());
    const Status again = repository.remove(ec.name);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, QStringLiteral("notFound"));
    QVERIFY2(again.message().contains(QStringLiteral("\"api-ec\" does not exist")), qPrintable(again.message()));
    QCOMPARE(repository.list()->size(), 1);
}

void csrTemplateRefusesInvalid(const store::Database& db)
{
    const store::CsrTemplateRepository repository(db);
    CsrTemplate weak = fullTemplate(QStringLiteral("weak"));
    weak.keySize = 2048; // below its own minimum of 3072
    const Status refused = repository.save(weak);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, QStringLiteral("invalid"));
    QVERIFY2(refused.message().contains(QStringLiteral("Key size")), qPrintable(refused.message()));
    auto found = repository.find(QStringLiteral("weak"));
    QVERIFY(found.ok());
    QVERIFY(!found->has_value()); // nothing stored

    CsrTemplate unnamed = fullTemplate(QStringLiteral("   "));
    QVERIFY(!repository.save(unnamed).ok());
}

} // namespace certdeck::test::scenarios
