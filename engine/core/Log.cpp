#include "engine/core/Log.h"

#include <QString>
#include <QtGlobal>

#include <cstring>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <vector>

namespace certdeck::log {
namespace {

std::mutex g_mutex;
std::vector<spdlog::sink_ptr> g_sinks;
spdlog::level::level_enum g_level = spdlog::level::info;

std::vector<spdlog::sink_ptr>& sinks()
{
    if (g_sinks.empty()) {
        g_sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    }
    return g_sinks;
}

void forwardQtMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    auto logger =
        get(context.category && *context.category && std::strcmp(context.category, "default") != 0 ? context.category
                                                                                                   : "qt");
    const auto text = message.toStdString();
    switch (type) {
    case QtDebugMsg:
        logger->debug(text);
        break;
    case QtInfoMsg:
        logger->info(text);
        break;
    case QtWarningMsg:
        logger->warn(text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        logger->error(text);
        break;
    }
}

} // namespace

std::shared_ptr<spdlog::logger> get(const std::string& module)
{
    std::lock_guard lock(g_mutex);
    if (auto existing = spdlog::get(module)) {
        return existing;
    }
    auto& s = sinks();
    auto logger = std::make_shared<spdlog::logger>(module, s.begin(), s.end());
    logger->set_level(g_level);
    spdlog::register_logger(logger);
    return logger;
}

void init(const Options& options)
{
    {
        std::lock_guard lock(g_mutex);
        g_sinks.clear();
        if (options.toStderr) {
            g_sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        }
        if (!options.filePath.empty()) {
            g_sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.filePath));
        }
        g_level = options.level;
        spdlog::drop_all();
    }
    qInstallMessageHandler(forwardQtMessage);
}

} // namespace certdeck::log
