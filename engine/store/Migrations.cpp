#include "engine/store/Migrations.h"

#include "engine/core/Log.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace certdeck::store {
namespace {

// One schema step. Statements use these tokens for what differs between SQLite and PostgreSQL:
//   {PK}   an auto-incremented 64-bit primary key     {BLOB} binary data
// and are otherwise portable SQL. Dialect-only statements go to sqliteOnly / postgresOnly.
struct Step
{
    int version;
    const char* description;
    QStringList statements;
    QStringList sqliteOnly;
    QStringList postgresOnly;
};

QString forDialect(QString statement, bool sqlite)
{
    statement.replace(QLatin1String("{PK}"), sqlite ? QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT")
                                                    : QLatin1String("BIGSERIAL PRIMARY KEY"));
    statement.replace(QLatin1String("{BLOB}"), sqlite ? QLatin1String("BLOB") : QLatin1String("BYTEA"));
    return statement;
}

const QList<Step>& steps()
{
    // Never edit a step that has shipped: add a new one.
    static const QList<Step> all{
        {1,
         "core inventory: bots, certificates, provisioning configurations, jobs, audit trail",
         {
             QStringLiteral("CREATE TABLE bots ("
                            " id {PK},"
                            " name TEXT NOT NULL UNIQUE,"
                            " transport TEXT NOT NULL,"
                            " host TEXT NOT NULL DEFAULT '',"
                            " port INTEGER NOT NULL DEFAULT 0,"
                            " user_name TEXT NOT NULL DEFAULT '',"
                            " host_key_fingerprint TEXT NOT NULL DEFAULT '',"
                            " protocol_version INTEGER NOT NULL DEFAULT 0,"
                            " last_seen TEXT,"
                            " scan TEXT NOT NULL DEFAULT '{}')"),
             QStringLiteral("CREATE TABLE certificates ("
                            " id {PK},"
                            " common_name TEXT NOT NULL DEFAULT '',"
                            " sans TEXT NOT NULL DEFAULT '[]',"
                            " subject TEXT NOT NULL DEFAULT '',"
                            " issuer TEXT NOT NULL DEFAULT '',"
                            " serial_hex TEXT NOT NULL DEFAULT '',"
                            " not_before TEXT,"
                            " not_after TEXT,"
                            " fingerprint_sha256 TEXT UNIQUE,"
                            " key_algorithm TEXT NOT NULL DEFAULT '',"
                            " key_bits INTEGER NOT NULL DEFAULT 0,"
                            " signature_algorithm TEXT NOT NULL DEFAULT '',"
                            " status TEXT NOT NULL,"
                            " server_type TEXT NOT NULL DEFAULT '',"
                            " host TEXT NOT NULL DEFAULT '',"
                            " port INTEGER NOT NULL DEFAULT 0,"
                            " bot_id BIGINT REFERENCES bots(id) ON DELETE SET NULL,"
                            " key_id TEXT NOT NULL DEFAULT '',"
                            " source TEXT NOT NULL DEFAULT '',"
                            " chain_pem {BLOB},"
                            " updated_at TEXT)"),
             QStringLiteral("CREATE INDEX certificates_not_after ON certificates(not_after)"),
             QStringLiteral("CREATE INDEX certificates_bot ON certificates(bot_id)"),
             QStringLiteral("CREATE TABLE provisioning_configs ("
                            " certificate_id BIGINT PRIMARY KEY REFERENCES certificates(id) ON DELETE CASCADE,"
                            " config TEXT NOT NULL,"
                            " updated_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE jobs ("
                            " id {PK},"
                            " certificate_id BIGINT REFERENCES certificates(id) ON DELETE CASCADE,"
                            " action TEXT NOT NULL,"
                            " state TEXT NOT NULL,"
                            " step TEXT NOT NULL DEFAULT '',"
                            " progress INTEGER NOT NULL DEFAULT 0,"
                            " message TEXT NOT NULL DEFAULT '',"
                            " attempts INTEGER NOT NULL DEFAULT 0,"
                            " params TEXT NOT NULL DEFAULT '{}',"
                            " result TEXT NOT NULL DEFAULT '{}',"
                            " claimed_by TEXT NOT NULL DEFAULT '',"
                            " created_at TEXT NOT NULL,"
                            " started_at TEXT,"
                            " finished_at TEXT)"),
             // The last line of defence for "no action runs twice for the same certificate at once".
             QStringLiteral("CREATE UNIQUE INDEX jobs_one_unfinished_per_certificate ON jobs(certificate_id)"
                            " WHERE state IN ('queued', 'running', 'awaiting-validation')"),
             QStringLiteral("CREATE INDEX jobs_state ON jobs(state)"),
             QStringLiteral("CREATE TABLE audit_events ("
                            " id {PK},"
                            " at TEXT NOT NULL,"
                            " actor TEXT NOT NULL,"
                            " certificate_id BIGINT," // no foreign key: the trail outlives the certificate
                            " action TEXT NOT NULL,"
                            " outcome TEXT NOT NULL,"
                            " details TEXT NOT NULL DEFAULT '{}')"),
             QStringLiteral("CREATE INDEX audit_events_certificate ON audit_events(certificate_id)"),
         },
         {
             QStringLiteral("CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events"
                            " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed');"
                            " END"),
             QStringLiteral("CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events"
                            " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be deleted');"
                            " END"),
         },
         {
             QStringLiteral("CREATE FUNCTION certdeck_audit_append_only() RETURNS trigger AS $$"
                            " BEGIN RAISE EXCEPTION 'the audit trail is append-only: events cannot be changed or"
                            " deleted'; END; $$ LANGUAGE plpgsql"),
             QStringLiteral("CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events"
                            " FOR EACH ROW EXECUTE FUNCTION certdeck_audit_append_only()"),
             QStringLiteral("CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events"
                            " FOR EACH STATEMENT EXECUTE FUNCTION certdeck_audit_append_only()"),
         }},
        {2,
         "built-in certificate authorities: CAs, issued serials, revocations",
         {
             QStringLiteral("CREATE TABLE local_cas ("
                            " id {PK},"
                            " name TEXT NOT NULL UNIQUE,"
                            " parent_id BIGINT REFERENCES local_cas(id),"
                            " certificate_pem {BLOB} NOT NULL,"
                            " encrypted_key_pem {BLOB} NOT NULL,"
                            " crl_number BIGINT NOT NULL DEFAULT 0,"
                            " created_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE local_ca_issued ("
                            " ca_id BIGINT NOT NULL REFERENCES local_cas(id) ON DELETE CASCADE,"
                            " serial_hex TEXT NOT NULL,"
                            " not_after TEXT,"
                            " PRIMARY KEY (ca_id, serial_hex))"),
             QStringLiteral("CREATE TABLE local_ca_revocations ("
                            " ca_id BIGINT NOT NULL REFERENCES local_cas(id) ON DELETE CASCADE,"
                            " serial_hex TEXT NOT NULL,"
                            " reason INTEGER NOT NULL DEFAULT 0,"
                            " state TEXT NOT NULL,"
                            " revoked_at TEXT NOT NULL,"
                            " PRIMARY KEY (ca_id, serial_hex))"),
         },
         {},
         {}},
        {3,
         "CA connectors (ACME): name, type and non-secret settings",
         {
             QStringLiteral("CREATE TABLE ca_connectors ("
                            " id {PK},"
                            " ca_type TEXT NOT NULL,"
                            " name TEXT NOT NULL,"
                            " settings TEXT NOT NULL DEFAULT '{}',"
                            " created_at TEXT NOT NULL,"
                            " UNIQUE (ca_type, name))"),
         },
         {},
         {}},
        {4,
         "lifecycle automation: schedule state, resumable jobs, drift, notifications, settings, idempotent issuance",
         {
             // When each certificate's renewal and deployment checks run next. Schedulers claim an occurrence by
             // moving it forward with a compare-and-set, so two schedulers never act on the same one.
             QStringLiteral("CREATE TABLE schedule_state ("
                            " certificate_id BIGINT PRIMARY KEY REFERENCES certificates(id) ON DELETE CASCADE,"
                            " next_renewal_check_at TEXT,"
                            " pending_deploy_at TEXT,"
                            " next_drift_check_at TEXT,"
                            " last_renewal_check_at TEXT,"
                            " last_outcome TEXT NOT NULL DEFAULT '',"
                            " updated_at TEXT NOT NULL)"),
             // What a job needs to resume after a crash (CSR and staged key id, the CA's pending order, the
             // deployment's backup), and when a queued job may start (retries with backoff).
             QStringLiteral("ALTER TABLE jobs ADD COLUMN checkpoint TEXT NOT NULL DEFAULT '{}'"),
             QStringLiteral("ALTER TABLE jobs ADD COLUMN not_before TEXT"),
             QStringLiteral("ALTER TABLE jobs ADD COLUMN started_by TEXT NOT NULL DEFAULT ''"),
             // What the endpoint served at the last probe, and the drift found then (empty: in sync).
             QStringLiteral("ALTER TABLE certificates ADD COLUMN served_fingerprint TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE certificates ADD COLUMN probed_at TEXT"),
             QStringLiteral("ALTER TABLE certificates ADD COLUMN drift TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("CREATE TABLE notifications ("
                            " id {PK},"
                            " at TEXT NOT NULL,"
                            " kind TEXT NOT NULL,"
                            " certificate_id BIGINT,"
                            " title TEXT NOT NULL,"
                            " message TEXT NOT NULL,"
                            " details TEXT NOT NULL DEFAULT '{}',"
                            " seen INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE INDEX notifications_unseen ON notifications(seen)"),
             // Shared, non-secret settings every console and scheduler on this inventory uses (event hook).
             QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
             // The built-in CA answers a repeated request (same request id) with the certificate it already issued.
             QStringLiteral("ALTER TABLE local_ca_issued ADD COLUMN request_id TEXT"),
             QStringLiteral("ALTER TABLE local_ca_issued ADD COLUMN certificate_pem {BLOB}"),
             QStringLiteral("CREATE UNIQUE INDEX local_ca_issued_request ON local_ca_issued(request_id)"
                            " WHERE request_id IS NOT NULL"),
             QStringLiteral("CREATE INDEX jobs_not_before ON jobs(state, not_before)"),
         },
         {},
         {}},
        {5,
         "CSR templates",
         {
             // Named CSR templates of the wizard's Full Override (key type and size, subject structure, allowed
             // names, policy); `definition` is CsrTemplate::toJson().
             QStringLiteral("CREATE TABLE csr_templates ("
                            " name TEXT PRIMARY KEY,"
                            " definition TEXT NOT NULL,"
                            " updated_at TEXT NOT NULL)"),
         },
         {},
         {}},
        {6,
         "bots over SSH, agentless targets, discovered endpoints",
         {
             QStringLiteral("ALTER TABLE bots ADD COLUMN auth_method TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE bots ADD COLUMN use_sudo INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE bots ADD COLUMN install_path TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE bots ADD COLUMN bot_version TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE bots ADD COLUMN last_error TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE bots ADD COLUMN scanned_at TEXT"),
             QStringLiteral("ALTER TABLE bots ADD COLUMN role TEXT NOT NULL DEFAULT 'bot'"),
             // Where a discovered certificate was found on its host (file or keystore path, alias).
             QStringLiteral("ALTER TABLE certificates ADD COLUMN location TEXT NOT NULL DEFAULT ''"),
             // Every TLS endpoint seen by a bot's scan or a network discovery, and what it served then.
             QStringLiteral("CREATE TABLE endpoints ("
                            " id {PK},"
                            " host TEXT NOT NULL,"
                            " port INTEGER NOT NULL,"
                            " server_name TEXT NOT NULL DEFAULT '',"
                            " bot_id BIGINT REFERENCES bots(id) ON DELETE CASCADE,"
                            " certificate_id BIGINT REFERENCES certificates(id) ON DELETE SET NULL,"
                            " fingerprint TEXT NOT NULL DEFAULT '',"
                            " server_type TEXT NOT NULL DEFAULT '',"
                            " source TEXT NOT NULL DEFAULT '',"
                            " details TEXT NOT NULL DEFAULT '{}',"
                            " error TEXT NOT NULL DEFAULT '',"
                            " seen_at TEXT NOT NULL)"),
             QStringLiteral("CREATE UNIQUE INDEX endpoints_address ON endpoints(host, port, server_name)"),
             QStringLiteral("CREATE INDEX endpoints_certificate ON endpoints(certificate_id)"),
         },
         {},
         {}},
        {7,
         "job runners identified by a random id, with a lease that expires",
         {
             // claimed_by stays the name people read ("<host>:<pid>"); runner_id is what decides who holds a job.
             QStringLiteral("ALTER TABLE jobs ADD COLUMN runner_id TEXT NOT NULL DEFAULT ''"),
             // "<boot id>:<pid namespace>:<pid>": where the runner's pid can be checked for being alive.
             QStringLiteral("ALTER TABLE jobs ADD COLUMN runner_process TEXT NOT NULL DEFAULT ''"),
             // The runner renews it while it works; past it, another runner may take the job over.
             QStringLiteral("ALTER TABLE jobs ADD COLUMN lease_until TEXT"),
             QStringLiteral("CREATE INDEX jobs_runner ON jobs(runner_id)"),
         },
         {},
         {}},
    };
    return all;
}

QString errorText(const QSqlError& error)
{
    const QString text = error.text().trimmed();
    return text.isEmpty() ? QStringLiteral("unknown error") : text;
}

bool isSqlite(const QSqlDatabase& db)
{
    return db.driverName() == QLatin1String("QSQLITE");
}

Status exec(QSqlDatabase& db, const QString& statement, int version)
{
    QSqlQuery query(db);
    if (!query.exec(statement)) {
        return fail(QStringLiteral("Could not upgrade the inventory schema to version %1: %2")
                        .arg(version)
                        .arg(errorText(query.lastError())),
                    QStringLiteral("migration"));
    }
    return {};
}

Status ensureVersionTable(QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"))) {
        return fail(
            QStringLiteral("Could not prepare the inventory for schema upgrades: %1").arg(errorText(query.lastError())),
            QStringLiteral("migration"));
    }
    return {};
}

// Applies one step in its own transaction; skips it if another process applied it meanwhile.
Status applyStep(QSqlDatabase& db, const Step& step)
{
    const bool sqlite = isSqlite(db);
    if (Status status = exec(db, sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"), step.version);
        !status) {
        return status;
    }
    auto rollback = [&db](Status status) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("ROLLBACK"));
        return status;
    };
    if (!sqlite) {
        // Serializes concurrent upgrades of one shared PostgreSQL inventory.
        if (Status status = exec(db, QStringLiteral("LOCK TABLE schema_migrations IN EXCLUSIVE MODE"), step.version);
            !status) {
            return rollback(status);
        }
    }
    if (Migrations::currentVersion(db) >= step.version) {
        return rollback({});
    }
    QStringList statements = step.statements;
    statements += sqlite ? step.sqliteOnly : step.postgresOnly;
    for (const QString& statement : std::as_const(statements)) {
        if (Status status = exec(db, forDialect(statement, sqlite), step.version); !status) {
            return rollback(status);
        }
    }
    QSqlQuery record(db);
    record.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
    record.addBindValue(step.version);
    record.addBindValue(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")));
    if (!record.exec()) {
        return rollback(fail(QStringLiteral("Could not record inventory schema version %1: %2")
                                 .arg(step.version)
                                 .arg(errorText(record.lastError())),
                             QStringLiteral("migration")));
    }
    if (Status status = exec(db, QStringLiteral("COMMIT"), step.version); !status) {
        return rollback(status);
    }
    log::get("engine.store")->info("Upgraded the inventory schema to version {} ({})", step.version, step.description);
    return {};
}

} // namespace

int Migrations::latestVersion()
{
    return steps().constLast().version;
}

int Migrations::currentVersion(QSqlDatabase& db)
{
    if (!db.isOpen()) {
        return -1;
    }
    QSqlQuery query(db);
    const QString exists =
        isSqlite(db)
            ? QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
            : QStringLiteral("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                             " AND table_name = 'schema_migrations'");
    if (!query.exec(exists) || !query.next()) {
        return -1;
    }
    if (query.value(0).toInt() == 0) {
        return 0;
    }
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

Status Migrations::migrate(QSqlDatabase& db, int targetVersion)
{
    const int latest = latestVersion();
    const int target = targetVersion < 0 ? latest : targetVersion;
    if (target > latest) {
        return fail(QStringLiteral("Inventory schema version %1 does not exist; this CertDeck knows versions up to %2.")
                        .arg(target)
                        .arg(latest),
                    QStringLiteral("migration"));
    }
    if (!db.isOpen()) {
        return fail(QStringLiteral("Could not upgrade the inventory schema: the database is not open (%1).")
                        .arg(errorText(db.lastError())),
                    QStringLiteral("database"));
    }
    if (Status status = ensureVersionTable(db); !status) {
        return status;
    }
    const int current = currentVersion(db);
    if (current < 0) {
        return fail(QStringLiteral("Could not read the inventory schema version: %1").arg(errorText(db.lastError())),
                    QStringLiteral("migration"));
    }
    if (current > latest) {
        return fail(QStringLiteral("The inventory has schema version %1, newer than this CertDeck understands (%2). "
                                   "Upgrade CertDeck before opening this inventory.")
                        .arg(current)
                        .arg(latest),
                    QStringLiteral("migration"));
    }
    for (const Step& step : steps()) {
        if (step.version <= current || step.version > target) {
            continue;
        }
        if (Status status = applyStep(db, step); !status) {
            return status;
        }
    }
    return {};
}

} // namespace certdeck::store
