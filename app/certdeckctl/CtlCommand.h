#pragma once

#include "engine/core/Result.h"

#include <QStringList>
#include <QTextStream>

#include <functional>

namespace certdeck::app {
struct Engine;
}

namespace certdeck::ctl {

// Exit codes, documented in `certdeckctl --help`.
enum ExitCode {
    ExitOk = 0,
    ExitFailed = 1,     // the operation failed (message on stderr)
    ExitUsage = 2,      // bad command line
    ExitNotFound = 3,   // no such certificate / CA
    ExitRolledBack = 4, // deployment failed and the previous certificate was restored
    ExitNoKeychain = 5, // no OS keychain available
    ExitHostKey = 6,    // SSH host key not confirmed yet, changed, or not the one given (certdeckctl bots)
};

// ExitNoKeychain when the failure is a missing OS keychain, else ExitFailed.
int exitCodeFor(const Error& error);

// A running command finishes by calling `exit` exactly once (from the event loop).
using Exit = std::function<void(int code)>;

struct CommandContext
{
    app::Engine* engine = nullptr;
    QStringList arguments; // after the command words
    QTextStream* out = nullptr;
    QTextStream* err = nullptr;
    Exit exit;
};

void runCaCommand(const QString& sub, CommandContext context);
void runAcmeCommand(CommandContext context); // "ca acme add|list|remove"
void runCertCommand(const QString& sub, CommandContext context);
void runListCommand(CommandContext context);
void runDnsKeyCommand(const QString& sub, CommandContext context);       // "dns-key set --name N" (secret on stdin)
void runLifecycleCommand(const QString& action, CommandContext context); // issue, deploy
void runJobsCommand(const QString& sub, CommandContext context);         // "jobs list|resume|cancel"
void runSchedulerCommand(CommandContext context);                        // "scheduler run [options]"
void runAuditCommand(const QString& sub, CommandContext context);        // "audit export [options]"
void runHookCommand(const QString& sub, CommandContext context);         // "hook set|show|clear|test"
void runBotsCommand(const QString& sub, CommandContext context); // "bots list|add|host-key|trust|install|scan|remove"
void runDiscoverCommand(const QString& sub, CommandContext context); // "discover network --range ... --ports ..."
// "db password set|clear --url URL": runs without an open inventory, returns the exit code.
int runDbCommand(const QStringList& arguments, const QString& databaseUrl, QTextStream& out, QTextStream& err);

} // namespace certdeck::ctl
