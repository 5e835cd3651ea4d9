#include "engine/jobs/JobDomainValidator.h"

#include "engine/bots/BotClient.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/core/ResponseBodyLimit.h"
#include "engine/dns/DnsUpdateClient.h"
#include "engine/secrets/SecretStore.h"

#include <QDir>
#include <QHostAddress>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace certdeck::jobs {
namespace {

auto logger()
{
    return log::get("engine.dcv");
}

constexpr int kPreflightTimeoutMs = 10000;
constexpr int kDnsVisibleAttempts = 40; // x 250 ms
constexpr int kDnsTtl = 60;

dns::DnsUpdateTarget dnsTarget(const ProvisioningConfig& config, const QByteArray& secret)
{
    dns::DnsUpdateTarget target;
    target.server = config.dnsServer;
    target.port = quint16(config.dnsPort);
    target.zone = config.dnsZone;
    target.keyName = config.dnsKeyName;
    target.algorithm = config.dnsKeyAlgorithm;
    target.secret = secret;
    return target;
}

QString hostForUrl(const QString& identifier)
{
    QHostAddress address;
    if (address.setAddress(identifier) && address.protocol() == QAbstractSocket::IPv6Protocol) {
        return QStringLiteral("[%1]").arg(identifier);
    }
    return identifier;
}

} // namespace

JobDomainValidator::JobDomainValidator(ProvisioningConfig config, int httpPort, const secrets::SecretStore* secrets,
                                       QNetworkAccessManager* network, ValidationHooks hooks,
                                       std::chrono::seconds manualTimeout)
    : m_config(std::move(config))
    , m_httpPort(httpPort)
    , m_secrets(secrets)
    , m_hooks(std::move(hooks))
    , m_manualTimeout(manualTimeout)
    , m_context(std::make_unique<QObject>())
    , m_network(network)
{
    m_dns = new dns::DnsUpdateClient(m_context.get());
}

JobDomainValidator::~JobDomainValidator() = default;

QStringList JobDomainValidator::challengeTypes() const
{
    if (m_config.dcvMethod == QLatin1String("dns-01")) {
        return {QStringLiteral("dns-01"), QStringLiteral("http-01")};
    }
    return {QStringLiteral("http-01"), QStringLiteral("dns-01")};
}

QString JobDomainValidator::challengeUrl(const ca::ChallengeTask& task, int httpPort)
{
    const QString port = httpPort == 80 ? QString() : QStringLiteral(":%1").arg(httpPort);
    return QStringLiteral("http://%1%2%3").arg(hostForUrl(task.identifier), port, task.httpPath());
}

void JobDomainValidator::progress(const QString& step, int percent)
{
    if (m_hooks.progress) {
        m_hooks.progress(step, percent);
    }
}

void JobDomainValidator::present(const QList<ca::ChallengeTask>& tasks, QObject* context,
                                 std::function<void(Status)> done)
{
    auto reply = [context = QPointer<QObject>(context), done = std::move(done)](Status status) {
        if (context) {
            deliverTo(context, [done, status] { done(status); });
        }
    };
    QList<ca::ChallengeTask> files;
    QList<ca::ChallengeTask> records;
    for (const auto& task : tasks) {
        (task.type == QLatin1String("dns-01") ? records : files).append(task);
    }
    // Files first, then records; each part falls back to the operator on its own.
    presentFiles(files, [this, records, reply](Status status) {
        if (!status.ok()) {
            reply(status);
            return;
        }
        presentDns(records, reply);
    });
}

// --- http-01 through the bot ---------------------------------------------------------------------------------

void JobDomainValidator::presentFiles(const QList<ca::ChallengeTask>& tasks, Done done)
{
    if (tasks.isEmpty()) {
        done({});
        return;
    }
    if (!m_config.dcvEnabled) {
        askOperator(tasks,
                    tr("Automatic DCV is off for this certificate (\"Attempt DCV using filename at "
                       "location\" is not checked)."),
                    std::move(done));
        return;
    }
    if (m_config.dcvPath.isEmpty() || !QDir::isAbsolutePath(m_config.dcvPath)) {
        askOperator(
            tasks, tr("The DCV path \"%1\" is not an absolute directory path on the bot's host.").arg(m_config.dcvPath),
            std::move(done));
        return;
    }
    progress(QStringLiteral("dcv.put"), 30);
    m_hooks.withBot([this, tasks, done = std::move(done)](Result<bots::BotClient*> bot) {
        if (!bot.ok()) {
            askOperator(tasks, tr("The bot could not be reached to write the validation files: %1").arg(bot.message()),
                        done);
            return;
        }
        putFile(bot.value(), tasks, done);
    });
}

void JobDomainValidator::putFile(bots::BotClient* bot, QList<ca::ChallengeTask> remaining, Done done)
{
    if (remaining.isEmpty()) {
        progress(QStringLiteral("dcv.preflight"), 35);
        preflight(m_publishedFiles, std::move(done));
        return;
    }
    const ca::ChallengeTask task = remaining.takeFirst();
    const QJsonObject params{{QStringLiteral("dcvPath"), m_config.dcvPath},
                             {QStringLiteral("token"), task.token},
                             {QStringLiteral("content"), task.keyAuthorization}};
    bot->call(
        QStringLiteral("dcv.put"), params, m_context.get(),
        [this, bot, task, remaining, done](Result<QJsonObject> reply) {
            if (!reply.ok()) {
                QList<ca::ChallengeTask> all = m_publishedFiles + QList<ca::ChallengeTask>{task} + remaining;
                askOperator(
                    all,
                    tr("The bot did not write the validation file for %1: %2").arg(task.identifier, reply.message()),
                    done);
                return;
            }
            m_publishedFiles.append(task);
            putFile(bot, remaining, done);
        });
}

// The spec's getDCV: fetch each answer the way the CA will, before asking the CA.
void JobDomainValidator::preflight(QList<ca::ChallengeTask> remaining, Done done)
{
    if (remaining.isEmpty()) {
        done({});
        return;
    }
    const ca::ChallengeTask task = remaining.takeFirst();
    const QUrl url(challengeUrl(task, m_httpPort));
    QNetworkRequest request(url);
    request.setTransferTimeout(kPreflightTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply* reply = m_network->get(request);
    limitResponseBody(reply, bodylimit::validationFile, bodylimit::validationFile);
    // Freed when done, also when this validator is gone by then (the manager belongs to the lifecycle service).
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    QObject::connect(reply, &QNetworkReply::finished, m_context.get(), [this, reply, task, url, remaining, done] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const Result<QByteArray> read = readResponseBody(reply, tr("fetch %1").arg(url.toString()));
        const QByteArray body = read ? read->trimmed() : QByteArray();
        QString problem;
        if (reply->error() != QNetworkReply::NoError && status == 0) {
            problem = reply->errorString();
        } else if (status != 200) {
            problem = tr("HTTP status %1").arg(status); // also when the error page was cut at the cap
        } else if (!read) {
            problem = tr("the answer is larger than %1 KiB, more than a validation file")
                          .arg(bodylimit::validationFile / 1024);
        } else if (body != task.keyAuthorization.toUtf8()) {
            problem = tr("the file is served, but with other content (%1 bytes)").arg(body.size());
        }
        if (!problem.isEmpty()) {
            logger()->warn("pre-flight of {} failed: {}", url.toString().toStdString(), problem.toStdString());
            askOperator(m_publishedFiles,
                        tr("The pre-flight check could not fetch %1: %2. Check that %3 is the web root that serves "
                           "%4 on port %5.")
                            .arg(url.toString(), problem, m_config.dcvPath, task.identifier)
                            .arg(m_httpPort),
                        done);
            return;
        }
        preflight(remaining, done);
    });
}

// --- dns-01 through RFC 2136 -----------------------------------------------------------------------------------

void JobDomainValidator::presentDns(const QList<ca::ChallengeTask>& tasks, Done done)
{
    if (tasks.isEmpty()) {
        done({});
        return;
    }
    if (m_config.dcvMethod != QLatin1String("dns-01") || m_config.dnsServer.isEmpty() || m_config.dnsZone.isEmpty() ||
        m_config.dnsKeyName.isEmpty()) {
        askOperator(tasks,
                    tr("No DNS server for automatic dns-01 validation is configured (server, zone and TSIG key in "
                       "the DCV step)."),
                    std::move(done));
        return;
    }
    if (!m_secrets) {
        askOperator(tasks, tr("No keychain is available for the TSIG key."), std::move(done));
        return;
    }
    progress(QStringLiteral("dns.update"), 30);
    m_secrets->read(QStringLiteral("tsig/") + m_config.dnsKeyName, m_context.get(),
                    [this, tasks, done = std::move(done)](Result<QByteArray> secret) {
                        if (!secret.ok()) {
                            askOperator(tasks,
                                        tr("The TSIG key \"%1\" could not be read from the keychain: %2")
                                            .arg(m_config.dnsKeyName, secret.message()),
                                        done);
                            return;
                        }
                        m_tsigSecret = QByteArray::fromBase64(secret->trimmed());
                        addRecords(tasks, done);
                    });
}

void JobDomainValidator::addRecords(QList<ca::ChallengeTask> remaining, Done done)
{
    if (remaining.isEmpty()) {
        progress(QStringLiteral("dns.wait"), 35);
        waitVisible(m_publishedRecords, kDnsVisibleAttempts, std::move(done));
        return;
    }
    const ca::ChallengeTask task = remaining.takeFirst();
    const dns::DnsUpdateTarget target = dnsTarget(m_config, m_tsigSecret);
    m_dns->addTxt(target, task.dnsRecordName, task.dnsRecordValue, kDnsTtl, m_context.get(),
                  [this, task, remaining, done](Status status) {
                      if (!status.ok()) {
                          askOperator(m_publishedRecords + QList<ca::ChallengeTask>{task} + remaining, status.message(),
                                      done);
                          return;
                      }
                      m_publishedRecords.append(task);
                      addRecords(remaining, done);
                  });
}

void JobDomainValidator::waitVisible(QList<ca::ChallengeTask> remaining, int attemptsLeft, Done done)
{
    if (remaining.isEmpty()) {
        done({});
        return;
    }
    const ca::ChallengeTask task = remaining.first();
    m_dns->queryTxt(m_config.dnsServer, quint16(m_config.dnsPort), task.dnsRecordName, m_context.get(),
                    [this, task, remaining, attemptsLeft, done](Result<QStringList> values) {
                        if (values.ok() && values->contains(task.dnsRecordValue)) {
                            waitVisible(remaining.mid(1), kDnsVisibleAttempts, done);
                            return;
                        }
                        if (attemptsLeft <= 1) {
                            askOperator(
                                m_publishedRecords,
                                tr("The DNS server %1 does not answer with the TXT record %2 after the update%3.")
                                    .arg(m_config.dnsServer, task.dnsRecordName,
                                         values.ok() ? QString() : QStringLiteral(": ") + values.message()),
                                done);
                            return;
                        }
                        QTimer::singleShot(250, m_context.get(), [this, remaining, attemptsLeft, done] {
                            waitVisible(remaining, attemptsLeft - 1, done);
                        });
                    });
}

// --- the operator ---------------------------------------------------------------------------------------------

void JobDomainValidator::askOperator(const QList<ca::ChallengeTask>& tasks, const QString& reason, Done done)
{
    ManualValidation manual;
    manual.reason = reason;
    manual.deadline = QDateTime::currentDateTimeUtc().addSecs(m_manualTimeout.count());
    for (const auto& task : tasks) {
        ManualChallenge challenge;
        challenge.identifier = task.identifier;
        challenge.type = task.type;
        if (task.type == QLatin1String("dns-01")) {
            challenge.recordName = task.dnsRecordName;
            challenge.recordValue = task.dnsRecordValue;
        } else {
            challenge.url = challengeUrl(task, m_httpPort);
            challenge.fileName = task.token;
            challenge.content = task.keyAuthorization;
            if (QDir::isAbsolutePath(m_config.dcvPath)) {
                challenge.filePath =
                    QDir(m_config.dcvPath).filePath(QStringLiteral(".well-known/acme-challenge/") + task.token);
            }
        }
        manual.challenges.append(challenge);
    }
    logger()->info("waiting for the operator to validate {} challenge(s): {}", tasks.size(), reason.toStdString());
    if (!m_hooks.awaitOperator) {
        done(fail(reason));
        return;
    }
    m_hooks.awaitOperator(manual, std::move(done));
}

// --- clean-up -------------------------------------------------------------------------------------------------

void JobDomainValidator::cleanUp(const QList<ca::ChallengeTask>&, QObject* context, std::function<void()> done)
{
    auto reply = [context = QPointer<QObject>(context), done = std::move(done)] {
        if (context) {
            deliverTo(context, done);
        }
    };
    const QList<ca::ChallengeTask> files = std::exchange(m_publishedFiles, {});
    const QList<ca::ChallengeTask> records = std::exchange(m_publishedRecords, {});
    removeFiles(files, [this, records, reply] { removeRecords(records, reply); });
}

void JobDomainValidator::removeFiles(QList<ca::ChallengeTask> remaining, std::function<void()> done)
{
    if (remaining.isEmpty()) {
        done();
        return;
    }
    m_hooks.withBot([this, remaining, done](Result<bots::BotClient*> bot) {
        if (!bot.ok()) {
            logger()->warn("validation files were left on the bot (unreachable: {})", bot.message().toStdString());
            done();
            return;
        }
        auto* client = bot.value();
        const ca::ChallengeTask task = remaining.first();
        client->call(QStringLiteral("dcv.remove"),
                     QJsonObject{{QStringLiteral("dcvPath"), m_config.dcvPath}, {QStringLiteral("token"), task.token}},
                     m_context.get(), [this, remaining, done, task](Result<QJsonObject> reply) {
                         if (!reply.ok()) {
                             logger()->warn("could not remove the validation file of {}: {}",
                                            task.identifier.toStdString(), reply.message().toStdString());
                         }
                         removeFiles(remaining.mid(1), done);
                     });
    });
}

void JobDomainValidator::removeRecords(QList<ca::ChallengeTask> remaining, std::function<void()> done)
{
    if (remaining.isEmpty()) {
        done();
        return;
    }
    const ca::ChallengeTask task = remaining.first();
    const dns::DnsUpdateTarget target = dnsTarget(m_config, m_tsigSecret);
    m_dns->removeTxt(target, task.dnsRecordName, task.dnsRecordValue, m_context.get(),
                     [this, remaining, done, task](Status status) {
                         if (!status.ok()) {
                             logger()->warn("could not remove the TXT record {}: {}", task.dnsRecordName.toStdString(),
                                            status.message().toStdString());
                         }
                         removeRecords(remaining.mid(1), done);
                     });
}

} // namespace certdeck::jobs
