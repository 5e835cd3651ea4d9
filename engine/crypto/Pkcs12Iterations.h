#pragma once

// Internal to engine/crypto: the key-derivation work a PKCS#12 file asks for, checked before OpenSSL does it.

#include "engine/core/Result.h"

#include <QByteArray>

#include <openssl/pkcs12.h>

namespace certdeck::crypto::detail {

// Real stores stay far below: OpenSSL 3 writes 2048 (MAC and PBKDF2), Java's keytool 10,000, Windows 2000; the
// strongest published advice for PBKDF2-HMAC-SHA256 (OWASP, 2023) is 600,000. One million admits all of them and
// costs well under a second; 2^31 - 1, which a hostile file may carry, costs many minutes of CPU.
constexpr qint64 maxPkcs12Iterations = 1'000'000;
// All derivations of one file together (MAC, encrypted safes, shrouded key bags): a file with many bags at the
// cap must not add up to minutes either.
constexpr qint64 maxPkcs12TotalIterations = 8'000'000;

// Walks the MAC, the encrypted safes and the shrouded key bags (decrypting a safe, whose count was checked first,
// to see the bags inside) and refuses a count above the caps, kind "tooManyIterations". `password` is what
// PKCS12_parse will be given. A safe that does not decrypt with it is left to PKCS12_parse to report.
Status checkPkcs12Iterations(const PKCS12* p12, const QByteArray& password);

} // namespace certdeck::crypto::detail
