#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "connectors/acme/AcmeAdministration.h"
#include "engine/secrets/SecretStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace certdeck::ctl {
namespace {

QString presetList(const QList<ca::AcmePreset>& presets)
{
    QStringList ids;
    for (const auto& preset : presets) {
        ids << preset.id;
    }
    return ids.join(QStringLiteral(", "));
}

void addConnector(CommandContext context)
{
    ca::AcmeAdmin* admin = context.engine->acme.get();
    CtlOptions options(context.arguments,
                       {QStringLiteral("name"), QStringLiteral("preset"), QStringLiteral("directory"),
                        QStringLiteral("email"), QStringLiteral("eab-kid"), QStringLiteral("preferred-chain"),
                        QStringLiteral("trust-bundle"), QStringLiteral("http-port")},
                       {QStringLiteral("agree-tos"), QStringLiteral("eab-hmac-stdin")});
    if (!options.require({QStringLiteral("name")})) {
        *context.err << "certdeckctl ca acme add: " << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    ca::AcmeConnectorSpec spec;
    spec.name = options.value(QStringLiteral("name"));
    spec.presetId = options.value(QStringLiteral("preset"), QStringLiteral("custom"));
    const auto presets = admin->presets();
    const auto preset =
        std::find_if(presets.begin(), presets.end(), [&](const ca::AcmePreset& p) { return p.id == spec.presetId; });
    if (preset == presets.end()) {
        *context.err << QObject::tr("certdeckctl ca acme add: unknown --preset \"%1\"; choose one of: %2")
                            .arg(spec.presetId, presetList(presets))
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    spec.directoryUrl = options.value(QStringLiteral("directory"), preset->directoryUrl);
    if (spec.directoryUrl.isEmpty()) {
        *context.err << QObject::tr("certdeckctl ca acme add: --directory URL is required with the custom preset")
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    spec.contactEmail = options.value(QStringLiteral("email"));
    spec.termsAgreed = options.has(QStringLiteral("agree-tos"));
    spec.eabKeyId = options.value(QStringLiteral("eab-kid"));
    if (options.has(QStringLiteral("eab-hmac-stdin"))) {
        spec.eabHmacKey = readSecretLine();
    }
    if (preset->eabRequired && (spec.eabKeyId.isEmpty() || spec.eabHmacKey.isEmpty())) {
        *context.err << QObject::tr("certdeckctl ca acme add: %1 requires External Account Binding: give --eab-kid "
                                    "and the HMAC key on stdin with --eab-hmac-stdin. %2")
                            .arg(preset->displayName, preset->eabHelp)
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    spec.preferredChain = options.value(QStringLiteral("preferred-chain"));
    spec.trustBundlePath = options.value(QStringLiteral("trust-bundle"));
    bool portOk = true;
    spec.httpValidationPort = options.value(QStringLiteral("http-port"), QStringLiteral("80")).toInt(&portOk);
    if (!portOk || spec.httpValidationPort < 1 || spec.httpValidationPort > 65535) {
        *context.err << QObject::tr("certdeckctl ca acme add: --http-port must be a port number (1-65535)") << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    admin->create(spec, QCoreApplication::instance(), [context](Result<ca::AcmeConnectorInfo> info) {
        if (!info.ok()) {
            *context.err << "certdeckctl ca acme add: " << info.message() << Qt::endl;
            context.exit(exitCodeFor(info.error()));
            return;
        }
        *context.out << QObject::tr("Created ACME connector \"%1\" (%2), account %3")
                            .arg(info->name, info->directoryUrl, info->accountUrl)
                     << Qt::endl;
        context.exit(ExitOk);
    });
}

void listConnectors(CommandContext context)
{
    CtlOptions options(context.arguments, {}, {QStringLiteral("json")});
    const bool json = options.has(QStringLiteral("json"));
    context.engine->acme->list(QCoreApplication::instance(),
                               [context, json](Result<QList<ca::AcmeConnectorInfo>> connectors) {
                                   if (!connectors.ok()) {
                                       *context.err << "certdeckctl ca acme list: " << connectors.message() << Qt::endl;
                                       context.exit(ExitFailed);
                                       return;
                                   }
                                   QJsonArray array;
                                   for (const auto& info : connectors.value()) {
                                       if (!json) {
                                           *context.out << info.name << '\t' << info.presetId << '\t'
                                                        << info.directoryUrl << '\t' << info.accountUrl << Qt::endl;
                                           continue;
                                       }
                                       array.append(QJsonObject{{QStringLiteral("name"), info.name},
                                                                {QStringLiteral("preset"), info.presetId},
                                                                {QStringLiteral("directoryUrl"), info.directoryUrl},
                                                                {QStringLiteral("accountUrl"), info.accountUrl},
                                                                {QStringLiteral("eabBound"), info.eabBound}});
                                   }
                                   if (json) {
                                       *context.out << QString::fromUtf8(QJsonDocument(array).toJson());
                                   }
                                   context.exit(ExitOk);
                               });
}

void removeConnector(CommandContext context)
{
    CtlOptions options(context.arguments, {QStringLiteral("name")}, {});
    if (!options.require({QStringLiteral("name")})) {
        *context.err << "certdeckctl ca acme remove: " << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    context.engine->acme->remove(
        options.value(QStringLiteral("name")), QCoreApplication::instance(), [context](Status status) {
            if (!status.ok()) {
                *context.err << "certdeckctl ca acme remove: " << status.message() << Qt::endl;
                context.exit(status.error().kind == QLatin1String("notFound") ? ExitNotFound
                                                                              : exitCodeFor(status.error()));
                return;
            }
            context.exit(ExitOk);
        });
}

} // namespace

void runAcmeCommand(CommandContext context)
{
    const QString sub = context.arguments.value(0);
    context.arguments = context.arguments.mid(1);
    if (sub == QLatin1String("add")) {
        addConnector(std::move(context));
    } else if (sub == QLatin1String("list")) {
        listConnectors(std::move(context));
    } else if (sub == QLatin1String("remove")) {
        removeConnector(std::move(context));
    } else {
        *context.err << QObject::tr("certdeckctl ca acme: unknown subcommand \"%1\" (add, list, remove)").arg(sub)
                     << Qt::endl;
        context.exit(ExitUsage);
    }
}

} // namespace certdeck::ctl
