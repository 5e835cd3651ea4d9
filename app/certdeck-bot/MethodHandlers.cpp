#include "app/certdeck-bot/MethodHandlers.h"

#include "app/certdeck-bot/AgentlessTarget.h"

#include "engine/bots/BotProtocol.h"
#include "engine/core/Log.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateRequest.h"
#include "engine/crypto/PrivateKey.h"
#include "engine/crypto/TlsProbe.h"
#include "engine/domain/ServerType.h"

#include <QJsonArray>

#include <openssl/crypto.h>

namespace certdeck::bot {
namespace {

using namespace certdeck::bots::protocol;

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("bot");
}

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty()) {
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
        secret.clear();
    }
}

HandlerOutcome invalid(const QString& message)
{
    return HandlerOutcome::failure(InvalidParams, message);
}

// Reads an optional string parameter; false (with *error) when present but not a string.
bool readString(const QJsonObject& params, const QString& name, QString* out, QString* error)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull()) {
        return true;
    }
    if (!value.isString()) {
        *error = QStringLiteral("\"%1\" must be a string").arg(name);
        return false;
    }
    *out = value.toString();
    return true;
}

bool readInt(const QJsonObject& params, const QString& name, int* out, QString* error)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull()) {
        return true;
    }
    if (!value.isDouble() || value.toDouble() != static_cast<double>(value.toInt())) {
        *error = QStringLiteral("\"%1\" must be a whole number").arg(name);
        return false;
    }
    *out = value.toInt();
    return true;
}

deploy::DeployRequest verifySettings(const QJsonObject& params, deploy::DeployRequest request)
{
    const QJsonObject verify = params.value(QStringLiteral("verify")).toObject();
    if (verify.contains(QStringLiteral("host"))) {
        request.verifyHost = verify.value(QStringLiteral("host")).toString();
    }
    request.verifyPort = verify.value(QStringLiteral("port")).toInt(request.verifyPort);
    request.verifyServerName = verify.value(QStringLiteral("serverName")).toString();
    request.verifyTimeoutMs = verify.value(QStringLiteral("timeoutMs")).toInt(request.verifyTimeoutMs);
    request.fields = params.value(QStringLiteral("fields")).toObject().toVariantMap();
    return request;
}

// An agentless target (params.agentless): connects over SSH and makes the request act on that host; the verification
// handshake goes to that host too when the request names this host's loopback. Called after every other check, so
// a refused connection (unpinned or changed host key, wrong credentials) leaves everything untouched. A deployer whose
// endpoint is optional (files delivered over SFTP) keeps an empty one: nothing to shake hands with.
HandlerOutcome attachAgentlessHost(const QJsonObject& params, deploy::DeployRequest* request, bool endpointOptional)
{
    if (!AgentlessTarget::isRequested(params)) {
        return HandlerOutcome::success({});
    }
    auto host = AgentlessTarget::connect(params);
    if (!host) {
        return host.error().kind == QLatin1String("invalidParams")
                   ? invalid(host.message())
                   : HandlerOutcome::failure(OperationFailed, host.message());
    }
    request->host = std::move(host.value());
    const QString verifyHost = request->verifyHost.trimmed().toLower();
    if ((verifyHost.isEmpty() && !endpointOptional) || verifyHost == QLatin1String("127.0.0.1") ||
        verifyHost == QLatin1String("localhost") || verifyHost == QLatin1String("::1")) {
        request->verifyHost = request->host->address();
    }
    logger()->info("acting on the agentless target {}", request->host->describe().toStdString());
    return HandlerOutcome::success({});
}

} // namespace

struct MethodHandlers::Target
{
    ServerType type = ServerType::Nginx;
    std::unique_ptr<deploy::Deployer> deployer;
};

MethodHandlers::MethodHandlers(KeyStaging staging, const deploy::DeployerRegistry& registry)
    : m_staging(std::move(staging))
    , m_registry(registry)
{
    m_staging.pruneAbandoned(); // keys of CSRs never deployed (also pruned whenever a key is staged)
}

HandlerOutcome MethodHandlers::createCsr(const QJsonObject& params) const
{
    QString error;
    crypto::CsrSubject subject;
    QString keyAlgorithm = QStringLiteral("RSA");
    QString signatureAlgorithm;
    int keySize = 0;
    if (!readString(params, QStringLiteral("commonName"), &subject.commonName, &error) ||
        !readString(params, QStringLiteral("keyAlgorithm"), &keyAlgorithm, &error) ||
        !readString(params, QStringLiteral("signatureAlgorithm"), &signatureAlgorithm, &error) ||
        !readInt(params, QStringLiteral("keySize"), &keySize, &error) ||
        !readString(params, QStringLiteral("organization"), &subject.organization, &error) ||
        !readString(params, QStringLiteral("organizationalUnit"), &subject.organizationalUnit, &error) ||
        !readString(params, QStringLiteral("country"), &subject.country, &error) ||
        !readString(params, QStringLiteral("state"), &subject.state, &error) ||
        !readString(params, QStringLiteral("locality"), &subject.locality, &error)) {
        return invalid(QStringLiteral("csr.create: ") + error);
    }
    const QJsonValue sans = params.value(QStringLiteral("sans"));
    if (!sans.isUndefined() && !sans.isNull() && !sans.isArray()) {
        return invalid(QStringLiteral("csr.create: \"sans\" must be a list of names"));
    }
    for (const QJsonValue& san : sans.toArray()) {
        if (!san.isString()) {
            return invalid(QStringLiteral("csr.create: every entry of \"sans\" must be a string"));
        }
        subject.sans.append(san.toString());
    }
    if (subject.commonName.trimmed().isEmpty()) {
        return invalid(QStringLiteral("csr.create: the common name is empty; enter the certificate's domain name"));
    }
    QString reuseKeyId;
    if (!readString(params, QStringLiteral("keyId"), &reuseKeyId, &error)) {
        return invalid(QStringLiteral("csr.create: ") + error);
    }
    Result<crypto::PrivateKey> key = crypto::PrivateKey();
    if (!reuseKeyId.isEmpty()) {
        // Rotation: a new CSR for the key this bot already holds.
        if (!KeyStaging::isValidKeyId(reuseKeyId)) {
            return invalid(QStringLiteral("csr.create: the key id \"%1\" is not a key id of this bot (expected the "
                                          "lowercase hex id that csr.create returned)")
                               .arg(reuseKeyId.left(80)));
        }
        Result<QByteArray> staged = m_staging.load(reuseKeyId);
        if (!staged) {
            return HandlerOutcome::failure(
                staged.error().kind == QLatin1String("notFound") ? UnknownKey : OperationFailed,
                QStringLiteral("csr.create: cannot reuse key %1: %2").arg(reuseKeyId, staged.message()));
        }
        key = crypto::PrivateKey::fromPem(staged.value());
        wipe(staged.value());
        if (!key) {
            return HandlerOutcome::failure(
                UnknownKey,
                QStringLiteral("csr.create: the staged private key %1 is damaged: %2").arg(reuseKeyId, key.message()));
        }
    }
    const bool reusing = !reuseKeyId.isEmpty();
    if (keySize == 0) {
        keySize = keyAlgorithm.compare(QLatin1String("EC"), Qt::CaseInsensitive) == 0 ? 256 : 2048;
    }

    Result<crypto::KeySpec> spec = reusing ? crypto::KeySpec::from(key->algorithmName(), key->bits())
                                           : crypto::KeySpec::from(keyAlgorithm, keySize);
    if (!spec) {
        return invalid(spec.message());
    }
    crypto::DigestAlgorithm digest = crypto::DigestAlgorithm::Sha256;
    if (!signatureAlgorithm.isEmpty()) {
        Result<crypto::DigestAlgorithm> parsed = crypto::digestFromSignatureAlgorithm(signatureAlgorithm);
        if (!parsed) {
            return invalid(parsed.message());
        }
        digest = parsed.value();
        const bool wantsEcdsa = signatureAlgorithm.contains(QLatin1String("ECDSA"), Qt::CaseInsensitive);
        const bool wantsRsa = !wantsEcdsa && signatureAlgorithm.contains(QLatin1String("RSA"), Qt::CaseInsensitive);
        const bool isEc = spec->algorithm == crypto::KeyAlgorithm::Ec;
        if ((wantsEcdsa && !isEc) || (wantsRsa && isEc)) {
            return invalid(QStringLiteral("the signature algorithm %1 does not fit a %2 key; choose a %3 signature "
                                          "algorithm or another key algorithm")
                               .arg(signatureAlgorithm, isEc ? QStringLiteral("EC") : QStringLiteral("RSA"),
                                    isEc ? QStringLiteral("...withECDSA") : QStringLiteral("...withRSA")));
        }
    }

    if (!reusing) {
        key = crypto::PrivateKey::generate(spec.value());
        if (!key) {
            return HandlerOutcome::failure(OperationFailed, key.message());
        }
    }
    Result<crypto::CertificateRequest> request = crypto::CertificateRequest::create(subject, key.value(), digest);
    if (!request) {
        return invalid(request.message());
    }
    if (reusing) {
        logger()->info("created a CSR for {} with the staged key {}", subject.commonName.toStdString(),
                       reuseKeyId.toStdString());
        return HandlerOutcome::success({{QStringLiteral("csrPem"), QString::fromLatin1(request->toPem())},
                                        {QStringLiteral("keyId"), reuseKeyId},
                                        {QStringLiteral("reusedKey"), true}});
    }
    QByteArray keyPem = key->toPem();
    Result<QString> keyId = m_staging.stage(keyPem);
    wipe(keyPem);
    if (!keyId) {
        return HandlerOutcome::failure(OperationFailed,
                                       QStringLiteral("could not stage the private key: ") + keyId.message());
    }
    logger()->info("created a CSR for {} ({} {}), staged key {}", subject.commonName.toStdString(),
                   key->algorithmName().toStdString(), key->bits(), keyId->toStdString());
    return HandlerOutcome::success(
        {{QStringLiteral("csrPem"), QString::fromLatin1(request->toPem())}, {QStringLiteral("keyId"), keyId.value()}});
}

HandlerOutcome MethodHandlers::resolveTarget(const QJsonObject& params, Target* target) const
{
    const QString typeId = params.value(QStringLiteral("serverType")).toString();
    if (typeId.isEmpty()) {
        return invalid(QStringLiteral("\"serverType\" is missing; say which server to deploy to (e.g. \"nginx\")"));
    }
    if (!serverTypeFromId(typeId, &target->type)) {
        return invalid(QStringLiteral("unknown server type \"%1\"").arg(typeId.left(80)));
    }
    if (!m_registry.has(target->type)) {
        QStringList supported;
        for (ServerType type : m_registry.available()) {
            supported.append(serverTypeId(type));
        }
        return invalid(QStringLiteral("this bot has no deployer for server type %1 (\"%2\"); it supports: %3")
                           .arg(serverTypeDisplayName(target->type), typeId,
                                supported.isEmpty() ? QStringLiteral("none") : supported.join(QStringLiteral(", "))));
    }
    target->deployer = m_registry.create(target->type);
    if (!target->deployer) {
        return HandlerOutcome::failure(
            InternalError,
            QStringLiteral("the deployer for %1 could not be created").arg(serverTypeDisplayName(target->type)));
    }
    const QVariantMap fields = params.value(QStringLiteral("fields")).toObject().toVariantMap();
    if (Status valid = deploy::validateFieldValues(target->deployer->fields(), fields); !valid) {
        return invalid(valid.message());
    }
    if (AgentlessTarget::isRequested(params)) {
        if (Status valid = AgentlessTarget::validate(params); !valid) {
            return invalid(valid.message());
        }
    }
    return HandlerOutcome::success({});
}

QString PreparedDeploy::batchKey() const
{
    const QString key = deployer ? deployer->batchKey(request) : QString();
    return key.isEmpty() ? QString() : serverTypeId(type) + QLatin1Char('|') + key;
}

HandlerOutcome MethodHandlers::deploy(const QJsonObject& params, const deploy::ProgressFn& progress)
{
    QList<PreparedDeploy> batch(1);
    if (HandlerOutcome checked = prepareDeploy(params, &batch.first()); checked.errorCode != 0) {
        return checked;
    }
    return deployPrepared(batch, {progress}).first();
}

HandlerOutcome MethodHandlers::prepareDeploy(const QJsonObject& params, PreparedDeploy* prepared) const
{
    const QString keyId = params.value(QStringLiteral("keyId")).toString();
    if (!KeyStaging::isValidKeyId(keyId)) { // refused before anything else looks at it
        return invalid(QStringLiteral("the key id \"%1\" is not a key id of this bot (expected the lowercase hex "
                                      "id that csr.create returned)")
                           .arg(keyId.left(80)));
    }
    Target target;
    if (HandlerOutcome resolved = resolveTarget(params, &target); resolved.errorCode != 0) {
        return resolved;
    }
    const QByteArray certificatePem = params.value(QStringLiteral("certificatePem")).toString().toUtf8();
    if (certificatePem.trimmed().isEmpty()) {
        return invalid(QStringLiteral("\"certificatePem\" is missing: there is no certificate to deploy"));
    }
    Result<crypto::Certificate> certificate = crypto::Certificate::fromPem(certificatePem);
    if (!certificate) {
        return invalid(QStringLiteral("the certificate to deploy cannot be read: ") + certificate.message());
    }
    Result<QByteArray> keyPem = m_staging.load(keyId);
    if (!keyPem) {
        return invalid(keyPem.message());
    }
    {
        Result<crypto::PrivateKey> key = crypto::PrivateKey::fromPem(keyPem.value());
        if (!key) {
            wipe(keyPem.value());
            return HandlerOutcome::failure(
                OperationFailed, QStringLiteral("the staged private key %1 is damaged: %2").arg(keyId, key.message()));
        }
        if (!certificate->matchesKey(key.value())) {
            wipe(keyPem.value());
            return invalid(QStringLiteral("the certificate for %1 does not belong to the staged key %2; deploy the "
                                          "certificate issued for the CSR of that key")
                               .arg(certificate->commonName(), keyId));
        }
    }

    deploy::DeployRequest request = verifySettings(params, {});
    request.certificatePem = certificatePem;
    request.chainPem = params.value(QStringLiteral("chainPem")).toString().toUtf8();
    request.keyPem = std::move(keyPem.value());
    request.expectedFingerprint = params.value(QStringLiteral("expectedFingerprint")).toString().toLower();
    if (request.expectedFingerprint.isEmpty()) {
        request.expectedFingerprint = certificate->fingerprintSha256();
    }
    request.rollbackOnFailure = params.value(QStringLiteral("rollbackOnFailure")).toBool(true);
    if (HandlerOutcome attached = attachAgentlessHost(params, &request, target.deployer->endpointOptional());
        attached.errorCode != 0) {
        wipe(request.keyPem);
        return attached;
    }

    prepared->type = target.type;
    prepared->deployer = std::move(target.deployer);
    prepared->request = std::move(request);
    prepared->commonName = certificate->commonName();
    prepared->keyId = keyId;
    return HandlerOutcome::success({});
}

QList<HandlerOutcome> MethodHandlers::deployPrepared(QList<PreparedDeploy>& batch,
                                                     const QList<deploy::ProgressFn>& progress)
{
    QList<HandlerOutcome> outcomes;
    if (batch.isEmpty()) {
        return outcomes;
    }
    QList<deploy::DeployRequest> requests;
    for (const PreparedDeploy& item : batch) {
        logger()->info("deploying {} to {} (key {})", item.commonName.toStdString(),
                       serverTypeId(item.type).toStdString(), item.keyId.toStdString());
        requests << item.request;
    }
    std::lock_guard lock(m_deployMutex);
    const QList<Result<deploy::DeployReport>> reports = batch.first().deployer->deployBatch(requests, progress);
    for (qsizetype i = 0; i < batch.size(); ++i) {
        wipe(batch[i].request.keyPem);
        wipe(requests[i].keyPem);
        const Result<deploy::DeployReport>& report = reports.at(i);
        if (!report) {
            outcomes << invalid(report.message());
            continue;
        }
        logger()->info("deploy of {} to {}: {}", batch[i].commonName.toStdString(),
                       serverTypeId(batch[i].type).toStdString(),
                       report->deployed ? std::string("served") : report->failure.toStdString());
        if (report->deployed) {
            // Served and verified: the key lives in the server's key file now and the staged copy goes; a Rotate
            // finds the key in that file ("keyFile" of the PEM-file deployers, on this host), see KeyStaging. A
            // failed or rolled-back deploy keeps the staged key for the retry.
            const deploy::DeployRequest& done = batch[i].request;
            const bool here = !done.host || done.host->isLocal();
            const QString keyFile = here ? done.fields.value(QStringLiteral("keyFile")).toString() : QString();
            if (Status discarded = m_staging.discardDeployed(batch[i].keyId, keyFile, done.certificatePem);
                !discarded) {
                logger()->warn("{}", discarded.message().toStdString());
            }
        }
        outcomes << HandlerOutcome::success(reportToJson(report.value()));
    }
    return outcomes;
}

HandlerOutcome MethodHandlers::rollback(const QJsonObject& params, const deploy::ProgressFn& progress)
{
    Target target;
    if (HandlerOutcome resolved = resolveTarget(params, &target); resolved.errorCode != 0) {
        return resolved;
    }
    const QString backupId = params.value(QStringLiteral("backupId")).toString();
    if (backupId.isEmpty()) {
        return invalid(QStringLiteral("\"backupId\" is missing: say which backup to restore"));
    }
    deploy::DeployRequest request = verifySettings(params, {});
    request.expectedFingerprint = params.value(QStringLiteral("expectedFingerprint")).toString().toLower();
    if (HandlerOutcome attached = attachAgentlessHost(params, &request, target.deployer->endpointOptional());
        attached.errorCode != 0) {
        return attached;
    }

    std::lock_guard lock(m_deployMutex);
    logger()->info("rolling back {} to backup {}", serverTypeId(target.type).toStdString(), backupId.toStdString());
    Result<deploy::DeployReport> report = target.deployer->rollback(backupId, request, progress);
    if (!report) {
        return invalid(report.message());
    }
    return HandlerOutcome::success(reportToJson(report.value()));
}

HandlerOutcome MethodHandlers::remove(const QJsonObject& params, const deploy::ProgressFn& progress)
{
    Target target;
    if (HandlerOutcome resolved = resolveTarget(params, &target); resolved.errorCode != 0) {
        return resolved;
    }
    deploy::DeployRequest request = verifySettings(params, {});
    if (HandlerOutcome attached = attachAgentlessHost(params, &request, target.deployer->endpointOptional());
        attached.errorCode != 0) {
        return attached;
    }
    std::lock_guard lock(m_deployMutex);
    logger()->info("removing a certificate from {}", serverTypeId(target.type).toStdString());
    Result<deploy::DeployReport> report = target.deployer->remove(request, progress);
    if (!report) {
        return report.error().kind == QLatin1String("unsupported")
                   ? HandlerOutcome::failure(OperationFailed, report.message())
                   : invalid(report.message());
    }
    logger()->info("removal from {}: {}", serverTypeId(target.type).toStdString(),
                   report->failure.isEmpty() ? std::string("done") : report->failure.toStdString());
    return HandlerOutcome::success(reportToJson(report.value()));
}

HandlerOutcome MethodHandlers::probeTls(const QJsonObject& params) const
{
    crypto::TlsEndpoint endpoint;
    endpoint.host = params.value(QStringLiteral("host")).toString();
    endpoint.port = params.value(QStringLiteral("port")).toInt(443);
    endpoint.serverName = params.value(QStringLiteral("serverName")).toString();
    const int timeoutMs = params.value(QStringLiteral("timeoutMs")).toInt(5000);
    if (endpoint.host.isEmpty()) {
        return invalid(QStringLiteral("probe.tls: \"host\" is missing"));
    }
    if (endpoint.port < 1 || endpoint.port > 65535) {
        return invalid(QStringLiteral("probe.tls: port %1 is out of range (1-65535)").arg(endpoint.port));
    }
    Result<crypto::TlsProbeResult> probed = crypto::probeTls(endpoint, timeoutMs);
    if (!probed) {
        return HandlerOutcome::failure(OperationFailed, probed.message());
    }
    return HandlerOutcome::success(
        {{QStringLiteral("chainPem"), QString::fromLatin1(crypto::chainToPem(probed->chain))},
         {QStringLiteral("fingerprint"), probed->leafFingerprintSha256},
         {QStringLiteral("protocol"), probed->protocol}});
}

QJsonObject MethodHandlers::reportToJson(const deploy::DeployReport& report)
{
    return {{QStringLiteral("deployed"), report.deployed},
            {QStringLiteral("rolledBack"), report.rolledBack},
            {QStringLiteral("rollbackVerified"), report.rollbackVerified},
            {QStringLiteral("backupId"), report.backupId},
            {QStringLiteral("servedFingerprint"), report.servedFingerprint},
            {QStringLiteral("steps"), QJsonArray::fromStringList(report.steps)},
            {QStringLiteral("failure"), report.failure}};
}

} // namespace certdeck::bot
