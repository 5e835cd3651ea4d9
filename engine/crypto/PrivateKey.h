#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace certdeck::crypto {

enum class KeyAlgorithm { Rsa, Ec };

// What key to generate. RSA: 2048, 3072 or 4096 bits. EC: 256 (P-256) or 384 (P-384).
struct KeySpec
{
    KeyAlgorithm algorithm = KeyAlgorithm::Rsa;
    int bits = 2048;

    // Refuses RSA under 2048 bits and unknown sizes/curves with a message that says why.
    Status validate() const;
    // Parses the wizard's values ("RSA"/"EC", size); validates too.
    static Result<KeySpec> from(const QString& algorithm, int bits);
};

// An owned OpenSSL private key (RAII). Movable, not copyable.
class PrivateKey
{
public:
    PrivateKey();
    ~PrivateKey();
    PrivateKey(PrivateKey&&) noexcept;
    PrivateKey& operator=(PrivateKey&&) noexcept;
    PrivateKey(const PrivateKey&) = delete;
    PrivateKey& operator=(const PrivateKey&) = delete;

    static Result<PrivateKey> generate(const KeySpec& spec);
    // Reads PEM (PKCS#8, traditional RSA/EC, encrypted PKCS#8 when passphrase is given) or DER.
    static Result<PrivateKey> fromPem(const QByteArray& pem, const QByteArray& passphrase = {});
    // Takes ownership of a key (used by the PKCS#12 and CSR code).
    static PrivateKey adopt(EVP_PKEY* key);

    bool isNull() const;
    QString algorithmName() const; // "RSA", "EC"
    int bits() const;
    QByteArray toPem() const;                                              // unencrypted PKCS#8
    Result<QByteArray> toEncryptedPem(const QByteArray& passphrase) const; // PKCS#8, AES-256-CBC
    QByteArray publicKeyDer() const;                                       // SubjectPublicKeyInfo
    EVP_PKEY* get() const;

private:
    struct Deleter
    {
        void operator()(EVP_PKEY* key) const;
    };
    std::unique_ptr<EVP_PKEY, Deleter> m_key;
};

} // namespace certdeck::crypto
