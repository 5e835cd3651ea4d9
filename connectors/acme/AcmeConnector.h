#pragma once

#include "connectors/acme/AcmeClient.h"
#include "connectors/acme/AcmeOrder.h"
#include "engine/ca/CaConnector.h"

#include <QObject>
#include <QString>

#include <memory>

namespace certdeck::acme {

class AcmeSession;

struct AcmeConnectorConfig
{
    QString name;
    QString directoryUrl;
    QString trustBundlePath; // extra PEM roots for the server's HTTPS; empty: system roots
    QString accountUrl;      // empty: looked up (or registered) at first use
    AcmeAccountSettings account;
    AcmeOrderOptions order;
    int httpValidationPort = 80; // where the CA fetches http-01 answers
};

// A named ACME CA ("acme"): issue() runs the whole RFC 8555 order, revoke() uses the account key, and
// renewalWindow() asks the CA's ACME Renewal Information (RFC 9773). Every call is asynchronous on the thread
// that created the connector (calls from other threads are forwarded there); any number of orders may run at
// once. Callbacks arrive on the caller's context thread and are dropped with it.
class AcmeConnector : public ca::CaConnector
{
public:
    AcmeConnector(AcmeConnectorConfig config, SecretLoader accountKey, SecretLoader eabHmacKey = {});
    ~AcmeConnector() override;

    QString caType() const override { return QStringLiteral("acme"); }
    QString name() const override { return m_config.name; }
    bool supportsSuspend() const override { return false; }
    int httpValidationPort() const override { return m_config.httpValidationPort; }

    void issue(const ca::IssueRequest& request, QObject* context,
               std::function<void(Result<ca::IssuedCertificate>)> done) override;
    void revoke(const QByteArray& certificatePem, ca::RevocationReason reason, QObject* context,
                std::function<void(Status)> done) override;
    void suspend(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done) override;
    void resume(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done) override;
    void renewalWindow(const QByteArray& certificatePem, QObject* context,
                       std::function<void(Result<ca::RenewalWindow>)> done) override;

    const AcmeConnectorConfig& config() const { return m_config; }
    AcmeClient* client() const { return m_client; }
    // Called on the connector's thread when the account gets a new URL (registered again), to store it.
    void setAccountUrlObserver(std::function<void(const QString&)> observer);

private:
    template <typename Fn>
    void onHomeThread(Fn fn);

    AcmeConnectorConfig m_config;
    std::unique_ptr<QObject> m_home;
    AcmeSession* m_session = nullptr;
    AcmeClient* m_client = nullptr;
};

} // namespace certdeck::acme
