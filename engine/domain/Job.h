#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace certdeck {

// The lifecycle actions of the spec ([1]-[8]) plus issuance from the built-in CA.
enum class JobAction { Initiate, Order, Issue, Deploy, Delete, RecheckPinning, Rotate, Rekey, Revoke, Suspend, Resume };

enum class JobState { Queued, Running, AwaitingValidation, Succeeded, Failed, Cancelled, RolledBack };

QString jobActionId(JobAction action);
bool jobActionFromId(const QString& id, JobAction* out);
QString jobStateId(JobState state);
bool jobStateFromId(const QString& id, JobState* out);
bool isFinal(JobState state);

// A persistent lifecycle action. The row exists before the action starts and is updated at each step.
struct Job
{
    qint64 id = 0;
    qint64 certificateId = 0;
    JobAction action = JobAction::Issue;
    JobState state = JobState::Queued;
    QString step;     // current step name ("csr.create", "issue", "deploy", "verify"...)
    int progress = 0; // 0-100
    QString message;  // last user-readable message (the failure reason when Failed)
    int attempts = 0;
    QJsonObject params;
    QJsonObject result;
    QString claimedBy; // runner that owns it while Running, as people read it ("<host>:<pid>")
    // The runner that holds it (Running, AwaitingValidation): a random id, unique even between hosts of the same
    // name, and where its pid is meaningful ("<boot id>:<pid namespace>:<pid>"). The runner renews leaseUntil while
    // it works; once leaseUntil has passed, another runner may take the job over. Empty / invalid when not held.
    QString runnerId;
    QString runnerProcess;
    QDateTime leaseUntil;
    // Who or what started it: "operator:<name>", "scheduler:<runner>", "certdeckctl:<user>" (audit and history).
    QString startedBy;
    // What a resumed job needs after a crash or a retry: the CSR and staged key id, the CA's pending order,
    // the deployment's backup id. Written (and committed) before the step that depends on it has effects.
    QJsonObject checkpoint;
    // A queued job does not start before this instant (UTC): retries wait out their backoff. Invalid: at once.
    QDateTime notBefore;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;
};

} // namespace certdeck
