#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QList>

namespace certdeck::crypto {

struct Pkcs12Bundle
{
    PrivateKey key; // may be null when the file holds no key
    Certificate leaf;
    QList<Certificate> chain; // CA certificates, leaf excluded
};

// A wrong password yields an error whose message says the password is wrong (not "parse error").
Result<Pkcs12Bundle> readPkcs12(const QByteArray& der, const QByteArray& password);
// AES-256 / PBKDF2 (OpenSSL 3 defaults); refuses a key that does not match the leaf.
Result<QByteArray> writePkcs12(const PrivateKey& key, const Certificate& leaf, const QList<Certificate>& chain,
                               const QByteArray& password, const QString& friendlyName = {});

} // namespace certdeck::crypto
