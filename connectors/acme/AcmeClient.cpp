#include "connectors/acme/AcmeClient.h"

#include "connectors/acme/AcmeJws.h"
#include "engine/core/Log.h"

#include <QJsonArray>

#include <openssl/crypto.h>

namespace certdeck::acme {

AcmeClient::AcmeClient(AcmeSession* session, AcmeAccountSettings settings, SecretLoader accountKey,
                       SecretLoader eabHmacKey, QString accountUrl, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_settings(std::move(settings))
    , m_accountKey(std::move(accountKey))
    , m_eabHmacKey(std::move(eabHmacKey))
    , m_accountUrl(std::move(accountUrl))
{
}

AcmeClient::~AcmeClient() = default;

void AcmeClient::key(std::function<void(Result<std::shared_ptr<const crypto::PrivateKey>>)> done)
{
    if (m_key) {
        done(m_key);
        return;
    }
    m_keyWaiters.append(std::move(done));
    if (m_keyWaiters.size() > 1) {
        return;
    }
    if (!m_accountKey) {
        const auto waiters = std::exchange(m_keyWaiters, {});
        for (const auto& waiter : waiters) {
            waiter(fail(QStringLiteral("The ACME connector has no account key.")));
        }
        return;
    }
    m_accountKey(this, [this](Result<QByteArray> pem) {
        Result<std::shared_ptr<const crypto::PrivateKey>> result = fail(QString());
        if (!pem) {
            result =
                fail(QStringLiteral("Could not read the ACME account key from the keychain: %1").arg(pem.message()),
                     pem.error().kind);
        } else {
            auto parsed = crypto::PrivateKey::fromPem(*pem);
            OPENSSL_cleanse(pem->data(), static_cast<size_t>(pem->size()));
            if (!parsed) {
                result =
                    fail(QStringLiteral("The ACME account key in the keychain is damaged: %1").arg(parsed.message()));
            } else if (AcmeJws::algorithm(*parsed).isEmpty()) {
                result = fail(QStringLiteral("The ACME account key must be EC P-256 or RSA."));
            } else {
                m_key = std::make_shared<const crypto::PrivateKey>(std::move(parsed).value());
                m_thumbprint = AcmeJws::thumbprint(AcmeJws::jwk(*m_key));
                result = m_key;
            }
        }
        const auto waiters = std::exchange(m_keyWaiters, {});
        for (const auto& waiter : waiters) {
            waiter(result);
        }
    });
}

void AcmeClient::setAccountUrl(const QString& url)
{
    const bool changed = url != m_accountUrl;
    m_accountUrl = url;
    m_knownMissing = false;
    if (changed && onAccountUrlChanged) {
        onAccountUrlChanged(url);
    }
}

void AcmeClient::ensureAccount(std::function<void(Status)> done)
{
    if (!m_accountUrl.isEmpty()) {
        done({});
        return;
    }
    m_accountWaiters.append(std::move(done));
    if (m_accountWaiters.size() > 1) {
        return;
    }
    auto finish = [this](Status status) {
        const auto waiters = std::exchange(m_accountWaiters, {});
        for (const auto& waiter : waiters) {
            waiter(status);
        }
    };
    auto registerNow = [this, finish]() {
        registerAccount([finish](Result<QString> url) { finish(url ? Status() : Status(url.error())); });
    };
    if (m_knownMissing) {
        registerNow();
        return;
    }
    lookupAccount([finish, registerNow](Result<QString> url) {
        if (url) {
            finish({});
        } else if (url.error().kind == QLatin1String("accountDoesNotExist")) {
            registerNow();
        } else {
            finish(url.error());
        }
    });
}

void AcmeClient::registerAccount(std::function<void(Result<QString>)> done)
{
    newAccount(false, std::move(done));
}

void AcmeClient::lookupAccount(std::function<void(Result<QString>)> done)
{
    newAccount(true, std::move(done));
}

void AcmeClient::newAccount(bool onlyReturnExisting, std::function<void(Result<QString>)> done)
{
    key([this, onlyReturnExisting, done = std::move(done)](Result<std::shared_ptr<const crypto::PrivateKey>> key) {
        if (!key) {
            done(key.error());
            return;
        }
        m_session->directory([this, onlyReturnExisting, done](Result<AcmeDirectory> dir) {
            if (!dir) {
                done(dir.error());
                return;
            }
            if (!onlyReturnExisting && !dir->termsOfService.isEmpty() && !m_settings.termsAgreed) {
                done(fail(QStringLiteral("The CA requires agreeing to its terms of service (%1) before an account "
                                         "can be created: read them and tick \"I agree\" in the connector settings.")
                              .arg(dir->termsOfService),
                          QStringLiteral("termsNotAgreed")));
                return;
            }
            if (onlyReturnExisting || m_settings.eabKeyId.isEmpty()) {
                sendNewAccount(*dir, onlyReturnExisting, {}, done);
                return;
            }
            if (!m_eabHmacKey) {
                done(fail(QStringLiteral("The External Account Binding (EAB) HMAC key is missing: enter it again in "
                                         "the connector settings."),
                          QStringLiteral("externalAccountRequired")));
                return;
            }
            m_eabHmacKey(this, [this, dir = *dir, done](Result<QByteArray> hmac) {
                if (!hmac) {
                    done(fail(QStringLiteral("Could not read the External Account Binding (EAB) HMAC key from the "
                                             "keychain: %1")
                                  .arg(hmac.message()),
                              hmac.error().kind));
                    return;
                }
                auto eab =
                    AcmeJws::externalAccountBinding(m_settings.eabKeyId, *hmac, AcmeJws::jwk(*m_key), dir.newAccount);
                OPENSSL_cleanse(hmac->data(), static_cast<size_t>(hmac->size()));
                if (!eab) {
                    done(eab.error());
                    return;
                }
                sendNewAccount(dir, false, *eab, done);
            });
        });
    });
}

void AcmeClient::sendNewAccount(const AcmeDirectory& dir, bool onlyReturnExisting, const QJsonObject& eab,
                                std::function<void(Result<QString>)> done)
{
    QJsonObject payload;
    if (onlyReturnExisting) {
        payload.insert(QStringLiteral("onlyReturnExisting"), true);
    } else {
        payload.insert(QStringLiteral("termsOfServiceAgreed"), m_settings.termsAgreed);
        if (!m_settings.contactEmail.trimmed().isEmpty()) {
            payload.insert(QStringLiteral("contact"),
                           QJsonArray{QString(QStringLiteral("mailto:") + m_settings.contactEmail.trimmed())});
        }
        if (!eab.isEmpty()) {
            payload.insert(QStringLiteral("externalAccountBinding"), eab);
        }
    }
    const QString action =
        onlyReturnExisting ? QStringLiteral("look up the ACME account") : QStringLiteral("register the ACME account");
    m_session->post(dir.newAccount, m_key, QString(), payload, action,
                    [this, action, onlyReturnExisting, eab, done](Result<AcmeResponse> response) {
                        if (!response) {
                            if (onlyReturnExisting && response.error().kind == QLatin1String("accountDoesNotExist")) {
                                m_knownMissing = true;
                            }
                            Error error = response.error();
                            if (!eab.isEmpty() && (error.kind == QLatin1String("unauthorized") ||
                                                   error.kind == QLatin1String("malformed"))) {
                                error.message +=
                                    QStringLiteral("\nCheck the External Account Binding (EAB) key ID and "
                                                   "HMAC key: copy them again from your account at the CA.");
                            }
                            done(error);
                            return;
                        }
                        const QString status = response->json.value(QStringLiteral("status")).toString();
                        if (response->location.isEmpty() || (!status.isEmpty() && status != QLatin1String("valid"))) {
                            done(fail(QStringLiteral("Could not %1: the CA reports the account as \"%2\". Create a "
                                                     "new connector with a new account.")
                                          .arg(action, status.isEmpty() ? QStringLiteral("unknown") : status),
                                      QStringLiteral("accountInvalid")));
                            return;
                        }
                        log::get("connectors.acme")
                            ->info("ACME account {} at {}", onlyReturnExisting ? "found" : "registered",
                                   response->location.toStdString());
                        setAccountUrl(response->location);
                        done(response->location);
                    });
}

void AcmeClient::post(const QString& url, std::optional<QJsonObject> payload, const QString& action,
                      AcmeSession::Done done, const QByteArray& accept)
{
    post(url, std::move(payload), action, std::move(done), accept, true);
}

void AcmeClient::post(const QString& url, std::optional<QJsonObject> payload, const QString& action,
                      AcmeSession::Done done, const QByteArray& accept, bool mayReRegister)
{
    key([=, this](Result<std::shared_ptr<const crypto::PrivateKey>> loaded) mutable {
        if (!loaded) {
            done(loaded.error());
            return;
        }
        ensureAccount([=, this](Status account) mutable {
            if (!account) {
                done(account.error());
                return;
            }
            const QString usedAccount = m_accountUrl;
            m_session->post(
                url, m_key, usedAccount, payload, action,
                [=, this](Result<AcmeResponse> response) mutable {
                    if (!response && mayReRegister && response.error().kind == QLatin1String("accountDoesNotExist")) {
                        log::get("connectors.acme")
                            ->warn("The ACME server no longer knows account {}: registering again",
                                   usedAccount.toStdString());
                        if (m_accountUrl == usedAccount) {
                            m_accountUrl.clear();
                            m_knownMissing = true;
                        }
                        post(url, payload, action, done, accept, false);
                        return;
                    }
                    done(std::move(response));
                },
                accept);
        });
    });
}

} // namespace certdeck::acme
