// A certificate configured with Full Override and a CSR template is ordered from the built-in CA through the real
// local bot: the issued certificate carries the template's subject structure (O, OU, L, ST, C) next to its own
// common name. A template deleted after the configuration was saved stops the order with a message naming it,
// instead of issuing a certificate without the subject the template demands.
#include "app/common/Engine.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/crypto/Certificate.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/CsrTemplateRepository.h"
#include "engine/store/Database.h"
#include "tests/integration/lifecycle/TestEngine.h"
#include "tests/support/WaitFor.h"

#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using test::waitFor;

class TestCsrTemplateSubject : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void issuedCertificateCarriesTheTemplateSubject();
    void deletedTemplateStopsTheOrderWithItsName();

private:
    qint64 addCertificate(const QString& name, const QString& templateName);
    std::optional<Result<Job>> order(qint64 id);

    QTemporaryDir m_dir;
    std::unique_ptr<app::Engine> m_engine;
    QString m_ca;
};

void TestCsrTemplateSubject::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QVERIFY(m_dir.isValid());
    auto engine = test::openTestEngine(m_dir.path(), QStringLiteral("operator:template-test"),
                                       QStringLiteral("CertDeckTemplateTest"));
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());
    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("template-%1").arg(QCoreApplication::applicationPid());
    spec.commonName = QStringLiteral("CertDeck Template Test CA");
    auto created = waitFor<Result<ca::LocalCaInfo>>(
        [&](QObject* context, auto done) { m_engine->localCa->create(spec, context, done); });
    QVERIFY(created.has_value());
    QVERIFY2(created->ok(), qPrintable(created->message()));
    m_ca = spec.name;
}

void TestCsrTemplateSubject::cleanupTestCase()
{
    m_engine.reset();
}

qint64 TestCsrTemplateSubject::addCertificate(const QString& name, const QString& templateName)
{
    ProvisioningConfig config;
    config.commonName = name;
    config.sans = {name};
    config.caType = QStringLiteral("localca");
    config.caConnectorName = m_ca;
    config.csrMode = CsrMode::FullOverride;
    config.csrTemplate = templateName;
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256WithECDSA");
    config.serverType = QStringLiteral("nginx");
    auto id = waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
    return id && id->ok() ? id->value() : 0;
}

std::optional<Result<Job>> TestCsrTemplateSubject::order(qint64 id)
{
    return waitFor<Result<Job>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->run(JobAction::Order, id, context, done); });
}

void TestCsrTemplateSubject::issuedCertificateCarriesTheTemplateSubject()
{
    CsrTemplate web;
    web.name = QStringLiteral("web-servers");
    web.keyAlgorithm = QStringLiteral("EC");
    web.keySize = 256;
    web.signatureAlgorithm = QStringLiteral("SHA256WithECDSA");
    web.organization = QStringLiteral("Example Corp");
    web.organizationalUnit = QStringLiteral("Web Operations");
    web.locality = QStringLiteral("Zurich");
    web.state = QStringLiteral("ZH");
    web.country = QStringLiteral("CH");
    const Status saved = store::CsrTemplateRepository(*m_engine->database).save(web);
    QVERIFY2(saved.ok(), qPrintable(saved.message()));

    const qint64 id = addCertificate(QStringLiteral("shop.template.test"), web.name);
    QVERIFY(id != 0);
    auto ordered = order(id);
    QVERIFY(ordered.has_value());
    QVERIFY2(ordered->ok(), qPrintable(ordered->message()));
    QVERIFY2(ordered->value().state == JobState::Succeeded, qPrintable(ordered->value().message));

    auto record = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    QVERIFY(record && record->ok());
    QVERIFY(!record->value().chainPem.isEmpty());
    // Read the issued certificate itself (its first PEM block), not what the inventory says about it.
    auto issued = crypto::Certificate::fromPem(record->value().chainPem);
    QVERIFY2(issued.ok(), qPrintable(issued.message()));
    const QString subject = issued->subject();
    for (const QString& part : {QStringLiteral("CN=shop.template.test"), QStringLiteral("O=Example Corp"),
                                QStringLiteral("OU=Web Operations"), QStringLiteral("L=Zurich"),
                                QStringLiteral("ST=ZH"), QStringLiteral("C=CH")}) {
        QVERIFY2(subject.contains(part), qPrintable(QStringLiteral("%1 lacks %2").arg(subject, part)));
    }
}

void TestCsrTemplateSubject::deletedTemplateStopsTheOrderWithItsName()
{
    CsrTemplate gone;
    gone.name = QStringLiteral("retired-template");
    gone.keyAlgorithm = QStringLiteral("EC");
    gone.keySize = 256;
    gone.signatureAlgorithm = QStringLiteral("SHA256WithECDSA");
    gone.organization = QStringLiteral("Retired Corp");
    const store::CsrTemplateRepository templates(*m_engine->database);
    QVERIFY(templates.save(gone).ok());
    const qint64 id = addCertificate(QStringLiteral("old.template.test"), gone.name);
    QVERIFY(id != 0);
    QVERIFY(templates.remove(gone.name).ok());

    auto ordered = order(id);
    QVERIFY(ordered.has_value());
    const QString message = ordered->ok() ? ordered->value().message : ordered->message();
    QVERIFY2(!ordered->ok() || ordered->value().state == JobState::Failed, qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("\"retired-template\"")) && message.contains(QStringLiteral("no longer")),
             qPrintable(message));
    auto record = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    QVERIFY(record && record->ok());
    QVERIFY2(record->value().fingerprintSha256.isEmpty(), "nothing was issued");
}

QTEST_GUILESS_MAIN(TestCsrTemplateSubject)
#include "TestCsrTemplateSubject.moc"
