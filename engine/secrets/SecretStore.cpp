#include "engine/secrets/SecretStore.h"

#include "engine/core/Log.h"

#include <QCoreApplication>
#include <QMutex>
#include <QPointer>
#include <QThread>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <qt6keychain/keychain.h>

#include <chrono>
#include <future>
#include <memory>

namespace certdeck::secrets {
namespace {

// How long a blocking call waits for the keychain (an unlock prompt may be on screen meanwhile).
constexpr auto kBlockingDeadline = std::chrono::minutes(5);

enum class Operation { Read, Write, Remove };

struct Outcome
{
    Status status;
    QByteArray data;
};

// Every QtKeychain job runs on this one thread. QtKeychain queues jobs through a process-wide executor that
// belongs to the thread which used it first and is not thread-safe; with jobs from pool threads that come and
// go, the queue could stall for good. One long-lived thread with an event loop (glib's, which libsecret needs)
// avoids that, and lets worker threads without an event loop block on a result.
class KeychainThread
{
public:
    static KeychainThread& instance()
    {
        static KeychainThread* self = new KeychainThread(); // stopped by a post routine, never destroyed
        return *self;
    }

    // A QObject that lives in the keychain thread (null once the application is shutting down).
    QObject* worker()
    {
        QMutexLocker lock(&m_mutex);
        if (m_stopped) {
            return nullptr;
        }
        if (!m_thread) {
            m_thread = new QThread();
            m_thread->setObjectName(QStringLiteral("certdeck-keychain"));
            m_worker = new QObject();
            m_worker->moveToThread(m_thread);
            m_thread->start();
            qAddPostRoutine(&KeychainThread::stopAtExit);
        }
        return m_worker;
    }

    QThread* thread()
    {
        QMutexLocker lock(&m_mutex);
        return m_thread;
    }

private:
    static void stopAtExit()
    {
        KeychainThread& self = instance();
        QMutexLocker lock(&self.m_mutex);
        self.m_stopped = true;
        if (self.m_thread) {
            self.m_thread->quit();
            self.m_thread->wait();
            delete self.m_worker;
            delete self.m_thread;
            self.m_worker = nullptr;
            self.m_thread = nullptr;
        }
    }

    QMutex m_mutex;
    QThread* m_thread = nullptr;
    QObject* m_worker = nullptr;
    bool m_stopped = false;
};

QString verb(Operation op)
{
    switch (op) {
    case Operation::Read:
        return QStringLiteral("read");
    case Operation::Write:
        return QStringLiteral("store");
    case Operation::Remove:
        return QStringLiteral("remove");
    }
    return {};
}

Error unavailable(Operation op, const QString& key, const QString& detail)
{
    const QString reason = detail.trimmed().isEmpty() ? QStringLiteral("no keychain answered") : detail.trimmed();
    return fail(QStringLiteral("Could not %1 the secret \"%2\": %3.\n\n%4")
                    .arg(verb(op), key, reason, SecretStore::unavailableHelp()),
                QStringLiteral("unavailable"));
}

Error errorOf(Operation op, const QString& key, QKeychain::Error code, const QString& detail)
{
    switch (code) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return fail(QStringLiteral("The keychain holds no secret \"%1\".").arg(key), QStringLiteral("notFound"));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return fail(QStringLiteral("Could not %1 the secret \"%2\": the keychain refused access (%3). Unlock the "
                                   "keychain and allow CertDeck to use it, then try again.")
                        .arg(verb(op), key, detail.trimmed()),
                    QStringLiteral("denied"));
    case QKeychain::CouldNotDeleteEntry:
        return fail(
            QStringLiteral("Could not remove the secret \"%1\" from the keychain: %2").arg(key, detail.trimmed()),
            QStringLiteral("keychain"));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // QtKeychain reports an unreachable D-Bus session or Secret Service as OtherError.
        return unavailable(op, key, detail);
    }
    return unavailable(op, key, detail);
}

QKeychain::Job* makeJob(Operation op, const QString& service, const QByteArray& secret)
{
    QKeychain::Job* job = nullptr;
    switch (op) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case Operation::Write: {
        auto* write = new QKeychain::WritePasswordJob(service);
        write->setBinaryData(secret);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file: without a keychain, fail
    return job;
}

// Runs one job on the keychain thread; `finish` is called there exactly once with the outcome.
void dispatch(Operation op, const QString& service, const QString& key, const QByteArray& secret,
              std::function<void(Outcome)> finish)
{
    QObject* worker = KeychainThread::instance().worker();
    if (!worker) {
        finish(Outcome{unavailable(op, key, QStringLiteral("the application is shutting down")), {}});
        return;
    }
    QMetaObject::invokeMethod(
        worker,
        [op, service, key, secret, finish = std::move(finish)]() {
            QKeychain::Job* job = makeJob(op, service, secret);
            job->setKey(key);
            QObject::connect(
                job, &QKeychain::Job::finished, job,
                [op, key, finish](QKeychain::Job* done) {
                    Outcome outcome;
                    if (done->error() != QKeychain::NoError) {
                        outcome.status = errorOf(op, key, done->error(), done->errorString());
                        // Key names and QtKeychain's error text only: never the secret.
                        log::get("engine.secrets")
                            ->log(done->error() == QKeychain::EntryNotFound ? spdlog::level::debug
                                                                            : spdlog::level::warn,
                                  "Keychain {} of \"{}\" failed: {}", verb(op).toStdString(), key.toStdString(),
                                  done->errorString().toStdString());
                    } else if (op == Operation::Read) {
                        outcome.data = static_cast<QKeychain::ReadPasswordJob*>(done)->binaryData();
                    }
                    finish(std::move(outcome));
                },
                Qt::DirectConnection);
            job->start();
        },
        Qt::QueuedConnection);
}

// Delivers an outcome to `context`'s thread through a queued connection made while `context` is alive: Qt drops
// the call if `context` is destroyed first.
class Delivery : public QObject
{
    Q_OBJECT
public:
    std::shared_ptr<Outcome> outcome = std::make_shared<Outcome>();

Q_SIGNALS:
    void ready();
};

void runAsync(Operation op, const QString& service, const QString& key, const QByteArray& secret, QObject* context,
              std::function<void(const Outcome&)> deliver)
{
    QObject* receiver = context ? context : QCoreApplication::instance();
    auto* delivery = new Delivery();
    const std::shared_ptr<Outcome> outcome = delivery->outcome;
    QPointer<QObject> guard(receiver);
    QObject::connect(
        delivery, &Delivery::ready, receiver,
        [guard, outcome, deliver = std::move(deliver)]() {
            if (guard) {
                deliver(*outcome);
            }
        },
        Qt::QueuedConnection);
    dispatch(op, service, key, secret, [delivery, outcome](Outcome result) {
        *outcome = std::move(result);
        Q_EMIT delivery->ready();
        delivery->deleteLater();
    });
}

Outcome runBlocking(Operation op, const QString& service, const QString& key, const QByteArray& secret)
{
    if (QThread::currentThread() == KeychainThread::instance().thread()) {
        return Outcome{fail(QStringLiteral("Internal error: a blocking keychain call on the keychain thread."),
                            QStringLiteral("keychain")),
                       {}};
    }
    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> future = promise->get_future();
    dispatch(op, service, key, secret, [promise](Outcome result) { promise->set_value(std::move(result)); });
    if (future.wait_for(kBlockingDeadline) != std::future_status::ready) {
        return Outcome{fail(QStringLiteral("The keychain did not answer within five minutes while trying to %1 the "
                                           "secret \"%2\". Check that it is unlocked and not waiting for you.")
                                .arg(verb(op), key),
                            QStringLiteral("timeout")),
                       {}};
    }
    return future.get();
}

} // namespace

SecretStore::SecretStore(QString service)
    : m_service(std::move(service))
{
}

void SecretStore::write(const QString& key, const QByteArray& secret, QObject* context,
                        std::function<void(Status)> done) const
{
    runAsync(Operation::Write, m_service, key, secret, context,
             [done = std::move(done)](const Outcome& outcome) { done(outcome.status); });
}

void SecretStore::read(const QString& key, QObject* context, std::function<void(Result<QByteArray>)> done) const
{
    runAsync(Operation::Read, m_service, key, {}, context, [done = std::move(done)](const Outcome& outcome) {
        if (!outcome.status) {
            done(outcome.status.error());
        } else {
            done(outcome.data);
        }
    });
}

void SecretStore::remove(const QString& key, QObject* context, std::function<void(Status)> done) const
{
    runAsync(Operation::Remove, m_service, key, {}, context,
             [done = std::move(done)](const Outcome& outcome) { done(outcome.status); });
}

Status SecretStore::writeBlocking(const QString& key, const QByteArray& secret) const
{
    return runBlocking(Operation::Write, m_service, key, secret).status;
}

Result<QByteArray> SecretStore::readBlocking(const QString& key) const
{
    Outcome outcome = runBlocking(Operation::Read, m_service, key, {});
    if (!outcome.status) {
        return outcome.status.error();
    }
    return std::move(outcome.data);
}

Status SecretStore::removeBlocking(const QString& key) const
{
    return runBlocking(Operation::Remove, m_service, key, {}).status;
}

QByteArray SecretStore::generatePassphrase(int bytes)
{
    QByteArray raw(qMax(16, bytes), Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) != 1) {
        OPENSSL_cleanse(raw.data(), static_cast<size_t>(raw.size()));
        return {};
    }
    QByteArray text = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    OPENSSL_cleanse(raw.data(), static_cast<size_t>(raw.size()));
    return text;
}

QString SecretStore::unavailableHelp()
{
    return QCoreApplication::translate(
        "SecretStore",
        "CertDeck keeps passwords and passphrases only in the operating system's keychain and never falls back to "
        "storing them in a plain file, so it cannot continue without one. On Linux the keychain is the Secret "
        "Service: install and unlock GNOME Keyring (package gnome-keyring) or enable the Secret Service "
        "integration of KeePassXC, then try again. On a headless machine, run CertDeck inside "
        "\"dbus-run-session\" and start \"gnome-keyring-daemon --unlock\" in that session first.");
}

} // namespace certdeck::secrets

#include "SecretStore.moc"
