#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/jobs/ManualValidation.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <unistd.h>

namespace certdeck::ctl {
namespace {

QJsonObject toJson(const CertificateRecord& record, const QDateTime& now)
{
    return QJsonObject{
        {QStringLiteral("id"), record.id},
        {QStringLiteral("commonName"), record.commonName},
        {QStringLiteral("sans"), QJsonArray::fromStringList(record.sans)},
        {QStringLiteral("issuer"), record.issuer},
        {QStringLiteral("serial"), record.serialHex},
        {QStringLiteral("notBefore"), record.notBefore.toString(Qt::ISODate)},
        {QStringLiteral("notAfter"), record.notAfter.toString(Qt::ISODate)},
        {QStringLiteral("daysLeft"), record.notAfter.isValid() ? QJsonValue(record.daysLeft(now)) : QJsonValue()},
        {QStringLiteral("fingerprintSha256"), record.fingerprintSha256},
        {QStringLiteral("keyAlgorithm"), record.keyAlgorithm},
        {QStringLiteral("keyBits"), record.keyBits},
        {QStringLiteral("status"), certificateStatusId(record.status)},
        {QStringLiteral("serverType"), record.serverType},
        {QStringLiteral("host"), record.host},
        {QStringLiteral("port"), record.port},
        {QStringLiteral("servedFingerprint"), record.servedFingerprint},
        {QStringLiteral("probedAt"), record.probedAt.toString(Qt::ISODate)},
        {QStringLiteral("drift"), record.drift},
    };
}

} // namespace

void runListCommand(CommandContext context)
{
    CtlOptions options(context.arguments, {}, {QStringLiteral("json")});
    if (!options.ok()) {
        *context.err << "certdeckctl list: " << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    const bool json = options.has(QStringLiteral("json"));
    context.engine->lifecycle->loadCertificates(
        QCoreApplication::instance(), [context, json](Result<QList<CertificateRecord>> records) {
            if (!records.ok()) {
                *context.err << "certdeckctl list: " << records.message() << Qt::endl;
                context.exit(ExitFailed);
                return;
            }
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (json) {
                QJsonArray array;
                for (const auto& record : records.value()) {
                    array.append(toJson(record, now));
                }
                *context.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
            } else {
                for (const auto& record : records.value()) {
                    *context.out << record.id << '\t' << record.commonName << '\t' << certificateStatusId(record.status)
                                 << '\t'
                                 << (record.notAfter.isValid() ? record.notAfter.toString(Qt::ISODate)
                                                               : QStringLiteral("-"))
                                 << '\t' << record.issuer << Qt::endl;
                }
            }
            context.exit(ExitOk);
        });
}

namespace {

// Prints what to publish and continues the order after a line on stdin (EOF abandons the order).
void promptForValidation(const Job& job, jobs::LifecycleService* lifecycle, const CommandContext& context)
{
    const auto manual = jobs::ManualValidation::fromJson(job.result.value(QStringLiteral("validation")).toObject());
    *context.out << manual.instructions() << Qt::endl
                 << QObject::tr("Press Enter once this is published (Ctrl-D abandons the order).") << Qt::endl;
    auto* notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, notifier, [notifier, lifecycle, context, jobId = job.id] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        notifier->setEnabled(false);
        notifier->deleteLater();
        if (n <= 0) {
            *context.err << QObject::tr("certdeckctl: stdin closed before the validation was confirmed; the order "
                                        "is abandoned.")
                         << Qt::endl;
            context.exit(ExitFailed);
            return;
        }
        lifecycle->confirmValidation(jobId, QCoreApplication::instance(), [context](Status status) {
            if (!status.ok()) {
                *context.err << "certdeckctl: " << status.message() << Qt::endl;
            }
        });
    });
}

} // namespace

void runLifecycleCommand(const QString& action, CommandContext context)
{
    bool idOk = false;
    const qint64 id = context.arguments.value(0).toLongLong(&idOk);
    if (!idOk || context.arguments.size() != 1) {
        *context.err << QObject::tr("certdeckctl %1: give the certificate id (see `certdeckctl list`)").arg(action)
                     << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    auto* lifecycle = context.engine->lifecycle.get();
    QObject::connect(lifecycle, &jobs::LifecycleService::jobChanged, QCoreApplication::instance(),
                     [context, id, lifecycle](const Job& job) {
                         if (job.certificateId != id || isFinal(job.state)) {
                             return;
                         }
                         if (job.state == JobState::AwaitingValidation) {
                             promptForValidation(job, lifecycle, context);
                         } else if (!job.step.isEmpty()) {
                             *context.err << QStringLiteral("[%1%] %2").arg(job.progress, 3).arg(job.step) << Qt::endl;
                         }
                     });
    const JobAction jobAction = action == QLatin1String("deploy")    ? JobAction::Deploy
                                : action == QLatin1String("recheck") ? JobAction::RecheckPinning
                                                                     : JobAction::Issue;
    lifecycle->run(jobAction, id, QCoreApplication::instance(), [context, action](Result<Job> job) {
        if (!job.ok()) {
            *context.err << "certdeckctl " << action << ": " << job.message() << Qt::endl;
            context.exit(job.error().kind == QLatin1String("notFound") ? ExitNotFound : ExitFailed);
            return;
        }
        switch (job->state) {
        case JobState::Succeeded:
            *context.out << job->message << Qt::endl;
            context.exit(ExitOk);
            return;
        case JobState::RolledBack:
            *context.err << "certdeckctl " << action << ": " << job->message << Qt::endl;
            context.exit(ExitRolledBack);
            return;
        default:
            *context.err << "certdeckctl " << action << ": " << job->message << Qt::endl;
            context.exit(ExitFailed);
            return;
        }
    });
}

} // namespace certdeck::ctl
