#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace certdeck::deployers {

// Jetty's "OBF:" password form (org.eclipse.jetty.util.security.Password, Jetty 9.4: each byte pair of the UTF-8
// password, taken from both ends, as four base-36 digits; a byte >= 0x80 as "U" and four digits). It hides a
// password from a glance at start.ini, nothing more. A value without "OBF:" is the password itself.
// nullopt: "OBF:" followed by something Jetty could not have written.
std::optional<QByteArray> jettyPassword(const QString& configured);

} // namespace certdeck::deployers
