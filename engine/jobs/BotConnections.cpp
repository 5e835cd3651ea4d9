#include "engine/jobs/BotConnections.h"

#include "engine/bots/BotClient.h"
#include "engine/bots/InstallPath.h"
#include "engine/bots/LocalProcessTransport.h"
#include "engine/bots/SshSession.h"
#include "engine/bots/SshTransport.h"
#include "engine/core/Log.h"
#include "engine/secrets/SecretStore.h"

namespace certdeck::jobs {

BotConnections::BotConnections(QString localBotBinary, QStringList localBotArguments, QObject* parent)
    : QObject(parent)
    , m_localBotBinary(std::move(localBotBinary))
    , m_localBotArguments(std::move(localBotArguments))
{
}

BotConnections::~BotConnections()
{
    for (auto& [id, entry] : m_entries) {
        if (entry.client) {
            entry.client->disconnectFromBot();
        }
    }
}

void BotConnections::setSecretStore(const secrets::SecretStore* secrets)
{
    m_secrets = secrets;
}

void BotConnections::forget(qint64 botId)
{
    auto it = m_entries.find(botId);
    if (it == m_entries.end()) {
        return;
    }
    Entry entry = std::move(it->second);
    m_entries.erase(it);
    for (const auto& waiting : entry.waiting) {
        waiting(fail(tr("The connection to the bot was closed because its entry changed; try again."),
                     QStringLiteral("botUnreachable")));
    }
    if (entry.client) {
        entry.client->disconnect(this);
        entry.client->disconnectFromBot();
        entry.client->deleteLater();
    }
}

std::unique_ptr<bots::BotTransport> BotConnections::makeTransport(const Bot& bot, Status* refused) const
{
    if (bot.transport == BotTransportKind::Local) {
        return std::make_unique<bots::LocalProcessTransport>(m_localBotBinary, m_localBotArguments);
    }
    if (bot.role == BotRole::AgentlessTarget) {
        *refused = fail(tr("\"%1\" is an agentless target: no certdeck-bot runs there. Choose a bot that reaches it "
                           "over SSH instead.")
                            .arg(bot.name),
                        QStringLiteral("notABot"));
        return nullptr;
    }
    if (bot.hostKeyFingerprint.isEmpty()) {
        *refused = fail(tr("The SSH host key of bot \"%1\" (%2) is not confirmed yet. Fetch the host key, check its "
                           "fingerprint and trust it before CertDeck connects.")
                            .arg(bot.name, sshEndpointOf(bot).describe()),
                        QStringLiteral("hostKeyUnconfirmed"));
        return nullptr;
    }
    if (!m_secrets) {
        *refused =
            fail(tr("Bot \"%1\" is reached over SSH, but no keychain is set up for its login secrets.").arg(bot.name),
                 QStringLiteral("unavailable"));
        return nullptr;
    }
    // The inventory may have been edited behind CertDeck's back: never run a program it names that is not certdeck-bot.
    if (Status path = bots::install_path::check(sshBotCommand(bot).constFirst()); !path.ok()) {
        *refused = fail(tr("Bot \"%1\" was not started: %2").arg(bot.name, path.message()), path.error().kind);
        return nullptr;
    }
    const secrets::SecretStore secrets = *m_secrets;
    auto credentials = [secrets, bot]() { return readSshCredentials(secrets, bot); };
    return std::make_unique<bots::SshTransport>(sshEndpointOf(bot), bot.hostKeyFingerprint, std::move(credentials),
                                                sshBotCommand(bot), bot.useSudo);
}

void BotConnections::withClient(const Bot& bot, Ready done)
{
    auto& entry = m_entries[bot.id];
    if (entry.client && entry.ready) {
        done(entry.client);
        return;
    }
    entry.waiting.append(std::move(done));
    if (entry.client) {
        return; // connecting
    }
    Status refused;
    auto transport = makeTransport(bot, &refused);
    if (!transport) {
        const auto waiting = std::exchange(entry.waiting, {});
        m_entries.erase(bot.id);
        for (const auto& each : waiting) {
            each(refused.error());
        }
        return;
    }
    entry.client = new bots::BotClient(std::move(transport), this);
    const qint64 botId = bot.id;
    connect(entry.client, &bots::BotClient::disconnected, this, [this, botId](const QString& reason) {
        auto it = m_entries.find(botId);
        if (it == m_entries.end()) {
            return;
        }
        log::get("engine.jobs")->warn("bot {} disconnected: {}", botId, reason.toStdString());
        auto& entry = it->second;
        if (entry.client) {
            entry.client->deleteLater();
            entry.client = nullptr;
        }
        entry.ready = false;
        for (const auto& waiting : std::exchange(entry.waiting, {})) {
            waiting(fail(reason, QStringLiteral("botUnreachable")));
        }
    });
    entry.client->connectToBot(this, [this, botId, client = entry.client](Status status) {
        const auto it = m_entries.find(botId);
        if (it == m_entries.end() || it->second.client != client) {
            return; // forgotten meanwhile: a newer connection owns the entry
        }
        finishConnecting(botId, status);
    });
}

void BotConnections::finishConnecting(qint64 botId, const Status& status)
{
    auto it = m_entries.find(botId);
    if (it == m_entries.end()) {
        return;
    }
    auto& entry = it->second;
    const auto waiting = std::exchange(entry.waiting, {});
    if (!status.ok()) {
        if (entry.client) {
            entry.client->deleteLater();
            entry.client = nullptr;
        }
        for (const auto& done : waiting) {
            done(status.error());
        }
        return;
    }
    entry.ready = true;
    for (const auto& done : waiting) {
        done(entry.client);
    }
}

bots::SshEndpoint sshEndpointOf(const Bot& bot)
{
    bots::SshEndpoint endpoint;
    endpoint.host = bot.host;
    endpoint.port = bot.port > 0 ? bot.port : 22;
    endpoint.user = bot.user;
    return endpoint;
}

Result<bots::SshCredentials> readSshCredentials(const secrets::SecretStore& secrets, const Bot& bot)
{
    bots::SshCredentials credentials;
    const auto read = [&](const QString& what, bool optional, QByteArray* into) -> Status {
        auto secret = secrets.readBlocking(botSecretKey(bot.id, what));
        if (!secret.ok()) {
            if (optional && secret.error().kind == QLatin1String("notFound")) {
                return {};
            }
            if (secret.error().kind == QLatin1String("notFound")) {
                return fail(QObject::tr("The keychain holds no SSH %1 for \"%2\" (%3). Remove the entry and add it "
                                        "again with its credentials.")
                                .arg(what, bot.name, sshEndpointOf(bot).describe()),
                            QStringLiteral("authentication"));
            }
            return secret.error();
        }
        *into = std::move(secret.value());
        return {};
    };
    Status status;
    switch (bot.auth) {
    case SshAuthMethod::Key:
        credentials.method = bots::SshCredentials::Method::Key;
        status = read(QStringLiteral("key"), false, &credentials.privateKey);
        if (status.ok()) {
            status = read(QStringLiteral("passphrase"), true, &credentials.passphrase);
        }
        break;
    case SshAuthMethod::Password:
        credentials.method = bots::SshCredentials::Method::Password;
        status = read(QStringLiteral("password"), false, &credentials.password);
        break;
    case SshAuthMethod::None:
        status = fail(QObject::tr("\"%1\" has no SSH login method (key or password). Remove the entry and add it "
                                  "again.")
                          .arg(bot.name),
                      QStringLiteral("authentication"));
        break;
    }
    if (!status.ok()) {
        credentials.wipe();
        return status.error();
    }
    return credentials;
}

QStringList sshBotCommand(const Bot& bot)
{
    const QString path = bot.installPath.isEmpty() ? QLatin1String(bots::install_path::kDefault) : bot.installPath;
    return {path, QStringLiteral("serve")}; // SshTransport resolves "~/" to the login directory
}

} // namespace certdeck::jobs
