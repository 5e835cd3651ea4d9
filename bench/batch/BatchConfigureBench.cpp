// certdeck-bench-batch [--count N] [--concurrency C] [--operation order|renew-nginx]
//
// Batch Configure over N certificates (default 500) in the real console window (MainWindow with its dashboard,
// details pane and the Batch Configure dialog; offscreen unless QT_QPA_PLATFORM says otherwise), driven the way an
// operator does it: select all rows, Batch Configure..., choose the action, Start. Meanwhile a QTimer on the GUI
// thread ticks every 10 ms and records the gap between ticks. Prints the longest stall (gap minus the 10 ms
// interval), the 99th percentile, the number of stalls over 50 ms and the total time, against the target
// "longest stall < 50 ms". Order = issue from the built-in CA through the local bot (real CSRs, real signing, no
// server needed). The machine may be shared: the figures are reported, never asserted.
// Needs a Secret Service (the CA's passphrase): run under tests/support/with-keyring.sh.
#include "app/common/Engine.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/jobs/BatchRun.h"
#include "engine/jobs/LifecycleService.h"
#include "tests/support/WaitFor.h"
#include "ui/DashboardWidget.h"
#include "ui/MainWindow.h"
#include "ui/UiServices.h"
#include "ui/dialogs/BatchConfigureDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace certdeck;
using test::waitFor;

namespace {

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "certdeck-bench-batch: %s\n", qPrintable(message));
    std::exit(1);
}

// Ticks every 10 ms on the GUI thread; a late tick is an event-loop stall.
class StallWatchdog : public QObject
{
public:
    StallWatchdog()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_gapsUs.append((now - m_last) / 1000);
            m_last = now;
        });
    }
    void start()
    {
        m_gapsUs.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    // Stalls in ms: how much later than its 10 ms interval each tick came.
    QList<double> stallsMs() const
    {
        QList<double> stalls;
        stalls.reserve(m_gapsUs.size());
        for (const qint64 gap : m_gapsUs) {
            stalls.append(std::max(0.0, double(gap) / 1000.0 - 10.0));
        }
        std::sort(stalls.begin(), stalls.end());
        return stalls;
    }
    QList<qint64> gapsUs() const { return m_gapsUs; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<qint64> m_gapsUs;
};

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Batch Configure GUI responsiveness benchmark"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("count"), QStringLiteral("Certificates in the batch (default 500)."),
                      QStringLiteral("n"), QStringLiteral("500")});
    parser.addOption({QStringLiteral("concurrency"), QStringLiteral("Parallel jobs (default 4)."), QStringLiteral("c"),
                      QString::number(jobs::BatchRun::kDefaultConcurrency)});
    parser.process(app);
    const int count = std::max(1, parser.value(QStringLiteral("count")).toInt());
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        die(QStringLiteral("needs a Secret Service: run under tests/support/with-keyring.sh"));
    }

    QTemporaryDir dir;
    if (!dir.isValid()) {
        die(QStringLiteral("cannot create a temporary directory"));
    }
    app::EngineOptions options;
    options.databaseUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inventory.db"));
    options.actor = QStringLiteral("operator:bench");
    options.botBinary = QStringLiteral(CERTDECK_BOT_PATH);
    options.botArguments = {QStringLiteral("--state-dir"), dir.filePath(QStringLiteral("bot"))};
    options.secretService = QStringLiteral("CertDeckBenchBatch-%1").arg(QCoreApplication::applicationPid());
    auto opened = app::openEngine(options);
    if (!opened.ok()) {
        die(opened.message());
    }
    auto engine = std::move(opened.value());

    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("bench-%1").arg(QCoreApplication::applicationPid());
    spec.commonName = QStringLiteral("CertDeck Batch Bench CA");
    auto created = waitFor<Result<ca::LocalCaInfo>>(
        [&](QObject* context, auto done) { engine->localCa->create(spec, context, done); });
    if (!created || !created->ok()) {
        die(created ? created->message() : QStringLiteral("creating the built-in CA timed out"));
    }

    std::printf("creating %d certificate entries...\n", count);
    std::fflush(stdout);
    int pending = count;
    for (int i = 0; i < count; ++i) {
        ProvisioningConfig config;
        config.commonName = QStringLiteral("bench%1.batch.test").arg(i);
        config.sans = {config.commonName};
        config.caType = QStringLiteral("localca");
        config.caConnectorName = spec.name;
        config.serverType = QStringLiteral("nginx");
        config.endpointHost = QStringLiteral("127.0.0.1");
        config.endpointPort = 443;
        config.keyAlgorithm = QStringLiteral("EC");
        config.keySize = 256;
        config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
        engine->lifecycle->createCertificateEntry(config, &app, [&pending](Result<qint64> id) {
            if (!id.ok()) {
                die(id.message());
            }
            --pending;
        });
    }
    while (pending > 0) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }

    ui::UiServices services;
    services.lifecycle = engine->lifecycle.get();
    services.cas = &engine->cas;
    services.deployers = &engine->deployers;
    services.localCaAdmin = engine->localCa.get();
    services.secrets = &engine->secrets;
    auto window = std::make_unique<ui::MainWindow>(services);
    QSignalSpy refreshed(window.get(), &ui::MainWindow::refreshed);
    window->resize(1400, 900);
    window->show();
    if (!refreshed.wait(60000) && refreshed.isEmpty()) {
        die(QStringLiteral("the dashboard did not load"));
    }
    // The inventory is refreshed once per entry created above; let those settle before measuring.
    while (refreshed.wait(1000)) {
    }
    window->dashboard()->view()->selectAll();
    auto* action = window->findChild<QAction*>(QStringLiteral("actionBatchConfigure"));
    if (!action || !action->isEnabled()) {
        die(QStringLiteral("no enabled Batch Configure action in the main window"));
    }
    action->trigger();
    auto* dialog = window->findChild<ui::BatchConfigureDialog*>();
    if (!dialog || dialog->batch()->count() != count) {
        die(QStringLiteral("the Batch Configure dialog did not open with the %1 selected certificates").arg(count));
    }
    auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("batchOperation"));
    combo->setCurrentIndex(combo->findData(int(jobs::BatchOperation::Order)));
    dialog->findChild<QSpinBox*>(QStringLiteral("batchConcurrency"))->setValue(concurrency);

    StallWatchdog watchdog;
    QSignalSpy finished(dialog->batch(), &jobs::BatchRun::finished);
    QElapsedTimer total;
    watchdog.start();
    total.start();
    dialog->findChild<QPushButton*>(QStringLiteral("batchStart"))->click();
    while (finished.isEmpty()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    const qint64 totalMs = total.elapsed();
    watchdog.stop();

    const auto summary = dialog->batch()->summary();
    const QList<double> stalls = watchdog.stallsMs();
    const double longest = stalls.isEmpty() ? 0 : stalls.last();
    const double p99 =
        stalls.isEmpty() ? 0 : stalls.at(std::min<qsizetype>(stalls.size() - 1, stalls.size() * 99 / 100));
    const auto over = std::count_if(stalls.cbegin(), stalls.cend(), [](double s) { return s >= 50.0; });
    std::printf("Batch Configure: Order of %d certificates from the built-in CA, %d in parallel, in the console "
                "window (%s)\n",
                count, concurrency, qPrintable(QGuiApplication::platformName()));
    std::printf("  result:          %s\n", qPrintable(summary.text()));
    std::printf("  total time:      %.1f s (%.1f certificates/s)\n", totalMs / 1000.0,
                totalMs > 0 ? summary.succeeded * 1000.0 / totalMs : 0.0);
    std::printf("  watchdog ticks:  %lld (10 ms timer on the GUI thread)\n", static_cast<long long>(stalls.size()));
    std::printf("  longest stall:   %.1f ms   (target < 50 ms: %s)\n", longest, longest < 50.0 ? "met" : "NOT met");
    std::printf("  99th percentile: %.1f ms\n", p99);
    std::printf("  stalls >= 50 ms: %lld\n", static_cast<long long>(over));
    std::fflush(stdout);
    delete dialog;
    window.reset();
    return summary.succeeded == count ? 0 : 2;
}
