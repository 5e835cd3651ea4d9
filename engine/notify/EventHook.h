#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QProcess;

namespace certdeck::store {
class Database;
}

namespace certdeck::notify {

// The event hook: a program run for every new notification with the event as one JSON object on stdin.
// Stored in the inventory's settings ("eventHook.program", "eventHook.arguments" as a JSON array,
// "eventHook.timeoutSecs"). Non-secret by design: never put a password in the arguments.
struct HookConfig
{
    QString program; // empty: no hook
    QStringList arguments;
    int timeoutSecs = 30;

    bool isSet() const { return !program.isEmpty(); }
};

Result<HookConfig> loadHookConfig(const store::Database& db);
Status saveHookConfig(const store::Database& db, const HookConfig& config);
Status clearHookConfig(const store::Database& db);

// Runs the hook once (QProcess program + argument list, never a shell): writes `stdinData`, closes stdin, kills
// it after the timeout. `done` gets an empty message on exit code 0, otherwise why it failed. Asynchronous on
// the calling thread's event loop; the run object deletes itself.
class HookRun : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const QString& failure)>;
    static HookRun* start(const HookConfig& config, const QByteArray& stdinData, Done done, QObject* parent = nullptr);

private:
    HookRun(const HookConfig& config, Done done, QObject* parent);
    void finish(const QString& failure);

    HookConfig m_config;
    Done m_done;
    QProcess* m_process = nullptr;
    bool m_timedOut = false;
    bool m_finished = false;
};

// Blocking variant (certdeckctl, tests): runs a local event loop until the hook ends. Empty string: success.
QString runHookAndWait(const HookConfig& config, const QByteArray& stdinData);

} // namespace certdeck::notify
