#include "connectors/acme/AcmeSession.h"

#include "connectors/acme/AcmeJws.h"
#include "connectors/acme/AcmeProblem.h"
#include "engine/core/Log.h"
#include "engine/core/ResponseBodyLimit.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>

namespace certdeck::acme {
namespace {

constexpr int kTransferTimeoutMs = 60000;
constexpr int kMaxPooledNonces = 256;

QString networkAdvice(QNetworkReply::NetworkError error)
{
    if (error == QNetworkReply::SslHandshakeFailedError) {
        return QStringLiteral("The server's TLS certificate is not trusted: for a private ACME server, set the "
                              "connector's trust bundle to the PEM file of its root.");
    }
    if (error == QNetworkReply::HostNotFoundError) {
        return QStringLiteral("Check the directory URL and the DNS settings.");
    }
    if (error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError) {
        return QStringLiteral("The server did not answer in time: check the network and proxy, then retry.");
    }
    return QStringLiteral("Check the directory URL, the network and any proxy, then retry.");
}

} // namespace

struct AcmeSession::Post
{
    QString url;
    std::shared_ptr<const crypto::PrivateKey> key;
    QString kid;
    std::optional<QJsonObject> payload;
    QString action;
    Done done;
    QByteArray accept;
    int attempt = 0;
};

AcmeSession::AcmeSession(QString directoryUrl, QString trustBundlePath, QObject* parent)
    : QObject(parent)
    , m_directoryUrl(std::move(directoryUrl))
    , m_trustBundlePath(std::move(trustBundlePath))
    , m_network(new QNetworkAccessManager(this))
{
}

AcmeSession::~AcmeSession() = default;

Status AcmeSession::loadTrust()
{
    if (m_ssl) {
        return {};
    }
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!m_trustBundlePath.isEmpty()) {
        QFile file(m_trustBundlePath);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(QStringLiteral("Could not read the ACME trust bundle %1: %2. Fix the path in the connector "
                                       "settings.")
                            .arg(m_trustBundlePath, file.errorString()),
                        QStringLiteral("config"));
        }
        const QList<QSslCertificate> roots = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (roots.isEmpty()) {
            return fail(QStringLiteral("The ACME trust bundle %1 holds no PEM certificate.").arg(m_trustBundlePath),
                        QStringLiteral("config"));
        }
        ssl.addCaCertificates(roots);
    }
    m_ssl = ssl;
    return {};
}

QNetworkRequest AcmeSession::makeRequest(const QString& url) const
{
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("CertDeck/%1 (ACME)").arg(CERTDECK_VERSION));
    request.setTransferTimeout(kTransferTimeoutMs);
    // HTTP/1.1 on purpose: Qt 6.4's HTTP/2 client adds ~40 ms to every request/response round trip (measured
    // against pebble on loopback: 45 ms per POST over HTTP/2, 1-6 ms over HTTP/1.1 with keep-alive).
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (m_ssl) {
        request.setSslConfiguration(*m_ssl);
    }
    return request;
}

Result<AcmeResponse> AcmeSession::finish(QNetworkReply* reply, const QString& action)
{
    AcmeResponse response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    Result<QByteArray> body = readResponseBody(reply, action);
    if (!body) {
        return body.error();
    }
    response.body = std::move(*body);
    response.location = QString::fromUtf8(reply->rawHeader("Location"));
    response.contentType = reply->rawHeader("Content-Type");
    response.retryAfter = AcmeProblem::parseRetryAfter(reply->rawHeader("Retry-After"));
    for (const auto& pair : reply->rawHeaderPairs()) {
        if (pair.first.compare("Link", Qt::CaseInsensitive) == 0) {
            response.links.append(pair.second);
        }
    }
    const QByteArray nonce = reply->rawHeader("Replay-Nonce");
    if (!nonce.isEmpty() && m_nonces.size() < kMaxPooledNonces) {
        m_nonces.append(nonce);
    }
    if (response.status == 0) {
        return fail(QStringLiteral("Could not %1: the ACME server %2 did not answer (%3). %4")
                        .arg(action, reply->url().host(), reply->errorString(), networkAdvice(reply->error())),
                    QStringLiteral("network"));
    }
    const QJsonDocument document = QJsonDocument::fromJson(response.body);
    if (document.isObject()) {
        response.json = document.object();
    }
    if (response.status >= 400) {
        Error error = response.contentType.startsWith("application/problem+json") || response.json.contains("type")
                          ? AcmeProblem::toError(response.json, action, response.status, response.retryAfter)
                          : AcmeProblem::httpError(response.status, response.body, action);
        // Kinds the job queue's retry policy branches on: the CA is down or overloaded (5xx) is transient,
        // and so is a rate limit; Retry-After says when to come back.
        if (response.status >= 500 && error.kind != QLatin1String("rateLimited")) {
            error.kind = QStringLiteral("unavailable");
        }
        if (response.retryAfter) {
            error.retryAfter = *response.retryAfter;
        }
        return error;
    }
    return response;
}

void AcmeSession::get(const QString& url, const QString& action, Done done)
{
    if (Status trust = loadTrust(); !trust) {
        done(trust.error());
        return;
    }
    QNetworkReply* reply = m_network->get(makeRequest(url));
    limitResponseBody(reply, bodylimit::json);
    connect(reply, &QNetworkReply::finished, this, [this, reply, action, done = std::move(done)]() {
        reply->deleteLater();
        done(finish(reply, action));
    });
}

void AcmeSession::directory(std::function<void(Result<AcmeDirectory>)> done)
{
    if (m_directory) {
        done(*m_directory);
        return;
    }
    m_directoryWaiters.append(std::move(done));
    if (m_directoryWaiters.size() > 1) {
        return;
    }
    get(m_directoryUrl, QStringLiteral("read the ACME directory %1").arg(m_directoryUrl),
        [this](Result<AcmeResponse> response) {
            Result<AcmeDirectory> result = fail(QString());
            if (!response) {
                result = response.error();
            } else {
                const QJsonObject& json = response->json;
                AcmeDirectory dir;
                dir.newNonce = json.value(QStringLiteral("newNonce")).toString();
                dir.newAccount = json.value(QStringLiteral("newAccount")).toString();
                dir.newOrder = json.value(QStringLiteral("newOrder")).toString();
                dir.revokeCert = json.value(QStringLiteral("revokeCert")).toString();
                dir.keyChange = json.value(QStringLiteral("keyChange")).toString();
                dir.renewalInfo = json.value(QStringLiteral("renewalInfo")).toString();
                const QJsonObject meta = json.value(QStringLiteral("meta")).toObject();
                dir.termsOfService = meta.value(QStringLiteral("termsOfService")).toString();
                dir.website = meta.value(QStringLiteral("website")).toString();
                dir.externalAccountRequired = meta.value(QStringLiteral("externalAccountRequired")).toBool();
                if (dir.newNonce.isEmpty() || dir.newAccount.isEmpty() || dir.newOrder.isEmpty()) {
                    result = fail(QStringLiteral("%1 is not an ACME directory (newNonce, newAccount or newOrder is "
                                                 "missing). Check the directory URL of the connector.")
                                      .arg(m_directoryUrl),
                                  QStringLiteral("config"));
                } else {
                    m_directory = dir;
                    result = dir;
                }
            }
            const auto waiters = std::exchange(m_directoryWaiters, {});
            for (const auto& waiter : waiters) {
                waiter(result);
            }
        });
}

void AcmeSession::withNonce(std::function<void(Result<QByteArray>)> done)
{
    if (!m_nonces.isEmpty()) {
        done(m_nonces.takeLast());
        return;
    }
    directory([this, done = std::move(done)](Result<AcmeDirectory> dir) {
        if (!dir) {
            done(dir.error());
            return;
        }
        QNetworkReply* reply = m_network->head(makeRequest(dir->newNonce));
        limitResponseBody(reply, bodylimit::json);
        connect(reply, &QNetworkReply::finished, this, [this, reply, done]() {
            reply->deleteLater();
            auto response = finish(reply, QStringLiteral("get a nonce from the ACME server"));
            if (!response) {
                done(response.error());
                return;
            }
            if (m_nonces.isEmpty()) {
                done(fail(QStringLiteral("The ACME server sent no Replay-Nonce: it does not follow RFC 8555."),
                          QStringLiteral("protocol")));
                return;
            }
            done(m_nonces.takeLast());
        });
    });
}

void AcmeSession::post(const QString& url, std::shared_ptr<const crypto::PrivateKey> key, const QString& kid,
                       std::optional<QJsonObject> payload, const QString& action, Done done, const QByteArray& accept)
{
    if (Status trust = loadTrust(); !trust) {
        done(trust.error());
        return;
    }
    auto post = std::make_shared<Post>();
    post->url = url;
    post->key = std::move(key);
    post->kid = kid;
    post->payload = std::move(payload);
    post->action = action;
    post->done = std::move(done);
    post->accept = accept;
    sendPost(std::move(post));
}

void AcmeSession::sendPost(std::shared_ptr<Post> post)
{
    withNonce([this, post](Result<QByteArray> nonce) {
        if (!nonce) {
            post->done(nonce.error());
            return;
        }
        auto body =
            AcmeJws::request(*post->key, post->kid, *nonce, post->url, post->payload ? &*post->payload : nullptr);
        if (!body) {
            post->done(body.error());
            return;
        }
        QNetworkRequest request = makeRequest(post->url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/jose+json"));
        if (!post->accept.isEmpty()) {
            request.setRawHeader("Accept", post->accept);
        }
        QNetworkReply* reply = m_network->post(request, *body);
        // A certificate download answers with a PEM chain; everything else with JSON.
        limitResponseBody(reply, post->accept.contains("pem-certificate-chain") ? bodylimit::certificateChain
                                                                                : bodylimit::json);
        const qint64 sentAt = QDateTime::currentMSecsSinceEpoch();
        connect(reply, &QNetworkReply::finished, this, [this, reply, post, sentAt]() {
            reply->deleteLater();
            auto response = finish(reply, post->action);
            log::get("connectors.acme")
                ->debug("POST {} -> {} in {} ms", post->url.toStdString(),
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                        QDateTime::currentMSecsSinceEpoch() - sentAt);
            if (!response && response.error().kind == QLatin1String("badNonce") && post->attempt < kBadNonceRetries) {
                ++post->attempt;
                log::get("connectors.acme")
                    ->debug("badNonce from {}, retry {}", post->url.toStdString(), post->attempt);
                sendPost(post);
                return;
            }
            post->done(std::move(response));
        });
    });
}

} // namespace certdeck::acme
