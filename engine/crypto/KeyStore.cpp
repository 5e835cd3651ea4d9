#include "engine/crypto/KeyStore.h"

#include "engine/crypto/KeyStoreFormats.h"

namespace certdeck::crypto {

using namespace detail;

namespace {

constexpr unsigned char kJksMagic[] = {0xfe, 0xed, 0xfe, 0xed};
constexpr unsigned char kJceksMagic[] = {0xce, 0xce, 0xce, 0xce};

bool startsWith(const QByteArray& bytes, const unsigned char (&magic)[4])
{
    return bytes.size() >= 4 && std::equal(magic, magic + 4, reinterpret_cast<const unsigned char*>(bytes.constData()));
}

// The format of an existing store, or why it is none the project can open.
Result<KeyStoreFormat> formatOf(const QByteArray& store)
{
    if (store.isEmpty()) {
        return fail(QStringLiteral("the key store is empty"), QStringLiteral("notKeyStore"));
    }
    if (startsWith(store, kJceksMagic)) {
        return fail(QStringLiteral("the key store is a JCEKS store, which CertDeck does not write; convert it with "
                                   "keytool -importkeystore -deststoretype PKCS12"),
                    QStringLiteral("unsupported"));
    }
    if (auto format = detectKeyStoreFormat(store)) {
        return *format;
    }
    return fail(QStringLiteral("the file is neither a PKCS#12 nor a JKS key store"), QStringLiteral("notKeyStore"));
}

} // namespace

std::optional<KeyStoreFormat> keyStoreFormatFromName(const QString& name)
{
    const QString upper = name.trimmed().toUpper();
    if (upper == QLatin1String("PKCS12") || upper == QLatin1String("P12") || upper == QLatin1String("PFX")) {
        return KeyStoreFormat::Pkcs12;
    }
    if (upper == QLatin1String("JKS")) {
        return KeyStoreFormat::Jks;
    }
    return std::nullopt;
}

QString keyStoreFormatName(KeyStoreFormat format)
{
    return format == KeyStoreFormat::Jks ? QStringLiteral("JKS") : QStringLiteral("PKCS12");
}

std::optional<KeyStoreFormat> detectKeyStoreFormat(const QByteArray& bytes)
{
    if (startsWith(bytes, kJksMagic)) {
        return KeyStoreFormat::Jks;
    }
    // PKCS#12 is a DER SEQUENCE (0x30) whose first element is the INTEGER version 3 (RFC 7292, PFX).
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
    if (bytes.size() < 8 || p[0] != 0x30) {
        return std::nullopt;
    }
    qsizetype at = 2;
    if (p[1] & 0x80) {
        at += p[1] & 0x7f;
    }
    if (at + 3 <= bytes.size() && p[at] == 0x02 && p[at + 1] == 0x01 && p[at + 2] == 0x03) {
        return KeyStoreFormat::Pkcs12;
    }
    return std::nullopt;
}

Result<QStringList> keyStoreAliases(const QByteArray& store, const QByteArray& password)
{
    auto format = formatOf(store);
    if (!format) {
        return format.error();
    }
    return *format == KeyStoreFormat::Jks ? jksAliases(store, password) : pkcs12Aliases(store, password);
}

Result<KeyStoreKeyEntry> readKeyStoreEntry(const QByteArray& store, const QByteArray& password, const QString& alias)
{
    auto format = formatOf(store);
    if (!format) {
        return format.error();
    }
    return *format == KeyStoreFormat::Jks ? jksKeyEntry(store, password, alias)
                                          : pkcs12KeyEntry(store, password, alias);
}

Result<QByteArray> updateKeyStore(const QByteArray& existing, KeyStoreFormat format, const QByteArray& password,
                                  const QString& alias, const PrivateKey& key, const Certificate& leaf,
                                  const QList<Certificate>& chain, Pkcs12Algorithms algorithms)
{
    if (key.isNull() || leaf.isNull()) {
        return fail(QStringLiteral("a key store entry needs a private key and its certificate"));
    }
    if (!leaf.matchesKey(key)) {
        return fail(QStringLiteral("the private key does not match the certificate \"%1\": nothing was written")
                        .arg(leaf.subject()),
                    QStringLiteral("keyMismatch"));
    }
    if (password.isEmpty()) {
        return fail(QStringLiteral("the key store needs a password to protect its private key: enter one"),
                    QStringLiteral("passwordRequired"));
    }
    if (alias.trimmed().isEmpty()) {
        return fail(QStringLiteral("the key store alias is empty: enter the alias the server reads"),
                    QStringLiteral("aliasRequired"));
    }
    if (!existing.isEmpty()) {
        auto found = formatOf(existing);
        if (!found) {
            return found.error();
        }
        format = *found;
    }
    return format == KeyStoreFormat::Jks ? jksWithKeyEntry(existing, password, alias, key, leaf, chain)
                                         : pkcs12WithKeyEntry(existing, password, alias, key, leaf, chain, algorithms);
}

namespace detail {

Result<QString> pickAlias(const QStringList& keyAliases, const QString& wanted)
{
    if (wanted.isEmpty()) {
        if (keyAliases.size() == 1) {
            return keyAliases.first();
        }
        if (keyAliases.isEmpty()) {
            return fail(QStringLiteral("the key store holds no private key entry"), QStringLiteral("aliasNotFound"));
        }
        return fail(QStringLiteral("the key store holds several private keys (%1): enter the alias to use")
                        .arg(keyAliases.join(QStringLiteral(", "))),
                    QStringLiteral("aliasNotFound"));
    }
    for (const QString& alias : keyAliases) {
        if (alias.compare(wanted, Qt::CaseInsensitive) == 0) {
            return alias;
        }
    }
    return fail(QStringLiteral("the key store has no private key under the alias \"%1\"; it holds %2")
                    .arg(wanted, keyAliases.isEmpty() ? QStringLiteral("no private key")
                                                      : keyAliases.join(QStringLiteral(", "))),
                QStringLiteral("aliasNotFound"));
}

} // namespace detail

} // namespace certdeck::crypto
