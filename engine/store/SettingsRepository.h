#pragma once

#include "engine/core/Result.h"

#include <QString>

namespace certdeck::store {

class Database;

// Shared, non-secret key/value settings of an inventory (the settings table of migration 4), e.g. the event
// hook. Never store a secret here.
class SettingsRepository
{
public:
    explicit SettingsRepository(const Database& db);

    // The value, or `fallback` when the key is not set.
    Result<QString> value(const QString& key, const QString& fallback = {}) const;
    Status setValue(const QString& key, const QString& value) const;
    Status remove(const QString& key) const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
