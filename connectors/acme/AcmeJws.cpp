#include "connectors/acme/AcmeJws.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>

namespace certdeck::acme {
namespace {

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray bnParam(EVP_PKEY* key, const char* name, int padTo = 0)
{
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1 || !bn) {
        return {};
    }
    const int size = padTo > 0 ? padTo : BN_num_bytes(bn);
    QByteArray bytes(size, '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), size);
    BN_free(bn);
    return bytes;
}

QString opensslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return QStringLiteral("unknown OpenSSL error");
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

// ECDSA signatures come out of OpenSSL DER-encoded; JWS wants the fixed-size r||s form (RFC 7518 3.4).
Result<QByteArray> derToRawEcdsa(const QByteArray& der, int half)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, der.size());
    if (!sig) {
        return fail(QStringLiteral("Could not encode the ACME request signature: %1").arg(opensslError()));
    }
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig, &r, &s);
    QByteArray raw(2 * half, '\0');
    BN_bn2binpad(r, reinterpret_cast<unsigned char*>(raw.data()), half);
    BN_bn2binpad(s, reinterpret_cast<unsigned char*>(raw.data()) + half, half);
    ECDSA_SIG_free(sig);
    return raw;
}

} // namespace

QByteArray base64Url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<QByteArray> fromBase64Url(const QByteArray& text)
{
    auto decoded =
        QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return fail(QStringLiteral("The value is not valid base64url text."), QStringLiteral("invalid"));
    }
    return *decoded;
}

QString AcmeJws::algorithm(const crypto::PrivateKey& key)
{
    if (key.isNull()) {
        return {};
    }
    if (key.algorithmName() == QLatin1String("RSA")) {
        return QStringLiteral("RS256");
    }
    if (key.algorithmName() == QLatin1String("EC") && key.bits() == 256) {
        return QStringLiteral("ES256");
    }
    return {};
}

QJsonObject AcmeJws::jwk(const crypto::PrivateKey& key)
{
    const QString alg = algorithm(key);
    if (alg == QLatin1String("ES256")) {
        return QJsonObject{
            {QStringLiteral("kty"), QStringLiteral("EC")},
            {QStringLiteral("crv"), QStringLiteral("P-256")},
            {QStringLiteral("x"), QString::fromLatin1(base64Url(bnParam(key.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32)))},
            {QStringLiteral("y"), QString::fromLatin1(base64Url(bnParam(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32)))},
        };
    }
    if (alg == QLatin1String("RS256")) {
        return QJsonObject{
            {QStringLiteral("kty"), QStringLiteral("RSA")},
            {QStringLiteral("n"), QString::fromLatin1(base64Url(bnParam(key.get(), OSSL_PKEY_PARAM_RSA_N)))},
            {QStringLiteral("e"), QString::fromLatin1(base64Url(bnParam(key.get(), OSSL_PKEY_PARAM_RSA_E)))},
        };
    }
    return {};
}

QByteArray AcmeJws::thumbprint(const QJsonObject& jwk)
{
    // QJsonObject keeps its keys sorted and Compact adds no whitespace: exactly RFC 7638's canonical form,
    // provided only the required members are present (jwk() adds no others).
    QJsonObject required;
    const QString kty = jwk.value(QStringLiteral("kty")).toString();
    const QStringList members =
        kty == QLatin1String("RSA")
            ? QStringList{QStringLiteral("e"), QStringLiteral("kty"), QStringLiteral("n")}
            : QStringList{QStringLiteral("crv"), QStringLiteral("kty"), QStringLiteral("x"), QStringLiteral("y")};
    for (const QString& member : members) {
        required.insert(member, jwk.value(member));
    }
    return base64Url(QCryptographicHash::hash(compact(required), QCryptographicHash::Sha256));
}

Result<QByteArray> AcmeJws::sign(const crypto::PrivateKey& key, const QByteArray& signingInput)
{
    const QString alg = algorithm(key);
    if (alg.isEmpty()) {
        return fail(QStringLiteral("The ACME account key must be EC P-256 or RSA (found %1 %2 bits).")
                        .arg(key.algorithmName())
                        .arg(key.bits()),
                    QStringLiteral("invalid"));
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(signingInput.constData()),
                       signingInput.size()) != 1) {
        return fail(QStringLiteral("Could not sign the ACME request: %1").arg(opensslError()));
    }
    QByteArray signature(static_cast<qsizetype>(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(signingInput.constData()), signingInput.size()) != 1) {
        return fail(QStringLiteral("Could not sign the ACME request: %1").arg(opensslError()));
    }
    signature.resize(static_cast<qsizetype>(length));
    if (alg == QLatin1String("ES256")) {
        return derToRawEcdsa(signature, 32);
    }
    return signature;
}

Result<QByteArray> AcmeJws::request(const crypto::PrivateKey& key, const QString& kid, const QByteArray& nonce,
                                    const QString& url, const QJsonObject* payload)
{
    QJsonObject header{
        {QStringLiteral("alg"), algorithm(key)},
        {QStringLiteral("nonce"), QString::fromLatin1(nonce)},
        {QStringLiteral("url"), url},
    };
    if (kid.isEmpty()) {
        header.insert(QStringLiteral("jwk"), jwk(key));
    } else {
        header.insert(QStringLiteral("kid"), kid);
    }
    const QByteArray protectedPart = base64Url(compact(header));
    const QByteArray payloadPart = payload ? base64Url(compact(*payload)) : QByteArray();
    auto signature = sign(key, protectedPart + '.' + payloadPart);
    if (!signature) {
        return signature.error();
    }
    return compact(QJsonObject{
        {QStringLiteral("protected"), QString::fromLatin1(protectedPart)},
        {QStringLiteral("payload"), QString::fromLatin1(payloadPart)},
        {QStringLiteral("signature"), QString::fromLatin1(base64Url(*signature))},
    });
}

Result<QJsonObject> AcmeJws::externalAccountBinding(const QString& keyId, const QByteArray& macKeyBase64Url,
                                                    const QJsonObject& accountJwk, const QString& url)
{
    if (keyId.trimmed().isEmpty()) {
        return fail(QStringLiteral("The External Account Binding needs the key ID the CA gave you."),
                    QStringLiteral("invalid"));
    }
    // Some CAs show the MAC key with padding or in standard base64: accept both.
    QByteArray text = macKeyBase64Url.trimmed();
    while (text.endsWith('=')) {
        text.chop(1);
    }
    text.replace('+', '-').replace('/', '_');
    auto macKey = fromBase64Url(text);
    text.fill('\0');
    if (!macKey || macKey->isEmpty()) {
        return fail(QStringLiteral("The External Account Binding HMAC key is not valid base64url text. Copy it "
                                   "exactly as your CA shows it."),
                    QStringLiteral("invalid"));
    }
    const QJsonObject header{
        {QStringLiteral("alg"), QStringLiteral("HS256")},
        {QStringLiteral("kid"), keyId.trimmed()},
        {QStringLiteral("url"), url},
    };
    const QByteArray protectedPart = base64Url(compact(header));
    const QByteArray payloadPart = base64Url(compact(accountJwk));
    QByteArray signature =
        QMessageAuthenticationCode::hash(protectedPart + '.' + payloadPart, *macKey, QCryptographicHash::Sha256);
    OPENSSL_cleanse(macKey->data(), static_cast<size_t>(macKey->size()));
    return QJsonObject{
        {QStringLiteral("protected"), QString::fromLatin1(protectedPart)},
        {QStringLiteral("payload"), QString::fromLatin1(payloadPart)},
        {QStringLiteral("signature"), QString::fromLatin1(base64Url(signature))},
    };
}

} // namespace certdeck::acme
