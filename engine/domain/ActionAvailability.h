#pragma once

#include "engine/domain/CertificateRecord.h"
#include "engine/domain/Job.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace certdeck {

// What, besides the record, decides whether a lifecycle action makes sense for a certificate.
struct ActionContext
{
    bool configured = false;   // a provisioning configuration is saved (wizard or Bulk Configure)
    bool jobRunning = false;   // a job of this certificate is queued, running or awaiting validation
    bool caCanSuspend = false; // the issuing CA connector supports suspension (certificate hold)
    QDateTime now = QDateTime::currentDateTimeUtc();
};

struct ActionState
{
    bool enabled = false;
    QString reason; // why not, for the tooltip and for refusing in Batch Configure; empty when enabled
};

// The dashboard's actions [1]-[8] (Initiate, Order, Deploy, Delete, RecheckPinning, Rotate, Rekey, Revoke,
// Suspend, Resume) for one certificate in its current state. The console enables menu entries with it and Batch
// Configure skips (and reports) the certificates an action does not fit.
ActionState actionState(JobAction action, const CertificateRecord& record, const ActionContext& context);

// Asks for confirmation before it runs: it replaces or removes something an operator may still need.
bool isDestructive(JobAction action);

// The actions of the dashboard's Action menu, in the spec's order.
const QList<JobAction>& dashboardActions();

} // namespace certdeck
