#include "app/common/Engine.h"

#include "connectors/acme/AcmeAdministration.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "deployers/BuiltinDeployers.h"
#include "engine/audit/AuditTrail.h"
#include "engine/bots/BotService.h"
#include "engine/bots/LocalProcessTransport.h"
#include "engine/jobs/BotConnections.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/notify/Notifier.h"
#include "engine/scheduling/Scheduler.h"
#include "engine/store/Database.h"

namespace certdeck::app {

Engine::Engine() = default;

Engine::~Engine()
{
    bots.reset(); // uses lifecycle's bot connections
    notifier.reset();
    lifecycle.reset(); // stops using the registries before they go
    acme.reset();
    localCa.reset();
}

Result<std::unique_ptr<Engine>> openEngine(const EngineOptions& options)
{
    const QString url = options.databaseUrl.isEmpty() ? store::Database::defaultUrl() : options.databaseUrl;
    auto database = store::Database::open(url);
    if (!database.ok()) {
        return database.error();
    }
    auto engine = std::make_unique<Engine>();
    engine->database = database.value();
    deployers::registerBuiltinDeployers(engine->deployers);
    engine->secrets = secrets::SecretStore(options.secretService);
    engine->localCa = std::make_unique<localca::LocalCaAdministration>(engine->database, engine->cas, engine->secrets);
    if (auto registered = engine->localCa->registerExisting(); !registered.ok()) {
        return registered.error();
    }
    engine->acme = std::make_unique<acme::AcmeAdministration>(engine->database, engine->cas, engine->secrets);
    if (auto registered = engine->acme->registerExisting(); !registered.ok()) {
        return registered.error();
    }
    jobs::LifecycleService::Setup setup;
    setup.database = engine->database;
    setup.cas = &engine->cas;
    setup.deployers = &engine->deployers;
    setup.botBinary = options.botBinary.isEmpty() ? bots::LocalProcessTransport::defaultBotBinary() : options.botBinary;
    setup.botArguments = options.botArguments;
    setup.actor = options.actor;
    setup.secrets = &engine->secrets;
    engine->lifecycle = std::make_unique<jobs::LifecycleService>(setup);
    // Failed and rolled-back jobs become notifications (console badge, desktop message, event hook) whichever
    // front end ran them.
    engine->notifier = std::make_unique<notify::Notifier>(engine->database, options.actor);
    engine->notifier->attach(engine->lifecycle.get());
    engine->audit = std::make_unique<audit::AuditTrail>(*engine->database, options.actor);
    engine->bots = std::make_unique<bots::BotService>(
        *engine->database, engine->secrets, engine->lifecycle->botConnections(), engine->audit.get(), setup.botBinary);
    return engine;
}

std::unique_ptr<scheduling::Scheduler> makeScheduler(Engine& engine, const scheduling::Clock* clock,
                                                     const QString& runner, int maxConcurrentJobs, bool dryRun)
{
    scheduling::Scheduler::Setup setup;
    setup.database = engine.database;
    setup.lifecycle = engine.lifecycle.get();
    setup.cas = &engine.cas;
    setup.clock = clock;
    setup.runner = runner;
    setup.maxConcurrentJobs = maxConcurrentJobs;
    setup.dryRun = dryRun;
    auto scheduler = std::make_unique<scheduling::Scheduler>(setup);
    notify::Notifier* notifier = engine.notifier.get();
    QObject::connect(scheduler.get(), &scheduling::Scheduler::renewalWindowUnattended, notifier,
                     [notifier](qint64 id, const QString& commonName, int daysLeft) {
                         notifier->post(notify::renewalUnattendedEvent(id, commonName, daysLeft));
                     });
    return scheduler;
}

} // namespace certdeck::app
