#pragma once

#include <QByteArray>
#include <QStringList>

namespace certdeck::bots {

// The one audited place that turns an argument list into a command line for a remote POSIX shell (an SSH exec
// channel always goes through the login shell). Every argument is single-quoted; a single quote inside becomes
// '\''. Arguments are UTF-8; an argument containing NUL is refused (returns an empty command).
// sudo: prefixes "sudo -n --" (never prompts; fails when a password would be needed).
QByteArray shellCommand(const QStringList& argv, bool sudo = false);

} // namespace certdeck::bots
