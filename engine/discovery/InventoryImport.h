#pragma once

#include "engine/core/Result.h"
#include "engine/discovery/DiscoveryTypes.h"
#include "engine/domain/Bot.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace certdeck::store {
class Database;
}

namespace certdeck::discovery {

// One endpoint seen by a network discovery (or a scan's handshake).
struct SeenEndpoint
{
    QString host;
    int port = 0;
    QString serverName;  // SNI sent; empty when none
    QString serverType;  // when known
    QByteArray chainPem; // leaf first; empty when no handshake completed
    QString error;       // why not
    QJsonObject details;
};

struct ImportSummary
{
    int newCertificates = 0;   // entered the inventory as Discovered
    int knownCertificates = 0; // already there (same fingerprint): linked, not changed otherwise
    int endpoints = 0;         // endpoint rows written
    QStringList problems;      // unreadable chains and the like, one line each
};

// Brings what discovery found into the inventory in one transaction: each certificate once (by SHA-256
// fingerprint) with status Discovered, its source, host/port, server type, bot and location; endpoints in the
// `endpoints` table. A certificate already in the inventory keeps its status and configuration.
class InventoryImport
{
public:
    explicit InventoryImport(const store::Database& database);

    Result<ImportSummary> importSystemScan(const Bot& bot, const SystemScan& scan) const;
    Result<ImportSummary> importEndpoints(const QList<SeenEndpoint>& endpoints, const QString& source,
                                          qint64 botId = 0) const;

private:
    const store::Database& m_database;
};

} // namespace certdeck::discovery
