#pragma once

#include "connectors/acme/AcmeCertificates.h"
#include "connectors/acme/AcmeSession.h"
#include "engine/ca/CaConnector.h"
#include "engine/ca/DomainValidation.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace certdeck::acme {

class AcmeClient;

struct AcmeOrderOptions
{
    QString preferredChain;                              // issuer CN of the preferred alternate chain
    std::chrono::milliseconds validationTimeout{300000}; // CA-side validation and finalization, each
    PollPolicy poll;
};

// One certificate order (RFC 8555 section 7.4), driven asynchronously on the connector's thread:
// newOrder -> authorizations -> validator->present() -> challenges -> poll -> validator->cleanUp() ->
// finalize -> poll -> download (preferred chain). Deletes itself when done; `done` is called exactly once.
// Crash-safe: right after newOrder the order URL goes to request.saveState ({"orderUrl"}) and the order goes on
// only once that is durable. With request.resumeState the order is resumed instead of created: valid ->
// download; ready -> finalize; processing -> poll; pending -> authorizations again; invalid or gone -> a new
// order (the saved state's "note" says so).
class AcmeOrder : public QObject
{
public:
    using Done = std::function<void(Result<ca::IssuedCertificate>)>;

    AcmeOrder(AcmeClient* client, ca::IssueRequest request, AcmeOrderOptions options, Done done, QObject* parent);
    ~AcmeOrder() override;

    void start();

private:
    struct Authorization
    {
        QString url;
        QString identifier;
        bool wildcard = false;
        QString status;
        QString challengeUrl;
        QString challengeType;
        int polls = 0;
        int transientFailures = 0;
    };

    void createOrder(const QString& newOrderUrl, const QString& replaces);
    void orderCreated(const QJsonObject& order);
    void resumeOrder(const QString& orderUrl, const QString& newOrderUrl, const QString& replaces);
    void onResumedOrder(const QJsonObject& order, const QString& newOrderUrl, const QString& replaces);
    void fetchAuthorizations(const QJsonObject& order);
    void onAuthorization(int index, const QJsonObject& authz);
    void presentChallenges();
    void respondToChallenges();
    void pollAuthorization(int index, std::chrono::milliseconds after);
    void onAuthorizationPolled(int index, Result<AcmeResponse> response);
    void validationFinished(Status status);
    void finalizeOrder();
    void onOrderState(const QJsonObject& order, const std::optional<QDateTime>& retryAfter);
    void download(const QString& certificateUrl);
    void downloadAlternates(QList<QByteArray> chains, QStringList alternates);
    void finish(Result<ca::IssuedCertificate> result);
    void failWith(Error error);
    void progress(const QString& step, int percent);
    QString names() const;

    QPointer<AcmeClient> m_client;
    ca::IssueRequest m_request;
    AcmeOrderOptions m_options;
    Done m_done;
    QStringList m_identifiers;
    QString m_orderUrl;
    QString m_finalizeUrl;
    QList<Authorization> m_authorizations;
    int m_authzOutstanding = 0;
    QList<ca::ChallengeTask> m_tasks;
    bool m_presented = false;
    bool m_finished = false;
    int m_orderPolls = 0;
    QString m_note; // why an interrupted order could not be resumed
    QDeadlineTimer m_deadline;
};

} // namespace certdeck::acme
