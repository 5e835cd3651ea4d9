#include "app/certdeck-bot/AgentlessTarget.h"

#include "deployers/common/SshTargetHost.h"
#include "engine/bots/SshSession.h"

#include <openssl/crypto.h>

namespace certdeck::bot {
namespace {

constexpr int kConnectTimeoutMs = 20000;

const QString kAgentless = QStringLiteral("agentless");

QJsonObject agentlessOf(const QJsonObject& params)
{
    return params.value(kAgentless).toObject();
}

bots::SshEndpoint endpointOf(const QJsonObject& agentless)
{
    bots::SshEndpoint endpoint;
    endpoint.host = agentless.value(QStringLiteral("host")).toString().trimmed();
    endpoint.port = agentless.value(QStringLiteral("port")).toInt(22);
    endpoint.user = agentless.value(QStringLiteral("user")).toString();
    return endpoint;
}

QByteArray secretOf(const QJsonObject& agentless, const QString& name)
{
    return agentless.value(name).toString().toUtf8();
}

} // namespace

bool AgentlessTarget::isRequested(const QJsonObject& params)
{
    const QJsonValue value = params.value(kAgentless);
    return !value.isUndefined() && !value.isNull();
}

QString AgentlessTarget::describe(const QJsonObject& params)
{
    return endpointOf(agentlessOf(params)).describe();
}

Status AgentlessTarget::validate(const QJsonObject& params)
{
    const QJsonValue value = params.value(kAgentless);
    if (!value.isObject()) {
        return fail(
            QStringLiteral("\"agentless\" must be an object with host, port, user, hostKeyFingerprint and auth"),
            QStringLiteral("invalidParams"));
    }
    const QJsonObject agentless = value.toObject();
    const bots::SshEndpoint endpoint = endpointOf(agentless);
    if (endpoint.host.isEmpty() || endpoint.user.isEmpty()) {
        return fail(QStringLiteral("the agentless target needs a host and a user; nothing was changed"),
                    QStringLiteral("invalidParams"));
    }
    if (endpoint.port < 1 || endpoint.port > 65535) {
        return fail(QStringLiteral("the agentless target's SSH port %1 is not a port number").arg(endpoint.port),
                    QStringLiteral("invalidParams"));
    }
    if (agentless.value(QStringLiteral("hostKeyFingerprint")).toString().trimmed().isEmpty()) {
        return fail(QStringLiteral("the host key of the agentless target %1 is not pinned; confirm its fingerprint "
                                   "in the Bots view first. Nothing was changed.")
                        .arg(endpoint.describe()),
                    QStringLiteral("invalidParams"));
    }
    const QString auth = agentless.value(QStringLiteral("auth")).toString();
    if (auth != QLatin1String("key") && auth != QLatin1String("password")) {
        return fail(QStringLiteral("the agentless target's \"auth\" must be \"key\" or \"password\""),
                    QStringLiteral("invalidParams"));
    }
    const QString secret = auth == QLatin1String("key") ? QStringLiteral("privateKey") : QStringLiteral("password");
    if (agentless.value(secret).toString().isEmpty()) {
        return fail(QStringLiteral("the agentless target %1 has no %2 in the request; store it in the keychain "
                                   "(Bots view). Nothing was changed.")
                        .arg(endpoint.describe(),
                             auth == QLatin1String("key") ? QStringLiteral("private key") : QStringLiteral("password")),
                    QStringLiteral("invalidParams"));
    }
    return {};
}

Result<std::shared_ptr<deploy::TargetHost>> AgentlessTarget::connect(const QJsonObject& params)
{
    if (Status valid = validate(params); !valid) {
        return valid.error();
    }
    const QJsonObject agentless = agentlessOf(params);
    const bots::SshEndpoint endpoint = endpointOf(agentless);
    bots::SshCredentials credentials;
    if (agentless.value(QStringLiteral("auth")).toString() == QLatin1String("key")) {
        credentials.method = bots::SshCredentials::Method::Key;
        credentials.privateKey = secretOf(agentless, QStringLiteral("privateKey"));
        credentials.passphrase = secretOf(agentless, QStringLiteral("passphrase"));
    } else {
        credentials.method = bots::SshCredentials::Method::Password;
        credentials.password = secretOf(agentless, QStringLiteral("password"));
    }
    auto session = std::make_unique<bots::SshSession>();
    const Status connected =
        session->connect(endpoint, agentless.value(QStringLiteral("hostKeyFingerprint")).toString().trimmed(),
                         credentials, kConnectTimeoutMs);
    credentials.wipe();
    if (!connected) {
        return fail(QStringLiteral("could not connect to the agentless target %1: %2. Nothing was changed.")
                        .arg(endpoint.describe(), connected.message()),
                    connected.error().kind);
    }
    std::shared_ptr<deploy::TargetHost> host = std::make_shared<deployers::SshTargetHost>(
        std::move(session), agentless.value(QStringLiteral("useSudo")).toBool(false),
        agentless.value(QStringLiteral("stateDirectory")).toString());
    return host;
}

} // namespace certdeck::bot
