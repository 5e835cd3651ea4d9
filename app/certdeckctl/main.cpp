// certdeckctl: the CertDeck engine for scripts and headless machines.
#include "app/certdeckctl/CtlCommand.h"
#include "app/common/Engine.h"
#include "engine/audit/AuditTrail.h"
#include "engine/core/Log.h"
#include "engine/core/ProcessHardening.h"
#include "engine/notify/Notifier.h"
#include "engine/store/Database.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QTimer>

#include <cstdio>

namespace {

const char* const kUsage = R"(Usage: certdeckctl [--database URL] [--verbose] <command> [options]

Commands:
  init                                  create (or migrate) the inventory and print where it is
  ca create --name N --cn CN [--org O] [--key-algorithm EC|RSA] [--key-size BITS]
            [--days N] [--no-intermediate]
                                        create a built-in CA (passphrase kept in the OS keychain)
  ca export --name N [--out FILE]       print or write the CA certificate(s) (PEM)
  ca crl --name N --out FILE            publish the CA's current CRL
  ca list [--json]                      list built-in CAs
  ca acme add --name N [--preset ID] [--directory URL] [--email ADDR] --agree-tos
              [--eab-kid KID --eab-hmac-stdin] [--preferred-chain ISSUER-CN] [--trust-bundle PEM]
              [--http-port N]           add an ACME CA connector (presets: letsencrypt, letsencrypt-staging,
                                        zerossl, google, buypass, sslcom, custom); the account key and the EAB
                                        HMAC key (read from stdin) are kept in the OS keychain
  ca acme list [--json]                 list ACME connectors
  ca acme remove --name N               forget an ACME connector (its keychain entries too)
  cert import FILE [--password-stdin]   import PEM, DER or PKCS#12 (PKCS#12 password read from stdin)
  cert add --cn CN [--san NAME]... --ca NAME --server-type TYPE [--field ID=VALUE]...
           [--endpoint HOST:PORT] [--key-algorithm RSA|EC] [--key-size N] [--no-rollback]
           [--dcv-path DIR] [--dns-server HOST[:PORT] --dns-zone ZONE --dns-key-name NAME
           [--dns-key-algorithm hmac-sha256]]
                                        --ca names a built-in CA or an ACME connector; --dcv-path turns on
                                        automatic http-01 validation into that web root through the bot;
                                        --dns-* selects dns-01 by RFC 2136 updates (TSIG key: dns-key set)
  dns-key set --name NAME               store a TSIG key (base64, read from stdin) in the OS keychain
                                        add a managed certificate with its provisioning configuration
  list [--json]                         list the inventory
  issue ID                              issue certificate ID from its CA through its bot; when the
                                        domain must be validated by hand, print what to publish and
                                        continue after a line on stdin
  deploy ID                             deploy certificate ID through its bot (rollback on failure)
  recheck ID                            re-check pinning: probe the endpoint of certificate ID and record what
                                        it serves; drift (another or an expired certificate) shows in list
  jobs list [--json]                    list unfinished jobs (queued, running, awaiting validation)
  jobs resume                           resume jobs interrupted by a crash and run queued jobs that are due
                                        (retries); prints each job's outcome, exit code as for deploy
  jobs cancel ID                        cancel a queued job or one awaiting validation
  scheduler run [--now ISO-8601] [--dry-run] [--daemon] [--max-jobs N]
                                        renew and deploy what the certificates' schedules say is due (for
                                        cron or the certdeck-scheduler.timer systemd user unit); --now fixes
                                        the clock (UTC), --dry-run only says what would run, --daemon keeps
                                        running until SIGTERM/SIGINT; exit 1 when a job failed, 4 when a
                                        deployment was rolled back
  audit export [--format csv|json] [--since ISO] [--until ISO] [--certificate ID] [--actor A]
               [--action A] [--outcome O] [--output FILE]
                                        export the audit trail (CSV: RFC 4180, formula-safe; json: one
                                        object per line) to FILE or stdout
  hook set [--timeout SECS] PROGRAM [ARG]...
                                        run PROGRAM (no shell) for every new notification with the event
                                        as one JSON object on stdin; killed after SECS (default 30)
  hook show | hook clear | hook test    show, remove or try the event hook (test sends a test event); the
                                        hook is this user's own file (~/.config/CertDeck/certdeck/
                                        event-hook.json, 0600), never the inventory's
  db password set --url URL             store the PostgreSQL inventory's password (read from stdin) in the OS
                                        keychain; db password clear --url URL removes it
  bots list [--json]                    list the bots (local and SSH) and agentless SSH targets
  bots add NAME --host H [--port P] --user U (--key-file F [--passphrase-stdin] | --password-stdin)
           [--sudo] [--agentless] [--install-path PATH]
                                        add an SSH bot (or with --agentless an SSH host a bot deploys to);
                                        the key file's content and the passphrase or password (read from
                                        stdin) go to the OS keychain
  bots host-key NAME                    print the SSH host key fingerprint the host offers now
  bots trust NAME --fingerprint SHA256:...
                                        pin the host key you checked; refused when the host offers another
  bots install NAME                     copy certdeck-bot to the host over SFTP (or upgrade it), then scan
  bots scan NAME [--json]               run the bot's system scan (also "local") and import what it found
  bots remove NAME                      remove the entry, its keychain secrets and its endpoints
  discover network --range CIDR [--range ...] --ports LIST [--sni NAME]... [--concurrency N]
                   [--timeout-ms N] [--json] [--no-store]
                                        TLS handshakes with every address x port (x SNI name): ranges
                                        10.0.0.0/24, fd00::/120, 10.0.0.1-40 or one address or name; ports
                                        443,8443,10000-10010; prints a summary and stores the certificates
                                        found as Discovered with their endpoints (unless --no-store)

Database URL: sqlite:/path/inventory.db (default: the per-user inventory) or postgresql://user@host:port/db
[?sslmode=verify-full&sslrootcert=/path/ca.pem] (TLS verified against that CA by default for hosts other than
localhost; the password comes from the keychain, never from the URL).
Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 deployment rolled back, 5 no OS keychain,
6 SSH host key not confirmed, changed or not the one given.
)";

} // namespace

int main(int argc, char** argv)
{
    // Before anything holds a secret: no core dumps, not dumpable.
    if (const certdeck::Status hardened = certdeck::core::hardenProcess(); !hardened) {
        std::fprintf(stderr, "%s: %s\n", argv[0], qPrintable(hardened.message()));
        return 1;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CertDeck"));
    QCoreApplication::setApplicationName(QStringLiteral("certdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CERTDECK_VERSION));

    QStringList args = app.arguments().mid(1);
    QString databaseUrl;
    bool verbose = false;
    while (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--database") && !args.isEmpty()) {
            databaseUrl = args.takeFirst();
        } else if (option == QLatin1String("--verbose")) {
            verbose = true;
        } else if (option == QLatin1String("--help")) {
            std::fputs(kUsage, stdout);
            return certdeck::ctl::ExitOk;
        } else if (option == QLatin1String("--version")) {
            std::printf("certdeckctl %s\n", CERTDECK_VERSION);
            return certdeck::ctl::ExitOk;
        } else {
            std::fprintf(stderr, "certdeckctl: unknown option %s\n\n%s", qPrintable(option), kUsage);
            return certdeck::ctl::ExitUsage;
        }
    }
    if (args.isEmpty()) {
        std::fputs(kUsage, stderr);
        return certdeck::ctl::ExitUsage;
    }
    certdeck::log::init(
        {.filePath = {}, .toStderr = true, .level = verbose ? spdlog::level::debug : spdlog::level::warn});

    const QString command = args.takeFirst();
    const QString sub =
        (command == QLatin1String("ca") || command == QLatin1String("cert") || command == QLatin1String("dns-key") ||
         command == QLatin1String("jobs") || command == QLatin1String("audit") || command == QLatin1String("hook") ||
         command == QLatin1String("bots") || command == QLatin1String("discover")) &&
                !args.isEmpty()
            ? args.takeFirst()
            : QString();
    static const QStringList known{QStringLiteral("init"),    QStringLiteral("ca"),    QStringLiteral("cert"),
                                   QStringLiteral("list"),    QStringLiteral("issue"), QStringLiteral("deploy"),
                                   QStringLiteral("dns-key"), QStringLiteral("jobs"),  QStringLiteral("recheck")};
    static const QStringList more{QStringLiteral("scheduler"), QStringLiteral("audit"),    QStringLiteral("hook"),
                                  QStringLiteral("bots"),      QStringLiteral("discover"), QStringLiteral("db")};
    if (!known.contains(command) && !more.contains(command)) {
        std::fprintf(stderr, "certdeckctl: unknown command \"%s\"\n\n%s", qPrintable(command), kUsage);
        return certdeck::ctl::ExitUsage;
    }

    if (command == QLatin1String("db")) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return certdeck::ctl::runDbCommand(args, databaseUrl, out, err);
    }

    certdeck::app::EngineOptions options;
    options.databaseUrl = databaseUrl;
    options.actor = certdeck::audit::AuditTrail::currentUserActor(QStringLiteral("certdeckctl"));
    if (command == QLatin1String("scheduler")) {
        options.actor = QStringLiteral("scheduler:") + QSysInfo::machineHostName();
    }
    auto engine = certdeck::app::openEngine(options);
    if (!engine.ok()) {
        std::fprintf(stderr, "certdeckctl: cannot open the inventory: %s\n", qPrintable(engine.message()));
        return certdeck::ctl::ExitFailed;
    }

    QTextStream out(stdout);
    QTextStream err(stderr);
    int exitCode = certdeck::ctl::ExitOk;
    certdeck::ctl::CommandContext context;
    context.engine = engine->get();
    context.arguments = args;
    context.out = &out;
    context.err = &err;
    context.exit = [&exitCode, &out, &err, &app, notifier = context.engine->notifier.get()](int code) {
        out.flush();
        err.flush();
        exitCode = code;
        if (notifier->runningHooks() == 0) {
            QCoreApplication::exit(code);
            return;
        }
        // Event hooks this command started (a failed job) run to their end or their timeout first.
        auto* wait = new QTimer(&app);
        wait->setInterval(50);
        QObject::connect(wait, &QTimer::timeout, &app, [notifier, code, wait] {
            if (notifier->runningHooks() == 0) {
                wait->stop();
                QCoreApplication::exit(code);
            }
        });
        wait->start();
    };

    QTimer::singleShot(0, &app, [&] {
        if (command == QLatin1String("init")) {
            out << QObject::tr("Inventory ready: %1 (schema version %2)")
                       .arg(context.engine->database->url())
                       .arg(context.engine->database->schemaVersion())
                << Qt::endl;
            context.exit(certdeck::ctl::ExitOk);
        } else if (command == QLatin1String("ca")) {
            certdeck::ctl::runCaCommand(sub, context);
        } else if (command == QLatin1String("cert")) {
            certdeck::ctl::runCertCommand(sub, context);
        } else if (command == QLatin1String("dns-key")) {
            certdeck::ctl::runDnsKeyCommand(sub, context);
        } else if (command == QLatin1String("scheduler")) {
            certdeck::ctl::runSchedulerCommand(context);
        } else if (command == QLatin1String("jobs")) {
            certdeck::ctl::runJobsCommand(sub, context);
        } else if (command == QLatin1String("audit")) {
            certdeck::ctl::runAuditCommand(sub, context);
        } else if (command == QLatin1String("hook")) {
            certdeck::ctl::runHookCommand(sub, context);
        } else if (command == QLatin1String("bots")) {
            certdeck::ctl::runBotsCommand(sub, context);
        } else if (command == QLatin1String("discover")) {
            certdeck::ctl::runDiscoverCommand(sub, context);
        } else if (command == QLatin1String("list")) {
            certdeck::ctl::runListCommand(context);
        } else {
            certdeck::ctl::runLifecycleCommand(command, context);
        }
    });
    app.exec();
    engine->reset();
    return exitCode;
}
