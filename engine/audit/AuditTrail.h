#pragma once

#include "engine/core/Result.h"
#include "engine/domain/AuditEvent.h"

#include <QJsonObject>
#include <QString>

namespace certdeck::store {
class Database;
}

namespace certdeck::audit {

// Records lifecycle events for one actor ("operator:alice", "scheduler", "certdeckctl:root").
// Details must never hold a secret.
class AuditTrail
{
public:
    AuditTrail(const store::Database& db, QString actor);

    Status record(const QString& action, qint64 certificateId, const QString& outcome,
                  const QJsonObject& details = {}) const;
    const QString& actor() const { return m_actor; }

    // "operator:<login name>" for the console, "certdeckctl:<login name>" for the CLI.
    static QString currentUserActor(const QString& prefix);

private:
    const store::Database& m_db;
    QString m_actor;
};

} // namespace certdeck::audit
