#include "engine/bots/RemoteShell.h"

namespace certdeck::bots {

// AUDITED: this is the ONE place in CertDeck that builds a command line for a remote shell. An SSH exec request is
// always run by the login shell of the remote user (`$SHELL -c <string>`), so every argument must reach it as data,
// never as code. Every argument is wrapped in single quotes, inside which a POSIX shell interprets nothing; a
// single quote inside an argument ends the quoted run, adds an escaped quote and starts a new run: ' -> '\''.
// Arguments are sent as UTF-8 bytes (QString keeps invalid input as U+FFFD, never as a shell metacharacter).
// A NUL cannot be passed to exec() at all, so an argument containing one is refused rather than truncated.
// Do not add another quoting helper anywhere else: call this one.
QByteArray shellCommand(const QStringList& argv, bool sudo)
{
    if (argv.isEmpty()) {
        return {};
    }
    QByteArray command;
    if (sudo) {
        // -n: never prompt (fails instead of waiting for a password); --: the program below is not an option.
        command = "sudo -n --";
    }
    for (const QString& argument : argv) {
        const QByteArray bytes = argument.toUtf8();
        if (bytes.contains('\0')) {
            return {};
        }
        if (!command.isEmpty()) {
            command.append(' ');
        }
        command.append('\'');
        for (const char c : bytes) {
            if (c == '\'') {
                command.append("'\\''");
            } else {
                command.append(c);
            }
        }
        command.append('\'');
    }
    return command;
}

} // namespace certdeck::bots
