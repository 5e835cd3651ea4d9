#pragma once

#include "connectors/localca/LocalCaBackend.h"
#include "engine/ca/CaRegistry.h"
#include "engine/ca/LocalCaAdmin.h"

#include <QObject>

#include <memory>

namespace certdeck::localca {

// Creates, lists and exports built-in CAs and publishes their CRLs. Registers a LocalCaConnector in the
// registry for each CA it creates (and, through registerExisting(), for those already stored).
// Lives in one thread (the console's); the registry must outlive it.
class LocalCaAdministration : public ca::LocalCaAdmin
{
public:
    LocalCaAdministration(std::shared_ptr<store::Database> db, ca::CaRegistry& registry,
                          secrets::SecretStore secrets = secrets::SecretStore());
    ~LocalCaAdministration() override;

    // Adds a connector for every stored CA not yet in the registry (call once at start-up).
    Status registerExisting();

    void create(const ca::LocalCaSpec& spec, QObject* context,
                std::function<void(Result<ca::LocalCaInfo>)> done) override;
    Result<QList<ca::LocalCaInfo>> list() const override;
    Result<QByteArray> exportCertificates(const QString& name) const override;
    void publishCrl(const QString& name, const QString& path, QObject* context,
                    std::function<void(Status)> done) override;

private:
    void registerConnector(const QString& caName);

    LocalCaBackend m_backend;
    ca::CaRegistry& m_registry;
    // Receives finished creations so the connector is registered even when the caller's context is gone.
    std::unique_ptr<QObject> m_home;
};

} // namespace certdeck::localca
