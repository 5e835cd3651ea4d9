// Composition root of the console: creates the engine services and injects them into the main window.

#include "connectors/localca/LocalCaAdministration.h"
#include "deployers/BuiltinDeployers.h"
#include "engine/ca/CaRegistry.h"
#include "engine/core/Log.h"
#include "engine/deploy/DeployerRegistry.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/Database.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
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

QString findBotBinary()
{
    const QString fromEnv = qEnvironmentVariable("CERTDECK_BOT_BINARY");
    if (!fromEnv.isEmpty()) {
        return fromEnv;
    }
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {here.filePath(QStringLiteral("certdeck-bot")),
                                     here.filePath(QStringLiteral("../certdeck-bot/certdeck-bot"))}) {
        if (QFileInfo(candidate).isExecutable()) {
            return QFileInfo(candidate).canonicalFilePath();
        }
    }
    return QStandardPaths::findExecutable(QStringLiteral("certdeck-bot"));
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
    parser.process(app);

    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    log::Options logOptions;
    logOptions.filePath = QDir(dataDir).filePath(QStringLiteral("certdeck.log")).toStdString();
    log::init(logOptions);
    auto logger = log::get("app");

    // Opened before the window shows; every later database call runs on the engine's pool.
    const QString url = parser.isSet(databaseOption) ? parser.value(databaseOption) : store::Database::defaultUrl();
    auto database = store::Database::open(url);
    if (!database.ok()) {
        logger->error("cannot open the inventory: {}", database.message().toStdString());
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "CertDeck"),
            QApplication::translate("main", "The inventory %1 could not be opened: %2").arg(url, database.message()));
        return 1;
    }
    logger->info("inventory {}", database.value()->url().toStdString());

    ca::CaRegistry cas;
    deploy::DeployerRegistry deployers;
    deployers::registerBuiltinDeployers(deployers);
    secrets::SecretStore secretStore;

    localca::LocalCaAdministration localCa(database.value(), cas, secretStore);
    if (const Status registered = localCa.registerExisting(); !registered.ok()) {
        logger->warn("built-in CAs not registered: {}", registered.message().toStdString());
    }

    jobs::LifecycleService::Setup setup;
    setup.database = database.value();
    setup.cas = &cas;
    setup.deployers = &deployers;
    setup.botBinary = findBotBinary();
    setup.actor = QStringLiteral("operator:%1").arg(qEnvironmentVariable("USER", QStringLiteral("unknown")));
    jobs::LifecycleService lifecycle(setup);

    ui::UiServices services;
    services.lifecycle = &lifecycle;
    services.cas = &cas;
    services.deployers = &deployers;
    services.localCaAdmin = &localCa;
    services.secrets = &secretStore;

    ui::MainWindow window(services);
    window.show();
    return app.exec();
}
