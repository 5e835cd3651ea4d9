#pragma once

#include "app/certdeck-bot/MethodHandlers.h"

#include <QJsonObject>

namespace certdeck::bot {

// The bot method "scan": the installation scan of this host (params {} -> discovery::SystemScan::toJson()).
// Blocking: runs on a worker thread. Never executes anything a server configuration names.
class ScanHandler
{
public:
    static HandlerOutcome scan(const QJsonObject& params);
    // `certdeck-bot scan`: scans, prints the result as indented JSON on stdout; returns the exit code.
    static int printScan();
};

} // namespace certdeck::bot
