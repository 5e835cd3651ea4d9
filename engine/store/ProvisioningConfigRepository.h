#pragma once

#include "engine/core/Result.h"
#include "engine/domain/ProvisioningConfig.h"

#include <QList>

#include <optional>

namespace certdeck::store {

class Database;

class ProvisioningConfigRepository
{
public:
    explicit ProvisioningConfigRepository(const Database& db);

    // Saves the configuration, maps its bot to the certificate and moves a Discovered certificate to Managed,
    // in one transaction.
    Status save(qint64 certificateId, const ProvisioningConfig& config) const;
    // The same for many certificates in one transaction (Bulk Configure).
    Status saveMany(const QList<qint64>& certificateIds, const ProvisioningConfig& config) const;
    Result<std::optional<ProvisioningConfig>> find(qint64 certificateId) const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
