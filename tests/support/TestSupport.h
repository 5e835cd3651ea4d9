#pragma once

#include <QByteArray>
#include <QString>

namespace certdeck::test {

// Absolute path of the certdeck-bot built with the tests ($CERTDECK_BOT_BINARY, set by ctest).
QString botBinary();
// Finds an executable in PATH and the sbin directories; empty when missing.
QString findProgram(const QString& name);
// The bytes of a file (empty when it cannot be read), and a file written whole (false on failure).
QByteArray readFileBytes(const QString& path);
bool writeFileBytes(const QString& path, const QByteArray& data);
// A free TCP port on 127.0.0.1 (bound and released).
int freeLoopbackPort();
// The SHA-256 fingerprint (lowercase hex) of what 127.0.0.1:port serves for `serverName` (SNI), by a Qt TLS
// handshake independent of the engine's probe; "(no handshake: ...)" when there is none.
QString servedFingerprint(int port, const QString& serverName, int timeoutMs = 5000);
// Polls servedFingerprint() until it is `fingerprint` or the deadline passes; returns what was served last.
QString waitUntilServed(int port, const QString& serverName, const QString& fingerprint, int timeoutMs = 15000);

} // namespace certdeck::test
