// Batch Configure in the console, end to end with real parts: 50 certificates from the built-in CA, one REAL nginx
// serving 50 TLS sites told apart by SNI, the real local bot. The operator selects the 50 rows, opens Batch
// Configure from the bar below the table, enrolls them, then renews them; afterwards a TLS handshake with each name
// shows the renewed certificate and every row of the dialog shows its new expiry and fingerprint.
// Needs a Secret Service (the CA's passphrase): run under tests/support/with-keyring.sh.
#include "app/common/Engine.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/crypto/TlsProbe.h"
#include "engine/jobs/BatchRun.h"
#include "engine/jobs/LifecycleService.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/integration/lifecycle/TestEngine.h"
#include "tests/support/WaitFor.h"
#include "tests/support/WebServerFixture.h"
#include "ui/DashboardWidget.h"
#include "ui/MainWindow.h"
#include "ui/UiServices.h"
#include "ui/dialogs/BatchConfigureDialog.h"
#include "ui/dialogs/BatchItemModel.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using test::waitFor;

namespace {

constexpr int kSites = 50;

QString nameOf(int i)
{
    return QStringLiteral("site%1.batch.test").arg(i, 2, 10, QLatin1Char('0'));
}

} // namespace

class TestBatchConfigureGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void enrollThenRenewFiftyOntoNginx();

private:
    // Chooses `operation` in the dialog, presses Start and waits until the batch has finished.
    void runThroughDialog(ui::BatchConfigureDialog* dialog, jobs::BatchOperation operation);
    CertificateRecord record(qint64 id);
    QString served(const QString& name) const;

    QTemporaryDir m_dir;
    std::unique_ptr<app::Engine> m_engine;
    std::unique_ptr<test::WebServerFixture> m_nginx;
    QList<qint64> m_ids;
};

void TestBatchConfigureGui::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_dir.isValid());
    auto engine =
        test::openTestEngine(m_dir.path(), QStringLiteral("operator:batch-gui"), QStringLiteral("CertDeckBatchGui"));
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());
    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("batch-gui-%1").arg(QCoreApplication::applicationPid());
    spec.commonName = QStringLiteral("CertDeck Batch GUI Test CA");
    auto created = waitFor<Result<ca::LocalCaInfo>>(
        [&](QObject* context, auto done) { m_engine->localCa->create(spec, context, done); });
    QVERIFY(created && created->ok());

    // One nginx, 50 SNI sites, each starting with its own self-signed certificate.
    const QString nginxDir = m_dir.filePath(QStringLiteral("nginx"));
    QString error;
    test::InitialSite main;
    QVERIFY2(test::makeInitialSite(nginxDir, QStringLiteral("www.batch.test"), &main, &error), qPrintable(error));
    QList<test::InitialSite> sites;
    QList<test::TlsSite> extra;
    for (int i = 0; i < kSites; ++i) {
        test::InitialSite site;
        QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("sites/%1").arg(i)), nameOf(i), &site, &error),
                 qPrintable(error));
        sites << site;
        extra << test::TlsSite{site.certificateFile, site.keyFile, {}, site.serverName};
    }
    m_nginx = std::make_unique<test::WebServerFixture>(test::WebServerFixture::Server::Nginx, nginxDir);
    m_nginx->setAdditionalSites(extra);
    auto started = m_nginx->start({main.certificateFile, main.keyFile, {}, main.serverName});
    QVERIFY2(started.ok(), qPrintable(started.message()));

    for (int i = 0; i < kSites; ++i) {
        ProvisioningConfig config;
        config.commonName = nameOf(i);
        config.sans = {nameOf(i)};
        config.caType = QStringLiteral("localca");
        config.caConnectorName = spec.name;
        config.serverType = QStringLiteral("nginx");
        config.serverFields = {
            {QStringLiteral("certificateFile"), sites[i].certificateFile},
            {QStringLiteral("keyFile"), sites[i].keyFile},
            {QStringLiteral("configFile"), m_nginx->configFile()},
            {QStringLiteral("prefix"), m_nginx->directory()},
            {QStringLiteral("nginxBinary"), m_nginx->binary()},
        };
        config.endpointHost = QStringLiteral("127.0.0.1");
        config.endpointPort = m_nginx->port();
        config.keyAlgorithm = QStringLiteral("EC");
        config.keySize = 256;
        config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
        auto id = waitFor<Result<qint64>>(
            [&](QObject* context, auto done) { m_engine->lifecycle->createCertificateEntry(config, context, done); });
        QVERIFY(id && id->ok());
        m_ids << id->value();
    }
}

void TestBatchConfigureGui::cleanupTestCase()
{
    m_nginx.reset();
    m_engine.reset();
}

CertificateRecord TestBatchConfigureGui::record(qint64 id)
{
    auto loaded = waitFor<Result<CertificateRecord>>(
        [&](QObject* context, auto done) { m_engine->lifecycle->loadCertificate(id, context, done); });
    return loaded && loaded->ok() ? loaded->value() : CertificateRecord{};
}

QString TestBatchConfigureGui::served(const QString& name) const
{
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), m_nginx->port(), name}, 5000);
    return probe.ok() ? probe->leafFingerprintSha256 : QStringLiteral("probe failed: ") + probe.message();
}

void TestBatchConfigureGui::runThroughDialog(ui::BatchConfigureDialog* dialog, jobs::BatchOperation operation)
{
    auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("batchOperation"));
    auto* concurrency = dialog->findChild<QSpinBox*>(QStringLiteral("batchConcurrency"));
    auto* start = dialog->findChild<QPushButton*>(QStringLiteral("batchStart"));
    QVERIFY(combo && concurrency && start);
    combo->setCurrentIndex(combo->findData(int(operation)));
    QCOMPARE(combo->currentData().toInt(), int(operation));
    if (operation == jobs::BatchOperation::Enroll) { // the first run: the defaults
        QCOMPARE(concurrency->value(), jobs::BatchRun::kDefaultConcurrency);
    }
    concurrency->setValue(6);
    QSignalSpy finished(dialog->batch(), &jobs::BatchRun::finished);
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(dialog->batch()->isRunning());
    QVERIFY(!start->isEnabled());
    QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("batchCancel"))->isEnabled());
    QVERIFY(finished.wait(600000) || !finished.isEmpty());
    QVERIFY(!finished.isEmpty());
}

void TestBatchConfigureGui::enrollThenRenewFiftyOntoNginx()
{
    ui::UiServices services;
    services.lifecycle = m_engine->lifecycle.get();
    services.cas = &m_engine->cas;
    services.deployers = &m_engine->deployers;
    services.localCaAdmin = m_engine->localCa.get();
    services.secrets = &m_engine->secrets;
    ui::MainWindow window(services);
    QSignalSpy refreshed(&window, &ui::MainWindow::refreshed);
    window.show();
    QVERIFY(refreshed.wait(30000) || !refreshed.isEmpty());

    auto* batchAction = window.findChild<QAction*>(QStringLiteral("actionBatchConfigure"));
    QVERIFY2(batchAction, "no Batch Configure action in the main window");
    window.dashboard()->view()->clearSelection();
    QVERIFY(!batchAction->isEnabled());
    window.dashboard()->view()->selectAll();
    QCOMPARE(window.dashboard()->selectedCertificateIds().size(), kSites);
    QVERIFY(batchAction->isEnabled());
    batchAction->trigger();
    auto* dialog = window.findChild<ui::BatchConfigureDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    QCOMPARE(dialog->batch()->count(), kSites);

    // Enroll: order and deploy; every site now serves a certificate from the built-in CA.
    runThroughDialog(dialog, jobs::BatchOperation::Enroll);
    if (QTest::currentTestFailed()) {
        return;
    }
    auto summary = dialog->batch()->summary();
    QVERIFY2(summary.succeeded == kSites,
             qPrintable(summary.text() + QLatin1Char('\n') + dialog->batch()->item(0).message));
    QHash<qint64, QString> enrolled;
    for (const qint64 id : m_ids) {
        enrolled.insert(id, record(id).fingerprintSha256);
    }

    // Renew the 50 through the same dialog.
    runThroughDialog(dialog, jobs::BatchOperation::Renew);
    if (QTest::currentTestFailed()) {
        return;
    }
    summary = dialog->batch()->summary();
    QVERIFY2(summary.succeeded == kSites, qPrintable(summary.text()));
    auto* label = dialog->findChild<QLabel*>(QStringLiteral("batchSummary"));
    QVERIFY2(label->text().contains(QStringLiteral("%1 succeeded").arg(kSites)), qPrintable(label->text()));
    QCOMPARE(dialog->findChild<QProgressBar*>(QStringLiteral("batchOverall"))->value(), kSites);
    QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("batchRetry"))->isEnabled()); // nothing failed

    auto* table = dialog->findChild<QTableView*>(QStringLiteral("batchItems"));
    QAbstractItemModel* model = table->model();
    QCOMPARE(model->rowCount(), kSites);
    for (int row = 0; row < model->rowCount(); ++row) {
        const qint64 id = dialog->batch()->item(row).certificateId;
        const CertificateRecord renewed = record(id);
        QCOMPARE(renewed.status, CertificateStatus::Deployed);
        QVERIFY2(renewed.fingerprintSha256 != enrolled.value(id), qPrintable(renewed.commonName));
        // What the user cares about: each name is served the renewed certificate.
        QCOMPARE(served(renewed.commonName), renewed.fingerprintSha256);
        // And the row says so.
        QCOMPARE(model->index(row, ui::BatchItemModel::CertificateColumn).data().toString(), renewed.commonName);
        QCOMPARE(model->index(row, ui::BatchItemModel::StatusColumn).data().toString(),
                 jobs::batchItemStateDisplayName(jobs::BatchItemState::Succeeded));
        QCOMPARE(model->index(row, ui::BatchItemModel::FingerprintColumn).data().toString(),
                 renewed.fingerprintSha256.left(16));
        QCOMPARE(model->index(row, ui::BatchItemModel::ExpiresColumn).data().toString(),
                 QLocale().toString(renewed.notAfter.toLocalTime(), QLocale::ShortFormat));
        QCOMPARE(model->index(row, ui::BatchItemModel::ProgressColumn).data(ui::BatchItemModel::ProgressRole).toInt(),
                 100);
    }
    dialog->close();
}

QTEST_MAIN(TestBatchConfigureGui)
#include "TestBatchConfigureGui.moc"
