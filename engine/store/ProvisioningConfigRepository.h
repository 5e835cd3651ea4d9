#pragma once

#include "engine/core/Result.h"
#include "engine/domain/ProvisioningConfig.h"

#include <QList>
#include <QPair>

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
    // What saveEach does to a Discovered certificate's status.
    enum class DiscoveredStatus { BecomeManaged, Keep };
    // Each certificate with its own configuration, all in one transaction (Bulk Configure): maps each
    // configuration's bot; nothing is stored when any certificate or bot is missing or a statement fails.
    Status saveEach(const QList<QPair<qint64, ProvisioningConfig>>& configs,
                    DiscoveredStatus discovered = DiscoveredStatus::BecomeManaged) const;
    Result<std::optional<ProvisioningConfig>> find(qint64 certificateId) const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
