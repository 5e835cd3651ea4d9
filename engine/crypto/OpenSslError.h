#pragma once

#include <QString>

namespace certdeck::crypto {

// Drains OpenSSL's error queue into one readable message: "<what>: <reason>".
QString openSslError(const QString& what);

} // namespace certdeck::crypto
