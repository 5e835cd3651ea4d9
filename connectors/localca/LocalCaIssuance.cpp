#include "connectors/localca/LocalCaIssuance.h"

#include "engine/core/Log.h"
#include "engine/crypto/CertificateBuilder.h"
#include "engine/crypto/CertificateRequest.h"
#include "engine/store/Database.h"
#include "engine/store/LocalCaRepository.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace certdeck::localca {

namespace {

Status checkRequestKey(const crypto::CertificateRequest& csr)
{
    EVP_PKEY* key = X509_REQ_get0_pubkey(csr.get());
    if (!key) {
        return fail(QStringLiteral("The CSR for \"%1\" carries no readable public key: create a new CSR.")
                        .arg(csr.commonName()));
    }
    const int type = EVP_PKEY_get_base_id(key);
    const int bits = EVP_PKEY_get_bits(key);
    if (type == EVP_PKEY_RSA || type == EVP_PKEY_RSA_PSS) {
        if (bits < 2048) {
            return fail(QStringLiteral("The CSR for \"%1\" uses an RSA key of %2 bits; the CA requires at least 2048 "
                                       "bits: create a new key and CSR with RSA 2048 or larger.")
                            .arg(csr.commonName())
                            .arg(bits),
                        QStringLiteral("weakKey"));
        }
        return {};
    }
    if (type == EVP_PKEY_EC) {
        if (bits < 256) {
            return fail(QStringLiteral("The CSR for \"%1\" uses an EC key of %2 bits; the CA requires P-256 or "
                                       "stronger.")
                            .arg(csr.commonName())
                            .arg(bits),
                        QStringLiteral("weakKey"));
        }
        return {};
    }
    return fail(QStringLiteral("The CSR for \"%1\" uses a key type the CA does not issue for (%2): use RSA or EC.")
                    .arg(csr.commonName(), QString::fromLatin1(OBJ_nid2sn(type))),
                QStringLiteral("weakKey"));
}

crypto::DigestAlgorithm digestFor(const crypto::Certificate& issuer)
{
    return issuer.keyAlgorithm() == QStringLiteral("EC") && issuer.keyBits() >= 384 ? crypto::DigestAlgorithm::Sha384
                                                                                    : crypto::DigestAlgorithm::Sha256;
}

// The certificate issued earlier for request.requestId, if any; refused when it was for another key.
Result<std::optional<ca::IssuedCertificate>> issuedEarlier(const store::LocalCaRepository& repository,
                                                           const LoadedCa& ca, const QString& caName,
                                                           const ca::IssueRequest& request,
                                                           const crypto::CertificateRequest& csr)
{
    auto row = repository.issuedForRequest(request.requestId);
    if (!row.ok()) {
        return row.error();
    }
    if (!row->has_value() || row->value().certificatePem.isEmpty()) {
        return std::optional<ca::IssuedCertificate>();
    }
    auto stored = crypto::Certificate::fromPem(row->value().certificatePem);
    if (!stored.ok()) {
        return fail(QStringLiteral("The built-in CA \"%1\" already issued a certificate for request %2, but the "
                                   "stored copy is unreadable: %3")
                        .arg(caName, request.requestId, stored.message()));
    }
    if (EVP_PKEY_eq(X509_get0_pubkey(stored->get()), X509_REQ_get0_pubkey(csr.get())) != 1) {
        return fail(QStringLiteral("The built-in CA \"%1\" already issued a certificate for request %2 with another "
                                   "key; start a new request.")
                        .arg(caName, request.requestId),
                    QStringLiteral("conflict"));
    }
    ca::IssuedCertificate issued;
    issued.certificatePem = row->value().certificatePem;
    if (ca.intermediateRow) {
        issued.chainPem = ca.intermediate.toPem();
    }
    issued.serialHex = stored->serialHex();
    log::get("connectors.localca")
        ->info("Local CA '{}' already issued serial {} for request {}; handing out the same certificate",
               caName.toStdString(), issued.serialHex.toStdString(), request.requestId.toStdString());
    return std::optional<ca::IssuedCertificate>(issued);
}

} // namespace

Result<ca::IssuedCertificate> issueFromCsr(const LocalCaBackend& backend, const QString& caName,
                                           const ca::IssueRequest& request)
{
    if (!request.profile.isEmpty() && request.profile != QStringLiteral("tls-server")) {
        return fail(QStringLiteral("The built-in CA \"%1\" has no profile \"%2\": use \"tls-server\".")
                        .arg(caName, request.profile));
    }
    if (request.validityDays < 1) {
        return fail(QStringLiteral("The requested validity of %1 days is not possible: request at least 1 day.")
                        .arg(request.validityDays));
    }
    auto csr = crypto::CertificateRequest::fromPem(request.csrPem);
    if (!csr) {
        return fail(QStringLiteral("The built-in CA \"%1\" refused the CSR: %2").arg(caName, csr.message()),
                    QStringLiteral("badCsr"));
    }
    if (Status key = checkRequestKey(*csr); !key) {
        return key.error();
    }

    auto ca = loadLocalCa(*backend.db, caName);
    if (!ca) {
        return ca.error();
    }
    const crypto::Certificate& issuer = ca->issuingCertificate();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime notAfter = now.addDays(request.validityDays);
    if (notAfter > issuer.notAfter()) {
        const qint64 maxDays = std::max<qint64>(0, now.daysTo(issuer.notAfter()) - 1);
        return fail(
            QStringLiteral("The requested validity of %1 days would end on %2, after the issuing CA "
                           "certificate \"%3\" expires on %4. The built-in CA refuses such requests (it does "
                           "not shorten them): request at most %5 days, or renew the CA.")
                .arg(request.validityDays)
                .arg(notAfter.toString(Qt::ISODate), issuer.commonName(), issuer.notAfter().toString(Qt::ISODate))
                .arg(maxDays),
            QStringLiteral("validity"));
    }

    const store::LocalCaRepository repository(*backend.db);
    // Exactly once: a request this CA already answered (a resumed job) gets the certificate it was given.
    if (auto earlier = issuedEarlier(repository, *ca, caName, request, *csr); !earlier.ok() || earlier->has_value()) {
        if (!earlier.ok()) {
            return earlier.error();
        }
        return earlier->value();
    }

    auto issuerKey = unlockIssuingKey(*ca, backend.secrets);
    if (!issuerKey) {
        return issuerKey.error();
    }
    crypto::CertificateSpec spec;
    spec.profile = crypto::CertificateProfile::TlsServer;
    spec.notBefore = now.addSecs(-300);
    spec.notAfter = notAfter;
    spec.digest = digestFor(issuer);
    auto leaf = crypto::CertificateBuilder::signRequest(spec, *csr, issuer, *issuerKey);
    if (!leaf) {
        return fail(QStringLiteral("The built-in CA \"%1\" could not sign the certificate for \"%2\": %3")
                        .arg(caName, csr->commonName(), leaf.message()));
    }

    const QByteArray leafPem = leaf->toPem();
    if (Status recorded =
            repository.recordIssued(ca->issuingRow().id, leaf->serialHex(), leaf->notAfter(), request.requestId,
                                    request.requestId.isEmpty() ? QByteArray() : leafPem);
        !recorded) {
        if (recorded.error().kind == QLatin1String("duplicate") && !request.requestId.isEmpty()) {
            // The same request was answered at the same moment by another runner: hand out that certificate.
            auto earlier = issuedEarlier(repository, *ca, caName, request, *csr);
            if (earlier.ok() && earlier->has_value()) {
                return earlier->value();
            }
        }
        return fail(QStringLiteral("The certificate for \"%1\" was signed but its serial could not be recorded, so it "
                                   "is not handed out (it could not be revoked later): %2")
                        .arg(csr->commonName(), recorded.message()));
    }

    ca::IssuedCertificate issued;
    issued.certificatePem = leafPem;
    if (ca->intermediateRow) {
        issued.chainPem = ca->intermediate.toPem();
    }
    issued.serialHex = leaf->serialHex();
    log::get("connectors.localca")
        ->info("Local CA '{}' issued serial {} for '{}', valid until {}", caName.toStdString(),
               issued.serialHex.toStdString(), csr->commonName().toStdString(),
               leaf->notAfter().toString(Qt::ISODate).toStdString());
    return issued;
}

} // namespace certdeck::localca
