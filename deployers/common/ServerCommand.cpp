#include "deployers/common/ServerCommand.h"

#include "deployers/common/LocalHost.h"

#include <QCoreApplication>

namespace certdeck::deployers {

namespace {

constexpr int kMaxOutputChars = 4000;

QString tr(const char* text)
{
    return QCoreApplication::translate("ServerCommand", text);
}

QString capped(QString output)
{
    output = output.trimmed();
    if (output.size() > kMaxOutputChars) {
        output = output.left(kMaxOutputChars) + QStringLiteral(" [...]");
    }
    return output;
}

} // namespace

ServerCommand::ServerCommand(QString program, QStringList arguments)
    : m_program(std::move(program))
    , m_arguments(std::move(arguments))
{
}

ServerCommand ServerCommand::action(QString displayText, Action action)
{
    ServerCommand command(std::move(displayText), {});
    command.m_action = std::move(action);
    return command;
}

ServerCommand ServerCommand::check(QString displayText, std::function<Status(deploy::TargetHost& host)> check)
{
    return action(std::move(displayText), [check = std::move(check)](deploy::TargetHost& host, int /*timeoutMs*/) {
        const Status checked = check(host);
        Outcome outcome;
        outcome.ok = checked.ok();
        outcome.exitCode = checked ? 0 : 1;
        outcome.output = checked ? QString() : checked.message();
        return outcome;
    });
}

void ServerCommand::setExtraEnvironment(const QProcessEnvironment& environment)
{
    m_extraEnvironment = environment;
}

QString ServerCommand::displayText() const
{
    return (QStringList{m_program} + m_arguments).join(QLatin1Char(' '));
}

ServerCommand::Outcome ServerCommand::run(deploy::TargetHost& host, int timeoutMs) const
{
    if (m_action) {
        Outcome outcome = m_action(host, timeoutMs);
        outcome.output = capped(outcome.output);
        return outcome;
    }
    Outcome outcome;
    const QStringList argv = QStringList{m_program} + m_arguments;
    auto execute = [&]() -> Result<deploy::HostCommandResult> {
        if (auto* local = dynamic_cast<LocalHost*>(&host)) {
            return local->run(argv, m_extraEnvironment, timeoutMs);
        }
        if (m_extraEnvironment.isEmpty()) {
            return host.run(argv, timeoutMs);
        }
        // env(1) sets the variables and execs the program: still one argument list, no shell syntax.
        QStringList withEnvironment{QStringLiteral("env"), QStringLiteral("--")};
        for (const QString& name : m_extraEnvironment.keys()) {
            withEnvironment << name + QLatin1Char('=') + m_extraEnvironment.value(name);
        }
        return host.run(withEnvironment << argv, timeoutMs);
    };
    const Result<deploy::HostCommandResult> result = execute();
    if (!result) {
        outcome.output = capped(result.message());
        return outcome;
    }
    QString output = capped(QString::fromLocal8Bit(result->standardOutput + result->standardError));
    outcome.exitCode = result->exitCode;
    outcome.ok = outcome.exitCode == 0;
    if (!outcome.ok && output.isEmpty()) {
        output = tr("%1 exited with code %2").arg(displayText()).arg(outcome.exitCode);
    }
    outcome.output = output;
    return outcome;
}

} // namespace certdeck::deployers
