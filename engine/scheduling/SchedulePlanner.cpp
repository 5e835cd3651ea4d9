#include "engine/scheduling/SchedulePlanner.h"

#include <algorithm>

namespace certdeck::scheduling {

namespace {

constexpr qint64 secondsPerDay = 86400;

QString utcText(const QDateTime& instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString daysText(qint64 days)
{
    return days == 1 ? QStringLiteral("1 day") : QStringLiteral("%1 days").arg(days);
}

// Whole days from now until notAfter, rounded down ("29 days left" while 29.5 days remain).
QString timeLeftText(const QDateTime& nowUtc, const QDateTime& notAfter)
{
    const qint64 seconds = nowUtc.secsTo(notAfter);
    if (seconds >= 0) {
        return QStringLiteral("%1 left").arg(daysText(seconds / secondsPerDay));
    }
    return QStringLiteral("expired %1 ago").arg(daysText(-seconds / secondsPerDay));
}

QString unknownZoneNote(const QString& timeZone)
{
    return QStringLiteral(" (time zone \"%1\" is unknown, so UTC was used; choose a valid time zone in the "
                          "provisioning schedule)")
        .arg(timeZone);
}

RenewalDecision decideByWindow(const RenewalWindow& window, const QDateTime& nowUtc, quint64 seed)
{
    const QDateTime start = window.start.toUTC();
    const QDateTime end = window.end.isValid() ? window.end.toUTC() : start;
    const qint64 length = std::max<qint64>(0, start.secsTo(end));
    const qint64 offset = length > 0 ? static_cast<qint64>(seed % static_cast<quint64>(length)) : 0;

    RenewalDecision decision;
    decision.dueAt = start.addSecs(offset);
    decision.due = nowUtc >= decision.dueAt;
    const QString suggestion =
        QStringLiteral("The CA suggests renewing between %1 and %2").arg(utcText(start), utcText(end));
    decision.reason =
        decision.due
            ? QStringLiteral("%1; the planned time %2 has been reached").arg(suggestion, utcText(decision.dueAt))
            : QStringLiteral("%1; renewal planned for %2").arg(suggestion, utcText(decision.dueAt));
    return decision;
}

RenewalDecision decideByDaysBeforeExpiry(int renewWithinDays, const QDateTime& notAfter, const QDateTime& nowUtc)
{
    RenewalDecision decision;
    if (!notAfter.isValid()) {
        decision.reason = QStringLiteral("The certificate's expiry date is unknown, so renewal cannot be planned; "
                                         "import or re-read the certificate.");
        return decision;
    }
    const QDateTime expiry = notAfter.toUTC();
    decision.dueAt = expiry.addDays(-renewWithinDays);
    decision.due = nowUtc >= decision.dueAt;
    const QString rule =
        QStringLiteral("%1, renew %2 before expiry").arg(timeLeftText(nowUtc, expiry), daysText(renewWithinDays));
    decision.reason = decision.due ? rule : QStringLiteral("%1 (from %2)").arg(rule, utcText(decision.dueAt));
    return decision;
}

RenewalDecision decideOnDate(const ProvisioningSchedule& schedule, const QDateTime& nowUtc)
{
    RenewalDecision decision;
    if (!schedule.renewalDate.isValid()) {
        decision.reason =
            QStringLiteral("No renewal date is set; choose a date in the provisioning schedule (step 5).");
        return decision;
    }
    bool zoneOk = true;
    const QTimeZone zone = zoneOrUtc(schedule.renewalTimeZone, &zoneOk);
    const QTime time = schedule.renewalTime.isValid() ? schedule.renewalTime : QTime(0, 0);
    decision.dueAt = localToUtc(schedule.renewalDate, time, zone);
    decision.due = nowUtc >= decision.dueAt;
    const QString local = QStringLiteral("%1 %2 %3")
                              .arg(schedule.renewalDate.toString(Qt::ISODate), time.toString(QStringLiteral("HH:mm")),
                                   zoneOk ? schedule.renewalTimeZone : QStringLiteral("UTC"));
    decision.reason = decision.due
                          ? QStringLiteral("Renewal date %1 reached").arg(local)
                          : QStringLiteral("Renewal scheduled for %1 (%2)").arg(local, utcText(decision.dueAt));
    if (!zoneOk) {
        decision.reason += unknownZoneNote(schedule.renewalTimeZone);
    }
    return decision;
}

} // namespace

QTimeZone zoneOrUtc(const QString& timeZone, bool* zoneOk)
{
    QTimeZone zone(timeZone.trimmed().toUtf8());
    const bool valid = zone.isValid();
    if (zoneOk) {
        *zoneOk = valid;
    }
    return valid ? zone : QTimeZone::utc();
}

QDateTime localToUtc(QDate date, QTime time, const QTimeZone& zone)
{
    if (!date.isValid() || !time.isValid()) {
        return {};
    }
    // The wall-clock reading as if it were UTC; the true instant is wallClock - offset for the offset in force.
    const QDateTime wallClock(date, time, Qt::UTC);
    const QDateTime probeBefore = wallClock.addSecs(-secondsPerDay);
    const int offsetBefore = zone.offsetFromUtc(probeBefore);
    const int offsetAfter = zone.offsetFromUtc(wallClock.addSecs(secondsPerDay));

    std::optional<QDateTime> best;
    for (const int offset : {offsetBefore, offsetAfter}) {
        const QDateTime candidate = wallClock.addSecs(-offset);
        if (zone.offsetFromUtc(candidate) == offset && (!best || candidate < *best)) {
            best = candidate; // overlap: the earlier of the two valid readings wins
        }
    }
    if (best) {
        return *best;
    }
    // Gap: the wall-clock time is skipped; run when the clocks jump.
    const QTimeZone::OffsetData transition = zone.nextTransition(probeBefore);
    if (transition.atUtc.isValid()) {
        return transition.atUtc.toUTC();
    }
    return wallClock.addSecs(-offsetBefore);
}

QDateTime nextCheck(Frequency frequency, QTime timeOfDay, const QString& timeZone, const QDateTime& afterUtc,
                    QDate anchor, bool* zoneOk)
{
    const QTimeZone zone = zoneOrUtc(timeZone, zoneOk);
    if (!afterUtc.isValid()) {
        return {};
    }
    const QTime time = timeOfDay.isValid() ? timeOfDay : QTime(0, 0);
    // Start one local day early: near a transition the previous local date's run can still lie ahead.
    const QDate firstDate = afterUtc.toTimeZone(zone).date().addDays(-1);
    const QDate phase = anchor.isValid() ? anchor : firstDate.addDays(1);

    auto firstAfter = [&](QDate date) -> std::optional<QDateTime> {
        const QDateTime at = localToUtc(date, time, zone);
        if (at > afterUtc) {
            return at;
        }
        return std::nullopt;
    };

    switch (frequency) {
    case Frequency::Daily:
    case Frequency::Weekly:
        for (int day = 0; day < 16; ++day) {
            const QDate date = firstDate.addDays(day);
            if (frequency == Frequency::Weekly && date.dayOfWeek() != phase.dayOfWeek()) {
                continue;
            }
            if (const auto at = firstAfter(date)) {
                return *at;
            }
        }
        break;
    case Frequency::Monthly:
        for (int month = 0; month < 15; ++month) {
            const QDate first = QDate(firstDate.year(), firstDate.month(), 1).addMonths(month);
            const QDate date(first.year(), first.month(), std::min(phase.day(), first.daysInMonth()));
            if (const auto at = firstAfter(date)) {
                return *at;
            }
        }
        break;
    }
    return {};
}

RenewalDecision renewalDue(const ProvisioningSchedule& schedule, const QDateTime& notAfter,
                           std::optional<RenewalWindow> window, const QDateTime& nowUtc, quint64 seed)
{
    if (!schedule.renewalEnabled) {
        RenewalDecision decision;
        decision.reason = QStringLiteral("Automatic renewal is off; enable it in the provisioning schedule to "
                                         "renew this certificate automatically.");
        return decision;
    }
    if (window && window->start.isValid()) {
        return decideByWindow(*window, nowUtc.toUTC(), seed);
    }
    switch (schedule.renewalTrigger) {
    case RenewalTrigger::DaysBeforeExpiry:
        return decideByDaysBeforeExpiry(schedule.renewWithinDays, notAfter, nowUtc.toUTC());
    case RenewalTrigger::OnDate:
        return decideOnDate(schedule, nowUtc.toUTC());
    }
    return {};
}

QDateTime deploymentAt(const ProvisioningSchedule& schedule, const QDateTime& renewedAtUtc, bool* zoneOk)
{
    if (zoneOk) {
        *zoneOk = true;
    }
    if (!schedule.deploymentEnabled || !renewedAtUtc.isValid()) {
        return {};
    }
    const QDateTime renewedAt = renewedAtUtc.toUTC();
    if (schedule.deploymentTrigger == DeploymentTrigger::ImmediatelyAfterRenewal ||
        !schedule.deploymentDate.isValid()) {
        return renewedAt;
    }
    const QTimeZone zone = zoneOrUtc(schedule.deploymentTimeZone, zoneOk);
    const QTime time = schedule.deploymentTime.isValid() ? schedule.deploymentTime : QTime(0, 0);
    const QDateTime planned = localToUtc(schedule.deploymentDate, time, zone);
    return planned < renewedAt ? renewedAt : planned;
}

} // namespace certdeck::scheduling
