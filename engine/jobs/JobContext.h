#pragma once

#include <QString>
#include <QThreadPool>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace certdeck::store {
class Database;
}
namespace certdeck::ca {
class CaRegistry;
}
namespace certdeck::secrets {
class SecretStore;
}

namespace certdeck::jobs {

class BotConnections;
class JobJournal;
class RetryPolicy;

// What a running job needs from the service that owns it.
struct JobContext
{
    std::shared_ptr<store::Database> database;
    ca::CaRegistry* cas = nullptr;
    BotConnections* bots = nullptr;
    QThreadPool* dbPool = nullptr; // one thread: inventory writes stay in order
    QString actor;
    const secrets::SecretStore* secrets = nullptr; // TSIG keys for dns-01
    std::chrono::seconds manualValidationTimeout{24 * 3600};
    JobJournal* journal = nullptr;            // step records, merged into few transactions
    QNetworkAccessManager* network = nullptr; // DCV pre-flight requests of every job
    const RetryPolicy* retry = nullptr;       // null: no retries
};

} // namespace certdeck::jobs
