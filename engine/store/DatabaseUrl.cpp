#include "engine/store/DatabaseUrl.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace certdeck::store {
namespace {

const QStringList kSslModes = {QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
                               QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

// A libpq conninfo value: quoted, with \ and ' escaped. Qt's QPSQL turns every ';' of the options into a space,
// so a value with ';' cannot be passed and is refused before.
QString conninfoValue(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

Error invalid(const QString& message)
{
    return fail(message, QStringLiteral("invalidUrl"));
}

Result<DatabaseUrl> parsePostgres(const QUrl& parsedUrl, const QString& display)
{
    const QString dbName = parsedUrl.path().mid(1);
    if (parsedUrl.host().isEmpty() || dbName.isEmpty() || dbName.contains(QLatin1Char('/'))) {
        return invalid(QStringLiteral("The inventory URL \"%1\" must name a host and a database, for example "
                                      "\"postgresql://certdeck@db.example.com:5432/certdeck\".")
                           .arg(display));
    }
    if (!parsedUrl.password().isEmpty()) {
        return invalid(QStringLiteral("The inventory URL must not contain a password: CertDeck reads the database "
                                      "password from the OS keychain. Remove it from the URL and store it with "
                                      "\"certdeckctl db password set --url %1\" (it reads the password from stdin).")
                           .arg(display));
    }
    DatabaseUrl parsed;
    parsed.dialect = QStringLiteral("postgresql");
    parsed.driver = QStringLiteral("QPSQL");
    parsed.databaseName = dbName;
    parsed.host = parsedUrl.host();
    parsed.port = parsedUrl.port(5432);
    parsed.user = parsedUrl.userName();

    const QUrlQuery query(parsedUrl);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("sslmode")) {
            if (!kSslModes.contains(value)) {
                return invalid(QStringLiteral("The inventory URL's sslmode \"%1\" is not one of %2.")
                                   .arg(value, kSslModes.join(QStringLiteral(", "))));
            }
            parsed.sslMode = value;
        } else if (key == QLatin1String("sslrootcert")) {
            if (!QDir::isAbsolutePath(value) || value.contains(QLatin1Char(';')) || value.contains(QChar(0))) {
                return invalid(QStringLiteral("The inventory URL's sslrootcert \"%1\" must be the absolute path of "
                                              "a PEM file with the CA certificate(s), without ';'.")
                                   .arg(value));
            }
            if (!QFileInfo(value).isFile() || !QFileInfo(value).isReadable()) {
                return invalid(QStringLiteral("The CA file \"%1\" named by the inventory URL's sslrootcert does not "
                                              "exist or cannot be read. Put the PostgreSQL server's CA certificate "
                                              "(PEM) there.")
                                   .arg(value));
            }
            parsed.sslRootCert = QDir::cleanPath(value);
        } else {
            return invalid(QStringLiteral("The inventory URL has an option \"%1\" CertDeck does not know. Use only "
                                          "sslmode and sslrootcert, for example "
                                          "\"?sslmode=verify-full&sslrootcert=/etc/certdeck/db-ca.pem\".")
                               .arg(key));
        }
    }
    if (parsed.sslMode.isEmpty() && !parsed.isLocalHost()) {
        parsed.sslMode = QStringLiteral("verify-full");
    }
    QStringList options{QStringLiteral("connect_timeout=10"), QStringLiteral("application_name=certdeck")};
    if (!parsed.sslMode.isEmpty()) {
        options << QStringLiteral("sslmode=") + parsed.sslMode;
    }
    if (!parsed.sslRootCert.isEmpty()) {
        options << QStringLiteral("sslrootcert=") + conninfoValue(parsed.sslRootCert);
    }
    parsed.connectOptions = options.join(QLatin1Char(';'));
    return parsed;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString& url, quint64 serial)
{
    DatabaseUrl parsed;
    if (url == QLatin1String("sqlite::memory:")) {
        parsed.dialect = QStringLiteral("sqlite");
        parsed.driver = QStringLiteral("QSQLITE");
        parsed.memory = true;
        // A named shared-cache in-memory database, so every thread's connection sees the same data.
        parsed.databaseName = QStringLiteral("file:certdeck-memory-%1?mode=memory&cache=shared").arg(serial);
        parsed.connectOptions = QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=10000");
        return parsed;
    }
    if (url.startsWith(QLatin1String("sqlite:"))) {
        const QString path = url.mid(7);
        if (path.isEmpty() || !QDir::isAbsolutePath(path)) {
            return invalid(QStringLiteral("The inventory URL \"%1\" needs an absolute file path, for example "
                                          "\"sqlite:/home/me/.local/share/certdeck/inventory.db\".")
                               .arg(url));
        }
        parsed.dialect = QStringLiteral("sqlite");
        parsed.driver = QStringLiteral("QSQLITE");
        parsed.databaseName = QDir::cleanPath(path);
        parsed.connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
        return parsed;
    }
    const QUrl parsedUrl(url, QUrl::StrictMode);
    const QString scheme = parsedUrl.scheme();
    const QString display = parsedUrl.isValid() ? parsedUrl.toDisplayString(QUrl::RemovePassword) : QString();
    if (parsedUrl.isValid() && (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))) {
        return parsePostgres(parsedUrl, display);
    }
    return invalid(
        QStringLiteral("\"%1\" is not an inventory URL CertDeck understands. Use \"sqlite:/absolute/path.db\", "
                       "\"sqlite::memory:\" or \"postgresql://user@host:port/database\".")
            .arg(parsedUrl.isValid() ? display : (url.contains(QLatin1Char('@')) ? QStringLiteral("(hidden)") : url)));
}

bool DatabaseUrl::isLocalHost() const
{
    const QString h = host.toLower();
    return h == QLatin1String("localhost") || h == QLatin1String("127.0.0.1") || h == QLatin1String("::1") ||
           h == QLatin1String("[::1]") || h.startsWith(QLatin1Char('/'));
}

QString DatabaseUrl::describe() const
{
    const QString hostPart = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("%1@%2:%3/%4").arg(user, hostPart).arg(port).arg(databaseName);
}

QString DatabaseUrl::passwordKey() const
{
    return QStringLiteral("database/postgresql/") + describe();
}

} // namespace certdeck::store
