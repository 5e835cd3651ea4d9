#pragma once

#include "connectors/localca/LocalCaBackend.h"
#include "engine/ca/LocalCaAdmin.h"
#include "engine/core/Result.h"

namespace certdeck::localca {

// Creates the root (and intermediate) of a new built-in CA. Blocking: run it on a worker thread.
// Order: generate and sign everything in memory; write the passphrase to the keychain; then store
// both CA rows in one transaction. When the keychain write fails nothing is stored; when storing
// fails the keychain entry is removed again.
Result<ca::LocalCaInfo> createLocalCa(const LocalCaBackend& backend, const ca::LocalCaSpec& spec);

// The summary the console shows for a stored CA.
ca::LocalCaInfo describe(const LoadedCa& ca);

} // namespace certdeck::localca
