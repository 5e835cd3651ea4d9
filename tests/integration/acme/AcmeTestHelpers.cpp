#include "AcmeTestHelpers.h"

#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateRequest.h"
#include "engine/crypto/PrivateKey.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include <optional>

using namespace certdeck;

namespace acmetest {

QByteArray makeCsr(const QStringList& names)
{
    auto key = crypto::PrivateKey::generate({crypto::KeyAlgorithm::Ec, 256});
    crypto::CsrSubject subject;
    subject.commonName = names.first();
    subject.sans = names;
    auto csr = crypto::CertificateRequest::create(subject, *key);
    if (!csr) {
        qFatal("CSR: %s", qPrintable(csr.message()));
    }
    return csr->toPem();
}

QString verifyChain(const QByteArray& leafPem, const QByteArray& chainPem, const QByteArray& rootPem)
{
    auto leaf = crypto::Certificate::fromPem(leafPem);
    auto chain = crypto::Certificate::chainFromPem(chainPem);
    auto root = crypto::Certificate::fromPem(rootPem);
    if (!leaf || !chain || !root) {
        return QStringLiteral("unreadable certificates");
    }
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, root->get());
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    for (const auto& cert : *chain) {
        sk_X509_push(untrusted, cert.get());
    }
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf->get(), untrusted);
    const int ok = X509_verify_cert(ctx);
    const QString error =
        ok == 1 ? QString() : QString::fromLatin1(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
    X509_STORE_CTX_free(ctx);
    sk_X509_free(untrusted);
    X509_STORE_free(store);
    return error;
}

std::shared_ptr<acme::AcmeConnector> makeConnector(const test::PebbleFixture& pebble, const QString& eabKeyId,
                                                   const QByteArray& eabHmac, const QString& preferredChain)
{
    auto key = crypto::PrivateKey::generate({crypto::KeyAlgorithm::Ec, 256});
    const QByteArray pem = key->toPem();
    acme::AcmeConnectorConfig config;
    config.name = QStringLiteral("pebble");
    config.directoryUrl = pebble.directoryUrl();
    config.trustBundlePath = pebble.trustBundlePath();
    config.account.contactEmail = QStringLiteral("ops@example.test");
    config.account.termsAgreed = true;
    config.account.eabKeyId = eabKeyId;
    config.order.preferredChain = preferredChain;
    config.order.validationTimeout = std::chrono::milliseconds(120000);
    config.httpValidationPort = pebble.httpValidationPort();
    acme::SecretLoader accountKey = [pem](QObject*, std::function<void(Result<QByteArray>)> done) { done(pem); };
    acme::SecretLoader eab;
    if (!eabHmac.isEmpty()) {
        eab = [eabHmac](QObject*, std::function<void(Result<QByteArray>)> done) { done(eabHmac); };
    }
    return std::make_shared<acme::AcmeConnector>(config, accountKey, eab);
}

Result<ca::IssuedCertificate> issueAndWait(ca::CaConnector& connector, const ca::IssueRequest& request, int timeoutMs)
{
    QObject context;
    std::optional<Result<ca::IssuedCertificate>> result;
    QEventLoop loop;
    connector.issue(request, &context, [&](Result<ca::IssuedCertificate> r) {
        result = std::move(r);
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!result) {
        loop.exec();
    }
    if (!result) {
        return fail(QStringLiteral("the order did not finish within %1 ms").arg(timeoutMs),
                    QStringLiteral("testTimeout"));
    }
    return *result;
}

} // namespace acmetest
