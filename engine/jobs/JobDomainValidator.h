#pragma once

#include "engine/ca/DomainValidation.h"
#include "engine/core/Result.h"
#include "engine/domain/ProvisioningConfig.h"
#include "engine/jobs/ManualValidation.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace certdeck::bots {
class BotClient;
}
namespace certdeck::secrets {
class SecretStore;
}
namespace certdeck::dns {
class DnsUpdateClient;
}

namespace certdeck::jobs {

// What the validator needs from the job that orders the certificate.
struct ValidationHooks
{
    // Hands out the connected bot of the certificate (or the reason it cannot be reached).
    std::function<void(std::function<void(Result<bots::BotClient*>)>)> withBot;
    // Moves the job to "Awaiting validation" with these instructions; `resume` is called once, with success when
    // the operator confirms, with a failure when the deadline passes or the job is cancelled.
    std::function<void(const ManualValidation&, std::function<void(Status)> resume)> awaitOperator;
    std::function<void(const QString& step, int percent)> progress;
};

// Domain validation for one order, exactly as the spec's flow:
//   http-01: the bot writes each token file into the DCV path (dcv.put), the console fetches
//            http://<domain>:<port>/.well-known/acme-challenge/<token> itself (pre-flight) and only then lets the
//            CA validate; the files are removed afterwards (dcv.remove).
//   dns-01:  TSIG-signed RFC 2136 updates add the TXT records to the authoritative server; the validator waits until
//            the server answers with them; they are removed afterwards.
// When the automatic way is off or fails (DCV disabled, invalid path, the bot refuses, the pre-flight fails, the
// DNS server refuses), the job waits for the operator with exact instructions (ManualValidation).
class JobDomainValidator : public ca::DomainValidator
{
    Q_DECLARE_TR_FUNCTIONS(JobDomainValidator)

public:
    // `network` (shared by the jobs of a LifecycleService) makes the pre-flight requests; it must outlive this.
    JobDomainValidator(ProvisioningConfig config, int httpPort, const secrets::SecretStore* secrets,
                       QNetworkAccessManager* network, ValidationHooks hooks, std::chrono::seconds manualTimeout);
    ~JobDomainValidator() override;

    QStringList challengeTypes() const override;
    void present(const QList<ca::ChallengeTask>& tasks, QObject* context, std::function<void(Status)> done) override;
    void cleanUp(const QList<ca::ChallengeTask>& tasks, QObject* context, std::function<void()> done) override;
    void progress(const QString& step, int percent) override;

    // The URL the CA fetches (and the pre-flight too).
    static QString challengeUrl(const ca::ChallengeTask& task, int httpPort);

private:
    using Done = std::function<void(Status)>;
    void presentFiles(const QList<ca::ChallengeTask>& tasks, Done done);
    void putFile(bots::BotClient* bot, QList<ca::ChallengeTask> remaining, Done done);
    void preflight(QList<ca::ChallengeTask> remaining, Done done);
    void presentDns(const QList<ca::ChallengeTask>& tasks, Done done);
    void addRecords(QList<ca::ChallengeTask> remaining, Done done);
    void waitVisible(QList<ca::ChallengeTask> remaining, int attemptsLeft, Done done);
    void askOperator(const QList<ca::ChallengeTask>& tasks, const QString& reason, Done done);
    void removeFiles(QList<ca::ChallengeTask> remaining, std::function<void()> done);
    void removeRecords(QList<ca::ChallengeTask> remaining, std::function<void()> done);

    const ProvisioningConfig m_config;
    const int m_httpPort;
    const secrets::SecretStore* m_secrets;
    ValidationHooks m_hooks;
    const std::chrono::seconds m_manualTimeout;
    std::unique_ptr<QObject> m_context; // async work of this validator; lives on the job's thread
    QNetworkAccessManager* m_network = nullptr;
    dns::DnsUpdateClient* m_dns = nullptr;
    QByteArray m_tsigSecret;
    QList<ca::ChallengeTask> m_publishedFiles;
    QList<ca::ChallengeTask> m_publishedRecords;
};

} // namespace certdeck::jobs
