#include "engine/jobs/BatchRun.h"

#include "engine/core/Log.h"
#include "engine/domain/ActionAvailability.h"
#include "engine/domain/ProvisioningConfig.h"
#include "engine/jobs/LifecycleService.h"

#include <QJsonObject>
#include <QTimer>

#include <algorithm>

namespace certdeck::jobs {
namespace {

auto logger()
{
    return log::get("engine.batch");
}

QString stageName(JobAction action)
{
    switch (action) {
    case JobAction::Order:
    case JobAction::Issue:
        return BatchRun::tr("Order");
    case JobAction::Deploy:
        return BatchRun::tr("Deploy");
    case JobAction::Rotate:
        return BatchRun::tr("Rotate");
    case JobAction::Rekey:
        return BatchRun::tr("Rekey");
    default:
        return jobActionId(action);
    }
}

bool hasMaterial(const CertificateRecord& record)
{
    return !record.fingerprintSha256.isEmpty();
}

QString withStop(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.'))) {
        text += QLatin1Char('.');
    }
    return text;
}

} // namespace

QString batchOperationDisplayName(BatchOperation operation)
{
    switch (operation) {
    case BatchOperation::Enroll:
        return BatchRun::tr("Enroll");
    case BatchOperation::Order:
        return BatchRun::tr("Order");
    case BatchOperation::Deploy:
        return BatchRun::tr("Deploy");
    case BatchOperation::Renew:
        return BatchRun::tr("Renew");
    case BatchOperation::Rotate:
        return BatchRun::tr("Rotate");
    case BatchOperation::Rekey:
        return BatchRun::tr("Rekey");
    }
    return {};
}

QString batchOperationDescription(BatchOperation operation)
{
    switch (operation) {
    case BatchOperation::Enroll:
        return BatchRun::tr("Generates a CSR, orders the certificate from its CA and deploys it to the mapped server, "
                            "for certificates that have no certificate yet (the others are skipped).");
    case BatchOperation::Order:
        return BatchRun::tr("Generates a CSR and orders a new certificate from the configured CA; nothing is "
                            "deployed.");
    case BatchOperation::Deploy:
        return BatchRun::tr("Deploys each certificate's current certificate to its mapped server (backup, install, "
                            "verify; rolled back on failure).");
    case BatchOperation::Renew:
        return BatchRun::tr("Orders a new certificate and deploys it to the mapped server, like a scheduled renewal, "
                            "for certificates that already have one (the others are skipped: use Enroll).");
    case BatchOperation::Rotate:
        return BatchRun::tr("Replaces each certificate with a new one on a new key pair and deploys it.");
    case BatchOperation::Rekey:
        return BatchRun::tr("Orders each certificate again on a new key pair.");
    }
    return {};
}

const QList<BatchOperation>& batchOperations()
{
    static const QList<BatchOperation> operations{BatchOperation::Enroll, BatchOperation::Order,
                                                  BatchOperation::Deploy, BatchOperation::Renew,
                                                  BatchOperation::Rotate, BatchOperation::Rekey};
    return operations;
}

QString batchItemStateDisplayName(BatchItemState state)
{
    switch (state) {
    case BatchItemState::Waiting:
        return BatchRun::tr("Waiting");
    case BatchItemState::Checking:
        return BatchRun::tr("Checking");
    case BatchItemState::Running:
        return BatchRun::tr("Running");
    case BatchItemState::Succeeded:
        return BatchRun::tr("Succeeded");
    case BatchItemState::Failed:
        return BatchRun::tr("Failed");
    case BatchItemState::Skipped:
        return BatchRun::tr("Skipped");
    case BatchItemState::Cancelled:
        return BatchRun::tr("Cancelled");
    }
    return {};
}

bool isFinal(BatchItemState state)
{
    return state == BatchItemState::Succeeded || state == BatchItemState::Failed || state == BatchItemState::Skipped ||
           state == BatchItemState::Cancelled;
}

QString BatchSummary::text() const
{
    const qint64 seconds = (elapsedMs + 500) / 1000;
    const QString elapsed = seconds >= 60 ? BatchRun::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60)
                                          : BatchRun::tr("%1 s").arg(seconds);
    QString text = BatchRun::tr("%1 succeeded, %2 failed, %3 skipped, %4 cancelled")
                       .arg(succeeded)
                       .arg(failed)
                       .arg(skipped)
                       .arg(cancelled);
    if (waiting + active > 0) {
        text += BatchRun::tr(", %1 running, %2 waiting").arg(active).arg(waiting);
    }
    return text + BatchRun::tr(" (of %1) in %2").arg(total).arg(elapsed);
}

// What decides whether the operation fits one certificate.
struct BatchRun::Check
{
    CertificateRecord record;
    bool configured = false;
    bool jobRunning = false;
};

BatchRun::BatchRun(LifecycleService* lifecycle, BatchOperation operation, const QList<qint64>& certificateIds,
                   QObject* parent)
    : QObject(parent)
    , m_lifecycle(lifecycle)
    , m_operation(operation)
    , m_flushTimer(new QTimer(this))
{
    Q_ASSERT(m_lifecycle);
    qRegisterMetaType<BatchSummary>();
    for (const qint64 id : certificateIds) {
        if (id == 0 || m_rowOf.contains(id)) {
            continue;
        }
        BatchItem item;
        item.certificateId = id;
        item.commonName = tr("Certificate #%1").arg(id);
        m_rowOf.insert(id, int(m_items.size()));
        m_items.append(item);
    }
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(75);
    connect(m_flushTimer, &QTimer::timeout, this, &BatchRun::flush);
    connect(m_lifecycle, &LifecycleService::jobChanged, this, &BatchRun::onJobChanged);
}

BatchRun::~BatchRun() = default;

void BatchRun::setOperation(BatchOperation operation)
{
    if (!m_running) {
        m_operation = operation;
    }
}

void BatchRun::setConcurrency(int concurrency)
{
    m_concurrency = std::clamp(concurrency, 1, kMaxConcurrency);
}

void BatchRun::setUpdateInterval(int ms)
{
    m_flushTimer->setInterval(std::max(0, ms));
}

void BatchRun::loadRecords()
{
    for (int row = 0; row < m_items.size(); ++row) {
        m_lifecycle->loadCertificate(m_items[row].certificateId, this, [this, row](Result<CertificateRecord> loaded) {
            if (!loaded.ok()) {
                return; // the check before the job reports it
            }
            BatchItem& item = m_items[row];
            item.commonName = loaded->commonName;
            item.notAfter = loaded->notAfter;
            item.fingerprintSha256 = loaded->fingerprintSha256;
            markDirty(row);
        });
    }
}

QList<JobAction> BatchRun::stagesOf(BatchOperation operation) const
{
    switch (operation) {
    case BatchOperation::Enroll:
    case BatchOperation::Renew:
        return {JobAction::Order, JobAction::Deploy};
    case BatchOperation::Order:
        return {JobAction::Order};
    case BatchOperation::Deploy:
        return {JobAction::Deploy};
    case BatchOperation::Rotate:
        return {JobAction::Rotate};
    case BatchOperation::Rekey:
        return {JobAction::Rekey};
    }
    return {};
}

bool BatchRun::start()
{
    if (m_running) {
        return false;
    }
    QList<int> rows;
    for (int row = 0; row < m_items.size(); ++row) {
        rows.append(row);
    }
    m_elapsedBefore = 0;
    run(rows);
    return true;
}

bool BatchRun::retryFailed()
{
    if (m_running) {
        return false;
    }
    QList<int> rows;
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items[row].state == BatchItemState::Failed) {
            rows.append(row);
        }
    }
    if (rows.isEmpty()) {
        return false;
    }
    run(rows);
    return true;
}

void BatchRun::run(const QList<int>& rows)
{
    logger()->info("batch {} of {} certificate(s), {} at a time", batchOperationDisplayName(m_operation).toStdString(),
                   rows.size(), m_concurrency);
    for (const int row : rows) {
        BatchItem& item = m_items[row];
        item.state = BatchItemState::Waiting;
        item.stage.clear();
        item.step.clear();
        item.progress = 0;
        item.message.clear();
        item.jobId = 0;
        item.waitingToRetry = false;
        markDirty(row);
    }
    m_pending = rows;
    m_cancelling = false;
    m_running = true;
    m_clock.start();
    Q_EMIT runningChanged(true);
    pump();
    finishIfDone();
}

void BatchRun::pump()
{
    while (!m_cancelling && m_active < m_concurrency && !m_pending.isEmpty()) {
        const int row = m_pending.takeFirst();
        ++m_active;
        check(row);
    }
}

void BatchRun::check(int row)
{
    BatchItem& item = m_items[row];
    item.state = BatchItemState::Checking;
    item.step = tr("checking");
    markDirty(row);
    // Record, configuration and jobs: three reads on the service's inventory thread, one after the other.
    auto state = std::make_shared<Check>();
    const qint64 id = item.certificateId;
    m_lifecycle->loadCertificate(id, this, [this, row, id, state](Result<CertificateRecord> record) {
        if (!record.ok()) {
            complete(row, BatchItemState::Failed, record.message());
            return;
        }
        state->record = record.value();
        m_lifecycle->loadProvisioningConfig(id, this, [this, row, id, state](Result<ProvisioningConfig> config) {
            if (!config.ok() && config.error().kind != QLatin1String("notFound")) {
                complete(row, BatchItemState::Failed, config.message());
                return;
            }
            state->configured = config.ok();
            m_lifecycle->loadJobs(id, this, [this, row, state](Result<QList<Job>> jobs) {
                if (!jobs.ok()) {
                    complete(row, BatchItemState::Failed, jobs.message());
                    return;
                }
                state->jobRunning = std::any_of(jobs->cbegin(), jobs->cend(),
                                                [](const Job& job) { return !certdeck::isFinal(job.state); });
                decide(row, *state);
            });
        });
    });
}

void BatchRun::decide(int row, const Check& check)
{
    BatchItem& item = m_items[row];
    item.commonName = check.record.commonName;
    item.notAfter = check.record.notAfter;
    item.fingerprintSha256 = check.record.fingerprintSha256;
    if (m_cancelling) {
        complete(row, BatchItemState::Cancelled, tr("Cancelled before it started."));
        return;
    }
    if (m_operation == BatchOperation::Enroll && hasMaterial(check.record)) {
        complete(row, BatchItemState::Skipped,
                 tr("Already enrolled: it has a certificate; use Renew, Rotate or Rekey for it."));
        return;
    }
    if (m_operation == BatchOperation::Renew && !hasMaterial(check.record)) {
        complete(row, BatchItemState::Skipped, tr("Nothing to renew: no certificate has been issued yet; use Enroll."));
        return;
    }
    ActionContext context;
    context.configured = check.configured;
    context.jobRunning = check.jobRunning;
    const ActionState fits = actionState(stagesOf(m_operation).constFirst(), check.record, context);
    if (!fits.enabled) {
        complete(row, BatchItemState::Skipped, fits.reason);
        return;
    }
    m_stageIndex.insert(row, 0);
    runStage(row);
}

void BatchRun::runStage(int row)
{
    const QList<JobAction> stages = stagesOf(m_operation);
    const int index = m_stageIndex.value(row);
    const JobAction action = stages.at(index);
    BatchItem& item = m_items[row];
    item.state = BatchItemState::Running;
    item.stage = stageName(action);
    item.step = tr("starting");
    item.jobId = 0;
    item.waitingToRetry = false;
    item.progress = index * 100 / int(stages.size());
    markDirty(row);
    const QJsonObject params{{QStringLiteral("trigger"), QStringLiteral("batch")}};
    m_lifecycle->run(action, item.certificateId, params, this, [this, row](Result<Job> result) {
        if (!result.ok()) {
            complete(row, BatchItemState::Failed, result.message());
            return;
        }
        BatchItem& current = m_items[row];
        current.jobId = result->id;
        if (result->state == JobState::Queued) {
            // A transient failure: the engine runs the job again after its backoff; jobChanged tells the end.
            current.waitingToRetry = true;
            current.step = tr("waiting to retry");
            current.message = result->message;
            markDirty(row);
            if (m_cancelling) {
                m_lifecycle->cancel(result->id, this, [](const Status&) {});
            }
            return;
        }
        onStageFinished(row, result.value());
    });
}

void BatchRun::onJobChanged(const Job& job)
{
    const auto found = m_rowOf.constFind(job.certificateId);
    if (found == m_rowOf.cend()) {
        return;
    }
    const int row = found.value();
    BatchItem& item = m_items[row];
    if (item.state != BatchItemState::Running) {
        return;
    }
    const QList<JobAction> stages = stagesOf(m_operation);
    const int index = m_stageIndex.value(row);
    if (item.jobId == 0) {
        // The first word of the job this item started (run() answers only at its end).
        if (job.action != stages.at(index) || certdeck::isFinal(job.state)) {
            return;
        }
        item.jobId = job.id;
    } else if (item.jobId != job.id) {
        return;
    }
    if (!job.step.isEmpty()) {
        item.step = job.step;
    }
    item.progress = (index * 100 + std::clamp(job.progress, 0, 100)) / int(stages.size());
    markDirty(row);
    if (item.waitingToRetry && job.state != JobState::Queued) {
        if (certdeck::isFinal(job.state)) {
            item.waitingToRetry = false;
            onStageFinished(row, job);
        } else {
            item.step = job.step.isEmpty() ? tr("retrying") : job.step;
        }
    }
}

void BatchRun::onStageFinished(int row, const Job& job)
{
    BatchItem& item = m_items[row];
    if (item.state != BatchItemState::Running) {
        return;
    }
    item.jobId = job.id;
    const QList<JobAction> stages = stagesOf(m_operation);
    const int index = m_stageIndex.value(row);
    switch (job.state) {
    case JobState::Succeeded:
        break;
    case JobState::Cancelled:
        complete(row, BatchItemState::Cancelled, job.message);
        return;
    case JobState::RolledBack:
        complete(row, BatchItemState::Failed,
                 tr("%1 rolled back: %2").arg(stageName(job.action), withStop(job.message)));
        return;
    default:
        complete(row, BatchItemState::Failed, tr("%1 failed: %2").arg(stageName(job.action), withStop(job.message)));
        return;
    }
    if (index + 1 >= stages.size()) {
        completeSucceeded(row, job.message);
        return;
    }
    if (m_cancelling) {
        complete(row, BatchItemState::Cancelled,
                 tr("%1 succeeded (job #%2), then the batch was cancelled: %3 did not run.")
                     .arg(stageName(job.action))
                     .arg(job.id)
                     .arg(stageName(stages.at(index + 1))));
        return;
    }
    // The next job needs the material the previous one stored: check again with the fresh record.
    m_lifecycle->loadCertificate(
        item.certificateId, this, [this, row, index, stages](Result<CertificateRecord> record) {
            if (!record.ok()) {
                complete(row, BatchItemState::Failed, record.message());
                return;
            }
            BatchItem& current = m_items[row];
            current.notAfter = record->notAfter;
            current.fingerprintSha256 = record->fingerprintSha256;
            ActionContext context;
            context.configured = true; // the first job ran with it
            const ActionState fits = actionState(stages.at(index + 1), record.value(), context);
            if (!fits.enabled) {
                complete(row, BatchItemState::Failed,
                         tr("%1 succeeded, %2 did not fit: %3")
                             .arg(stageName(stages.at(index)), stageName(stages.at(index + 1)), fits.reason));
                return;
            }
            if (m_cancelling) {
                complete(row, BatchItemState::Cancelled,
                         tr("%1 succeeded, then the batch was cancelled: %2 did not run.")
                             .arg(stageName(stages.at(index)), stageName(stages.at(index + 1))));
                return;
            }
            m_stageIndex.insert(row, index + 1);
            runStage(row);
        });
}

void BatchRun::completeSucceeded(int row, const QString& message)
{
    // The row shows the new expiry and fingerprint.
    m_lifecycle->loadCertificate(m_items[row].certificateId, this,
                                 [this, row, message](Result<CertificateRecord> record) {
                                     if (record.ok()) {
                                         m_items[row].notAfter = record->notAfter;
                                         m_items[row].fingerprintSha256 = record->fingerprintSha256;
                                     }
                                     complete(row, BatchItemState::Succeeded, message);
                                 });
}

void BatchRun::complete(int row, BatchItemState state, const QString& message)
{
    BatchItem& item = m_items[row];
    item.state = state;
    item.message = message;
    item.waitingToRetry = false;
    item.step.clear();
    item.stage.clear();
    if (state == BatchItemState::Succeeded) {
        item.progress = 100;
    }
    m_stageIndex.remove(row);
    markDirty(row);
    --m_active;
    pump();
    finishIfDone();
}

void BatchRun::cancel()
{
    if (!m_running || m_cancelling) {
        return;
    }
    m_cancelling = true;
    logger()->info("batch cancelled: {} not started", m_pending.size());
    for (const int row : std::as_const(m_pending)) {
        BatchItem& item = m_items[row];
        item.state = BatchItemState::Cancelled;
        item.message = tr("Cancelled before it started.");
        markDirty(row);
    }
    m_pending.clear();
    for (int row = 0; row < m_items.size(); ++row) {
        BatchItem& item = m_items[row];
        if (item.state != BatchItemState::Running || item.jobId == 0) {
            continue;
        }
        // Queued for a retry or waiting for validation: the service cancels it. A job inside a step finishes.
        m_lifecycle->cancel(item.jobId, this, [this, row](const Status& cancelled) {
            if (!cancelled.ok() && m_items[row].state == BatchItemState::Running) {
                m_items[row].message = tr("Finishing its current step (a running step cannot be interrupted).");
                markDirty(row);
            }
        });
    }
    finishIfDone();
}

BatchSummary BatchRun::summary() const
{
    BatchSummary summary;
    summary.total = int(m_items.size());
    for (const BatchItem& item : m_items) {
        switch (item.state) {
        case BatchItemState::Waiting:
            ++summary.waiting;
            break;
        case BatchItemState::Checking:
        case BatchItemState::Running:
            ++summary.active;
            break;
        case BatchItemState::Succeeded:
            ++summary.succeeded;
            break;
        case BatchItemState::Failed:
            ++summary.failed;
            break;
        case BatchItemState::Skipped:
            ++summary.skipped;
            break;
        case BatchItemState::Cancelled:
            ++summary.cancelled;
            break;
        }
    }
    summary.elapsedMs = m_elapsedBefore + (m_running ? m_clock.elapsed() : 0);
    return summary;
}

void BatchRun::markDirty(int row)
{
    m_dirty.insert(row);
    if (!m_flushTimer->isActive()) {
        m_flushTimer->start();
    }
}

void BatchRun::flush()
{
    m_flushTimer->stop();
    if (m_dirty.isEmpty()) {
        return;
    }
    QList<int> rows(m_dirty.cbegin(), m_dirty.cend());
    m_dirty.clear();
    std::sort(rows.begin(), rows.end());
    Q_EMIT itemsChanged(rows);
    Q_EMIT summaryChanged(summary());
}

void BatchRun::finishIfDone()
{
    if (!m_running || m_active > 0 || !m_pending.isEmpty()) {
        return;
    }
    m_elapsedBefore += m_clock.elapsed();
    m_running = false;
    m_cancelling = false;
    flush();
    const BatchSummary done = summary();
    logger()->info("batch finished: {}", done.text().toStdString());
    Q_EMIT runningChanged(false);
    Q_EMIT summaryChanged(done);
    Q_EMIT finished(done);
}

} // namespace certdeck::jobs
