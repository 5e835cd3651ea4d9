#include "engine/bots/RemoteShell.h"

namespace certdeck::bots {

namespace {
constexpr char kGroupMarker[] = "certdeck-pgid:";
constexpr qsizetype kGroupMarkerLength = qsizetype(sizeof(kGroupMarker) - 1);
} // namespace

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

QByteArray shellCommandReportingGroup(const QStringList& argv, bool sudo)
{
    const QByteArray command = shellCommand(argv, sudo);
    if (command.isEmpty()) {
        return {};
    }
    // Only constant text is added: printf's format and $$ (expanded by the remote shell to its own process id).
    return QByteArray("printf '") + kGroupMarker + "%s\\n' \"$$\" >&2; exec " + command;
}

qint64 takeReportedGroup(QByteArray* standardError)
{
    if (!standardError->startsWith(kGroupMarker)) {
        return 0;
    }
    const qsizetype end = standardError->indexOf('\n');
    if (end < 0) {
        return 0;
    }
    bool ok = false;
    const qint64 group = standardError->mid(kGroupMarkerLength, end - kGroupMarkerLength).toLongLong(&ok);
    standardError->remove(0, end + 1);
    return ok && group > 1 ? group : 0;
}

} // namespace certdeck::bots
