#pragma once

#include "engine/domain/ProvisioningConfig.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

#include <optional>

namespace certdeck::scheduling {

// Pure schedule arithmetic for spec step 5 (renewal and deployment rules). No threads, no clock, no database:
// "now" is always passed in (UTC), so tests drive it with literal instants.
//
// Time zones are IANA ids ("Europe/Berlin"). Local wall-clock times are mapped to UTC like this:
// - a local time that does not exist that day (spring-forward gap) runs at the next valid instant, i.e. the
//   moment the clocks jump (Europe/Berlin 2026-03-29 02:30 -> 03:00 CEST = 01:00 UTC);
// - an ambiguous local time (fall-back overlap) runs once, at its FIRST occurrence (the earlier UTC instant);
// - an unknown time zone id is treated as UTC; functions that take a zone report this through a Qt-style
//   `bool* zoneOk` out parameter (set to false for an unknown id, true otherwise; may be nullptr).

// A renewal window suggested by the CA (ACME Renewal Information, RFC 9773), both ends UTC.
struct RenewalWindow
{
    QDateTime start;
    QDateTime end;
};

struct RenewalDecision
{
    bool due = false;
    // When renewal is (or was) due, UTC. Invalid when it cannot be known (renewal off, no date configured).
    QDateTime dueAt;
    // User-readable, e.g. "29 days left, renew 30 days before expiry".
    QString reason;
};

// The zone for an IANA id, or UTC when the id is unknown (then *zoneOk = false).
QTimeZone zoneOrUtc(const QString& timeZone, bool* zoneOk = nullptr);

// The UTC instant at which local `date` `time` happens in `zone`, with the gap/overlap rules above.
QDateTime localToUtc(QDate date, QTime time, const QTimeZone& zone);

// The next instant strictly after `afterUtc` at which a check with this frequency runs, at `timeOfDay` local
// time in `timeZone`. Daily: every day. Weekly: on the anchor date's weekday. Monthly: on the anchor's day of
// month, clamped to the month's last day (anchor 31st -> Feb 28/29, Apr 30; anchor Feb 29 -> the 29th in
// months that have one, Feb 28 in common years). An invalid anchor uses the local date of `afterUtc`. The
// anchor only sets the phase: occurrences before it are not suppressed. Returns UTC.
QDateTime nextCheck(Frequency frequency, QTime timeOfDay, const QString& timeZone, const QDateTime& afterUtc,
                    QDate anchor, bool* zoneOk = nullptr);

// Whether the certificate with `notAfter` (UTC) should be renewed at `nowUtc`.
// - Renewal disabled: never due.
// - Days before expiry (renewWithinDays = N): dueAt = notAfter - N days; due when now >= dueAt.
// - On a date: dueAt = renewalDate at renewalTime in renewalTimeZone; due when now >= dueAt.
// - A valid CA window (start valid; end <= start is treated as a single instant) wins over both triggers:
//   dueAt = start + (seed mod window length in seconds). seed 0 gives the window start. Callers should pass a
//   stable per-certificate hash (e.g. of the serial) so the instant is random across certificates but does not
//   move between checks, as RFC 9773 asks of clients.
RenewalDecision renewalDue(const ProvisioningSchedule& schedule, const QDateTime& notAfter,
                           std::optional<RenewalWindow> window, const QDateTime& nowUtc, quint64 seed = 0);

// When a certificate renewed at `renewedAtUtc` should be deployed (UTC).
// - Deployment disabled: an invalid QDateTime (the certificate is issued but not deployed automatically).
// - Immediately after renewal: renewedAtUtc.
// - On a date: deploymentDate at deploymentTime in deploymentTimeZone, but never before renewedAtUtc (if that
//   moment has passed, or no date is set, renewedAtUtc).
QDateTime deploymentAt(const ProvisioningSchedule& schedule, const QDateTime& renewedAtUtc, bool* zoneOk = nullptr);

} // namespace certdeck::scheduling
