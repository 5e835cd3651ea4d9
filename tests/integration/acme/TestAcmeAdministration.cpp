#include "AcmeTestHelpers.h"
#include "ChallTestSrvValidator.h"

#include "connectors/acme/AcmeAdministration.h"
#include "engine/ca/CaRegistry.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/Database.h"
#include "tests/support/PebbleFixture.h"
#include "tests/support/WaitFor.h"

#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace certdeck;

namespace {

using test::waitFor;

} // namespace

class TestAcmeAdministration : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<store::Database> m_db;
    secrets::SecretStore m_secrets{QStringLiteral("CertDeckTest-acme-") + QUuid::createUuid().toString(QUuid::Id128)};

    std::optional<Result<ca::AcmeConnectorInfo>> create(acme::AcmeAdministration& admin,
                                                        const ca::AcmeConnectorSpec& spec)
    {
        return waitFor<Result<ca::AcmeConnectorInfo>>(
            [&](QObject* ctx, std::function<void(Result<ca::AcmeConnectorInfo>)> done) {
                admin.create(spec, ctx, done);
            });
    }

    QList<ca::AcmeConnectorInfo> list(acme::AcmeAdministration& admin)
    {
        auto listed = waitFor<Result<QList<ca::AcmeConnectorInfo>>>(
            [&](QObject* ctx, std::function<void(Result<QList<ca::AcmeConnectorInfo>>)> done) {
                admin.list(ctx, done);
            });
        if (!listed || !listed->ok()) {
            qFatal("list failed");
        }
        return listed->value();
    }

    ca::AcmeConnectorSpec specFor(const test::PebbleFixture& pebble, const QString& name)
    {
        ca::AcmeConnectorSpec spec;
        spec.name = name;
        spec.presetId = QStringLiteral("custom");
        spec.directoryUrl = pebble.directoryUrl();
        spec.contactEmail = QStringLiteral("ops@example.test");
        spec.termsAgreed = true;
        spec.trustBundlePath = pebble.trustBundlePath();
        spec.httpValidationPort = pebble.httpValidationPort();
        return spec;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!test::PebbleFixture::isAvailable(&reason)) {
            QFAIL(qPrintable(reason));
        }
        QVERIFY(m_dir.isValid());
        auto db = store::Database::open(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db")));
        QVERIFY2(db.ok(), qPrintable(db.message()));
        m_db = *db;
    }

    void presetsNameEabNeeds()
    {
        ca::CaRegistry registry;
        acme::AcmeAdministration admin(m_db, registry, m_secrets);
        QStringList ids;
        for (const auto& preset : admin.presets()) {
            ids << preset.id;
            if (preset.id == QLatin1String("zerossl") || preset.id == QLatin1String("google") ||
                preset.id == QLatin1String("sslcom")) {
                QVERIFY(preset.eabRequired);
                QVERIFY(!preset.eabHelp.isEmpty());
            }
            if (preset.id == QLatin1String("letsencrypt")) {
                QCOMPARE(preset.directoryUrl, QStringLiteral("https://acme-v02.api.letsencrypt.org/directory"));
            }
        }
        QCOMPARE(ids, (QStringList{"letsencrypt", "letsencrypt-staging", "zerossl", "google", "buypass", "sslcom",
                                   "custom"}));
        // A preset that needs EAB refuses to start without it, before any network call.
        ca::AcmeConnectorSpec spec;
        spec.name = QStringLiteral("zero");
        spec.presetId = QStringLiteral("zerossl");
        spec.termsAgreed = true;
        auto refused = create(admin, spec);
        QVERIFY(refused.has_value() && !refused->ok());
        QVERIFY2(refused->message().contains(QStringLiteral("EAB")), qPrintable(refused->message()));
    }

    void createIssueListRemove()
    {
        test::PebbleFixture pebble;
        QVERIFY(pebble.start().ok());
        ca::CaRegistry registry;
        acme::AcmeAdministration admin(m_db, registry, m_secrets);
        auto created = create(admin, specFor(pebble, QStringLiteral("Pebble CA")));
        QVERIFY(created.has_value());
        QVERIFY2(created->ok(), qPrintable(created->message()));
        QVERIFY(created->value().accountUrl.startsWith(QStringLiteral("https://127.0.0.1:")));
        QVERIFY(registry.find(QStringLiteral("acme"), QStringLiteral("Pebble CA")));

        // The key is in the keychain, not in the inventory.
        auto key = m_secrets.readBlocking(acme::AcmeAdministration::accountKeyName(QStringLiteral("Pebble CA")));
        QVERIFY2(key.ok(), qPrintable(key.message()));
        QVERIFY(key->contains("PRIVATE KEY"));
        QFile dbFile(m_dir.filePath(QStringLiteral("inventory.db")));
        QVERIFY(dbFile.open(QIODevice::ReadOnly));
        QVERIFY(!dbFile.readAll().contains(key->mid(40, 40)));

        auto duplicate = create(admin, specFor(pebble, QStringLiteral("Pebble CA")));
        QVERIFY(duplicate.has_value() && !duplicate->ok());
        QCOMPARE(duplicate->error().kind, QStringLiteral("duplicate"));

        // A second administration over the same inventory (the next start) registers it again and issues with
        // the key read lazily from the keychain.
        ca::CaRegistry registry2;
        acme::AcmeAdministration admin2(m_db, registry2, m_secrets);
        QVERIFY(admin2.registerExisting().ok());
        auto connector = registry2.find(QStringLiteral("acme"), QStringLiteral("Pebble CA"));
        QVERIFY(connector);
        QCOMPARE(connector->httpValidationPort(), pebble.httpValidationPort());
        ca::IssueRequest request;
        request.csrPem = acmetest::makeCsr({QStringLiteral("admin.certdeck.test")});
        request.validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        auto issued = acmetest::issueAndWait(*connector, request);
        QVERIFY2(issued.ok(), qPrintable(issued.message()));

        QCOMPARE(list(admin).size(), 1);
        QCOMPARE(list(admin).first().name, QStringLiteral("Pebble CA"));
        auto removed = waitFor<Status>([&](QObject* ctx, std::function<void(Status)> done) {
            admin.remove(QStringLiteral("Pebble CA"), ctx, done);
        });
        QVERIFY(removed.has_value());
        QVERIFY2(removed->ok(), qPrintable(removed->message()));
        QVERIFY(list(admin).isEmpty());
        QVERIFY(!registry.find(QStringLiteral("acme"), QStringLiteral("Pebble CA")));
        QVERIFY(!m_secrets.readBlocking(acme::AcmeAdministration::accountKeyName(QStringLiteral("Pebble CA"))).ok());
    }

    void eabIsStoredInTheKeychain()
    {
        const QByteArray hmac = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
        test::PebbleOptions options;
        options.eabRequired = true;
        options.eabKeys.insert(QStringLiteral("kid-1"), hmac);
        test::PebbleFixture pebble(options);
        QVERIFY(pebble.start().ok());
        ca::CaRegistry registry;
        acme::AcmeAdministration admin(m_db, registry, m_secrets);

        // Registration refused (no EAB): nothing is kept.
        auto refused = create(admin, specFor(pebble, QStringLiteral("Needs EAB")));
        QVERIFY(refused.has_value() && !refused->ok());
        QVERIFY2(refused->message().contains(QStringLiteral("EAB")), qPrintable(refused->message()));
        QVERIFY(list(admin).isEmpty());
        QVERIFY(!registry.find(QStringLiteral("acme"), QStringLiteral("Needs EAB")));
        QVERIFY(!m_secrets.readBlocking(acme::AcmeAdministration::accountKeyName(QStringLiteral("Needs EAB"))).ok());

        ca::AcmeConnectorSpec spec = specFor(pebble, QStringLiteral("Needs EAB"));
        spec.eabKeyId = QStringLiteral("kid-1");
        spec.eabHmacKey = hmac;
        auto created = create(admin, spec);
        QVERIFY(created.has_value());
        QVERIFY2(created->ok(), qPrintable(created->message()));
        QVERIFY(created->value().eabBound);
        auto stored = m_secrets.readBlocking(acme::AcmeAdministration::eabKeyName(QStringLiteral("Needs EAB")));
        QVERIFY2(stored.ok(), qPrintable(stored.message()));
        QCOMPARE(*stored, hmac);
        auto removed = waitFor<Status>([&](QObject* ctx, std::function<void(Status)> done) {
            admin.remove(QStringLiteral("Needs EAB"), ctx, done);
        });
        QVERIFY(removed.has_value() && removed->ok());
        QVERIFY(!m_secrets.readBlocking(acme::AcmeAdministration::eabKeyName(QStringLiteral("Needs EAB"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestAcmeAdministration)
#include "TestAcmeAdministration.moc"
