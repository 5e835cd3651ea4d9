#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace certdeck::acme {

// The endpoints of an ACME server (RFC 8555 section 7.1.1; renewalInfo from RFC 9773).
struct AcmeDirectory
{
    QString newNonce;
    QString newAccount;
    QString newOrder;
    QString revokeCert;
    QString keyChange;
    QString renewalInfo; // empty: the CA offers no ACME Renewal Information
    QString termsOfService;
    QString website;
    bool externalAccountRequired = false;
};

struct AcmeResponse
{
    int status = 0;
    QByteArray body;
    QJsonObject json; // when the body is JSON
    QString location;
    QList<QByteArray> links;
    QByteArray contentType;
    std::optional<QDateTime> retryAfter;
};

// One HTTPS conversation with an ACME server: the directory, the nonce pool, signed POST and POST-as-GET with a
// transparent retry on badNonce. Everything is asynchronous on the session's thread; callbacks run there.
class AcmeSession : public QObject
{
public:
    using Done = std::function<void(Result<AcmeResponse>)>;

    // `trustBundlePath`: extra PEM roots for the server's HTTPS (private ACME servers); empty: system roots.
    AcmeSession(QString directoryUrl, QString trustBundlePath, QObject* parent = nullptr);
    ~AcmeSession() override;

    QString directoryUrl() const { return m_directoryUrl; }

    // The directory, fetched once (concurrent callers share one request; failures are not cached).
    void directory(std::function<void(Result<AcmeDirectory>)> done);

    // A JWS-signed POST. `kid` empty: the JWK is embedded. `payload` nullopt: POST-as-GET. `action` names what is
    // being done for error messages ("create the order for www.example.com"). Non-2xx answers become errors
    // whose kind is the problem type ("badNonce" is retried up to 5 times before it is reported).
    void post(const QString& url, std::shared_ptr<const crypto::PrivateKey> key, const QString& kid,
              std::optional<QJsonObject> payload, const QString& action, Done done, const QByteArray& accept = {});

    // An unsigned GET (the directory, renewalInfo).
    void get(const QString& url, const QString& action, Done done);

    static constexpr int kBadNonceRetries = 5;

private:
    struct Post;
    void sendPost(std::shared_ptr<Post> post);
    void withNonce(std::function<void(Result<QByteArray>)> done);
    QNetworkRequest makeRequest(const QString& url) const;
    Result<AcmeResponse> finish(QNetworkReply* reply, const QString& action);
    Status loadTrust();

    QString m_directoryUrl;
    QString m_trustBundlePath;
    QNetworkAccessManager* m_network = nullptr;
    std::optional<AcmeDirectory> m_directory;
    QList<std::function<void(Result<AcmeDirectory>)>> m_directoryWaiters;
    QList<QByteArray> m_nonces;
    std::optional<QSslConfiguration> m_ssl;
};

} // namespace certdeck::acme
