#pragma once

#include "engine/core/Result.h"

#include <QString>

namespace certdeck::bots {

// Where certdeck-bot lives on an SSH host: the console uploads it there and runs it (under sudo when the bot is
// set to), so the path is checked wherever it enters (add, certdeckctl, the console's dialog) and again right
// before every install or connect, because the inventory may have been edited behind CertDeck's back.
//
// Accepted: an absolute path, or one under the login directory ("~/..."), normalised (no "." or ".." segment, no
// "//", no trailing "/"), each segment of letters, digits, space and . _ - + @ (not starting with "-"), and the file
// name exactly "certdeck-bot". Anything else fails (kind "invalidInstallPath") with a message naming the field
// ("Install path") and the value.
namespace install_path {

inline constexpr const char* kDefault = "~/.local/bin/certdeck-bot";

Status check(const QString& path);

} // namespace install_path
} // namespace certdeck::bots
