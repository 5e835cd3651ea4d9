#pragma once

#include <QString>

namespace certdeck::test {

// Absolute path of the certdeck-bot built with the tests ($CERTDECK_BOT_BINARY, set by ctest).
QString botBinary();
// Finds an executable in PATH and the sbin directories; empty when missing.
QString findProgram(const QString& name);
// A free TCP port on 127.0.0.1 (bound and released).
int freeLoopbackPort();

} // namespace certdeck::test
