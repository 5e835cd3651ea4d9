#include "engine/jobs/AgentlessTargets.h"

#include "engine/domain/Bot.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/BotRepository.h"

#include <QCoreApplication>

#include <openssl/crypto.h>

namespace certdeck::jobs {

namespace {

const QString kKind = QStringLiteral("agentlessTarget");

QString tr(const char* text)
{
    return QCoreApplication::translate("AgentlessTargets", text);
}

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty()) {
        OPENSSL_cleanse(secret.data(), size_t(secret.size()));
        secret.clear();
    }
}

} // namespace

Result<QJsonObject> loadAgentlessTarget(const store::Database& database, const secrets::SecretStore* secrets,
                                        const QString& name)
{
    auto found = store::BotRepository(database).findByName(name);
    if (!found) {
        return fail(tr("Could not read the agentless server \"%1\": %2").arg(name, found.message()), kKind);
    }
    if (!found->has_value()) {
        // The wizard also accepts the target's host name or address: the one agentless entry on that host.
        auto all = store::BotRepository(database).all();
        if (!all) {
            return fail(tr("Could not read the agentless server \"%1\": %2").arg(name, all.message()), kKind);
        }
        QList<Bot> onHost;
        for (const Bot& candidate : all.value()) {
            if (candidate.role == BotRole::AgentlessTarget && candidate.host.compare(name, Qt::CaseInsensitive) == 0) {
                onHost << candidate;
            }
        }
        if (onHost.size() > 1) {
            return fail(tr("Several agentless servers are on host \"%1\"; enter the name of the one to deploy to. "
                           "Nothing was changed.")
                            .arg(name),
                        kKind);
        }
        if (onHost.isEmpty()) {
            return fail(tr("The agentless server \"%1\" named in the deployment details does not exist. Add it in "
                           "the Bots view, or choose another one. Nothing was changed.")
                            .arg(name),
                        kKind);
        }
        *found = std::optional<Bot>(onHost.first());
    }
    const Bot bot = found->value();
    if (bot.role != BotRole::AgentlessTarget) {
        return fail(tr("\"%1\" is a bot, not an agentless server. Choose an agentless server entry, or deploy with "
                       "that bot (agent-based). Nothing was changed.")
                        .arg(name),
                    kKind);
    }
    if (bot.host.isEmpty() || bot.user.isEmpty()) {
        return fail(tr("The agentless server \"%1\" has no SSH host or user. Complete it in the Bots view. Nothing "
                       "was changed.")
                        .arg(name),
                    kKind);
    }
    if (bot.hostKeyFingerprint.isEmpty()) {
        return fail(tr("The host key of the agentless server \"%1\" (%2) is not pinned. Connect to it once in the "
                       "Bots view and confirm its fingerprint. Nothing was changed.")
                        .arg(name, bot.host),
                    kKind);
    }
    if (bot.auth != SshAuthMethod::Key && bot.auth != SshAuthMethod::Password) {
        return fail(tr("The agentless server \"%1\" has no SSH login method. Choose key or password in the Bots "
                       "view. Nothing was changed.")
                        .arg(name),
                    kKind);
    }
    if (!secrets) {
        return fail(tr("No keychain is available to read the SSH login of \"%1\". %2")
                        .arg(name, secrets::SecretStore::unavailableHelp()),
                    kKind);
    }
    const bool byKey = bot.auth == SshAuthMethod::Key;
    QJsonObject target{{QStringLiteral("host"), bot.host},
                       {QStringLiteral("port"), bot.port > 0 ? bot.port : 22},
                       {QStringLiteral("user"), bot.user},
                       {QStringLiteral("hostKeyFingerprint"), bot.hostKeyFingerprint},
                       {QStringLiteral("auth"), byKey ? QStringLiteral("key") : QStringLiteral("password")},
                       {QStringLiteral("useSudo"), bot.useSudo}};
    auto readSecret = [&](const QString& what, bool required, const QString& field) -> Status {
        auto secret = secrets->readBlocking(botSecretKey(bot.id, what));
        if (!secret || secret->isEmpty()) {
            if (!required && (secret || secret.error().kind == QLatin1String("notFound"))) {
                return {};
            }
            return fail(tr("The SSH %1 of the agentless server \"%2\" is not in the keychain%3. Enter it again in "
                           "the Bots view. Nothing was changed.")
                            .arg(what == QLatin1String("key") ? tr("private key") : what, name,
                                 secret ? QString() : QStringLiteral(" (%1)").arg(secret.message())),
                        kKind);
        }
        target.insert(field, QString::fromUtf8(secret.value()));
        wipe(secret.value());
        return {};
    };
    if (byKey) {
        if (Status read = readSecret(QStringLiteral("key"), true, QStringLiteral("privateKey")); !read) {
            return read.error();
        }
        if (Status read = readSecret(QStringLiteral("passphrase"), false, QStringLiteral("passphrase")); !read) {
            return read.error();
        }
    } else if (Status read = readSecret(QStringLiteral("password"), true, QStringLiteral("password")); !read) {
        return read.error();
    }
    return target;
}

} // namespace certdeck::jobs
