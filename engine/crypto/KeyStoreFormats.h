#pragma once

// Internal to engine/crypto: the per-format halves of KeyStore.h. KeyStore.cpp detects the format and dispatches.

#include "engine/crypto/KeyStore.h"

namespace certdeck::crypto::detail {

// PKCS#12 (Pkcs12Store.cpp). Entries are the store's bags grouped by localKeyId / friendlyName; other entries are
// kept bag by bag, with their attributes (Java's trusted-certificate attribute included).
Result<QStringList> pkcs12Aliases(const QByteArray& store, const QByteArray& password);
Result<KeyStoreKeyEntry> pkcs12KeyEntry(const QByteArray& store, const QByteArray& password, const QString& alias);
Result<QByteArray> pkcs12WithKeyEntry(const QByteArray& existing, const QByteArray& password, const QString& alias,
                                      const PrivateKey& key, const Certificate& leaf, const QList<Certificate>& chain,
                                      Pkcs12Algorithms algorithms);

// Loads OpenSSL's legacy provider (RC2-40 safes of older exports) beside the default one; false when it is missing.
bool loadLegacyProvider();

// JKS (JksStore.cpp): Sun's proprietary format, magic 0xFEEDFEED, version 2; private keys protected with the
// JDK's KeyProtector algorithm (OID 1.3.6.1.4.1.42.2.17.1.1), the store with the SHA-1 "Mighty Aphrodite"
// integrity digest. Other entries are kept byte for byte (their keys are never decrypted).
Result<QStringList> jksAliases(const QByteArray& store, const QByteArray& password);
Result<KeyStoreKeyEntry> jksKeyEntry(const QByteArray& store, const QByteArray& password, const QString& alias);
Result<QByteArray> jksWithKeyEntry(const QByteArray& existing, const QByteArray& password, const QString& alias,
                                   const PrivateKey& key, const Certificate& leaf, const QList<Certificate>& chain);

// The alias `wanted` among `aliases` (case-insensitive), or the only one when `wanted` is empty; the error names
// what the store holds.
Result<QString> pickAlias(const QStringList& keyAliases, const QString& wanted);

} // namespace certdeck::crypto::detail
