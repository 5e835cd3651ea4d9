#include "tests/integration/lifecycle/TestEngine.h"

#include "connectors/acme/AcmeAdministration.h"
#include "tests/support/PebbleFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WaitFor.h"

#include <QCoreApplication>
#include <QDir>

namespace certdeck::test {

Result<std::unique_ptr<app::Engine>> openTestEngine(const QString& dir, const QString& actor,
                                                    const QString& keychainPrefix)
{
    app::EngineOptions options;
    options.databaseUrl = QStringLiteral("sqlite:") + QDir(dir).filePath(QStringLiteral("inventory.db"));
    options.actor = actor;
    options.botBinary = botBinary();
    options.botArguments = {QStringLiteral("--state-dir"), QDir(dir).filePath(QStringLiteral("bot"))};
    options.secretService = QStringLiteral("%1-%2").arg(keychainPrefix).arg(QCoreApplication::applicationPid());
    return app::openEngine(options);
}

Status addPebbleConnector(app::Engine& engine, const PebbleFixture& pebble, const QString& name,
                          const QString& contactEmail)
{
    ca::AcmeConnectorSpec spec;
    spec.name = name;
    spec.directoryUrl = pebble.directoryUrl();
    spec.termsAgreed = true;
    spec.contactEmail = contactEmail;
    spec.trustBundlePath = pebble.trustBundlePath();
    spec.httpValidationPort = pebble.httpValidationPort();
    auto created = waitFor<Result<ca::AcmeConnectorInfo>>(
        [&](QObject* context, auto done) { engine.acme->create(spec, context, done); });
    if (!created) {
        return fail(QStringLiteral("creating the ACME connector \"%1\" timed out").arg(name));
    }
    if (!created->ok()) {
        return created->error();
    }
    return {};
}

} // namespace certdeck::test
