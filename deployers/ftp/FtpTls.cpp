#include "deployers/ftp/FtpTls.h"

#include <QCoreApplication>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace certdeck::deployers {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("FtpTls", text);
}

// Called once per handshake that presents a certificate (SSL_VERIFY_PEER): the whole verification is this
// comparison, the CA chain is deliberately not consulted (the operator pinned this exact certificate).
int verifyLeafAgainstPin(X509_STORE_CTX* store, void* argument)
{
    auto* check = static_cast<FtpPinCheck*>(argument);
    X509* leaf = X509_STORE_CTX_get0_cert(store);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!leaf || X509_digest(leaf, EVP_sha256(), digest, &length) != 1 || length != 32) {
        check->mismatch = true;
        check->presented = tr("(none)");
        X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    }
    const QByteArray presented(reinterpret_cast<const char*>(digest), int(length));
    check->presented = formatSha256Fingerprint(presented);
    if (presented != check->pinnedSha256) {
        check->mismatch = true;
        X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    }
    check->mismatch = false;
    return 1;
}

} // namespace

Result<QByteArray> parseSha256Fingerprint(const QString& text)
{
    QString hex = text.trimmed();
    if (hex.startsWith(QLatin1String("sha256:"), Qt::CaseInsensitive)) {
        hex = hex.mid(7);
    }
    hex.remove(QLatin1Char(':')).remove(QLatin1Char(' '));
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    bool allHex = !hex.isEmpty();
    for (const QChar c : std::as_const(hex)) {
        allHex = allHex && (c.isDigit() || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f')));
    }
    if (!allHex || raw.size() != 32) {
        return fail(tr("the pinned certificate fingerprint \"%1\" is not a SHA-256 fingerprint (64 hex digits, "
                       "colons allowed)")
                        .arg(text));
    }
    return raw;
}

QString formatSha256Fingerprint(const QByteArray& raw)
{
    return QString::fromLatin1(raw.toHex(':').toUpper());
}

int installPinCheck(void* /*curl*/, void* sslCtx, void* pinCheck)
{
    auto* context = static_cast<SSL_CTX*>(sslCtx);
    // libcurl set SSL_VERIFY_NONE (peer verification is off in pin mode); the pin is enforced here instead.
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_cert_verify_callback(context, verifyLeafAgainstPin, pinCheck);
    return CURLE_OK;
}

} // namespace certdeck::deployers
