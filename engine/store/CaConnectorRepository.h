#pragma once

#include "engine/core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace certdeck::store {

class Database;

// A CA connector as stored: its type ("acme"), its name and its non-secret settings (JSON). Secrets (account
// keys, EAB HMAC keys) live in the keychain only.
struct CaConnectorRow
{
    qint64 id = 0;
    QString caType;
    QString name;
    QJsonObject settings;
    QDateTime createdAt;
};

class CaConnectorRepository
{
public:
    explicit CaConnectorRepository(const Database& db);

    Result<qint64> insert(CaConnectorRow& row) const; // (caType, name) unique: kind "duplicate"
    Result<std::optional<CaConnectorRow>> find(const QString& caType, const QString& name) const;
    Result<QList<CaConnectorRow>> all(const QString& caType) const;
    Status updateSettings(const QString& caType, const QString& name, const QJsonObject& settings) const;
    Status remove(const QString& caType, const QString& name) const; // kind "notFound" when absent

private:
    const Database& m_db;
};

} // namespace certdeck::store
