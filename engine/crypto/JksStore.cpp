// JKS key stores, read and written by our own code from the format of the JDK's JavaKeyStore and KeyProtector,
// rather than by running keytool on the target: the bot's host needs no JDK, and the store password never passes
// through another program (argv, a prompt, a temp file). The tests prove the result with the real keytool.

#include "engine/crypto/KeyStoreFormats.h"
#include "engine/crypto/OpenSslError.h"
#include "engine/crypto/OpenSslHandles.h"

#include <QDateTime>

#include <openssl/crypto.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdint>

namespace certdeck::crypto::detail {

namespace {

constexpr quint32 kMagic = 0xfeedfeed;
constexpr quint32 kVersion = 2;
constexpr quint32 kPrivateKeyTag = 1;
constexpr quint32 kTrustedCertTag = 2;
constexpr qsizetype kDigestLength = SHA_DIGEST_LENGTH;
constexpr qsizetype kHeaderLength = 12;                 // magic, version, entry count
constexpr qsizetype kSmallestEntry = 4 + 2 + 8 + 2 + 4; // a trusted entry with an empty alias and empty fields
constexpr qsizetype kSmallestCert = 2 + 4;
constexpr char kKeyProtectorOid[] = "1.3.6.1.4.1.42.2.17.1.1";
constexpr char kIntegritySalt[] = "Mighty Aphrodite"; // the JDK's own constant, hashed after the password
constexpr char kCertType[] = "X.509";

// Bytes that held a password or a plaintext key: wiped when they go.
struct SecretBytes
{
    QByteArray bytes;
    ~SecretBytes()
    {
        if (!bytes.isEmpty()) {
            OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
        }
    }
};

Error damaged(const QString& what)
{
    return fail(QStringLiteral("the JKS key store is damaged: %1").arg(what), QStringLiteral("damaged"));
}

// Java hashes the password as its char[]: UTF-16 code units, big-endian.
void passwordBytes(const QByteArray& password, SecretBytes* out)
{
    QString text = QString::fromUtf8(password);
    out->bytes.resize(text.size() * 2);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t unit = text.at(i).unicode();
        out->bytes[2 * i] = char(unit >> 8);
        out->bytes[2 * i + 1] = char(unit & 0xff);
    }
    if (!text.isEmpty()) {
        OPENSSL_cleanse(text.data(), size_t(text.size()) * sizeof(QChar));
    }
}

QByteArray sha1(std::initializer_list<QByteArrayView> parts)
{
    std::unique_ptr<EVP_MD_CTX, OsslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>> context(EVP_MD_CTX_new());
    QByteArray digest(kDigestLength, '\0');
    bool ok = context && EVP_DigestInit_ex(context.get(), EVP_sha1(), nullptr) == 1;
    for (const QByteArrayView& part : parts) {
        ok = ok && EVP_DigestUpdate(context.get(), part.data(), size_t(part.size())) == 1;
    }
    ok = ok && EVP_DigestFinal_ex(context.get(), reinterpret_cast<unsigned char*>(digest.data()), nullptr) == 1;
    if (!ok) {
        ERR_clear_error();
        return {};
    }
    return digest;
}

bool sameDigest(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && !a.isEmpty() && CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

// The store's integrity digest over everything before it.
QByteArray integrityDigest(const SecretBytes& password, QByteArrayView body)
{
    return sha1({password.bytes, QByteArrayView(kIntegritySalt), body});
}

// A bounds-checked big-endian cursor: every read fails instead of passing the end.
class Reader
{
public:
    explicit Reader(QByteArrayView data)
        : m_data(data)
    {
    }
    qsizetype position() const { return m_at; }
    qsizetype remaining() const { return m_data.size() - m_at; }

    bool readU32(quint32* value)
    {
        quint64 v = 0;
        return readBigEndian(4, &v) && (*value = quint32(v), true);
    }
    bool readU64(quint64* value) { return readBigEndian(8, value); }
    bool readBytes(qsizetype length, QByteArrayView* bytes)
    {
        if (length < 0 || length > remaining()) {
            return false;
        }
        *bytes = m_data.sliced(m_at, length);
        m_at += length;
        return true;
    }
    bool readBlob(QByteArrayView* bytes) // u32 length, then the bytes
    {
        quint32 length = 0;
        return readU32(&length) && readBytes(qsizetype(length), bytes);
    }
    // Java's DataInput.readUTF: u16 length, then modified UTF-8 (CESU-8, NUL as C0 80).
    bool readUtf(QString* text)
    {
        quint64 length = 0;
        QByteArrayView bytes;
        return readBigEndian(2, &length) && readBytes(qsizetype(length), &bytes) && decodeModifiedUtf8(bytes, text);
    }

private:
    bool readBigEndian(int width, quint64* value)
    {
        if (remaining() < width) {
            return false;
        }
        quint64 v = 0;
        for (int i = 0; i < width; ++i) {
            v = (v << 8) | quint8(m_data[m_at + i]);
        }
        m_at += width;
        *value = v;
        return true;
    }

    static bool decodeModifiedUtf8(QByteArrayView bytes, QString* text)
    {
        text->clear();
        for (qsizetype i = 0; i < bytes.size();) {
            const quint8 first = quint8(bytes[i]);
            int extra = 0;
            char16_t unit = 0;
            if (first < 0x80) {
                unit = first;
            } else if ((first & 0xe0) == 0xc0) {
                extra = 1;
                unit = first & 0x1f;
            } else if ((first & 0xf0) == 0xe0) {
                extra = 2;
                unit = first & 0x0f;
            } else {
                return false;
            }
            if (i + extra >= bytes.size()) {
                return false;
            }
            for (int k = 1; k <= extra; ++k) {
                const quint8 next = quint8(bytes[i + k]);
                if ((next & 0xc0) != 0x80) {
                    return false;
                }
                unit = char16_t((unit << 6) | (next & 0x3f));
            }
            text->append(QChar(unit));
            i += 1 + extra;
        }
        return true;
    }

    QByteArrayView m_data;
    qsizetype m_at = 0;
};

void appendU16(QByteArray* out, quint16 value)
{
    out->append(char(value >> 8)).append(char(value & 0xff));
}

void appendU32(QByteArray* out, quint32 value)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        out->append(char((value >> shift) & 0xff));
    }
}

void appendU64(QByteArray* out, quint64 value)
{
    appendU32(out, quint32(value >> 32));
    appendU32(out, quint32(value & 0xffffffffu));
}

void appendBlob(QByteArray* out, const QByteArray& bytes)
{
    appendU32(out, quint32(bytes.size()));
    out->append(bytes);
}

// Java's DataOutput.writeUTF; false when the text is too long for its u16 length.
bool appendUtf(QByteArray* out, const QString& text)
{
    QByteArray encoded;
    for (const QChar c : text) {
        const char16_t unit = c.unicode();
        if (unit >= 0x01 && unit <= 0x7f) {
            encoded.append(char(unit));
        } else if (unit <= 0x7ff) {
            encoded.append(char(0xc0 | (unit >> 6))).append(char(0x80 | (unit & 0x3f)));
        } else {
            encoded.append(char(0xe0 | (unit >> 12)))
                .append(char(0x80 | ((unit >> 6) & 0x3f)))
                .append(char(0x80 | (unit & 0x3f)));
        }
    }
    if (encoded.size() > 0xffff) {
        return false;
    }
    appendU16(out, quint16(encoded.size()));
    out->append(encoded);
    return true;
}

// One entry as it stands in the file. Its raw bytes are what a rewrite keeps.
struct Entry
{
    quint32 tag = 0;
    QString alias;
    QByteArrayView raw;
    QByteArrayView encryptedKey;        // private key entries
    QList<QByteArrayView> certificates; // leaf first; the one certificate of a trusted entry
    bool allX509 = true;
};

struct ParsedStore
{
    QList<Entry> entries;
};

bool readCertificate(Reader* reader, Entry* entry)
{
    QString type;
    QByteArrayView der;
    if (!reader->readUtf(&type) || !reader->readBlob(&der)) {
        return false;
    }
    entry->allX509 = entry->allX509 && type == QLatin1String(kCertType);
    entry->certificates.append(der);
    return true;
}

Result<Entry> readEntry(Reader* reader, QByteArrayView body)
{
    Entry entry;
    const qsizetype begin = reader->position();
    quint64 createdMs = 0;
    if (!reader->readU32(&entry.tag) || !reader->readUtf(&entry.alias) || !reader->readU64(&createdMs)) {
        return damaged(QStringLiteral("an entry ends before its alias and date"));
    }
    if (entry.tag == kPrivateKeyTag) {
        quint32 chainLength = 0;
        if (!reader->readBlob(&entry.encryptedKey) || !reader->readU32(&chainLength)) {
            return damaged(QStringLiteral("the key of \"%1\" is cut short").arg(entry.alias));
        }
        if (qsizetype(chainLength) > reader->remaining() / kSmallestCert) {
            return damaged(
                QStringLiteral("the chain of \"%1\" claims more certificates than the file holds").arg(entry.alias));
        }
        for (quint32 i = 0; i < chainLength; ++i) {
            if (!readCertificate(reader, &entry)) {
                return damaged(QStringLiteral("a certificate of \"%1\" is cut short").arg(entry.alias));
            }
        }
    } else if (entry.tag == kTrustedCertTag) {
        if (!readCertificate(reader, &entry)) {
            return damaged(QStringLiteral("the certificate of \"%1\" is cut short").arg(entry.alias));
        }
    } else {
        return fail(QStringLiteral("the JKS key store holds an entry of unknown type %1 (\"%2\"); CertDeck does not "
                                   "change such stores")
                        .arg(entry.tag)
                        .arg(entry.alias),
                    QStringLiteral("unsupported"));
    }
    entry.raw = body.sliced(begin, reader->position() - begin);
    return entry;
}

// Parses the structure, then checks the integrity digest with `password`.
Result<ParsedStore> parseStore(QByteArrayView store, const QByteArray& password)
{
    if (store.size() < kHeaderLength + kDigestLength) {
        return damaged(QStringLiteral("the file is too short"));
    }
    const QByteArrayView body = store.first(store.size() - kDigestLength);
    Reader reader(body);
    quint32 magic = 0;
    quint32 version = 0;
    quint32 count = 0;
    if (!reader.readU32(&magic) || magic != kMagic || !reader.readU32(&version) || !reader.readU32(&count)) {
        return damaged(QStringLiteral("it does not start like a JKS store"));
    }
    if (version != kVersion) {
        return fail(QStringLiteral("the JKS key store has format version %1, which CertDeck does not read; convert "
                                   "it with keytool -importkeystore -deststoretype PKCS12")
                        .arg(version),
                    QStringLiteral("unsupported"));
    }
    if (qsizetype(count) > reader.remaining() / kSmallestEntry) {
        return damaged(QStringLiteral("it claims %1 entries, more than the file holds").arg(count));
    }
    ParsedStore parsed;
    for (quint32 i = 0; i < count; ++i) {
        auto entry = readEntry(&reader, body);
        if (!entry) {
            return entry.error();
        }
        parsed.entries.append(std::move(*entry));
    }
    if (reader.remaining() != 0) {
        return damaged(QStringLiteral("there are stray bytes after the last entry"));
    }
    SecretBytes passwordUtf16;
    passwordBytes(password, &passwordUtf16);
    if (!sameDigest(integrityDigest(passwordUtf16, body), store.last(kDigestLength))) {
        return fail(QStringLiteral("the JKS key store password is wrong (or the file is damaged): its integrity "
                                   "check failed; enter the store's password"),
                    QStringLiteral("wrongPassword"));
    }
    return parsed;
}

// KeyProtector's keystream: d_i = SHA1(password || d_{i-1}), d_0 = salt, XORed over `data` in place.
bool applyKeystream(const SecretBytes& password, QByteArrayView salt, QByteArray* data)
{
    SecretBytes block{salt.toByteArray()};
    for (qsizetype at = 0; at < data->size(); at += kDigestLength) {
        QByteArray next = sha1({password.bytes, block.bytes});
        if (next.isEmpty()) {
            return false;
        }
        OPENSSL_cleanse(block.bytes.data(), size_t(block.bytes.size()));
        block.bytes = next;
        const qsizetype n = std::min(kDigestLength, data->size() - at);
        for (qsizetype i = 0; i < n; ++i) {
            (*data)[at + i] = char((*data)[at + i] ^ block.bytes[i]);
        }
    }
    return true;
}

ASN1_OBJECT* keyProtectorOid()
{
    return OBJ_txt2obj(kKeyProtectorOid, 1);
}

// The EncryptedPrivateKeyInfo KeyProtector writes: salt || (PKCS#8 XOR keystream) || SHA1(password || PKCS#8).
Result<QByteArray> protectKey(const PrivateKey& key, const SecretBytes& password)
{
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, OsslDeleter<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>> info(
        EVP_PKEY2PKCS8(key.get()));
    SecretBytes plain{encodeDer(info.get(), i2d_PKCS8_PRIV_KEY_INFO)};
    if (plain.bytes.isEmpty()) {
        return fail(openSslError(QStringLiteral("the private key could not be encoded as PKCS#8")));
    }
    QByteArray salt(kDigestLength, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), int(salt.size())) != 1) {
        return fail(openSslError(QStringLiteral("no random salt for the JKS key")));
    }
    const QByteArray check = sha1({password.bytes, plain.bytes});
    QByteArray cipher = plain.bytes;
    if (check.isEmpty() || !applyKeystream(password, salt, &cipher)) {
        return fail(openSslError(QStringLiteral("the JKS key could not be protected")));
    }
    const QByteArray encrypted = salt + cipher + check;

    std::unique_ptr<X509_SIG, OsslDeleter<X509_SIG, X509_SIG_free>> sig(X509_SIG_new());
    X509_ALGOR* algorithm = nullptr;
    ASN1_OCTET_STRING* digest = nullptr;
    X509_SIG_getm(sig.get(), &algorithm, &digest);
    ASN1_OBJECT* oid = keyProtectorOid();
    if (!oid || X509_ALGOR_set0(algorithm, oid, V_ASN1_NULL, nullptr) != 1 ||
        ASN1_OCTET_STRING_set(digest, reinterpret_cast<const unsigned char*>(encrypted.constData()),
                              int(encrypted.size())) != 1) {
        return fail(openSslError(QStringLiteral("the JKS key could not be encoded")));
    }
    QByteArray der = encodeDer(sig.get(), i2d_X509_SIG);
    if (der.isEmpty()) {
        return fail(openSslError(QStringLiteral("the JKS key could not be encoded")));
    }
    return der;
}

// The key of entry `alias` from its EncryptedPrivateKeyInfo; the check digest tells a wrong password.
Result<PrivateKey> recoverKey(QByteArrayView der, const SecretBytes& password, const QString& alias)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<X509_SIG, OsslDeleter<X509_SIG, X509_SIG_free>> sig(d2i_X509_SIG(nullptr, &p, long(der.size())));
    if (!sig || p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
        ERR_clear_error();
        return damaged(QStringLiteral("the key of \"%1\" is not an EncryptedPrivateKeyInfo").arg(alias));
    }
    const X509_ALGOR* algorithm = nullptr;
    const ASN1_OCTET_STRING* digest = nullptr;
    X509_SIG_get0(sig.get(), &algorithm, &digest);
    char oid[80] = {};
    OBJ_obj2txt(oid, sizeof(oid), algorithm->algorithm, 1);
    if (qstrcmp(oid, kKeyProtectorOid) != 0) {
        return fail(QStringLiteral("the key of \"%1\" is protected with %2, not the JKS key protector; CertDeck "
                                   "cannot read it")
                        .arg(alias, QString::fromLatin1(oid)),
                    QStringLiteral("unsupported"));
    }
    const QByteArrayView encrypted(reinterpret_cast<const char*>(ASN1_STRING_get0_data(digest)),
                                   ASN1_STRING_length(digest));
    if (encrypted.size() <= 2 * kDigestLength) {
        return damaged(QStringLiteral("the key of \"%1\" is too short").arg(alias));
    }
    SecretBytes plain{encrypted.sliced(kDigestLength, encrypted.size() - 2 * kDigestLength).toByteArray()};
    if (!applyKeystream(password, encrypted.first(kDigestLength), &plain.bytes)) {
        return fail(openSslError(QStringLiteral("the JKS key could not be decrypted")));
    }
    if (!sameDigest(sha1({password.bytes, plain.bytes}), encrypted.last(kDigestLength))) {
        return fail(QStringLiteral("the password of the JKS key \"%1\" is wrong: CertDeck uses the store password "
                                   "for the key; set both to the same with keytool -keypasswd")
                        .arg(alias),
                    QStringLiteral("wrongPassword"));
    }
    const auto* q = reinterpret_cast<const unsigned char*>(plain.bytes.constData());
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, OsslDeleter<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>> info(
        d2i_PKCS8_PRIV_KEY_INFO(nullptr, &q, long(plain.bytes.size())));
    EVP_PKEY* key = info ? EVP_PKCS82PKEY(info.get()) : nullptr;
    if (!key) {
        return damaged(openSslError(QStringLiteral("the key of \"%1\" does not decode").arg(alias)));
    }
    return PrivateKey::adopt(key);
}

QStringList keyAliases(const ParsedStore& store)
{
    QStringList aliases;
    for (const Entry& entry : store.entries) {
        if (entry.tag == kPrivateKeyTag) {
            aliases.append(entry.alias);
        }
    }
    return aliases;
}

const Entry* findEntry(const ParsedStore& store, const QString& alias)
{
    for (const Entry& entry : store.entries) {
        if (entry.alias.compare(alias, Qt::CaseInsensitive) == 0) {
            return &entry;
        }
    }
    return nullptr;
}

Result<QList<Certificate>> entryCertificates(const Entry& entry)
{
    if (entry.certificates.isEmpty()) {
        return damaged(QStringLiteral("the key \"%1\" has no certificate").arg(entry.alias));
    }
    if (!entry.allX509) {
        return fail(QStringLiteral("the chain of \"%1\" holds a certificate that is not X.509").arg(entry.alias),
                    QStringLiteral("unsupported"));
    }
    QList<Certificate> certs;
    for (const QByteArrayView der : entry.certificates) {
        auto cert = Certificate::fromDer(der.toByteArray());
        if (!cert) {
            return damaged(QStringLiteral("a certificate of \"%1\": %2").arg(entry.alias, cert.message()));
        }
        certs.append(*cert);
    }
    return certs;
}

// A private key entry: tag, alias, date, protected key, chain.
Result<QByteArray> keyEntryBytes(const QString& alias, const PrivateKey& key, const QList<Certificate>& certs,
                                 const SecretBytes& password)
{
    auto protectedKey = protectKey(key, password);
    if (!protectedKey) {
        return protectedKey.error();
    }
    QByteArray out;
    appendU32(&out, kPrivateKeyTag);
    if (!appendUtf(&out, alias)) {
        return fail(QStringLiteral("the alias \"%1\" is too long for a JKS key store").arg(alias));
    }
    appendU64(&out, quint64(QDateTime::currentMSecsSinceEpoch()));
    appendBlob(&out, *protectedKey);
    appendU32(&out, quint32(certs.size()));
    for (const Certificate& cert : certs) {
        appendUtf(&out, QString::fromLatin1(kCertType));
        appendBlob(&out, cert.toDer());
    }
    return out;
}

} // namespace

Result<QStringList> jksAliases(const QByteArray& store, const QByteArray& password)
{
    auto parsed = parseStore(store, password);
    if (!parsed) {
        return parsed.error();
    }
    QStringList aliases;
    for (const Entry& entry : parsed->entries) {
        aliases.append(entry.alias);
    }
    return aliases;
}

Result<KeyStoreKeyEntry> jksKeyEntry(const QByteArray& store, const QByteArray& password, const QString& alias)
{
    auto parsed = parseStore(store, password);
    if (!parsed) {
        return parsed.error();
    }
    auto picked = pickAlias(keyAliases(*parsed), alias);
    if (!picked) {
        return picked.error();
    }
    const Entry* entry = findEntry(*parsed, *picked);
    auto certs = entryCertificates(*entry);
    if (!certs) {
        return certs.error();
    }
    SecretBytes passwordUtf16;
    passwordBytes(password, &passwordUtf16);
    auto key = recoverKey(entry->encryptedKey, passwordUtf16, entry->alias);
    if (!key) {
        return key.error();
    }
    KeyStoreKeyEntry result{entry->alias, std::move(*key), certs->takeFirst(), *certs};
    return result;
}

Result<QByteArray> jksWithKeyEntry(const QByteArray& existing, const QByteArray& password, const QString& alias,
                                   const PrivateKey& key, const Certificate& leaf, const QList<Certificate>& chain)
{
    ParsedStore parsed;
    if (!existing.isEmpty()) {
        auto read = parseStore(existing, password);
        if (!read) {
            return read.error();
        }
        parsed = std::move(*read);
    }
    SecretBytes passwordUtf16;
    passwordBytes(password, &passwordUtf16);
    // keytool stores aliases lower-case and Java compares them case-insensitively: do the same.
    auto entry = keyEntryBytes(alias.trimmed().toLower(), key, QList<Certificate>{leaf} + chain, passwordUtf16);
    if (!entry) {
        return entry.error();
    }
    const Entry* replaced = findEntry(parsed, alias.trimmed());
    QByteArray out;
    appendU32(&out, kMagic);
    appendU32(&out, kVersion);
    appendU32(&out, quint32(parsed.entries.size() + (replaced ? 0 : 1)));
    for (const Entry& other : parsed.entries) {
        out.append(&other == replaced ? QByteArrayView(*entry) : other.raw);
    }
    if (!replaced) {
        out.append(*entry);
    }
    out.append(integrityDigest(passwordUtf16, out));
    return out;
}

} // namespace certdeck::crypto::detail
