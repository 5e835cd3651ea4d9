#include "engine/jobs/JobRunner.h"

#include <QCoreApplication>
#include <QFile>
#include <QUuid>

#include <unistd.h>

namespace certdeck::jobs {
namespace {

// "<boot id>:<pid namespace>": pids mean the same process only inside one boot of one kernel and one namespace.
QString pidScope()
{
    static const QString scope = []() -> QString {
        QFile bootId(QStringLiteral("/proc/sys/kernel/random/boot_id"));
        if (!bootId.open(QIODevice::ReadOnly)) {
            return QString();
        }
        const QString boot = QString::fromLatin1(bootId.readAll()).trimmed();
        char link[128] = {};
        const ssize_t length = ::readlink("/proc/self/ns/pid", link, sizeof(link) - 1); // "pid:[4026531836]"
        const QString namespaceId = length > 0 ? QString::fromLatin1(link, int(length)) : QString();
        if (boot.isEmpty() || namespaceId.isEmpty()) {
            return QString();
        }
        return boot + QLatin1Char(':') + namespaceId;
    }();
    return scope;
}

} // namespace

JobRunner JobRunner::create(const QString& name, std::chrono::milliseconds lease)
{
    JobRunner runner;
    runner.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    runner.name = name;
    runner.process = thisRunnerProcess();
    runner.lease = lease;
    return runner;
}

QString thisRunnerProcess()
{
    const QString scope = pidScope();
    return scope.isEmpty() ? QString() : scope + QLatin1Char(':') + QString::number(QCoreApplication::applicationPid());
}

qint64 localPidOf(const QString& runnerProcess)
{
    const QString scope = pidScope();
    const int colon = runnerProcess.lastIndexOf(QLatin1Char(':'));
    if (scope.isEmpty() || colon <= 0 || runnerProcess.left(colon) != scope) {
        return 0;
    }
    bool ok = false;
    const qint64 pid = runnerProcess.mid(colon + 1).toLongLong(&ok);
    return ok ? pid : 0;
}

} // namespace certdeck::jobs
