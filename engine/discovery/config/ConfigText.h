#pragma once

#include "engine/discovery/DiscoveryTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// Small helpers the configuration parsers share (private to engine/discovery/config).
namespace certdeck::discovery::configtext {

// Limits every parser applies to hostile input. Each one, when reached, becomes a warning naming the file:line of
// the directive that reached it and the limit.
constexpr int maxIncludeDepth = 16;           // include chains (and directory trees under an Include) deeper than this
constexpr int maxNestingDepth = 100;          // block nesting deeper than this stops the file
constexpr int maxFilesPerParse = 10000;       // configuration files one parse reads (a hosting box has a few thousand)
constexpr int maxEntriesPerInclude = 4096;    // files and directories one include directive (its glob) reaches
constexpr int maxDirectoriesPerParse = 10000; // directories listed under directory includes
constexpr qint64 maxBytesPerParse = 64 * 1024 * 1024;  // configuration bytes one parse reads (files are <= 16 MiB)
constexpr qsizetype maxExpandedLineLength = 64 * 1024; // a line (or variable) after ${VAR} substitution
constexpr int maxExpansionsPerParse = 100000;          // ${VAR} substitutions in one parse
constexpr qint64 maxExpandedCharactersPerParse = 16 * 1024 * 1024; // characters all substitutions produce
constexpr int maxWarningsPerParse = 1000;                          // further warnings are counted in one last line

QString location(const QString& file, int line); // "file:line"

// `path` made absolute against `base` the way servers do (an absolute path stays as it is); "" stays "".
QString resolvePath(const QString& base, const QString& path);

QString directoryOf(const QString& file);

bool hasGlobMagic(const QString& path);

// Config bytes to text: UTF-8 where valid; invalid bytes become U+FFFD (they are never interpreted).
QString decode(const QByteArray& bytes);

void addFileRead(ConfigFindings& findings, const QString& file);

// Appends "file:line: message" unless the parse already holds maxWarningsPerParse warnings (then one last line
// says that more were left out).
void addWarning(ConfigFindings& findings, const QString& file, int line, const QString& message);

} // namespace certdeck::discovery::configtext
