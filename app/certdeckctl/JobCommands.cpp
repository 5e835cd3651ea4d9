// certdeckctl jobs list | resume | cancel: the persistent job queue from the command line.
#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/JobRepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace certdeck::ctl {
namespace {

QJsonObject toJson(const Job& job)
{
    return QJsonObject{
        {QStringLiteral("id"), job.id},
        {QStringLiteral("certificateId"), job.certificateId},
        {QStringLiteral("action"), jobActionId(job.action)},
        {QStringLiteral("state"), jobStateId(job.state)},
        {QStringLiteral("step"), job.step},
        {QStringLiteral("progress"), job.progress},
        {QStringLiteral("attempts"), job.attempts},
        {QStringLiteral("message"), job.message},
        {QStringLiteral("notBefore"), job.notBefore.isValid() ? job.notBefore.toString(Qt::ISODate) : QString()},
        {QStringLiteral("startedBy"), job.startedBy},
        {QStringLiteral("claimedBy"), job.claimedBy},
        {QStringLiteral("createdAt"), job.createdAt.toString(Qt::ISODate)},
        {QStringLiteral("checkpoint"),
         job.checkpoint.isEmpty()
             ? QJsonValue()
             : QJsonValue(QJsonObject{
                   {QStringLiteral("keyId"), job.checkpoint.value(QStringLiteral("keyId"))},
                   {QStringLiteral("ca"), job.checkpoint.value(QStringLiteral("ca"))},
                   {QStringLiteral("interruptions"), job.checkpoint.value(QStringLiteral("interruptions"))}})},
    };
}

QString describe(const Job& job)
{
    return QStringLiteral("#%1 %2 of certificate #%3: %4")
        .arg(job.id)
        .arg(jobActionId(job.action))
        .arg(job.certificateId)
        .arg(jobStateId(job.state));
}

void listJobs(CommandContext context)
{
    CtlOptions options(context.arguments, {}, {QStringLiteral("json")});
    if (!options.ok() || !options.positional().isEmpty()) {
        *context.err << "certdeckctl jobs list: "
                     << (options.ok() ? QStringLiteral("unexpected argument %1").arg(options.positional().first())
                                      : options.error())
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    auto jobs = store::JobRepository(*context.engine->database).unfinished();
    if (!jobs.ok()) {
        *context.err << "certdeckctl jobs list: " << jobs.message() << Qt::endl;
        context.exit(ExitFailed);
        return;
    }
    if (options.has(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Job& job : jobs.value()) {
            array.append(toJson(job));
        }
        *context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else if (jobs->isEmpty()) {
        *context.out << QObject::tr("No unfinished jobs.") << Qt::endl;
    } else {
        for (const Job& job : jobs.value()) {
            *context.out << describe(job);
            if (job.notBefore.isValid()) {
                *context.out << QObject::tr(" (not before %1)").arg(job.notBefore.toString(Qt::ISODate));
            }
            if (!job.message.isEmpty()) {
                *context.out << " - " << job.message;
            }
            *context.out << Qt::endl;
        }
    }
    context.exit(ExitOk);
}

void resumeJobs(CommandContext context)
{
    if (!context.arguments.isEmpty()) {
        *context.err << "certdeckctl jobs resume: takes no arguments" << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    auto* lifecycle = context.engine->lifecycle.get();
    QObject::connect(
        lifecycle, &jobs::LifecycleService::jobChanged, QCoreApplication::instance(), [context](const Job& job) {
            if (!isFinal(job.state) && job.state != JobState::Queued && !job.step.isEmpty()) {
                *context.err << QStringLiteral("[job %1 %2%] %3").arg(job.id).arg(job.progress, 3).arg(job.step)
                             << Qt::endl;
            }
        });
    lifecycle->recoverInterruptedJobs(
        QCoreApplication::instance(), [context, lifecycle](Result<jobs::RecoveryOutcome> recovered) {
            if (!recovered.ok()) {
                *context.err << "certdeckctl jobs resume: " << recovered.message() << Qt::endl;
                context.exit(ExitFailed);
                return;
            }
            lifecycle->runDueJobs(QCoreApplication::instance(), [context](Result<QList<Job>> ran) {
                if (!ran.ok()) {
                    *context.err << "certdeckctl jobs resume: " << ran.message() << Qt::endl;
                    context.exit(ExitFailed);
                    return;
                }
                if (ran->isEmpty()) {
                    *context.out << QObject::tr("No jobs to resume.") << Qt::endl;
                    context.exit(ExitOk);
                    return;
                }
                int code = ExitOk;
                for (const Job& job : ran.value()) {
                    QTextStream* stream = job.state == JobState::Succeeded ? context.out : context.err;
                    *stream << describe(job) << " - " << job.message << Qt::endl;
                    if (job.state == JobState::RolledBack && code == ExitOk) {
                        code = ExitRolledBack;
                    } else if (job.state != JobState::Succeeded && job.state != JobState::RolledBack) {
                        code = ExitFailed;
                    }
                }
                context.exit(code);
            });
        });
}

void cancelJob(CommandContext context)
{
    bool idOk = false;
    const qint64 id = context.arguments.value(0).toLongLong(&idOk);
    if (!idOk || context.arguments.size() != 1) {
        *context.err << QObject::tr("certdeckctl jobs cancel: give the job id (see `certdeckctl jobs list`)")
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    context.engine->lifecycle->cancel(id, QCoreApplication::instance(), [context, id](Status status) {
        if (!status.ok()) {
            *context.err << "certdeckctl jobs cancel: " << status.message() << Qt::endl;
            context.exit(status.error().kind == QLatin1String("notFound") ? ExitNotFound : ExitFailed);
            return;
        }
        *context.out << QObject::tr("Job #%1 cancelled.").arg(id) << Qt::endl;
        context.exit(ExitOk);
    });
}

} // namespace

void runJobsCommand(const QString& sub, CommandContext context)
{
    if (sub == QLatin1String("list")) {
        listJobs(std::move(context));
    } else if (sub == QLatin1String("resume")) {
        resumeJobs(std::move(context));
    } else if (sub == QLatin1String("cancel")) {
        cancelJob(std::move(context));
    } else {
        *context.err << QObject::tr("certdeckctl jobs: use list, resume or cancel") << Qt::endl;
        context.exit(ExitUsage);
    }
}

} // namespace certdeck::ctl
