// Composition root of the console: creates the engine services and injects them into the main window.

#include "app/common/Engine.h"
#include "connectors/acme/AcmeAdministration.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/audit/AuditTrail.h"
#include "engine/core/Log.h"
#include "engine/core/ProcessHardening.h"
#include "engine/scheduling/Clock.h"
#include "engine/scheduling/Scheduler.h"
#include "engine/scheduling/SchedulerLoop.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTranslator>

#include <cstdio>

using namespace certdeck;

namespace {

// Without a display Qt aborts with a terse xcb message; say what to do instead.
bool haveDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY") ||
           qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

void installTranslators(QApplication& app)
{
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(qtTranslator);
    }
    auto* translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("certdeck"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(translator);
    }
}

} // namespace

int main(int argc, char* argv[])
{
    // Before anything holds a secret: no core dumps, not dumpable.
    if (const certdeck::Status hardened = certdeck::core::hardenProcess(); !hardened) {
        std::fprintf(stderr, "%s: %s\n", argv[0], qPrintable(hardened.message()));
        return 1;
    }
    if (!haveDisplay()) {
        std::fprintf(stderr, "certdeck: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                             "CertDeck is a desktop application and needs a graphical session. To run it without one:\n"
                             "  QT_QPA_PLATFORM=offscreen certdeck   (smoke test, nothing is shown)\n"
                             "  xvfb-run certdeck                    (virtual X display)\n"
                             "For headless work use certdeckctl.\n");
        return 2;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CertDeck"));
    QApplication::setApplicationName(QStringLiteral("certdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("CertDeck"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("certdeck"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/certdeck.png")));
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Certificate lifecycle management console."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption databaseOption(
        QStringLiteral("database"),
        QApplication::translate("main", "Inventory database URL (sqlite:/path/inventory.db or postgresql://...)."),
        QStringLiteral("url"));
    parser.addOption(databaseOption);
    const QCommandLineOption noSchedulerOption(
        QStringLiteral("no-scheduler"),
        QApplication::translate("main", "Do not run renewal and deployment schedules in this console (for example when "
                                        "the certdeck-scheduler systemd timer runs them)."));
    parser.addOption(noSchedulerOption);
    parser.process(app);

    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    log::Options logOptions;
    logOptions.filePath = QDir(dataDir).filePath(QStringLiteral("certdeck.log")).toStdString();
    log::init(logOptions);
    auto logger = log::get("app");

    // Opened before the window shows; every later database call runs on the engine's pool.
    app::EngineOptions options;
    options.databaseUrl = parser.value(databaseOption);
    options.actor = audit::AuditTrail::currentUserActor(QStringLiteral("operator"));
    auto engine = app::openEngine(options);
    if (!engine.ok()) {
        logger->error("cannot open the inventory: {}", engine.message().toStdString());
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "CertDeck"),
            QApplication::translate("main", "The inventory could not be opened: %1").arg(engine.message()));
        return 1;
    }

    ui::UiServices services;
    services.lifecycle = engine.value()->lifecycle.get();
    services.cas = &engine.value()->cas;
    services.deployers = &engine.value()->deployers;
    services.localCaAdmin = engine.value()->localCa.get();
    services.secrets = &engine.value()->secrets;
    services.acmeAdmin = engine.value()->acme.get();
    // Notifications (badge, tray messages, event hook): failed and rolled-back jobs become "job.failed".
    services.database = engine.value()->database;
    services.notifier = engine.value()->notifier.get();
    services.bots = engine.value()->bots.get(); // the Bots view

    // The schedules run inside the console while it runs (also from the tray with the window closed). Passes of
    // this console and of a certdeckctl timer on the same inventory never act twice on one certificate.
    const scheduling::SystemClock clock;
    const auto scheduler =
        app::makeScheduler(*engine.value(), &clock, QStringLiteral("scheduler:console:") + QSysInfo::machineHostName());
    scheduling::SchedulerLoop schedulerLoop(scheduler.get(), engine.value()->database, engine.value()->lifecycle.get(),
                                            &clock);
    if (!parser.isSet(noSchedulerOption)) {
        schedulerLoop.start();
    }

    ui::MainWindow window(services);
    window.show();
    return app.exec();
}
