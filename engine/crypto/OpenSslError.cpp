#include "engine/crypto/OpenSslError.h"

#include <QStringList>

#include <openssl/err.h>

namespace certdeck::crypto {

QString openSslError(const QString& what)
{
    QStringList reasons;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        const char* reason = ERR_reason_error_string(code);
        QString text = reason ? QString::fromUtf8(reason) : QStringLiteral("error code %1").arg(code, 0, 16);
        if (!reasons.contains(text)) {
            reasons.append(text);
        }
    }
    if (reasons.isEmpty()) {
        return what;
    }
    return QStringLiteral("%1: %2").arg(what, reasons.join(QStringLiteral("; ")));
}

} // namespace certdeck::crypto
