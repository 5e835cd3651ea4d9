#pragma once

#include "app/common/Engine.h"
#include "engine/core/Result.h"

#include <QString>

#include <memory>

namespace certdeck::test {

class PebbleFixture;

// The engine of an in-process lifecycle test: a throw-away SQLite inventory in `dir`, the real local bot (its
// state in <dir>/bot) and a keychain service of this test process (<keychainPrefix>-<pid>).
Result<std::unique_ptr<app::Engine>> openTestEngine(const QString& dir, const QString& actor,
                                                    const QString& keychainPrefix);

// An ACME connector named `name` on `pebble`: terms agreed, pebble's trust bundle and validation port.
Status addPebbleConnector(app::Engine& engine, const PebbleFixture& pebble, const QString& name,
                          const QString& contactEmail = {});

} // namespace certdeck::test
