#include "tests/gui/console/ConsoleFixture.h"

#include "connectors/localca/LocalCaAdministration.h"
#include "deployers/BuiltinDeployers.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/Database.h"
#include "tests/support/TestSupport.h"

namespace certdeck::test {

ConsoleFixture::ConsoleFixture()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return;
    }
    auto database = store::Database::open(databaseUrl());
    if (!database.ok()) {
        m_error = database.message();
        return;
    }
    m_database = database.value();
    deployers::registerBuiltinDeployers(m_deployers);
    m_localCa = std::make_unique<localca::LocalCaAdministration>(m_database, m_cas, m_secrets);

    jobs::LifecycleService::Setup setup;
    setup.database = m_database;
    setup.cas = &m_cas;
    setup.deployers = &m_deployers;
    setup.botBinary = botBinary();
    setup.botArguments = {QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("bot-state"))};
    setup.actor = QStringLiteral("operator:gui-test");
    m_lifecycle = std::make_unique<jobs::LifecycleService>(setup);
}

ConsoleFixture::~ConsoleFixture()
{
    m_lifecycle.reset();
    m_localCa.reset();
}

QString ConsoleFixture::databaseUrl() const
{
    return QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
}

ui::UiServices ConsoleFixture::services() const
{
    ui::UiServices services;
    services.lifecycle = m_lifecycle.get();
    services.cas = const_cast<ca::CaRegistry*>(&m_cas);
    services.deployers = &m_deployers;
    services.localCaAdmin = m_localCa.get();
    services.secrets = const_cast<secrets::SecretStore*>(&m_secrets);
    return services;
}

} // namespace certdeck::test
