#include "deployers/common/ServerCommand.h"

#include <QCoreApplication>
#include <QProcess>

namespace certdeck::deployers {

namespace {

constexpr int kMaxOutputChars = 4000;

QString tr(const char* text)
{
    return QCoreApplication::translate("ServerCommand", text);
}

} // namespace

ServerCommand::ServerCommand(QString program, QStringList arguments)
    : m_program(std::move(program))
    , m_arguments(std::move(arguments))
{
}

void ServerCommand::setExtraEnvironment(const QProcessEnvironment& environment)
{
    m_extraEnvironment = environment;
}

QString ServerCommand::displayText() const
{
    return (QStringList{m_program} + m_arguments).join(QLatin1Char(' '));
}

ServerCommand::Outcome ServerCommand::run(int timeoutMs) const
{
    Outcome outcome;
    QProcess process;
    process.setProgram(m_program);
    process.setArguments(m_arguments);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    if (!m_extraEnvironment.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(m_extraEnvironment);
        process.setProcessEnvironment(environment);
    }
    process.start();
    if (!process.waitForStarted(timeoutMs)) {
        outcome.output = tr("could not run %1: %2. Check the program path in the deployment details.")
                             .arg(m_program, process.errorString());
        return outcome;
    }
    const bool finished = process.waitForFinished(timeoutMs);
    QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (output.size() > kMaxOutputChars) {
        output = output.left(kMaxOutputChars) + QStringLiteral(" [...]");
    }
    if (!finished) {
        process.kill();
        process.waitForFinished(2000);
        outcome.output = tr("%1 did not finish within %2 s and was stopped. %3")
                             .arg(displayText())
                             .arg(timeoutMs / 1000)
                             .arg(output)
                             .trimmed();
        return outcome;
    }
    outcome.exitCode = process.exitCode();
    outcome.ok = process.exitStatus() == QProcess::NormalExit && outcome.exitCode == 0;
    if (process.exitStatus() != QProcess::NormalExit) {
        output = tr("%1 crashed. %2").arg(displayText(), output).trimmed();
    } else if (!outcome.ok && output.isEmpty()) {
        output = tr("%1 exited with code %2").arg(displayText()).arg(outcome.exitCode);
    }
    outcome.output = output;
    return outcome;
}

} // namespace certdeck::deployers
