#pragma once

#include "engine/core/Result.h"
#include "engine/notify/EventHook.h"
#include "engine/store/NotificationRepository.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <deque>
#include <functional>
#include <memory>

namespace certdeck::store {
class Database;
}
namespace certdeck::jobs {
class LifecycleService;
}
namespace certdeck {
struct Job;
}

namespace certdeck::notify {

// What happened: kind "job.failed", "renewal.unattended", "drift.found" (or "hook.test").
struct Event
{
    QString kind;
    qint64 certificateId = 0;
    QString title;
    QString message;
    QJsonObject details; // never a secret
};

// "renewal.unattended": automatic renewal is off and the certificate expires within its warning period.
Event renewalUnattendedEvent(qint64 certificateId, const QString& commonName, int daysLeft);

// The JSON object the event hook reads on stdin.
QJsonObject eventJson(const Notification& notification);

// Stores notifications (deduplicated: an unseen one of the same kind for the same certificate is not added twice),
// tells the console (notified) and runs the operator's local event hook (EventHook.h) for each new one. A hook
// stored in the inventory (older versions) is never run: it is reported once as "hook.ignored". At most
// maxParallelHooks hooks run at once; up to maxQueuedHooks more wait, further ones are dropped (logged, counted).
// A hook that fails or times out is logged and recorded in the audit trail as "hook.failed"; it is never retried.
class Notifier : public QObject
{
    Q_OBJECT

public:
    Notifier(std::shared_ptr<store::Database> db, QString actor, QObject* parent = nullptr);
    ~Notifier() override;

    // Thread-safe: stores at once; the hook and the signal run on this object's thread. Returns the stored (or
    // the already unseen, deduplicated) notification; `added` tells which.
    Result<Notification> notify(const Event& event, bool* added = nullptr);
    // The same without waiting: stored on the notifier's own worker thread (the GUI thread never waits for the
    // inventory). Call from this object's thread.
    void post(const Event& event);

    // Jobs that end Failed or RolledBack become "job.failed" notifications with the job's message.
    void attach(jobs::LifecycleService* lifecycle);

    struct HookLimits
    {
        int maxParallelHooks = 4;
        int maxQueuedHooks = 64;
    };
    void setHookLimits(HookLimits limits) { m_limits = limits; }
    // The operator's hook file (default: defaultHookConfigPath()).
    void setHookConfigPath(const QString& path) { m_hookConfigPath = path; }
    QString hookConfigPath() const { return m_hookConfigPath; }
    // Hook runs dropped because the queue was full, since this notifier was made.
    int droppedHooks() const { return m_droppedHooks; }

    // Runs the configured hook once with a test event and waits (certdeckctl hook test). Empty: success.
    QString testHookAndWait();

    // Hooks running now plus posted notifications not stored yet (certdeckctl waits for both before it exits).
    int runningHooks() const { return m_runningHooks + static_cast<int>(m_queuedHooks.size()) + m_pending; }

Q_SIGNALS:
    void notified(const certdeck::Notification& notification); // only new ones
    void hookFinished(qint64 notificationId, const QString& failure);

private:
    void onJobChanged(const Job& job);
    static Event jobFailedEvent(const store::Database& db, const Job& job);
    // Builds the event (it may read the inventory) and stores it on the worker thread.
    void storeLater(std::function<Event(const store::Database&)> makeEvent);
    void runHook(const Notification& notification);
    void startHook(const HookConfig& config, const Notification& notification);
    void startQueuedHooks();
    void reportInventoryHookOnce();
    void recordHookFailure(const Notification& notification, const QString& program, const QString& failure);

    std::shared_ptr<store::Database> m_db;
    QString m_actor;
    QString m_hookConfigPath;
    HookLimits m_limits;
    struct QueuedHook
    {
        HookConfig config;
        Notification notification;
    };
    std::deque<QueuedHook> m_queuedHooks;
    int m_droppedHooks = 0;
    bool m_inventoryHookChecked = false;
    int m_runningHooks = 0;
    int m_pending = 0;  // posted, not stored yet (this object's thread only)
    QThreadPool m_pool; // one thread: inventory work off the caller's thread, in order
};

} // namespace certdeck::notify
