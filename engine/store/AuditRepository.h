#pragma once

#include "engine/core/Result.h"
#include "engine/domain/AuditEvent.h"

#include <QList>

namespace certdeck::store {

class Database;

// Storage of the append-only audit trail: insert and read only (the schema refuses UPDATE and DELETE).
class AuditRepository
{
public:
    explicit AuditRepository(const Database& db);

    Result<qint64> append(const AuditEvent& event) const;
    Result<QList<AuditEvent>> forCertificate(qint64 certificateId) const; // oldest first
    Result<QList<AuditEvent>> recent(int limit = 500) const;              // newest first

private:
    const Database& m_db;
};

} // namespace certdeck::store
