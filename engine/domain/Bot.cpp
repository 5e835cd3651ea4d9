#include "engine/domain/Bot.h"

namespace certdeck {

QString botTransportId(BotTransportKind kind)
{
    return kind == BotTransportKind::Ssh ? QStringLiteral("ssh") : QStringLiteral("local");
}

BotTransportKind botTransportFromId(const QString& id)
{
    return id == QLatin1String("ssh") ? BotTransportKind::Ssh : BotTransportKind::Local;
}

QString sshAuthMethodId(SshAuthMethod method)
{
    switch (method) {
    case SshAuthMethod::Key:
        return QStringLiteral("key");
    case SshAuthMethod::Password:
        return QStringLiteral("password");
    case SshAuthMethod::None:
        break;
    }
    return {};
}

SshAuthMethod sshAuthMethodFromId(const QString& id)
{
    if (id == QLatin1String("key")) {
        return SshAuthMethod::Key;
    }
    if (id == QLatin1String("password")) {
        return SshAuthMethod::Password;
    }
    return SshAuthMethod::None;
}

QString botRoleId(BotRole role)
{
    return role == BotRole::AgentlessTarget ? QStringLiteral("agentless") : QStringLiteral("bot");
}

BotRole botRoleFromId(const QString& id)
{
    return id == QLatin1String("agentless") ? BotRole::AgentlessTarget : BotRole::Bot;
}

QString botSecretKey(qint64 botId, const QString& what)
{
    return QStringLiteral("ssh/%1/%2").arg(botId).arg(what);
}

} // namespace certdeck
