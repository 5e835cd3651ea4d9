#include "engine/store/Database.h"

#include "engine/core/Log.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/DatabaseUrl.h"
#include "engine/store/InventoryFiles.h"
#include "engine/store/Migrations.h"

#include <openssl/crypto.h>

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>

#include <memory>

namespace certdeck::store {
namespace {

QAtomicInteger<quint64> s_nextDatabaseSerial{0};
QAtomicInteger<quint64> s_nextThreadSerial{0};

// A number that identifies the calling thread for the life of the process (never reused, unlike thread ids).
quint64 threadSerial()
{
    thread_local const quint64 serial = ++s_nextThreadSerial;
    return serial;
}

// Transaction nesting per Database and thread: nested transaction() calls join the outer one.
thread_local QHash<const void*, int> t_transactionDepth;

int transactionDepth(const void* database)
{
    return t_transactionDepth.value(database);
}

void changeTransactionDepth(const void* database, int delta)
{
    const int depth = t_transactionDepth.value(database) + delta;
    if (depth > 0) {
        t_transactionDepth.insert(database, depth);
    } else {
        t_transactionDepth.remove(database);
    }
}

QString errorText(const QSqlError& error)
{
    const QString text = error.text().trimmed();
    return text.isEmpty() ? QStringLiteral("unknown error") : text;
}

// Settings every SQLite connection needs (journal_mode is stored in the file; the others are per connection).
Status configureSqlite(QSqlDatabase& db, bool memory)
{
    QStringList pragmas{QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("PRAGMA busy_timeout = 10000"),
                        QStringLiteral("PRAGMA synchronous = FULL")};
    if (!memory) {
        pragmas.prepend(QStringLiteral("PRAGMA journal_mode = WAL"));
    }
    for (const QString& pragma : pragmas) {
        QSqlQuery query(db);
        if (!query.exec(pragma)) {
            return fail(QStringLiteral("Could not configure the inventory database (%1): %2")
                            .arg(pragma, errorText(query.lastError())),
                        QStringLiteral("database"));
        }
    }
    return {};
}

// Why a PostgreSQL connection failed, with what to do about it (TLS verification, password, server).
Error postgresOpenFailure(const DatabaseUrl& url, bool hadPassword, const QString& error)
{
    QString hint = QStringLiteral("Check that the server is running and accepts this user.");
    const QString lower = error.toLower();
    if (lower.contains(QLatin1String("certificate")) || lower.contains(QLatin1String("ssl")) ||
        lower.contains(QLatin1String("root.crt"))) {
        hint = url.sslMode.startsWith(QLatin1String("verify"))
                   ? QStringLiteral("The server's TLS certificate could not be verified (sslmode=%1): give the CA "
                                    "that issued it with \"?sslrootcert=/path/ca.pem\" in the URL and connect by a "
                                    "host name the certificate names.")
                         .arg(url.sslMode)
                   : QStringLiteral("Check the server's TLS setup and the URL's sslmode.");
    } else if (lower.contains(QLatin1String("password"))) {
        hint = hadPassword ? QStringLiteral("The password in the keychain was refused: store the right one with "
                                            "\"certdeckctl db password set --url URL\" (it reads it from stdin).")
                           : QStringLiteral("The server wants a password: store it in the keychain with "
                                            "\"certdeckctl db password set --url URL\" (it reads it from stdin).");
    }
    return fail(
        QStringLiteral("Could not connect to the PostgreSQL inventory %1: %2 %3").arg(url.describe(), error, hint),
        QStringLiteral("unavailable"));
}

// The password of a PostgreSQL inventory from the keychain; empty when none is stored (or no keychain answers:
// the server may not need one).
QString keychainPassword(const DatabaseUrl& url)
{
    Result<QByteArray> secret = secrets::SecretStore().readBlocking(url.passwordKey());
    if (!secret) {
        if (secret.error().kind != QLatin1String("notFound")) {
            log::get("engine.store")
                ->info("No database password from the keychain for {}: {}", url.describe().toStdString(),
                       secret.message().toStdString());
        }
        return {};
    }
    QString password = QString::fromUtf8(*secret);
    OPENSSL_cleanse(secret->data(), static_cast<size_t>(secret->size()));
    return password;
}

// Connection names and their bookkeeping, shared with the thread-exit handlers (which may outlive the Database).
struct Connections
{
    QMutex mutex;
    QString baseName;
    QHash<quint64, QString> byThread;
    bool closed = false;
};

void removeConnection(const QString& name, bool closeFirst)
{
    if (closeFirst) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

struct Database::Private
{
    quint64 serial = 0;
    QString url;
    QString dialect;
    bool memory = false;
    std::shared_ptr<Connections> connections = std::make_shared<Connections>();

    Status openTemplate(const DatabaseUrl& parsed, const QString& password);
    QSqlDatabase connectionForThisThread() const;
    Status configure(QSqlDatabase& db) const;
};

Status Database::Private::configure(QSqlDatabase& db) const
{
    if (dialect == QLatin1String("sqlite")) {
        return configureSqlite(db, memory);
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SET TIME ZONE 'UTC'"))) {
        return fail(QStringLiteral("Could not configure the PostgreSQL session: %1").arg(errorText(query.lastError())),
                    QStringLiteral("database"));
    }
    return {};
}

Status Database::Private::openTemplate(const DatabaseUrl& parsed, const QString& password)
{
    const QString name = connections->baseName;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(parsed.driver, name);
        if (!db.isValid()) {
            const QString package = parsed.driver == QLatin1String("QPSQL") ? QStringLiteral("libqt6sql6-psql")
                                                                            : QStringLiteral("libqt6sql6-sqlite");
            return fail(QStringLiteral("The Qt SQL driver %1 is not available. Install the package %2.")
                            .arg(parsed.driver, package),
                        QStringLiteral("unavailable"));
        }
        db.setDatabaseName(parsed.databaseName);
        if (!parsed.host.isEmpty()) {
            db.setHostName(parsed.host);
            db.setPort(parsed.port);
        }
        if (!parsed.user.isEmpty()) {
            db.setUserName(parsed.user);
        }
        if (!password.isEmpty()) {
            db.setPassword(password);
        }
        db.setConnectOptions(parsed.connectOptions);
        const bool opened = [&] {
            // SQLite creates the database and its -wal/-shm files here: private from the start.
            inventory_files::PrivateUmask privateFiles;
            return db.open();
        }();
        if (!opened) {
            if (parsed.isPostgres()) {
                return postgresOpenFailure(parsed, !password.isEmpty(), errorText(db.lastError()));
            }
            return fail(
                QStringLiteral("Could not open the inventory database \"%1\": %2")
                    .arg(parsed.memory ? QStringLiteral(":memory:") : parsed.databaseName, errorText(db.lastError())),
                QStringLiteral("io"));
        }
        inventory_files::PrivateUmask privateFiles; // journal_mode = WAL creates the -wal and -shm files
        if (Status status = configure(db); !status) {
            return status;
        }
    }
    QMutexLocker lock(&connections->mutex);
    connections->byThread.insert(threadSerial(), name);
    return {};
}

QSqlDatabase Database::Private::connectionForThisThread() const
{
    const quint64 thread = threadSerial();
    QString name;
    {
        QMutexLocker lock(&connections->mutex);
        if (connections->closed) {
            return {};
        }
        const auto it = connections->byThread.constFind(thread);
        if (it != connections->byThread.constEnd()) {
            name = *it;
        }
    }
    if (!name.isEmpty()) {
        return QSqlDatabase::database(name, false);
    }

    name = QStringLiteral("%1-t%2").arg(connections->baseName).arg(thread);
    QSqlDatabase db = QSqlDatabase::cloneDatabase(connections->baseName, name);
    if (!db.open()) {
        log::get("engine.store")
            ->error("Could not open a connection to the inventory for a worker thread: {}",
                    errorText(db.lastError()).toStdString());
        return db;
    }
    if (Status status = configure(db); !status) {
        log::get("engine.store")->error("{}", status.message().toStdString());
    }
    {
        QMutexLocker lock(&connections->mutex);
        connections->byThread.insert(thread, name);
    }
    // Close this thread's connection when the thread ends (threads of QThreadPool end when they expire).
    if (QThread* current = QThread::currentThread()) {
        std::weak_ptr<Connections> weak = connections;
        QObject::connect(
            current, &QThread::finished, current,
            [weak, thread, name]() {
                const std::shared_ptr<Connections> shared = weak.lock();
                if (!shared) {
                    return;
                }
                QMutexLocker lock(&shared->mutex);
                if (shared->closed || shared->byThread.value(thread) != name) {
                    return;
                }
                shared->byThread.remove(thread);
                lock.unlock();
                removeConnection(name, true);
            },
            Qt::DirectConnection);
    }
    return db;
}

Database::Database()
    : d(std::make_unique<Private>())
{
    d->serial = ++s_nextDatabaseSerial;
    d->connections->baseName = QStringLiteral("certdeck-inventory-%1").arg(d->serial);
}

Database::~Database()
{
    QHash<quint64, QString> names;
    {
        QMutexLocker lock(&d->connections->mutex);
        d->connections->closed = true;
        names.swap(d->connections->byThread);
    }
    const quint64 thread = threadSerial();
    // The template connection last: the clones were made from it.
    const QString baseName = d->connections->baseName;
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        if (it.value() != baseName) {
            removeConnection(it.value(), it.key() == thread);
        }
    }
    if (QSqlDatabase::contains(baseName)) {
        removeConnection(baseName, names.value(thread) == baseName);
    }
    t_transactionDepth.remove(d.get());
}

Result<std::shared_ptr<Database>> Database::open(const QString& url, const QString& password)
{
    auto db = openUnmigrated(url, password);
    if (!db) {
        return db;
    }
    QSqlDatabase connection = (*db)->connection();
    if (Status status = Migrations::migrate(connection); !status) {
        return status.error();
    }
    return db;
}

Result<std::shared_ptr<Database>> Database::openUnmigrated(const QString& url, const QString& password)
{
    std::shared_ptr<Database> db(new Database());
    auto parsed = DatabaseUrl::parse(url, db->d->serial);
    if (!parsed) {
        return parsed.error();
    }
    db->d->url = url;
    db->d->dialect = parsed->dialect;
    db->d->memory = parsed->memory;
    const bool sqliteFile = parsed->dialect == QLatin1String("sqlite") && !parsed->memory;
    if (sqliteFile) {
        const QString defaultFolder = QFileInfo(defaultUrl().mid(7)).absolutePath(); // after "sqlite:"
        const bool ownFolder = QFileInfo(parsed->databaseName).absolutePath() == QDir::cleanPath(defaultFolder);
        if (Status status = inventory_files::prepareFolder(parsed->databaseName, ownFolder); !status) {
            return status.error();
        }
        if (Status status = inventory_files::tightenModes(parsed->databaseName); !status) {
            return status.error();
        }
    }
    if (parsed->isPostgres() && !parsed->isLocalHost() && parsed->sslMode != QLatin1String("verify-full") &&
        parsed->sslMode != QLatin1String("verify-ca")) {
        log::get("engine.store")
            ->warn("The PostgreSQL inventory {} is reached with sslmode={}: the server's identity is not verified",
                   parsed->describe().toStdString(), parsed->sslMode.toStdString());
    }
    QString secret = password;
    if (parsed->isPostgres() && secret.isEmpty()) {
        secret = keychainPassword(*parsed);
    }
    const Status opened = db->d->openTemplate(*parsed, secret);
    secret.fill(QLatin1Char('\0'));
    if (!opened) {
        return opened.error();
    }
    if (sqliteFile) {
        if (Status status = inventory_files::tightenModes(parsed->databaseName); !status) {
            return status.error();
        }
    }
    log::get("engine.store")->info("Opened the inventory {}", db->url().toStdString());
    return db;
}

QSqlDatabase Database::connection() const
{
    return d->connectionForThisThread();
}

QString Database::dialect() const
{
    return d->dialect;
}

QString Database::url() const
{
    if (d->dialect == QLatin1String("postgresql")) {
        return QUrl(d->url).toDisplayString(QUrl::RemovePassword);
    }
    return d->url;
}

int Database::schemaVersion() const
{
    QSqlDatabase db = connection();
    return Migrations::currentVersion(db);
}

Status Database::transaction(const std::function<Status()>& body) const
{
    if (transactionDepth(d.get()) > 0) {
        changeTransactionDepth(d.get(), 1);
        Status status = body();
        changeTransactionDepth(d.get(), -1);
        return status;
    }
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        return fail(QStringLiteral("The inventory database is not open: %1. Check that the database file or server "
                                   "is reachable and restart CertDeck.")
                        .arg(errorText(db.lastError())),
                    QStringLiteral("database"));
    }
    // SQLite: take the write lock up front, so read-then-write bodies cannot deadlock or see a stale snapshot.
    const QString begin =
        d->dialect == QLatin1String("sqlite") ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    {
        QSqlQuery query(db);
        if (!query.exec(begin)) {
            return fail(
                QStringLiteral("Could not start a transaction on the inventory: %1").arg(errorText(query.lastError())),
                QStringLiteral("database"));
        }
    }
    changeTransactionDepth(d.get(), 1);
    Status status = body();
    changeTransactionDepth(d.get(), -1);
    QSqlQuery query(db);
    if (!status) {
        if (!query.exec(QStringLiteral("ROLLBACK"))) {
            log::get("engine.store")
                ->error("Rolling back an inventory transaction failed: {}", errorText(query.lastError()).toStdString());
        }
        return status;
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const QString error = errorText(query.lastError());
        QSqlQuery rollback(db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        return fail(QStringLiteral("Could not save the changes to the inventory: %1").arg(error),
                    QStringLiteral("database"));
    }
    return {};
}

QString Database::defaultUrl()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QStringLiteral("sqlite:") + dir + QStringLiteral("/inventory.db");
}

} // namespace certdeck::store
