#include "connectors/localca/LocalCaBackend.h"

#include "engine/store/Database.h"

#include <openssl/crypto.h>

namespace certdeck::localca {

QString passphraseKey(const QString& caName)
{
    return QStringLiteral("localca/%1/passphrase").arg(caName);
}

QString intermediateRowName(const QString& caName)
{
    return caName + QStringLiteral("/intermediate");
}

Status validateCaName(const QString& caName)
{
    const QString trimmed = caName.trimmed();
    if (trimmed.isEmpty()) {
        return fail(QStringLiteral("The CA needs a name: enter the CA connector name."));
    }
    if (trimmed != caName) {
        return fail(QStringLiteral("The CA name \"%1\" starts or ends with spaces: remove them.").arg(caName));
    }
    if (caName.contains(QLatin1Char('/')) || caName.contains(QLatin1Char('\\'))) {
        return fail(QStringLiteral("The CA name \"%1\" contains a slash: use a name without / or \\.").arg(caName));
    }
    if (caName.size() > 64) {
        return fail(
            QStringLiteral("The CA name \"%1\" is longer than 64 characters: choose a shorter name.").arg(caName));
    }
    return {};
}

const store::LocalCaRow& LoadedCa::issuingRow() const
{
    return intermediateRow ? *intermediateRow : rootRow;
}

const crypto::Certificate& LoadedCa::issuingCertificate() const
{
    return intermediateRow ? intermediate : root;
}

Result<LoadedCa> loadLocalCa(const store::Database& db, const QString& caName)
{
    const store::LocalCaRepository repository(db);
    auto rootRow = repository.findByName(caName);
    if (!rootRow) {
        return fail(QStringLiteral("Could not read the built-in CA \"%1\" from the inventory: %2")
                        .arg(caName, rootRow.message()));
    }
    if (!rootRow->has_value() || (*rootRow)->parentId != 0) {
        return fail(
            QStringLiteral("There is no built-in CA named \"%1\": create it first or pick another CA.").arg(caName),
            QStringLiteral("notFound"));
    }
    LoadedCa ca;
    ca.rootRow = **rootRow;
    auto root = crypto::Certificate::fromPem(ca.rootRow.certificatePem);
    if (!root) {
        return fail(QStringLiteral("The stored certificate of the built-in CA \"%1\" is damaged: %2")
                        .arg(caName, root.message()));
    }
    ca.root = *root;

    auto intermediateRow = repository.findByName(intermediateRowName(caName));
    if (!intermediateRow) {
        return fail(QStringLiteral("Could not read the intermediate of the built-in CA \"%1\": %2")
                        .arg(caName, intermediateRow.message()));
    }
    if (intermediateRow->has_value() && (*intermediateRow)->parentId == ca.rootRow.id) {
        ca.intermediateRow = **intermediateRow;
        auto intermediate = crypto::Certificate::fromPem(ca.intermediateRow->certificatePem);
        if (!intermediate) {
            return fail(QStringLiteral("The stored intermediate certificate of the built-in CA \"%1\" is damaged: %2")
                            .arg(caName, intermediate.message()));
        }
        ca.intermediate = *intermediate;
    }
    return ca;
}

Result<crypto::PrivateKey> unlockIssuingKey(const LoadedCa& ca, const secrets::SecretStore& secrets)
{
    const QString& caName = ca.rootRow.name;
    auto passphrase = secrets.readBlocking(passphraseKey(caName));
    if (!passphrase) {
        return fail(QStringLiteral("Could not read the passphrase of the built-in CA \"%1\" from the keychain: %2")
                        .arg(caName, passphrase.message()));
    }
    QByteArray secret = std::move(passphrase).value();
    auto key = crypto::PrivateKey::fromPem(ca.issuingRow().encryptedKeyPem, secret);
    OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    if (!key) {
        return fail(QStringLiteral("Could not unlock the key of the built-in CA \"%1\" with the passphrase from the "
                                   "keychain (was the keychain entry replaced?): %2")
                        .arg(caName, key.message()));
    }
    return key;
}

} // namespace certdeck::localca
