#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace certdeck::acme {

// ACME problem documents (RFC 8555 section 6.7, RFC 7807) as user-readable errors.
class AcmeProblem
{
public:
    // "rateLimited" for "urn:ietf:params:acme:error:rateLimited"; other URNs and URLs are returned whole.
    static QString kindOf(const QJsonObject& problem);

    // `action` says what was being done ("create the order for www.example.com"). The error's kind is the
    // problem type suffix; the message says what the CA answered, lists subproblems with their identifiers,
    // and says what to do (for rateLimited: when to retry, from `retryAfter` when the CA sent it).
    static Error toError(const QJsonObject& problem, const QString& action, int httpStatus = 0,
                         const std::optional<QDateTime>& retryAfter = std::nullopt,
                         const QDateTime& now = QDateTime::currentDateTimeUtc());

    // A non-problem HTTP failure (no problem document in the body).
    static Error httpError(int httpStatus, const QByteArray& body, const QString& action);

    // Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date. nullopt when absent or unreadable.
    static std::optional<QDateTime> parseRetryAfter(const QByteArray& header,
                                                    const QDateTime& now = QDateTime::currentDateTimeUtc());
};

} // namespace certdeck::acme
