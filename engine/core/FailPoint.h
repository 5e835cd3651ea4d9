#pragma once

namespace certdeck {

// Crash-safety test hook. When the environment variable CERTDECK_FAILPOINT names this point (one name, or a
// comma-separated list), the process kills itself with SIGKILL right here, like a power cut or `kill -9` would.
// Tests use it to stop a console, certdeckctl or bot at an exact step and check that the restart resumes or
// rolls back. Unset (always, outside those tests) it costs one comparison.
// Names: "<area>.<moment>", e.g. "issue.order-created", "deploy.files-written".
void failPoint(const char* name);

} // namespace certdeck
