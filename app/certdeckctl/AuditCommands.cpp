// certdeckctl audit export | hook set|show|clear|test
#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/audit/AuditExport.h"
#include "engine/audit/AuditTrail.h"
#include "engine/notify/EventHook.h"
#include "engine/notify/Notifier.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/Database.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace certdeck::ctl {
namespace {

QDateTime parseTime(const QString& text)
{
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid()) {
        at = QDateTime::fromString(text, Qt::ISODate);
    }
    if (!at.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid()) {
            at = QDateTime(date, QTime(0, 0), Qt::UTC);
        }
    }
    if (at.isValid() && at.timeSpec() == Qt::LocalTime && !text.contains(QLatin1Char('T'))) {
        at.setTimeSpec(Qt::UTC);
    }
    return at.toUTC();
}

void auditExport(CommandContext& c)
{
    CtlOptions options(c.arguments,
                       {QStringLiteral("format"), QStringLiteral("since"), QStringLiteral("until"),
                        QStringLiteral("certificate"), QStringLiteral("actor"), QStringLiteral("action"),
                        QStringLiteral("outcome"), QStringLiteral("output")},
                       {});
    if (!options.ok() || !options.positional().isEmpty()) {
        *c.err << "certdeckctl audit export: "
               << (options.ok() ? QStringLiteral("unexpected argument %1").arg(options.positional().first())
                                : options.error())
               << Qt::endl;
        c.exit(ExitUsage);
        return;
    }
    audit::ExportFormat format = audit::ExportFormat::Csv;
    if (!audit::exportFormatFromId(options.value(QStringLiteral("format"), QStringLiteral("csv")), &format)) {
        *c.err << "certdeckctl audit export: --format must be csv or json" << Qt::endl;
        c.exit(ExitUsage);
        return;
    }
    store::AuditQuery query;
    for (const auto& [name, target] :
         {std::pair{QStringLiteral("since"), &query.since}, std::pair{QStringLiteral("until"), &query.until}}) {
        if (options.has(name)) {
            *target = parseTime(options.value(name));
            if (!target->isValid()) {
                *c.err << "certdeckctl audit export: --" << name << " needs an ISO 8601 time such as "
                       << "2026-01-31 or 2026-01-31T08:00:00Z" << Qt::endl;
                c.exit(ExitUsage);
                return;
            }
        }
    }
    if (options.has(QStringLiteral("certificate"))) {
        bool ok = false;
        query.certificateId = options.value(QStringLiteral("certificate")).toLongLong(&ok);
        if (!ok || query.certificateId <= 0) {
            *c.err << "certdeckctl audit export: --certificate needs a certificate id (see certdeckctl list)"
                   << Qt::endl;
            c.exit(ExitUsage);
            return;
        }
    }
    query.actor = options.value(QStringLiteral("actor"));
    query.action = options.value(QStringLiteral("action"));
    query.outcome = options.value(QStringLiteral("outcome"));
    auto events = store::AuditRepository(*c.engine->database).query(query);
    if (!events) {
        *c.err << "certdeckctl: " << events.message() << Qt::endl;
        c.exit(ExitFailed);
        return;
    }
    const QString output = options.value(QStringLiteral("output"));
    if (output.isEmpty() || output == QLatin1String("-")) {
        c.out->flush();
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly)) {
            *c.err << "certdeckctl: cannot write to stdout" << Qt::endl;
            c.exit(ExitFailed);
            return;
        }
        const Status written = audit::writeEvents(*events, format, stdoutFile, QStringLiteral("stdout"));
        stdoutFile.flush();
        if (!written) {
            *c.err << "certdeckctl: " << written.message() << Qt::endl;
        }
        c.exit(written ? ExitOk : ExitFailed);
        return;
    }
    QSaveFile file(output);
    Status written;
    if (!file.open(QIODevice::WriteOnly)) {
        written = fail(QStringLiteral("Could not create %1: %2").arg(output, file.errorString()));
    } else {
        written = audit::writeEvents(*events, format, file, output);
        if (written && !file.commit()) {
            written = fail(QStringLiteral("Could not write %1: %2").arg(output, file.errorString()));
        }
    }
    if (!written) {
        *c.err << "certdeckctl: " << written.message() << Qt::endl;
        c.exit(ExitFailed);
        return;
    }
    *c.err << QStringLiteral("Exported %1 audit events to %2").arg(events->size()).arg(output) << Qt::endl;
    c.exit(ExitOk);
}

} // namespace

void runAuditCommand(const QString& sub, CommandContext context)
{
    if (sub == QLatin1String("export")) {
        auditExport(context);
        return;
    }
    *context.err << "certdeckctl: usage: audit export [--format csv|json] [--since ISO] [--until ISO] "
                    "[--certificate ID] [--actor A] [--action A] [--outcome O] [--output FILE]"
                 << Qt::endl;
    context.exit(ExitUsage);
}

void runHookCommand(const QString& sub, CommandContext context)
{
    const store::Database& db = *context.engine->database;
    const QString path = notify::defaultHookConfigPath();
    if (sub == QLatin1String("set") && !context.arguments.isEmpty()) {
        notify::HookConfig config;
        QStringList args = context.arguments;
        if (args.size() >= 2 && args.first() == QLatin1String("--timeout")) {
            args.removeFirst();
            config.timeoutSecs = args.takeFirst().toInt();
            if (config.timeoutSecs <= 0 || args.isEmpty()) {
                *context.err << "certdeckctl hook set: --timeout needs seconds (> 0) and a program" << Qt::endl;
                context.exit(ExitUsage);
                return;
            }
        }
        const QString program = args.takeFirst();
        config.program =
            QDir::isAbsolutePath(program) ? QDir::cleanPath(program) : QStandardPaths::findExecutable(program);
        if (config.program.isEmpty()) {
            *context.err << "certdeckctl hook set: no program \"" << program
                         << "\" found in PATH; give its absolute path" << Qt::endl;
            context.exit(ExitUsage);
            return;
        }
        config.arguments = args;
        if (const Status saved = notify::saveHookConfig(path, config); !saved) {
            *context.err << "certdeckctl: " << saved.message() << Qt::endl;
            context.exit(ExitFailed);
            return;
        }
        (void)audit::AuditTrail(db, audit::AuditTrail::currentUserActor(QStringLiteral("certdeckctl")))
            .record(QStringLiteral("hook.set"), 0, QStringLiteral("ok"),
                    QJsonObject{{QStringLiteral("program"), config.program}});
        *context.out << "Event hook set: " << config.program << " (in " << path << ")" << Qt::endl;
        context.exit(ExitOk);
    } else if (sub == QLatin1String("show")) {
        if (auto stored = notify::inventoryHookProgram(db); stored && !stored->isEmpty()) {
            *context.out << "The inventory holds an event hook (" << *stored
                         << "): it is ignored; only the local hook below runs." << Qt::endl;
        }
        auto config = notify::loadHookConfig(path);
        if (!config) {
            *context.err << "certdeckctl: " << config.message() << Qt::endl;
            context.exit(ExitFailed);
            return;
        }
        if (!config->isSet()) {
            *context.out << "No event hook is set (" << path << ")." << Qt::endl;
        } else {
            *context.out << "file: " << path << "\n";
            *context.out << "program: " << config->program << "\n";
            for (const QString& argument : config->arguments) {
                *context.out << "argument: " << argument << "\n";
            }
            *context.out << "timeout: " << config->timeoutSecs << " s" << Qt::endl;
        }
        context.exit(ExitOk);
    } else if (sub == QLatin1String("clear")) {
        if (const Status cleared = notify::clearHookConfig(path); !cleared) {
            *context.err << "certdeckctl: " << cleared.message() << Qt::endl;
            context.exit(ExitFailed);
            return;
        }
        *context.out << "Event hook cleared." << Qt::endl;
        context.exit(ExitOk);
    } else if (sub == QLatin1String("test")) {
        notify::Notifier notifier(context.engine->database,
                                  audit::AuditTrail::currentUserActor(QStringLiteral("certdeckctl")));
        const QString failure = notifier.testHookAndWait();
        if (!failure.isEmpty()) {
            *context.err << "certdeckctl: the event hook failed: " << failure << Qt::endl;
            context.exit(ExitFailed);
            return;
        }
        *context.out << "The event hook ran and exited with code 0." << Qt::endl;
        context.exit(ExitOk);
    } else {
        *context.err << "certdeckctl: usage: hook set [--timeout SECS] <program> [args...] | hook show | hook clear "
                        "| hook test"
                     << Qt::endl;
        context.exit(ExitUsage);
    }
}

} // namespace certdeck::ctl
