#pragma once

#include "engine/core/Result.h"

#include <QString>

#include <sys/types.h>

namespace certdeck::store {

// The embedded inventory's files are the operator's alone: the folder 0700, the SQLite database and its
// companions (-wal, -shm, -journal) 0600, from the first start on.
namespace inventory_files {

// Creates the missing folders of `databasePath` (each 0700). When `ownFolder` is true the folder already there is
// CertDeck's own (the default inventory folder) and is tightened to 0700 too; a folder the operator chose is left
// as it is.
Status prepareFolder(const QString& databasePath, bool ownFolder);
// Sets 0600 on the database file and each companion that exists (an inventory made by an older version).
Status tightenModes(const QString& databasePath);
// The companions SQLite may create beside the database.
QStringList companionPaths(const QString& databasePath);

// Sets the process umask to 077 for its lifetime (SQLite creates its files while this is in force).
class PrivateUmask
{
public:
    PrivateUmask();
    ~PrivateUmask();
    PrivateUmask(const PrivateUmask&) = delete;
    PrivateUmask& operator=(const PrivateUmask&) = delete;

private:
    mode_t m_previous;
};

} // namespace inventory_files
} // namespace certdeck::store
