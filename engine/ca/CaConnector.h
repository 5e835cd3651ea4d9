#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace certdeck::ca {

struct IssueRequest
{
    QByteArray csrPem;
    int validityDays = 397;
    QString profile = QStringLiteral("tls-server"); // serverAuth EKU
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
};

} // namespace certdeck::ca
