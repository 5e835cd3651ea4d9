#pragma once

#include "engine/ca/CaRegistry.h"
#include "engine/deploy/DeployerRegistry.h"
#include "engine/secrets/SecretStore.h"
#include "ui/UiServices.h"

#include <QTemporaryDir>

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

namespace certdeck::test {

// The console's real engine, as app/certdeck wires it, over a throw-away SQLite inventory.
class ConsoleFixture
{
public:
    ConsoleFixture();
    ~ConsoleFixture();

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString dir() const { return m_dir.path(); }
    QString databaseUrl() const;
    ui::UiServices services() const;

    jobs::LifecycleService& lifecycle() const { return *m_lifecycle; }
    ca::CaRegistry& cas() { return m_cas; }
    secrets::SecretStore& secrets() { return m_secrets; }

private:
    QTemporaryDir m_dir;
    QString m_error;
    std::shared_ptr<store::Database> m_database;
    ca::CaRegistry m_cas;
    deploy::DeployerRegistry m_deployers;
    secrets::SecretStore m_secrets{QStringLiteral("CertDeckTest")};
    std::unique_ptr<localca::LocalCaAdministration> m_localCa;
    std::unique_ptr<jobs::LifecycleService> m_lifecycle;
};

} // namespace certdeck::test
