#pragma once

#include "connectors/acme/AcmeSession.h"
#include "engine/core/Result.h"
#include "engine/crypto/PrivateKey.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace certdeck::acme {

// Reads a secret (the account key PEM, the EAB HMAC key) asynchronously, e.g. from the keychain. The answer is
// delivered on `context`'s thread.
using SecretLoader = std::function<void(QObject* context, std::function<void(Result<QByteArray>)> done)>;

struct AcmeAccountSettings
{
    QString contactEmail;
    bool termsAgreed = false;
    QString eabKeyId; // empty: no External Account Binding
};

// An ACME account on one server: loads its key lazily, finds or registers the account (terms, contact, EAB),
// and signs requests with its key ID. When the server answers accountDoesNotExist (it forgot the account), the
// account is registered again with the same key and the request is retried once.
class AcmeClient : public QObject
{
public:
    AcmeClient(AcmeSession* session, AcmeAccountSettings settings, SecretLoader accountKey, SecretLoader eabHmacKey,
               QString accountUrl = {}, QObject* parent = nullptr);
    ~AcmeClient() override;

    AcmeSession* session() const { return m_session; }
    QString accountUrl() const { return m_accountUrl; }
    // Called when (re-)registration gives the account a new URL, so the owner can store it.
    std::function<void(const QString&)> onAccountUrlChanged;

    // The account key, loaded once through the SecretLoader (concurrent callers share one load).
    void key(std::function<void(Result<std::shared_ptr<const crypto::PrivateKey>>)> done);
    // The RFC 7638 thumbprint of the account key (valid once key() succeeded).
    QByteArray thumbprint() const { return m_thumbprint; }

    // Makes sure the account exists: looks it up by key (onlyReturnExisting) when its URL is not known yet,
    // registers it when the server does not know it.
    void ensureAccount(std::function<void(Status)> done);
    // newAccount with termsOfServiceAgreed, contact and EAB; returns the account URL.
    void registerAccount(std::function<void(Result<QString>)> done);
    // newAccount with onlyReturnExisting; kind "accountDoesNotExist" when the server does not know the key.
    void lookupAccount(std::function<void(Result<QString>)> done);

    // A POST (payload) or POST-as-GET (nullopt) signed with the account's key ID.
    void post(const QString& url, std::optional<QJsonObject> payload, const QString& action, AcmeSession::Done done,
              const QByteArray& accept = {});

private:
    void newAccount(bool onlyReturnExisting, std::function<void(Result<QString>)> done);
    void sendNewAccount(const AcmeDirectory& dir, bool onlyReturnExisting, const QJsonObject& eab,
                        std::function<void(Result<QString>)> done);
    void setAccountUrl(const QString& url);
    void post(const QString& url, std::optional<QJsonObject> payload, const QString& action, AcmeSession::Done done,
              const QByteArray& accept, bool mayReRegister);

    AcmeSession* m_session;
    AcmeAccountSettings m_settings;
    SecretLoader m_accountKey;
    SecretLoader m_eabHmacKey;
    QString m_accountUrl;
    bool m_knownMissing = false;
    std::shared_ptr<const crypto::PrivateKey> m_key;
    QByteArray m_thumbprint;
    QList<std::function<void(Result<std::shared_ptr<const crypto::PrivateKey>>)>> m_keyWaiters;
    QList<std::function<void(Status)>> m_accountWaiters;
};

} // namespace certdeck::acme
