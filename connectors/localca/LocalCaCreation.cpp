#include "connectors/localca/LocalCaCreation.h"

#include "engine/core/Log.h"
#include "engine/crypto/CertificateBuilder.h"
#include "engine/store/Database.h"

#include <openssl/crypto.h>

namespace certdeck::localca {

namespace {

// Everything a new CA consists of, before anything is stored.
struct NewCa
{
    store::LocalCaRow root;
    std::optional<store::LocalCaRow> intermediate;
};

// Wipes a secret buffer when the scope ends, whatever path leaves it.
class SecretWiper
{
public:
    explicit SecretWiper(QByteArray& secret)
        : m_secret(secret)
    {
    }
    ~SecretWiper() { OPENSSL_cleanse(m_secret.data(), static_cast<size_t>(m_secret.size())); }
    SecretWiper(const SecretWiper&) = delete;
    SecretWiper& operator=(const SecretWiper&) = delete;

private:
    QByteArray& m_secret;
};

Status validateSpec(const ca::LocalCaSpec& spec)
{
    if (Status name = validateCaName(spec.name); !name) {
        return name;
    }
    if (spec.rootValidityDays < 1 || spec.rootValidityDays > 36500) {
        return fail(QStringLiteral("The root validity of %1 days is out of range: choose 1 to 36500 days.")
                        .arg(spec.rootValidityDays));
    }
    if (spec.withIntermediate &&
        (spec.intermediateValidityDays < 1 || spec.intermediateValidityDays > spec.rootValidityDays)) {
        return fail(QStringLiteral("The intermediate validity of %1 days must be between 1 day and the root's %2 "
                                   "days (an intermediate cannot outlive its root).")
                        .arg(spec.intermediateValidityDays)
                        .arg(spec.rootValidityDays));
    }
    return {};
}

crypto::DigestAlgorithm digestFor(const crypto::KeySpec& keySpec)
{
    return keySpec.algorithm == crypto::KeyAlgorithm::Ec && keySpec.bits >= 384 ? crypto::DigestAlgorithm::Sha384
                                                                                : crypto::DigestAlgorithm::Sha256;
}

Result<store::LocalCaRow> makeRow(const QString& name, const crypto::Certificate& certificate,
                                  const crypto::PrivateKey& key, const QByteArray& passphrase)
{
    auto encrypted = key.toEncryptedPem(passphrase);
    if (!encrypted) {
        return fail(QStringLiteral("Could not encrypt the key of the CA \"%1\": %2").arg(name, encrypted.message()));
    }
    store::LocalCaRow row;
    row.name = name;
    row.certificatePem = certificate.toPem();
    row.encryptedKeyPem = *encrypted;
    row.createdAt = QDateTime::currentDateTimeUtc();
    return row;
}

Result<NewCa> buildCa(const ca::LocalCaSpec& spec, const crypto::KeySpec& keySpec, const QByteArray& passphrase)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString commonName = spec.commonName.trimmed().isEmpty() ? spec.name : spec.commonName.trimmed();

    auto rootKey = crypto::PrivateKey::generate(keySpec);
    if (!rootKey) {
        return fail(QStringLiteral("Could not generate the root key of \"%1\": %2").arg(spec.name, rootKey.message()));
    }
    crypto::CertificateSpec rootSpec;
    rootSpec.profile = crypto::CertificateProfile::RootCa;
    rootSpec.subjectCommonName = commonName;
    rootSpec.subjectOrganization = spec.organization;
    rootSpec.notAfter = now.addDays(spec.rootValidityDays);
    rootSpec.digest = digestFor(keySpec);
    auto root = crypto::CertificateBuilder::selfSigned(rootSpec, *rootKey);
    if (!root) {
        return fail(QStringLiteral("Could not sign the root certificate of \"%1\": %2").arg(spec.name, root.message()));
    }
    auto rootRow = makeRow(spec.name, *root, *rootKey, passphrase);
    if (!rootRow) {
        return rootRow.error();
    }
    NewCa ca{*rootRow, std::nullopt};
    if (!spec.withIntermediate) {
        return ca;
    }

    auto intermediateKey = crypto::PrivateKey::generate(keySpec);
    if (!intermediateKey) {
        return fail(QStringLiteral("Could not generate the intermediate key of \"%1\": %2")
                        .arg(spec.name, intermediateKey.message()));
    }
    crypto::CertificateSpec intermediateSpec;
    intermediateSpec.profile = crypto::CertificateProfile::IntermediateCa;
    intermediateSpec.subjectCommonName = commonName + QStringLiteral(" Intermediate");
    intermediateSpec.subjectOrganization = spec.organization;
    intermediateSpec.notAfter = std::min(now.addDays(spec.intermediateValidityDays), root->notAfter());
    intermediateSpec.digest = digestFor(keySpec);
    auto intermediate = crypto::CertificateBuilder::signKey(intermediateSpec, *intermediateKey, *root, *rootKey);
    if (!intermediate) {
        return fail(QStringLiteral("Could not sign the intermediate certificate of \"%1\": %2")
                        .arg(spec.name, intermediate.message()));
    }
    auto intermediateRow = makeRow(intermediateRowName(spec.name), *intermediate, *intermediateKey, passphrase);
    if (!intermediateRow) {
        return intermediateRow.error();
    }
    ca.intermediate = *intermediateRow;
    return ca;
}

Status storeCa(const store::Database& db, NewCa& ca)
{
    const store::LocalCaRepository repository(db);
    return db.transaction([&]() -> Status {
        auto rootId = repository.insert(ca.root);
        if (!rootId) {
            return rootId.error();
        }
        ca.root.id = *rootId;
        if (ca.intermediate) {
            ca.intermediate->parentId = *rootId;
            auto intermediateId = repository.insert(*ca.intermediate);
            if (!intermediateId) {
                return intermediateId.error();
            }
            ca.intermediate->id = *intermediateId;
        }
        return {};
    });
}

} // namespace

ca::LocalCaInfo describe(const LoadedCa& ca)
{
    ca::LocalCaInfo info;
    info.name = ca.rootRow.name;
    info.subject = ca.root.subject();
    info.fingerprintSha256 = ca.root.fingerprintSha256();
    info.notAfter = ca.root.notAfter();
    info.hasIntermediate = ca.intermediateRow.has_value();
    return info;
}

Result<ca::LocalCaInfo> createLocalCa(const LocalCaBackend& backend, const ca::LocalCaSpec& spec)
{
    const auto logger = log::get("connectors.localca");
    if (Status valid = validateSpec(spec); !valid) {
        return valid.error();
    }
    auto keySpec = crypto::KeySpec::from(spec.keyAlgorithm, spec.keySize);
    if (!keySpec) {
        return fail(QStringLiteral("Cannot create the CA \"%1\": %2").arg(spec.name, keySpec.message()));
    }

    // A second CA of the same name would overwrite the first one's keychain entry: refuse before writing it.
    const store::LocalCaRepository repository(*backend.db);
    for (const QString& rowName : {spec.name, intermediateRowName(spec.name)}) {
        auto existing = repository.findByName(rowName);
        if (!existing) {
            return fail(
                QStringLiteral("Could not check whether the CA \"%1\" exists: %2").arg(spec.name, existing.message()));
        }
        if (existing->has_value()) {
            return fail(
                QStringLiteral("A built-in CA named \"%1\" already exists: choose another name.").arg(spec.name),
                QStringLiteral("duplicate"));
        }
    }

    QByteArray passphrase = secrets::SecretStore::generatePassphrase();
    const SecretWiper wiper(passphrase);
    auto ca = buildCa(spec, *keySpec, passphrase);
    if (!ca) {
        return ca.error();
    }

    // The passphrase goes to the keychain BEFORE anything is stored: a CA row whose key nobody can unlock is useless.
    if (Status written = backend.secrets.writeBlocking(passphraseKey(spec.name), passphrase); !written) {
        logger->warn("Local CA '{}' not created: the keychain refused its passphrase", spec.name.toStdString());
        return fail(QStringLiteral("The CA \"%1\" was not created because its key passphrase could not be stored in "
                                   "the keychain (%2). %3")
                        .arg(spec.name, written.message(), secrets::SecretStore::unavailableHelp()),
                    QStringLiteral("keychain"));
    }

    if (Status stored = storeCa(*backend.db, *ca); !stored) {
        if (stored.error().kind != QStringLiteral("duplicate")) {
            // Best effort: the passphrase of a CA that does not exist helps nobody.
            (void)backend.secrets.removeBlocking(passphraseKey(spec.name));
        }
        return fail(
            QStringLiteral("Could not store the CA \"%1\" in the inventory: %2").arg(spec.name, stored.message()),
            stored.error().kind);
    }

    logger->info("Local CA '{}' created ({} {}, {})", spec.name.toStdString(), spec.keyAlgorithm.toStdString(),
                 spec.keySize, spec.withIntermediate ? "root + intermediate" : "root only");
    auto loaded = loadLocalCa(*backend.db, spec.name);
    if (!loaded) {
        return loaded.error();
    }
    return describe(*loaded);
}

} // namespace certdeck::localca
