#pragma once

#include "connectors/localca/LocalCaBackend.h"
#include "engine/ca/CaConnector.h"

namespace certdeck::localca {

// One built-in CA as a CA connector (caType "localca", name = CA name). Every call runs on the
// thread pool (keychain, key decryption and signing block) and answers on `context`'s thread;
// `context` must live in the calling thread.
class LocalCaConnector : public ca::CaConnector
{
public:
    LocalCaConnector(LocalCaBackend backend, QString caName);

    QString caType() const override;
    QString name() const override;
    bool supportsSuspend() const override;

    void issue(const ca::IssueRequest& request, QObject* context,
               std::function<void(Result<ca::IssuedCertificate>)> done) override;
    void revoke(const QByteArray& certificatePem, ca::RevocationReason reason, QObject* context,
                std::function<void(Status)> done) override;
    void suspend(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done) override;
    void resume(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done) override;

private:
    LocalCaBackend m_backend;
    QString m_caName;
};

} // namespace certdeck::localca
