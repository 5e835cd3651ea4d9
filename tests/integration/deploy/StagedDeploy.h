#pragma once

#include "BotProcess.h"
#include "DeployTestBench.h"

#include "tests/support/TestPki.h"

#include <QJsonObject>
#include <QString>

namespace certdeck::test {

// csr.create on the real bot for `commonName` (EC P-256) and the certificate for that CSR, signed by the test PKI's
// intermediate (30 days).
struct StagedCertificate
{
    QString keyId;
    crypto::Certificate certificate;
};
Result<StagedCertificate> stageAndSign(BotProcess& bot, const QString& commonName, const TestPki& pki);

// csr.create on the real bot, the certificate for that CSR from the test PKI, and the deploy params that put it on
// the bench's server (the bot's state directory holds the backups). Empty on failure (with a warning).
QJsonObject stageAndIssue(BotProcess& bot, DeployTestBench& bench, const TestPki& pki, QString* fingerprint);

// "failure: ...\nsteps: ..." of a deploy report, for test messages.
QString reportText(const QJsonObject& report);

} // namespace certdeck::test
