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
// It is the operator's LOCAL configuration, never the inventory's: a JSON file of the operator on the machine that
// runs the console or the scheduler (defaultHookConfigPath(), written by `certdeckctl hook set`), mode 0600. A file
// that another user owns or may write (or that sits in a folder others may write) is refused, so neither a shared
// inventory nor another account can make this machine run a program. Non-secret by design: never put a password
// in the arguments.
struct HookConfig
{
    QString program; // absolute path; empty: no hook
    QStringList arguments;
    int timeoutSecs = 30;

    bool isSet() const { return !program.isEmpty(); }
};

// <AppConfigLocation>/event-hook.json, e.g. ~/.config/CertDeck/certdeck/event-hook.json.
QString defaultHookConfigPath();

// A missing file is "no hook". Refused (with the reason and what to do): not a regular file, a symbolic link, owned
// by another user, writable by group or others, or in a folder that others may write.
Result<HookConfig> loadHookConfig(const QString& path);
// Writes the file atomically, mode 0600 (its folder is created 0700). The program must be an absolute path.
Status saveHookConfig(const QString& path, const HookConfig& config);
Status clearHookConfig(const QString& path);

// Older versions kept the hook in the inventory's settings table ("eventHook.program"). Such a row is ignored
// (anyone who can write the database could set it): this says which program it names, empty when there is none.
Result<QString> inventoryHookProgram(const store::Database& db);

// Runs the hook once (QProcess program + argument list, never a shell): writes `stdinData`, closes stdin. The hook
// runs in a process group (and session) of its own; after the timeout that whole group is killed (SIGKILL), the
// hook and everything it started. `done` gets an empty message on exit code 0, otherwise why it failed.
// Asynchronous on the calling thread's event loop; the run object deletes itself.
class HookRun : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const QString& failure)>;
    static HookRun* start(const HookConfig& config, const QByteArray& stdinData, Done done, QObject* parent = nullptr);
    ~HookRun() override;

private:
    HookRun(const HookConfig& config, Done done, QObject* parent);
    void finish(const QString& failure);
    void killGroup();

    HookConfig m_config;
    Done m_done;
    QProcess* m_process = nullptr;
    qint64 m_groupId = 0;
    bool m_timedOut = false;
    bool m_finished = false;
};

// Blocking variant (certdeckctl, tests): runs a local event loop until the hook ends. Empty string: success.
QString runHookAndWait(const HookConfig& config, const QByteArray& stdinData);

} // namespace certdeck::notify
