#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/ca/CaRegistry.h"
#include "engine/deploy/DeployerField.h"
#include "engine/domain/ServerType.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace certdeck::ctl {
namespace {

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

// "--ca NAME" names a connector of any CA type; the type is looked up.
Status applyCa(const QString& name, const ca::CaRegistry& cas, ProvisioningConfig& config)
{
    config.caConnectorName = name;
    QStringList types;
    for (const auto& connector : cas.connectors()) {
        if (connector->name() == name) {
            types << connector->caType();
        }
    }
    if (types.isEmpty()) {
        return fail(QObject::tr("no CA connector named \"%1\"; create a built-in CA with `certdeckctl ca create` or "
                                "an ACME connector with `certdeckctl ca acme add`")
                        .arg(name),
                    QStringLiteral("notFound"));
    }
    config.caType = types.first();
    return {};
}

Status applyDcv(const CtlOptions& options, ProvisioningConfig& config)
{
    config.dcvPath = options.value(QStringLiteral("dcv-path"));
    config.dcvEnabled = !config.dcvPath.isEmpty();
    if (config.dcvEnabled && !QDir::isAbsolutePath(config.dcvPath)) {
        return fail(
            QObject::tr("--dcv-path \"%1\" must be an absolute directory path on the bot's host").arg(config.dcvPath));
    }
    const QString server = options.value(QStringLiteral("dns-server"));
    if (server.isEmpty()) {
        return {};
    }
    config.dcvMethod = QStringLiteral("dns-01");
    const int colon = server.lastIndexOf(QLatin1Char(':'));
    config.dnsServer = server;
    if (colon > 0 && !server.left(colon).contains(QLatin1Char(':'))) {
        bool portOk = false;
        config.dnsPort = server.mid(colon + 1).toInt(&portOk);
        if (!portOk || config.dnsPort < 1 || config.dnsPort > 65535) {
            return fail(QObject::tr("--dns-server \"%1\" must look like HOST or HOST:PORT").arg(server));
        }
        config.dnsServer = server.left(colon);
    }
    config.dnsZone = options.value(QStringLiteral("dns-zone"));
    config.dnsKeyName = options.value(QStringLiteral("dns-key-name"));
    config.dnsKeyAlgorithm = options.value(QStringLiteral("dns-key-algorithm"), config.dnsKeyAlgorithm);
    if (config.dnsZone.isEmpty() || config.dnsKeyName.isEmpty()) {
        return fail(QObject::tr("--dns-server needs --dns-zone and --dns-key-name (the TSIG key; store its secret "
                                "with `certdeckctl dns-key set`)"));
    }
    return {};
}

Result<ProvisioningConfig> configFromOptions(const CtlOptions& options, const deploy::DeployerRegistry& deployers,
                                             const ca::CaRegistry& cas)
{
    ProvisioningConfig config;
    config.commonName = options.value(QStringLiteral("cn")).trimmed();
    config.sans = options.values(QStringLiteral("san"));
    if (auto found = applyCa(options.value(QStringLiteral("ca")), cas, config); !found.ok()) {
        return found.error();
    }
    if (auto dcv = applyDcv(options, config); !dcv.ok()) {
        return dcv.error();
    }
    config.serverType = options.value(QStringLiteral("server-type"));
    config.keyAlgorithm = options.value(QStringLiteral("key-algorithm"), config.keyAlgorithm).toUpper();
    config.keySize = options.value(QStringLiteral("key-size"), QString::number(config.keySize)).toInt();
    if (config.keyAlgorithm == QLatin1String("EC")) {
        if (!options.has(QStringLiteral("key-size"))) {
            config.keySize = 256;
        }
        // The signature must fit the key: ECDSA with the hash that matches the curve.
        config.signatureAlgorithm =
            config.keySize >= 384 ? QStringLiteral("SHA384withECDSA") : QStringLiteral("SHA256withECDSA");
    }
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
        const QString id = field.left(eq);
        for (const deploy::DeployerField& known : deployers.fields(type)) {
            if (known.id == id && known.kind == deploy::DeployerField::Kind::Secret) {
                return fail(QObject::tr("--field %1: \"%2\" is a password, and a command line is visible to every "
                                        "user of this machine; enter it in the console's Provisioning Configuration "
                                        "(it is kept in the keychain)")
                                .arg(id, known.label));
            }
        }
        config.serverFields.insert(id, field.mid(eq + 1));
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
                        QStringLiteral("key-algorithm"), QStringLiteral("key-size"), QStringLiteral("dcv-path"),
                        QStringLiteral("dns-server"), QStringLiteral("dns-zone"), QStringLiteral("dns-key-name"),
                        QStringLiteral("dns-key-algorithm")},
                       {QStringLiteral("no-rollback")});
    if (!options.require({QStringLiteral("cn"), QStringLiteral("ca"), QStringLiteral("server-type")})) {
        *context.err << "certdeckctl cert add: " << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    auto config = configFromOptions(options, context.engine->deployers, context.engine->cas);
    if (!config.ok()) {
        *context.err << "certdeckctl cert add: " << config.message() << Qt::endl;
        context.exit(config.error().kind == QLatin1String("notFound") ? ExitNotFound : ExitUsage);
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

void runDnsKeyCommand(const QString& sub, CommandContext context)
{
    CtlOptions options(context.arguments, {QStringLiteral("name")}, {});
    if (sub != QLatin1String("set") || !options.require({QStringLiteral("name")})) {
        *context.err << "certdeckctl dns-key: "
                     << (sub != QLatin1String("set") ? QObject::tr("unknown subcommand \"%1\" (set)").arg(sub)
                                                     : options.error())
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    const QByteArray secret = readSecretLine().trimmed();
    if (secret.isEmpty() || QByteArray::fromBase64(secret, QByteArray::AbortOnBase64DecodingErrors).isEmpty()) {
        *context.err << QObject::tr("certdeckctl dns-key set: give the TSIG secret on stdin, base64 as in the "
                                    "server's key statement")
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    context.engine->secrets.write(QStringLiteral("tsig/") + options.value(QStringLiteral("name")), secret,
                                  QCoreApplication::instance(), [context](Status status) {
                                      if (!status.ok()) {
                                          *context.err << "certdeckctl dns-key set: " << status.message() << Qt::endl;
                                          context.exit(exitCodeFor(status.error()));
                                          return;
                                      }
                                      context.exit(ExitOk);
                                  });
}

} // namespace certdeck::ctl
