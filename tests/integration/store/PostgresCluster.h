#pragma once

#include "engine/core/Result.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace certdeck::store {
class Database;
}

namespace certdeck::test {

// A throw-away PostgreSQL cluster under a temp dir, on 127.0.0.1 and a free high port, trust authentication,
// superuser "certdeck". Run as the `postgres` user when the test runs as root (PostgreSQL refuses root).
class PostgresCluster
{
public:
    struct Options
    {
        QStringList listenAddresses = {QStringLiteral("127.0.0.1")};
        // Both set: ssl = on with this server certificate (chain) and key (PEM; copied into the cluster).
        QString sslCertFile;
        QString sslKeyFile;
        // pg_hba.conf lines placed before the default "trust" ones (first match wins).
        QStringList hbaLines;
    };

    PostgresCluster() = default;
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    // The bin directory of the newest installed PostgreSQL (15 preferred); empty when none is installed.
    static QString binDir();

    Status start(const Options& options);
    Status start() { return start(Options{}); }
    // Runs one statement as the superuser over 127.0.0.1 (trust), e.g. ALTER ROLE ... PASSWORD.
    Status execAdmin(const QString& statement) const;
    void stop();
    Status createDatabase(const QString& name) const;
    // A new database "<prefix>_<n>" on this cluster, opened (and migrated unless `migrated` is false).
    Result<std::shared_ptr<store::Database>> openFreshDatabase(const QString& prefix, bool migrated = true);
    QString url(const QString& database) const;
    int port() const { return m_port; }

private:
    Status run(const QString& program, const QStringList& arguments, int timeoutMs) const;

    QTemporaryDir m_dir{QStringLiteral("/tmp/certdeck-pg-XXXXXX")};
    QString m_bin;
    int m_port = 0;
    qint64 m_pid = 0;
    int m_databases = 0;
};

} // namespace certdeck::test
