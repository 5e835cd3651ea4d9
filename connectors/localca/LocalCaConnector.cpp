#include "connectors/localca/LocalCaConnector.h"

#include "connectors/localca/LocalCaIssuance.h"
#include "connectors/localca/LocalCaRevocation.h"
#include "engine/core/Async.h"

namespace certdeck::localca {

LocalCaConnector::LocalCaConnector(LocalCaBackend backend, QString caName)
    : m_backend(std::move(backend))
    , m_caName(std::move(caName))
{
}

QString LocalCaConnector::caType() const
{
    return QStringLiteral("localca");
}

QString LocalCaConnector::name() const
{
    return m_caName;
}

bool LocalCaConnector::supportsSuspend() const
{
    return true;
}

void LocalCaConnector::issue(const ca::IssueRequest& request, QObject* context,
                             std::function<void(Result<ca::IssuedCertificate>)> done)
{
    certdeck::runInBackground<Result<ca::IssuedCertificate>>(
        context, [backend = m_backend, name = m_caName, request]() { return issueFromCsr(backend, name, request); },
        std::move(done));
}

void LocalCaConnector::revoke(const QByteArray& certificatePem, ca::RevocationReason reason, QObject* context,
                              std::function<void(Status)> done)
{
    certdeck::runInBackground<Status>(
        context,
        [backend = m_backend, name = m_caName, certificatePem, reason]() {
            return revokeCertificate(backend, name, certificatePem, reason);
        },
        std::move(done));
}

void LocalCaConnector::suspend(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done)
{
    certdeck::runInBackground<Status>(
        context,
        [backend = m_backend, name = m_caName, certificatePem]() {
            return suspendCertificate(backend, name, certificatePem);
        },
        std::move(done));
}

void LocalCaConnector::resume(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done)
{
    certdeck::runInBackground<Status>(
        context,
        [backend = m_backend, name = m_caName, certificatePem]() {
            return resumeCertificate(backend, name, certificatePem);
        },
        std::move(done));
}

} // namespace certdeck::localca
