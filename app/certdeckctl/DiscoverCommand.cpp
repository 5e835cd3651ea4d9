// certdeckctl discover network: concurrent TLS handshakes over address ranges x ports (x SNI names), stored in
// the inventory as Discovered certificates and endpoint rows.
#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "app/common/Engine.h"
#include "engine/core/Async.h"
#include "engine/crypto/Certificate.h"
#include "engine/discovery/InventoryImport.h"
#include "engine/discovery/TlsScanner.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <cstdio>
#include <memory>
#include <unistd.h>

namespace certdeck::ctl {
namespace {

struct DiscoverOutcome
{
    discovery::ScanSummary summary;
    bool stored = false;
    Result<discovery::ImportSummary> imported = discovery::ImportSummary{};
};

QJsonObject endpointJson(const discovery::ScanResult& result)
{
    QJsonObject object{{QStringLiteral("host"), result.host},
                       {QStringLiteral("port"), result.port},
                       {QStringLiteral("serverName"), result.serverName},
                       {QStringLiteral("fingerprintSha256"), result.fingerprintSha256},
                       {QStringLiteral("protocol"), result.protocol},
                       {QStringLiteral("chainLength"), int(result.chainDer.size())},
                       {QStringLiteral("elapsedMs"), result.elapsedMs}};
    if (!result.chainDer.isEmpty()) {
        if (auto leaf = crypto::Certificate::fromDer(result.chainDer.first())) {
            object.insert(QStringLiteral("subject"), leaf->subject());
            object.insert(QStringLiteral("issuer"), leaf->issuer());
            object.insert(QStringLiteral("notAfter"), leaf->notAfter().toString(Qt::ISODate));
        }
    }
    return object;
}

// The distinct errors other than refused / timed out, with counts (never one line per endpoint).
QMap<QString, int> otherErrors(const discovery::ScanSummary& summary)
{
    QMap<QString, int> counts;
    for (const discovery::ScanResult& result : summary.results) {
        if (!result.reached && result.errorKind != QLatin1String("refused") &&
            result.errorKind != QLatin1String("timeout")) {
            ++counts[result.error];
        }
    }
    return counts;
}

void printText(const DiscoverOutcome& outcome, QTextStream& out)
{
    const discovery::ScanSummary& summary = outcome.summary;
    for (const discovery::ScanResult& result : summary.results) {
        if (!result.reached) {
            continue;
        }
        QString commonName;
        if (!result.chainDer.isEmpty()) {
            if (auto leaf = crypto::Certificate::fromDer(result.chainDer.first())) {
                commonName = leaf->commonName();
            }
        }
        out << QStringLiteral("%1:%2\t%3\t%4\t%5\t%6")
                   .arg(result.host)
                   .arg(result.port)
                   .arg(result.serverName.isEmpty() ? QStringLiteral("-") : result.serverName, result.fingerprintSha256,
                        result.protocol, commonName)
            << Qt::endl;
    }
    out << QStringLiteral("Scanned %1 of %2 endpoints in %3 s (%4 endpoints/s): %5 TLS, %6 refused, %7 timed out, "
                          "%8 not TLS, %9 other errors")
               .arg(summary.scanned)
               .arg(summary.total)
               .arg(double(summary.elapsedMs) / 1000.0, 0, 'f', 2)
               .arg(summary.endpointsPerSecond(), 0, 'f', 0)
               .arg(summary.tlsFound)
               .arg(summary.refused)
               .arg(summary.timedOut)
               .arg(summary.notTls)
               .arg(summary.otherErrors)
        << Qt::endl;
    const QMap<QString, int> others = otherErrors(summary);
    for (auto it = others.cbegin(); it != others.cend(); ++it) {
        out << QStringLiteral("  %1 x %2").arg(it.value()).arg(it.key()) << Qt::endl;
    }
    if (summary.cancelled) {
        out << QStringLiteral("Interrupted before every endpoint was scanned.") << Qt::endl;
    }
    if (outcome.stored && outcome.imported.ok()) {
        out << QStringLiteral("Stored: %1 new certificates (Discovered), %2 already in the inventory, %3 endpoints")
                   .arg(outcome.imported->newCertificates)
                   .arg(outcome.imported->knownCertificates)
                   .arg(outcome.imported->endpoints)
            << Qt::endl;
        for (const QString& problem : outcome.imported->problems) {
            out << QStringLiteral("  ") << problem << Qt::endl;
        }
    }
}

void printJson(const DiscoverOutcome& outcome, QTextStream& out)
{
    const discovery::ScanSummary& summary = outcome.summary;
    QJsonArray endpoints;
    for (const discovery::ScanResult& result : summary.results) {
        if (result.reached) {
            endpoints.append(endpointJson(result));
        }
    }
    QJsonObject errors;
    const QMap<QString, int> others = otherErrors(summary);
    for (auto it = others.cbegin(); it != others.cend(); ++it) {
        errors.insert(it.key(), it.value());
    }
    QJsonObject root{
        {QStringLiteral("summary"), QJsonObject{{QStringLiteral("total"), qint64(summary.total)},
                                                {QStringLiteral("scanned"), qint64(summary.scanned)},
                                                {QStringLiteral("tlsFound"), qint64(summary.tlsFound)},
                                                {QStringLiteral("refused"), qint64(summary.refused)},
                                                {QStringLiteral("timedOut"), qint64(summary.timedOut)},
                                                {QStringLiteral("notTls"), qint64(summary.notTls)},
                                                {QStringLiteral("otherErrors"), qint64(summary.otherErrors)},
                                                {QStringLiteral("errors"), errors},
                                                {QStringLiteral("elapsedMs"), summary.elapsedMs},
                                                {QStringLiteral("endpointsPerSecond"), summary.endpointsPerSecond()},
                                                {QStringLiteral("cancelled"), summary.cancelled}}},
        {QStringLiteral("endpoints"), endpoints}};
    if (outcome.stored && outcome.imported.ok()) {
        root.insert(QStringLiteral("stored"),
                    QJsonObject{{QStringLiteral("newCertificates"), outcome.imported->newCertificates},
                                {QStringLiteral("knownCertificates"), outcome.imported->knownCertificates},
                                {QStringLiteral("endpoints"), outcome.imported->endpoints},
                                {QStringLiteral("problems"), QJsonArray::fromStringList(outcome.imported->problems)}});
    }
    out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

Result<int> intOption(const CtlOptions& options, const QString& name, int fallback, int low, int high)
{
    if (!options.has(name)) {
        return fallback;
    }
    bool ok = false;
    const int value = options.value(name).toInt(&ok);
    if (!ok || value < low || value > high) {
        return fail(QStringLiteral("--%1 \"%2\" is not a number from %3 to %4")
                        .arg(name, options.value(name))
                        .arg(low)
                        .arg(high));
    }
    return value;
}

} // namespace

void runDiscoverCommand(const QString& sub, CommandContext context)
{
    const QString usage = QStringLiteral("usage: certdeckctl discover network --range CIDR [--range ...] --ports LIST "
                                         "[--sni NAME ...] [--concurrency N] [--timeout-ms N] [--json] [--no-store]");
    if (sub != QLatin1String("network")) {
        *context.err << "certdeckctl discover: unknown subcommand \"" << sub << "\"\n" << usage << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    CtlOptions options(context.arguments,
                       {QStringLiteral("range"), QStringLiteral("ports"), QStringLiteral("sni"),
                        QStringLiteral("concurrency"), QStringLiteral("timeout-ms")},
                       {QStringLiteral("json"), QStringLiteral("no-store")});
    if (!options.ok() || !options.require({QStringLiteral("range"), QStringLiteral("ports")}) ||
        !options.positional().isEmpty()) {
        *context.err << "certdeckctl discover network: "
                     << (options.ok() ? QStringLiteral("unexpected argument \"%1\"").arg(options.positional().first())
                                      : options.error())
                     << "\n"
                     << usage << Qt::endl;
        context.exit(ExitUsage);
        return;
    }
    auto plan =
        discovery::ScanPlan::make(options.values(QStringLiteral("range")), options.value(QStringLiteral("ports")),
                                  options.values(QStringLiteral("sni")));
    auto concurrency = intOption(options, QStringLiteral("concurrency"), 512, 1, 16384);
    auto timeout = intOption(options, QStringLiteral("timeout-ms"), 3000, 1, 600000);
    for (const Error* error : {plan ? nullptr : &plan.error(), concurrency ? nullptr : &concurrency.error(),
                               timeout ? nullptr : &timeout.error()}) {
        if (error) {
            *context.err << "certdeckctl discover network: " << error->message << Qt::endl;
            context.exit(ExitUsage);
            return;
        }
    }

    auto scanOptions = std::make_shared<discovery::ScanOptions>();
    scanOptions->concurrency = *concurrency;
    scanOptions->timeoutMs = *timeout;
    scanOptions->keep = discovery::ScanOptions::Keep::ReachedAndErrors; // refused / timed out are only counted
    if (::isatty(STDERR_FILENO) == 1) {
        scanOptions->progress = [](quint64 done, quint64 total) {
            std::fprintf(stderr, "\r%llu / %llu endpoints", static_cast<unsigned long long>(done),
                         static_cast<unsigned long long>(total));
            if (done == total) {
                std::fputc('\n', stderr);
            }
        };
    }
    const bool store = !options.has(QStringLiteral("no-store"));
    const bool json = options.has(QStringLiteral("json"));
    std::shared_ptr<store::Database> database = context.engine->database;
    auto sharedPlan = std::make_shared<discovery::ScanPlan>(std::move(plan).value());
    runInBackground<std::shared_ptr<DiscoverOutcome>>(
        QCoreApplication::instance(),
        [sharedPlan, scanOptions, store, database] {
            auto outcome = std::make_shared<DiscoverOutcome>();
            outcome->summary = discovery::TlsScanner::scan(*sharedPlan, *scanOptions);
            if (store) {
                outcome->stored = true;
                outcome->imported = discovery::InventoryImport(*database).importEndpoints(
                    discovery::toSeenEndpoints(outcome->summary.results), QStringLiteral("network"));
            }
            return outcome;
        },
        [context, json](std::shared_ptr<DiscoverOutcome> outcome) {
            if (json) {
                printJson(*outcome, *context.out);
            } else {
                printText(*outcome, *context.out);
            }
            if (outcome->stored && !outcome->imported.ok()) {
                *context.err << "certdeckctl discover network: the endpoints were scanned but not stored: "
                             << outcome->imported.message() << Qt::endl;
                context.exit(ExitFailed);
                return;
            }
            context.exit(ExitOk);
        });
}

} // namespace certdeck::ctl
