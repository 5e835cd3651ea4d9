#pragma once

#include "connectors/acme/AcmeOrder.h"
#include "engine/ca/AcmeAdmin.h"
#include "engine/ca/CaRegistry.h"
#include "engine/secrets/SecretStore.h"

#include <QObject>

#include <memory>

namespace certdeck::store {
class Database;
struct CaConnectorRow;
} // namespace certdeck::store

namespace certdeck::acme {

class AcmeConnector;

// Creates, lists and removes ACME connectors. The account key (EC P-256) and the EAB HMAC key live in the
// keychain ("acme/<name>/account-key", "acme/<name>/eab-hmac"); the other settings in the inventory
// (ca_connectors). Lives in one thread (the console's); the registry must outlive it.
class AcmeAdministration : public ca::AcmeAdmin
{
public:
    AcmeAdministration(std::shared_ptr<store::Database> db, ca::CaRegistry& registry,
                       secrets::SecretStore secrets = secrets::SecretStore());
    ~AcmeAdministration() override;

    // Adds a connector for every stored ACME connector not yet in the registry (call once at start-up). Keys are
    // read from the keychain lazily, asynchronously, at first use.
    Status registerExisting();

    QList<ca::AcmePreset> presets() const override;
    void create(const ca::AcmeConnectorSpec& spec, QObject* context,
                std::function<void(Result<ca::AcmeConnectorInfo>)> done) override;
    void list(QObject* context, std::function<void(Result<QList<ca::AcmeConnectorInfo>>)> done) const override;
    void remove(const QString& name, QObject* context, std::function<void(Status)> done) override;

    // Polling and timeouts of the connectors created from now on (tests shorten them).
    void setOrderOptions(const AcmeOrderOptions& options) { m_orderOptions = options; }

    static QString accountKeyName(const QString& connector);
    static QString eabKeyName(const QString& connector);

private:
    struct Creation;
    void storeCreated(std::shared_ptr<Creation> creation);
    void finishCreation(std::shared_ptr<Creation> creation, Result<ca::AcmeConnectorInfo> result);
    std::shared_ptr<AcmeConnector> makeConnector(const store::CaConnectorRow& row);
    void registerConnector(const store::CaConnectorRow& row);

    std::shared_ptr<store::Database> m_db;
    ca::CaRegistry& m_registry;
    secrets::SecretStore m_secrets;
    AcmeOrderOptions m_orderOptions;
    std::unique_ptr<QObject> m_home;
};

} // namespace certdeck::acme
