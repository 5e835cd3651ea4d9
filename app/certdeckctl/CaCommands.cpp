#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "connectors/localca/LocalCaAdministration.h"
#include "engine/secrets/SecretStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace certdeck::ctl {
namespace {

void createCa(CommandContext context)
{
    CtlOptions options(context.arguments,
                       {QStringLiteral("name"), QStringLiteral("cn"), QStringLiteral("org"),
                        QStringLiteral("key-algorithm"), QStringLiteral("key-size"), QStringLiteral("days")},
                       {QStringLiteral("no-intermediate")});
    if (!options.require({QStringLiteral("name"), QStringLiteral("cn")})) {
        *context.err << "certdeckctl ca create: " << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    ca::LocalCaSpec spec;
    spec.name = options.value(QStringLiteral("name"));
    spec.commonName = options.value(QStringLiteral("cn"));
    spec.organization = options.value(QStringLiteral("org"));
    spec.keyAlgorithm = options.value(QStringLiteral("key-algorithm"), spec.keyAlgorithm).toUpper();
    spec.keySize = options.value(QStringLiteral("key-size"), QString::number(spec.keySize)).toInt();
    spec.rootValidityDays = options.value(QStringLiteral("days"), QString::number(spec.rootValidityDays)).toInt();
    spec.withIntermediate = !options.has(QStringLiteral("no-intermediate"));
    context.engine->localCa->create(spec, QCoreApplication::instance(), [context](Result<ca::LocalCaInfo> info) {
        if (!info.ok()) {
            *context.err << "certdeckctl ca create: " << info.message() << Qt::endl;
            context.exit(exitCodeFor(info.error()));
            return;
        }
        *context.out << QObject::tr("Created CA \"%1\": %2, SHA-256 %3, valid until %4")
                            .arg(info->name, info->subject, info->fingerprintSha256,
                                 info->notAfter.toString(Qt::ISODate))
                     << Qt::endl;
        context.exit(ExitOk);
    });
}

void exportCa(CommandContext context)
{
    CtlOptions options(context.arguments, {QStringLiteral("name"), QStringLiteral("out")}, {});
    if (!options.require({QStringLiteral("name")})) {
        *context.err << "certdeckctl ca export: " << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    auto pem = context.engine->localCa->exportCertificates(options.value(QStringLiteral("name")));
    if (!pem.ok()) {
        *context.err << "certdeckctl ca export: " << pem.message() << Qt::endl;
        context.exit(ExitNotFound);
        return;
    }
    const QString path = options.value(QStringLiteral("out"));
    if (path.isEmpty()) {
        *context.out << QString::fromLatin1(pem.value());
        context.exit(ExitOk);
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pem.value()) != pem->size() || !file.commit()) {
        *context.err << QObject::tr("certdeckctl ca export: cannot write %1: %2").arg(path, file.errorString())
                     << Qt::endl;
        context.exit(ExitFailed);
        return;
    }
    context.exit(ExitOk);
}

void publishCrl(CommandContext context)
{
    CtlOptions options(context.arguments, {QStringLiteral("name"), QStringLiteral("out")}, {});
    if (!options.require({QStringLiteral("name"), QStringLiteral("out")})) {
        *context.err << "certdeckctl ca crl: " << options.error() << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    context.engine->localCa->publishCrl(options.value(QStringLiteral("name")), options.value(QStringLiteral("out")),
                                        QCoreApplication::instance(), [context](Status status) {
                                            if (!status.ok()) {
                                                *context.err << "certdeckctl ca crl: " << status.message() << Qt::endl;
                                                context.exit(exitCodeFor(status.error()));
                                                return;
                                            }
                                            context.exit(ExitOk);
                                        });
}

void listCas(CommandContext context)
{
    CtlOptions options(context.arguments, {}, {QStringLiteral("json")});
    auto cas = context.engine->localCa->list();
    if (!cas.ok()) {
        *context.err << "certdeckctl ca list: " << cas.message() << Qt::endl;
        context.exit(ExitFailed);
        return;
    }
    if (options.has(QStringLiteral("json"))) {
        QJsonArray array;
        for (const auto& info : cas.value()) {
            array.append(QJsonObject{{QStringLiteral("name"), info.name},
                                     {QStringLiteral("subject"), info.subject},
                                     {QStringLiteral("fingerprintSha256"), info.fingerprintSha256},
                                     {QStringLiteral("notAfter"), info.notAfter.toString(Qt::ISODate)},
                                     {QStringLiteral("hasIntermediate"), info.hasIntermediate}});
        }
        *context.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    } else {
        for (const auto& info : cas.value()) {
            *context.out << info.name << '\t' << info.subject << '\t' << info.notAfter.toString(Qt::ISODate)
                         << Qt::endl;
        }
    }
    context.exit(ExitOk);
}

} // namespace

void runCaCommand(const QString& sub, CommandContext context)
{
    if (sub == QLatin1String("create")) {
        createCa(std::move(context));
    } else if (sub == QLatin1String("export")) {
        exportCa(std::move(context));
    } else if (sub == QLatin1String("crl")) {
        publishCrl(std::move(context));
    } else if (sub == QLatin1String("list")) {
        listCas(std::move(context));
    } else if (sub == QLatin1String("acme")) {
        runAcmeCommand(std::move(context));
    } else {
        *context.err
            << QObject::tr("certdeckctl ca: unknown subcommand \"%1\" (create, export, crl, list, acme)").arg(sub)
            << Qt::endl;
        context.exit(ExitUsage);
    }
}

} // namespace certdeck::ctl
