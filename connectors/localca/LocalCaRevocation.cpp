#include "connectors/localca/LocalCaRevocation.h"

#include "engine/core/Log.h"
#include "engine/crypto/CrlBuilder.h"
#include "engine/store/Database.h"

#include <QFileInfo>
#include <QSaveFile>

#include <openssl/x509.h>

#include <optional>

namespace certdeck::localca {

namespace {

constexpr int HoldReason = static_cast<int>(ca::RevocationReason::CertificateHold);

// Serials compare as numbers: case and leading zeros differ between formatters.
bool sameSerial(QString a, QString b)
{
    for (QString* serial : {&a, &b}) {
        *serial = serial->trimmed().toLower().remove(QLatin1Char(':'));
        while (serial->size() > 1 && serial->startsWith(QLatin1Char('0'))) {
            serial->remove(0, 1);
        }
    }
    return a == b;
}

QString reasonName(int reason)
{
    switch (reason) {
    case 0:
        return QStringLiteral("unspecified");
    case 1:
        return QStringLiteral("keyCompromise");
    case 2:
        return QStringLiteral("cACompromise");
    case 3:
        return QStringLiteral("affiliationChanged");
    case 4:
        return QStringLiteral("superseded");
    case 5:
        return QStringLiteral("cessationOfOperation");
    case 6:
        return QStringLiteral("certificateHold");
    default:
        return QStringLiteral("reason %1").arg(reason);
    }
}

// The certificate, resolved against the CA that must have issued it.
struct IssuedByCa
{
    LoadedCa ca;
    QString serialHex;
    QString commonName;
    std::optional<store::RevocationRow> current;
};

Result<IssuedByCa> resolve(const LocalCaBackend& backend, const QString& caName, const QByteArray& certificatePem)
{
    auto certificate = crypto::Certificate::fromPem(certificatePem);
    if (!certificate) {
        return fail(QStringLiteral("Cannot change the revocation state: the certificate is not readable: %1")
                        .arg(certificate.message()));
    }
    auto ca = loadLocalCa(*backend.db, caName);
    if (!ca) {
        return ca.error();
    }
    IssuedByCa found{*ca, certificate->serialHex(), certificate->commonName(), std::nullopt};
    const store::LocalCaRow& issuingRow = ca->issuingRow();
    const store::LocalCaRepository repository(*backend.db);
    auto issued = repository.hasIssued(issuingRow.id, found.serialHex);
    if (!issued) {
        return fail(QStringLiteral("Could not look up serial %1 in the built-in CA \"%2\": %3")
                        .arg(found.serialHex, caName, issued.message()));
    }
    EVP_PKEY* issuerKey = X509_get0_pubkey(ca->issuingCertificate().get());
    if (!*issued || !issuerKey || X509_verify(certificate->get(), issuerKey) != 1) {
        return fail(QStringLiteral("The certificate \"%1\" (serial %2) was not issued by the built-in CA \"%3\": "
                                   "revoke it at the CA that issued it (%4).")
                        .arg(found.commonName, found.serialHex, caName, certificate->issuer()),
                    QStringLiteral("notFound"));
    }
    auto revocations = repository.revocations(issuingRow.id);
    if (!revocations) {
        return fail(QStringLiteral("Could not read the revocations of the built-in CA \"%1\": %2")
                        .arg(caName, revocations.message()));
    }
    for (const store::RevocationRow& row : *revocations) {
        if (sameSerial(row.serialHex, found.serialHex)) {
            found.current = row;
        }
    }
    return found;
}

Status setState(const LocalCaBackend& backend, const IssuedByCa& target, int reason, store::RevocationState state)
{
    store::RevocationRow row;
    row.caId = target.ca.issuingRow().id;
    row.serialHex = target.serialHex;
    row.reason = reason;
    row.state = state;
    row.revokedAt = QDateTime::currentDateTimeUtc();
    if (Status saved = store::LocalCaRepository(*backend.db).setRevocation(row); !saved) {
        return fail(QStringLiteral("Could not record the %1 of \"%2\" (serial %3): %4")
                        .arg(state == store::RevocationState::OnHold ? QStringLiteral("suspension")
                                                                     : QStringLiteral("revocation"),
                             target.commonName, target.serialHex, saved.message()));
    }
    log::get("connectors.localca")
        ->info("Local CA '{}': serial {} {} ({})", target.ca.rootRow.name.toStdString(), target.serialHex.toStdString(),
               state == store::RevocationState::OnHold ? "suspended" : "revoked", reasonName(reason).toStdString());
    return {};
}

} // namespace

Status revokeCertificate(const LocalCaBackend& backend, const QString& caName, const QByteArray& certificatePem,
                         ca::RevocationReason reason)
{
    if (reason == ca::RevocationReason::CertificateHold) {
        return suspendCertificate(backend, caName, certificatePem);
    }
    auto target = resolve(backend, caName, certificatePem);
    if (!target) {
        return target.error();
    }
    if (target->current && target->current->state == store::RevocationState::Revoked) {
        return fail(QStringLiteral("The certificate \"%1\" (serial %2) is already revoked (%3); nothing to do.")
                        .arg(target->commonName, target->serialHex, reasonName(target->current->reason)),
                    QStringLiteral("alreadyRevoked"));
    }
    return setState(backend, *target, static_cast<int>(reason), store::RevocationState::Revoked);
}

Status suspendCertificate(const LocalCaBackend& backend, const QString& caName, const QByteArray& certificatePem)
{
    auto target = resolve(backend, caName, certificatePem);
    if (!target) {
        return target.error();
    }
    if (target->current) {
        if (target->current->state == store::RevocationState::OnHold) {
            return {};
        }
        return fail(QStringLiteral("The certificate \"%1\" (serial %2) is permanently revoked (%3) and cannot be "
                                   "suspended.")
                        .arg(target->commonName, target->serialHex, reasonName(target->current->reason)),
                    QStringLiteral("alreadyRevoked"));
    }
    return setState(backend, *target, HoldReason, store::RevocationState::OnHold);
}

Status resumeCertificate(const LocalCaBackend& backend, const QString& caName, const QByteArray& certificatePem)
{
    auto target = resolve(backend, caName, certificatePem);
    if (!target) {
        return target.error();
    }
    if (!target->current) {
        return fail(QStringLiteral("The certificate \"%1\" (serial %2) is not suspended, so there is nothing to "
                                   "resume.")
                        .arg(target->commonName, target->serialHex),
                    QStringLiteral("notSuspended"));
    }
    if (target->current->state == store::RevocationState::Revoked) {
        return fail(QStringLiteral("The certificate \"%1\" (serial %2) was revoked (%3), not suspended: a revoked "
                                   "certificate cannot be resumed. Issue a new certificate instead.")
                        .arg(target->commonName, target->serialHex, reasonName(target->current->reason)),
                    QStringLiteral("alreadyRevoked"));
    }
    const store::LocalCaRepository repository(*backend.db);
    if (Status removed = repository.removeHold(target->ca.issuingRow().id, target->serialHex); !removed) {
        return fail(QStringLiteral("Could not resume \"%1\" (serial %2): %3")
                        .arg(target->commonName, target->serialHex, removed.message()));
    }
    log::get("connectors.localca")
        ->info("Local CA '{}': serial {} resumed", caName.toStdString(), target->serialHex.toStdString());
    return {};
}

Result<QByteArray> buildCurrentCrl(const LocalCaBackend& backend, const QString& caName)
{
    auto ca = loadLocalCa(*backend.db, caName);
    if (!ca) {
        return ca.error();
    }
    const store::LocalCaRepository repository(*backend.db);
    const qint64 caId = ca->issuingRow().id;
    auto revocations = repository.revocations(caId);
    if (!revocations) {
        return fail(QStringLiteral("Could not read the revocations of the built-in CA \"%1\": %2")
                        .arg(caName, revocations.message()));
    }
    QList<crypto::CrlEntry> entries;
    for (const store::RevocationRow& row : *revocations) {
        const int reason = row.state == store::RevocationState::OnHold ? HoldReason : row.reason;
        entries.append(crypto::CrlEntry{row.serialHex, row.revokedAt, reason});
    }
    auto key = unlockIssuingKey(*ca, backend.secrets);
    if (!key) {
        return key.error();
    }
    auto number = repository.nextCrlNumber(caId);
    if (!number) {
        return fail(
            QStringLiteral("Could not allocate the next CRL number of \"%1\": %2").arg(caName, number.message()));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto crl = crypto::buildCrlPem(ca->issuingCertificate(), *key, entries, *number, now, now.addDays(7));
    if (!crl) {
        return fail(QStringLiteral("Could not build the CRL of \"%1\": %2").arg(caName, crl.message()));
    }
    return crl;
}

Status writeCrlFile(const QByteArray& crlPem, const QString& path)
{
    if (path.isEmpty()) {
        return fail(QStringLiteral("No CRL file was given: choose where to publish the CRL."));
    }
    QSaveFile file(path);
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(QStringLiteral("Could not write the CRL to %1: %2. Check that the folder %3 exists and is "
                                   "writable.")
                        .arg(path, file.errorString(), QFileInfo(path).absolutePath()));
    }
    if (file.write(crlPem) != crlPem.size() || !file.commit()) {
        return fail(QStringLiteral("Could not write the CRL to %1: %2").arg(path, file.errorString()));
    }
    return {};
}

} // namespace certdeck::localca
