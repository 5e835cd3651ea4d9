#pragma once

#include "engine/domain/CertificateRecord.h"
#include "engine/monitoring/EndpointCheck.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

#include <memory>

namespace certdeck::store {
class Database;
}

namespace certdeck::monitoring {

// Re-checks many certificates' endpoints at once ("Re-check all"): at most maxConcurrent handshakes in flight,
// off the calling thread. Each reached endpoint is recorded with CertificateRepository::setProbeResult (an
// unreachable one keeps its previous probe result and is reported in checked() with its error).
class DriftMonitor : public QObject
{
    Q_OBJECT

public:
    explicit DriftMonitor(std::shared_ptr<store::Database> db, QObject* parent = nullptr);
    ~DriftMonitor() override;

    void setMaxConcurrent(int count);
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }

    // Starts checking these certificates (their host and port). Records without an endpoint are reported as
    // errors. Returns at once; finished() follows the last checked().
    void checkAll(const QList<CertificateRecord>& records);
    bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    void checked(const certdeck::monitoring::EndpointCheck& check);
    // A certificate that had no drift before and has now (text as stored).
    void driftFound(qint64 certificateId, const QString& drift);
    void finished(int checkedCount, int driftCount, int errorCount);

private:
    void onChecked(const EndpointCheck& check, const QString& previousDrift, const QString& recordError);

    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<QThreadPool> m_pool;
    int m_timeoutMs = 5000;
    int m_pending = 0;
    int m_checked = 0;
    int m_drifted = 0;
    int m_errors = 0;
};

} // namespace certdeck::monitoring
