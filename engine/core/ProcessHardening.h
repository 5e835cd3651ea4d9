#pragma once

#include "engine/core/Result.h"

namespace certdeck::core {

// Call first thing in main() of every CertDeck executable (console, certdeckctl, certdeck-bot): no core dumps
// (RLIMIT_CORE 0, inherited by the programs they start) and not dumpable (PR_SET_DUMPABLE 0: no core file, and
// other processes of the same user cannot ptrace it or read its memory through /proc), so passphrases, database
// passwords and private keys in memory never end up in a core file. Fails only when the kernel refuses.
Status hardenProcess();

} // namespace certdeck::core
