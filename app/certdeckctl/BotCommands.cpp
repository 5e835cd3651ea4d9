// certdeckctl bots: list, add (SSH), host-key, trust, install, scan, remove.
#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/bots/BotService.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace certdeck::ctl {
namespace {

QString prefix(const QString& sub)
{
    return QStringLiteral("certdeckctl bots %1: ").arg(sub);
}

// Exit code of a failed bot operation: host key problems, a missing entry and a missing keychain have their own.
int exitFor(const Error& error)
{
    if (error.kind == QLatin1String("hostKeyUnconfirmed") || error.kind == QLatin1String("hostKeyChanged") ||
        error.kind == QLatin1String("hostKeyMismatch")) {
        return ExitHostKey;
    }
    if (error.kind == QLatin1String("notFound")) {
        return ExitNotFound;
    }
    if (error.kind == QLatin1String("invalid")) {
        return ExitUsage;
    }
    return exitCodeFor(error);
}

void failWith(const CommandContext& context, const QString& sub, const Error& error)
{
    *context.err << prefix(sub) << error.message << Qt::endl;
    context.exit(exitFor(error));
}

QString timeText(const QDateTime& time)
{
    return time.isValid() ? time.toString(Qt::ISODate) : QString();
}

QJsonObject toJson(const Bot& bot)
{
    QJsonArray running;
    const discovery::SystemScan scan = discovery::SystemScan::fromJson(bot.scan);
    for (const discovery::DetectedServer& server : scan.servers) {
        if (server.running) {
            running.append(server.serverType);
        }
    }
    return QJsonObject{{QStringLiteral("id"), bot.id},
                       {QStringLiteral("name"), bot.name},
                       {QStringLiteral("transport"), botTransportId(bot.transport)},
                       {QStringLiteral("role"), botRoleId(bot.role)},
                       {QStringLiteral("host"), bot.host},
                       {QStringLiteral("port"), bot.port},
                       {QStringLiteral("user"), bot.user},
                       {QStringLiteral("auth"), sshAuthMethodId(bot.auth)},
                       {QStringLiteral("useSudo"), bot.useSudo},
                       {QStringLiteral("hostKeyFingerprint"), bot.hostKeyFingerprint},
                       {QStringLiteral("installPath"), bot.installPath},
                       {QStringLiteral("botVersion"), bot.botVersion},
                       {QStringLiteral("protocolVersion"), bot.protocolVersion},
                       {QStringLiteral("lastSeen"), timeText(bot.lastSeen)},
                       {QStringLiteral("scannedAt"), timeText(bot.scannedAt)},
                       {QStringLiteral("lastError"), bot.lastError},
                       {QStringLiteral("runningServers"), running}};
}

// Finds the entry NAME (the only positional argument) and hands it to `next`.
void withBot(const CommandContext& context, const QString& sub, const CtlOptions& options,
             std::function<void(const Bot&)> next)
{
    if (options.positional().size() != 1) {
        *context.err << prefix(sub) << QObject::tr("give exactly one bot name") << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    const QString name = options.positional().first();
    context.engine->bots->list(
        QCoreApplication::instance(), [context, sub, name, next = std::move(next)](Result<QList<Bot>> bots) {
            if (!bots.ok()) {
                failWith(context, sub, bots.error());
                return;
            }
            for (const Bot& bot : *bots) {
                if (bot.name == name) {
                    next(bot);
                    return;
                }
            }
            *context.err << prefix(sub) << QObject::tr("no bot named \"%1\" (see certdeckctl bots list)").arg(name)
                         << Qt::endl;
            context.exit(ExitNotFound);
        });
}

void listBots(const CommandContext& context, const CtlOptions& options)
{
    const bool json = options.has(QStringLiteral("json"));
    context.engine->bots->list(QCoreApplication::instance(), [context, json](Result<QList<Bot>> bots) {
        if (!bots.ok()) {
            failWith(context, QStringLiteral("list"), bots.error());
            return;
        }
        if (json) {
            QJsonArray array;
            for (const Bot& bot : *bots) {
                array.append(toJson(bot));
            }
            *context.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
            context.exit(ExitOk);
            return;
        }
        for (const Bot& bot : *bots) {
            const QString where = bot.transport == BotTransportKind::Local
                                      ? QObject::tr("this computer")
                                      : QStringLiteral("%1@%2:%3").arg(bot.user, bot.host).arg(bot.port);
            QString state;
            if (bot.role == BotRole::AgentlessTarget) {
                state = QObject::tr("agentless target");
            } else if (bot.transport == BotTransportKind::Ssh && bot.hostKeyFingerprint.isEmpty()) {
                state = QObject::tr("host key not confirmed");
            } else if (!bot.lastError.isEmpty()) {
                state = QObject::tr("error: %1").arg(bot.lastError);
            } else if (bot.botVersion.isEmpty() && bot.transport == BotTransportKind::Ssh) {
                state = QObject::tr("not installed");
            } else {
                state = QObject::tr("ok");
            }
            *context.out << bot.name << '\t' << where << '\t' << state << Qt::endl;
        }
        context.exit(ExitOk);
    });
}

void addBot(const CommandContext& context, const CtlOptions& options)
{
    const QString sub = QStringLiteral("add");
    if (options.positional().size() != 1) {
        *context.err << prefix(sub) << QObject::tr("give exactly one name for the new entry") << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    // has() answers for flags; value options are present when they have a value.
    const bool keyFile = !options.value(QStringLiteral("key-file")).isEmpty();
    const bool password = options.has(QStringLiteral("password-stdin"));
    if (options.value(QStringLiteral("host")).isEmpty() || options.value(QStringLiteral("user")).isEmpty() ||
        keyFile == password) {
        *context.err << prefix(sub)
                     << QObject::tr("--host and --user are required, and exactly one of --key-file FILE or "
                                    "--password-stdin (secrets are never taken from the command line)")
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    if (options.has(QStringLiteral("passphrase-stdin")) && !keyFile) {
        *context.err << prefix(sub) << QObject::tr("--passphrase-stdin goes with --key-file") << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    bots::SshBotRequest request;
    request.name = options.positional().first();
    request.endpoint.host = options.value(QStringLiteral("host"));
    request.endpoint.user = options.value(QStringLiteral("user"));
    bool portOk = true;
    request.endpoint.port = options.value(QStringLiteral("port"), QStringLiteral("22")).toInt(&portOk);
    if (!portOk) {
        request.endpoint.port = 0; // validation names the field
    }
    request.useSudo = options.has(QStringLiteral("sudo"));
    request.role = options.has(QStringLiteral("agentless")) ? BotRole::AgentlessTarget : BotRole::Bot;
    request.installPath = options.value(QStringLiteral("install-path"));
    if (keyFile) {
        const QString path = options.value(QStringLiteral("key-file"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *context.err << prefix(sub) << QObject::tr("cannot read the key file %1: %2").arg(path, file.errorString())
                         << Qt::endl;
            context.exit(ExitFailed);
            return;
        }
        request.auth = SshAuthMethod::Key;
        request.privateKey = file.readAll();
        if (options.has(QStringLiteral("passphrase-stdin"))) {
            request.passphrase = readSecretLine();
        }
    } else {
        request.auth = SshAuthMethod::Password;
        request.password = readSecretLine();
    }
    context.engine->bots->addSshBot(std::move(request), QCoreApplication::instance(), [context, sub](Result<Bot> bot) {
        if (!bot.ok()) {
            failWith(context, sub, bot.error());
            return;
        }
        *context.out << QObject::tr("Added \"%1\" (%2@%3:%4). Check its host key with `certdeckctl bots host-key %1`, "
                                    "then trust it with `certdeckctl bots trust %1 --fingerprint SHA256:...`.")
                            .arg(bot->name, bot->user, bot->host)
                            .arg(bot->port)
                     << Qt::endl;
        context.exit(ExitOk);
    });
}

void hostKey(const CommandContext& context, const CtlOptions& options)
{
    const QString sub = QStringLiteral("host-key");
    withBot(context, sub, options, [context, sub](const Bot& bot) {
        context.engine->bots->fetchHostKey(
            bot.id, QCoreApplication::instance(), [context, sub, bot](Result<bots::SshHostKey> key) {
                if (!key.ok()) {
                    failWith(context, sub, key.error());
                    return;
                }
                *context.out << key->fingerprintSha256 << ' ' << key->type << Qt::endl;
                if (!bot.hostKeyFingerprint.isEmpty() && bot.hostKeyFingerprint != key->fingerprintSha256) {
                    *context.err << prefix(sub)
                                 << QObject::tr("the pinned host key is %1: the "
                                                "host offers another one")
                                        .arg(bot.hostKeyFingerprint)
                                 << Qt::endl;
                    context.exit(ExitHostKey);
                    return;
                }
                context.exit(ExitOk);
            });
    });
}

void trust(const CommandContext& context, const CtlOptions& options)
{
    const QString sub = QStringLiteral("trust");
    const QString fingerprint = options.value(QStringLiteral("fingerprint"));
    if (fingerprint.isEmpty()) {
        *context.err << prefix(sub)
                     << QObject::tr("--fingerprint SHA256:... is required: the fingerprint you checked with the "
                                    "host's administrator (see certdeckctl bots host-key NAME)")
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    withBot(context, sub, options, [context, sub, fingerprint](const Bot& bot) {
        context.engine->bots->confirmHostKey(
            bot.id, fingerprint, QCoreApplication::instance(), [context, sub, bot, fingerprint](Status status) {
                if (!status.ok()) {
                    failWith(context, sub, status.error());
                    return;
                }
                *context.out << QObject::tr("Trusted the host key %1 of \"%2\".").arg(fingerprint, bot.name)
                             << Qt::endl;
                context.exit(ExitOk);
            });
    });
}

void printScan(const CommandContext& context, const discovery::SystemScan& scan)
{
    *context.out << QObject::tr("Host %1 (%2)").arg(scan.hostname, scan.os) << Qt::endl;
    for (const discovery::DetectedServer& server : scan.servers) {
        *context.out << "  " << server.serverType << ' '
                     << (server.running ? QObject::tr("running") : QObject::tr("installed, not running"))
                     << (server.version.isEmpty() ? QString() : QStringLiteral(" ") + server.version) << Qt::endl;
        if (!server.running) {
            continue;
        }
        for (const discovery::ConfiguredEndpoint& endpoint : server.config.endpoints) {
            *context.out << "    " << (endpoint.address.isEmpty() ? QStringLiteral("*") : endpoint.address) << ':'
                         << endpoint.port << ' ' << endpoint.names.join(QLatin1Char(',')) << ' '
                         << (endpoint.certificatePath.isEmpty() ? endpoint.keystorePath : endpoint.certificatePath)
                         << Qt::endl;
        }
    }
    for (const QString& warning : scan.warnings) {
        *context.out << QObject::tr("  warning: %1").arg(warning) << Qt::endl;
    }
}

void install(const CommandContext& context, const CtlOptions& options)
{
    const QString sub = QStringLiteral("install");
    withBot(context, sub, options, [context, sub](const Bot& bot) {
        context.engine->bots->install(
            bot.id, QCoreApplication::instance(),
            [context, sub, bot](Result<bots::InstallOutcome> outcome) {
                if (!outcome.ok()) {
                    failWith(context, sub, outcome.error());
                    return;
                }
                *context.out << QObject::tr("certdeck-bot %1 on \"%2\": %3 (protocol version %4)")
                                    .arg(outcome->version, bot.name, outcome->action)
                                    .arg(outcome->protocolVersion)
                             << Qt::endl
                             << outcome->policy << Qt::endl;
                context.exit(ExitOk);
            },
            [context](int percent, const QString& step) {
                *context.err << QStringLiteral("[%1%] %2").arg(percent, 3).arg(step) << Qt::endl;
            });
    });
}

void scan(const CommandContext& context, const CtlOptions& options)
{
    const QString sub = QStringLiteral("scan");
    const bool json = options.has(QStringLiteral("json"));
    withBot(context, sub, options, [context, sub, json](const Bot& bot) {
        context.engine->bots->rescan(
            bot.id, QCoreApplication::instance(), [context, sub, json](Result<discovery::SystemScan> scanned) {
                if (!scanned.ok()) {
                    failWith(context, sub, scanned.error());
                    return;
                }
                if (json) {
                    *context.out << QString::fromUtf8(QJsonDocument(scanned->toJson()).toJson(QJsonDocument::Indented));
                } else {
                    printScan(context, *scanned);
                }
                context.exit(ExitOk);
            });
    });
}

void removeBot(const CommandContext& context, const CtlOptions& options)
{
    const QString sub = QStringLiteral("remove");
    withBot(context, sub, options, [context, sub](const Bot& bot) {
        context.engine->bots->remove(bot.id, QCoreApplication::instance(), [context, sub, bot](Status status) {
            if (!status.ok()) {
                failWith(context, sub, status.error());
                return;
            }
            *context.out << QObject::tr("Removed \"%1\" with its keychain secrets and endpoints.").arg(bot.name)
                         << Qt::endl;
            context.exit(ExitOk);
        });
    });
}

} // namespace

void runBotsCommand(const QString& sub, CommandContext context)
{
    struct Spec
    {
        QStringList values;
        QStringList flags;
        std::function<void(const CommandContext&, const CtlOptions&)> run;
    };
    const QHash<QString, Spec> commands{
        {QStringLiteral("list"), {{}, {QStringLiteral("json")}, listBots}},
        {QStringLiteral("add"),
         {{QStringLiteral("host"), QStringLiteral("port"), QStringLiteral("user"), QStringLiteral("key-file"),
           QStringLiteral("install-path")},
          {QStringLiteral("passphrase-stdin"), QStringLiteral("password-stdin"), QStringLiteral("sudo"),
           QStringLiteral("agentless")},
          addBot}},
        {QStringLiteral("host-key"), {{}, {}, hostKey}},
        {QStringLiteral("trust"), {{QStringLiteral("fingerprint")}, {}, trust}},
        {QStringLiteral("install"), {{}, {}, install}},
        {QStringLiteral("scan"), {{}, {QStringLiteral("json")}, scan}},
        {QStringLiteral("remove"), {{}, {}, removeBot}},
    };
    const auto command = commands.constFind(sub);
    if (command == commands.constEnd()) {
        *context.err << QObject::tr("certdeckctl bots: unknown subcommand \"%1\" (list, add, host-key, trust, install, "
                                    "scan, remove)")
                            .arg(sub)
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    const CtlOptions options(context.arguments, command->values, command->flags);
    if (!options.ok()) {
        *context.err << prefix(sub) << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    command->run(context, options);
}

} // namespace certdeck::ctl
