#pragma once

// Test helper: reads a CRL with plain OpenSSL (independently of the code under test) and verifies it
// with the `openssl crl -verify` command line tool.

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace certdeck::test {

// Uppercase hex without leading zeros, so serials from different formatters compare equal.
inline QString normalizedSerial(QString hex)
{
    hex = hex.toUpper();
    while (hex.size() > 1 && hex.startsWith(QLatin1Char('0'))) {
        hex.remove(0, 1);
    }
    return hex;
}

struct CrlContents
{
    bool parsed = false;
    long version = -1;          // 1 means v2
    qint64 crlNumber = -1;      // -1: no crlNumber extension
    QByteArray akiKeyId;        // authorityKeyIdentifier keyIdentifier
    QMap<QString, int> entries; // normalized serial -> reason (0 when the reasonCode extension is absent)
    bool signatureValid = false;
};

inline CrlContents inspectCrl(const QByteArray& pem, X509* issuer)
{
    CrlContents contents;
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    X509_CRL* crl = PEM_read_bio_X509_CRL(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!crl) {
        return contents;
    }
    contents.parsed = true;
    contents.version = X509_CRL_get_version(crl);
    contents.signatureValid = issuer && X509_CRL_verify(crl, X509_get0_pubkey(issuer)) == 1;
    if (auto* number = static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl, NID_crl_number, nullptr, nullptr))) {
        int64_t value = -1;
        ASN1_INTEGER_get_int64(&value, number);
        contents.crlNumber = value;
        ASN1_INTEGER_free(number);
    }
    if (auto* aki =
            static_cast<AUTHORITY_KEYID*>(X509_CRL_get_ext_d2i(crl, NID_authority_key_identifier, nullptr, nullptr))) {
        if (aki->keyid) {
            contents.akiKeyId = QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(aki->keyid)),
                                           ASN1_STRING_length(aki->keyid));
        }
        AUTHORITY_KEYID_free(aki);
    }
    STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl);
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
        X509_REVOKED* entry = sk_X509_REVOKED_value(revoked, i);
        BIGNUM* bn = ASN1_INTEGER_to_BN(X509_REVOKED_get0_serialNumber(entry), nullptr);
        char* hex = BN_bn2hex(bn);
        const QString serial = normalizedSerial(QString::fromLatin1(hex));
        OPENSSL_free(hex);
        BN_free(bn);
        int reason = 0;
        if (auto* code =
                static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(entry, NID_crl_reason, nullptr, nullptr))) {
            reason = static_cast<int>(ASN1_ENUMERATED_get(code));
            ASN1_ENUMERATED_free(code);
        }
        contents.entries.insert(serial, reason);
    }
    X509_CRL_free(crl);
    return contents;
}

inline QByteArray subjectKeyId(X509* certificate)
{
    const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(certificate);
    return ski ? QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(ski)), ASN1_STRING_length(ski))
               : QByteArray();
}

struct CliResult
{
    int exitCode = -1;
    QString output;
};

// `openssl crl -in <crl> -CAfile <caFile> -noout -verify`: exit code 0 and "verify OK" when the signature holds.
inline CliResult verifyCrlWithCli(const QString& crlPath, const QString& caFile)
{
    CliResult result;
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        result.output = QStringLiteral("openssl command not found");
        return result;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(openssl, {QStringLiteral("crl"), QStringLiteral("-in"), crlPath, QStringLiteral("-CAfile"), caFile,
                            QStringLiteral("-noout"), QStringLiteral("-verify")});
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.output = QStringLiteral("openssl crl did not finish");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromLocal8Bit(process.readAll());
    return result;
}

} // namespace certdeck::test
