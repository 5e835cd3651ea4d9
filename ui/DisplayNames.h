#pragma once

#include "engine/domain/Job.h"

#include <QString>

namespace certdeck::ui {

// Operator-facing, translated names for engine identifiers.
QString jobActionDisplayName(JobAction action);
QString jobStateDisplayName(JobState state);
QString caTypeDisplayName(const QString& caType);
// "ab12cd..." -> "AB:12:CD:..."
QString formatFingerprint(const QString& hex);

} // namespace certdeck::ui
