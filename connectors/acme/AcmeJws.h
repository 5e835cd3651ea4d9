#pragma once

#include "engine/core/Result.h"
#include "engine/crypto/PrivateKey.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace certdeck::acme {

// base64url without padding (RFC 7515 section 2).
QByteArray base64Url(const QByteArray& data);
Result<QByteArray> fromBase64Url(const QByteArray& text);

// JSON Web Signatures for ACME (RFC 8555 section 6.2): flattened JSON serialization, ES256 for EC P-256
// account keys, RS256 for RSA account keys.
class AcmeJws
{
public:
    // "ES256" or "RS256"; empty for keys ACME cannot use here (e.g. P-384 is not offered).
    static QString algorithm(const crypto::PrivateKey& key);
    // The public JWK of the key (RFC 7517), with only the required members.
    static QJsonObject jwk(const crypto::PrivateKey& key);
    // RFC 7638 thumbprint: base64url(SHA-256(the JWK's required members, sorted, no whitespace)).
    static QByteArray thumbprint(const QJsonObject& jwk);
    // Signs "protected.payload"; ES256 returns r||s (64 bytes), RS256 PKCS#1 v1.5.
    static Result<QByteArray> sign(const crypto::PrivateKey& key, const QByteArray& signingInput);

    // A request body: `kid` empty means the JWK is embedded (newAccount, revocation by certificate key).
    // A null payload means POST-as-GET (empty payload string).
    static Result<QByteArray> request(const crypto::PrivateKey& key, const QString& kid, const QByteArray& nonce,
                                      const QString& url, const QJsonObject* payload);

    // External Account Binding (RFC 8555 section 7.3.4): an HS256 JWS over the account JWK, keyed by the
    // CA's MAC key (base64url as the CA shows it).
    static Result<QJsonObject> externalAccountBinding(const QString& keyId, const QByteArray& macKeyBase64Url,
                                                      const QJsonObject& accountJwk, const QString& url);
};

} // namespace certdeck::acme
