#pragma once

#include "engine/core/Result.h"

#include <QSqlDatabase>

namespace certdeck::store {

// Versioned schema steps. Version N is reached by applying steps 1..N in order, each in a transaction.
// Schema changes are only ever added as a new step; an existing step never changes.
class Migrations
{
public:
    static int latestVersion();
    static int currentVersion(QSqlDatabase& db);
    static Status migrate(QSqlDatabase& db, int targetVersion = -1);
};

} // namespace certdeck::store
