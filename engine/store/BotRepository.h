#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Bot.h"

#include <QList>

#include <optional>

namespace certdeck::store {

class Database;

class BotRepository
{
public:
    explicit BotRepository(const Database& db);

    Result<qint64> insert(Bot& bot) const; // sets bot.id; names are unique (kind "duplicate")
    Status update(const Bot& bot) const;
    Status remove(qint64 id) const;
    Result<std::optional<Bot>> find(qint64 id) const;
    Result<std::optional<Bot>> findByName(const QString& name) const;
    Result<QList<Bot>> all() const;
    // The local bot ("local"), created on first use.
    Result<Bot> ensureLocalBot() const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
