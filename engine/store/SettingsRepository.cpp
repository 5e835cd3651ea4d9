#include "engine/store/SettingsRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

namespace certdeck::store {

SettingsRepository::SettingsRepository(const Database& db)
    : m_db(db)
{
}

Result<QString> SettingsRepository::value(const QString& key, const QString& fallback) const
{
    auto found = sql::scalar(m_db.connection(), QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key},
                             QStringLiteral("read the setting \"%1\"").arg(key));
    if (!found) {
        return found.error();
    }
    if (!found->isValid() || found->isNull()) {
        return fallback;
    }
    return found->toString();
}

Status SettingsRepository::setValue(const QString& key, const QString& value) const
{
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"
                                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                          {key, value}, QStringLiteral("save the setting \"%1\"").arg(key));
    if (!query) {
        return query.error();
    }
    return {};
}

Status SettingsRepository::remove(const QString& key) const
{
    auto query = sql::run(m_db.connection(), QStringLiteral("DELETE FROM settings WHERE key = ?"), {key},
                          QStringLiteral("remove the setting \"%1\"").arg(key));
    if (!query) {
        return query.error();
    }
    return {};
}

} // namespace certdeck::store
