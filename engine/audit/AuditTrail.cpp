#include "engine/audit/AuditTrail.h"

#include "engine/core/Log.h"
#include "engine/store/AuditRepository.h"

#include <QDateTime>

#include <pwd.h>
#include <unistd.h>

namespace certdeck::audit {

AuditTrail::AuditTrail(const store::Database& db, QString actor)
    : m_db(db)
    , m_actor(std::move(actor))
{
}

Status AuditTrail::record(const QString& action, qint64 certificateId, const QString& outcome,
                          const QJsonObject& details) const
{
    AuditEvent event;
    event.at = QDateTime::currentDateTimeUtc();
    event.actor = m_actor;
    event.certificateId = certificateId;
    event.action = action;
    event.outcome = outcome;
    event.details = details;
    auto id = store::AuditRepository(m_db).append(event);
    if (!id) {
        log::get("engine.audit")
            ->error("Could not record {} ({}) of certificate #{} by {}: {}", action.toStdString(),
                    outcome.toStdString(), certificateId, m_actor.toStdString(), id.message().toStdString());
        return id.error();
    }
    log::get("engine.audit")
        ->info("{} {} certificate #{}: {}", m_actor.toStdString(), action.toStdString(), certificateId,
               outcome.toStdString());
    return {};
}

QString AuditTrail::currentUserActor(const QString& prefix)
{
    QString login = qEnvironmentVariable("USER");
    if (login.isEmpty()) {
        if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_name) {
            login = QString::fromLocal8Bit(entry->pw_name);
        }
    }
    if (login.isEmpty()) {
        login = QStringLiteral("uid-%1").arg(::geteuid());
    }
    return prefix + QLatin1Char(':') + login;
}

} // namespace certdeck::audit
