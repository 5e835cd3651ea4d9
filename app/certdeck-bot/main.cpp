#include "app/certdeck-bot/BotServer.h"
#include "app/certdeck-bot/KeyStaging.h"
#include "app/certdeck-bot/ScanHandler.h"
#include "engine/bots/BotProtocol.h"
#include "engine/core/Log.h"
#include "engine/deploy/BotPolicy.h"
#include "engine/core/ProcessHardening.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// `certdeck-bot policy`: prints the policy in force; `certdeck-bot policy init`: writes the defaults to the system
// file when there is none (root only: the bot obeys only a root-owned file there).
int policyCommand(const QStringList& arguments)
{
    using certdeck::deploy::BotPolicy;
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty()) {
        const BotPolicy policy = BotPolicy::load();
        out << QJsonDocument(policy.toJson()).toJson(QJsonDocument::Indented);
        return policy.isUsable() ? 0 : 1;
    }
    if (arguments != QStringList{QStringLiteral("init")}) {
        err << "usage: certdeck-bot policy [init]\n";
        return 2;
    }
    if (::geteuid() != 0) {
        err << "certdeck-bot policy init: run it as root; the policy file " << BotPolicy::systemPath()
            << " must be owned by root\n";
        return 1;
    }
    const QByteArray path = QFile::encodeName(BotPolicy::systemPath());
    const QByteArray directory = QFile::encodeName(QFileInfo(BotPolicy::systemPath()).absolutePath());
    if (::mkdir(directory.constData(), 0755) != 0 && errno != EEXIST) {
        err << "certdeck-bot policy init: cannot create " << directory << ": " << std::strerror(errno) << "\n";
        return 1;
    }
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == EEXIST) {
            out << BotPolicy::systemPath() << " exists; left as it is\n";
            return 0;
        }
        err << "certdeck-bot policy init: cannot create " << path << ": " << std::strerror(errno) << "\n";
        return 1;
    }
    const QByteArray text = BotPolicy::defaultFileText();
    const bool written = ::write(fd, text.constData(), size_t(text.size())) == text.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(path.constData());
        err << "certdeck-bot policy init: could not write " << path << "\n";
        return 1;
    }
    out << "wrote the default policy to " << BotPolicy::systemPath() << "\n";
    return 0;
}

} // namespace
#include <cstdio>

// certdeck-bot: the CertDeck agent. `certdeck-bot serve [--state-dir DIR]` speaks the bot protocol
// (engine/bots/BotProtocol.h) on stdin/stdout; logs go to stderr.
int main(int argc, char* argv[])
{
    // Before anything holds a secret: no core dumps, not dumpable.
    if (const certdeck::Status hardened = certdeck::core::hardenProcess(); !hardened) {
        std::fprintf(stderr, "%s: %s\n", argv[0], qPrintable(hardened.message()));
        return 1;
    }
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
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("serve: answer the console on stdio. scan: print this host's scan. "
                                                "policy [init]: print the policy in force (init: write the default "
                                                "/etc/certdeck/bot-policy.conf)."));
    parser.process(app);

    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << "certdeck-bot " << QCoreApplication::applicationVersion() << " (bot protocol "
                            << certdeck::bots::protocol::kVersion << ")\n";
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.value(0) == QLatin1String("policy")) {
        return policyCommand(positional.mid(1));
    }
    if (positional == QStringList{QStringLiteral("scan")}) {
        // `certdeck-bot scan`: the installation scan of this host, printed as JSON (logs on stderr).
        certdeck::log::Options scanLogOptions;
        scanLogOptions.toStderr = true;
        certdeck::log::init(scanLogOptions);
        return certdeck::bot::ScanHandler::printScan();
    }
    if (positional != QStringList{QStringLiteral("serve")}) {
        QTextStream(stderr) << "usage: certdeck-bot serve [--state-dir DIR] | certdeck-bot scan | certdeck-bot policy "
                               "[init] | certdeck-bot --version\n";
        return 2;
    }

    certdeck::bot::ServeOptions options;
    options.stateDir = parser.isSet(stateDirOption) ? QDir(parser.value(stateDirOption)).absolutePath()
                                                    : certdeck::bot::KeyStaging::defaultStateDirectory();
    {
        certdeck::deploy::BotPolicy policy = certdeck::deploy::BotPolicy::load();
        policy.setStateDirectory(options.stateDir);
        options.policy = std::make_shared<const certdeck::deploy::BotPolicy>(std::move(policy));
    }
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
