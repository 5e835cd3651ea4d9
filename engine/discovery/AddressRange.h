#pragma once

#include "engine/core/Result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>

namespace certdeck::discovery {

// The most targets (addresses x ports x server names) one network discovery accepts: 2^20.
inline constexpr quint64 kMaxScanTargets = quint64(1) << 20;

// One IPv4 or IPv6 address as bytes (network order), with arithmetic for walking a range.
struct IpAddress
{
    bool v6 = false;
    std::array<quint8, 16> bytes{}; // IPv4: the first 4

    static bool parse(const QString& text, IpAddress* out);
    QString toString() const;
    IpAddress plus(quint64 offset) const;
    // this - other, when `other` <= this and the difference fits; false otherwise.
    bool distanceFrom(const IpAddress& other, quint64* out) const;
};

// What one --range token names: a CIDR block ("10.0.0.0/24", "fd00::/120"), one address, an IPv4 range
// ("10.0.0.1-10.0.0.40" or "10.0.0.1-40"), or one host name (resolved when it is scanned).
class AddressRange
{
public:
    // Bad input names the token and says what is expected. Ranges with more than kMaxScanTargets addresses are
    // refused.
    static Result<AddressRange> parse(const QString& text);

    quint64 size() const { return m_hostName.isEmpty() ? m_count : 1; }
    // The i-th address (or the host name) as text; i < size(). Computed on demand: nothing is allocated per
    // address up front.
    QString at(quint64 index) const;
    const QString& text() const { return m_text; }

private:
    QString m_text;
    QString m_hostName;
    IpAddress m_first;
    quint64 m_count = 0;
};

// "443,8443,10000-10010": ports 1-65535, duplicates removed, in the order given.
Result<QList<int>> parsePortList(const QString& text);

// One endpoint to probe.
struct ScanTarget
{
    QString host; // address literal or host name
    int port = 0;
    QString serverName; // SNI; empty: none
};

// Every (address, port, server name) of some ranges, walked lazily by index: a /16 x 20 ports is never a list of
// a million strings.
class ScanPlan
{
public:
    // Each text of `ranges` may hold several tokens separated by commas or spaces. `serverNames` empty: one target
    // per address and port without SNI. Fails on the first bad token, or when the plan exceeds kMaxScanTargets.
    static Result<ScanPlan> make(const QStringList& ranges, const QString& ports, const QStringList& serverNames = {});
    static ScanPlan fromTargets(const QList<ScanTarget>& targets);

    quint64 total() const { return m_total; }
    ScanTarget at(quint64 index) const;
    const QList<int>& ports() const { return m_ports; }

private:
    QList<AddressRange> m_ranges;
    QList<quint64> m_rangeStarts; // cumulative address index at which each range begins
    quint64 m_addresses = 0;
    QList<int> m_ports;
    QStringList m_serverNames;
    QList<ScanTarget> m_explicit;
    quint64 m_total = 0;
};

} // namespace certdeck::discovery
