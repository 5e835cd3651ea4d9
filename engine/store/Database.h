#pragma once

#include "engine/core/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace certdeck::store {

// The inventory database: SQLite (default, embedded) or PostgreSQL (shared by a team).
// URL forms: "sqlite:/abs/path/inventory.db", "sqlite::memory:",
//            "postgresql://user@host:port/dbname" (password, if any, from the keychain by the caller).
// Qt SQL connections belong to one thread: connection() hands out a per-thread connection.
class Database
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating the SQLite file and its directory if needed) and migrates to the latest version.
    static Result<std::shared_ptr<Database>> open(const QString& url, const QString& password = {});
    // Opens without migrating (tests of migrations use this).
    static Result<std::shared_ptr<Database>> openUnmigrated(const QString& url, const QString& password = {});

    // This thread's connection (cloned on first use in a thread, closed when that QThread finishes).
    QSqlDatabase connection() const;
    QString dialect() const; // "sqlite" or "postgresql"
    QString url() const;
    int schemaVersion() const;

    // Runs body inside one transaction on this thread's connection; rolls back when it fails. A transaction()
    // inside body joins the outer one (SQLite: BEGIN IMMEDIATE, so read-then-write bodies are serialized).
    Status transaction(const std::function<Status()>& body) const;

    // Default embedded inventory: <AppDataLocation>/inventory.db.
    static QString defaultUrl();

private:
    Database();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace certdeck::store
