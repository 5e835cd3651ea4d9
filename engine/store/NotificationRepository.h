#pragma once

#include "engine/core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace certdeck {

// Something the operator should see: a failed job, a renewal that needs a person, drift on an endpoint.
struct Notification
{
    qint64 id = 0;
    QDateTime at;             // UTC
    QString kind;             // "job.failed", "renewal.unattended", "drift.found", "hook.test"
    qint64 certificateId = 0; // 0 when not about one certificate
    QString title;
    QString message;
    QJsonObject details; // never contains a secret
    bool seen = false;
};

} // namespace certdeck

namespace certdeck::store {

class Database;

// The notifications table (migration 4).
class NotificationRepository
{
public:
    explicit NotificationRepository(const Database& db);

    // Stores the notification and sets its id and time. When an unseen one of the same kind for the same
    // certificate exists, nothing is added and the result is false (notification.id is set to the existing one).
    Result<bool> add(Notification& notification) const;
    Result<int> unseenCount() const;
    Result<QList<Notification>> recent(int limit = 100) const; // newest first
    Status markSeen(qint64 id) const;
    Status markAllSeen() const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
