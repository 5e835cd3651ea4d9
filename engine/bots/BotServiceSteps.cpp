#include "engine/bots/BotServiceSteps.h"

#include "engine/audit/AuditTrail.h"
#include "engine/bots/BotInstaller.h"
#include "engine/bots/InstallPath.h"
#include "engine/bots/SshSession.h"
#include "engine/core/Log.h"
#include "engine/discovery/InventoryImport.h"
#include "engine/jobs/BotConnections.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/BotRepository.h"
#include "engine/store/Database.h"
#include "engine/store/EndpointRepository.h"

#include <QRegularExpression>

#include <libssh/libssh.h>
#include <openssl/crypto.h>

namespace certdeck::bots::steps {
namespace {

auto logger()
{
    return log::get("engine.bots");
}

const QStringList kSecretNames{QStringLiteral("key"), QStringLiteral("passphrase"), QStringLiteral("password")};

void wipeBytes(QByteArray& bytes)
{
    if (!bytes.isEmpty()) {
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    }
    bytes.clear();
}

bool hasControlCharacters(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
            return true;
        }
    }
    return false;
}

QJsonObject botDetails(const Bot& bot)
{
    QJsonObject details{{QStringLiteral("bot"), bot.name}, {QStringLiteral("botId"), bot.id}};
    if (bot.transport == BotTransportKind::Ssh) {
        details.insert(QStringLiteral("endpoint"), jobs::sshEndpointOf(bot).describe());
    }
    return details;
}

void audit(const Env& env, const QString& action, const QString& outcome, const QJsonObject& details)
{
    if (env.audit) {
        (void)env.audit->record(action, 0, outcome, details);
    }
}

bool isLocal(const Bot& bot)
{
    return bot.transport == BotTransportKind::Local;
}

// A libssh-readable private key (OpenSSH or PEM), and the passphrase opens it.
Status checkPrivateKey(const QByteArray& key, const QByteArray& passphrase)
{
    QByteArray text = key;
    ssh_key parsed = nullptr;
    const int rc = ssh_pki_import_privkey_base64(
        text.constData(), passphrase.isEmpty() ? nullptr : passphrase.constData(), nullptr, nullptr, &parsed);
    wipeBytes(text);
    if (parsed) {
        ssh_key_free(parsed);
    }
    if (rc != SSH_OK) {
        return fail(QObject::tr("Private key: it could not be read. Give an OpenSSH or PEM private key file%1.")
                        .arg(passphrase.isEmpty() ? QObject::tr(" (and its passphrase, if it has one)")
                                                  : QObject::tr(" and check its passphrase")),
                    QStringLiteral("invalid"));
    }
    return {};
}

Status needsSshBot(const Bot& bot, const QString& what)
{
    if (bot.role == BotRole::AgentlessTarget) {
        return fail(QObject::tr("\"%1\" is an agentless target: nothing is installed there, so it cannot %2. A bot "
                                "deploys to it over SSH.")
                        .arg(bot.name, what),
                    QStringLiteral("notABot"));
    }
    return {};
}

Status needsPinnedKey(const Bot& bot)
{
    if (bot.hostKeyFingerprint.isEmpty()) {
        return fail(QObject::tr("The SSH host key of \"%1\" (%2) is not confirmed yet. Fetch the host key, check its "
                                "fingerprint with the host's administrator and trust it first.")
                        .arg(bot.name, jobs::sshEndpointOf(bot).describe()),
                    QStringLiteral("hostKeyUnconfirmed"));
    }
    return {};
}

Status connect(const Env& env, const Bot& bot, SshSession& session)
{
    if (Status pinned = needsPinnedKey(bot); !pinned.ok()) {
        return pinned;
    }
    auto credentials = jobs::readSshCredentials(env.secrets, bot);
    if (!credentials.ok()) {
        return credentials.error();
    }
    const Status connected = session.connect(jobs::sshEndpointOf(bot), bot.hostKeyFingerprint, *credentials);
    credentials->wipe();
    return connected;
}

// Copies certdeck-bot over the session (or upgrades it) through BotInstaller, then has it create the host's policy
// file when the bot uses sudo (BotInstaller::ensurePolicy).
Result<InstallOutcome> runBotInstaller(SshSession& session, Bot& bot, const QString& localBinary,
                                       const StepProgress& progress)
{
    if (progress) {
        progress(20, QObject::tr("Copying certdeck-bot to %1").arg(session.endpoint().describe()));
    }
    const QString remotePath = bot.installPath.isEmpty() ? QLatin1String(install_path::kDefault) : bot.installPath;
    auto installed = BotInstaller::install(session, localBinary, remotePath);
    if (!installed.ok()) {
        return installed.error();
    }
    if (!installed->remotePath.isEmpty()) {
        bot.installPath = installed->remotePath;
    }
    if (progress) {
        progress(60, QObject::tr("certdeck-bot %1: %2").arg(installed->version, installed->action));
    }
    return InstallOutcome{installed->action, installed->version, installed->protocolVersion,
                          BotInstaller::ensurePolicy(session, installed->remotePath, bot.useSudo)};
}

Status save(const Env& env, const Bot& bot)
{
    return store::BotRepository(env.db).update(bot);
}

} // namespace

Status validate(const SshBotRequest& r)
{
    const QString name = r.name.trimmed();
    if (name.isEmpty()) {
        return fail(QObject::tr("Name: enter a name for the entry."), QStringLiteral("invalid"));
    }
    if (name.size() > 100 || hasControlCharacters(name)) {
        return fail(QObject::tr("Name: use at most 100 characters, without control characters."),
                    QStringLiteral("invalid"));
    }
    if (name.compare(QStringLiteral("local"), Qt::CaseInsensitive) == 0) {
        return fail(QObject::tr("Name: \"local\" is the bot on this computer; choose another name."),
                    QStringLiteral("invalid"));
    }
    static const QRegularExpression hostPattern(QStringLiteral("^[A-Za-z0-9._:\\[\\]%-]{1,253}$"));
    const QString host = r.endpoint.host.trimmed();
    if (host.isEmpty()) {
        return fail(QObject::tr("Host: enter the host name or IP address of the SSH server."),
                    QStringLiteral("invalid"));
    }
    if (!hostPattern.match(host).hasMatch() || host.startsWith(QLatin1Char('-'))) {
        return fail(QObject::tr("Host: \"%1\" is not a host name or IP address.").arg(r.endpoint.host),
                    QStringLiteral("invalid"));
    }
    if (r.endpoint.port < 1 || r.endpoint.port > 65535) {
        return fail(QObject::tr("Port: %1 is not a port number (1-65535).").arg(r.endpoint.port),
                    QStringLiteral("invalid"));
    }
    static const QRegularExpression userPattern(QStringLiteral("^[A-Za-z0-9._][A-Za-z0-9._@$-]{0,63}$"));
    if (r.endpoint.user.trimmed().isEmpty()) {
        return fail(QObject::tr("User: enter the SSH login name."), QStringLiteral("invalid"));
    }
    if (!userPattern.match(r.endpoint.user).hasMatch()) {
        return fail(QObject::tr("User: \"%1\" is not a login name (letters, digits, . _ - only).").arg(r.endpoint.user),
                    QStringLiteral("invalid"));
    }
    switch (r.auth) {
    case SshAuthMethod::Key:
        if (r.privateKey.trimmed().isEmpty()) {
            return fail(QObject::tr("Private key: choose the private key file to log in with."),
                        QStringLiteral("invalid"));
        }
        if (Status key = checkPrivateKey(r.privateKey, r.passphrase); !key.ok()) {
            return key;
        }
        break;
    case SshAuthMethod::Password:
        if (r.password.isEmpty()) {
            return fail(QObject::tr("Password: enter the SSH password."), QStringLiteral("invalid"));
        }
        break;
    case SshAuthMethod::None:
        return fail(QObject::tr("Credentials: choose key or password authentication."), QStringLiteral("invalid"));
    }
    if (r.role == BotRole::Bot && !r.installPath.isEmpty()) {
        if (Status path = install_path::check(r.installPath); !path.ok()) {
            return fail(path.message(), QStringLiteral("invalid"));
        }
    }
    return {};
}

void wipe(SshBotRequest& request)
{
    wipeBytes(request.privateKey);
    wipeBytes(request.passphrase);
    wipeBytes(request.password);
}

Result<QList<Bot>> list(const Env& env)
{
    if (auto local = store::BotRepository(env.db).ensureLocalBot(); !local.ok()) {
        return local.error();
    }
    return store::BotRepository(env.db).all();
}

Result<Bot> load(const Env& env, qint64 botId)
{
    auto found = store::BotRepository(env.db).find(botId);
    if (!found.ok()) {
        return found.error();
    }
    if (!found->has_value()) {
        return fail(
            QObject::tr("Bot #%1 is not in the inventory (it may have been removed). Refresh the list.").arg(botId),
            QStringLiteral("notFound"));
    }
    return **found;
}

Result<Bot> add(const Env& env, SshBotRequest request)
{
    if (Status valid = validate(request); !valid.ok()) {
        wipe(request);
        return valid.error();
    }
    Bot bot;
    bot.name = request.name.trimmed();
    bot.transport = BotTransportKind::Ssh;
    bot.host = request.endpoint.host.trimmed();
    bot.port = request.endpoint.port;
    bot.user = request.endpoint.user.trimmed();
    bot.auth = request.auth;
    bot.useSudo = request.useSudo;
    bot.role = request.role;
    bot.installPath =
        request.role == BotRole::Bot
            ? (request.installPath.isEmpty() ? QLatin1String(install_path::kDefault) : request.installPath)
            : QString();
    auto id = store::BotRepository(env.db).insert(bot);
    if (!id.ok()) {
        wipe(request);
        return id.error();
    }
    // The secrets of the chosen method; all or nothing: a keychain failure takes the entry (and what was written)
    // away again.
    QList<QPair<QString, QByteArray*>> secrets;
    if (request.auth == SshAuthMethod::Key) {
        secrets << qMakePair(QStringLiteral("key"), &request.privateKey);
        if (!request.passphrase.isEmpty()) {
            secrets << qMakePair(QStringLiteral("passphrase"), &request.passphrase);
        }
    } else {
        secrets << qMakePair(QStringLiteral("password"), &request.password);
    }
    QStringList written;
    Status stored;
    for (const auto& [what, secret] : secrets) {
        stored = env.secrets.writeBlocking(botSecretKey(bot.id, what), *secret);
        if (!stored.ok()) {
            break;
        }
        written << what;
    }
    wipe(request);
    if (!stored.ok()) {
        for (const QString& what : written) {
            (void)env.secrets.removeBlocking(botSecretKey(bot.id, what));
        }
        (void)store::BotRepository(env.db).remove(bot.id);
        audit(env, QStringLiteral("bot.add"), QStringLiteral("failed"), botDetails(bot));
        return fail(QObject::tr("\"%1\" was not added: its login secret could not be stored in the keychain. %2")
                        .arg(bot.name, stored.message()),
                    stored.error().kind);
    }
    QJsonObject details = botDetails(bot);
    details.insert(QStringLiteral("role"), botRoleId(bot.role));
    details.insert(QStringLiteral("auth"), sshAuthMethodId(bot.auth));
    audit(env, QStringLiteral("bot.add"), QStringLiteral("ok"), details);
    logger()->info("added SSH entry \"{}\" ({})", bot.name.toStdString(),
                   jobs::sshEndpointOf(bot).describe().toStdString());
    return bot;
}

Result<SshHostKey> fetchHostKey(const Env& env, qint64 botId)
{
    auto bot = load(env, botId);
    if (!bot.ok()) {
        return bot.error();
    }
    if (isLocal(*bot)) {
        return fail(QObject::tr("The local bot runs on this computer: it has no SSH host key."),
                    QStringLiteral("invalid"));
    }
    return SshSession::fetchHostKey(jobs::sshEndpointOf(*bot));
}

Result<Bot> confirmHostKey(const Env& env, qint64 botId, const QString& fingerprint)
{
    static const QRegularExpression pattern(QStringLiteral("^SHA256:[A-Za-z0-9+/]{43}$"));
    const QString wanted = fingerprint.trimmed();
    if (!pattern.match(wanted).hasMatch()) {
        return fail(QObject::tr("Fingerprint: \"%1\" is not an SSH SHA-256 fingerprint (SHA256: followed by 43 "
                                "characters, as ssh-keygen -lf prints it).")
                        .arg(fingerprint),
                    QStringLiteral("invalid"));
    }
    auto bot = load(env, botId);
    if (!bot.ok()) {
        return bot.error();
    }
    auto offered = fetchHostKey(env, botId);
    if (!offered.ok()) {
        return offered.error();
    }
    if (offered->fingerprintSha256 != wanted) {
        audit(env, QStringLiteral("bot.trust"), QStringLiteral("refused"), botDetails(*bot));
        return fail(QObject::tr("%1 offers the host key %2, not the confirmed %3. Nothing was trusted: check the "
                                "fingerprint with the host's administrator.")
                        .arg(jobs::sshEndpointOf(*bot).describe(), offered->fingerprintSha256, wanted),
                    QStringLiteral("hostKeyMismatch"));
    }
    const QString previous = bot->hostKeyFingerprint;
    bot->hostKeyFingerprint = wanted;
    bot->lastError.clear();
    if (Status saved = save(env, *bot); !saved.ok()) {
        return saved.error();
    }
    QJsonObject details = botDetails(*bot);
    details.insert(QStringLiteral("fingerprint"), wanted);
    if (!previous.isEmpty() && previous != wanted) {
        details.insert(QStringLiteral("previousFingerprint"), previous);
    }
    audit(env, QStringLiteral("bot.trust"), QStringLiteral("ok"), details);
    return *bot;
}

Status testConnection(const Env& env, qint64 botId)
{
    auto bot = load(env, botId);
    if (!bot.ok()) {
        return bot.error();
    }
    if (isLocal(*bot)) {
        return {};
    }
    SshSession session;
    Status status = connect(env, *bot, session);
    if (status.ok()) {
        auto ran = session.run({QStringLiteral("true")}, 15000);
        if (!ran.ok()) {
            status = ran.error();
        }
    }
    bot->lastError = status.ok() ? QString() : status.message();
    if (status.ok()) {
        bot->lastSeen = QDateTime::currentDateTimeUtc();
    }
    (void)save(env, *bot);
    return status;
}

Result<InstallOutcome> install(const Env& env, qint64 botId, const StepProgress& progress)
{
    auto bot = load(env, botId);
    if (!bot.ok()) {
        return bot.error();
    }
    if (isLocal(*bot)) {
        return fail(QObject::tr("The local bot comes with CertDeck: there is nothing to install. Use Re-scan to scan "
                                "this computer."),
                    QStringLiteral("invalid"));
    }
    if (Status role = needsSshBot(*bot, QObject::tr("run a bot")); !role.ok()) {
        return role.error();
    }
    if (Status pinned = needsPinnedKey(*bot); !pinned.ok()) {
        return pinned.error();
    }
    if (progress) {
        progress(5, QObject::tr("Connecting to %1").arg(jobs::sshEndpointOf(*bot).describe()));
    }
    SshSession session;
    Result<InstallOutcome> outcome = InstallOutcome{};
    if (Status connected = connect(env, *bot, session); !connected.ok()) {
        outcome = connected.error();
    } else {
        outcome = runBotInstaller(session, *bot, env.localBotBinary, progress);
    }
    QJsonObject details = botDetails(*bot);
    if (!outcome.ok()) {
        bot->lastError = outcome.message();
        (void)save(env, *bot);
        details.insert(QStringLiteral("error"), outcome.message());
        audit(env, QStringLiteral("bot.install"), QStringLiteral("failed"), details);
        return outcome.error();
    }
    bot->botVersion = outcome->version;
    bot->protocolVersion = outcome->protocolVersion;
    bot->lastSeen = QDateTime::currentDateTimeUtc();
    bot->lastError.clear();
    if (Status saved = save(env, *bot); !saved.ok()) {
        return saved.error();
    }
    details.insert(QStringLiteral("action"), outcome->action);
    details.insert(QStringLiteral("version"), outcome->version);
    details.insert(QStringLiteral("policy"), outcome->policy);
    audit(env, QStringLiteral("bot.install"), QStringLiteral("ok"), details);
    return outcome;
}

Result<Bot> scannable(const Env& env, qint64 botId)
{
    auto bot = load(env, botId);
    if (!bot.ok()) {
        return bot.error();
    }
    if (isLocal(*bot)) {
        return bot;
    }
    if (Status role = needsSshBot(*bot, QObject::tr("scan its host")); !role.ok()) {
        return role.error();
    }
    if (Status pinned = needsPinnedKey(*bot); !pinned.ok()) {
        return pinned.error();
    }
    return bot;
}

Result<discovery::SystemScan> storeScan(const Env& env, qint64 botId, const QJsonObject& answer,
                                        const QJsonObject& botInfo)
{
    auto bot = load(env, botId);
    if (!bot.ok()) {
        return bot.error();
    }
    const QJsonObject json = answer.contains(QStringLiteral("scan")) && answer.value(QStringLiteral("scan")).isObject()
                                 ? answer.value(QStringLiteral("scan")).toObject()
                                 : answer;
    discovery::SystemScan scan = discovery::SystemScan::fromJson(json);
    if (!scan.scannedAt.isValid()) {
        scan.scannedAt = QDateTime::currentDateTimeUtc();
    }
    Result<discovery::ImportSummary> imported = discovery::ImportSummary{};
    const Status stored = env.db.transaction([&]() -> Status {
        bot->scan = scan.toJson();
        bot->scannedAt = scan.scannedAt;
        bot->lastSeen = QDateTime::currentDateTimeUtc();
        bot->lastError.clear();
        if (const int version = botInfo.value(QStringLiteral("version")).toInt(); version > 0) {
            bot->protocolVersion = version;
        }
        if (const QString release = botInfo.value(QStringLiteral("release")).toString(); !release.isEmpty()) {
            bot->botVersion = release;
        }
        if (Status saved = save(env, *bot); !saved.ok()) {
            return saved;
        }
        imported = discovery::InventoryImport(env.db).importSystemScan(*bot, scan);
        return imported.ok() ? Status() : Status(imported.error());
    });
    QJsonObject details = botDetails(*bot);
    if (!stored.ok()) {
        details.insert(QStringLiteral("error"), stored.message());
        audit(env, QStringLiteral("bot.scan"), QStringLiteral("failed"), details);
        return stored.error();
    }
    int running = 0;
    for (const auto& server : scan.servers) {
        running += server.running ? 1 : 0;
    }
    details.insert(QStringLiteral("runningServers"), running);
    details.insert(QStringLiteral("newCertificates"), imported->newCertificates);
    details.insert(QStringLiteral("knownCertificates"), imported->knownCertificates);
    details.insert(QStringLiteral("endpoints"), imported->endpoints);
    details.insert(QStringLiteral("problems"), int(imported->problems.size()));
    audit(env, QStringLiteral("bot.scan"), QStringLiteral("ok"), details);
    scan.warnings.append(imported->problems);
    return scan;
}

void recordFailure(const Env& env, qint64 botId, const QString& action, const Error& error)
{
    auto bot = load(env, botId);
    if (!bot.ok()) {
        return;
    }
    bot->lastError = error.message;
    (void)save(env, *bot);
    QJsonObject details = botDetails(*bot);
    details.insert(QStringLiteral("error"), error.message);
    audit(env, action, QStringLiteral("failed"), details);
}

Status remove(const Env& env, qint64 botId)
{
    auto bot = load(env, botId);
    if (!bot.ok()) {
        return bot.error();
    }
    if (isLocal(*bot)) {
        return fail(QObject::tr("The local bot cannot be removed: CertDeck uses it for this computer."),
                    QStringLiteral("invalid"));
    }
    // Secrets first: when the keychain cannot be reached, the entry stays so that removing it can be retried.
    if (bot->transport == BotTransportKind::Ssh) {
        for (const QString& what : kSecretNames) {
            const Status removed = env.secrets.removeBlocking(botSecretKey(bot->id, what));
            if (!removed.ok() && removed.error().kind != QLatin1String("notFound")) {
                return fail(QObject::tr("\"%1\" was not removed: its login secret could not be removed from the "
                                        "keychain. %2")
                                .arg(bot->name, removed.message()),
                            removed.error().kind);
            }
        }
    }
    const Status removed = env.db.transaction([&]() -> Status {
        if (Status endpoints = store::EndpointRepository(env.db).removeForBot(bot->id); !endpoints.ok()) {
            return endpoints;
        }
        return store::BotRepository(env.db).remove(bot->id);
    });
    if (!removed.ok()) {
        return removed;
    }
    audit(env, QStringLiteral("bot.remove"), QStringLiteral("ok"), botDetails(*bot));
    return {};
}

} // namespace certdeck::bots::steps
