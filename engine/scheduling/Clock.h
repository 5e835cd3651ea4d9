#pragma once

#include <QDateTime>

#include <atomic>

namespace certdeck::scheduling {

// Where the scheduler reads "now" from. Tests and `certdeckctl scheduler run --now` use a FixedClock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
};

class SystemClock : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

// A clock that says what it is told (UTC). Settable from any thread.
class FixedClock : public Clock
{
public:
    explicit FixedClock(const QDateTime& nowUtc = QDateTime::currentDateTimeUtc()) { set(nowUtc); }
    QDateTime nowUtc() const override { return QDateTime::fromMSecsSinceEpoch(m_msecs.load(), Qt::UTC); }
    void set(const QDateTime& nowUtc) { m_msecs.store(nowUtc.toMSecsSinceEpoch()); }
    void advanceSecs(qint64 seconds) { m_msecs.fetch_add(seconds * 1000); }

private:
    std::atomic<qint64> m_msecs{0};
};

} // namespace certdeck::scheduling
