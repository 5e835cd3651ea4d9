#include "engine/notify/Notifier.h"

#include "engine/audit/AuditTrail.h"
#include "engine/core/Log.h"
#include "engine/domain/Job.h"
#include "engine/jobs/LifecycleService.h"
#include "engine/notify/EventHook.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace certdeck::notify {

Event renewalUnattendedEvent(qint64 certificateId, const QString& commonName, int daysLeft)
{
    Event event;
    event.kind = QStringLiteral("renewal.unattended");
    event.certificateId = certificateId;
    event.title = QCoreApplication::translate("Notifier", "%1 needs renewal").arg(commonName);
    event.message = QCoreApplication::translate("Notifier", "%1 expires in %2 day(s) and automatic renewal is off.")
                        .arg(commonName)
                        .arg(daysLeft);
    event.details = QJsonObject{{QStringLiteral("commonName"), commonName}, {QStringLiteral("daysLeft"), daysLeft}};
    return event;
}

QJsonObject eventJson(const Notification& notification)
{
    QJsonObject object{
        {QStringLiteral("kind"), notification.kind},
        {QStringLiteral("title"), notification.title},
        {QStringLiteral("message"), notification.message},
        {QStringLiteral("details"), notification.details},
        {QStringLiteral("notificationId"), notification.id},
        {QStringLiteral("at"), notification.at.toUTC().toString(Qt::ISODateWithMs)},
    };
    object.insert(QStringLiteral("certificateId"), notification.certificateId != 0
                                                       ? QJsonValue(notification.certificateId)
                                                       : QJsonValue(QJsonValue::Null));
    return object;
}

Notifier::Notifier(std::shared_ptr<store::Database> db, QString actor, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_actor(std::move(actor))
    , m_hookConfigPath(defaultHookConfigPath())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

Notifier::~Notifier()
{
    m_pool.waitForDone();
}

void Notifier::post(const Event& event)
{
    storeLater([event](const store::Database&) { return event; });
}

void Notifier::storeLater(std::function<Event(const store::Database&)> makeEvent)
{
    ++m_pending;
    m_pool.start([this, makeEvent = std::move(makeEvent)] {
        (void)notify(makeEvent(*m_db)); // queues the signal and the hook on this object's thread first
        QMetaObject::invokeMethod(this, [this] { --m_pending; });
    });
}

Result<Notification> Notifier::notify(const Event& event, bool* added)
{
    Notification notification;
    notification.kind = event.kind;
    notification.certificateId = event.certificateId;
    notification.title = event.title;
    notification.message = event.message;
    notification.details = event.details;
    notification.at = QDateTime::currentDateTimeUtc();
    auto stored = store::NotificationRepository(*m_db).add(notification);
    if (!stored) {
        log::get("engine.notify")
            ->warn("could not store a {} notification: {}", event.kind.toStdString(), stored.message().toStdString());
        return stored.error();
    }
    if (added) {
        *added = *stored;
    }
    if (*stored) {
        QMetaObject::invokeMethod(this, [this, notification]() {
            Q_EMIT notified(notification);
            runHook(notification);
        });
    }
    return notification;
}

void Notifier::attach(jobs::LifecycleService* lifecycle)
{
    connect(lifecycle, &jobs::LifecycleService::jobChanged, this, &Notifier::onJobChanged);
}

void Notifier::onJobChanged(const Job& job)
{
    if (job.state != JobState::Failed && job.state != JobState::RolledBack) {
        return;
    }
    storeLater([job](const store::Database& db) { return jobFailedEvent(db, job); });
}

Event Notifier::jobFailedEvent(const store::Database& db, const Job& job)
{
    QString name = QStringLiteral("certificate #%1").arg(job.certificateId);
    if (auto record = store::CertificateRepository(db).find(job.certificateId); record && record->has_value()) {
        name = (*record)->commonName;
    }
    Event event;
    event.kind = QStringLiteral("job.failed");
    event.certificateId = job.certificateId;
    event.title =
        job.state == JobState::RolledBack
            ? QCoreApplication::translate("Notifier", "%1 of %2 was rolled back").arg(jobActionId(job.action), name)
            : QCoreApplication::translate("Notifier", "%1 of %2 failed").arg(jobActionId(job.action), name);
    event.message = job.message;
    event.details = QJsonObject{
        {QStringLiteral("jobId"), job.id},
        {QStringLiteral("action"), jobActionId(job.action)},
        {QStringLiteral("state"), jobStateId(job.state)},
        {QStringLiteral("step"), job.step},
        {QStringLiteral("startedBy"), job.startedBy},
    };
    return event;
}

void Notifier::runHook(const Notification& notification)
{
    reportInventoryHookOnce();
    auto config = loadHookConfig(m_hookConfigPath);
    if (!config) {
        recordHookFailure(notification, QString(), config.message());
        return;
    }
    if (!config->isSet()) {
        return;
    }
    if (m_runningHooks < qMax(1, m_limits.maxParallelHooks)) {
        startHook(*config, notification);
        return;
    }
    if (static_cast<int>(m_queuedHooks.size()) < qMax(0, m_limits.maxQueuedHooks)) {
        m_queuedHooks.push_back({*config, notification});
        return;
    }
    ++m_droppedHooks;
    log::get("engine.notify")
        ->warn("event hook not run for notification {} ({}): {} hooks are running and {} wait already; {} dropped "
               "so far",
               notification.id, notification.kind.toStdString(), m_runningHooks, m_queuedHooks.size(), m_droppedHooks);
}

void Notifier::startHook(const HookConfig& config, const Notification& notification)
{
    const QByteArray data = QJsonDocument(eventJson(notification)).toJson(QJsonDocument::Compact) + '\n';
    ++m_runningHooks;
    const QString program = config.program;
    HookRun::start(
        config, data,
        [this, notification, program](const QString& failure) {
            --m_runningHooks;
            if (!failure.isEmpty()) {
                recordHookFailure(notification, program, failure);
            }
            Q_EMIT hookFinished(notification.id, failure);
            startQueuedHooks();
        },
        this);
}

void Notifier::startQueuedHooks()
{
    while (!m_queuedHooks.empty() && m_runningHooks < qMax(1, m_limits.maxParallelHooks)) {
        QueuedHook next = std::move(m_queuedHooks.front());
        m_queuedHooks.pop_front();
        startHook(next.config, next.notification);
    }
}

// A hook row in the shared inventory is never run; say so once, with how to set a local hook.
void Notifier::reportInventoryHookOnce()
{
    if (m_inventoryHookChecked) {
        return;
    }
    m_inventoryHookChecked = true;
    const Result<QString> stored = inventoryHookProgram(*m_db);
    if (!stored || stored->isEmpty()) {
        return;
    }
    log::get("engine.notify")
        ->warn("The inventory holds an event hook ({}); it is ignored, because whoever can write the inventory could "
               "make this machine run programs. Set a local hook instead: certdeckctl hook set /path/to/program",
               stored->toStdString());
    const Status recorded =
        audit::AuditTrail(*m_db, m_actor)
            .record(QStringLiteral("hook.ignored"), 0, QStringLiteral("ignored"),
                    QJsonObject{{QStringLiteral("program"), *stored},
                                {QStringLiteral("reason"),
                                 QStringLiteral("event hooks stored in the inventory are not run; set a local hook "
                                                "with certdeckctl hook set")}});
    if (!recorded) {
        log::get("engine.notify")->warn("could not audit the ignored hook: {}", recorded.message().toStdString());
    }
}

void Notifier::recordHookFailure(const Notification& notification, const QString& program, const QString& failure)
{
    log::get("engine.notify")
        ->warn("event hook failed for notification {} ({}): {}", notification.id, notification.kind.toStdString(),
               failure.toStdString());
    const Status recorded =
        audit::AuditTrail(*m_db, m_actor)
            .record(QStringLiteral("hook.failed"), notification.certificateId, QStringLiteral("failed"),
                    QJsonObject{{QStringLiteral("program"), program},
                                {QStringLiteral("kind"), notification.kind},
                                {QStringLiteral("notificationId"), notification.id},
                                {QStringLiteral("reason"), failure}});
    if (!recorded) {
        log::get("engine.notify")->warn("could not audit the hook failure: {}", recorded.message().toStdString());
    }
}

QString Notifier::testHookAndWait()
{
    reportInventoryHookOnce();
    auto config = loadHookConfig(m_hookConfigPath);
    if (!config) {
        return config.message();
    }
    if (!config->isSet()) {
        return QStringLiteral("No event hook is set. Set one with: certdeckctl hook set <program> [args...]");
    }
    Notification test;
    test.kind = QStringLiteral("hook.test");
    test.title = QStringLiteral("CertDeck event hook test");
    test.message = QStringLiteral("This is a test event sent by certdeckctl hook test.");
    test.at = QDateTime::currentDateTimeUtc();
    const QString failure =
        runHookAndWait(*config, QJsonDocument(eventJson(test)).toJson(QJsonDocument::Compact) + '\n');
    if (!failure.isEmpty()) {
        recordHookFailure(test, config->program, failure);
    }
    return failure;
}

} // namespace certdeck::notify
