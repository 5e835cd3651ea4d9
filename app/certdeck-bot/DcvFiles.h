#pragma once

#include "app/certdeck-bot/MethodHandlers.h"

#include <QJsonObject>
#include <QString>

namespace certdeck::bot {

// The bot's http-01 domain control validation files: dcv.put writes <dcvPath>/.well-known/acme-challenge/<token>
// (directories created 0755, file 0644, atomically); dcv.remove deletes exactly that file. Both refuse tokens
// that are not base64url, a DCV path that is not an absolute existing directory, and any path that resolves
// (through symlinks) outside the DCV directory. Stateless and thread-safe.
class DcvFiles
{
public:
    static constexpr int kMaxTokenLength = 256;

    // {dcvPath, token, content} -> {path}
    static HandlerOutcome put(const QJsonObject& params);
    // {dcvPath, token} -> {removed}; a file that is not there -> removed: false.
    static HandlerOutcome remove(const QJsonObject& params);

    // True when token is 1..kMaxTokenLength characters of [A-Za-z0-9_-].
    static bool isBase64UrlToken(const QString& token);
};

} // namespace certdeck::bot
