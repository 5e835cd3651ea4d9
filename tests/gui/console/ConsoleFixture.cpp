#include "tests/gui/console/ConsoleFixture.h"

#include "connectors/localca/LocalCaAdministration.h"
#include "engine/jobs/LifecycleService.h"
#include "tests/support/TestSupport.h"

namespace certdeck::test {

ConsoleFixture::ConsoleFixture()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return;
    }
    app::EngineOptions options;
    options.databaseUrl = databaseUrl();
    options.actor = QStringLiteral("operator:gui-test");
    options.botBinary = botBinary();
    options.botArguments = {QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("bot-state"))};
    options.secretService = QStringLiteral("CertDeckTest");
    auto engine = app::openEngine(options);
    if (!engine.ok()) {
        m_error = engine.message();
        return;
    }
    m_engine = std::move(engine.value());
}

ConsoleFixture::~ConsoleFixture() = default;

QString ConsoleFixture::databaseUrl() const
{
    return QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
}

ui::UiServices ConsoleFixture::services() const
{
    ui::UiServices services;
    services.lifecycle = m_engine->lifecycle.get();
    services.cas = &m_engine->cas;
    services.deployers = &m_engine->deployers;
    services.localCaAdmin = m_engine->localCa.get();
    services.secrets = &m_engine->secrets;
    return services;
}

} // namespace certdeck::test
