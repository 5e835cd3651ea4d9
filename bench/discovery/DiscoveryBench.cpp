// certdeck-bench-discovery [--addresses N] [--ports N] [--runs N] [--concurrency N] [--no-nmap] [--no-sweep]
//
// Starts one REAL nginx (worker_processes 2) listening with TLS on 127.0.2.1..N (default 10) x P consecutive free
// ports (default 500), EC P-256 certificate. Runs the network discovery (TlsScanner) over those endpoints R times
// (default 3), then `nmap -Pn -n --script ssl-cert -p <ports> <addresses>` once on the same endpoints, and prints
// endpoints per second for both, the ratio, and whether both saw the same certificate (SHA-1 of the served leaf)
// on every endpoint. Then sweeps 127.1.0.0/16 on one port where nothing listens: elapsed, found, and the errors
// other than "connection refused". Targets (issue 4): >= 1,000 endpoints/s, identical results, sweep < 30 s.
// Figures are printed, never asserted; the machine may be shared.
#include "engine/discovery/TlsScanner.h"
#include "tests/integration/netscan/NetscanNginx.h"
#include "tests/support/TestPki.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <algorithm>
#include <cstdio>

using namespace certdeck;

namespace {

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "certdeck-bench-discovery: %s\n", qPrintable(message));
    std::exit(1);
}

QString key(const QString& host, int port)
{
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

// host:port -> SHA-1 (lowercase hex, no spaces) from nmap's XML output of the ssl-cert script.
QHash<QString, QString> parseNmapXml(const QByteArray& xml)
{
    QHash<QString, QString> found;
    QXmlStreamReader reader(xml);
    QString host;
    int port = 0;
    bool inSslCert = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto name = reader.name();
            const auto attributes = reader.attributes();
            if (name == QLatin1String("address") &&
                attributes.value(QLatin1String("addrtype")) != QLatin1String("mac")) {
                host = attributes.value(QLatin1String("addr")).toString();
            } else if (name == QLatin1String("port")) {
                port = attributes.value(QLatin1String("portid")).toInt();
            } else if (name == QLatin1String("script")) {
                inSslCert = attributes.value(QLatin1String("id")) == QLatin1String("ssl-cert");
                if (inSslCert) {
                    // The text form: "SHA-1: 1234 5678 ..."
                    const QString output = attributes.value(QLatin1String("output")).toString();
                    const qsizetype at = output.indexOf(QLatin1String("SHA-1:"));
                    if (at >= 0) {
                        const QString line = output.mid(at + 6).section(QLatin1Char('\n'), 0, 0);
                        found.insert(key(host, port), line.simplified().remove(QLatin1Char(' ')).toLower());
                    }
                }
            } else if (inSslCert && name == QLatin1String("elem") &&
                       attributes.value(QLatin1String("key")) == QLatin1String("sha1")) {
                found.insert(key(host, port), reader.readElementText().simplified().remove(u' ').toLower());
            }
        } else if (reader.isEndElement() && reader.name() == QLatin1String("script")) {
            inSslCert = false;
        }
    }
    return found;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption addressesOption(QStringLiteral("addresses"), QStringLiteral("loopback addresses"),
                                             QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption portsOption(QStringLiteral("ports"), QStringLiteral("ports per address"),
                                         QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("scans of ours"), QStringLiteral("N"),
                                        QStringLiteral("3"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"), QStringLiteral("handshakes in flight"),
                                               QStringLiteral("N"), QStringLiteral("512"));
    const QCommandLineOption noNmap(QStringLiteral("no-nmap"), QStringLiteral("skip nmap"));
    const QCommandLineOption noSweep(QStringLiteral("no-sweep"), QStringLiteral("skip the /16 sweep"));
    parser.addOptions({addressesOption, portsOption, runsOption, concurrencyOption, noNmap, noSweep});
    parser.process(app);
    const int addressCount = qBound(1, parser.value(addressesOption).toInt(), 250);
    const int portCount = qBound(1, parser.value(portsOption).toInt(), 2000);
    const int runs = qBound(1, parser.value(runsOption).toInt(), 20);
    const int concurrency = qBound(1, parser.value(concurrencyOption).toInt(), 16384);

    if (test::NetscanNginx::binary().isEmpty()) {
        die(QStringLiteral("nginx is not installed (Debian: nginx-light)"));
    }
    discovery::TlsScanner::raiseFileLimit(); // nginx inherits it: 5,000 listening sockets
    QTemporaryDir dir;
    if (!dir.isValid()) {
        die(QStringLiteral("no temporary directory"));
    }
    test::LeafOptions leafOptions;
    leafOptions.names = {QStringLiteral("bench.example.test")};
    const test::IssuedCert leaf = test::TestPki::makeSelfSigned(leafOptions); // EC P-256
    const test::PemFiles files = test::writePemFiles(dir.path(), QStringLiteral("bench"), leaf);
    const QString expectedSha1 =
        QString::fromLatin1(QCryptographicHash::hash(leaf.cert.toDer(), QCryptographicHash::Sha1).toHex());

    QStringList addresses;
    for (int i = 1; i <= addressCount; ++i) {
        addresses.append(QStringLiteral("127.0.2.%1").arg(i));
    }
    test::NetscanNginx nginx(dir.path());
    QElapsedTimer startClock;
    startClock.start();
    if (const Status started = nginx.start(addresses, portCount, {{QString(), files.cert, files.key, {}}}, {}, 2);
        !started) {
        die(started.message());
    }
    const quint64 endpoints = quint64(addressCount) * quint64(portCount);
    std::printf("nginx: pid %lld, worker_processes 2, %d addresses x %d ports (%s) = %llu endpoints, up in %lld ms\n",
                nginx.pid(), addressCount, portCount, qPrintable(nginx.portList()),
                static_cast<unsigned long long>(endpoints), startClock.elapsed());

    // Ours.
    const QString range = QStringLiteral("127.0.2.1-%1").arg(addressCount);
    auto plan = discovery::ScanPlan::make({range}, nginx.portList());
    if (!plan) {
        die(plan.message());
    }
    QList<double> rates;
    discovery::ScanSummary last;
    for (int run = 0; run < runs; ++run) {
        discovery::ScanOptions options;
        options.concurrency = concurrency;
        options.timeoutMs = 10000;
        options.keep = discovery::ScanOptions::Keep::All;
        last = discovery::TlsScanner::scan(*plan, options);
        rates.append(last.endpointsPerSecond());
        std::printf("certdeck run %d: %llu endpoints in %lld ms = %.0f endpoints/s (TLS %llu, refused %llu, timed out "
                    "%llu, not TLS %llu, other %llu; concurrency %d)\n",
                    run + 1, static_cast<unsigned long long>(last.scanned), last.elapsedMs, last.endpointsPerSecond(),
                    static_cast<unsigned long long>(last.tlsFound), static_cast<unsigned long long>(last.refused),
                    static_cast<unsigned long long>(last.timedOut), static_cast<unsigned long long>(last.notTls),
                    static_cast<unsigned long long>(last.otherErrors), last.concurrency);
    }
    std::sort(rates.begin(), rates.end());
    const double ourRate = rates.at(rates.size() / 2);
    QHash<QString, QString> ours;
    for (const discovery::ScanResult& result : last.results) {
        if (result.reached && !result.chainDer.isEmpty()) {
            ours.insert(key(result.host, result.port),
                        QString::fromLatin1(
                            QCryptographicHash::hash(result.chainDer.first(), QCryptographicHash::Sha1).toHex()));
        }
    }
    const auto expectedCount = qsizetype(std::count(ours.cbegin(), ours.cend(), expectedSha1));
    std::printf("certdeck median: %.0f endpoints/s; served the expected certificate on %lld of %llu endpoints\n",
                ourRate, static_cast<long long>(expectedCount), static_cast<unsigned long long>(endpoints));

    if (!parser.isSet(noNmap)) {
        const QString nmap = QStandardPaths::findExecutable(QStringLiteral("nmap"));
        if (nmap.isEmpty()) {
            std::printf("nmap: not installed, skipped\n");
        } else {
            const QStringList arguments{QStringLiteral("-Pn"),
                                        QStringLiteral("-n"),
                                        QStringLiteral("--script"),
                                        QStringLiteral("ssl-cert"),
                                        QStringLiteral("-p"),
                                        nginx.portList(),
                                        QStringLiteral("-oX"),
                                        dir.filePath(QStringLiteral("nmap.xml")),
                                        range};
            QProcess process;
            QElapsedTimer clock;
            clock.start();
            process.start(nmap, arguments);
            if (!process.waitForStarted() || !process.waitForFinished(30 * 60 * 1000)) {
                die(QStringLiteral("nmap did not run: %1").arg(process.errorString()));
            }
            const qint64 nmapMs = clock.elapsed();
            QFile xml(dir.filePath(QStringLiteral("nmap.xml")));
            if (!xml.open(QIODevice::ReadOnly)) {
                die(QStringLiteral("nmap wrote no XML: %1").arg(QString::fromLocal8Bit(process.readAll())));
            }
            const QHash<QString, QString> theirs = parseNmapXml(xml.readAll());
            const double nmapRate = nmapMs > 0 ? double(endpoints) * 1000.0 / double(nmapMs) : 0;
            std::printf("nmap %s: %lld ms = %.0f endpoints/s, %lld certificates seen\n",
                        qPrintable(arguments.join(u' ')), nmapMs, nmapRate, static_cast<long long>(theirs.size()));
            int same = 0;
            int differ = 0;
            int onlyOurs = 0;
            int onlyTheirs = 0;
            for (const QString& address : addresses) {
                for (int port = nginx.basePort(); port < nginx.basePort() + portCount; ++port) {
                    const QString k = key(address, port);
                    const bool a = ours.contains(k);
                    const bool b = theirs.contains(k);
                    if (a && b) {
                        (ours.value(k) == theirs.value(k) ? same : differ)++;
                    } else if (a) {
                        ++onlyOurs;
                    } else if (b) {
                        ++onlyTheirs;
                    }
                }
            }
            std::printf("ratio certdeck/nmap: %.2f\n", nmapRate > 0 ? ourRate / nmapRate : 0.0);
            std::printf("same certificate on every endpoint: %s (same %d, different %d, only certdeck %d, only nmap "
                        "%d, of %llu)\n",
                        same == int(endpoints) ? "yes" : "NO", same, differ, onlyOurs, onlyTheirs,
                        static_cast<unsigned long long>(endpoints));
        }
    }
    nginx.stop();

    if (!parser.isSet(noSweep)) {
        const int port = test::freePortRange({QStringLiteral("127.1.0.1"), QStringLiteral("0.0.0.0")}, 1);
        auto sweep = discovery::ScanPlan::make({QStringLiteral("127.1.0.0/16")}, QString::number(port));
        if (!sweep) {
            die(sweep.message());
        }
        discovery::ScanOptions options;
        options.concurrency = concurrency;
        options.timeoutMs = 3000;
        options.keep = discovery::ScanOptions::Keep::ReachedAndErrors;
        const discovery::ScanSummary summary = discovery::TlsScanner::scan(*sweep, options);
        std::printf("sweep 127.1.0.0/16 port %d: %llu addresses in %lld ms (%.0f/s; target < 30000 ms): found %llu, "
                    "refused %llu, timed out %llu, other errors %llu\n",
                    port, static_cast<unsigned long long>(summary.scanned), summary.elapsedMs,
                    summary.endpointsPerSecond(), static_cast<unsigned long long>(summary.tlsFound),
                    static_cast<unsigned long long>(summary.refused), static_cast<unsigned long long>(summary.timedOut),
                    static_cast<unsigned long long>(summary.otherErrors + summary.notTls));
        QHash<QString, int> errors;
        for (const discovery::ScanResult& result : summary.results) {
            if (!result.reached) {
                ++errors[result.error];
            }
        }
        for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
            std::printf("  %d x %s\n", it.value(), qPrintable(it.key()));
        }
    }
    return 0;
}
