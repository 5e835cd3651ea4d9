#pragma once

#include "engine/discovery/DiscoveryTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// Small helpers the configuration parsers share (private to engine/discovery/config).
namespace certdeck::discovery::configtext {

// Limits every parser applies to hostile input.
constexpr int maxIncludeDepth = 16;    // include chains deeper than this stop with a warning
constexpr int maxNestingDepth = 100;   // block nesting deeper than this stops the file with a warning
constexpr int maxFilesPerParse = 2000; // a glob matching more files than this is cut short with a warning

QString location(const QString& file, int line); // "file:line"

// `path` made absolute against `base` the way servers do (an absolute path stays as it is); "" stays "".
QString resolvePath(const QString& base, const QString& path);

QString directoryOf(const QString& file);

bool hasGlobMagic(const QString& path);

// Config bytes to text: UTF-8 where valid; invalid bytes become U+FFFD (they are never interpreted).
QString decode(const QByteArray& bytes);

void addFileRead(ConfigFindings& findings, const QString& file);

} // namespace certdeck::discovery::configtext
