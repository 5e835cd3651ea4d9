#pragma once

#include "engine/core/Result.h"
#include "engine/domain/CertificateRecord.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace certdeck::store {

class Database;

class CertificateRepository
{
public:
    explicit CertificateRepository(const Database& db);

    // Inserts and sets record.id. A certificate with the same fingerprint is refused (kind "duplicate").
    Result<qint64> insert(CertificateRecord& record) const;
    Status update(const CertificateRecord& record) const;
    Status setStatus(qint64 id, CertificateStatus status) const;
    // What the endpoint served at a probe and the drift found (empty drift: in sync). update() leaves these alone.
    Status setProbeResult(qint64 id, const QString& servedFingerprint, const QDateTime& probedAt,
                          const QString& drift) const;
    Status remove(qint64 id) const;
    Result<std::optional<CertificateRecord>> find(qint64 id) const;
    Result<std::optional<CertificateRecord>> findByFingerprint(const QString& sha256) const;
    // Every certificate, without chain PEM (the dashboard's rows). withChains: include chainPem too.
    Result<QList<CertificateRecord>> all(bool withChains = false) const;
    // The `limit` certificates that expire first (those without an expiry left out), soonest first, without chain
    // PEM: the dashboard's first screen under its default sort (days left, ascending). Uses the not_after index.
    Result<QList<CertificateRecord>> soonestExpiring(int limit) const;
    Result<int> count() const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
