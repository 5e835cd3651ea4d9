#include "engine/store/NotificationRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

namespace certdeck::store {

NotificationRepository::NotificationRepository(const Database& db)
    : m_db(db)
{
}

Result<bool> NotificationRepository::add(Notification& notification) const
{
    if (!notification.at.isValid()) {
        notification.at = QDateTime::currentDateTimeUtc();
    }
    bool added = false;
    const Status status = m_db.transaction([&]() -> Status {
        auto existing = sql::scalar(m_db.connection(),
                                    QStringLiteral("SELECT id FROM notifications WHERE seen = 0 AND kind = ?"
                                                   " AND COALESCE(certificate_id, 0) = ? ORDER BY id LIMIT 1"),
                                    {notification.kind, notification.certificateId},
                                    QStringLiteral("look for an unseen \"%1\" notification").arg(notification.kind));
        if (!existing) {
            return existing.error();
        }
        if (existing->isValid() && !existing->isNull()) {
            notification.id = existing->toLongLong();
            return {};
        }
        auto inserted =
            sql::scalar(m_db.connection(),
                        QStringLiteral("INSERT INTO notifications (at, kind, certificate_id, title, message,"
                                       " details, seen) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id"),
                        {sql::time(notification.at), notification.kind, sql::idOrNull(notification.certificateId),
                         notification.title, notification.message, sql::jsonText(notification.details)},
                        QStringLiteral("store the \"%1\" notification").arg(notification.kind));
        if (!inserted) {
            return inserted.error();
        }
        notification.id = inserted->toLongLong();
        notification.seen = false;
        added = true;
        return {};
    });
    if (!status) {
        return status.error();
    }
    return added;
}

Result<int> NotificationRepository::unseenCount() const
{
    auto count = sql::scalar(m_db.connection(), QStringLiteral("SELECT COUNT(*) FROM notifications WHERE seen = 0"), {},
                             QStringLiteral("count unseen notifications"));
    if (!count) {
        return count.error();
    }
    return count->toInt();
}

Result<QList<Notification>> NotificationRepository::recent(int limit) const
{
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("SELECT id, at, kind, certificate_id, title, message, details, seen"
                                         " FROM notifications ORDER BY id DESC LIMIT ?"),
                          {qMax(0, limit)}, QStringLiteral("read notifications"));
    if (!query) {
        return query.error();
    }
    QList<Notification> list;
    while (query->next()) {
        Notification n;
        n.id = query->value(0).toLongLong();
        n.at = sql::timeFrom(query->value(1));
        n.kind = query->value(2).toString();
        n.certificateId = query->value(3).toLongLong();
        n.title = query->value(4).toString();
        n.message = query->value(5).toString();
        n.details = sql::jsonObject(query->value(6));
        n.seen = query->value(7).toInt() != 0;
        list.append(n);
    }
    return list;
}

Status NotificationRepository::markSeen(qint64 id) const
{
    return sql::runOnOneRow(m_db.connection(), QStringLiteral("UPDATE notifications SET seen = 1 WHERE id = ?"), {id},
                            QStringLiteral("mark notification #%1 seen").arg(id),
                            QStringLiteral("notification #%1 does not exist").arg(id));
}

Status NotificationRepository::markAllSeen() const
{
    auto query = sql::run(m_db.connection(), QStringLiteral("UPDATE notifications SET seen = 1 WHERE seen = 0"), {},
                          QStringLiteral("mark notifications seen"));
    if (!query) {
        return query.error();
    }
    return {};
}

} // namespace certdeck::store
