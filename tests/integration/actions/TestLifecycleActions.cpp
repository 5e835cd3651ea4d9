// The dashboard's lifecycle actions Rotate, Rekey, Initiate (then Order) and Delete, end to end with real parts: the
// built-in CA (passphrase in the real Secret Service), the real certdeck-bot over its stdio protocol, and a real nginx
// on loopback. What is checked is what an operator sees: which certificate and key nginx serves, which files are on
// disk (byte for byte), and what the inventory and the audit trail say.
#include "app/common/Engine.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateRequest.h"
#include "engine/crypto/TlsProbe.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/integration/lifecycle/TestEngine.h"
#include "tests/support/WaitFor.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509.h>

#include <optional>

using namespace certdeck;

namespace {

using test::waitFor;

QByteArray publicKeyDer(EVP_PKEY* key)
{
    unsigned char* der = nullptr;
    const int length = key ? i2d_PUBKEY(key, &der) : -1;
    if (length <= 0) {
        return {};
    }
    QByteArray out(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return out;
}

struct Served
{
    QString fingerprint;
    QByteArray publicKey;
    QString error;
};

Served served(int port, const QString& serverName)
{
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), port, serverName}, 5000);
    if (!probe.ok() || probe->chain.isEmpty()) {
        return {{}, {}, QStringLiteral("probe failed: ") + probe.message()};
    }
    return {probe->leafFingerprintSha256, publicKeyDer(X509_get0_pubkey(probe->chain.first().get())), {}};
}

QByteArray certificatePublicKey(const QByteArray& chainPem)
{
    auto chain = crypto::Certificate::chainFromPem(chainPem);
    return chain.ok() && !chain->isEmpty() ? publicKeyDer(X509_get0_pubkey(chain->first().get())) : QByteArray();
}

QByteArray csrPublicKey(const QByteArray& csrPem)
{
    auto csr = crypto::CertificateRequest::fromPem(csrPem);
    return csr.ok() ? publicKeyDer(X509_REQ_get0_pubkey(csr->get())) : QByteArray();
}

} // namespace

class TestLifecycleActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rotateServesANewCertificateForTheSameKey();
    void rekeyServesANewCertificateForANewKey();
    void rotateMakesANewKeyWhenTheBotLostTheCurrentOne();
    void rotateResumedAfterItsIssuanceOnlyDeploys();
    void rotateIsRolledBackWhenNginxRefusesTheNewFiles();
    void initiatePreparesWithoutDeployingAndOrderUsesItsCsr();
    void deleteFromTheInventoryOnlyLeavesTheFiles();
    void removalIsRefusedWhileNginxUsesTheFiles();
    void removalTakesTheFilesOffOnceNginxNoLongerUsesThem();
    void apacheSharesTheRemoval();
    void anImportedCertificateWithoutConfigurationCanBeDeleted();

private:
    Result<qint64> addCertificate(const QString& commonName);
    Result<qint64> addCertificate(const QString& commonName, const QString& serverType, const QVariantMap& fields,
                                  int port);
    std::optional<Result<Job>> runJob(JobAction action, qint64 id, const QJsonObject& params = {});
    std::optional<CertificateRecord> record(qint64 id);
    QStringList auditActions(qint64 id);

    QTemporaryDir m_dir;
    std::unique_ptr<app::Engine> m_engine;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    test::InitialSite m_site;
    qint64 m_deployed = 0; // the certificate nginx serves (issued, deployed, then rotated and rekeyed)
    qint64 m_initiated = 0;
};

void TestLifecycleActions::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_dir.isValid());
    auto engine = test::openTestEngine(m_dir.path(), QStringLiteral("operator:alice"), QStringLiteral("CertDeckTest"));
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());

    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("actions-%1").arg(QCoreApplication::applicationPid());
    spec.commonName = QStringLiteral("CertDeck Test Actions CA");
    auto created = waitFor<Result<ca::LocalCaInfo>>(
        [&](QObject* context, auto done) { m_engine->localCa->create(spec, context, done); });
    QVERIFY(created.has_value());
    QVERIFY2(created->ok(), qPrintable(created->message()));

    QString error;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("nginx")), QStringLiteral("www.example.test"), &m_site,
                                   &error),
             qPrintable(error));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       m_dir.filePath(QStringLiteral("nginx")));
    auto started = m_nginx->start({m_site.certificateFile, m_site.keyFile, {}, m_site.serverName});
    QVERIFY2(started.ok(), qPrintable(started.message()));
}

void TestLifecycleActions::cleanupTestCase()
{
    m_nginx.reset();
    m_engine.reset();
}

Result<qint64> TestLifecycleActions::addCertificate(const QString& commonName)
{
    return addCertificate(commonName, QStringLiteral("nginx"),
                          {
                              {QStringLiteral("certificateFile"), m_site.certificateFile},
                              {QStringLiteral("keyFile"), m_site.keyFile},
                              {QStringLiteral("configFile"), m_nginx->configFile()},
                              {QStringLiteral("prefix"), m_nginx->directory()},
                              {QStringLiteral("nginxBinary"), m_nginx->binary()},
                          },
                          m_nginx->port());
}

Result<qint64> TestLifecycleActions::addCertificate(const QString& commonName, const QString& serverType,
                                                    const QVariantMap& fields, int port)
{
    ProvisioningConfig config;
    config.commonName = commonName;
    config.sans = {commonName};
    config.caType = QStringLiteral("localca");
    config.caConnectorName = m_engine->cas.connectors(QStringLiteral("localca")).first()->name();
    config.serverType = serverType;
    config.serverFields = fields;
    config.endpointHost = QStringLiteral("127.0.0.1");
    config.endpointPort = port;
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
    auto id = waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
    return id.value_or(fail(QStringLiteral("timed out")));
}

std::optional<Result<Job>> TestLifecycleActions::runJob(JobAction action, qint64 id, const QJsonObject& params)
{
    return waitFor<Result<Job>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->run(action, id, params, context, done); });
}

std::optional<CertificateRecord> TestLifecycleActions::record(qint64 id)
{
    auto loaded = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    if (!loaded || !loaded->ok()) {
        return std::nullopt;
    }
    return loaded->value();
}

QStringList TestLifecycleActions::auditActions(qint64 id)
{
    QStringList actions;
    auto events = store::AuditRepository(*m_engine->database).forCertificate(id);
    if (!events.ok()) {
        return {events.message()};
    }
    for (const auto& event : events.value()) {
        actions << event.action + QLatin1Char('=') + event.outcome + QLatin1Char('@') + event.actor;
    }
    return actions;
}

#define VERIFY_JOB(job, expectedState)                                                                                 \
    QVERIFY(job.has_value());                                                                                          \
    QVERIFY2(job->ok(), qPrintable(job->message()));                                                                   \
    QVERIFY2(job->value().state == expectedState,                                                                      \
             qPrintable(jobStateId(job->value().state) + QStringLiteral(": ") + job->value().message))

void TestLifecycleActions::rotateServesANewCertificateForTheSameKey()
{
    auto id = addCertificate(QStringLiteral("www.example.test"));
    QVERIFY2(id.ok(), qPrintable(id.message()));
    m_deployed = id.value();
    auto issued = runJob(JobAction::Order, m_deployed);
    VERIFY_JOB(issued, JobState::Succeeded);
    auto deployed = runJob(JobAction::Deploy, m_deployed);
    VERIFY_JOB(deployed, JobState::Succeeded);
    const CertificateRecord before = record(m_deployed).value_or(CertificateRecord{});
    const Served servedBefore = served(m_nginx->port(), m_site.serverName);
    QCOMPARE(servedBefore.fingerprint, before.fingerprintSha256);
    QVERIFY(!servedBefore.publicKey.isEmpty());

    auto rotated = runJob(JobAction::Rotate, m_deployed);
    VERIFY_JOB(rotated, JobState::Succeeded);
    QCOMPARE(rotated->value().step, QStringLiteral("verify"));
    QCOMPARE(rotated->value().progress, 100);
    qInfo().noquote() << "rotate:" << rotated->value().message;
    QVERIFY2(rotated->value().message.contains(QStringLiteral("reuses the current key")),
             qPrintable(rotated->value().message));
    const Served servedAfter = served(m_nginx->port(), m_site.serverName);
    QVERIFY2(servedAfter.error.isEmpty(), qPrintable(servedAfter.error));
    QVERIFY(servedAfter.fingerprint != servedBefore.fingerprint);
    QCOMPARE(servedAfter.publicKey, servedBefore.publicKey);
    const CertificateRecord after = record(m_deployed).value_or(CertificateRecord{});
    QCOMPARE(after.fingerprintSha256, servedAfter.fingerprint);
    QCOMPARE(after.status, CertificateStatus::Deployed);
    QCOMPARE(after.keyId, before.keyId);
    QVERIFY2(auditActions(m_deployed).contains(QStringLiteral("cert.rotate=ok@operator:alice")),
             qPrintable(auditActions(m_deployed).join(QLatin1Char(' '))));
}

void TestLifecycleActions::rekeyServesANewCertificateForANewKey()
{
    QVERIFY(m_deployed != 0);
    const CertificateRecord before = record(m_deployed).value_or(CertificateRecord{});
    const Served servedBefore = served(m_nginx->port(), m_site.serverName);
    QCOMPARE(servedBefore.fingerprint, before.fingerprintSha256);

    auto rekeyed = runJob(JobAction::Rekey, m_deployed);
    VERIFY_JOB(rekeyed, JobState::Succeeded);
    QCOMPARE(rekeyed->value().step, QStringLiteral("verify"));
    const Served servedAfter = served(m_nginx->port(), m_site.serverName);
    QVERIFY2(servedAfter.error.isEmpty(), qPrintable(servedAfter.error));
    QVERIFY(servedAfter.fingerprint != servedBefore.fingerprint);
    QVERIFY(!servedAfter.publicKey.isEmpty());
    QVERIFY(servedAfter.publicKey != servedBefore.publicKey);
    const CertificateRecord after = record(m_deployed).value_or(CertificateRecord{});
    QCOMPARE(after.fingerprintSha256, servedAfter.fingerprint);
    QVERIFY(after.keyId != before.keyId);
    QCOMPARE(certificatePublicKey(after.chainPem), servedAfter.publicKey);
}

void TestLifecycleActions::rotateMakesANewKeyWhenTheBotLostTheCurrentOne()
{
    QVERIFY(m_deployed != 0);
    const CertificateRecord before = record(m_deployed).value_or(CertificateRecord{});
    // A deployed key is no longer staged; the bot finds it through its deployment note. Without the note (a bot
    // reinstalled with an empty state directory) it has lost the key.
    const QString deployedNote = m_dir.filePath(QStringLiteral("bot/keys/%1.deployed").arg(before.keyId));
    QVERIFY2(!QFile::exists(m_dir.filePath(QStringLiteral("bot/keys/%1.pem").arg(before.keyId))),
             "the deployed key is still staged");
    QVERIFY2(QFile::remove(deployedNote), qPrintable(deployedNote));
    const Served servedBefore = served(m_nginx->port(), m_site.serverName);

    auto rotated = runJob(JobAction::Rotate, m_deployed);
    VERIFY_JOB(rotated, JobState::Succeeded);
    QVERIFY2(rotated->value().message.contains(QStringLiteral("no longer holds the current key %1").arg(before.keyId)),
             qPrintable(rotated->value().message));
    const Served servedAfter = served(m_nginx->port(), m_site.serverName);
    QVERIFY(servedAfter.fingerprint != servedBefore.fingerprint);
    QVERIFY(!servedAfter.publicKey.isEmpty() && servedAfter.publicKey != servedBefore.publicKey);
    QVERIFY(record(m_deployed).value_or(CertificateRecord{}).keyId != before.keyId);
}

// A console that died after the rotation's new certificate was stored (checkpoint "issuedFingerprint") resumes
// with the deployment of that certificate: no second issuance.
void TestLifecycleActions::rotateResumedAfterItsIssuanceOnlyDeploys()
{
    QVERIFY(m_deployed != 0);
    auto ordered = runJob(JobAction::Order, m_deployed);
    VERIFY_JOB(ordered, JobState::Succeeded);
    const CertificateRecord issued = record(m_deployed).value_or(CertificateRecord{});
    QVERIFY(served(m_nginx->port(), m_site.serverName).fingerprint != issued.fingerprintSha256);

    Job interrupted;
    interrupted.certificateId = m_deployed;
    interrupted.action = JobAction::Rotate;
    interrupted.startedBy = QStringLiteral("operator:alice");
    interrupted.attempts = 1;
    interrupted.step = QStringLiteral("store");
    interrupted.message = QStringLiteral("Interrupted at step store; resuming.");
    interrupted.checkpoint = QJsonObject{{QStringLiteral("keyId"), issued.keyId},
                                         {QStringLiteral("csrPem"), QStringLiteral("(used)")},
                                         {QStringLiteral("issuedFingerprint"), issued.fingerprintSha256},
                                         {QStringLiteral("issuedMessage"), QStringLiteral("Issued before the crash.")}};
    auto created = store::JobRepository(*m_engine->database).create(interrupted);
    QVERIFY2(created.ok(), qPrintable(created.message()));

    auto ran = waitFor<Result<QList<Job>>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->runDueJobs(context, done); });
    QVERIFY(ran.has_value());
    QVERIFY2(ran->ok(), qPrintable(ran->message()));
    QCOMPARE(ran->value().size(), 1);
    const Job resumed = ran->value().first();
    QVERIFY2(resumed.state == JobState::Succeeded, qPrintable(resumed.message));
    QVERIFY2(resumed.message.startsWith(QStringLiteral("Rotated: Issued before the crash.")),
             qPrintable(resumed.message));
    const CertificateRecord after = record(m_deployed).value_or(CertificateRecord{});
    QCOMPARE(after.fingerprintSha256, issued.fingerprintSha256); // not issued again
    QCOMPARE(after.status, CertificateStatus::Deployed);
    QCOMPARE(served(m_nginx->port(), m_site.serverName).fingerprint, issued.fingerprintSha256);
}

void TestLifecycleActions::rotateIsRolledBackWhenNginxRefusesTheNewFiles()
{
    QVERIFY(m_deployed != 0);
    const QByteArray certBefore = test::readAll(m_site.certificateFile);
    const QByteArray keyBefore = test::readAll(m_site.keyFile);
    const QString servedBefore = served(m_nginx->port(), m_site.serverName).fingerprint;
    // nginx's own config test fails once the new files are written.
    const QByteArray goodConfig = test::readAll(m_nginx->configFile());
    {
        QFile config(m_nginx->configFile());
        QVERIFY(config.open(QIODevice::Append));
        config.write("\nthis_is_not_a_directive;\n");
    }
    auto rotated = runJob(JobAction::Rotate, m_deployed);
    {
        QFile config(m_nginx->configFile());
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(goodConfig);
    }
    VERIFY_JOB(rotated, JobState::RolledBack);
    QVERIFY2(rotated->value().message.contains(QStringLiteral("rolled back")) &&
                 rotated->value().message.contains(QStringLiteral("was issued and is stored")),
             qPrintable(rotated->value().message));
    QCOMPARE(test::readAll(m_site.certificateFile), certBefore);
    QCOMPARE(test::readAll(m_site.keyFile), keyBefore);
    QCOMPARE(served(m_nginx->port(), m_site.serverName).fingerprint, servedBefore);
    const CertificateRecord after = record(m_deployed).value_or(CertificateRecord{});
    QCOMPARE(after.status, CertificateStatus::Failed);
    QVERIFY(after.fingerprintSha256 != servedBefore); // the new certificate waits in the inventory
    QVERIFY(auditActions(m_deployed).contains(QStringLiteral("cert.rotate=rolled-back@operator:alice")));
}

void TestLifecycleActions::initiatePreparesWithoutDeployingAndOrderUsesItsCsr()
{
    QVERIFY(m_deployed != 0);
    auto id = addCertificate(QStringLiteral("www.example.test"));
    QVERIFY2(id.ok(), qPrintable(id.message()));
    m_initiated = id.value();
    const QByteArray certBefore = test::readAll(m_site.certificateFile);
    const QByteArray keyBefore = test::readAll(m_site.keyFile);
    const QString servedBefore = served(m_nginx->port(), m_site.serverName).fingerprint;
    QVERIFY(!servedBefore.isEmpty());

    auto initiated = runJob(JobAction::Initiate, m_initiated);
    VERIFY_JOB(initiated, JobState::Succeeded);
    qInfo().noquote() << "initiate:" << initiated->value().message;
    QVERIFY2(initiated->value().message.contains(QStringLiteral("issuance pipeline")),
             qPrintable(initiated->value().message));
    const CertificateRecord pending = record(m_initiated).value_or(CertificateRecord{});
    QCOMPARE(pending.status, CertificateStatus::Pending);
    QVERIFY(pending.botId != 0);
    QVERIFY(pending.fingerprintSha256.isEmpty()); // nothing issued
    // Nothing deployed: nginx serves what it served, from the same bytes.
    QCOMPARE(served(m_nginx->port(), m_site.serverName).fingerprint, servedBefore);
    QCOMPARE(test::readAll(m_site.certificateFile), certBefore);
    QCOMPARE(test::readAll(m_site.keyFile), keyBefore);
    const QByteArray stagedPublicKey =
        csrPublicKey(initiated->value().result.value(QStringLiteral("csrPem")).toString().toUtf8());
    QVERIFY(!stagedPublicKey.isEmpty());

    auto ordered = runJob(JobAction::Order, m_initiated);
    VERIFY_JOB(ordered, JobState::Succeeded);
    const CertificateRecord issued = record(m_initiated).value_or(CertificateRecord{});
    QCOMPARE(issued.status, CertificateStatus::Issued);
    QCOMPARE(issued.keyId, initiated->value().result.value(QStringLiteral("keyId")).toString());
    QCOMPARE(certificatePublicKey(issued.chainPem), stagedPublicKey);
    QCOMPARE(served(m_nginx->port(), m_site.serverName).fingerprint, servedBefore); // an order deploys nothing

    // Used up: the next order makes a new key.
    auto again = runJob(JobAction::Order, m_initiated);
    VERIFY_JOB(again, JobState::Succeeded);
    const CertificateRecord reordered = record(m_initiated).value_or(CertificateRecord{});
    QVERIFY(reordered.keyId != issued.keyId);
}

void TestLifecycleActions::deleteFromTheInventoryOnlyLeavesTheFiles()
{
    QVERIFY(m_initiated != 0);
    const QByteArray certBefore = test::readAll(m_site.certificateFile);
    const QByteArray keyBefore = test::readAll(m_site.keyFile);
    QVERIFY(!certBefore.isEmpty());
    auto deleted = runJob(JobAction::Delete, m_initiated, QJsonObject{{QStringLiteral("removeFromServer"), false}});
    VERIFY_JOB(deleted, JobState::Succeeded);
    QVERIFY(!record(m_initiated).has_value());
    auto config = waitFor<Result<ProvisioningConfig>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadProvisioningConfig(m_initiated, context, done); });
    QVERIFY(config.has_value() && !config->ok());
    QCOMPARE(test::readAll(m_site.certificateFile), certBefore);
    QCOMPARE(test::readAll(m_site.keyFile), keyBefore);
    QVERIFY2(auditActions(m_initiated).contains(QStringLiteral("certificate.delete=ok@operator:alice")),
             qPrintable(auditActions(m_initiated).join(QLatin1Char(' '))));
    // Automation stopped: no job of it is left to run.
    auto jobs = waitFor<Result<QList<Job>>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadJobs(m_initiated, context, done); });
    QVERIFY(jobs.has_value() && jobs->ok());
    QVERIFY(jobs->value().isEmpty());
}

void TestLifecycleActions::removalIsRefusedWhileNginxUsesTheFiles()
{
    QVERIFY(m_deployed != 0);
    const QByteArray certBefore = test::readAll(m_site.certificateFile);
    const QByteArray keyBefore = test::readAll(m_site.keyFile);
    const QString servedBefore = served(m_nginx->port(), m_site.serverName).fingerprint;
    auto deleted = runJob(JobAction::Delete, m_deployed, QJsonObject{{QStringLiteral("removeFromServer"), true}});
    VERIFY_JOB(deleted, JobState::Failed);
    const QString message = deleted->value().message;
    qInfo().noquote() << "delete refused:" << message;
    QVERIFY2(message.contains(QStringLiteral("nginx still uses")) && message.contains(m_site.certificateFile) &&
                 message.contains(QStringLiteral("change the server's configuration first")),
             qPrintable(message));
    QCOMPARE(test::readAll(m_site.certificateFile), certBefore);
    QCOMPARE(test::readAll(m_site.keyFile), keyBefore);
    QCOMPARE(QFile::permissions(m_site.keyFile) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QVERIFY(record(m_deployed).has_value());
    QCOMPARE(served(m_nginx->port(), m_site.serverName).fingerprint, servedBefore);
    QVERIFY(auditActions(m_deployed).contains(QStringLiteral("certificate.delete=failed@operator:alice")));
}

void TestLifecycleActions::removalTakesTheFilesOffOnceNginxNoLongerUsesThem()
{
    QVERIFY(m_deployed != 0);
    // The operator points nginx at other files first.
    test::InitialSite other;
    QString error;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("other")), QStringLiteral("www.example.test"), &other,
                                   &error),
             qPrintable(error));
    auto restarted = m_nginx->start({other.certificateFile, other.keyFile, {}, other.serverName});
    QVERIFY2(restarted.ok(), qPrintable(restarted.message()));
    QVERIFY(QFile::exists(m_site.certificateFile) && QFile::exists(m_site.keyFile));

    auto deleted = runJob(JobAction::Delete, m_deployed, QJsonObject{{QStringLiteral("removeFromServer"), true}});
    VERIFY_JOB(deleted, JobState::Succeeded);
    QVERIFY(!QFile::exists(m_site.certificateFile));
    QVERIFY(!QFile::exists(m_site.keyFile));
    QVERIFY(!record(m_deployed).has_value());
    QVERIFY(QFile::exists(other.certificateFile));
    QVERIFY(!served(m_nginx->port(), other.serverName).fingerprint.isEmpty());
    QVERIFY2(auditActions(m_deployed).contains(QStringLiteral("certificate.delete=ok@operator:alice")),
             qPrintable(auditActions(m_deployed).join(QLatin1Char(' '))));
}

// The removal lives once in WebServerDeployer: Apache refuses and removes the same way.
void TestLifecycleActions::apacheSharesTheRemoval()
{
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Apache, &reason)) {
        QSKIP(qPrintable(reason));
    }
    const QString dir = m_dir.filePath(QStringLiteral("apache"));
    test::InitialSite site;
    QString error;
    QVERIFY2(test::makeInitialSite(dir, QStringLiteral("www.example.test"), &site, &error), qPrintable(error));
    test::WebServerFixture apache(test::WebServerFixture::Server::Apache, dir);
    auto started = apache.start({site.certificateFile, site.keyFile, {}, site.serverName});
    QVERIFY2(started.ok(), qPrintable(started.message()));
    const QVariantMap fields{
        {QStringLiteral("serverRoot"), apache.directory()},        {QStringLiteral("configFile"), apache.configFile()},
        {QStringLiteral("certificateFile"), site.certificateFile}, {QStringLiteral("keyFile"), site.keyFile},
        {QStringLiteral("apacheBinary"), apache.binary()},
    };
    auto id = addCertificate(QStringLiteral("www.example.test"), QStringLiteral("apache-http"), fields, apache.port());
    QVERIFY2(id.ok(), qPrintable(id.message()));
    const QByteArray certBefore = test::readAll(site.certificateFile);
    const QByteArray keyBefore = test::readAll(site.keyFile);

    auto refused = runJob(JobAction::Delete, id.value(), QJsonObject{{QStringLiteral("removeFromServer"), true}});
    VERIFY_JOB(refused, JobState::Failed);
    QVERIFY2(refused->value().message.contains(QStringLiteral("apache still uses")) &&
                 refused->value().message.contains(site.certificateFile),
             qPrintable(refused->value().message));
    QCOMPARE(test::readAll(site.certificateFile), certBefore);
    QCOMPARE(test::readAll(site.keyFile), keyBefore);
    QVERIFY(record(id.value()).has_value());

    test::InitialSite other;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("apache-other")), QStringLiteral("www.example.test"),
                                   &other, &error),
             qPrintable(error));
    auto restarted = apache.start({other.certificateFile, other.keyFile, {}, other.serverName});
    QVERIFY2(restarted.ok(), qPrintable(restarted.message()));
    auto removed = runJob(JobAction::Delete, id.value(), QJsonObject{{QStringLiteral("removeFromServer"), true}});
    VERIFY_JOB(removed, JobState::Succeeded);
    QVERIFY(!QFile::exists(site.certificateFile));
    QVERIFY(!QFile::exists(site.keyFile));
    QVERIFY(!record(id.value()).has_value());
}

void TestLifecycleActions::anImportedCertificateWithoutConfigurationCanBeDeleted()
{
    test::InitialSite site;
    QString error;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("imported")), QStringLiteral("old.example.test"),
                                   &site, &error),
             qPrintable(error));
    auto imported = waitFor<Result<qint64>>([&](QObject* context, auto done) {
        m_engine->lifecycle->importCertificateFile(site.certificateFile, {}, context, done);
    });
    QVERIFY(imported.has_value());
    QVERIFY2(imported->ok(), qPrintable(imported->message()));
    QCOMPARE(record(imported->value()).value_or(CertificateRecord{}).status, CertificateStatus::Discovered);

    auto fromServer =
        runJob(JobAction::Delete, imported->value(), QJsonObject{{QStringLiteral("removeFromServer"), true}});
    VERIFY_JOB(fromServer, JobState::Failed); // no server is known: nothing deleted
    QVERIFY2(fromServer->value().message.contains(QStringLiteral("no server configured")),
             qPrintable(fromServer->value().message));
    QVERIFY(record(imported->value()).has_value());

    auto deleted = runJob(JobAction::Delete, imported->value());
    VERIFY_JOB(deleted, JobState::Succeeded);
    QVERIFY(!record(imported->value()).has_value());
    QVERIFY(QFile::exists(site.certificateFile));
}

QTEST_GUILESS_MAIN(TestLifecycleActions)
#include "TestLifecycleActions.moc"
