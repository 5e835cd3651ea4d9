#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Bot.h"
#include "engine/domain/CertificateRecord.h"
#include "engine/domain/Job.h"
#include "engine/domain/ProvisioningConfig.h"
#include "engine/jobs/JobContext.h"
#include "engine/jobs/ManualValidation.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

class QTimer;

namespace certdeck::bots {
class BotClient;
}

namespace certdeck::jobs {

// Carries one persistent job through its steps. Each step is written to the jobs table before the next
// one starts (on the context's single inventory thread, so writes keep their order).
//   Issue:  csr.create on the bot (key staged there) -> CA connector issues -> inventory updated.
//          For CAs that validate domains (ACME) a JobDomainValidator proves control: through the bot's DCV path,
//          RFC 2136, or the operator by hand (the job waits in AwaitingValidation until confirmValidation()).
//   Revoke / Suspend / Resume: the CA connector that issued the certificate -> inventory updated.
//   Deploy: bot deploys (backup, write, config test, reload, verify; rollback on failure) -> inventory updated.
class JobRun : public QObject
{
    Q_OBJECT
public:
    JobRun(JobContext context, Job job, CertificateRecord record, ProvisioningConfig config, Bot bot,
           QObject* parent = nullptr);

    void start();

    // The operator published what the job's ManualValidation asks for: the order continues.
    Status confirmValidation();

Q_SIGNALS:
    void changed(const certdeck::Job& job);
    void finished(const certdeck::Job& job);
    void certificateChanged(qint64 certificateId);

private:
    void issue();
    void changeRevocation();
    void awaitValidation(const ManualValidation& manual, std::function<void(Status)> resume);
    void deploy();
    void withBot(std::function<void(bots::BotClient*)> next);
    void setStep(const QString& step, int progress);
    void persistJob();
    // Ends the job; when `record` is set, the inventory row is updated in the same inventory task.
    void finish(JobState state, const QString& message, const QJsonObject& result, bool saveRecord,
                const QString& auditAction, const QString& outcome);

    JobContext m_context;
    Job m_job;
    CertificateRecord m_record;
    ProvisioningConfig m_config;
    Bot m_bot;
    std::function<void(Status)> m_resumeValidation;
    QTimer* m_validationDeadline = nullptr;
};

} // namespace certdeck::jobs
