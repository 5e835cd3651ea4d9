#pragma once

#include "engine/ca/CaRegistry.h"
#include "engine/core/Result.h"
#include "engine/deploy/DeployerRegistry.h"
#include "engine/secrets/SecretStore.h"

#include <QString>

#include <memory>

namespace certdeck::store {
class Database;
}
namespace certdeck::jobs {
class LifecycleService;
}
namespace certdeck::localca {
class LocalCaAdministration;
}
namespace certdeck::notify {
class Notifier;
}
namespace certdeck::scheduling {
class Clock;
class Scheduler;
} // namespace certdeck::scheduling
namespace certdeck::acme {
class AcmeAdministration;
}
namespace certdeck::audit {
class AuditTrail;
}
namespace certdeck::bots {
class BotService;
}

namespace certdeck::app {

// Everything the console and certdeckctl wire together: the inventory, the CA connectors, the deployers,
// the built-in CA administration, the lifecycle service and notifications. One place, so both front ends agree.
struct Engine
{
    Engine();
    ~Engine();

    std::shared_ptr<store::Database> database;
    ca::CaRegistry cas;
    deploy::DeployerRegistry deployers;
    secrets::SecretStore secrets;
    std::unique_ptr<localca::LocalCaAdministration> localCa;
    std::unique_ptr<certdeck::acme::AcmeAdministration> acme; // ACME connectors (keys in the keychain)
    std::unique_ptr<jobs::LifecycleService> lifecycle;
    std::unique_ptr<notify::Notifier> notifier; // attached to lifecycle
    std::unique_ptr<audit::AuditTrail> audit;   // the front end's actor
    std::unique_ptr<bots::BotService> bots;     // add / install / scan / remove bots (shares lifecycle's connections)
};

struct EngineOptions
{
    QString databaseUrl; // empty: the embedded default inventory
    QString actor;       // audit actor
    QString botBinary;   // empty: LocalProcessTransport::defaultBotBinary()
    QStringList botArguments;
    QString secretService = QStringLiteral("CertDeck"); // keychain service name (tests use their own)
};

// Opens (and migrates) the inventory and wires the rest. Call on the thread that will use the service.
Result<std::unique_ptr<Engine>> openEngine(const EngineOptions& options);

// A scheduler over this engine's inventory, lifecycle service and CA connectors (console and certdeckctl alike).
// Certificates expiring with automatic renewal off become "renewal.unattended" notifications.
std::unique_ptr<scheduling::Scheduler> makeScheduler(Engine& engine, const scheduling::Clock* clock,
                                                     const QString& runner, int maxConcurrentJobs = 4,
                                                     bool dryRun = false);

} // namespace certdeck::app
