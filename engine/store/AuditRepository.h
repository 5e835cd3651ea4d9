#pragma once

#include "engine/core/Result.h"
#include "engine/domain/AuditEvent.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace certdeck::store {

class Database;

// Which events query() returns; empty/invalid/0 fields do not filter.
struct AuditQuery
{
    QDateTime since; // at >= since (UTC)
    QDateTime until; // at < until (UTC)
    qint64 certificateId = 0;
    QString actor;            // exact
    QString action;           // exact ("cert.deploy") or a prefix ending with '.' ("cert.")
    QString outcome;          // exact
    QString text;             // case-insensitive substring of actor, action, outcome or details
    int limit = 0;            // 0: no limit
    bool newestFirst = false; // default oldest first (exports)
};

// Storage of the append-only audit trail: insert and read only (the schema refuses UPDATE and DELETE).
class AuditRepository
{
public:
    explicit AuditRepository(const Database& db);

    Result<qint64> append(const AuditEvent& event) const;
    Result<QList<AuditEvent>> forCertificate(qint64 certificateId) const; // oldest first
    Result<QList<AuditEvent>> recent(int limit = 500) const;              // newest first
    Result<QList<AuditEvent>> query(const AuditQuery& filter) const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
