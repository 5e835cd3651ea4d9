#pragma once

#include "MapConfigSource.h"

#include <QByteArray>
#include <QString>

namespace certdeck::fuzz {

// Turns one fuzz input into the files of a server configuration, so includes, globs and start.d are fuzzed too.
// The input is the main file, optionally followed by more files, each introduced by a line
//   %%file <path>
// where <path> is absolute or relative to `root`. The main file lands at root + "/" + mainFile.
MapConfigSource configFileSet(const QByteArray& input, const QString& root, const QString& mainFile);

// What the bot does with findings: each endpoint to JSON for the scan report and back, with its DCV path.
void reportFindings(const discovery::ConfigFindings& findings);

} // namespace certdeck::fuzz
