#include "connectors/acme/AcmeOrder.h"

#include "connectors/acme/AcmeClient.h"
#include "connectors/acme/AcmeJws.h"
#include "connectors/acme/AcmeProblem.h"
#include "engine/core/Log.h"
#include "engine/crypto/CertificateRequest.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QTimer>

namespace certdeck::acme {
namespace {

constexpr int kMaxTransientPollFailures = 3;

// Wraps a callback so it does nothing once the order is gone.
template <typename Fn>
auto guarded(AcmeOrder* order, Fn fn)
{
    return [self = QPointer<AcmeOrder>(order), fn = std::move(fn)](auto&&... args) mutable {
        if (self) {
            fn(std::forward<decltype(args)>(args)...);
        }
    };
}

bool isTransient(const Error& error)
{
    return error.kind == QLatin1String("network") || error.kind == QLatin1String("serverInternal") ||
           error.kind == QLatin1String("unavailable") || error.kind == QLatin1String("http");
}

QJsonObject identifierJson(const QString& name)
{
    const bool ip = !QHostAddress(name).isNull();
    return QJsonObject{{QStringLiteral("type"), ip ? QStringLiteral("ip") : QStringLiteral("dns")},
                       {QStringLiteral("value"), name}};
}

} // namespace

AcmeOrder::AcmeOrder(AcmeClient* client, ca::IssueRequest request, AcmeOrderOptions options, Done done, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
    , m_options(std::move(options))
    , m_done(std::move(done))
{
}

AcmeOrder::~AcmeOrder()
{
    // Destroyed with its connector while still running: the caller still gets an answer.
    if (m_done) {
        auto done = std::exchange(m_done, {});
        if (m_presented) {
            log::get("connectors.acme")
                ->warn("The order for {} stopped before its validation answers were removed", names().toStdString());
        }
        done(fail(QStringLiteral("The order for %1 was stopped because its ACME connector was removed or the "
                                 "application is closing. Order again.")
                      .arg(names()),
                  QStringLiteral("cancelled")));
    }
}

QString AcmeOrder::names() const
{
    return m_identifiers.join(QStringLiteral(", "));
}

void AcmeOrder::progress(const QString& step, int percent)
{
    if (m_request.validator) {
        m_request.validator->progress(step, percent);
    }
}

void AcmeOrder::start()
{
    if (!m_request.validator) {
        failWith(fail(QStringLiteral("Domain validation is not configured for this certificate: an ACME CA must "
                                     "validate the domains. Configure DCV (automatic file DCV, dns-01 or manual) "
                                     "in the provisioning configuration."),
                      QStringLiteral("validationNotConfigured")));
        return;
    }
    auto csr = crypto::CertificateRequest::fromPem(m_request.csrPem);
    if (!csr) {
        failWith(fail(QStringLiteral("The certificate request cannot be sent to the ACME CA: %1").arg(csr.message()),
                      QStringLiteral("badCSR")));
        return;
    }
    QStringList requested = csr->subjectAltNames();
    if (!csr->commonName().isEmpty()) {
        requested.prepend(csr->commonName());
    }
    for (const QString& name : std::as_const(requested)) {
        const QString normal = name.trimmed().toLower();
        if (!normal.isEmpty() && !m_identifiers.contains(normal)) {
            m_identifiers.append(normal);
        }
    }
    if (m_identifiers.isEmpty()) {
        failWith(fail(QStringLiteral("The certificate request names no domain: an ACME CA needs at least one DNS name "
                                     "or IP address."),
                      QStringLiteral("badCSR")));
        return;
    }
    if (!m_client) {
        failWith(fail(QStringLiteral("The ACME connector was removed.")));
        return;
    }
    progress(QStringLiteral("ordering %1").arg(names()), 5);
    m_client->session()->directory(guarded(this, [this](Result<AcmeDirectory> dir) {
        if (!dir) {
            failWith(dir.error());
            return;
        }
        QString replaces;
        if (!dir->renewalInfo.isEmpty() && !m_request.replacesCertificatePem.isEmpty()) {
            if (auto certId = renewalCertId(m_request.replacesCertificatePem)) {
                replaces = *certId;
            }
        }
        const QString resumeUrl = m_request.resumeState.value(QStringLiteral("orderUrl")).toString();
        if (!resumeUrl.isEmpty()) {
            resumeOrder(resumeUrl, dir->newOrder, replaces);
            return;
        }
        createOrder(dir->newOrder, replaces);
    }));
}

void AcmeOrder::createOrder(const QString& newOrderUrl, const QString& replaces)
{
    QJsonArray identifiers;
    for (const QString& name : std::as_const(m_identifiers)) {
        identifiers.append(identifierJson(name));
    }
    QJsonObject payload{{QStringLiteral("identifiers"), identifiers}};
    if (!replaces.isEmpty()) {
        payload.insert(QStringLiteral("replaces"), replaces);
    }
    m_client->post(newOrderUrl, payload, QStringLiteral("create the order for %1").arg(names()),
                   guarded(this, [this, newOrderUrl, replaces](Result<AcmeResponse> response) {
                       if (!response && !replaces.isEmpty() &&
                           response.error().kind == QLatin1String("alreadyReplaced")) {
                           // The old certificate was already renewed elsewhere: order without "replaces".
                           createOrder(newOrderUrl, QString());
                           return;
                       }
                       if (!response) {
                           failWith(response.error());
                           return;
                       }
                       m_orderUrl = response->location;
                       m_finalizeUrl = response->json.value(QStringLiteral("finalize")).toString();
                       if (m_orderUrl.isEmpty() || m_finalizeUrl.isEmpty()) {
                           failWith(fail(QStringLiteral("The ACME CA answered the order for %1 without an order URL "
                                                        "or finalize URL: it does not follow RFC 8555.")
                                             .arg(names()),
                                         QStringLiteral("protocol")));
                           return;
                       }
                       orderCreated(response->json);
                   }));
}

void AcmeOrder::fetchAuthorizations(const QJsonObject& order)
{
    const QJsonArray urls = order.value(QStringLiteral("authorizations")).toArray();
    if (order.value(QStringLiteral("status")).toString() == QLatin1String("ready") || urls.isEmpty()) {
        finalizeOrder();
        return;
    }
    m_authorizations.clear();
    for (const auto& url : urls) {
        Authorization authz;
        authz.url = url.toString();
        m_authorizations.append(authz);
    }
    m_authzOutstanding = m_authorizations.size();
    for (int i = 0; i < m_authorizations.size(); ++i) {
        m_client->post(m_authorizations.at(i).url, std::nullopt,
                       QStringLiteral("read the authorizations of the order for %1").arg(names()),
                       guarded(this, [this, i](Result<AcmeResponse> response) {
                           if (m_finished) {
                               return;
                           }
                           if (!response) {
                               failWith(response.error());
                               return;
                           }
                           onAuthorization(i, response->json);
                       }));
    }
}

void AcmeOrder::onAuthorization(int index, const QJsonObject& authz)
{
    Authorization& entry = m_authorizations[index];
    entry.identifier = authz.value(QStringLiteral("identifier")).toObject().value(QStringLiteral("value")).toString();
    entry.wildcard = authz.value(QStringLiteral("wildcard")).toBool();
    entry.status = authz.value(QStringLiteral("status")).toString();
    const QString shown = entry.wildcard ? QStringLiteral("*.") + entry.identifier : entry.identifier;
    if (entry.status == QLatin1String("pending")) {
        const QJsonArray challenges = authz.value(QStringLiteral("challenges")).toArray();
        QStringList offered;
        for (const auto& value : challenges) {
            offered << value.toObject().value(QStringLiteral("type")).toString();
        }
        for (const QString& type : m_request.validator->challengeTypes()) {
            if (entry.wildcard && type != QLatin1String("dns-01")) {
                continue;
            }
            for (const auto& value : challenges) {
                const QJsonObject challenge = value.toObject();
                if (challenge.value(QStringLiteral("type")).toString() != type) {
                    continue;
                }
                entry.challengeUrl = challenge.value(QStringLiteral("url")).toString();
                entry.challengeType = type;
                ca::ChallengeTask task;
                task.identifier = entry.identifier;
                task.wildcard = entry.wildcard;
                task.type = type;
                task.token = challenge.value(QStringLiteral("token")).toString();
                task.keyAuthorization = task.token + QLatin1Char('.') + QString::fromLatin1(m_client->thumbprint());
                if (type == QLatin1String("dns-01")) {
                    task.dnsRecordName = QStringLiteral("_acme-challenge.%1.").arg(entry.identifier);
                    task.dnsRecordValue = QString::fromLatin1(base64Url(
                        QCryptographicHash::hash(task.keyAuthorization.toUtf8(), QCryptographicHash::Sha256)));
                }
                m_tasks.append(task);
                break;
            }
            if (!entry.challengeUrl.isEmpty()) {
                break;
            }
        }
        if (entry.challengeUrl.isEmpty()) {
            failWith(fail(QStringLiteral("The ACME CA offers no challenge for %1 that the configured domain "
                                         "validation can answer (the CA offers %2; the validation supports %3%4). "
                                         "Choose another validation method.")
                              .arg(shown, offered.join(QStringLiteral(", ")),
                                   m_request.validator->challengeTypes().join(QStringLiteral(", ")),
                                   entry.wildcard ? QStringLiteral("; wildcard names need dns-01") : QString()),
                          QStringLiteral("noSupportedChallenge")));
            return;
        }
    } else if (entry.status != QLatin1String("valid")) {
        failWith(fail(QStringLiteral("The ACME CA reports the authorization for %1 as \"%2\": order again.")
                          .arg(shown, entry.status),
                      QStringLiteral("authorizationInvalid")));
        return;
    }
    if (--m_authzOutstanding == 0) {
        presentChallenges();
    }
}

void AcmeOrder::presentChallenges()
{
    if (m_tasks.isEmpty()) {
        finalizeOrder(); // every authorization is already valid (reused)
        return;
    }
    progress(QStringLiteral("preparing domain validation for %1").arg(names()), 20);
    m_presented = true;
    m_request.validator->present(m_tasks, this, [this](Status status) {
        if (m_finished) {
            return;
        }
        if (!status) {
            validationFinished(fail(
                QStringLiteral("Domain validation for %1 could not be prepared: %2").arg(names(), status.message()),
                status.error().kind.isEmpty() ? QStringLiteral("validationFailed") : status.error().kind));
            return;
        }
        respondToChallenges();
    });
}

void AcmeOrder::respondToChallenges()
{
    progress(QStringLiteral("the CA validates %1").arg(names()), 40);
    m_deadline = QDeadlineTimer(m_options.validationTimeout.count());
    for (int i = 0; i < m_authorizations.size(); ++i) {
        const Authorization& entry = m_authorizations.at(i);
        if (entry.challengeUrl.isEmpty()) {
            continue;
        }
        ++m_authzOutstanding;
        m_client->post(entry.challengeUrl, QJsonObject(),
                       QStringLiteral("ask the CA to validate %1 (%2)").arg(entry.identifier, entry.challengeType),
                       guarded(this, [this, i](Result<AcmeResponse> response) {
                           if (m_finished) {
                               return;
                           }
                           if (!response) {
                               validationFinished(response.error());
                               return;
                           }
                           pollAuthorization(i, m_options.poll.delay(0, response->retryAfter));
                       }));
    }
}

void AcmeOrder::pollAuthorization(int index, std::chrono::milliseconds after)
{
    if (m_deadline.hasExpired()) {
        validationFinished(fail(QStringLiteral("The ACME CA did not finish validating %1 within %2 seconds. Retry "
                                               "later; check the CA's status page if it persists.")
                                    .arg(m_authorizations.at(index).identifier)
                                    .arg(m_options.validationTimeout.count() / 1000),
                                QStringLiteral("timeout")));
        return;
    }
    QTimer::singleShot(after, this, [this, index]() {
        if (m_finished) {
            return;
        }
        m_client->post(m_authorizations.at(index).url, std::nullopt,
                       QStringLiteral("check the validation of %1").arg(m_authorizations.at(index).identifier),
                       guarded(this, [this, index](Result<AcmeResponse> response) {
                           onAuthorizationPolled(index, std::move(response));
                       }));
    });
}

void AcmeOrder::onAuthorizationPolled(int index, Result<AcmeResponse> response)
{
    if (m_finished) {
        return;
    }
    Authorization& entry = m_authorizations[index];
    if (!response) {
        if (isTransient(response.error()) && ++entry.transientFailures <= kMaxTransientPollFailures) {
            pollAuthorization(index, m_options.poll.delay(++entry.polls, std::nullopt));
            return;
        }
        validationFinished(response.error());
        return;
    }
    const QJsonObject& authz = response->json;
    entry.status = authz.value(QStringLiteral("status")).toString();
    if (entry.status == QLatin1String("valid")) {
        if (--m_authzOutstanding == 0) {
            validationFinished({});
        }
        return;
    }
    if (entry.status == QLatin1String("pending") || entry.status == QLatin1String("processing")) {
        pollAuthorization(index, m_options.poll.delay(++entry.polls, response->retryAfter));
        return;
    }
    // invalid (or deactivated, expired, revoked): report the challenge's problem.
    const QString shown = entry.wildcard ? QStringLiteral("*.") + entry.identifier : entry.identifier;
    const QString action = QStringLiteral("validate %1 by %2").arg(shown, entry.challengeType);
    const QJsonArray challenges = authz.value(QStringLiteral("challenges")).toArray();
    for (const auto& value : challenges) {
        const QJsonObject challenge = value.toObject();
        if (challenge.contains(QStringLiteral("error"))) {
            validationFinished(AcmeProblem::toError(challenge.value(QStringLiteral("error")).toObject(), action));
            return;
        }
    }
    validationFinished(fail(QStringLiteral("Could not %1: the CA reports the authorization as \"%2\" without a "
                                           "reason. Check the validation answer and order again.")
                                .arg(action, entry.status),
                            QStringLiteral("authorizationInvalid")));
}

void AcmeOrder::validationFinished(Status status)
{
    if (m_finished) {
        return;
    }
    // From here on no other callback of this order may act: cleanUp runs once, then the order goes on or fails.
    const bool failed = !status;
    if (failed) {
        m_finished = true;
    }
    progress(QStringLiteral("removing the validation answers for %1").arg(names()), 60);
    m_request.validator->cleanUp(m_tasks, this, [this, status, failed]() {
        m_presented = false;
        if (failed) {
            m_finished = false;
            failWith(status.error());
            return;
        }
        finalizeOrder();
    });
}

void AcmeOrder::finalizeOrder()
{
    progress(QStringLiteral("finalizing the order for %1").arg(names()), 70);
    auto csr = crypto::CertificateRequest::fromPem(m_request.csrPem);
    if (!csr) {
        failWith(csr.error());
        return;
    }
    m_deadline = QDeadlineTimer(m_options.validationTimeout.count());
    const QJsonObject payload{{QStringLiteral("csr"), QString::fromLatin1(base64Url(csr->toDer()))}};
    m_client->post(m_finalizeUrl, payload, QStringLiteral("finalize the order for %1").arg(names()),
                   guarded(this, [this](Result<AcmeResponse> response) {
                       if (!response) {
                           failWith(response.error());
                           return;
                       }
                       onOrderState(response->json, response->retryAfter);
                   }));
}

void AcmeOrder::onOrderState(const QJsonObject& order, const std::optional<QDateTime>& retryAfter)
{
    const QString status = order.value(QStringLiteral("status")).toString();
    if (status == QLatin1String("valid")) {
        download(order.value(QStringLiteral("certificate")).toString());
        return;
    }
    if (status == QLatin1String("invalid")) {
        const QJsonObject problem = order.value(QStringLiteral("error")).toObject();
        failWith(problem.isEmpty()
                     ? fail(QStringLiteral("The ACME CA refused to issue the certificate for %1 (the "
                                           "order became invalid). Order again.")
                                .arg(names()),
                            QStringLiteral("orderInvalid"))
                     : AcmeProblem::toError(problem, QStringLiteral("issue the certificate for %1").arg(names())));
        return;
    }
    if (m_deadline.hasExpired()) {
        failWith(fail(QStringLiteral("The ACME CA did not issue the certificate for %1 within %2 seconds. Retry "
                                     "later.")
                          .arg(names())
                          .arg(m_options.validationTimeout.count() / 1000),
                      QStringLiteral("timeout")));
        return;
    }
    QTimer::singleShot(m_options.poll.delay(m_orderPolls++, retryAfter), this, [this]() {
        m_client->post(m_orderUrl, std::nullopt, QStringLiteral("check the order for %1").arg(names()),
                       guarded(this, [this](Result<AcmeResponse> response) {
                           if (!response) {
                               failWith(response.error());
                               return;
                           }
                           onOrderState(response->json, response->retryAfter);
                       }));
    });
}

void AcmeOrder::download(const QString& certificateUrl)
{
    progress(QStringLiteral("downloading the certificate for %1").arg(names()), 90);
    m_client->post(certificateUrl, std::nullopt, QStringLiteral("download the certificate for %1").arg(names()),
                   guarded(this,
                           [this, certificateUrl](Result<AcmeResponse> response) {
                               if (!response) {
                                   failWith(response.error());
                                   return;
                               }
                               QStringList alternates =
                                   linkTargets(response->links, QStringLiteral("alternate"), QUrl(certificateUrl));
                               const QString preferred = m_options.preferredChain.trimmed();
                               if (preferred.isEmpty() || alternates.isEmpty() ||
                                   topIssuerCommonName(response->body).compare(preferred, Qt::CaseInsensitive) == 0) {
                                   finish(splitIssuedChain(response->body));
                                   return;
                               }
                               downloadAlternates({response->body}, alternates);
                           }),
                   QByteArrayLiteral("application/pem-certificate-chain"));
}

void AcmeOrder::downloadAlternates(QList<QByteArray> chains, QStringList alternates)
{
    if (alternates.isEmpty()) {
        const int chosen = choosePreferredChain(chains, m_options.preferredChain);
        if (chosen == 0) {
            log::get("connectors.acme")
                ->info("No chain of the certificate for {} has the preferred issuer \"{}\": using the default",
                       names().toStdString(), m_options.preferredChain.toStdString());
        }
        finish(splitIssuedChain(chains.at(chosen)));
        return;
    }
    const QString next = alternates.takeFirst();
    m_client->post(next, std::nullopt, QStringLiteral("download an alternate chain for %1").arg(names()),
                   guarded(this,
                           [this, chains, alternates](Result<AcmeResponse> response) mutable {
                               if (!response) {
                                   failWith(response.error());
                                   return;
                               }
                               chains.append(response->body);
                               if (topIssuerCommonName(response->body)
                                       .compare(m_options.preferredChain.trimmed(), Qt::CaseInsensitive) == 0) {
                                   finish(splitIssuedChain(response->body));
                                   return;
                               }
                               downloadAlternates(chains, alternates);
                           }),
                   QByteArrayLiteral("application/pem-certificate-chain"));
}

void AcmeOrder::failWith(Error error)
{
    if (m_presented && !m_finished) {
        // Validation answers are out there: remove them before reporting.
        validationFinished(Status(std::move(error)));
        return;
    }
    finish(std::move(error));
}

void AcmeOrder::finish(Result<ca::IssuedCertificate> result)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (result) {
        log::get("connectors.acme")
            ->info("Issued the certificate for {} (serial {})", names().toStdString(), result->serialHex.toStdString());
        progress(QStringLiteral("issued"), 100);
    } else {
        log::get("connectors.acme")
            ->warn("Order for {} failed: {}", names().toStdString(), result.message().toStdString());
    }
    if (m_done) {
        auto done = std::exchange(m_done, {});
        done(std::move(result));
    }
    deleteLater();
}

} // namespace certdeck::acme
