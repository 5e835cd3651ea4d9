#pragma once

// Internal to engine/crypto: subject alternative name rules shared by CSR creation and certificate signing.

#include "engine/core/Result.h"
#include "engine/crypto/CertificateRequest.h"

#include <QString>
#include <QStringList>

#include <openssl/evp.h>
#include <openssl/x509v3.h>

namespace certdeck::crypto::detail {

// Each entry becomes an IP address (canonical text) or an ASCII DNS name; empty entries are skipped and
// duplicates dropped. An error names the bad entry.
Result<QStringList> normalizeNames(const QStringList& entries);
// One entry: canonical IP text or an ASCII DNS name; an error names the entry.
Result<QString> normalizeName(const QString& entry);
// Builds GeneralNames from normalized entries. Caller owns the result.
GENERAL_NAMES* makeGeneralNames(const QStringList& normalized);
const EVP_MD* evpDigest(DigestAlgorithm digest);

} // namespace certdeck::crypto::detail
