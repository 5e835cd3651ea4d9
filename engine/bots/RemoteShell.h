#pragma once

#include <QByteArray>
#include <QStringList>

namespace certdeck::bots {

// The one audited place that turns an argument list into a command line for a remote POSIX shell (an SSH exec
// channel always goes through the login shell). Every argument is single-quoted; a single quote inside becomes
// '\''. Arguments are UTF-8; an argument containing NUL is refused (returns an empty command).
// sudo: prefixes "sudo -n --" (never prompts; fails when a password would be needed).
QByteArray shellCommand(const QStringList& argv, bool sudo = false);

// shellCommand(argv, sudo), preceded by one line on stderr that names the command's process group,
// "certdeck-pgid:<n>" (sshd starts every exec request in a session of its own, so the shell's $$ is its process
// group, which the command keeps through `exec`). SshSession strips the line and, when the command outlives its
// timeout, stops that whole group on the host. Empty when shellCommand refuses argv.
QByteArray shellCommandReportingGroup(const QStringList& argv, bool sudo = false);
// Parses and removes that first line from `standardError`; 0 when it is not there.
qint64 takeReportedGroup(QByteArray* standardError);

} // namespace certdeck::bots
