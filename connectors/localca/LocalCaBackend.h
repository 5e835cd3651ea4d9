#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/LocalCaRepository.h"

#include <QString>

#include <memory>
#include <optional>

namespace certdeck::store {
class Database;
}

namespace certdeck::localca {

// What every built-in CA operation needs: the inventory (CA rows, issued serials, revocations)
// and the keychain (the passphrase of the CA keys). Copyable; safe to hand to a worker thread.
struct LocalCaBackend
{
    std::shared_ptr<store::Database> db;
    secrets::SecretStore secrets;
};

// Keychain entry holding the passphrase that encrypts the CA's keys.
QString passphraseKey(const QString& caName);
// Stored name of the intermediate row belonging to the CA `caName`.
QString intermediateRowName(const QString& caName);
// Refuses empty names and names the keychain key or the intermediate row could not hold.
Status validateCaName(const QString& caName);

// A CA as loaded from the inventory (certificates only; the keys stay encrypted).
struct LoadedCa
{
    store::LocalCaRow rootRow;
    crypto::Certificate root;
    std::optional<store::LocalCaRow> intermediateRow;
    crypto::Certificate intermediate; // null when the CA has no intermediate

    // The CA that signs leaves and CRLs: the intermediate when there is one, else the root.
    const store::LocalCaRow& issuingRow() const;
    const crypto::Certificate& issuingCertificate() const;
};

Result<LoadedCa> loadLocalCa(const store::Database& db, const QString& caName);

// Reads the passphrase from the keychain (blocking: worker threads only) and decrypts the issuing key.
Result<crypto::PrivateKey> unlockIssuingKey(const LoadedCa& ca, const secrets::SecretStore& secrets);

} // namespace certdeck::localca
