#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/deploy/DeployerField.h"
#include "engine/domain/ServerType.h"
#include "engine/jobs/LifecycleService.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace certdeck::ctl {
namespace {

// Reads one line from stdin (for passwords: never from argv or the environment).
QByteArray readSecretLine()
{
    QByteArray line;
    int c;
    while ((c = std::getchar()) != EOF && c != '\n') {
        line.append(static_cast<char>(c));
    }
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    return line;
}

void importCertificate(CommandContext context)
{
    CtlOptions options(context.arguments, {}, {QStringLiteral("password-stdin")});
    if (!options.ok() || options.positional().size() != 1) {
        *context.err << "certdeckctl cert import: "
                     << (options.ok() ? QObject::tr("give exactly one file to import") : options.error()) << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    const QByteArray password = options.has(QStringLiteral("password-stdin")) ? readSecretLine() : QByteArray();
    context.engine->lifecycle->importCertificateFile(
        options.positional().first(), password, QCoreApplication::instance(), [context](Result<qint64> id) {
            if (!id.ok()) {
                *context.err << "certdeckctl cert import: " << id.message() << Qt::endl;
                context.exit(ExitFailed);
                return;
            }
            *context.out << id.value() << Qt::endl;
            context.exit(ExitOk);
        });
}

Result<ProvisioningConfig> configFromOptions(const CtlOptions& options, const deploy::DeployerRegistry& deployers)
{
    ProvisioningConfig config;
    config.commonName = options.value(QStringLiteral("cn")).trimmed();
    config.sans = options.values(QStringLiteral("san"));
    config.caType = QStringLiteral("localca");
    config.caConnectorName = options.value(QStringLiteral("ca"));
    config.serverType = options.value(QStringLiteral("server-type"));
    config.keyAlgorithm = options.value(QStringLiteral("key-algorithm"), config.keyAlgorithm).toUpper();
    config.keySize = options.value(QStringLiteral("key-size"), QString::number(config.keySize)).toInt();
    config.schedule.rollbackOnFailure = !options.has(QStringLiteral("no-rollback"));
    ServerType type;
    if (!serverTypeFromId(config.serverType, &type) || !deployers.has(type)) {
        QStringList available;
        for (const ServerType t : deployers.available()) {
            available.append(serverTypeId(t));
        }
        return fail(QObject::tr("--server-type \"%1\" has no deployer; choose one of: %2")
                        .arg(config.serverType, available.join(QStringLiteral(", "))));
    }
    for (const QString& field : options.values(QStringLiteral("field"))) {
        const int eq = field.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return fail(QObject::tr("--field \"%1\" must look like ID=VALUE").arg(field));
        }
        config.serverFields.insert(field.left(eq), field.mid(eq + 1));
    }
    if (auto valid = deploy::validateFieldValues(deployers.fields(type), config.serverFields); !valid.ok()) {
        return valid.error();
    }
    const QString endpoint = options.value(QStringLiteral("endpoint"));
    if (!endpoint.isEmpty()) {
        const int colon = endpoint.lastIndexOf(QLatin1Char(':'));
        bool portOk = false;
        const int port = colon > 0 ? endpoint.mid(colon + 1).toInt(&portOk) : 0;
        if (!portOk || port < 1 || port > 65535) {
            return fail(QObject::tr("--endpoint \"%1\" must look like HOST:PORT").arg(endpoint));
        }
        config.endpointHost = endpoint.left(colon);
        config.endpointPort = port;
    }
    return config;
}

void addCertificate(CommandContext context)
{
    CtlOptions options(context.arguments,
                       {QStringLiteral("cn"), QStringLiteral("san"), QStringLiteral("ca"),
                        QStringLiteral("server-type"), QStringLiteral("field"), QStringLiteral("endpoint"),
                        QStringLiteral("key-algorithm"), QStringLiteral("key-size")},
                       {QStringLiteral("no-rollback")});
    if (!options.require({QStringLiteral("cn"), QStringLiteral("ca"), QStringLiteral("server-type")})) {
        *context.err << "certdeckctl cert add: " << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    auto config = configFromOptions(options, context.engine->deployers);
    if (!config.ok()) {
        *context.err << "certdeckctl cert add: " << config.message() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    if (!context.engine->cas.find(config->caType, config->caConnectorName)) {
        *context.err << QObject::tr("certdeckctl cert add: no built-in CA named \"%1\"; create it with "
                                    "`certdeckctl ca create`")
                            .arg(config->caConnectorName)
                     << Qt::endl;
        context.exit(ExitNotFound);
        return;
    }
    context.engine->lifecycle->createCertificateEntry(
        config.value(), QCoreApplication::instance(), [context](Result<qint64> id) {
            if (!id.ok()) {
                *context.err << "certdeckctl cert add: " << id.message() << Qt::endl;
                context.exit(ExitFailed);
                return;
            }
            *context.out << id.value() << Qt::endl;
            context.exit(ExitOk);
        });
}

} // namespace

void runCertCommand(const QString& sub, CommandContext context)
{
    if (sub == QLatin1String("import")) {
        importCertificate(std::move(context));
    } else if (sub == QLatin1String("add")) {
        addCertificate(std::move(context));
    } else {
        *context.err << QObject::tr("certdeckctl cert: unknown subcommand \"%1\" (import, add)").arg(sub) << Qt::endl;
        context.exit(ExitUsage);
    }
}

} // namespace certdeck::ctl
