// Crash safety as an operator sees it: certdeckctl is killed by SIGKILL (CERTDECK_FAILPOINT) at each step of
// issuance (built-in CA and a real ACME CA, pebble, validating through a real nginx) and of deployment, then
// `certdeckctl jobs resume` finishes the job: exactly one certificate, from the order recorded before the crash,
// for the key staged before the crash, and the endpoint serves what the inventory says. Transient failures are
// queued and retried; permanent ones are not.
#include "connectors/acme/AcmeAdministration.h"
#include "connectors/acme/AcmeSession.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"
#include "engine/crypto/TlsProbe.h"
#include "engine/secrets/SecretStore.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/support/PebbleFixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace certdeck;

namespace {

struct Run
{
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QString out;
    QString err;
};

QString normalSerial(QString serial)
{
    serial = serial.toLower().remove(QLatin1Char(':'));
    while (serial.size() > 1 && serial.startsWith(QLatin1Char('0'))) {
        serial.remove(0, 1);
    }
    return serial;
}

} // namespace

class TestCrashResume : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void issueResumesAfterCrash_data();
    void issueResumesAfterCrash();
    void deployResumesAfterCrash_data();
    void deployResumesAfterCrash();
    void transientFailureIsRetried();
    void permanentFailureIsNotRetried();
    void queuedJobCanBeCancelled();

private:
    Run ctl(const QStringList& arguments, const QString& failPoint = {}, int timeoutMs = 180000);
    qint64 addCertificate(const QString& name, bool acme, const QString& caName = {});
    QJsonObject jobRow(qint64 certificateId); // the newest job of the certificate, straight from the database
    QVariant scalar(const QString& sql, const QVariantList& values);
    QJsonObject inventoryRow(qint64 id);
    // POST-as-GET with the connector's own account (pebble answers GET with 405).
    Result<QByteArray> acmeFetch(const QString& url);

    QTemporaryDir m_dir;
    QString m_database;
    QString m_localCa;
    std::unique_ptr<test::PebbleFixture> m_pebble;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    test::InitialSite m_site;
    int m_counter = 0;
};

Run TestCrashResume::ctl(const QStringList& arguments, const QString& failPoint, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CERTDECK_FAILPOINT"));
    if (!failPoint.isEmpty()) {
        env.insert(QStringLiteral("CERTDECK_FAILPOINT"), failPoint);
    }
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("CERTDECKCTL_BINARY"),
                  QStringList{QStringLiteral("--database"), m_database} + arguments);
    if (!process.waitForStarted(10000)) {
        return {};
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return {QProcess::CrashExit, -1, QStringLiteral("(timed out)"),
                QString::fromUtf8(process.readAllStandardError())};
    }
    return {process.exitStatus(), process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QVariant TestCrashResume::scalar(const QString& sql, const QVariantList& values)
{
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(m_database.mid(int(qstrlen("sqlite:"))));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant& value : values) {
                query.addBindValue(value);
            }
            if (query.exec() && query.next()) {
                result = query.value(0);
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
    return result;
}

QJsonObject TestCrashResume::jobRow(qint64 certificateId)
{
    const QString json =
        scalar(QStringLiteral("SELECT json_object('id', id, 'state', state, 'step', step, 'attempts', attempts,"
                              " 'message', message, 'checkpoint', checkpoint, 'notBefore', not_before,"
                              " 'claimedBy', claimed_by) FROM jobs WHERE certificate_id = ? ORDER BY id DESC LIMIT 1"),
               {certificateId})
            .toString();
    QJsonObject row = QJsonDocument::fromJson(json.toUtf8()).object();
    row.insert(QStringLiteral("checkpoint"),
               QJsonDocument::fromJson(row.value(QStringLiteral("checkpoint")).toString().toUtf8()).object());
    return row;
}

QJsonObject TestCrashResume::inventoryRow(qint64 id)
{
    const Run run = ctl({QStringLiteral("list"), QStringLiteral("--json")});
    for (const auto& value : QJsonDocument::fromJson(run.out.toUtf8()).array()) {
        if (value.toObject().value(QStringLiteral("id")).toInteger() == id) {
            return value.toObject();
        }
    }
    return {};
}

Result<QByteArray> TestCrashResume::acmeFetch(const QString& url)
{
    const QJsonObject settings =
        QJsonDocument::fromJson(scalar(QStringLiteral("SELECT settings FROM ca_connectors WHERE ca_type = 'acme' AND"
                                                      " name = 'pebble'"),
                                       {})
                                    .toString()
                                    .toUtf8())
            .object();
    const QString kid = settings.value(QStringLiteral("accountUrl")).toString();
    auto pem = secrets::SecretStore().readBlocking(acme::AcmeAdministration::accountKeyName(QStringLiteral("pebble")));
    if (!pem.ok()) {
        return pem.error();
    }
    auto key = crypto::PrivateKey::fromPem(pem.value());
    if (!key.ok()) {
        return key.error();
    }
    auto shared = std::make_shared<const crypto::PrivateKey>(std::move(key.value()));
    acme::AcmeSession session(m_pebble->directoryUrl(), m_pebble->trustBundlePath());
    std::optional<Result<QByteArray>> result;
    session.post(url, shared, kid, std::nullopt, QStringLiteral("read %1").arg(url),
                 [&result](Result<acme::AcmeResponse> response) {
                     result = response.ok() ? Result<QByteArray>(response->body) : Result<QByteArray>(response.error());
                 });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000)) {
        return fail(QStringLiteral("no answer from pebble for %1").arg(url));
    }
    return *result;
}

void TestCrashResume::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("CERTDECKCTL_BINARY"));
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::Permissions(0x7755))); // nginx workers reach the web root
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("webroot"))));
    m_database = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
    const Run init = ctl({QStringLiteral("init")});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));

    m_localCa = QStringLiteral("crash-%1").arg(QCoreApplication::applicationPid());
    const Run ca = ctl({QStringLiteral("ca"), QStringLiteral("create"), QStringLiteral("--name"), m_localCa,
                        QStringLiteral("--cn"), QStringLiteral("CertDeck Crash Test CA")});
    QVERIFY2(ca.exitCode == 0, qPrintable(ca.err));

    if (test::PebbleFixture::isAvailable(&reason)) {
        test::PebbleOptions options;
        options.challengeTestServerHttp01 = false; // nginx answers http-01
        m_pebble = std::make_unique<test::PebbleFixture>(options);
        auto started = m_pebble->start();
        QVERIFY2(started.ok(), qPrintable(started.message()));
    }
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("nginx")), QStringLiteral("site.crash.localhost"),
                                   &m_site, &reason),
             qPrintable(reason));
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx,
                                                       m_dir.filePath(QStringLiteral("nginx")));
    test::TlsSite site{m_site.certificateFile, m_site.keyFile, {}, m_site.serverName};
    if (m_pebble) {
        site.webRoot = m_dir.filePath(QStringLiteral("webroot"));
        site.httpPort = m_pebble->httpValidationPort();
    }
    auto started = m_nginx->start(site);
    QVERIFY2(started.ok(), qPrintable(started.message()));

    if (m_pebble) {
        const Run added =
            ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("add"), QStringLiteral("--name"),
                 QStringLiteral("pebble"), QStringLiteral("--directory"), m_pebble->directoryUrl(),
                 QStringLiteral("--agree-tos"), QStringLiteral("--trust-bundle"), m_pebble->trustBundlePath(),
                 QStringLiteral("--http-port"), QString::number(m_pebble->httpValidationPort())});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    }
}

void TestCrashResume::cleanupTestCase()
{
    if (m_pebble) {
        (void)ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("remove"), QStringLiteral("--name"),
                   QStringLiteral("pebble")});
    }
    m_nginx.reset();
    m_pebble.reset();
}

qint64 TestCrashResume::addCertificate(const QString& name, bool acme, const QString& caName)
{
    QStringList arguments{QStringLiteral("cert"),
                          QStringLiteral("add"),
                          QStringLiteral("--cn"),
                          name,
                          QStringLiteral("--ca"),
                          caName.isEmpty() ? (acme ? QStringLiteral("pebble") : m_localCa) : caName,
                          QStringLiteral("--server-type"),
                          QStringLiteral("nginx"),
                          QStringLiteral("--field"),
                          QStringLiteral("certificateFile=") + m_site.certificateFile,
                          QStringLiteral("--field"),
                          QStringLiteral("keyFile=") + m_site.keyFile,
                          QStringLiteral("--field"),
                          QStringLiteral("configFile=") + m_nginx->configFile(),
                          QStringLiteral("--field"),
                          QStringLiteral("prefix=") + m_nginx->directory(),
                          QStringLiteral("--field"),
                          QStringLiteral("nginxBinary=") + m_nginx->binary(),
                          QStringLiteral("--endpoint"),
                          QStringLiteral("127.0.0.1:%1").arg(m_nginx->port()),
                          QStringLiteral("--key-algorithm"),
                          QStringLiteral("EC"),
                          QStringLiteral("--key-size"),
                          QStringLiteral("256")};
    if (acme) {
        arguments << QStringLiteral("--dcv-path") << m_dir.filePath(QStringLiteral("webroot"));
    }
    const Run added = ctl(arguments);
    if (added.exitCode != 0) {
        qWarning("cert add: %s", qPrintable(added.err));
        return 0;
    }
    return added.out.trimmed().toLongLong();
}

void TestCrashResume::issueResumesAfterCrash_data()
{
    QTest::addColumn<bool>("acme");
    QTest::addColumn<QString>("failPoint");
    QTest::newRow("built-in CA, after the CSR") << false << QStringLiteral("issue.csr-created");
    QTest::newRow("built-in CA, certificate received") << false << QStringLiteral("issue.certificate-received");
    QTest::newRow("ACME, after the CSR") << true << QStringLiteral("issue.csr-created");
    QTest::newRow("ACME, order created") << true << QStringLiteral("issue.order-created");
    QTest::newRow("ACME, certificate received") << true << QStringLiteral("issue.certificate-received");
}

void TestCrashResume::issueResumesAfterCrash()
{
    QFETCH(bool, acme);
    QFETCH(QString, failPoint);
    if (acme && !m_pebble) {
        QSKIP("pebble is not installed");
    }
    const qint64 id = addCertificate(QStringLiteral("i%1.crash.localhost").arg(++m_counter), acme);
    QVERIFY(id != 0);

    const Run crashed = ctl({QStringLiteral("issue"), QString::number(id)}, failPoint);
    QVERIFY2(crashed.status == QProcess::CrashExit && crashed.exitCode == SIGKILL,
             qPrintable(QStringLiteral("exit %1: %2").arg(crashed.exitCode).arg(crashed.err)));
    const QJsonObject before = jobRow(id);
    QCOMPARE(before.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    const qint64 jobId = before.value(QStringLiteral("id")).toInteger();
    const QJsonObject checkpoint = before.value(QStringLiteral("checkpoint")).toObject();
    const QString stagedKey = checkpoint.value(QStringLiteral("keyId")).toString();
    QVERIFY2(!stagedKey.isEmpty(), qPrintable(QJsonDocument(before).toJson()));
    const QString orderBefore =
        checkpoint.value(QStringLiteral("ca")).toObject().value(QStringLiteral("orderUrl")).toString();
    QCOMPARE(orderBefore.isEmpty(), !acme || failPoint == QLatin1String("issue.csr-created"));
    const QString request = QStringLiteral("job:%1").arg(jobId);
    const int issuedBefore =
        scalar(QStringLiteral("SELECT COUNT(*) FROM local_ca_issued WHERE request_id = ?"), {request}).toInt();
    QCOMPARE(issuedBefore, !acme && failPoint == QLatin1String("issue.certificate-received") ? 1 : 0);

    const Run resumed = ctl({QStringLiteral("jobs"), QStringLiteral("resume")});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
    QVERIFY2(resumed.out.contains(QStringLiteral("#%1 ").arg(jobId)), qPrintable(resumed.out));

    const QJsonObject after = jobRow(id);
    QCOMPARE(after.value(QStringLiteral("id")).toInteger(), jobId); // the same job, not a new one
    QCOMPARE(after.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
    const QJsonObject inventory = inventoryRow(id);
    QCOMPARE(inventory.value(QStringLiteral("status")).toString(), QStringLiteral("issued"));
    // The key staged before the crash is the certificate's key: no second key was made.
    QCOMPARE(scalar(QStringLiteral("SELECT key_id FROM certificates WHERE id = ?"), {id}).toString(), stagedKey);
    const QString serial = normalSerial(inventory.value(QStringLiteral("serial")).toString());
    QVERIFY(!serial.isEmpty());

    if (!acme) {
        // Exactly one certificate for the request, and it is the stored one.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM local_ca_issued WHERE request_id = ?"), {request}).toInt(),
                 1);
        QCOMPARE(normalSerial(
                     scalar(QStringLiteral("SELECT serial_hex FROM local_ca_issued WHERE request_id = ?"), {request})
                         .toString()),
                 serial);
        return;
    }
    const QString orderAfter = after.value(QStringLiteral("checkpoint"))
                                   .toObject()
                                   .value(QStringLiteral("ca"))
                                   .toObject()
                                   .value(QStringLiteral("orderUrl"))
                                   .toString();
    QVERIFY(!orderAfter.isEmpty());
    if (!orderBefore.isEmpty()) {
        QCOMPARE(orderAfter, orderBefore); // resumed, not ordered again
    }
    // Pebble's order at that URL produced the certificate in the inventory.
    auto order = acmeFetch(orderAfter);
    QVERIFY2(order.ok(), qPrintable(order.message()));
    const QJsonObject orderJson = QJsonDocument::fromJson(order.value()).object();
    QCOMPARE(orderJson.value(QStringLiteral("status")).toString(), QStringLiteral("valid"));
    auto pem = acmeFetch(orderJson.value(QStringLiteral("certificate")).toString());
    QVERIFY2(pem.ok(), qPrintable(pem.message()));
    auto leaf = crypto::Certificate::fromPem(pem.value());
    QVERIFY2(leaf.ok(), qPrintable(leaf.message()));
    QCOMPARE(normalSerial(leaf->serialHex()), serial);
}

void TestCrashResume::deployResumesAfterCrash_data()
{
    QTest::addColumn<QString>("failPoint");
    QTest::newRow("before the bot call") << QStringLiteral("deploy.started");
    QTest::newRow("after the bot's reply") << QStringLiteral("deploy.finished");
}

void TestCrashResume::deployResumesAfterCrash()
{
    QFETCH(QString, failPoint);
    const qint64 id = addCertificate(m_site.serverName, false);
    QVERIFY(id != 0);
    const Run issued = ctl({QStringLiteral("issue"), QString::number(id)});
    QVERIFY2(issued.exitCode == 0, qPrintable(issued.err));
    const QString fingerprint = inventoryRow(id).value(QStringLiteral("fingerprintSha256")).toString();
    QVERIFY(!fingerprint.isEmpty());

    const Run crashed = ctl({QStringLiteral("deploy"), QString::number(id)}, failPoint);
    QVERIFY2(crashed.status == QProcess::CrashExit && crashed.exitCode == SIGKILL,
             qPrintable(QStringLiteral("exit %1: %2").arg(crashed.exitCode).arg(crashed.err)));
    QCOMPARE(jobRow(id).value(QStringLiteral("state")).toString(), QStringLiteral("running"));

    const Run resumed = ctl({QStringLiteral("jobs"), QStringLiteral("resume")});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
    QCOMPARE(jobRow(id).value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(inventoryRow(id).value(QStringLiteral("status")).toString(), QStringLiteral("deployed"));
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), m_nginx->port(), m_site.serverName}, 5000);
    QVERIFY2(probe.ok(), qPrintable(probe.message()));
    QCOMPARE(probe->leafFingerprintSha256, fingerprint);
    // The deployment recorded what the endpoint serves.
    QCOMPARE(scalar(QStringLiteral("SELECT served_fingerprint FROM certificates WHERE id = ?"), {id}).toString(),
             fingerprint);
}

// An ACME CA that is down: the issue fails transiently and waits in the queue; once the CA is back the queue
// runner issues it on attempt 2.
void TestCrashResume::transientFailureIsRetried()
{
    if (!m_pebble) {
        QSKIP("pebble is not installed");
    }
    test::PebbleOptions options;
    options.alwaysValid = true; // this test is about the CA being down, not about validation
    test::PebbleFixture later(options);
    auto started = later.start();
    QVERIFY2(started.ok(), qPrintable(started.message()));
    const Run added = ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("add"),
                           QStringLiteral("--name"), QStringLiteral("later"), QStringLiteral("--directory"),
                           later.directoryUrl(), QStringLiteral("--agree-tos"), QStringLiteral("--trust-bundle"),
                           later.trustBundlePath(), QStringLiteral("--http-port"),
                           QString::number(m_pebble->httpValidationPort())}); // where nginx serves the pre-flight
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    later.stop(); // the directory's port is closed now

    const qint64 id = addCertificate(QStringLiteral("retry.crash.localhost"), true, QStringLiteral("later"));
    QVERIFY(id != 0);
    const Run first = ctl({QStringLiteral("issue"), QString::number(id)});
    QCOMPARE(first.exitCode, 1);
    QVERIFY2(first.err.contains(QStringLiteral("Attempt 1 of 5 failed")) &&
                 first.err.contains(QStringLiteral("Retrying at")),
             qPrintable(first.err));
    const QJsonObject queued = jobRow(id);
    QCOMPARE(queued.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    QVERIFY(!queued.value(QStringLiteral("notBefore")).toString().isEmpty());
    QCOMPARE(queued.value(QStringLiteral("attempts")).toInt(), 1);
    const Run listed = ctl({QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY2(listed.out.contains(QStringLiteral("\"queued\"")), qPrintable(listed.out));

    auto restarted = later.restart(); // the CA is back on the same port
    QVERIFY2(restarted.ok(), qPrintable(restarted.message()));
    // The job runs once its backoff (10 s +/- 20 %) has passed: poll the queue runner with a deadline.
    QString state;
    QString lastOutput;
    QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired()) {
        const Run resumed = ctl({QStringLiteral("jobs"), QStringLiteral("resume")});
        lastOutput = resumed.out + resumed.err;
        state = jobRow(id).value(QStringLiteral("state")).toString();
        if (state != QLatin1String("queued")) {
            break;
        }
        QTest::qWait(500);
    }
    const QJsonObject done = jobRow(id);
    QVERIFY2(state == QLatin1String("succeeded"), qPrintable(lastOutput + QJsonDocument(done).toJson()));
    QCOMPARE(done.value(QStringLiteral("attempts")).toInt(), 2);
    QCOMPARE(inventoryRow(id).value(QStringLiteral("status")).toString(), QStringLiteral("issued"));
    (void)ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("remove"), QStringLiteral("--name"),
               QStringLiteral("later")});
}

// A CA policy refusal is permanent: a built-in CA that expires in 30 days refuses the default 397-day validity,
// and the job fails at once instead of being retried.
void TestCrashResume::permanentFailureIsNotRetried()
{
    const QString shortLived = m_localCa + QStringLiteral("-short");
    const Run ca = ctl({QStringLiteral("ca"), QStringLiteral("create"), QStringLiteral("--name"), shortLived,
                        QStringLiteral("--cn"), QStringLiteral("CertDeck Short CA"), QStringLiteral("--days"),
                        QStringLiteral("30"), QStringLiteral("--no-intermediate")});
    QVERIFY2(ca.exitCode == 0, qPrintable(ca.err));
    const qint64 id = addCertificate(QStringLiteral("refused.crash.localhost"), false, shortLived);
    QVERIFY(id != 0);
    const Run run = ctl({QStringLiteral("issue"), QString::number(id)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(!run.err.contains(QStringLiteral("Retrying")), qPrintable(run.err));
    const QJsonObject job = jobRow(id);
    QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(job.value(QStringLiteral("attempts")).toInt(), 1);
    QVERIFY(job.value(QStringLiteral("notBefore")).toString().isEmpty());
    // Nothing is left for the queue runner.
    const Run resumed = ctl({QStringLiteral("jobs"), QStringLiteral("resume")});
    QCOMPARE(resumed.exitCode, 0);
    QCOMPARE(jobRow(id).value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
}

// A job waiting to retry can be cancelled from the command line; a finished one cannot.
void TestCrashResume::queuedJobCanBeCancelled()
{
    if (!m_pebble) {
        QSKIP("pebble is not installed");
    }
    test::PebbleFixture gone;
    auto started = gone.start();
    QVERIFY2(started.ok(), qPrintable(started.message()));
    const Run added =
        ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("gone"), QStringLiteral("--directory"), gone.directoryUrl(), QStringLiteral("--agree-tos"),
             QStringLiteral("--trust-bundle"), gone.trustBundlePath()});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    gone.stop();
    const qint64 id = addCertificate(QStringLiteral("cancel.crash.localhost"), true, QStringLiteral("gone"));
    QVERIFY(id != 0);
    QCOMPARE(ctl({QStringLiteral("issue"), QString::number(id)}).exitCode, 1);
    const QJsonObject queued = jobRow(id);
    QCOMPARE(queued.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    const QString jobId = QString::number(queued.value(QStringLiteral("id")).toInteger());

    const Run cancelled = ctl({QStringLiteral("jobs"), QStringLiteral("cancel"), jobId});
    QVERIFY2(cancelled.exitCode == 0, qPrintable(cancelled.err));
    QCOMPARE(jobRow(id).value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM audit_events WHERE action = 'job.cancel' AND certificate_id = ?"),
               {id})
            .toInt(),
        1);
    const Run again = ctl({QStringLiteral("jobs"), QStringLiteral("cancel"), jobId});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("already ended")), qPrintable(again.err));
    QCOMPARE(ctl({QStringLiteral("jobs"), QStringLiteral("cancel"), QStringLiteral("999999")}).exitCode, 3);
    (void)ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("remove"), QStringLiteral("--name"),
               QStringLiteral("gone")});
}

QTEST_GUILESS_MAIN(TestCrashResume)
#include "TestCrashResume.moc"
