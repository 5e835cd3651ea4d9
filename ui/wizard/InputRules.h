#pragma once

#include <QString>
#include <QStringList>

namespace certdeck::ui {

// Checks of what the operator types into the provisioning wizard. Each returns an empty string when the
// input is fine, otherwise a translated message that says what to enter.
namespace inputrules {

// A DNS host name (labels of letters, digits and hyphens), optionally with a leading "*." wildcard.
bool isDnsName(const QString& name);
bool isIpAddress(const QString& text);

QString checkCommonName(const QString& commonName);
// Comma separated DNS names or IP addresses; names every bad entry.
QString checkSans(const QString& commaSeparated);
QStringList splitSans(const QString& commaSeparated);
QString checkAbsolutePath(const QString& label, const QString& path, const QString& example);

} // namespace inputrules
} // namespace certdeck::ui
