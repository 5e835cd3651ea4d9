#pragma once

#include "engine/core/Result.h"

#include <QString>

namespace certdeck::store {

// An inventory URL taken apart: "sqlite:/abs/path.db", "sqlite::memory:" or
// "postgresql://user@host:port/dbname[?sslmode=MODE&sslrootcert=/abs/ca.pem]".
//
// PostgreSQL (team mode) talks TLS with certificate verification: a host other than localhost, 127.0.0.1, ::1
// gets sslmode=verify-full unless the URL says otherwise (the CA comes from sslrootcert, else libpq's
// ~/.postgresql/root.crt). A URL carrying a password is refused: the password lives in the OS keychain under
// passwordKey() (certdeckctl db password set --url URL).
struct DatabaseUrl
{
    QString dialect; // "sqlite" or "postgresql"
    QString driver;  // Qt SQL driver
    QString databaseName;
    QString host;
    int port = -1;
    QString user;
    QString connectOptions; // Qt's setConnectOptions() string
    bool memory = false;
    QString sslMode;     // postgresql: what libpq is asked for; empty: libpq's default (prefer)
    QString sslRootCert; // postgresql: CA file, empty: libpq's default

    // `serial` names a shared in-memory database ("sqlite::memory:"), one per Database object.
    static Result<DatabaseUrl> parse(const QString& url, quint64 serial = 0);

    bool isPostgres() const { return dialect == QLatin1String("postgresql"); }
    // localhost, 127.0.0.1 or ::1 (the server is on this machine: no TLS verification by default).
    bool isLocalHost() const;
    // The keychain key of this PostgreSQL inventory's password: "database/postgresql/user@host:port/dbname".
    QString passwordKey() const;
    // "user@host:port/dbname" (no secret).
    QString describe() const;
};

} // namespace certdeck::store
