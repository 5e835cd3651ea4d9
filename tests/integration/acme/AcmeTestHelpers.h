#pragma once

#include "connectors/acme/AcmeConnector.h"
#include "engine/core/Result.h"
#include "tests/support/PebbleFixture.h"

#include <QByteArray>
#include <QStringList>

#include <memory>

namespace acmetest {

// A CSR for `names` with a fresh EC P-256 key (the first name is the CN).
QByteArray makeCsr(const QStringList& names);

// Verifies leaf + chain against `rootPem` with OpenSSL (X509_verify_cert); empty string when it verifies.
QString verifyChain(const QByteArray& leafPem, const QByteArray& chainPem, const QByteArray& rootPem);

// A connector to the fixture's pebble with a fresh in-memory account key and fast polling.
std::shared_ptr<certdeck::acme::AcmeConnector> makeConnector(const certdeck::test::PebbleFixture& pebble,
                                                             const QString& eabKeyId = {},
                                                             const QByteArray& eabHmac = {},
                                                             const QString& preferredChain = {});

// Issues and waits (event loop) for the result.
certdeck::Result<certdeck::ca::IssuedCertificate>
issueAndWait(certdeck::ca::CaConnector& connector, const certdeck::ca::IssueRequest& request, int timeoutMs = 60000);

} // namespace acmetest
