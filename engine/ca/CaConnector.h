#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace certdeck::ca {

class DomainValidator;

struct IssueRequest
{
    QByteArray csrPem;
    int validityDays = 397;
    QString profile = QStringLiteral("tls-server"); // serverAuth EKU
    // How domain control is proven, for CAs that validate (ACME). Ignored by the built-in CA.
    std::shared_ptr<DomainValidator> validator;
    // The certificate this one renews (PEM), for CAs that track replacement (ACME "replaces", RFC 9773).
    QByteArray replacesCertificatePem;

    // Exactly-once issuance across crashes and retries.
    // requestId: stable for one logical request (the job: "job:<id>"). A CA connector that can (the built-in CA)
    //   answers a repeated request id with the certificate it already issued instead of issuing another.
    QString requestId;
    // resumeState: what saveState() last recorded for this request in an earlier, interrupted attempt (empty on
    //   the first attempt). ACME resumes its pending order from it ({"orderUrl": ...}) instead of ordering again.
    QJsonObject resumeState;
    // saveState: the connector records progress before the step that depends on it (ACME: right after newOrder,
    //   before challenges and finalize). It must call `proceed` only once the state is durable (committed).
    //   Unset: nothing is recorded and the connector goes on at once.
    std::function<void(const QJsonObject& state, std::function<void()> proceed)> saveState;
};

// A CA's suggested renewal window for one certificate (ACME Renewal Information, RFC 9773).
struct RenewalWindow
{
    QDateTime start;
    QDateTime end;
    QString explanationUrl;
    QDateTime retryAfter; // when to ask again
};

struct IssuedCertificate
{
    QByteArray certificatePem; // leaf
    QByteArray chainPem;       // intermediates up to (not including) the root
    QString serialHex;
};

// RFC 5280 CRLReason codes used by revocation.
enum class RevocationReason {
    Unspecified = 0,
    KeyCompromise = 1,
    CaCompromise = 2,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
    CertificateHold = 6,
};

// A named instance of a CA ("CA Connector Name" in the wizard): sends the CSR, returns the certificate,
// revokes. Calls are asynchronous; callbacks arrive on context's thread and are dropped with context.
class CaConnector
{
public:
    virtual ~CaConnector() = default;

    virtual QString caType() const = 0; // "localca", "acme"
    virtual QString name() const = 0;
    virtual bool supportsSuspend() const = 0;

    virtual void issue(const IssueRequest& request, QObject* context,
                       std::function<void(Result<IssuedCertificate>)> done) = 0;
    virtual void revoke(const QByteArray& certificatePem, RevocationReason reason, QObject* context,
                        std::function<void(Status)> done) = 0;
    virtual void suspend(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done) = 0;
    virtual void resume(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done) = 0;

    // The port where this CA fetches http-01 answers (80 for public CAs): the console's pre-flight uses it too.
    virtual int httpValidationPort() const { return 80; }

    // The CA's suggested renewal window. CAs without one answer with kind "notOffered" (the default).
    virtual void renewalWindow(const QByteArray& certificatePem, QObject* context,
                               std::function<void(Result<RenewalWindow>)> done);
};

} // namespace certdeck::ca
