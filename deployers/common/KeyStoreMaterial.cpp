#include "deployers/common/KeyStoreMaterial.h"

#include <QCoreApplication>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KeyStoreMaterial", text);
}

const QString kModern = QStringLiteral("Modern (AES-256, PBKDF2)");
const QString kLegacy = QStringLiteral("Legacy compatible (3DES, SHA-1)");

crypto::KeyStoreFormat formatOf(const FieldValues& values)
{
    return crypto::keyStoreFormatFromName(values.text(KeyStoreMaterial::kTypeField))
        .value_or(crypto::KeyStoreFormat::Pkcs12);
}

} // namespace

QList<DeployerField> KeyStoreMaterial::fields(const QString& defaultAlias)
{
    DeployerField type;
    type.id = kTypeField;
    type.label = tr("Key store type");
    type.kind = DeployerField::Kind::Choice;
    type.choices = {QStringLiteral("PKCS12"), QStringLiteral("JKS")};
    type.defaultValue = QStringLiteral("PKCS12");
    type.help = tr("The format of a new key store. An existing store keeps the format its content has (a .jks file "
                   "that keytool wrote as PKCS12 stays PKCS12).");
    DeployerField password;
    password.id = kPasswordField;
    password.label = tr("Key store password");
    password.kind = DeployerField::Kind::Secret;
    password.help = tr("Protects the key store and its key; the Key Store Password of the CSR step, kept in the system "
                       "keychain and sent to the bot only with the deployment.");
    DeployerField alias;
    alias.id = kAliasField;
    alias.label = tr("Key alias");
    alias.defaultValue = defaultAlias;
    alias.placeholder = defaultAlias;
    alias.help = tr("The entry of the key store the server reads (certificateKeyAlias). Other entries are kept.");
    DeployerField algorithms;
    algorithms.id = kAlgorithmsField;
    algorithms.label = tr("PKCS12 encryption");
    algorithms.kind = DeployerField::Kind::Choice;
    algorithms.choices = {kModern, kLegacy};
    algorithms.defaultValue = kModern;
    algorithms.help = tr("Legacy compatible only for Java 8 before 8u301 or Windows Server 2016 and older, which "
                         "cannot read AES-256 PKCS12 files.");
    return {type, password, alias, algorithms};
}

Result<QByteArray> KeyStoreMaterial::store(const FieldValues& values, const QByteArray& existing, const QString& where,
                                           const QByteArray& leafPem, const QByteArray& chainPem,
                                           const QByteArray& keyPem)
{
    const QByteArray password = values.secret(kPasswordField);
    if (password.isEmpty()) {
        return fail(tr("Key store password: the key store %1 needs its password; enter it in the CSR step (it is kept "
                       "in the keychain)")
                        .arg(where),
                    QStringLiteral("passwordRequired"));
    }
    auto leaf = crypto::Certificate::fromPem(leafPem);
    auto key = crypto::PrivateKey::fromPem(keyPem);
    auto chain = chainPem.trimmed().isEmpty() ? Result<QList<crypto::Certificate>>(QList<crypto::Certificate>{})
                                              : crypto::Certificate::chainFromPem(chainPem);
    if (!leaf || !key || !chain) {
        return fail(tr("the certificate material cannot be read for the key store"));
    }
    const auto algorithms =
        values.text(kAlgorithmsField) == kLegacy ? crypto::Pkcs12Algorithms::Legacy : crypto::Pkcs12Algorithms::Modern;
    auto store = crypto::updateKeyStore(existing, formatOf(values), password, values.text(kAliasField), *key, *leaf,
                                        *chain, algorithms);
    if (!store) {
        return fail(tr("Key store file %1: %2; nothing was changed").arg(where, store.message()), store.error().kind);
    }
    return std::move(store.value());
}

Result<MaterialFile> KeyStoreMaterial::file(const FieldValues& values, const QString& path, const QByteArray& leafPem,
                                            const QByteArray& chainPem, const QByteArray& keyPem,
                                            const deploy::TargetHost& host)
{
    if (values.secret(kPasswordField).isEmpty()) {
        return store(values, {}, path, leafPem, chainPem, keyPem).error(); // names the password field
    }
    QByteArray existing;
    if (auto info = host.stat(path); info && info->exists) {
        auto read = host.readFile(path);
        if (!read) {
            return fail(tr("Key store file: %1 cannot be read: %2").arg(path, read.message()));
        }
        existing = std::move(read.value());
    }
    auto made = store(values, existing, path, leafPem, chainPem, keyPem);
    if (!made) {
        return made.error();
    }
    return MaterialFile{path, MaterialFile::Role::Key, std::move(made.value())};
}

Status KeyStoreMaterial::check(const FieldValues& values, const QString& path, const deploy::TargetHost& host)
{
    auto written = host.readFile(path);
    if (!written) {
        return fail(tr("the key store %1 cannot be read back: %2").arg(path, written.message()));
    }
    auto entry = crypto::readKeyStoreEntry(*written, values.secret(kPasswordField), values.text(kAliasField));
    if (!entry) {
        return fail(tr("the key store %1 does not open as written: %2").arg(path, entry.message()));
    }
    return {};
}

ServerCommand KeyStoreMaterial::checkCommand(const FieldValues& values, const QString& path)
{
    return ServerCommand::check(tr("key store check of %1").arg(path),
                                [values, path](deploy::TargetHost& host) { return check(values, path, host); });
}

} // namespace certdeck::deployers
