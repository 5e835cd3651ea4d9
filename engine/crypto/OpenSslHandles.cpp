#include "engine/crypto/OpenSslHandles.h"

#include <QHostAddress>

#include <openssl/asn1.h>

namespace certdeck::crypto::detail {

BioPtr memoryBio(const QByteArray& data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), static_cast<int>(data.size())));
}

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    if (length <= 0 || !data) {
        return {};
    }
    return QByteArray(data, static_cast<qsizetype>(length));
}

QString keyAlgorithmName(const EVP_PKEY* key)
{
    if (!key) {
        return {};
    }
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        return QStringLiteral("RSA");
    case EVP_PKEY_RSA_PSS:
        return QStringLiteral("RSA-PSS");
    case EVP_PKEY_EC:
        return QStringLiteral("EC");
    case EVP_PKEY_ED25519:
        return QStringLiteral("Ed25519");
    case EVP_PKEY_ED448:
        return QStringLiteral("Ed448");
    case EVP_PKEY_DSA:
        return QStringLiteral("DSA");
    default:
        break;
    }
    const char* name = EVP_PKEY_get0_type_name(key);
    return name ? QString::fromUtf8(name) : QStringLiteral("unknown");
}

QStringList generalNamesToStrings(const GENERAL_NAMES* names)
{
    QStringList result;
    if (!names) {
        return result;
    }
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_DNS) {
            const ASN1_IA5STRING* dns = name->d.dNSName;
            result.append(QString::fromLatin1(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                              ASN1_STRING_length(dns)));
        } else if (name->type == GEN_IPADD) {
            const ASN1_OCTET_STRING* ip = name->d.iPAddress;
            const unsigned char* bytes = ASN1_STRING_get0_data(ip);
            if (ASN1_STRING_length(ip) == 4) {
                const quint32 v4 = (quint32(bytes[0]) << 24) | (quint32(bytes[1]) << 16) | (quint32(bytes[2]) << 8) |
                                   quint32(bytes[3]);
                result.append(QHostAddress(v4).toString());
            } else if (ASN1_STRING_length(ip) == 16) {
                result.append(QHostAddress(bytes).toString());
            }
        }
    }
    return result;
}

QString nameEntry(const X509_NAME* name, int nid)
{
    if (!name) {
        return {};
    }
    int index = -1;
    int found = -1;
    while ((index = X509_NAME_get_index_by_NID(name, nid, index)) >= 0) {
        found = index;
    }
    if (found < 0) {
        return {};
    }
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, found));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0) {
        return {};
    }
    QString text = QString::fromUtf8(reinterpret_cast<const char*>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QString nameToString(const X509_NAME* name)
{
    if (!name) {
        return {};
    }
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
        return {};
    }
    return QString::fromUtf8(bioContents(bio.get()));
}

QString toHexLower(const unsigned char* data, int length)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(data), length).toHex());
}

} // namespace certdeck::crypto::detail
