#include "engine/discovery/HostCommand.h"

#include <QProcess>
#include <QRegularExpression>

namespace certdeck::discovery {

HostCommandOutput runHostCommand(const QString& program, const QStringList& arguments, int timeoutMs,
                                 const QProcessEnvironment& environment)
{
    HostCommandOutput output;
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted(timeoutMs)) {
        output.problem = QStringLiteral("cannot run %1: %2").arg(program, process.errorString());
        return output;
    }
    output.started = true;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        output.timedOut = true;
        output.problem =
            QStringLiteral("%1 did not finish within %2 s and was stopped").arg(program).arg(timeoutMs / 1000);
    }
    output.standardOutput = process.readAllStandardOutput();
    output.standardError = process.readAllStandardError();
    if (!output.timedOut) {
        if (process.exitStatus() == QProcess::CrashExit) {
            output.problem = QStringLiteral("%1 crashed").arg(program);
        } else {
            output.exitCode = process.exitCode();
        }
    }
    return output;
}

QStringList grepLines(const QByteArray& text, const QString& pattern)
{
    const QRegularExpression expression(pattern);
    QStringList lines;
    for (const QByteArray& line : text.split('\n')) {
        const QString decoded = QString::fromLocal8Bit(line).trimmed();
        if (!decoded.isEmpty() && expression.match(decoded).hasMatch()) {
            lines.append(decoded);
        }
    }
    return lines;
}

} // namespace certdeck::discovery
