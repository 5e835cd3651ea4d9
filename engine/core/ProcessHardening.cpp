#include "engine/core/ProcessHardening.h"

#include <QString>

#include <cerrno>
#include <cstring>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace certdeck::core {

Status hardenProcess()
{
    const rlimit noCore{0, 0};
    if (::setrlimit(RLIMIT_CORE, &noCore) != 0) {
        return fail(QStringLiteral("Could not turn off core dumps (setrlimit RLIMIT_CORE): %1")
                        .arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        return fail(QStringLiteral("Could not mark the process as not dumpable (prctl PR_SET_DUMPABLE): %1")
                        .arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    return {};
}

} // namespace certdeck::core
