#pragma once

// Internal to WebServerDeployer*.cpp: one deploy or rollback run, and shared constants.
#include "deployers/common/EndpointVerifier.h"
#include "deployers/common/LocalHost.h"
#include "deployers/common/WebServerDeployer.h"

#include <QCoreApplication>

namespace certdeck::deployers {

namespace webserver {

constexpr int kCommandTimeoutMs = 60000;
constexpr int kFirstProbeTimeoutMs = 5000;
inline const QString kBackupDirectoryField = QStringLiteral("backupDirectory");

inline QString tr(const char* text)
{
    return QCoreApplication::translate("WebServerDeployer", text);
}

// After a restore without an endpoint to verify: the files of the backup are back byte-for-byte (read back). The
// message of a failure, or the report's step for the proven restore.
Result<QString> checkRestored(const MaterialFiles& store, const QString& backupId);

} // namespace webserver

// One deploy or rollback: collects the steps of the report and reports progress.
class WebServerDeployer::Run
{
public:
    Run(const deploy::DeployRequest& request, const deploy::ProgressFn& progress)
        : m_request(request)
        , m_progress(progress)
        , m_verifier({request.verifyHost, request.verifyPort, request.verifyServerName})
        , m_host(LocalHost::orThisHost(request.host))
    {
    }

    void step(int percent, const QString& text)
    {
        m_report.steps << text;
        if (m_progress) {
            m_progress(percent, text);
        }
    }

    // A deployment that only delivers files may name no endpoint: nothing to shake hands with.
    bool hasEndpoint() const { return !m_request.verifyHost.isEmpty(); }

    // Runs a server command; the step says how it went; false on failure (output in `failure`).
    bool command(int percent, const QString& what, const ServerCommand& command, QString* failure)
    {
        const ServerCommand::Outcome outcome = command.run(*m_host, webserver::kCommandTimeoutMs);
        if (outcome.ok) {
            step(percent, webserver::tr("%1 ok (%2)").arg(what, command.displayText()));
            return true;
        }
        *failure = outcome.output;
        step(percent, webserver::tr("%1 failed (%2): %3").arg(what, command.displayText(), outcome.output));
        return false;
    }

    const deploy::DeployRequest& m_request;
    const deploy::ProgressFn m_progress; // a copy: callers pass temporaries (QList::value)
    EndpointVerifier m_verifier;
    std::shared_ptr<deploy::TargetHost> m_host; // where files and commands go
    deploy::DeployReport m_report;
};

} // namespace certdeck::deployers
