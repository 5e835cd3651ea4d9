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

} // namespace certdeck
