#include "connectors/acme/AcmeConnector.h"

#include "connectors/acme/AcmeJws.h"
#include "connectors/acme/AcmeSession.h"
#include "engine/core/Async.h"
#include "engine/crypto/Certificate.h"

#include <QPointer>
#include <QThread>

namespace certdeck::acme {
namespace {

// Hands a result to `done` on the thread of `context`, unless the context is gone.
template <typename T>
std::function<void(T)> toContext(QObject* context, std::function<void(T)> done)
{
    QPointer<QObject> guard(context);
    return [guard, done = std::move(done)](T result) mutable {
        if (!guard || !done) {
            return;
        }
        certdeck::deliverTo(
            guard.data(), [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
    };
}

} // namespace

AcmeConnector::AcmeConnector(AcmeConnectorConfig config, SecretLoader accountKey, SecretLoader eabHmacKey)
    : m_config(std::move(config))
    , m_home(std::make_unique<QObject>())
{
    m_session = new AcmeSession(m_config.directoryUrl, m_config.trustBundlePath, m_home.get());
    m_client = new AcmeClient(m_session, m_config.account, std::move(accountKey), std::move(eabHmacKey),
                              m_config.accountUrl, m_home.get());
}

AcmeConnector::~AcmeConnector() = default;

void AcmeConnector::setAccountUrlObserver(std::function<void(const QString&)> observer)
{
    m_client->onAccountUrlChanged = [this, observer = std::move(observer)](const QString& url) {
        m_config.accountUrl = url;
        if (observer) {
            observer(url);
        }
    };
}

template <typename Fn>
void AcmeConnector::onHomeThread(Fn fn)
{
    if (QThread::currentThread() == m_home->thread()) {
        fn();
        return;
    }
    QMetaObject::invokeMethod(m_home.get(), std::move(fn), Qt::QueuedConnection);
}

void AcmeConnector::issue(const ca::IssueRequest& request, QObject* context,
                          std::function<void(Result<ca::IssuedCertificate>)> done)
{
    auto deliver = toContext<Result<ca::IssuedCertificate>>(context, std::move(done));
    onHomeThread([this, request, deliver]() {
        auto* order = new AcmeOrder(m_client, request, m_config.order, deliver, m_home.get());
        order->start();
    });
}

void AcmeConnector::revoke(const QByteArray& certificatePem, ca::RevocationReason reason, QObject* context,
                           std::function<void(Status)> done)
{
    auto deliver = toContext<Status>(context, std::move(done));
    onHomeThread([this, certificatePem, reason, deliver]() {
        auto cert = crypto::Certificate::fromData(certificatePem);
        if (!cert) {
            deliver(fail(QStringLiteral("Could not revoke: %1").arg(cert.message()), QStringLiteral("badCertificate")));
            return;
        }
        const QString what =
            QStringLiteral("revoke the certificate %1 (serial %2)").arg(cert->commonName(), cert->serialHex());
        m_session->directory([this, der = cert->toDer(), reason, what, deliver](Result<AcmeDirectory> dir) {
            if (!dir) {
                deliver(dir.error());
                return;
            }
            if (dir->revokeCert.isEmpty()) {
                deliver(fail(QStringLiteral("The ACME CA %1 offers no revocation.").arg(m_config.name),
                             QStringLiteral("notSupported")));
                return;
            }
            const QJsonObject payload{{QStringLiteral("certificate"), QString::fromLatin1(base64Url(der))},
                                      {QStringLiteral("reason"), static_cast<int>(reason)}};
            m_client->post(dir->revokeCert, payload, what, [deliver](Result<AcmeResponse> response) {
                deliver(response ? Status() : Status(response.error()));
            });
        });
    });
}

void AcmeConnector::suspend(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done)
{
    Q_UNUSED(certificatePem)
    toContext<Status>(context, std::move(done))(
        fail(QStringLiteral("ACME CAs cannot suspend (hold) certificates: revoke the certificate instead, or use the "
                            "built-in CA for certificates that need holds."),
             QStringLiteral("notSupported")));
}

void AcmeConnector::resume(const QByteArray& certificatePem, QObject* context, std::function<void(Status)> done)
{
    Q_UNUSED(certificatePem)
    toContext<Status>(context, std::move(done))(
        fail(QStringLiteral("ACME CAs cannot resume certificates: they never put certificates on hold."),
             QStringLiteral("notSupported")));
}

void AcmeConnector::renewalWindow(const QByteArray& certificatePem, QObject* context,
                                  std::function<void(Result<ca::RenewalWindow>)> done)
{
    auto deliver = toContext<Result<ca::RenewalWindow>>(context, std::move(done));
    onHomeThread([this, certificatePem, deliver]() {
        m_session->directory([this, certificatePem, deliver](Result<AcmeDirectory> dir) {
            if (!dir) {
                deliver(dir.error());
                return;
            }
            if (dir->renewalInfo.isEmpty()) {
                deliver(fail(QStringLiteral("The ACME CA \"%1\" does not offer renewal information (RFC 9773): "
                                            "renewals follow the configured schedule.")
                                 .arg(m_config.name),
                             QStringLiteral("notOffered")));
                return;
            }
            auto certId = renewalCertId(certificatePem);
            if (!certId) {
                deliver(certId.error());
                return;
            }
            QString url = dir->renewalInfo;
            if (!url.endsWith(QLatin1Char('/'))) {
                url += QLatin1Char('/');
            }
            m_session->get(url + *certId, QStringLiteral("read the CA's renewal information"),
                           [deliver](Result<AcmeResponse> response) {
                               if (!response) {
                                   deliver(response.error());
                                   return;
                               }
                               deliver(parseRenewalInfo(response->json, response->retryAfter));
                           });
        });
    });
}

} // namespace certdeck::acme
