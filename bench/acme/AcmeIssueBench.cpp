// certdeck-bench-acme [--count N] [--certbot-count M] [--no-certbot]
//
// Orders N certificates (one name each, EC P-256) from a real pebble (PEBBLE_VA_NOSLEEP=1) in parallel, with
// real http-01 validation: the local certdeck-bot writes the token files into a web root that a real nginx
// serves on pebble's validation port, the console pre-flights them, pebble validates; then deploys each
// certificate to its own virtual host on that nginx (verified by handshake). Then certbot (Debian's package)
// orders M of the same names sequentially with --webroot against the same pebble. Prints certificates per
// second for both and the ratio. certbot only orders (no deployment), so the comparison favours certbot.
#include "app/common/Engine.h"
#include "connectors/acme/AcmeAdministration.h"
#include "engine/core/Log.h"
#include "engine/jobs/LifecycleService.h"
#include "tests/support/PebbleFixture.h"
#include "tests/support/TestPki.h"
#include "tests/support/WaitFor.h"
#include "tests/support/WebServerFixture.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <optional>

using namespace certdeck;

namespace {

using test::waitFor;

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "certdeck-bench-acme: %s\n", qPrintable(message));
    std::exit(1);
}

QString nameOf(int i)
{
    return QStringLiteral("bench%1.certdeck.localhost").arg(i);
}

struct Figures
{
    int succeeded = 0;
    int failed = 0;
    double seconds = 0;
    QString firstFailure;
};

Figures runCertDeck(app::Engine& engine, const QList<qint64>& ids)
{
    Figures figures;
    QElapsedTimer timer;
    timer.start();
    int pending = int(ids.size());
    QObject context;
    for (qint64 id : ids) {
        engine.lifecycle->run(JobAction::Order, id, &context, [&, id](Result<Job> ordered) {
            if (!ordered.ok() || ordered->state != JobState::Succeeded) {
                ++figures.failed;
                --pending;
                if (figures.firstFailure.isEmpty()) {
                    figures.firstFailure = ordered.ok() ? ordered->message : ordered.message();
                }
                return;
            }
            engine.lifecycle->run(JobAction::Deploy, id, &context, [&](Result<Job> deployed) {
                --pending;
                if (deployed.ok() && deployed->state == JobState::Succeeded) {
                    ++figures.succeeded;
                } else {
                    ++figures.failed;
                    if (figures.firstFailure.isEmpty()) {
                        figures.firstFailure = deployed.ok() ? deployed->message : deployed.message();
                    }
                }
            });
        });
    }
    while (pending > 0 && timer.elapsed() < 600000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    figures.seconds = double(timer.nsecsElapsed()) / 1e9;
    return figures;
}

Figures runCertbot(const test::PebbleFixture& pebble, const QString& webRoot, const QString& workDir, int count)
{
    Figures figures;
    const QString certbot = QStandardPaths::findExecutable(QStringLiteral("certbot"));
    if (certbot.isEmpty()) {
        figures.firstFailure = QStringLiteral("certbot is not installed (apt-get install certbot)");
        return figures;
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("REQUESTS_CA_BUNDLE"), pebble.trustBundlePath());
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(certbot, {QStringLiteral("certonly"),
                                QStringLiteral("--non-interactive"),
                                QStringLiteral("--agree-tos"),
                                QStringLiteral("--register-unsafely-without-email"),
                                QStringLiteral("--server"),
                                pebble.directoryUrl(),
                                QStringLiteral("--webroot"),
                                QStringLiteral("-w"),
                                webRoot,
                                QStringLiteral("-d"),
                                nameOf(i),
                                QStringLiteral("--key-type"),
                                QStringLiteral("ecdsa"),
                                QStringLiteral("--elliptic-curve"),
                                QStringLiteral("secp256r1"),
                                QStringLiteral("--config-dir"),
                                workDir + QStringLiteral("/config"),
                                QStringLiteral("--work-dir"),
                                workDir + QStringLiteral("/work"),
                                QStringLiteral("--logs-dir"),
                                workDir + QStringLiteral("/logs")});
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            ++figures.failed;
            if (figures.firstFailure.isEmpty()) {
                figures.firstFailure = QString::fromLocal8Bit(process.readAll()).right(800);
            }
            continue;
        }
        ++figures.succeeded;
    }
    figures.seconds = double(timer.nsecsElapsed()) / 1e9;
    return figures;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("count"), QStringLiteral("Certificates CertDeck orders and deploys."),
                      QStringLiteral("N"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("certbot-count"), QStringLiteral("Certificates certbot orders."),
                      QStringLiteral("M"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("no-certbot"), QStringLiteral("Skip certbot.")});
    parser.addOption({QStringLiteral("verbose"), QStringLiteral("Log every step (to stderr).")});
    parser.process(app);
    const int count = parser.value(QStringLiteral("count")).toInt();
    const int certbotCount =
        parser.isSet(QStringLiteral("no-certbot")) ? 0 : parser.value(QStringLiteral("certbot-count")).toInt();
    log::init({.filePath = {},
               .toStderr = true,
               .level = parser.isSet(QStringLiteral("verbose")) ? spdlog::level::info : spdlog::level::warn});
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        die(QStringLiteral("needs a Secret Service: run under tests/support/with-keyring.sh"));
    }

    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFile::Permissions(0x7755)); // nginx workers read the web root
    const QString webRoot = dir.filePath(QStringLiteral("webroot"));
    QDir().mkpath(webRoot);

    test::PebbleOptions pebbleOptions;
    pebbleOptions.challengeTestServerHttp01 = false;
    pebbleOptions.vaNoSleep = true;
    pebbleOptions.nonceRejectPercent = 0;
    test::PebbleFixture pebble(pebbleOptions);
    if (auto started = pebble.start(); !started.ok()) {
        die(started.message());
    }

    // One nginx: a virtual host per certificate (initial throw-away certificates) and the web root on the
    // validation port.
    test::TestPki pki;
    QList<test::TlsSite> sites;
    for (int i = 0; i < count; ++i) {
        const test::IssuedCert initial = test::TestPki::makeSelfSigned({.names = {nameOf(i)}});
        const auto files =
            test::writePemFiles(dir.filePath(QStringLiteral("sites/%1").arg(i)), QStringLiteral("site"), initial);
        sites << test::TlsSite{files.cert, files.key, {}, nameOf(i)};
    }
    QDir().mkpath(dir.filePath(QStringLiteral("nginx")));
    test::WebServerFixture nginx(test::WebServerFixture::Server::Nginx, dir.filePath(QStringLiteral("nginx")));
    nginx.setAdditionalSites(sites.mid(1));
    test::TlsSite primary = sites.first();
    primary.webRoot = webRoot;
    primary.httpPort = pebble.httpValidationPort();
    if (auto started = nginx.start(primary); !started.ok()) {
        die(started.message());
    }

    app::EngineOptions options;
    options.databaseUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inventory.db"));
    options.actor = QStringLiteral("bench");
    options.botBinary = QStringLiteral(CERTDECK_BOT_PATH);
    options.botArguments = {QStringLiteral("--state-dir"), dir.filePath(QStringLiteral("bot"))};
    options.secretService = QStringLiteral("CertDeckBench-%1").arg(QCoreApplication::applicationPid());
    auto opened = app::openEngine(options);
    if (!opened.ok()) {
        die(opened.message());
    }
    app::Engine& engine = *opened.value();
    // Nobody answers a manual validation here: an order that needs one counts as failed after a second.
    engine.lifecycle->setManualValidationTimeout(std::chrono::seconds(1));
    ca::AcmeConnectorSpec spec;
    spec.name = QStringLiteral("pebble");
    spec.directoryUrl = pebble.directoryUrl();
    spec.termsAgreed = true;
    spec.trustBundlePath = pebble.trustBundlePath();
    spec.httpValidationPort = pebble.httpValidationPort();
    auto connector = waitFor<Result<ca::AcmeConnectorInfo>>(
        [&](QObject* context, auto done) { engine.acme->create(spec, context, done); });
    if (!connector || !connector->ok()) {
        die(connector ? connector->message() : QStringLiteral("creating the ACME connector timed out"));
    }

    QList<qint64> ids;
    for (int i = 0; i < count; ++i) {
        ProvisioningConfig config;
        config.commonName = nameOf(i);
        config.sans = {nameOf(i)};
        config.caType = QStringLiteral("acme");
        config.caConnectorName = spec.name;
        config.serverType = QStringLiteral("nginx");
        config.serverFields = QVariantMap{{QStringLiteral("certificateFile"), sites.at(i).certificateFile},
                                          {QStringLiteral("keyFile"), sites.at(i).keyFile},
                                          {QStringLiteral("configFile"), nginx.configFile()},
                                          {QStringLiteral("prefix"), nginx.directory()},
                                          {QStringLiteral("nginxBinary"), nginx.binary()},
                                          {QStringLiteral("backupDirectory"), dir.filePath(QStringLiteral("backups"))}};
        config.endpointHost = QStringLiteral("127.0.0.1");
        config.endpointPort = nginx.port();
        config.keyAlgorithm = QStringLiteral("EC");
        config.keySize = 256;
        config.signatureAlgorithm = QStringLiteral("SHA256withECDSA");
        config.dcvEnabled = true;
        config.dcvPath = webRoot;
        auto id = waitFor<Result<qint64>>(
            [&](QObject* context, auto done) { engine.lifecycle->createCertificateEntry(config, context, done); });
        if (!id || !id->ok()) {
            die(id ? id->message() : QStringLiteral("adding certificates timed out"));
        }
        ids << id->value();
    }

    std::printf("ordering and deploying %d certificates with CertDeck (pebble, http-01 through nginx)...\n", count);
    std::fflush(stdout);
    const Figures ours = runCertDeck(engine, ids);
    std::printf("CertDeck: %d ordered and deployed, %d failed, in %.2f s: %.1f certificates/s\n", ours.succeeded,
                ours.failed, ours.seconds, ours.succeeded / ours.seconds);
    if (!ours.firstFailure.isEmpty()) {
        std::printf("  first failure: %s\n", qPrintable(ours.firstFailure));
    }
    if (certbotCount > 0) {
        std::printf("ordering %d certificates with certbot certonly --webroot (sequential)...\n", certbotCount);
        std::fflush(stdout);
        const Figures peer = runCertbot(pebble, webRoot, dir.filePath(QStringLiteral("certbot")), certbotCount);
        if (peer.succeeded == 0) {
            std::printf("certbot: no certificate (%s)\n", qPrintable(peer.firstFailure));
        } else {
            const double peerRate = peer.succeeded / peer.seconds;
            std::printf("certbot:  %d ordered, %d failed, in %.2f s: %.2f certificates/s (%.2f s per certificate)\n",
                        peer.succeeded, peer.failed, peer.seconds, peerRate, peer.seconds / peer.succeeded);
            std::printf("ratio: CertDeck is %.1f times certbot's rate\n", (ours.succeeded / ours.seconds) / peerRate);
        }
    }
    (void)waitFor<Status>([&](QObject* context, auto done) { engine.acme->remove(spec.name, context, done); });
    return ours.failed == 0 ? 0 : 1;
}
