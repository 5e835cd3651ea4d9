#pragma once

#include <QJsonObject>
#include <QStringList>

namespace certdeck::ui {

// The lines that show a bot's policy (deploy::BotPolicy::toJson(), as its last scan reported it) read-only in the
// Bots view: it is changed only on the bot's host, never from the console.
QStringList botPolicyLines(const QJsonObject& policy);

} // namespace certdeck::ui
