// certdeckctl scheduler run: the renewal and deployment triggers for cron, a systemd timer, or as a daemon.
#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/scheduling/Clock.h"
#include "engine/scheduling/Scheduler.h"
#include "engine/scheduling/SchedulerLoop.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QSysInfo>

#include <csignal>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace certdeck::ctl {
namespace {

int g_signalPipe[2] = {-1, -1};

void onTerminate(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
}

void printReport(const scheduling::SchedulerReport& report, QTextStream& out)
{
    for (const scheduling::SchedulerAction& action : report.actions) {
        out << QStringLiteral("#%1 %2: %3 %4")
                   .arg(action.certificateId)
                   .arg(action.commonName, action.action, action.state);
        if (action.jobId != 0) {
            out << QStringLiteral(" (job #%1)").arg(action.jobId);
        }
        if (!action.message.isEmpty()) {
            out << QStringLiteral(": ") << action.message;
        }
        out << Qt::endl;
    }
    out << QObject::tr("Scheduler pass at %1%2: %3 action(s), %4 failed")
               .arg(report.at.toString(Qt::ISODateWithMs),
                    report.dryRun ? QObject::tr(" (dry run, nothing was changed)") : QString())
               .arg(report.actions.size())
               .arg(report.failures())
        << Qt::endl;
}

int exitCodeOf(const scheduling::SchedulerReport& report)
{
    if (report.rolledBack()) {
        return ExitRolledBack;
    }
    return report.failures() > 0 ? ExitFailed : ExitOk;
}

// Stops the loop on SIGTERM/SIGINT: the handler only writes to a socket; the event loop does the rest.
bool installTerminationHandler(QObject* parent, std::function<void()> onSignal)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0) {
        return false;
    }
    auto* notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, parent);
    QObject::connect(notifier, &QSocketNotifier::activated, parent, [onSignal = std::move(onSignal)] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[1], &byte, 1);
        onSignal();
    });
    struct sigaction action = {};
    action.sa_handler = onTerminate;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    return true;
}

} // namespace

void runSchedulerCommand(CommandContext context)
{
    QStringList arguments = context.arguments;
    const QString sub = arguments.isEmpty() ? QString() : arguments.takeFirst();
    CtlOptions options(arguments, {QStringLiteral("now"), QStringLiteral("max-jobs")},
                       {QStringLiteral("dry-run"), QStringLiteral("daemon")});
    if (sub != QLatin1String("run") || !options.ok() || !options.positional().isEmpty()) {
        *context.err << "certdeckctl scheduler: "
                     << (sub != QLatin1String("run") ? QObject::tr("unknown subcommand \"%1\" (run)").arg(sub)
                         : !options.ok()             ? options.error()
                                         : QObject::tr("unexpected argument \"%1\"").arg(options.positional().first()))
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    auto* app = QCoreApplication::instance();
    const scheduling::Clock* clock = nullptr;
    if (!options.value(QStringLiteral("now")).isEmpty()) {
        QDateTime now = QDateTime::fromString(options.value(QStringLiteral("now")), Qt::ISODateWithMs);
        if (!now.isValid()) {
            *context.err << QObject::tr("certdeckctl scheduler run: --now takes an ISO-8601 instant such as "
                                        "2027-01-31T02:00:00Z")
                         << Qt::endl;
            context.exit(ExitUsage);
            return;
        }
        if (now.timeSpec() == Qt::LocalTime) {
            now.setTimeSpec(Qt::UTC); // no zone given: UTC, as the option says
        }
        static scheduling::FixedClock fixed;
        fixed.set(now.toUTC());
        clock = &fixed;
    } else {
        static const scheduling::SystemClock system;
        clock = &system;
    }
    int maxJobs = 4;
    if (!options.value(QStringLiteral("max-jobs")).isEmpty()) {
        bool ok = false;
        maxJobs = options.value(QStringLiteral("max-jobs")).toInt(&ok);
        if (!ok || maxJobs < 1) {
            *context.err << QObject::tr("certdeckctl scheduler run: --max-jobs takes a number of at least 1")
                         << Qt::endl;
            context.exit(ExitUsage);
            return;
        }
    }
    app::Engine* engine = context.engine;
    scheduling::Scheduler* scheduler =
        app::makeScheduler(*engine, clock, QStringLiteral("scheduler:") + QSysInfo::machineHostName(), maxJobs,
                           options.has(QStringLiteral("dry-run")))
            .release();
    scheduler->setParent(app);
    QObject::connect(scheduler, &scheduling::Scheduler::renewalWindowUnattended, app,
                     [context](qint64 id, const QString& commonName, int daysLeft) {
                         *context.out << QObject::tr("#%1 %2: expires in %3 day(s) and automatic renewal is off")
                                             .arg(id)
                                             .arg(commonName)
                                             .arg(daysLeft)
                                      << Qt::endl;
                     });

    if (!options.has(QStringLiteral("daemon"))) {
        scheduler->runOnce(app, [context](Result<scheduling::SchedulerReport> report) {
            if (!report.ok()) {
                *context.err << "certdeckctl scheduler run: " << report.message() << Qt::endl;
                context.exit(exitCodeFor(report.error()));
                return;
            }
            printReport(report.value(), *context.out);
            context.exit(exitCodeOf(report.value()));
        });
        return;
    }

    auto* loop = new scheduling::SchedulerLoop(scheduler, engine->database, engine->lifecycle.get(), clock, app);
    QObject::connect(scheduler, &scheduling::Scheduler::ranOnce, app,
                     [context](const scheduling::SchedulerReport& report) { printReport(report, *context.out); });
    QObject::connect(loop, &scheduling::SchedulerLoop::stopped, app, [context] { context.exit(ExitOk); });
    if (!installTerminationHandler(app, [loop, context] {
            *context.out << QObject::tr("Stopping: letting running jobs finish") << Qt::endl;
            loop->stop();
        })) {
        *context.err << "certdeckctl scheduler run --daemon: cannot install the signal handler" << Qt::endl;
        context.exit(ExitFailed);
        return;
    }
    loop->start();
}

} // namespace certdeck::ctl
