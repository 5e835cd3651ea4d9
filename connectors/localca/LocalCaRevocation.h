#pragma once

#include "connectors/localca/LocalCaBackend.h"
#include "engine/ca/CaConnector.h"
#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>

namespace certdeck::localca {

// Revocation state changes of certificates the CA issued. Blocking (database only): worker threads.
// revoke: permanent (a held certificate becomes permanently revoked); reason certificateHold means suspend.
Status revokeCertificate(const LocalCaBackend& backend, const QString& caName, const QByteArray& certificatePem,
                         ca::RevocationReason reason);
// suspend = certificateHold (reason 6); suspending a held certificate again is a no-op.
Status suspendCertificate(const LocalCaBackend& backend, const QString& caName, const QByteArray& certificatePem);
// resume removes a hold; a permanently revoked certificate cannot be resumed.
Status resumeCertificate(const LocalCaBackend& backend, const QString& caName, const QByteArray& certificatePem);

// Signs the CA's current CRL (next CRL number, next update in 7 days). Blocking: reads the keychain.
Result<QByteArray> buildCurrentCrl(const LocalCaBackend& backend, const QString& caName);
// Writes the CRL atomically (temporary file in the same directory, fsync, rename).
Status writeCrlFile(const QByteArray& crlPem, const QString& path);

} // namespace certdeck::localca
