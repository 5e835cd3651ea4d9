#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace certdeck::deployers {

// A server's own tool (config test, reload), run with an argument list (no shell) and a deadline.
class ServerCommand
{
public:
    struct Outcome
    {
        bool ok = false; // started, finished in time, exit code 0
        int exitCode = -1;
        QString output; // stdout and stderr merged, trimmed and capped for the report
    };

    ServerCommand(QString program, QStringList arguments);

    // Variables added to the inherited environment (never secrets).
    void setExtraEnvironment(const QProcessEnvironment& environment);

    // "nginx -c /etc/nginx/nginx.conf -t", for the report.
    QString displayText() const;

    Outcome run(int timeoutMs) const;

private:
    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_extraEnvironment;
};

} // namespace certdeck::deployers
