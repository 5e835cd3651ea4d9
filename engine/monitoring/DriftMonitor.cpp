#include "engine/monitoring/DriftMonitor.h"

#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"

#include <QPointer>

namespace certdeck::monitoring {

DriftMonitor::DriftMonitor(std::shared_ptr<store::Database> db, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_pool(std::make_unique<QThreadPool>())
{
    m_pool->setMaxThreadCount(16);
}

DriftMonitor::~DriftMonitor()
{
    m_pool->clear();
    m_pool->waitForDone();
}

void DriftMonitor::setMaxConcurrent(int count)
{
    m_pool->setMaxThreadCount(qMax(1, count));
}

void DriftMonitor::checkAll(const QList<CertificateRecord>& records)
{
    if (m_pending == 0) {
        m_checked = m_drifted = m_errors = 0;
    }
    if (records.isEmpty() && m_pending == 0) {
        QMetaObject::invokeMethod(
            this, [this]() { Q_EMIT finished(0, 0, 0); }, Qt::QueuedConnection);
        return;
    }
    m_pending += records.size();
    QPointer<DriftMonitor> self(this);
    const std::shared_ptr<store::Database> db = m_db;
    const int timeoutMs = m_timeoutMs;
    for (const CertificateRecord& record : records) {
        m_pool->start([self, db, record, timeoutMs]() {
            const EndpointCheck check =
                checkEndpoint(record, record.host, record.port, timeoutMs, QDateTime::currentDateTimeUtc());
            QString recordError;
            if (check.reached) {
                const Status stored = store::CertificateRepository(*db).setProbeResult(
                    record.id, check.servedFingerprint, check.at, check.drift);
                if (!stored) {
                    recordError = stored.message();
                }
            }
            const QString previous = record.drift;
            QMetaObject::invokeMethod(
                self.data(),
                [self, check, previous, recordError]() {
                    if (self) {
                        self->onChecked(check, previous, recordError);
                    }
                },
                Qt::QueuedConnection);
        });
    }
}

void DriftMonitor::onChecked(const EndpointCheck& check, const QString& previousDrift, const QString& recordError)
{
    EndpointCheck reported = check;
    if (!recordError.isEmpty()) {
        reported.error = recordError;
    }
    ++m_checked;
    if (!reported.error.isEmpty()) {
        ++m_errors;
    }
    if (!check.drift.isEmpty()) {
        ++m_drifted;
    }
    Q_EMIT checked(reported);
    if (!check.drift.isEmpty() && previousDrift.isEmpty() && recordError.isEmpty()) {
        Q_EMIT driftFound(check.certificateId, check.drift);
    }
    if (--m_pending == 0) {
        Q_EMIT finished(m_checked, m_drifted, m_errors);
    }
}

} // namespace certdeck::monitoring
