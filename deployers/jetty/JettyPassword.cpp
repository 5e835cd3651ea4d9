#include "deployers/jetty/JettyPassword.h"

namespace certdeck::deployers {

std::optional<QByteArray> jettyPassword(const QString& configured)
{
    const QLatin1String prefix("OBF:");
    if (!configured.startsWith(prefix)) {
        return configured.toUtf8();
    }
    const QString digits = configured.mid(prefix.size());
    QByteArray password;
    for (qsizetype at = 0; at < digits.size();) {
        const bool highByte = digits.at(at) == QLatin1Char('U'); // obfuscate() writes "U" + 4 digits for a byte >= 0x80
        if (highByte) {
            ++at;
        }
        if (at + 4 > digits.size()) {
            return std::nullopt;
        }
        bool ok = false;
        const int value = digits.mid(at, 4).toInt(&ok, 36);
        if (!ok || value < 0) {
            return std::nullopt;
        }
        at += 4;
        // Written as (127 + b1 + b2) * 256 + (127 + b1 - b2), b1 the byte, b2 its mirror: b1 = (hi + lo - 254) / 2.
        const int byte = highByte ? value >> 8 : (value / 256 + value % 256 - 254) / 2;
        if (byte < -128 || byte > 255) {
            return std::nullopt;
        }
        password.append(char(byte));
    }
    return password;
}

} // namespace certdeck::deployers
