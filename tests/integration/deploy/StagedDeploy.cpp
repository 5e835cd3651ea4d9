#include "StagedDeploy.h"

#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateBuilder.h"
#include "engine/crypto/CertificateRequest.h"

#include <QJsonArray>
#include <QtGlobal>

namespace certdeck::test {

Result<StagedCertificate> stageAndSign(BotProcess& bot, const QString& commonName, const TestPki& pki)
{
    auto staged = bot.call(QStringLiteral("csr.create"), {{QStringLiteral("commonName"), commonName},
                                                          {QStringLiteral("keyAlgorithm"), QStringLiteral("EC")},
                                                          {QStringLiteral("keySize"), 256}});
    if (!staged) {
        return fail(QStringLiteral("csr.create failed: ") + staged.message());
    }
    auto csr = crypto::CertificateRequest::fromPem(staged->value(QStringLiteral("csrPem")).toString().toLatin1());
    if (!csr) {
        return csr.error();
    }
    crypto::CertificateSpec spec;
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    auto issued = crypto::CertificateBuilder::signRequest(spec, *csr, pki.intermediate().cert, pki.intermediate().key);
    if (!issued) {
        return issued.error();
    }
    return StagedCertificate{staged->value(QStringLiteral("keyId")).toString(), std::move(issued.value())};
}

QJsonObject stageAndIssue(BotProcess& bot, DeployTestBench& bench, const TestPki& pki, QString* fingerprint)
{
    auto staged = stageAndSign(bot, QStringLiteral("www.example.test"), pki);
    if (!staged) {
        qWarning("%s", qPrintable(staged.message()));
        return {};
    }
    const crypto::Certificate& issued = staged->certificate;
    *fingerprint = issued.fingerprintSha256();
    const deploy::DeployRequest request = bench.requestFor(bench.newCertificate());
    QJsonObject fields = QJsonObject::fromVariantMap(request.fields);
    fields.remove(QStringLiteral("backupDirectory")); // the bot's state directory
    return {{QStringLiteral("serverType"), bench.serverKind() == WebServerFixture::Server::Nginx
                                               ? QStringLiteral("nginx")
                                               : QStringLiteral("apache-http")},
            {QStringLiteral("fields"), fields},
            {QStringLiteral("keyId"), staged->keyId},
            {QStringLiteral("certificatePem"), QString::fromLatin1(issued.toPem())},
            {QStringLiteral("chainPem"), QString::fromLatin1(pki.intermediate().cert.toPem())},
            {QStringLiteral("verify"), QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                                   {QStringLiteral("port"), request.verifyPort},
                                                   {QStringLiteral("serverName"), QStringLiteral("www.example.test")},
                                                   {QStringLiteral("timeoutMs"), 15000}}},
            {QStringLiteral("rollbackOnFailure"), true}};
}

QString reportText(const QJsonObject& report)
{
    QStringList steps;
    for (const QJsonValue& step : report.value(QStringLiteral("steps")).toArray()) {
        steps << step.toString();
    }
    return QStringLiteral("failure: %1\nsteps:\n  %2")
        .arg(report.value(QStringLiteral("failure")).toString(), steps.join(QStringLiteral("\n  ")));
}

} // namespace certdeck::test
