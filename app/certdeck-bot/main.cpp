#include "app/certdeck-bot/BotServer.h"
#include "app/certdeck-bot/KeyStaging.h"
#include "app/certdeck-bot/ScanHandler.h"
#include "engine/bots/BotProtocol.h"
#include "engine/core/Log.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>
#include <QTimer>

#include <csignal>

// certdeck-bot: the CertDeck agent. `certdeck-bot serve [--state-dir DIR]` speaks the bot protocol
// (engine/bots/BotProtocol.h) on stdin/stdout; logs go to stderr.
int main(int argc, char* argv[])
{
    // A console that goes away must not kill a deploy half way: writes then fail with EPIPE instead.
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("certdeck-bot"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CERTDECK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CertDeck bot: creates CSRs, deploys certificates and probes "
                                                    "TLS endpoints on this host for the CertDeck console."));
    parser.addHelpOption();
    const QCommandLineOption versionOption(QStringLiteral("version"), QStringLiteral("Print the version and exit."));
    parser.addOption(versionOption);
    const QCommandLineOption stateDirOption(
        QStringLiteral("state-dir"),
        QStringLiteral("Where staged private keys and state live (default: $XDG_DATA_HOME/certdeck-bot)."),
        QStringLiteral("dir"));
    parser.addOption(stateDirOption);
    // Test aid: announce another protocol version in hello, so tests can check that a mismatched bot is refused.
    QCommandLineOption protocolVersionOption(QStringLiteral("protocol-version"),
                                             QStringLiteral("Test aid: announce this protocol version."),
                                             QStringLiteral("n"));
    protocolVersionOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(protocolVersionOption);
    QCommandLineOption maxQueuedOption(QStringLiteral("max-queued-requests"),
                                       QStringLiteral("Refuse requests beyond this many waiting or running."),
                                       QStringLiteral("n"));
    maxQueuedOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(maxQueuedOption);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve: answer the console on stdio."));
    parser.process(app);

    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << "certdeck-bot " << QCoreApplication::applicationVersion() << " (bot protocol "
                            << certdeck::bots::protocol::kVersion << ")\n";
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional == QStringList{QStringLiteral("scan")}) {
        // `certdeck-bot scan`: the installation scan of this host, printed as JSON (logs on stderr).
        certdeck::log::Options scanLogOptions;
        scanLogOptions.toStderr = true;
        certdeck::log::init(scanLogOptions);
        return certdeck::bot::ScanHandler::printScan();
    }
    if (positional != QStringList{QStringLiteral("serve")}) {
        QTextStream(stderr) << "usage: certdeck-bot serve [--state-dir DIR] | certdeck-bot --version\n";
        return 2;
    }

    certdeck::bot::ServeOptions options;
    options.stateDir = parser.isSet(stateDirOption) ? QDir(parser.value(stateDirOption)).absolutePath()
                                                    : certdeck::bot::KeyStaging::defaultStateDirectory();
    if (parser.isSet(protocolVersionOption)) {
        bool ok = false;
        options.protocolVersion = parser.value(protocolVersionOption).toInt(&ok);
        if (!ok) {
            QTextStream(stderr) << "--protocol-version needs a number\n";
            return 2;
        }
    }

    if (parser.isSet(maxQueuedOption)) {
        bool ok = false;
        options.maxQueuedRequests = parser.value(maxQueuedOption).toInt(&ok);
        if (!ok || options.maxQueuedRequests < 1) {
            QTextStream(stderr) << "--max-queued-requests needs a positive number\n";
            return 2;
        }
    }

    certdeck::log::Options logOptions;
    logOptions.toStderr = true;
    certdeck::log::init(logOptions);

    certdeck::bot::BotServer server(options);
    QTimer::singleShot(0, &server, &certdeck::bot::BotServer::start);
    return app.exec();
}
