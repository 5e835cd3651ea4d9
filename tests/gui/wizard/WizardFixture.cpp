#include "tests/gui/wizard/WizardFixture.h"

#include "connectors/localca/LocalCaAdministration.h"
#include "engine/jobs/LifecycleService.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace certdeck::test {

WizardFixture::WizardFixture() = default;
WizardFixture::~WizardFixture()
{
    m_window.reset();
}

void WizardFixture::start()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    app::EngineOptions options;
    options.databaseUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
    options.actor = QStringLiteral("operator:wizard-test");
    options.botBinary = botBinary();
    options.botArguments = {QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("bot-state"))};
    options.secretService = QStringLiteral("CertDeckWizardTest");
    auto engine = app::openEngine(options);
    QVERIFY2(engine.ok(), qPrintable(engine.message()));
    m_engine = std::move(engine.value());
    m_window = std::make_unique<ui::MainWindow>(services());
    m_window->show();

    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("office-ca");
    spec.commonName = QStringLiteral("Wizard Test Root CA");
    spec.keyAlgorithm = QStringLiteral("EC");
    spec.keySize = 256;
    QSignalSpy errors(m_window.get(), &ui::MainWindow::errorShown);
    m_window->createLocalCa(spec);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || m_engine->cas.find(QStringLiteral("localca"), spec.name), 30000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().first().toString()));
}

ui::UiServices WizardFixture::services() const
{
    ui::UiServices services;
    services.lifecycle = m_engine->lifecycle.get();
    services.cas = &m_engine->cas;
    services.deployers = &m_engine->deployers;
    services.localCaAdmin = m_engine->localCa.get();
    services.secrets = &m_engine->secrets;
    services.database = m_engine->database;
    return services;
}

} // namespace certdeck::test
