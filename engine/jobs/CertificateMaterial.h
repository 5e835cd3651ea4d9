#pragma once

#include "engine/crypto/Certificate.h"
#include "engine/domain/CertificateRecord.h"

#include <QList>

namespace certdeck::jobs {

// Copies what the X.509 data says (names, issuer, validity, key, fingerprint, chain PEM) into an inventory record.
void applyCertificate(CertificateRecord& record, const crypto::Certificate& leaf,
                      const QList<crypto::Certificate>& chain);

} // namespace certdeck::jobs
