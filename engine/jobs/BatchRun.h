#pragma once

#include "engine/domain/Job.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

class QTimer;

namespace certdeck::jobs {

class LifecycleService;

// The lifecycle operations Batch Configure runs over many certificates (spec "Batch Configure").
//   Enroll: Order, then Deploy to the mapped server, for certificates that have no certificate yet (others are
//           skipped: use Renew, Rotate or Rekey for them).
//   Order:  Order from the configured CA (any certificate with a provisioning configuration).
//   Deploy: Deploy the current certificate to its server.
//   Renew:  Order, then Deploy of the same certificate, like the scheduler's renewal; for certificates that already
//           have a certificate (others are skipped: use Enroll).
//   Rotate, Rekey: the engine's actions of the same name.
enum class BatchOperation { Enroll, Order, Deploy, Renew, Rotate, Rekey };

QString batchOperationDisplayName(BatchOperation operation);
QString batchOperationDescription(BatchOperation operation);
const QList<BatchOperation>& batchOperations();

enum class BatchItemState { Waiting, Checking, Running, Succeeded, Failed, Skipped, Cancelled };

QString batchItemStateDisplayName(BatchItemState state);
bool isFinal(BatchItemState state);

// One certificate of a batch, as the dialog shows it.
struct BatchItem
{
    qint64 certificateId = 0;
    QString commonName;
    BatchItemState state = BatchItemState::Waiting;
    QString stage;               // the operation's current job ("Order", "Deploy"), empty before and after
    QString step;                // the current job's step ("csr.create", "issue", "deploy", "verify"...)
    int progress = 0;            // 0-100 over the whole operation (Renew: Order 0-50, Deploy 50-100)
    QString message;             // the reason when Failed / Skipped / Cancelled, the last job's message otherwise
    qint64 jobId = 0;            // the current (or last) job
    bool waitingToRetry = false; // the engine re-queued the job after a transient failure; it runs it again
    QDateTime notAfter;          // of the certificate's current material (refreshed after success)
    QString fingerprintSha256;
};

struct BatchSummary
{
    int total = 0;
    int waiting = 0; // not started yet
    int active = 0;  // checking or running
    int succeeded = 0;
    int failed = 0;
    int skipped = 0;
    int cancelled = 0;
    qint64 elapsedMs = 0;

    int finished() const { return succeeded + failed + skipped + cancelled; }
    QString text() const; // "48 succeeded, 1 failed, 1 skipped, 0 cancelled in 1 min 12 s"
};

// Runs one lifecycle operation over many certificates through LifecycleService::run, at most concurrency() at a
// time. Before its first job, each certificate is checked with actionState() (record, configuration and jobs are
// loaded off the GUI thread through the service) and skipped with the reason when the action does not fit.
// Updates for the UI are coalesced: itemsChanged() carries every row that changed during the last interval
// (default 75 ms), never one signal per job step.
// Cancel: certificates not started yet are cancelled; for running jobs the service is asked to cancel (it can when
// the job is queued for a retry or waits for validation); others finish and are reported as they end, and an
// operation with two jobs (Enroll, Renew) does not start its second job.
class BatchRun : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultConcurrency = 4;
    static constexpr int kMaxConcurrency = 16;

    BatchRun(LifecycleService* lifecycle, BatchOperation operation, const QList<qint64>& certificateIds,
             QObject* parent = nullptr);
    ~BatchRun() override;

    BatchOperation operation() const { return m_operation; }
    void setOperation(BatchOperation operation); // while not running
    int concurrency() const { return m_concurrency; }
    void setConcurrency(int concurrency); // clamped to 1..kMaxConcurrency; applies from the next start
    void setUpdateInterval(int ms);

    // Loads name, expiry and fingerprint of every certificate for display (asynchronous, coalesced updates).
    void loadRecords();

    // Runs the operation over every certificate. False when already running.
    bool start();
    // Runs only the failed certificates again. False when running or nothing failed.
    bool retryFailed();
    void cancel();

    bool isRunning() const { return m_running; }
    bool isCancelling() const { return m_cancelling; }
    int count() const { return int(m_items.size()); }
    const BatchItem& item(int row) const { return m_items.at(row); }
    const QList<BatchItem>& items() const { return m_items; }
    BatchSummary summary() const;

Q_SIGNALS:
    void itemsChanged(const QList<int>& rows); // coalesced, sorted
    void summaryChanged(const certdeck::jobs::BatchSummary& summary);
    void runningChanged(bool running);
    void finished(const certdeck::jobs::BatchSummary& summary);

private:
    struct Check;
    void run(const QList<int>& rows);
    void pump();
    void check(int row);
    void decide(int row, const Check& check);
    void runStage(int row);
    void onJobChanged(const Job& job);
    void onStageFinished(int row, const Job& job);
    void completeSucceeded(int row, const QString& message);
    void complete(int row, BatchItemState state, const QString& message);
    QList<JobAction> stagesOf(BatchOperation operation) const;
    void markDirty(int row);
    void flush();
    void finishIfDone();

    LifecycleService* m_lifecycle;
    BatchOperation m_operation;
    int m_concurrency = kDefaultConcurrency;
    QList<BatchItem> m_items;
    QHash<qint64, int> m_rowOf;   // certificate id -> row
    QHash<int, int> m_stageIndex; // row -> index into stagesOf(operation) of the running job
    QList<int> m_pending;         // rows waiting for a slot
    int m_active = 0;             // rows checking or running
    bool m_running = false;
    bool m_cancelling = false;
    QElapsedTimer m_clock;
    qint64 m_elapsedBefore = 0; // of earlier runs (retry failed continues the clock)
    QSet<int> m_dirty;
    QTimer* m_flushTimer = nullptr;
};

} // namespace certdeck::jobs

Q_DECLARE_METATYPE(certdeck::jobs::BatchSummary)
