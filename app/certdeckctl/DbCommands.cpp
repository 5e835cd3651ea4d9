// certdeckctl db password set|clear --url URL: the PostgreSQL inventory's password in the OS keychain. Runs before
// the inventory is opened (it may need that very password).
#include "app/certdeckctl/CtlCommand.h"
#include "app/certdeckctl/CtlOptions.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/DatabaseUrl.h"

#include <openssl/crypto.h>

namespace certdeck::ctl {
namespace {

const char* const kUsage = "certdeckctl: usage: db password set --url postgresql://user@host:port/db (password on "
                           "stdin) | db password clear --url URL";

} // namespace

int runDbCommand(const QStringList& arguments, const QString& databaseUrl, QTextStream& out, QTextStream& err)
{
    if (arguments.size() < 2 || arguments.at(0) != QLatin1String("password") ||
        (arguments.at(1) != QLatin1String("set") && arguments.at(1) != QLatin1String("clear"))) {
        err << kUsage << Qt::endl;
        return ExitUsage;
    }
    const bool set = arguments.at(1) == QLatin1String("set");
    CtlOptions options(arguments.mid(2), {QStringLiteral("url")}, {});
    if (!options.ok()) {
        err << "certdeckctl db password: " << options.error() << Qt::endl;
        return ExitUsage;
    }
    const QString url = options.value(QStringLiteral("url"), databaseUrl);
    if (url.isEmpty()) {
        err << kUsage << Qt::endl;
        return ExitUsage;
    }
    const Result<store::DatabaseUrl> parsed = store::DatabaseUrl::parse(url);
    if (!parsed) {
        err << "certdeckctl: " << parsed.message() << Qt::endl;
        return ExitUsage;
    }
    if (!parsed->isPostgres()) {
        err << "certdeckctl: only a PostgreSQL inventory has a password; " << url << " is not one." << Qt::endl;
        return ExitUsage;
    }
    const secrets::SecretStore store;
    if (!set) {
        if (const Status removed = store.removeBlocking(parsed->passwordKey()); !removed) {
            err << "certdeckctl: " << removed.message() << Qt::endl;
            return exitCodeFor(removed.error());
        }
        out << "The password of " << parsed->describe() << " was removed from the keychain." << Qt::endl;
        return ExitOk;
    }
    QByteArray password = readSecretLine();
    if (password.isEmpty()) {
        err << "certdeckctl db password set: give the password on stdin (one line), e.g. from a password manager."
            << Qt::endl;
        return ExitUsage;
    }
    const Status written = store.writeBlocking(parsed->passwordKey(), password);
    OPENSSL_cleanse(password.data(), static_cast<size_t>(password.size()));
    if (!written) {
        err << "certdeckctl: " << written.message() << Qt::endl;
        return exitCodeFor(written.error());
    }
    out << "The password of " << parsed->describe() << " is stored in the keychain; CertDeck uses it for "
        << "this inventory." << Qt::endl;
    return ExitOk;
}

} // namespace certdeck::ctl
