#include "app/certdeck-bot/BotServer.h"

#include "app/certdeck-bot/DcvFiles.h"
#include "app/certdeck-bot/ScanHandler.h"
#include "deployers/BuiltinDeployers.h"
#include "engine/core/Log.h"
#include "engine/domain/ServerType.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QSysInfo>

namespace certdeck::bot {
namespace {

using namespace certdeck::bots::protocol;

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("bot");
}

const QString kHello = QStringLiteral("hello");
const QString kCsrCreate = QStringLiteral("csr.create");
const QString kDeploy = QStringLiteral("deploy");
const QString kRollback = QStringLiteral("rollback");
const QString kRemove = QStringLiteral("remove");
const QString kProbeTls = QStringLiteral("probe.tls");
const QString kDcvPut = QStringLiteral("dcv.put");
const QString kDcvRemove = QStringLiteral("dcv.remove");
const QString kScan = QStringLiteral("scan");

deploy::DeployerRegistry builtinRegistry(std::shared_ptr<deployers::DeploymentJournal> journal,
                                         std::shared_ptr<const deploy::BotPolicy> policy)
{
    deploy::DeployerRegistry registry;
    deployers::registerBuiltinDeployers(registry, std::move(journal), std::move(policy));
    return registry;
}

ServeOptions withPolicy(ServeOptions options)
{
    if (!options.policy) {
        deploy::BotPolicy policy = deploy::BotPolicy::load();
        policy.setStateDirectory(options.stateDir);
        options.policy = std::make_shared<const deploy::BotPolicy>(std::move(policy));
    }
    return options;
}

} // namespace

BotServer::BotServer(ServeOptions options, QObject* parent)
    : QObject(parent)
    , m_options(withPolicy(std::move(options)))
    , m_journal(std::make_shared<deployers::DeploymentJournal>(m_options.stateDir))
    , m_registry(builtinRegistry(m_journal, m_options.policy))
    , m_handlers(KeyStaging(m_options.stateDir), m_registry)
{
    m_workers.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
    connect(&m_reader, &StdinReader::lineRead, this, &BotServer::onLine);
    connect(&m_reader, &StdinReader::endOfInput, this, &BotServer::onEndOfInput);
    connect(&m_reader, &StdinReader::lineTooLong, this, [this] {
        logger()->warn("dropped a request line longer than {} MiB", StdinReader::kMaxLineBytes / (1024 * 1024));
        m_writer.writeLine(encodeError(0, InvalidRequest, QStringLiteral("request line too long")));
    });
}

BotServer::~BotServer()
{
    m_workers.waitForDone();
    m_deployQueue.waitUntilIdle();
    if (m_reader.isRunning()) {
        // Blocked in read(): the process is exiting anyway; do not wait for the console.
        m_reader.terminate();
        m_reader.wait(1000);
    }
}

void BotServer::start()
{
    logger()->info("certdeck-bot serving protocol version {} on {} (state in {})", m_options.protocolVersion,
                   QSysInfo::machineHostName().toStdString(), m_options.stateDir.toStdString());
    const deploy::BotPolicy& policy = *m_options.policy;
    if (policy.isUsable()) {
        logger()->info("policy: {}", policy.source().toStdString());
    } else {
        logger()->error("policy {} cannot be used ({}): every request that changes a host is refused",
                        policy.source().toStdString(),
                        policy.toJson().value(QStringLiteral("problem")).toString().toStdString());
    }
    // Before any request is read: deploys and rollbacks queue behind the recovery.
    m_deployQueue.submitExclusive(
        [this] {
            m_recovery.run();
            return HandlerOutcome::success({});
        },
        [](const HandlerOutcome&) {});
    m_reader.start();
}

QStringList BotServer::methods() const
{
    return {kHello, kCsrCreate, kDeploy, kRollback, kRemove, kProbeTls, kDcvPut, kDcvRemove, kScan};
}

void BotServer::onLine(const QByteArray& line)
{
    QString error;
    const std::optional<Message> message = decode(line, &error);
    if (!message) {
        logger()->warn("refused a malformed request: {}", error.toStdString());
        m_writer.writeLine(encodeError(0, ParseError, QStringLiteral("malformed request: ") + error));
        return;
    }
    if (message->type == Message::Type::Notification) {
        logger()->debug("ignored notification {}", message->method.toStdString());
        return;
    }
    if (message->type != Message::Type::Request) {
        logger()->warn("ignored a response from the console (#{})", message->id);
        return;
    }
    // Log the method and id only: params may hold secrets.
    logger()->info("request #{} {}", message->id, message->method.toStdString());
    if (message->method == kHello) {
        answerHello(*message);
        return;
    }
    if (!methods().contains(message->method)) {
        m_writer.writeLine(encodeError(message->id, MethodNotFound,
                                       QStringLiteral("this bot has no method \"%1\"; it supports: %2")
                                           .arg(message->method.left(80), methods().join(QStringLiteral(", ")))));
        return;
    }
    if (!m_handshakeDone) {
        m_writer.writeLine(encodeError(message->id, HandshakeRequired,
                                       QStringLiteral("send \"hello\" before \"%1\"").arg(message->method)));
        return;
    }
    // Bounded: a console (or anyone on the channel) that floods the bot gets a clear refusal, not a bot that grows
    // its queue until memory runs out.
    if (const int queued = m_outstanding.load(); queued >= m_options.maxQueuedRequests) {
        logger()->warn("refused request #{} {}: {} requests queued", message->id, message->method.toStdString(),
                       queued);
        m_writer.writeLine(encodeError(message->id, Busy,
                                       QStringLiteral("the bot is busy: %1 requests queued, retry later").arg(queued)));
        return;
    }
    ++m_outstanding;
    runInWorker(*message);
}

void BotServer::answerHello(const Message& request)
{
    const int clientVersion = request.params.value(QStringLiteral("version")).toInt(-1);
    if (clientVersion != m_options.protocolVersion) {
        m_handshakeDone = false;
        const QString message = QStringLiteral("protocol version mismatch: certdeck-bot speaks bot protocol version "
                                               "%1, the console speaks version %2; install the certdeck-bot that "
                                               "comes with the console's release")
                                    .arg(m_options.protocolVersion)
                                    .arg(clientVersion < 0 ? QStringLiteral("(none)") : QString::number(clientVersion));
        logger()->warn("{}", message.toStdString());
        m_writer.writeLine(encodeError(request.id, VersionMismatch, message));
        return;
    }
    m_handshakeDone = true;
    QJsonArray serverTypes;
    for (ServerType type : m_registry.available()) {
        serverTypes.append(serverTypeId(type));
    }
    QJsonObject result{{QStringLiteral("bot"), QStringLiteral("certdeck-bot")},
                       {QStringLiteral("version"), m_options.protocolVersion},
                       {QStringLiteral("release"), QCoreApplication::applicationVersion()},
                       {QStringLiteral("host"), QSysInfo::machineHostName()},
                       {QStringLiteral("methods"), QJsonArray::fromStringList(methods())},
                       {QStringLiteral("serverTypes"), serverTypes},
                       {QStringLiteral("policy"), m_options.policy->toJson()}};
    if (m_recovery.finished()) {
        result[QStringLiteral("recovery")] = m_recovery.outcomes(0);
        m_writer.writeLine(encodeResult(request.id, result));
        return;
    }
    // The recovery of interrupted deployments is still running: answer when it is done (or has run a while).
    m_workers.start([this, id = request.id, result]() mutable {
        result[QStringLiteral("recovery")] = m_recovery.outcomes(kHelloRecoveryWaitMs);
        m_writer.writeLine(encodeResult(id, result));
    });
}

void BotServer::runInWorker(const Message& request)
{
    m_workers.start([this, request] {
        const qint64 id = request.id;
        const deploy::ProgressFn progress = [this, id](int percent, const QString& step) {
            m_writer.writeLine(encodeProgress(id, percent, step));
        };
        HandlerOutcome outcome;
        if (request.method == kCsrCreate) {
            outcome = m_handlers.createCsr(request.params);
        } else if (request.method == kDeploy) {
            PreparedDeploy prepared;
            outcome = m_handlers.prepareDeploy(request.params, &prepared);
            if (outcome.errorCode == 0) {
                m_deployQueue.submitDeploy(std::move(prepared), progress,
                                           [this, id](const HandlerOutcome& done) { reply(id, done); });
                return;
            }
        } else if (request.method == kRollback) {
            m_deployQueue.submitExclusive(
                [this, params = request.params, progress] { return m_handlers.rollback(params, progress); },
                [this, id](const HandlerOutcome& done) { reply(id, done); });
            return;
        } else if (request.method == kRemove) {
            m_deployQueue.submitExclusive(
                [this, params = request.params, progress] { return m_handlers.remove(params, progress); },
                [this, id](const HandlerOutcome& done) { reply(id, done); });
            return;
        } else if (request.method == kProbeTls) {
            outcome = m_handlers.probeTls(request.params);
        } else if (request.method == kDcvPut || request.method == kDcvRemove) {
            outcome = writeDcv(request.method, request.params);
        } else if (request.method == kScan) {
            outcome = ScanHandler::scan(request.params);
            if (outcome.errorCode == 0) {
                // The console shows it read-only beside the scan: what this bot may do, from its host's file.
                outcome.result[QStringLiteral("policy")] = m_options.policy->toJson();
            }
        } else {
            outcome = HandlerOutcome::failure(MethodNotFound, QStringLiteral("no handler for ") + request.method);
        }
        reply(id, outcome);
    });
}

HandlerOutcome BotServer::writeDcv(const QString& method, const QJsonObject& params) const
{
    const QString dcvPath = params.value(QStringLiteral("dcvPath")).toString();
    if (!dcvPath.isEmpty()) {
        if (Status allowed = m_options.policy->checkWritable(QDir::cleanPath(dcvPath), QStringLiteral("DCV path"));
            !allowed) {
            return HandlerOutcome::failure(InvalidParams,
                                           QStringLiteral("refused the DCV request: ") + allowed.message());
        }
    }
    return method == kDcvPut ? DcvFiles::put(params) : DcvFiles::remove(params);
}

void BotServer::reply(qint64 id, const HandlerOutcome& outcome)
{
    --m_outstanding; // every accepted request ends here, once

    if (outcome.errorCode != 0) {
        logger()->info("request #{} failed: {}", id, outcome.errorMessage.toStdString());
        m_writer.writeLine(encodeError(id, outcome.errorCode, outcome.errorMessage));
        return;
    }
    logger()->info("request #{} done", id);
    m_writer.writeLine(encodeResult(id, outcome.result));
}

void BotServer::onEndOfInput()
{
    logger()->info("the console closed the connection; finishing running work");
    m_workers.waitForDone();
    m_deployQueue.waitUntilIdle();
    m_reader.wait();
    QCoreApplication::quit();
}

} // namespace certdeck::bot
