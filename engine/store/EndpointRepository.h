#pragma once

#include "engine/core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace certdeck::store {

class Database;

// A TLS endpoint seen by a bot's scan or a network discovery, and what it served then.
struct EndpointRecord
{
    qint64 id = 0;
    QString host;
    int port = 0;
    QString serverName; // SNI used; empty when none
    qint64 botId = 0;   // the bot whose scan found it; 0 for a network discovery from the console
    qint64 certificateId = 0;
    QString fingerprint; // what it served, lowercase hex; empty when it could not be reached
    QString serverType;
    QString source;      // "scan:<bot>", "network"
    QJsonObject details; // config source, certificate/key paths, web root ...
    QString error;       // why the last handshake failed
    QDateTime seenAt;
};

class EndpointRepository
{
public:
    explicit EndpointRepository(const Database& db);

    // Inserts or updates by (host, port, serverName), all in one transaction; sets ids.
    Status upsertAll(QList<EndpointRecord>& endpoints) const;
    Result<QList<EndpointRecord>> all() const;
    Result<QList<EndpointRecord>> forCertificate(qint64 certificateId) const;
    Result<QList<EndpointRecord>> forBot(qint64 botId) const;
    Status removeForBot(qint64 botId) const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
