#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/jobs/LifecycleService.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
                     [context, id](const Job& job) {
                         if (job.certificateId == id && !isFinal(job.state) && !job.step.isEmpty()) {
                             *context.err << QStringLiteral("[%1%] %2").arg(job.progress, 3).arg(job.step) << Qt::endl;
                         }
                     });
    const JobAction jobAction = action == QLatin1String("deploy") ? JobAction::Deploy : JobAction::Issue;
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
