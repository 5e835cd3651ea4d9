#include "engine/bots/BotService.h"

#include "engine/bots/BotClient.h"
#include "engine/bots/BotServiceSteps.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/jobs/BotConnections.h"
#include "engine/secrets/SecretStore.h"

#include <QPointer>
#include <QThreadPool>

namespace certdeck::bots {
namespace {

auto logger()
{
    return log::get("engine.bots");
}

// Hands a worker's progress to the caller's thread.
steps::StepProgress progressOn(QObject* context, BotService::Progress progress)
{
    if (!progress) {
        return {};
    }
    return [context = QPointer<QObject>(context), progress](int percent, const QString& step) {
        if (context) {
            deliverTo(context.data(), [progress, percent, step] { progress(percent, step); });
        }
    };
}

} // namespace

struct BotService::Impl
{
    const store::Database& database;
    secrets::SecretStore secrets;
    jobs::BotConnections& connections;
    audit::AuditTrail* audit = nullptr;
    QString localBotBinary;
    // Workers: SSH and the keychain block, so a slow host must not hold up the list. Each thread keeps its own
    // database connection for its life.
    QThreadPool pool;

    steps::Env env() const { return steps::Env{database, secrets, audit, localBotBinary}; }

    // Runs `work` on a worker and hands its result to `done` on the thread of `context` (dropped when it is gone).
    template <typename T, typename Work>
    void run(BotService* q, QObject* context, Work work, std::function<void(T)> done,
             std::function<void(const T&)> after = {})
    {
        runInPool<T>(
            &pool, q, std::move(work),
            [context = QPointer<QObject>(context), done = std::move(done), after = std::move(after)](T result) {
                if (after) {
                    after(result);
                }
                if (context) {
                    done(std::move(result));
                }
            });
    }
};

BotService::BotService(const store::Database& database, const secrets::SecretStore& secrets,
                       jobs::BotConnections& connections, audit::AuditTrail* audit, QString localBotBinary,
                       QObject* parent)
    : QObject(parent)
    , d(new Impl{database, secrets, connections, audit, std::move(localBotBinary), {}})
{
    d->pool.setMaxThreadCount(4);
    d->pool.setExpiryTimeout(-1);
}

BotService::~BotService()
{
    d->pool.waitForDone();
    delete d;
}

void BotService::list(QObject* context, std::function<void(Result<QList<Bot>>)> done) const
{
    const steps::Env env = d->env();
    d->run<Result<QList<Bot>>>(
        const_cast<BotService*>(this), context, [env] { return steps::list(env); }, std::move(done));
}

void BotService::addSshBot(SshBotRequest request, QObject* context, std::function<void(Result<Bot>)> done)
{
    const steps::Env env = d->env();
    d->run<Result<Bot>>(
        this, context, [env, request = std::move(request)]() mutable { return steps::add(env, std::move(request)); },
        std::move(done),
        [this](const Result<Bot>& added) {
            if (added.ok()) {
                Q_EMIT botsChanged();
            }
        });
}

void BotService::fetchHostKey(qint64 botId, QObject* context, std::function<void(Result<SshHostKey>)> done)
{
    const steps::Env env = d->env();
    d->run<Result<SshHostKey>>(
        this, context, [env, botId] { return steps::fetchHostKey(env, botId); }, std::move(done));
}

void BotService::confirmHostKey(qint64 botId, const QString& fingerprintSha256, QObject* context,
                                std::function<void(Status)> done)
{
    const steps::Env env = d->env();
    d->run<Result<Bot>>(
        this, context, [env, botId, fingerprintSha256] { return steps::confirmHostKey(env, botId, fingerprintSha256); },
        [done = std::move(done)](Result<Bot> pinned) { done(pinned.ok() ? Status() : Status(pinned.error())); },
        [this, botId](const Result<Bot>& pinned) {
            if (pinned.ok()) {
                d->connections.forget(botId); // the next connection checks the new pin
                Q_EMIT botsChanged();
            }
        });
}

void BotService::testConnection(qint64 botId, QObject* context, std::function<void(Status)> done)
{
    const steps::Env env = d->env();
    d->run<Status>(
        this, context, [env, botId] { return steps::testConnection(env, botId); }, std::move(done),
        [this](const Status&) { Q_EMIT botsChanged(); });
}

void BotService::install(qint64 botId, QObject* context, std::function<void(Result<InstallOutcome>)> done,
                         Progress progress)
{
    const steps::Env env = d->env();
    const steps::StepProgress workerProgress = progressOn(context, progress);
    QPointer<QObject> guard(context);
    runInPool<Result<InstallOutcome>>(
        &d->pool, this, [env, botId, workerProgress] { return steps::install(env, botId, workerProgress); },
        [this, botId, guard, done = std::move(done), progress](Result<InstallOutcome> installed) {
            Q_EMIT botsChanged();
            if (!installed.ok()) {
                if (guard) {
                    done(installed);
                }
                return;
            }
            // The binary on the host may have changed: the next connection starts the installed one.
            d->connections.forget(botId);
            if (progress && guard) {
                progress(70, tr("Scanning the host"));
            }
            const InstallOutcome outcome = installed.value();
            rescan(botId, this, [guard, done, outcome](Result<discovery::SystemScan> scanned) {
                if (!guard) {
                    return;
                }
                if (!scanned.ok()) {
                    done(fail(tr("certdeck-bot %1 was %2, but the installation scan failed: %3")
                                  .arg(outcome.version, outcome.action, scanned.message()),
                              scanned.error().kind));
                    return;
                }
                done(outcome);
            });
        });
}

void BotService::rescan(qint64 botId, QObject* context, std::function<void(Result<discovery::SystemScan>)> done,
                        Progress progress)
{
    using ScanDone = std::function<void(Result<discovery::SystemScan>)>;
    const steps::Env env = d->env();
    auto finish = std::make_shared<ScanDone>(
        [guard = QPointer<QObject>(context), done = std::move(done)](Result<discovery::SystemScan> result) {
            if (guard) {
                done(std::move(result));
            }
        });
    // A failure after the bot was found is recorded on it (last error) and in the audit trail.
    auto failed = [this, env, botId, finish](const Error& error) {
        runInPool<bool>(
            &d->pool, this,
            [env, botId, error] {
                steps::recordFailure(env, botId, QStringLiteral("bot.scan"), error);
                return true;
            },
            [this, finish, error](bool) {
                Q_EMIT botsChanged();
                (*finish)(error);
            });
    };
    auto callProgress = progress ? Progress([guard = QPointer<QObject>(context), progress](int p, const QString& s) {
        if (guard) {
            progress(p, s);
        }
    })
                                 : Progress();
    runInPool<Result<Bot>>(
        &d->pool, this, [env, botId] { return steps::scannable(env, botId); },
        [this, env, botId, finish, failed, callProgress](Result<Bot> bot) {
            if (!bot.ok()) {
                (*finish)(bot.error());
                return;
            }
            logger()->info("scanning through bot \"{}\"", bot->name.toStdString());
            QPointer<BotService> self(this);
            d->connections.withClient(
                *bot, [self, this, env, botId, finish, failed, callProgress](Result<BotClient*> client) {
                    if (!self) {
                        return;
                    }
                    if (!client.ok()) {
                        failed(client.error());
                        return;
                    }
                    const QJsonObject botInfo = (*client)->botInfo();
                    (*client)->call(
                        QStringLiteral("scan"), QJsonObject{}, this,
                        [this, env, botId, finish, failed, botInfo](Result<QJsonObject> answer) {
                            if (!answer.ok()) {
                                failed(answer.error());
                                return;
                            }
                            runInPool<Result<discovery::SystemScan>>(
                                &d->pool, this,
                                [env, botId, answer = answer.value(), botInfo] {
                                    return steps::storeScan(env, botId, answer, botInfo);
                                },
                                [this, finish](Result<discovery::SystemScan> stored) {
                                    Q_EMIT botsChanged();
                                    (*finish)(std::move(stored));
                                });
                        },
                        callProgress);
                });
        });
}

void BotService::remove(qint64 botId, QObject* context, std::function<void(Status)> done)
{
    const steps::Env env = d->env();
    d->run<Status>(
        this, context, [env, botId] { return steps::remove(env, botId); }, std::move(done),
        [this, botId](const Status& removed) {
            if (removed.ok()) {
                d->connections.forget(botId);
                Q_EMIT botsChanged();
            }
        });
}

} // namespace certdeck::bots
