#include "engine/jobs/RetryPolicy.h"

#include <QRandomGenerator>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace certdeck::jobs {

bool RetryPolicy::isTransient(const Error& error)
{
    static const QStringList transient{
        QStringLiteral("network"),        // no answer, connection refused or reset, DNS failure
        QStringLiteral("timeout"),        // no answer in time
        QStringLiteral("unavailable"),    // CA answered 5xx
        QStringLiteral("serverInternal"), // ACME problem for a 5xx
        QStringLiteral("rateLimited"),    // CA rate limit (Retry-After says when)
        QStringLiteral("botUnreachable"), // bot not reachable or its process died
        QStringLiteral("botBusy"),        // the bot's request queue was full
        QStringLiteral("badNonce"),       // a nonce race that outlived the session's own retries
    };
    return transient.contains(error.kind);
}

std::chrono::milliseconds RetryPolicy::backoff(int failedAttempt) const
{
    const qint64 baseMs = std::chrono::duration_cast<std::chrono::milliseconds>(base).count();
    const qint64 capMs = std::chrono::duration_cast<std::chrono::milliseconds>(cap).count();
    qint64 delay = std::max<qint64>(baseMs, 0);
    for (int i = 1; i < failedAttempt && delay < capMs; ++i) {
        delay *= 2;
    }
    return std::chrono::milliseconds(std::min(delay, capMs));
}

QDateTime RetryPolicy::nextAttemptAt(int failedAttempt, const Error& error, const QDateTime& nowUtc) const
{
    const double r = random ? random() : QRandomGenerator::global()->generateDouble();
    const double factor = 1.0 + jitter * (2.0 * std::clamp(r, 0.0, 1.0) - 1.0);
    const auto delay = qint64(std::llround(double(backoff(failedAttempt).count()) * factor));
    QDateTime at = nowUtc.addMSecs(delay);
    if (error.retryAfter.isValid() && error.retryAfter > at) {
        at = error.retryAfter.toUTC();
    }
    return at;
}

bool RetryPolicy::shouldRetry(int failedAttempt, const Error& error) const
{
    return failedAttempt < maxAttempts && isTransient(error);
}

} // namespace certdeck::jobs
