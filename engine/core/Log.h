#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace certdeck::log {

// One named logger per module ("engine.store", "connectors.localca", "bot", ...).
// Loggers share the sinks configured by init(); before init() they write to stderr.
std::shared_ptr<spdlog::logger> get(const std::string& module);

struct Options
{
    std::string filePath; // empty: no log file
    bool toStderr = true;
    spdlog::level::level_enum level = spdlog::level::info;
};

// Configures the shared sinks and forwards Qt messages (qDebug, qWarning...) into the "qt" logger.
void init(const Options& options);

} // namespace certdeck::log
