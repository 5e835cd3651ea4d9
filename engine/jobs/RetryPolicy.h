#pragma once

#include "engine/core/Result.h"

#include <QDateTime>

#include <chrono>
#include <functional>

namespace certdeck::jobs {

// When a failed job is tried again. Transient failures (network, timeouts, CA 5xx, rate limits, an unreachable
// or dead bot) are retried with exponential backoff: base, 2 x base, 4 x base ... capped, each +/- jitter, up to
// maxAttempts attempts in all. Everything else (validation failed, policy refused, bad input) is permanent.
class RetryPolicy
{
public:
    int maxAttempts = 5;
    std::chrono::seconds base{10};
    std::chrono::seconds cap{3600};
    double jitter = 0.2; // +/- this fraction of the delay
    // Uniform in [0, 1); the default uses QRandomGenerator. Tests inject a fixed source.
    std::function<double()> random;

    // True when a failure of this kind may go away by itself.
    static bool isTransient(const Error& error);

    // The delay before attempt `failedAttempt + 1` (failedAttempt counts from 1), before jitter is applied.
    std::chrono::milliseconds backoff(int failedAttempt) const;
    // When to try again after attempt `failedAttempt` failed with `error`; the CA's Retry-After wins when later.
    QDateTime nextAttemptAt(int failedAttempt, const Error& error, const QDateTime& nowUtc) const;
    // Whether a job that failed on attempt `failedAttempt` with `error` is tried again.
    bool shouldRetry(int failedAttempt, const Error& error) const;
};

} // namespace certdeck::jobs
