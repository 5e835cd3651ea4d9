// certdeck-bench-console [--count N] [--runs R] | --fill-only sqlite:/path/inventory.db [--count N]
//
// Fills a temporary SQLite inventory with N certificates (default 100,000) in one transaction through
// CertificateRepository, then starts R fresh processes of itself that each open the engine and the real
// MainWindow on it (QT_QPA_PLATFORM=offscreen unless a display is set) and print:
//   - start to first screen: process start until the table's viewport has painted rows
//   - re-sort: clicking a column header until the re-sorted rows are painted (several columns)
//   - filter: one keystroke in the search box until the filtered rows are painted (debounce included)
//   - resident memory: VmRSS from /proc/self/status after all of it
// against the targets of issue 5 (first screen < 1 s, re-sort < 300 ms, filter < 150 ms, < 300 MB). Prints
// figures only; it never fails on a timing.
#include "app/common/Engine.h"
#include "engine/core/Log.h"
#include "engine/domain/ServerType.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"
#include "ui/DashboardWidget.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QProcess>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace certdeck;

namespace {

QElapsedTimer g_sinceStart; // started first thing in main()

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "certdeck-bench-console: %s\n", qPrintable(message));
    std::exit(1);
}

qint64 residentKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

// ---- fill ---------------------------------------------------------------------------------------------------

Status fill(const QString& url, int count)
{
    auto db = store::Database::open(url);
    if (!db) {
        return db.error();
    }
    const store::BotRepository bots(**db);
    QList<qint64> botIds;
    for (int i = 0; i < 5; ++i) {
        Bot bot;
        bot.name = QStringLiteral("bot-%1").arg(i + 1);
        bot.transport = BotTransportKind::Ssh;
        bot.host = QStringLiteral("10.0.0.%1").arg(i + 1);
        bot.port = 22;
        bot.user = QStringLiteral("certdeck");
        auto id = bots.insert(bot);
        if (!id) {
            return id.error();
        }
        botIds.append(*id);
    }
    const QStringList issuers = {
        QStringLiteral("CN=Example Issuing CA 1,O=Example Corp,C=US"),
        QStringLiteral("CN=Example Issuing CA 2,O=Example Corp,C=US"),
        QStringLiteral("CN=R3,O=Let's Encrypt,C=US"),
        QStringLiteral("CN=DigiCert TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US"),
        QStringLiteral("CN=CertDeck Built-in CA,O=CertDeck"),
    };
    const QStringList types = {QStringLiteral("nginx"), QStringLiteral("apache-http"), QStringLiteral("tomcat"),
                               QStringLiteral("iis"), QString()};
    const QList<CertificateStatus> statuses = {CertificateStatus::Deployed, CertificateStatus::Deployed,
                                               CertificateStatus::Managed,  CertificateStatus::Discovered,
                                               CertificateStatus::Issued,   CertificateStatus::Failed};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const store::CertificateRepository certificates(**db);
    return (*db)->transaction([&]() -> Status {
        for (int i = 0; i < count; ++i) {
            CertificateRecord record;
            record.commonName = QStringLiteral("host%1.dept%2.example.com").arg(i).arg(i % 97);
            record.sans = {record.commonName, QString(QStringLiteral("www.") + record.commonName)};
            record.subject = QStringLiteral("CN=") + record.commonName;
            record.issuer = issuers[i % issuers.size()];
            record.serialHex = QString::number(0x1000000 + i, 16);
            record.notBefore = now.addDays(-300 + (i % 60));
            record.notAfter = now.addDays(-20 + (i * 7919) % 420).addSecs(i % 86400);
            record.fingerprintSha256 = QString::fromLatin1(
                QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256).toHex());
            record.keyAlgorithm = i % 3 == 0 ? QStringLiteral("EC") : QStringLiteral("RSA");
            record.keyBits = i % 3 == 0 ? 256 : 2048;
            record.signatureAlgorithm = QStringLiteral("sha256WithRSAEncryption");
            record.status = statuses[i % statuses.size()];
            record.serverType = types[i % types.size()];
            record.host = QStringLiteral("10.%1.%2.%3").arg((i >> 16) & 255).arg((i >> 8) & 255).arg(i & 255);
            record.port = 443;
            record.botId = i % 7 == 0 ? 0 : botIds[i % botIds.size()];
            record.source = QStringLiteral("scan:bench");
            auto inserted = certificates.insert(record);
            if (!inserted) {
                return inserted.error();
            }
        }
        return {};
    });
}

// ---- measure ------------------------------------------------------------------------------------------------

// Counts the paints of the table's viewport (the rows on screen).
class PaintWatch : public QObject
{
public:
    using QObject::QObject;
    int paints = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
        }
        return QObject::eventFilter(watched, event);
    }
};

// Runs the event loop until `done` holds after a paint (the view shows it), or 30 s.
template <typename Done>
bool untilPainted(PaintWatch& watch, Done done)
{
    QElapsedTimer deadline;
    deadline.start();
    const int before = watch.paints;
    while (deadline.elapsed() < 30000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
        if (watch.paints > before && done()) {
            return true;
        }
    }
    return false;
}

int measure(const QString& url)
{
    auto engine = app::openEngine({url,
                                   QStringLiteral("operator:bench"),
                                   QStringLiteral(CERTDECK_BOT_PATH),
                                   {},
                                   QStringLiteral("CertDeckBench")});
    if (!engine) {
        die(engine.message());
    }
    ui::UiServices services;
    services.lifecycle = (*engine)->lifecycle.get();
    services.cas = &(*engine)->cas;
    services.deployers = &(*engine)->deployers;
    services.localCaAdmin = nullptr;
    services.secrets = &(*engine)->secrets;
    services.database = (*engine)->database;
    services.notifier = (*engine)->notifier.get();

    ui::MainWindow window(services);
    QTableView* view = window.dashboard()->view();
    PaintWatch watch;
    view->viewport()->installEventFilter(&watch);
    window.show();
    const auto* proxy = window.dashboard()->proxy();
    if (!untilPainted(watch, [proxy] { return proxy->rowCount() > 0; })) {
        die(QStringLiteral("no rows were shown within 30 s"));
    }
    const qint64 firstScreenMs = g_sinceStart.elapsed();
    std::printf("rows %d\nfirst_screen_ms %lld\n", proxy->rowCount(), static_cast<long long>(firstScreenMs));

    // Let the deferred work (summary, filter choices, chart, bot names) finish before timing interactions.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 1500) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }

    using Column = models::CertificateTableModel::Column;
    const QList<QPair<const char*, int>> columns = {
        {"common_name", Column::CommonName}, {"issuer", Column::Issuer}, {"expires", Column::Expires},
        {"status", Column::Status},          {"host", Column::Host},     {"days_left_desc", -Column::DaysLeft}};
    for (const auto& [name, signedColumn] : columns) {
        const int column = std::abs(signedColumn);
        const Qt::SortOrder order = signedColumn < 0 ? Qt::DescendingOrder : Qt::AscendingOrder;
        QElapsedTimer timer;
        timer.start();
        view->sortByColumn(column, order);
        untilPainted(watch, [] { return true; });
        std::printf("sort_%s_ms %lld\n", name, static_cast<long long>(timer.elapsed()));
    }

    auto* search = window.findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    search->setFocus();
    const QString typed = QStringLiteral("host12345");
    for (const QChar c : typed) {
        const QString expected = search->text() + c;
        QElapsedTimer timer;
        timer.start();
        QKeyEvent press(QEvent::KeyPress, c.isDigit() ? Qt::Key_0 + c.digitValue() : Qt::Key_A + (c.unicode() - 'a'),
                        Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(search, &press);
        QKeyEvent release(QEvent::KeyRelease, press.key(), Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(search, &release);
        untilPainted(watch, [proxy, expected] { return proxy->searchText() == expected; });
        std::printf("filter_key_%s_ms %lld rows %d\n", qPrintable(expected), static_cast<long long>(timer.elapsed()),
                    proxy->rowCount());
    }
    {
        QElapsedTimer timer;
        timer.start();
        search->clear();
        untilPainted(watch, [proxy] { return proxy->searchText().isEmpty(); });
        std::printf("filter_clear_ms %lld rows %d\n", static_cast<long long>(timer.elapsed()), proxy->rowCount());
    }
    std::printf("rss_mib %.1f\n", static_cast<double>(residentKib()) / 1024.0);
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    g_sinceStart.start();
    if (!qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CertDeckBench"));
    QApplication::setApplicationName(QStringLiteral("certdeck-bench-console"));
    QStandardPaths::setTestModeEnabled(true);

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Certificates (default 100000)."),
                                         QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Measured starts (default 3)."),
                                        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption measureOption(QStringLiteral("measure"), QStringLiteral("(internal) measure one start."),
                                           QStringLiteral("url"));
    const QCommandLineOption fillOption(QStringLiteral("fill-only"),
                                        QStringLiteral("Only fill this inventory (sqlite:/path/inventory.db) and exit, "
                                                       "e.g. to look at the console with it."),
                                        QStringLiteral("url"));
    parser.addOptions({countOption, runsOption, measureOption, fillOption});
    parser.process(app);
    log::Options logOptions;
    logOptions.level = spdlog::level::warn;
    log::init(logOptions);

    if (parser.isSet(measureOption)) {
        return measure(parser.value(measureOption));
    }

    if (parser.isSet(fillOption)) {
        const Status filled = fill(parser.value(fillOption), parser.value(countOption).toInt());
        if (!filled) {
            die(filled.message());
        }
        return 0;
    }

    QTemporaryDir dir;
    if (!dir.isValid()) {
        die(QStringLiteral("cannot create a temporary directory"));
    }
    const QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inventory.db"));
    const int count = parser.value(countOption).toInt();
    QElapsedTimer fillTimer;
    fillTimer.start();
    if (const Status filled = fill(url, count); !filled) {
        die(filled.message());
    }
    std::printf("filled %d certificates in %.1f s\n", count, static_cast<double>(fillTimer.elapsed()) / 1000.0);
    std::printf("targets: first screen < 1000 ms, re-sort < 300 ms, filter < 150 ms, resident < 300 MiB\n");
    std::fflush(stdout);

    const int runs = std::max(1, parser.value(runsOption).toInt());
    for (int run = 1; run <= runs; ++run) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--measure"), url});
        if (!child.waitForFinished(180000) || child.exitCode() != 0) {
            die(QStringLiteral("measured run %1 failed (exit code %2)").arg(run).arg(child.exitCode()));
        }
        std::printf("--- run %d\n%s", run, child.readAllStandardOutput().constData());
        std::fflush(stdout);
    }
    return 0;
}
