#pragma once

#include "connectors/localca/LocalCaBackend.h"
#include "engine/ca/CaConnector.h"
#include "engine/core/Result.h"

namespace certdeck::localca {

// Signs a CSR with the CA's issuing key (the intermediate when there is one). Blocking: worker threads only.
// Refuses a CSR whose signature does not verify, RSA keys under 2048 bits, unknown profiles, and a validity
// that would end after the issuing CA certificate (refused, not shortened). Records the issued serial.
Result<ca::IssuedCertificate> issueFromCsr(const LocalCaBackend& backend, const QString& caName,
                                           const ca::IssueRequest& request);

} // namespace certdeck::localca
