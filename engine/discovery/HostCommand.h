#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace certdeck::discovery {

// What one command of the system scan printed. Commands run with QProcess (program + argument list, never a
// shell), stdin closed, and a deadline after which they are killed.
struct HostCommandOutput
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    QString problem; // why the command gave no usable answer (not installed, timeout, crash); empty when it ran
};

HostCommandOutput runHostCommand(const QString& program, const QStringList& arguments, int timeoutMs,
                                 const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

// The lines of `text` that match `pattern` (grep-style filter, done in code).
QStringList grepLines(const QByteArray& text, const QString& pattern);

} // namespace certdeck::discovery
