#pragma once

#include <QString>
#include <QThreadPool>

#include <memory>

namespace certdeck::store {
class Database;
}
namespace certdeck::ca {
class CaRegistry;
}

namespace certdeck::jobs {

class BotConnections;

// What a running job needs from the service that owns it.
struct JobContext
{
    std::shared_ptr<store::Database> database;
    ca::CaRegistry* cas = nullptr;
    BotConnections* bots = nullptr;
    QThreadPool* dbPool = nullptr; // one thread: inventory writes stay in order
    QString actor;
};

} // namespace certdeck::jobs
