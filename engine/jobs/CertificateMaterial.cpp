#include "engine/jobs/CertificateMaterial.h"

namespace certdeck::jobs {

void applyCertificate(CertificateRecord& record, const crypto::Certificate& leaf,
                      const QList<crypto::Certificate>& chain)
{
    record.commonName = leaf.commonName();
    record.sans = leaf.subjectAltNames();
    if (!record.commonName.isEmpty() && !record.sans.contains(record.commonName, Qt::CaseInsensitive)) {
        record.sans.prepend(record.commonName);
    }
    record.subject = leaf.subject();
    record.issuer = leaf.issuer();
    record.serialHex = leaf.serialHex();
    record.notBefore = leaf.notBefore();
    record.notAfter = leaf.notAfter();
    record.fingerprintSha256 = leaf.fingerprintSha256();
    record.keyAlgorithm = leaf.keyAlgorithm();
    record.keyBits = leaf.keyBits();
    record.signatureAlgorithm = leaf.signatureAlgorithm();
    QList<crypto::Certificate> all{leaf};
    all.append(chain);
    record.chainPem = crypto::chainToPem(all);
}

} // namespace certdeck::jobs
