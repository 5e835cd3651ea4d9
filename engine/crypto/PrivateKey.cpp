#include "engine/crypto/PrivateKey.h"

#include "engine/crypto/OpenSslError.h"
#include "engine/crypto/OpenSslHandles.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstring>

namespace certdeck::crypto {

using namespace detail;

Status KeySpec::validate() const
{
    if (algorithm == KeyAlgorithm::Rsa) {
        if (bits < 2048) {
            return fail(QStringLiteral("RSA keys under 2048 bits are refused: they can be factored; choose 2048, "
                                       "3072 or 4096"),
                        QStringLiteral("weakKey"));
        }
        if (bits != 2048 && bits != 3072 && bits != 4096) {
            return fail(QStringLiteral("RSA key size %1 is not supported: choose 2048, 3072 or 4096").arg(bits),
                        QStringLiteral("invalidKeySpec"));
        }
        return {};
    }
    if (bits != 256 && bits != 384) {
        return fail(QStringLiteral("EC key size %1 is not supported: choose 256 (P-256) or 384 (P-384)").arg(bits),
                    QStringLiteral("invalidKeySpec"));
    }
    return {};
}

Result<KeySpec> KeySpec::from(const QString& algorithm, int bits)
{
    const QString name = algorithm.trimmed().toUpper();
    KeySpec spec;
    spec.bits = bits;
    if (name == QLatin1String("RSA")) {
        spec.algorithm = KeyAlgorithm::Rsa;
    } else if (name == QLatin1String("EC") || name == QLatin1String("ECDSA") || name == QLatin1String("ECC")) {
        spec.algorithm = KeyAlgorithm::Ec;
    } else {
        return fail(QStringLiteral("Key algorithm \"%1\" is not supported: choose RSA or EC").arg(algorithm),
                    QStringLiteral("invalidKeySpec"));
    }
    if (Status valid = spec.validate(); !valid) {
        return valid.error();
    }
    return spec;
}

void PrivateKey::Deleter::operator()(EVP_PKEY* key) const
{
    EVP_PKEY_free(key);
}

PrivateKey::PrivateKey() = default;
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;

PrivateKey PrivateKey::adopt(EVP_PKEY* key)
{
    PrivateKey result;
    result.m_key.reset(key);
    return result;
}

Result<PrivateKey> PrivateKey::generate(const KeySpec& spec)
{
    if (Status valid = spec.validate(); !valid) {
        return valid.error();
    }
    ERR_clear_error();
    EVP_PKEY* key = nullptr;
    if (spec.algorithm == KeyAlgorithm::Rsa) {
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(spec.bits));
    } else {
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", spec.bits == 256 ? "P-256" : "P-384");
    }
    if (!key) {
        return fail(openSslError(QStringLiteral("Key generation failed")));
    }
    return adopt(key);
}

namespace {

struct PassphraseData
{
    const QByteArray* passphrase = nullptr;
    bool asked = false;
};

int passphraseCallback(char* buffer, int size, int /*rwflag*/, void* userData)
{
    auto* data = static_cast<PassphraseData*>(userData);
    data->asked = true;
    if (!data->passphrase || data->passphrase->isEmpty() || data->passphrase->size() > size) {
        return -1;
    }
    std::memcpy(buffer, data->passphrase->constData(), static_cast<size_t>(data->passphrase->size()));
    return static_cast<int>(data->passphrase->size());
}

bool looksEncrypted(const QByteArray& pem)
{
    return pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED");
}

} // namespace

Result<PrivateKey> PrivateKey::fromPem(const QByteArray& pem, const QByteArray& passphrase)
{
    if (pem.trimmed().isEmpty()) {
        return fail(QStringLiteral("The private key is empty"), QStringLiteral("invalidKey"));
    }
    ERR_clear_error();
    PassphraseData data{&passphrase, false};
    EVP_PKEY* key = nullptr;
    if (pem.contains("-----BEGIN")) {
        if (!pem.contains("PRIVATE KEY-----")) {
            return fail(QStringLiteral("The PEM data holds no private key"), QStringLiteral("invalidKey"));
        }
        BioPtr bio = memoryBio(pem);
        key = PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &data);
    } else {
        // DER: PKCS#8 (encrypted or not) or a traditional key.
        BioPtr bio = memoryBio(pem);
        key = d2i_PKCS8PrivateKey_bio(bio.get(), nullptr, passphraseCallback, &data);
        if (!key) {
            ERR_clear_error();
            const auto* p = reinterpret_cast<const unsigned char*>(pem.constData());
            key = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(pem.size()));
        }
    }
    if (!key) {
        if (looksEncrypted(pem) || data.asked) {
            ERR_clear_error();
            if (passphrase.isEmpty()) {
                return fail(QStringLiteral("The private key is encrypted: enter its passphrase"),
                            QStringLiteral("passphraseRequired"));
            }
            return fail(QStringLiteral("The passphrase for the private key is wrong: enter the passphrase it was "
                                       "encrypted with"),
                        QStringLiteral("wrongPassphrase"));
        }
        return fail(openSslError(QStringLiteral("The private key cannot be read")), QStringLiteral("invalidKey"));
    }
    return adopt(key);
}

bool PrivateKey::isNull() const
{
    return !m_key;
}

QString PrivateKey::algorithmName() const
{
    return keyAlgorithmName(m_key.get());
}

int PrivateKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray PrivateKey::toPem() const
{
    if (!m_key) {
        return {};
    }
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
        ERR_clear_error();
        return {};
    }
    return bioContents(bio.get());
}

Result<QByteArray> PrivateKey::toEncryptedPem(const QByteArray& passphrase) const
{
    if (!m_key) {
        return fail(QStringLiteral("There is no private key to encrypt"));
    }
    if (passphrase.isEmpty()) {
        return fail(QStringLiteral("An encrypted private key needs a passphrase: enter one"),
                    QStringLiteral("passphraseRequired"));
    }
    ERR_clear_error();
    BioPtr bio(BIO_new(BIO_s_secmem()));
    // The passphrase goes through a callback so no writable copy of it is needed.
    PassphraseData data{&passphrase, false};
    if (!PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key.get(), EVP_aes_256_cbc(), nullptr, 0, passphraseCallback,
                                       &data)) {
        return fail(openSslError(QStringLiteral("Encrypting the private key failed")));
    }
    return bioContents(bio.get());
}

QByteArray PrivateKey::publicKeyDer() const
{
    return detail::encodeDer(m_key.get(), i2d_PUBKEY);
}

EVP_PKEY* PrivateKey::get() const
{
    return m_key.get();
}

} // namespace certdeck::crypto
