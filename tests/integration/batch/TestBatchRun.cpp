// Batch Configure's engine with real parts: a built-in CA (passphrase in the real Secret Service), the real local
// certdeck-bot and a throw-away SQLite inventory. What an operator relies on: never more jobs at once than asked
// for, every certificate ends with its own outcome (a reason when skipped or failed), cancel stops what has not
// started, and "retry failed" runs the failed ones and nothing else.
#include "app/common/Engine.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/ca/CaRegistry.h"
#include "engine/jobs/BatchRun.h"
#include "engine/jobs/LifecycleService.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/integration/lifecycle/TestEngine.h"
#include "tests/support/WaitFor.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using certdeck::jobs::BatchItemState;
using certdeck::jobs::BatchOperation;
using certdeck::jobs::BatchRun;
using test::waitFor;

namespace {

// Counts the jobs the service runs at the same time, from its jobChanged signal.
class ConcurrencyProbe : public QObject
{
public:
    explicit ConcurrencyProbe(jobs::LifecycleService* lifecycle)
    {
        connect(lifecycle, &jobs::LifecycleService::jobChanged, this, [this](const Job& job) {
            if (job.state == JobState::Running || job.state == JobState::AwaitingValidation) {
                m_running.insert(job.id);
            } else {
                m_running.remove(job.id);
            }
            m_max = std::max(m_max, int(m_running.size()));
            m_seen.insert(job.id);
        });
    }
    int max() const { return m_max; }
    int jobs() const { return int(m_seen.size()); }

private:
    QSet<qint64> m_running;
    QSet<qint64> m_seen;
    int m_max = 0;
};

bool runToEnd(BatchRun& run, int timeoutMs = 300000)
{
    QSignalSpy finished(&run, &BatchRun::finished);
    if (!run.isRunning() && !run.start()) {
        return false;
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (finished.isEmpty() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return !finished.isEmpty();
}

QString describe(const BatchRun& run)
{
    QStringList lines;
    for (const auto& item : run.items()) {
        lines << QStringLiteral("#%1 %2 %3: %4")
                     .arg(item.certificateId)
                     .arg(item.commonName, jobs::batchItemStateDisplayName(item.state), item.message);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestBatchRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ordersInParallelWithinTheLimit();
    void skipsWhatDoesNotFitWithTheReason();
    void cancelStopsWhatHasNotStarted();
    void retryFailedRunsOnlyTheFailed();

private:
    ProvisioningConfig configFor(const QString& name, const QString& connector) const;
    qint64 addCertificate(const QString& name, const QString& connector = {});
    CertificateRecord record(qint64 id);
    QList<Job> jobsOf(qint64 id);

    QTemporaryDir m_dir;
    std::unique_ptr<app::Engine> m_engine;
    QString m_ca;
    int m_counter = 0;
};

void TestBatchRun::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QVERIFY(m_dir.isValid());
    auto engine =
        test::openTestEngine(m_dir.path(), QStringLiteral("operator:batch-test"), QStringLiteral("CertDeckBatchTest"));
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());
    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("batch-%1").arg(QCoreApplication::applicationPid());
    spec.commonName = QStringLiteral("CertDeck Batch Test CA");
    auto created = waitFor<Result<ca::LocalCaInfo>>(
        [&](QObject* context, auto done) { m_engine->localCa->create(spec, context, done); });
    QVERIFY(created.has_value());
    QVERIFY2(created->ok(), qPrintable(created->message()));
    m_ca = spec.name;
}

void TestBatchRun::cleanupTestCase()
{
    m_engine.reset();
}

ProvisioningConfig TestBatchRun::configFor(const QString& name, const QString& connector) const
{
    ProvisioningConfig config;
    config.commonName = name;
    config.sans = {name};
    config.caType = QStringLiteral("localca");
    config.caConnectorName = connector.isEmpty() ? m_ca : connector;
    config.serverType = QStringLiteral("nginx");
    config.serverFields = {
        {QStringLiteral("certificateFile"), m_dir.filePath(QStringLiteral("sites/%1/site.pem").arg(name))},
        {QStringLiteral("keyFile"), m_dir.filePath(QStringLiteral("sites/%1/site.key").arg(name))},
    };
    config.endpointHost = QStringLiteral("127.0.0.1");
    config.endpointPort = 443;
    config.keyAlgorithm = QStringLiteral("EC");
    config.keySize = 256;
    config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
    return config;
}

qint64 TestBatchRun::addCertificate(const QString& name, const QString& connector)
{
    const ProvisioningConfig config = configFor(name, connector);
    auto id = waitFor<Result<qint64>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
    return id && id->ok() ? id->value() : 0;
}

CertificateRecord TestBatchRun::record(qint64 id)
{
    auto loaded = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    return loaded && loaded->ok() ? loaded->value() : CertificateRecord{};
}

QList<Job> TestBatchRun::jobsOf(qint64 id)
{
    auto loaded = waitFor<Result<QList<Job>>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadJobs(id, context, done); });
    return loaded && loaded->ok() ? loaded->value() : QList<Job>{};
}

void TestBatchRun::ordersInParallelWithinTheLimit()
{
    QList<qint64> ids;
    for (int i = 0; i < 12; ++i) {
        const qint64 id = addCertificate(QStringLiteral("par%1.batch.test").arg(i));
        QVERIFY(id != 0);
        ids << id;
    }
    ConcurrencyProbe probe(m_engine->lifecycle.get());
    BatchRun run(m_engine->lifecycle.get(), BatchOperation::Order, ids);
    run.setConcurrency(3);
    QVERIFY(runToEnd(run));
    QVERIFY2(run.summary().succeeded == 12, qPrintable(describe(run)));
    QVERIFY2(probe.max() <= 3, qPrintable(QStringLiteral("%1 jobs ran at once").arg(probe.max())));
    QVERIFY2(probe.max() >= 2, "the batch ran its jobs one after the other");
    QCOMPARE(probe.jobs(), 12);
    for (const auto& item : run.items()) {
        const CertificateRecord stored = record(item.certificateId);
        QCOMPARE(stored.status, CertificateStatus::Issued);
        QVERIFY(!stored.fingerprintSha256.isEmpty());
        // The row shows the certificate that was just issued.
        QCOMPARE(item.fingerprintSha256, stored.fingerprintSha256);
        QCOMPARE(item.notAfter, stored.notAfter);
        QCOMPARE(item.progress, 100);
    }
    // An operation that does not fit is refused per certificate, not for the batch.
    run.setOperation(BatchOperation::Enroll);
    QVERIFY(runToEnd(run));
    QCOMPARE(run.summary().skipped, 12);
    QVERIFY2(run.item(0).message.contains(QStringLiteral("Already enrolled")), qPrintable(run.item(0).message));
}

void TestBatchRun::skipsWhatDoesNotFitWithTheReason()
{
    // Not configured: an imported (discovered) certificate.
    test::InitialSite site;
    QString error;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("imported")), QStringLiteral("imported.batch.test"),
                                   &site, &error),
             qPrintable(error));
    auto imported = waitFor<Result<qint64>>([&](QObject* context, auto done) {
        m_engine->lifecycle->importCertificateFile(site.certificateFile, {}, context, done);
    });
    QVERIFY(imported && imported->ok());
    const qint64 fresh = addCertificate(QStringLiteral("fresh.batch.test")); // configured, nothing issued

    BatchRun order(m_engine->lifecycle.get(), BatchOperation::Order, {imported->value()});
    QVERIFY(runToEnd(order));
    QCOMPARE(order.item(0).state, BatchItemState::Skipped);
    QVERIFY2(order.item(0).message.contains(QStringLiteral("Configure provisioning first")),
             qPrintable(order.item(0).message));

    BatchRun deploy(m_engine->lifecycle.get(), BatchOperation::Deploy, {fresh});
    QVERIFY(runToEnd(deploy));
    QCOMPARE(deploy.item(0).state, BatchItemState::Skipped);
    QVERIFY2(deploy.item(0).message.contains(QStringLiteral("order the certificate first")),
             qPrintable(deploy.item(0).message));

    BatchRun renew(m_engine->lifecycle.get(), BatchOperation::Renew, {fresh, imported->value()});
    QVERIFY(runToEnd(renew));
    QCOMPARE(renew.item(0).state, BatchItemState::Skipped);
    QVERIFY2(renew.item(0).message.contains(QStringLiteral("use Enroll")), qPrintable(renew.item(0).message));
    QCOMPARE(renew.item(1).state, BatchItemState::Skipped);
    QVERIFY2(renew.item(1).message.contains(QStringLiteral("Configure provisioning first")),
             qPrintable(renew.item(1).message));
    // Skipped means untouched: no job was created.
    QVERIFY(jobsOf(fresh).isEmpty());
    QVERIFY(jobsOf(imported->value()).isEmpty());
    const auto summary = renew.summary();
    QCOMPARE(summary.skipped, 2);
    QVERIFY2(summary.text().contains(QStringLiteral("2 skipped")), qPrintable(summary.text()));
}

void TestBatchRun::cancelStopsWhatHasNotStarted()
{
    QList<qint64> ids;
    for (int i = 0; i < 8; ++i) {
        const qint64 id = addCertificate(QStringLiteral("cancel%1.batch.test").arg(i));
        QVERIFY(id != 0);
        ids << id;
    }
    BatchRun run(m_engine->lifecycle.get(), BatchOperation::Order, ids);
    run.setConcurrency(1);
    QSignalSpy finished(&run, &BatchRun::finished);
    QVERIFY(run.start());
    // Cancel while the first certificate's job runs.
    const QDeadlineTimer deadline(60000);
    while (run.item(0).state != BatchItemState::Running && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    }
    QCOMPARE(run.item(0).state, BatchItemState::Running);
    run.cancel();
    QVERIFY(runToEnd(run));
    // The running job could not be interrupted inside its step: it finished and is reported.
    QVERIFY2(run.item(0).state == BatchItemState::Succeeded, qPrintable(describe(run)));
    for (int row = 1; row < run.count(); ++row) {
        QCOMPARE(run.item(row).state, BatchItemState::Cancelled);
        QVERIFY(!run.item(row).message.isEmpty());
        QVERIFY(jobsOf(run.item(row).certificateId).isEmpty());
        QCOMPARE(record(run.item(row).certificateId).status, CertificateStatus::Managed);
    }
    QCOMPARE(run.summary().cancelled, 7);
    QCOMPARE(run.summary().succeeded, 1);
    QVERIFY(!run.retryFailed()); // nothing failed
}

void TestBatchRun::retryFailedRunsOnlyTheFailed()
{
    QList<qint64> ids;
    QList<qint64> broken;
    for (int i = 0; i < 6; ++i) {
        const QString name = QStringLiteral("retry%1.batch.test").arg(i);
        // Every other certificate names a CA connector that does not exist.
        const bool bad = i % 2 == 1;
        const qint64 id = addCertificate(name, bad ? QStringLiteral("no-such-ca") : QString());
        QVERIFY(id != 0);
        ids << id;
        if (bad) {
            broken << id;
        }
    }
    BatchRun run(m_engine->lifecycle.get(), BatchOperation::Order, ids);
    QVERIFY(runToEnd(run));
    QCOMPARE(run.summary().succeeded, 3);
    QCOMPARE(run.summary().failed, 3);
    for (const auto& item : run.items()) {
        if (broken.contains(item.certificateId)) {
            QCOMPARE(item.state, BatchItemState::Failed);
            QVERIFY2(item.message.contains(QStringLiteral("no-such-ca")), qPrintable(item.message));
        }
    }
    // The operator fixes the configuration, then retries the failed ones.
    for (const qint64 id : broken) {
        const ProvisioningConfig config = configFor(record(id).commonName, {});
        auto saved = waitFor<Status>([&](QObject* context, auto done) {
            m_engine->lifecycle->saveProvisioningConfig(id, config, context, done);
        });
        QVERIFY(saved && saved->ok());
    }
    QVERIFY(run.retryFailed());
    QVERIFY(runToEnd(run));
    QVERIFY2(run.summary().succeeded == 6, qPrintable(describe(run)));
    for (const qint64 id : ids) {
        // Two jobs for the retried ones (failed, then succeeded), one for the others: nothing ran twice.
        QCOMPARE(jobsOf(id).size(), broken.contains(id) ? 2 : 1);
        QCOMPARE(record(id).status, CertificateStatus::Issued);
    }
}

QTEST_GUILESS_MAIN(TestBatchRun)
#include "TestBatchRun.moc"
