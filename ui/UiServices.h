#pragma once

#include <memory>

namespace certdeck::store {
class Database;
}
namespace certdeck::notify {
class Notifier;
}
namespace certdeck::jobs {
class LifecycleService;
}
namespace certdeck::ca {
class AcmeAdmin;
class CaRegistry;
class LocalCaAdmin;
} // namespace certdeck::ca
namespace certdeck::deploy {
class DeployerRegistry;
}
namespace certdeck::secrets {
class SecretStore;
}
namespace certdeck::bots {
class BotService;
}

namespace certdeck::ui {

// What the console needs from the engine, created by the composition root (app/certdeck) and injected.
// The UI owns none of these; they must outlive the windows that use them.
struct UiServices
{
    jobs::LifecycleService* lifecycle = nullptr;
    ca::CaRegistry* cas = nullptr;
    const deploy::DeployerRegistry* deployers = nullptr;
    ca::LocalCaAdmin* localCaAdmin = nullptr; // null: "Create built-in CA" is unavailable
    secrets::SecretStore* secrets = nullptr;
    ca::AcmeAdmin* acmeAdmin = nullptr;        // null: the ACME connector actions are unavailable
    std::shared_ptr<store::Database> database; // audit trail and notifications (read off the GUI thread)
    notify::Notifier* notifier = nullptr;      // null: no notification badge or desktop notifications
    bots::BotService* bots = nullptr;          // null: the Bots view says bot management is unavailable
};

} // namespace certdeck::ui
