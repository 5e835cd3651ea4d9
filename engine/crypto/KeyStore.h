#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace certdeck::crypto {

// Java-style key stores: a set of entries, each under an alias. The one place that reads and writes them; deployers
// never format key material themselves.
enum class KeyStoreFormat {
    Pkcs12,
    Jks,
};

// How a new or updated PKCS#12 store is encrypted.
enum class Pkcs12Algorithms {
    Modern, // AES-256-CBC with PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC (OpenSSL 3, Java 11.0.12+/17, Windows Server 2019+)
    Legacy, // PBE-SHA1-3DES for keys and certificates, SHA-1 MAC (Java 8, Windows Server 2016 and older)
};

// "PKCS12" / "JKS" (case-insensitive; "P12" and "PFX" too), as the spec's Key Store Type.
std::optional<KeyStoreFormat> keyStoreFormatFromName(const QString& name);
QString keyStoreFormatName(KeyStoreFormat format); // "PKCS12", "JKS"

// By content, never by file name: a ".jks" file that keytool (Java 9+) wrote as PKCS#12 is PKCS#12. Empty when
// the bytes are neither (JCEKS is recognised as not supported by keyStoreProblem()).
std::optional<KeyStoreFormat> detectKeyStoreFormat(const QByteArray& bytes);

// One private-key entry: the key and its chain, leaf first.
struct KeyStoreKeyEntry
{
    QString alias;
    PrivateKey key;
    Certificate leaf;
    QList<Certificate> chain; // intermediates (and root when the store holds it), leaf excluded
};

// Error kinds of the functions below: "wrongPassword" (the message says so), "aliasNotFound" (names the alias and
// the aliases the store has), "notKeyStore" (neither PKCS#12 nor JKS), "unsupported" (JCEKS, an unknown entry
// type), "damaged", "passwordRequired", "keyMismatch", "tooManyIterations".

// The aliases of every entry of the store (key entries and trusted certificates), in the store's order.
Result<QStringList> keyStoreAliases(const QByteArray& store, const QByteArray& password);

// The private-key entry `alias` (case-insensitive, as Java compares aliases). Empty alias: the store's only key
// entry (an error naming them when it has several).
Result<KeyStoreKeyEntry> readKeyStoreEntry(const QByteArray& store, const QByteArray& password,
                                           const QString& alias = {});

// The new content of a store in which `alias` holds key + leaf + chain. `existing` empty: a new store of
// `format`. Otherwise the existing store keeps its format (detected by content; `format` is then ignored) and every
// other entry exactly as it was; an entry of the same alias is replaced. The existing store must open with
// `password` (its entries are re-protected with it). Refuses a key that does not match the leaf.
Result<QByteArray> updateKeyStore(const QByteArray& existing, KeyStoreFormat format, const QByteArray& password,
                                  const QString& alias, const PrivateKey& key, const Certificate& leaf,
                                  const QList<Certificate>& chain,
                                  Pkcs12Algorithms algorithms = Pkcs12Algorithms::Modern);

} // namespace certdeck::crypto
