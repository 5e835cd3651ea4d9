#include "engine/core/FailPoint.h"

#include "engine/core/Log.h"

#include <spdlog/spdlog.h>

#include <QByteArray>
#include <QList>

#include <csignal>
#include <cstdlib>

namespace certdeck {
namespace {

const QList<QByteArray>& armedPoints()
{
    static const QList<QByteArray> points = [] {
        QList<QByteArray> names;
        if (const char* value = std::getenv("CERTDECK_FAILPOINT")) {
            for (const QByteArray& name : QByteArray(value).split(',')) {
                if (!name.trimmed().isEmpty()) {
                    names.append(name.trimmed());
                }
            }
        }
        return names;
    }();
    return points;
}

} // namespace

void failPoint(const char* name)
{
    const QList<QByteArray>& armed = armedPoints();
    if (armed.isEmpty() || !armed.contains(QByteArray(name))) {
        return;
    }
    log::get("engine.core")->warn("fail point {} reached: killing this process (CERTDECK_FAILPOINT)", name);
    spdlog::shutdown();
    std::raise(SIGKILL);
}

} // namespace certdeck
