#pragma once

#include "engine/deploy/TargetHost.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace certdeck::deployers {

// A server's own tool (config test, reload), run on the target host with an argument list (never a local shell;
// over SSH quoted by bots::shellCommand) and a deadline.
class ServerCommand
{
public:
    struct Outcome
    {
        bool ok = false; // started, finished in time, exit code 0
        int exitCode = -1;
        QString output; // stdout and stderr, trimmed and capped for the report
    };

    ServerCommand(QString program, QStringList arguments);
    // A step that is not a program: a call to the server's management API (Tomcat's manager), or a check of what
    // was written. Runs in the bot; `displayText` names it in the report.
    using Action = std::function<Outcome(deploy::TargetHost& host, int timeoutMs)>;
    static ServerCommand action(QString displayText, Action action);
    // An action that only checks: ok with no output, or failed (exit code 1) with the status's message.
    static ServerCommand check(QString displayText, std::function<Status(deploy::TargetHost& host)> check);

    // Variables added to the inherited environment (never secrets). On another host they are set by `env`.
    void setExtraEnvironment(const QProcessEnvironment& environment);

    // "nginx -c /etc/nginx/nginx.conf -t", for the report.
    QString displayText() const;

    Outcome run(deploy::TargetHost& host, int timeoutMs) const;

private:
    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_extraEnvironment;
    Action m_action; // set: run instead of a program
};

} // namespace certdeck::deployers
