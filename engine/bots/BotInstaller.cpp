#include "engine/bots/BotInstaller.h"

#include "engine/bots/InstallPath.h"
#include "engine/core/Log.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>

#include <sys/utsname.h>

namespace certdeck::bots {
namespace {

constexpr int kCommandTimeoutMs = 60000;

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("bots");
}

QString firstLine(const QByteArray& output)
{
    const QString text = QString::fromUtf8(output).trimmed();
    const QString line = text.section(QLatin1Char('\n'), 0, 0).left(200);
    return line.isEmpty() ? QStringLiteral("nothing") : QLatin1Char('"') + line + QLatin1Char('"');
}

QString describe(const BotVersion& version)
{
    return QStringLiteral("%1 (bot protocol %2)").arg(version.version).arg(version.protocolVersion);
}

QString parentOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

} // namespace

std::optional<BotVersion> BotInstaller::parseVersion(const QByteArray& output)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^certdeck-bot (\S+) \(bot protocol (\d+)\)\s*$)"));
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(output).trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    return BotVersion{match.captured(1), match.captured(2).toInt()};
}

Result<BotVersion> BotInstaller::localVersion(const QString& localBotBinary)
{
    QProcess process;
    process.start(localBotBinary, {QStringLiteral("--version")});
    if (!process.waitForStarted(10000) || !process.waitForFinished(kCommandTimeoutMs)) {
        return fail(QStringLiteral("Could not run the local certdeck-bot %1: %2. Check the CertDeck installation.")
                        .arg(localBotBinary, process.errorString()),
                    QStringLiteral("localBot"));
    }
    const QByteArray output = process.readAllStandardOutput();
    const std::optional<BotVersion> version = parseVersion(output);
    if (process.exitCode() != 0 || !version) {
        return fail(QStringLiteral("%1 is not a working certdeck-bot (its --version printed %2).")
                        .arg(localBotBinary, firstLine(output)),
                    QStringLiteral("localBot"));
    }
    return *version;
}

QString BotInstaller::localArchitecture()
{
    utsname names = {};
    return ::uname(&names) == 0 ? QString::fromLatin1(names.machine) : QString();
}

QString BotInstaller::ensurePolicy(SshSession& session, const QString& botPath, bool useSudo)
{
    const QString host = session.endpoint().describe();
    const QString initCommand = QStringLiteral("sudo %1 policy init").arg(botPath);
    if (!useSudo) {
        return QStringLiteral("The bot on %1 runs without sudo: it follows its built-in policy (or a policy file its "
                              "account owns) until the host's administrator runs \"%2\".")
            .arg(host, initCommand);
    }
    const Result<deploy::HostCommandResult> init =
        session.run({botPath, QStringLiteral("policy"), QStringLiteral("init")}, kCommandTimeoutMs, {}, true);
    if (init && init->exitCode == 0) {
        return QStringLiteral("Policy on %1: %2.").arg(host, QString::fromUtf8(init->standardOutput).trimmed());
    }
    const QString reason =
        !init ? init.message() : firstLine(init->standardError.isEmpty() ? init->standardOutput : init->standardError);
    logger()->warn("certdeck-bot policy init on {} failed: {}", host.toStdString(), reason.toStdString());
    return QStringLiteral("The policy file could not be created on %1 (%2): the bot follows its built-in policy "
                          "until the host's administrator runs \"%3\".")
        .arg(host, reason, initCommand);
}

Result<BotInstallResult> BotInstaller::install(SshSession& session, const QString& localBotBinary,
                                               const QString& remotePath)
{
    const QString host = session.endpoint().describe();
    // Checked again here: the path may come from an inventory row edited behind CertDeck's back.
    if (Status valid = install_path::check(remotePath); !valid) {
        return valid.error();
    }
    const Result<BotVersion> local = localVersion(localBotBinary);
    if (!local) {
        return local.error();
    }
    const Result<QString> resolved = session.resolvePath(remotePath.trimmed());
    if (!resolved) {
        return resolved.error();
    }
    const QString path = *resolved;
    if (!path.startsWith(QLatin1Char('/'))) {
        return fail(QStringLiteral("The installation path \"%1\" is not an absolute file path. Use a path such as "
                                   "~/.local/bin/certdeck-bot or /opt/certdeck/certdeck-bot.")
                        .arg(remotePath),
                    QStringLiteral("invalidPath"));
    }
    if (Status valid = install_path::check(path); !valid) { // the login directory must not bring in ".." or worse
        return valid.error();
    }

    BotInstallResult result;
    result.remotePath = path;
    result.action = QStringLiteral("installed");
    const Result<deploy::HostFileInfo> existing = session.stat(path);
    if (!existing) {
        return existing.error();
    }
    if (existing->exists) {
        if (existing->isDirectory) {
            return fail(QStringLiteral("%1 on %2 is a directory, not certdeck-bot. Choose the path of the program "
                                       "file, e.g. %1/certdeck-bot.")
                            .arg(path, host),
                        QStringLiteral("notCertdeckBot"));
        }
        const Result<deploy::HostCommandResult> current =
            session.run({path, QStringLiteral("--version")}, kCommandTimeoutMs);
        if (!current) {
            return current.error();
        }
        const std::optional<BotVersion> installed =
            current->exitCode == 0 ? parseVersion(current->standardOutput) : std::nullopt;
        if (!installed) {
            return fail(QStringLiteral("%1 on %2 exists but is not certdeck-bot (\"%1 --version\" printed %3, exit "
                                       "status %4); it was left alone. Remove it, or choose another installation "
                                       "path.")
                            .arg(path, host,
                                 firstLine(current->standardOutput.isEmpty() ? current->standardError
                                                                             : current->standardOutput))
                            .arg(current->exitCode),
                        QStringLiteral("notCertdeckBot"));
        }
        if (*installed == *local) {
            logger()->info("certdeck-bot {} on {} is up to date", path.toStdString(), host.toStdString());
            return BotInstallResult{QStringLiteral("up to date"), installed->version, installed->protocolVersion, path};
        }
        logger()->info("upgrading certdeck-bot {} on {} from {} to {}", path.toStdString(), host.toStdString(),
                       describe(*installed).toStdString(), describe(*local).toStdString());
        result.action = QStringLiteral("upgraded");
    }

    const Result<deploy::HostCommandResult> machine =
        session.run({QStringLiteral("uname"), QStringLiteral("-m")}, kCommandTimeoutMs);
    if (!machine) {
        return machine.error();
    }
    const QString remoteArchitecture = QString::fromUtf8(machine->standardOutput).trimmed();
    if (machine->exitCode != 0 || remoteArchitecture != localArchitecture()) {
        return fail(QStringLiteral("%1 is a %2 machine, but this certdeck-bot is built for %3; nothing was installed. "
                                   "Install a certdeck-bot built for %2 on that host yourself.")
                        .arg(host, remoteArchitecture.isEmpty() ? QStringLiteral("unknown") : remoteArchitecture,
                             localArchitecture()),
                    QStringLiteral("architecture"));
    }

    QFile binary(localBotBinary);
    if (!binary.open(QIODevice::ReadOnly)) {
        return fail(
            QStringLiteral("Could not read the local certdeck-bot %1: %2.").arg(localBotBinary, binary.errorString()),
            QStringLiteral("localBot"));
    }
    const QByteArray content = binary.readAll();
    if (Status made = session.makeDirectories(parentOf(path), 0755); !made) {
        return made.error();
    }
    if (Status written = session.writeFileAtomic(path, content, 0755); !written) {
        return written.error();
    }

    const Result<deploy::HostCommandResult> check = session.run({path, QStringLiteral("--version")}, kCommandTimeoutMs);
    if (!check) {
        return check.error();
    }
    const std::optional<BotVersion> now = check->exitCode == 0 ? parseVersion(check->standardOutput) : std::nullopt;
    if (!now || *now != *local) {
        return fail(QStringLiteral("certdeck-bot was copied to %1 on %2, but it does not run there (\"--version\" "
                                   "printed %3, exit status %4). Check that the host can run programs from that "
                                   "directory (noexec mount?) and has the libraries certdeck-bot needs.")
                        .arg(path, host,
                             firstLine(check->standardOutput.isEmpty() ? check->standardError : check->standardOutput))
                        .arg(check->exitCode),
                    QStringLiteral("verification"));
    }
    logger()->info("certdeck-bot {} {} on {}", result.action.toStdString(), path.toStdString(), host.toStdString());
    result.version = now->version;
    result.protocolVersion = now->protocolVersion;
    return result;
}

} // namespace certdeck::bots
